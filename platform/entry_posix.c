/* POSIX entry point: arguments are already bytes (UTF-8 on any sane system). */
#include "entry.h"

int main(int argc, char **argv)
{
	return tool_main(argc, argv);
}
