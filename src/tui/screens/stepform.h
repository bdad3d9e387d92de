/* The forms a case screen opens: one per workflow step, the investigation
 * record, and the printable one-time notice. */
#ifndef JZ_STEPFORM_H
#define JZ_STEPFORM_H

#include <stdint.h>

#include "core/domain/case.h"
#include "tui/ui.h"

/* Opens the step's form (forms/step*.ini, review.ini) on top of the case screen;
 * the step is taken when the form is saved. */
void stepform_open(struct ui *ui, int64_t app_id, int64_t version, const struct transition *t);
/* Opens forms/investigation.ini for a new investigation record. */
void investigation_form_open(struct ui *ui, int64_t app_id);
/* Writes the one-time notice of missing materials as an .xlsx and says where. */
void notice_export_run(struct ui *ui, int64_t app_id);

#endif
