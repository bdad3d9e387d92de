/* 临时救助急难型 (DOMAIN.md, 《临时救助》 urgent cases): the money is paid
 * first (先行救助) and the paperwork — the application's decision — is
 * completed afterwards, within [limits] urgent_paperwork working days of
 * the payment (the alert row "urgent_paperwork" in query/alerts.c). */
#ifndef JZ_URGENT_H
#define JZ_URGENT_H

#include <stdint.h>

#include "core/base/date.h"
#include "core/office/config.h"
#include "core/store/store.h"

/* Records that urgent application `id` (at `version`, -1: no check) was
 * paid `amount_fen` (> 0) on day `on` (DATE_NONE = today): only a 临时救助
 * application marked urgent, not yet decided nor withdrawn, paid on or
 * after its receipt and not in the future; once only. Clerks. */
int urgent_prepay(struct store *s, int64_t id, int64_t version, int64_t amount_fen, date_t on,
		  struct err *e);

/* The day by which the paperwork of an application paid on `paid_on` is
 * due (kind's urgent_paperwork working days after it). */
date_t urgent_paperwork_due(const struct config *cfg, const char *kind, date_t paid_on);

#endif
