#include "core/office/calendar.h"

#include <stdio.h>
#include <stdlib.h>

/* Lists grow by doubling; the struct has no capacity field, so the
 * capacity is implied by the count: 0 → 16, then every power of two. */
static int push(date_t **list, size_t *n, date_t d)
{
	size_t cap = *n;
	if (cap == 0 || (cap >= 16 && (cap & (cap - 1)) == 0)) {
		size_t want = cap == 0 ? 16 : cap * 2;
		date_t *p = realloc(*list, want * sizeof *p);
		if (p == NULL)
			return -1;
		*list = p;
	}
	(*list)[(*n)++] = d;
	return 0;
}

int calendar_add_off(struct calendar *c, date_t d)
{
	return push(&c->off, &c->n_off, d);
}

int calendar_add_work(struct calendar *c, date_t d)
{
	return push(&c->work, &c->n_work, d);
}

static int cmp_date(const void *a, const void *b)
{
	date_t x = *(const date_t *)a, y = *(const date_t *)b;
	return (x > y) - (x < y);
}

static void sort_unique(date_t *list, size_t *n)
{
	size_t i, j = 0;
	if (*n == 0)
		return;
	qsort(list, *n, sizeof *list, cmp_date);
	for (i = 1; i < *n; i++)
		if (list[i] != list[j])
			list[++j] = list[i];
	*n = j + 1;
}

void calendar_finish(struct calendar *c)
{
	/* Fewer entries after de-duplication still fit the capacity that
	 * push() infers from the count, so later additions stay safe. */
	sort_unique(c->off, &c->n_off);
	sort_unique(c->work, &c->n_work);
}

void calendar_free(struct calendar *c)
{
	free(c->off);
	free(c->work);
	c->off = c->work = NULL;
	c->n_off = c->n_work = 0;
}

static bool contains(const date_t *list, size_t n, date_t d)
{
	return n > 0 && bsearch(&d, list, n, sizeof *list, cmp_date) != NULL;
}

/* First index whose date is >= d. */
static size_t lower_bound(const date_t *list, size_t n, date_t d)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (list[mid] < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool weekend(date_t d)
{
	return date_weekday(d) >= 5;
}

/* A make-up workday wins over a holiday listed on the same day (the
 * configuration rejects such a pair; a hand-built calendar may not). */
bool calendar_is_workday(const struct calendar *c, date_t d)
{
	if (contains(c->work, c->n_work, d))
		return true;
	if (contains(c->off, c->n_off, d))
		return false;
	return !weekend(d);
}

date_t calendar_add_workdays(const struct calendar *c, date_t from, int n)
{
	int step = n < 0 ? -1 : 1;
	date_t d = from;
	while (n != 0) {
		d += step;
		if (calendar_is_workday(c, d))
			n -= step;
	}
	return d;
}

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* Monday-to-Friday days up to and including d, counted from an arbitrary
 * origin: only differences of it mean anything. */
static int64_t weekdays_upto(date_t d)
{
	int64_t t = (int64_t)d + 3;	/* 1970-01-01 was a Thursday */
	int64_t q = floor_div(t, 7);
	int64_t r = t - 7 * q;		/* 0 = Monday */
	return 5 * q + (r + 1 < 5 ? r + 1 : 5);
}

/* Working days in (a, b] for a <= b, without walking day by day: the
 * weekdays, less the holidays on weekdays, plus make-up days on weekends. */
static int count_forward(const struct calendar *c, date_t a, date_t b)
{
	int64_t n = weekdays_upto(b) - weekdays_upto(a);
	size_t i;
	for (i = lower_bound(c->off, c->n_off, a + 1);
	     i < c->n_off && c->off[i] <= b; i++)
		if (!weekend(c->off[i]) && !contains(c->work, c->n_work, c->off[i]))
			n--;
	for (i = lower_bound(c->work, c->n_work, a + 1);
	     i < c->n_work && c->work[i] <= b; i++)
		if (weekend(c->work[i]))
			n++;
	return (int)n;
}

int calendar_workdays_between(const struct calendar *c, date_t a, date_t b)
{
	return b >= a ? count_forward(c, a, b) : -count_forward(c, b, a);
}

bool calendar_covers(const struct calendar *c, date_t d)
{
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	return c->first_year <= y && y <= c->last_year;
}

void calendar_due_text(const struct calendar *c, date_t d, char out[CALENDAR_DAY_TEXT])
{
	char day[11];
	date_format(d, day);
	snprintf(out, CALENDAR_DAY_TEXT, "%s%s", day, calendar_covers(c, d) ? "" : "（暂按周末计算）");
}
