/* A small RFC 4180 reader over a buffer already in memory: fields separated
 * by commas, records by LF or CRLF, quoted fields with "" escapes and
 * embedded commas and line breaks. Line numbers count physical lines. */
#ifndef JZ_CSV_H
#define JZ_CSV_H

#include <stddef.h>

#include "core/base/err.h"

struct csv_reader {
	const char *p, *end;
	size_t line;		/* physical line of p, from 1 */
};

/* One record. Reused from call to call; fields point into buf. */
struct csv_record {
	char **fields;		/* n of them, NUL-terminated, owned via buf */
	size_t n;
	size_t line;		/* physical line where the record starts */
	char *buf;		/* owned */
	size_t len, cap;
	size_t *ends;		/* end offset of each field in buf, owned */
	size_t fields_cap;
};

/* The buffer must outlive the reader; it need not be NUL-terminated. */
void csv_init(struct csv_reader *r, const char *buf, size_t len);
/* Reads the next record into rec: 1 when one was read, 0 at the end of the
 * input, -1 on an unterminated quoted field (the message names its line). */
int csv_next(struct csv_reader *r, struct csv_record *rec, struct err *e);
void csv_record_free(struct csv_record *rec);

#endif
