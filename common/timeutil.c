#include "timeutil.h"

#include <stdio.h>

/* Howard Hinnant's days_from_civil: days since 1970-01-01 for any Gregorian date. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int64_t time_from_civil(int year, int month, int day, int hour, int min, int sec)
{
	return days_from_civil(year, month, day) * 86400 + hour * 3600 + min * 60 + sec;
}

void time_to_civil(int64_t t, int *year, int *month, int *day, int *hour, int *min, int *sec)
{
	int64_t days = t / 86400, rem = t % 86400, z, era, doe, yoe, y, doy, mp;
	if (rem < 0) {
		rem += 86400;
		days--;
	}
	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*day = (int)(doy - (153 * mp + 2) / 5 + 1);
	*month = (int)(mp < 10 ? mp + 3 : mp - 9);
	*year = (int)(y + (*month <= 2));
	*hour = (int)(rem / 3600);
	*min = (int)(rem % 3600 / 60);
	*sec = (int)(rem % 60);
}

int time_valid(int year, int month, int day, int hour, int min, int sec)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1)
		return 0;
	if (day > mdays[month - 1] + (month == 2 && leap))
		return 0;
	return hour >= 0 && hour < 24 && min >= 0 && min < 60 && sec >= 0 && sec < 60;
}

/* Reads exactly n decimal digits. */
static int digits(const char *s, int n, int *out)
{
	int v = 0, i;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int time_parse_date(const char *s, int *year, int *month, int *day)
{
	if (digits(s, 4, year) || s[4] != '-' || digits(s + 5, 2, month) || s[7] != '-' ||
	    digits(s + 8, 2, day) || s[10] != '\0')
		return -1;
	return time_valid(*year, *month, *day, 0, 0, 0) ? 0 : -1;
}

int time_parse_iso(const char *s, int64_t *out)
{
	int y, mo, d, h, mi, se;
	if (digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) || s[7] != '-' ||
	    digits(s + 8, 2, &d) || s[10] != 'T' || digits(s + 11, 2, &h) || s[13] != ':' ||
	    digits(s + 14, 2, &mi) || s[16] != ':' || digits(s + 17, 2, &se) || s[19] != 'Z' ||
	    s[20] != '\0')
		return -1;
	if (!time_valid(y, mo, d, h, mi, se))
		return -1;
	*out = time_from_civil(y, mo, d, h, mi, se);
	return 0;
}

void time_format_iso(int64_t t, char buf[21])
{
	int y, mo, d, h, mi, se;
	time_to_civil(t, &y, &mo, &d, &h, &mi, &se);
	if (y < 0 || y > 9999)
		y = 0; /* keeps the format fixed-width; callers range-check first */
	(void)snprintf(buf, 21, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d, h, mi, se);
}
