/* The window of a list: fetches, scrolling, selection (no curses). */
#include <stdlib.h>
#include <string.h>

#include "tui/widgets/listmodel.h"
#include "tui/xalloc.h"

void lm_init(struct listmodel *m, size_t row_size, lm_fetch_fn fetch, void *ctx)
{
	memset(m, 0, sizeof *m);
	m->row_size = row_size;
	m->fetch = fetch;
	m->ctx = ctx;
	m->cursor = true;
}

void lm_free(struct listmodel *m)
{
	free(m->rows);
	free(m->spare);
	m->rows = m->spare = NULL;
	m->cap = m->n = 0;
}

static char *at(const struct listmodel *m, char *base, int i)
{
	return base + (size_t)i * m->row_size;
}

const void *lm_row(const struct listmodel *m, int i)
{
	return i >= 0 && i < m->n ? at(m, m->rows, i) : NULL;
}

const void *lm_selected(const struct listmodel *m)
{
	return lm_row(m, m->sel);
}

static void clamp_sel(struct listmodel *m)
{
	if (m->sel >= m->n)
		m->sel = m->n - 1;
	if (m->sel < 0)
		m->sel = 0;
}

/* One fetch into spare; on failure keeps the message and returns -1. */
static int get(struct listmodel *m, enum lm_dir dir, const void *anchor, int max, int *got)
{
	*got = 0;
	if (max <= 0)
		return 0;
	if (m->fetch(m->ctx, dir, anchor, m->spare, max, got, &m->error) != 0) {
		m->failed = true;
		*got = 0;
		return -1;
	}
	m->failed = false;
	return 0;
}

/* Replaces the window by a fresh fetch. */
static void fill(struct listmodel *m, enum lm_dir dir, const void *anchor)
{
	int got;
	if (get(m, dir, anchor, m->height, &got) != 0 && dir != LM_AT)
		m->n = 0;
	if (m->failed)
		return;
	memcpy(m->rows, m->spare, (size_t)got * m->row_size);
	m->n = got;
	if (dir != LM_AT)
		m->top = dir == LM_FIRST ? 0 : -1;
}

/* Keeps the count of rows above the window: moved by d, or 0 when the
 * window reached the start. */
static void count_top(struct listmodel *m, int d, bool at_start)
{
	if (at_start)
		m->top = 0;
	else if (m->top >= 0)
		m->top = m->top + d > 0 ? m->top + d : 0;
}

/* Moves the window k rows (down when k > 0) with one fetch; returns how
 * many rows it moved. A window not yet full grows instead. */
static int scroll(struct listmodel *m, int k)
{
	int got, want = k > 0 ? k : -k;
	if (m->n == 0 || get(m, k > 0 ? LM_AFTER : LM_BEFORE,
			      at(m, m->rows, k > 0 ? m->n - 1 : 0), want, &got) != 0)
		return 0;
	int keep = m->n + got > m->height ? m->height - got : m->n;
	size_t rs = m->row_size;
	count_top(m, k > 0 ? m->n - keep : -got, k < 0 && got < want);
	if (k > 0) {
		memmove(m->rows, at(m, m->rows, m->n - keep), (size_t)keep * rs);
		memcpy(at(m, m->rows, keep), m->spare, (size_t)got * rs);
	} else {
		memmove(at(m, m->rows, got), m->rows, (size_t)keep * rs);
		memcpy(m->rows, m->spare, (size_t)got * rs);
	}
	m->n = keep + got;
	return got;
}

void lm_first(struct listmodel *m)
{
	fill(m, LM_FIRST, NULL);
	m->sel = 0;
}

void lm_last(struct listmodel *m)
{
	fill(m, LM_LAST, NULL);
	m->sel = m->n - 1;
	clamp_sel(m);
}

void lm_reload(struct listmodel *m)
{
	if (m->n == 0) {
		lm_first(m);
		return;
	}
	char top[m->row_size];	/* fill overwrites the rows: keep the anchor */
	memcpy(top, m->rows, m->row_size);
	fill(m, LM_AT, top);
	if (m->failed)
		return;
	if (m->n == 0) {	/* the top row and all below it are gone */
		lm_last(m);
		return;
	}
	if (m->n < m->height)	/* fewer rows now: fill from above */
		m->sel += scroll(m, -(m->height - m->n));
	clamp_sel(m);
}

void lm_resize(struct listmodel *m, int height)
{
	if (height < 1)
		height = 1;
	if (height > m->cap) {
		m->rows = xrealloc(m->rows, (size_t)height * m->row_size);
		m->spare = xrealloc(m->spare, (size_t)height * m->row_size);
		m->cap = height;
	}
	if (m->sel >= height) {	/* keep the selected row on the screen */
		int drop = m->sel - height + 1;
		memmove(m->rows, at(m, m->rows, drop), (size_t)(m->n - drop) * m->row_size);
		m->n -= drop;
		m->sel -= drop;
	}
	if (m->n > height)
		m->n = height;
	m->height = height;
	lm_reload(m);
}

void lm_down(struct listmodel *m)
{
	if (m->cursor && m->sel < m->n - 1)
		m->sel++;
	else if (scroll(m, 1) == 1)
		m->sel = m->cursor ? m->n - 1 : m->sel;
	else if (m->wrap && !m->failed)
		lm_first(m);
}

void lm_up(struct listmodel *m)
{
	if (m->cursor && m->sel > 0)
		m->sel--;
	else if (scroll(m, -1) == 1)
		m->sel = 0;
	else if (m->wrap && !m->failed)
		lm_last(m);
}

/* A page is the height less one row, so one row stays in view; at an end
 * the selection goes the rest of the way. */
static void page(struct listmodel *m, int dir)
{
	int step = m->height > 1 ? m->height - 1 : 1;
	int moved = scroll(m, dir * step);
	if (m->cursor)
		m->sel += dir * (step - moved);
	clamp_sel(m);
}

void lm_page_down(struct listmodel *m)
{
	page(m, 1);
}

void lm_page_up(struct listmodel *m)
{
	page(m, -1);
}

void lm_select(struct listmodel *m, int i)
{
	m->sel = i;
	clamp_sel(m);
}

void lm_goto(struct listmodel *m, const void *anchor)
{
	char key[m->row_size];
	memcpy(key, anchor, m->row_size);
	fill(m, LM_AT, key);
	m->top = -1;
	m->sel = 0;
	if (!m->failed && m->n < m->height)
		m->sel += scroll(m, -(m->height - m->n));
	clamp_sel(m);
}

int lm_index_fetch(void *ctx, enum lm_dir dir, const void *anchor, void *out, int max, int *n,
		   struct err *e)
{
	(void)e;
	int count = *(const int *)ctx, a = anchor != NULL ? *(const int *)anchor : 0;
	int from = dir == LM_FIRST ? 0 : dir == LM_LAST ? count - max : dir == LM_AFTER ? a + 1
		 : dir == LM_BEFORE ? a - max : a;
	int to = dir == LM_BEFORE ? a : from + max;
	if (from < 0)
		from = 0;
	if (to > count)
		to = count;
	int *rows = out;
	*n = 0;
	for (int i = from; i < to; i++)
		rows[(*n)++] = i;
	return 0;
}

enum page_dir lm_page_dir(enum lm_dir dir)
{
	return dir == LM_LAST || dir == LM_BEFORE ? PAGE_BEFORE : dir == LM_AT ? PAGE_FROM : PAGE_AFTER;
}
