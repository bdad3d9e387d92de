/* Demonstration requests for help and their referrals (转办), for
 * demo_generate: spread over the last half year, in every state — a
 * request not yet referred, referrals waiting, overdue, answered in time
 * and late, withdrawn, requests closed. Written inside demo_generate's
 * transaction through the ordinary write path. */
#ifndef JZ_DEMO_REFERRAL_H
#define JZ_DEMO_REFERRAL_H

#include <stddef.h>

#include "core/office/catalogue.h"
#include "core/office/config.h"
#include "core/store/store.h"

/* About one request per 50 households (at least 8); nothing on a store
 * without the referral tables (an older version, in migration tests). */
int demo_referrals(struct store *s, const struct config *cfg, const struct catalogue *cat,
		   size_t n_households, unsigned seed, struct err *e);

#endif
