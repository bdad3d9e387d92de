/* 特困人员供养's own rules (《特困人员认定办法》): the township's initial
 * opinion within 15 working days of acceptance and the county's
 * confirmation within 15 are limits of [limits.tekun] (alerts.c reads
 * them); and when support ends, the end is publicised for 7 days
 * (publicity_days, counted as [periods] says) before it takes effect.
 *
 * The end of support itself is the periodic review's outcome (动态管理):
 * that step calls tekun_end_publicity_in_tx in its own transaction; the
 * alert row "tekun_end" then asks for the end to be confirmed once the
 * period is over, for as long as the case is still approved or announced. */
#ifndef JZ_TEKUN_H
#define JZ_TEKUN_H

#include <stdint.h>

#include "core/base/date.h"
#include "core/office/config.h"
#include "core/store/store.h"

/* Posts the end of 特困 support of application `id` on day `posted`
 * (DATE_NONE = today) for publicity_days: records end_publicity_from/to,
 * *until (may be NULL) gets the last day. Only an approved or announced
 * 特困 case, not already being publicised, posted on or after its
 * decision and not in the future. Clerks. Inside the caller's transaction. */
int tekun_end_publicity_in_tx(struct store *s, const struct config *cfg, int64_t id,
			      date_t posted, date_t *until, struct err *e);
/* The same in its own transaction. */
int tekun_end_publicity(struct store *s, const struct config *cfg, int64_t id, date_t posted,
			date_t *until, struct err *e);

#endif
