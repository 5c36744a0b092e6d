#ifndef ACSKIT_VERSION_H
#define ACSKIT_VERSION_H
#define ACSKIT_VERSION "0.1.0"
#endif
