/* The forms of 1 受理登记: a new household with its head, members added,
 * corrected or leaving, the household corrected, and an application
 * registered or its facts corrected. Each opens a form (formview) and
 * hands the values to one core function. */
#ifndef JZ_HHFORMS_H
#define JZ_HHFORMS_H

#include "core/query/hhview.h"
#include "tui/ui.h"

/* The household form, then its head's: both saved in one transaction, or
 * both kept as drafts. */
void hhform_new_household(struct ui *ui);
void hhform_add_member(struct ui *ui, const struct hh_view *v);
void hhform_correct_member(struct ui *ui, const struct hh_view *v, const struct hh_member *m);
void hhform_member_leaves(struct ui *ui, const struct hh_view *v, const struct hh_member *m);
void hhform_correct_household(struct ui *ui, const struct hh_view *v);
void hhform_new_application(struct ui *ui, const struct hh_view *v);
/* The application a request for help becomes, applicant `applicant` (0:
 * the head); saved with the request's link to it in one transaction. */
void hhform_request_application(struct ui *ui, const struct hh_view *v, int64_t request,
				int64_t request_version, int64_t applicant);
void hhform_correct_application(struct ui *ui, const struct hh_view *v, int64_t app_id);

#endif
