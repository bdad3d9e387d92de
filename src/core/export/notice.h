/* The notices handed to an applicant, as .xlsx files to print: the
 * one-time notice (一次性告知书) of missing materials, and the written
 * refusal (不予确认通知书) with its reason and the applicant's remedies. */
#ifndef JZ_NOTICE_H
#define JZ_NOTICE_H

#include <stdint.h>

#include "core/base/date.h"
#include "core/office/catalogue.h"
#include "core/office/config.h"
#include "core/store/store.h"

/* Writes the one-time notice of application `id` (which must have had
 * one): the kind, each missing item on its own row as it was recorded,
 * the deadline and a receipt line for the applicant. */
int notice_write(struct store *s, const struct config *cfg, const struct catalogue *cat,
		 int64_t id, const char *path, struct err *e);

/* Writes the refusal notice of application `id` (which must be refused),
 * dated the day the notice was recorded, else `on` (DATE_NONE = today). */
int notice_refusal_write(struct store *s, const struct config *cfg, const struct catalogue *cat,
			 int64_t id, date_t on, const char *path, struct err *e);

#endif
