/* The forms of a referral's steps (登记反馈, 撤回) and of closing a request,
 * shared by the 转办 lists and one request's screen. */
#ifndef JZ_REFERFORMS_H
#define JZ_REFERFORMS_H

#include "core/query/referrals.h"
#include "tui/ui.h"
#include "tui/widgets/list.h"

/* The referral list's columns (both screens list referrals); cells NULL:
 * referral_row_cells, for lists whose rows are struct referral_row. */
void referral_list_columns(struct list *l, list_cells_fn cells, void *ctx);
void referral_row_cells(struct ui *ui, void *ctx, const void *row, bool selected,
			struct list_cell *c);

/* step: "reply" or "withdraw"; version of the referral (-1: no check). */
void referform_step(struct ui *ui, const struct referral_row *r, int64_t version, const char *step);
void referform_close(struct ui *ui, int64_t request_id, int64_t version, const char *name);

#endif
