/* Each program defines tool_main; entry_posix.c / entry_win32.c call it with the
 * arguments in UTF-8 (converted once from UTF-16 on Windows, like git's mingw.c). */
#ifndef ACSKIT_ENTRY_H
#define ACSKIT_ENTRY_H
int tool_main(int argc, char **argv);
#endif
