/* The forms a case screen opens: one per workflow step, the investigation
 * and 民主评议 records, and the printable notices. */
#ifndef JZ_STEPFORM_H
#define JZ_STEPFORM_H

#include <stdint.h>

#include "core/domain/case.h"
#include "core/query/caseview.h"
#include "tui/ui.h"

/* Opens the step's form (forms/step*.ini, review.ini) on top of the case
 * screen, prefilled from the case (the missing materials, the proposed
 * amount); the step is taken when the form is saved. */
void stepform_open(struct ui *ui, const struct case_view *v, const struct transition *t);
/* Opens forms/investigation.ini for a new investigation record. */
void investigation_form_open(struct ui *ui, int64_t app_id);
/* Opens forms/deliberation.ini for a 民主评议 record. */
void deliberation_form_open(struct ui *ui, int64_t app_id);
/* Opens forms/prepay.ini: an urgent 临时救助 paid first (先行救助). */
void prepay_form_open(struct ui *ui, int64_t app_id);
/* Writes the one-time notice of missing materials, or the written refusal
 * (不予确认通知书), as an .xlsx next to the store and says where. */
void notice_export_run(struct ui *ui, int64_t app_id);
/* Where a printed file goes: next to the store, where the office keeps its
 * files, as "WHAT-ID.xlsx". */
void notice_path(struct ui *ui, const char *what, int64_t id, char *out, size_t size);
void refusal_export_run(struct ui *ui, int64_t app_id);

#endif
