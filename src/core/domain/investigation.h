/* Household investigation records (入户调查) and their attachments, each
 * file kept by path with its SHA-256 so a later change to it shows. */
#ifndef JZ_INVESTIGATION_H
#define JZ_INVESTIGATION_H

#include <stdint.h>

#include "core/store/store.h"

struct investigation_in {
	date_t visited_on;
	const char *visitors;
	const char *findings;
	int64_t monthly_income;		/* fen */
	const char *assets;
	const char *attachments;	/* paths separated by commas; may be NULL */
};

/* Adds a record and its attachments in one transaction. An attachment
 * that cannot be read fails the whole record, naming the file. */
int investigation_add(struct store *s, int64_t app_id, const struct investigation_in *in,
		      int64_t *id, struct err *e);
/* A 民主评议 (community review) of the case: when, who took part, the
 * outcome. After an objection the next initial review needs one of these
 * or a new investigation (case.c). Also a line of the case timeline. */
struct deliberation_in {
	date_t held_on;
	const char *participants;
	const char *outcome;
};
int deliberation_add(struct store *s, int64_t app_id, const struct deliberation_in *in,
		     int64_t *id, struct err *e);

/* The SHA-256 of a file as 64 hex digits. */
int file_sha256(const char *path, char hex[65], struct err *e);

#endif
