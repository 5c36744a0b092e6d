#ifndef ACSKIT_VERSION_H
#define ACSKIT_VERSION_H
/* One version for both tools; the numeric parts feed the Windows version
 * resource (platform/win32res/version.rc). */
#define ACSKIT_VERSION_MAJOR 0
#define ACSKIT_VERSION_MINOR 1
#define ACSKIT_VERSION_PATCH 0
#define ACSKIT_VERSION "0.1.0"
#endif
