/* Working days: weekends and public holidays are off, make-up workdays
 * (调休) are on. The lists come from tuiconfig.ini. */
#ifndef JZ_CALENDAR_H
#define JZ_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/date.h"

struct calendar {
	date_t *off;	/* public holidays, sorted, owned */
	size_t n_off;
	date_t *work;	/* make-up workdays on weekends, sorted, owned */
	size_t n_work;
	int first_year, last_year;	/* years the lists cover */
};

/* Adds one day to a list; calendar_finish sorts and de-duplicates. */
int calendar_add_off(struct calendar *c, date_t d);
int calendar_add_work(struct calendar *c, date_t d);
void calendar_finish(struct calendar *c);
void calendar_free(struct calendar *c);

bool calendar_is_workday(const struct calendar *c, date_t d);
/* The date that is n working days after `from`; `from` itself is day 0, so
 * n == 0 returns `from` and n == 1 the next working day. n < 0 counts back. */
date_t calendar_add_workdays(const struct calendar *c, date_t from, int n);
/* Working days d with a < d <= b (negative, counted the same way, if b < a).
 * calendar_add_workdays(c, a, calendar_workdays_between(c, a, b)) == b when
 * b is a working day. */
int calendar_workdays_between(const struct calendar *c, date_t a, date_t b);
/* True when the calendar has data for the year of d (for warnings). */
bool calendar_covers(const struct calendar *c, date_t d);

/* "YYYY-MM-DD", and for a working-day due date in a year the calendar does
 * not cover "YYYY-MM-DD（暂按周末计算）": until the State Council publishes
 * that year's holidays the date is provisional and must say so. */
#define CALENDAR_DAY_TEXT 48
void calendar_due_text(const struct calendar *c, date_t d, char out[CALENDAR_DAY_TEXT]);

#endif
