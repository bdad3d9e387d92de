/* The one-time notice (一次性告知书) of missing materials, as an .xlsx to
 * print and hand to the applicant. */
#ifndef JZ_NOTICE_H
#define JZ_NOTICE_H

#include <stdint.h>

#include "core/office/config.h"
#include "core/store/store.h"

/* Writes the notice of application `id` (which must have had one) to path. */
int notice_write(struct store *s, const struct config *cfg, int64_t id, const char *path,
		 struct err *e);

#endif
