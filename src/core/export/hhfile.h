/* 户档案: one household's file as one .xlsx to print — its roll rows
 * (kind, amount, since, state, end) on the first sheet and its whole
 * history (applications' steps, roll changes, reviews, re-certifications)
 * on the second; ID numbers never printed. */
#ifndef JZ_HHFILE_H
#define JZ_HHFILE_H

#include <stdint.h>

#include "core/office/catalogue.h"
#include "core/office/config.h"
#include "core/store/store.h"

int hhfile_write(struct store *s, const struct config *cfg, const struct catalogue *cat,
		 int64_t household_id, const char *path, struct err *e);

#endif
