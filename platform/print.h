/* Formatted output for the programs (common/ never prints). */
#ifndef ACSKIT_PRINT_H
#define ACSKIT_PRINT_H

#if defined(__GNUC__)
#define PRINT_FMT(a, b) __attribute__((format(printf, a, b)))
#else
#define PRINT_FMT(a, b)
#endif

/* printf to standard output, UTF-8, through plat_write_text. */
void say(const char *fmt, ...) PRINT_FMT(1, 2);
/* printf to standard error, prefixed "<program>: " and ended with a newline. */
void complain(const char *fmt, ...) PRINT_FMT(1, 2);
/* The last message complain() printed (without prefix or newline), "" if none:
 * the --json report carries it. */
const char *print_last_complaint(void);
/* Replaces what print_last_complaint returns (the runner keeps the JSON
 * report's error in English when it complains in another language). */
void print_set_last_complaint(const char *text);
/* Sets the program name complain() prefixes. */
void print_set_program(const char *name);

#endif
