#include "core/base/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Howard Hinnant's days_from_civil / civil_from_days. */
date_t date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153u * (unsigned)(m + (m > 2 ? -3 : 9)) + 2) / 5 + (unsigned)d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (date_t)(era * 146097 + (int)doe - 719468);
}

void date_to_ymd(date_t z, int *y, int *m, int *d)
{
	int zz = z + 719468;
	int era = (zz >= 0 ? zz : zz - 146096) / 146097;
	unsigned doe = (unsigned)(zz - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int yy = (int)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned dd = doy - (153 * mp + 2) / 5 + 1;
	unsigned mm = mp < 10 ? mp + 3 : mp - 9;
	*y = yy + (mm <= 2);
	*m = (int)mm;
	*d = (int)dd;
}

bool date_valid_ymd(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1800 || y > 9999 || m < 1 || m > 12 || d < 1)
		return false;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

int date_weekday(date_t d)
{
	/* 1970-01-01 was a Thursday (3). */
	int w = (d + 3) % 7;
	return w < 0 ? w + 7 : w;
}

int date_parse(const char *t, date_t *out)
{
	if (t == NULL || strlen(t) != 10 || t[4] != '-' || t[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (t[i] < '0' || t[i] > '9'))
			return -1;
	/* The digits are checked: arithmetic, not atoi (an export parses one
	 * date per cell, 600,000 for the case register of 100,000 rows). */
	int y = ((t[0] - '0') * 10 + (t[1] - '0')) * 100 + (t[2] - '0') * 10 + (t[3] - '0');
	int m = (t[5] - '0') * 10 + (t[6] - '0'), d = (t[8] - '0') * 10 + (t[9] - '0');
	if (!date_valid_ymd(y, m, d))
		return -1;
	*out = date_from_ymd(y, m, d);
	return 0;
}

void date_format(date_t d, char out[11])
{
	int y, m, dd;
	if (d == DATE_NONE) {
		out[0] = '\0';
		return;
	}
	date_to_ymd(d, &y, &m, &dd);
	/* Digit by digit: y is 0..9999, m 1..12, dd 1..31 by construction. */
	unsigned uy = (unsigned)y % 10000;
	out[0] = (char)('0' + uy / 1000);
	out[1] = (char)('0' + uy / 100 % 10);
	out[2] = (char)('0' + uy / 10 % 10);
	out[3] = (char)('0' + uy % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + dd / 10);
	out[9] = (char)('0' + dd % 10);
	out[10] = '\0';
}

date_t date_today(void)
{
	const char *fixed = getenv("JIUZHU_TODAY");
	date_t d;
	if (fixed != NULL && date_parse(fixed, &d) == 0)
		return d;
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

date_t date_add_months(date_t d, int n)
{
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	int k = y * 12 + (m - 1) + n;
	y = k / 12;
	m = k % 12 + 1;
	while (day > 28 && !date_valid_ymd(y, m, day))
		day--;
	return date_from_ymd(y, m, day);
}
