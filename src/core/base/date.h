/* Calendar dates as whole days since 1970-01-01 (proleptic Gregorian),
 * so that date arithmetic is integer arithmetic. */
#ifndef JZ_DATE_H
#define JZ_DATE_H

#include <stdbool.h>
#include <stdint.h>

typedef int32_t date_t;

#define DATE_NONE INT32_MIN

date_t date_from_ymd(int y, int m, int d);
void date_to_ymd(date_t d, int *y, int *m, int *day);
bool date_valid_ymd(int y, int m, int d);
/* 0 = Monday … 6 = Sunday */
int date_weekday(date_t d);
/* Parses exactly YYYY-MM-DD; returns 0, or -1 when the text is not a real date. */
int date_parse(const char *text, date_t *out);
/* Writes YYYY-MM-DD (11 bytes with the NUL). */
void date_format(date_t d, char out[11]);
/* Today in local time, or the date in $JIUZHU_TODAY (YYYY-MM-DD) when set,
 * so tests and demonstrations can fix the day. */
date_t date_today(void);
/* d plus n calendar months, the day kept or cut to the month's last
 * (2026-01-31 + 1 month = 2026-02-28). */
date_t date_add_months(date_t d, int n);

#endif
