/* Live statistics for the 统计查询 screen: counts of applications by
 * village × state and by kind × state, and the amounts paid per month by
 * kind. Each table is one grouped, indexed query; the screen only draws. */
#ifndef JZ_STATS_H
#define JZ_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "core/office/catalogue.h"
#include "core/base/err.h"
#include "core/store/store.h"

/* A table of numbers with labelled rows and columns. The last row is the
 * 合计 row; tables of counts also end with a 合计 column. */
struct stats_table {
	char corner[32];	/* header of the label column */
	char (*row)[96];	/* owned: n_rows labels */
	char (*col)[48];	/* owned: n_cols labels */
	size_t n_rows, n_cols;
	int64_t *v;		/* owned: n_rows * n_cols values */
	int money_col;		/* this column holds fen (分); -1: none */
};

/* Rows: every village of the store (a county store: "乡镇村"), columns:
 * every state in workflow order. */
int stats_village_state(struct store *s, struct stats_table *t, struct err *e);
/* Rows: every kind of the catalogue (and any other code found). */
int stats_kind_state(struct store *s, const struct catalogue *cat,
		     struct stats_table *t, struct err *e);
/* Rows: kinds; columns: 件数 and 金额 of the approved and announced
 * applications (amount is what is paid each month). */
int stats_paid_by_kind(struct store *s, const struct catalogue *cat,
		       struct stats_table *t, struct err *e);

void stats_free(struct stats_table *t);

static inline int64_t stats_at(const struct stats_table *t, size_t r, size_t c)
{
	return t->v[r * t->n_cols + c];
}

#endif
