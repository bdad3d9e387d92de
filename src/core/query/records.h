/* The investigation records (入户调查) and 民主评议 of a case, to be read
 * on the case screen: the list, and one record with its attachments. */
#ifndef JZ_RECORDS_H
#define JZ_RECORDS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/store/store.h"

struct case_record {
	int64_t id;
	bool deliberation;	/* 民主评议, else an investigation */
	char on[11];
	char who[256];		/* visitors, or who took part */
	char text[2048];	/* findings, or the outcome */
	int64_t income;		/* fen: monthly income found (investigations) */
	char assets[1024];
	int attachments;
};

struct case_attachment {
	char path[512];
	char sha256[65];
	char added[11];
};

/* The records of application `app_id` by date, up to max. */
int records_of_case(struct store *s, int64_t app_id, struct case_record *out, int max, int *n,
		    struct err *e);
/* The attachments of investigation `inv_id`, up to max. */
int records_attachments(struct store *s, int64_t inv_id, struct case_attachment *out, int max,
			int *n, struct err *e);

#endif
