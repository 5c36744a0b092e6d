/* Calendar arithmetic in UTC without the C library's time zone state
 * (timegm is not portable; mktime uses local time). */
#ifndef ACSKIT_TIMEUTIL_H
#define ACSKIT_TIMEUTIL_H

#include <stdint.h>

/* Seconds since 1970-01-01T00:00:00Z of a proleptic Gregorian UTC date and time.
 * Fields are not range-checked here; see time_valid. */
int64_t time_from_civil(int year, int month, int day, int hour, int min, int sec);
/* Splits seconds since the epoch into UTC fields. */
void time_to_civil(int64_t t, int *year, int *month, int *day, int *hour, int *min, int *sec);
/* Returns 1 if the fields name a real date and time (no leap seconds), else 0. */
int time_valid(int year, int month, int day, int hour, int min, int sec);
/* Parses exactly "YYYY-MM-DDTHH:MM:SSZ" (20 bytes). Returns 0 and *out, or -1. */
int time_parse_iso(const char *s, int64_t *out);
/* Formats t as "YYYY-MM-DDTHH:MM:SSZ" into buf (at least 21 bytes). */
void time_format_iso(int64_t t, char buf[21]);
/* Parses exactly "YYYY-MM-DD" (10 bytes) as a real date. Returns 0 or -1. */
int time_parse_date(const char *s, int *year, int *month, int *day);

#endif
