#include "core/base/csv.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

void csv_init(struct csv_reader *r, const char *buf, size_t len)
{
	r->p = buf;
	r->end = buf + len;
	r->line = 1;
}

void csv_record_free(struct csv_record *rec)
{
	free(rec->fields);
	free(rec->buf);
	free(rec->ends);
	memset(rec, 0, sizeof *rec);
}

static int put_char(struct csv_record *rec, char c)
{
	if (rec->len == rec->cap) {
		size_t cap = rec->cap ? rec->cap * 2 : 256;
		char *b = realloc(rec->buf, cap);
		if (b == NULL)
			return -1;
		rec->buf = b;
		rec->cap = cap;
	}
	rec->buf[rec->len++] = c;
	return 0;
}

/* Ends the current field: a NUL in buf and its end offset remembered
 * (pointers are made at the end, once buf has stopped moving). */
static int end_field(struct csv_record *rec)
{
	if (put_char(rec, '\0') != 0)
		return -1;
	if (rec->n == rec->fields_cap) {
		size_t cap = rec->fields_cap ? rec->fields_cap * 2 : 16;
		size_t *ends = realloc(rec->ends, cap * sizeof *ends);
		if (ends == NULL)
			return -1;
		rec->ends = ends;
		char **f = realloc(rec->fields, cap * sizeof *f);
		if (f == NULL)
			return -1;
		rec->fields = f;
		rec->fields_cap = cap;
	}
	rec->ends[rec->n++] = rec->len;
	return 0;
}

static void make_pointers(struct csv_record *rec)
{
	size_t start = 0;
	for (size_t i = 0; i < rec->n; i++) {
		rec->fields[i] = rec->buf + start;
		start = rec->ends[i];
	}
}

/* At a line break (LF, CRLF or a lone CR): steps over it and counts it. */
static bool line_break(struct csv_reader *r)
{
	if (*r->p == '\n') {
		r->p++;
	} else if (*r->p == '\r') {
		r->p++;
		if (r->p < r->end && *r->p == '\n')
			r->p++;
	} else {
		return false;
	}
	r->line++;
	return true;
}

/* A quoted field from just after its opening quote to just after the
 * closing one. Line breaks inside are kept as LF. */
static int quoted(struct csv_reader *r, struct csv_record *rec, struct err *e)
{
	for (;;) {
		if (r->p >= r->end)
			return err_set(e, "第 %zu 行：引号没有闭合（从这一行开始的带引号字段一直到文件末尾）",
				       rec->line);
		if (*r->p == '"') {
			r->p++;
			if (r->p < r->end && *r->p == '"') {
				r->p++;
				if (put_char(rec, '"') != 0)
					return err_set(e, "内存不足");
				continue;
			}
			return 0;
		}
		char c = *r->p;
		if (line_break(r))
			c = '\n';
		else
			r->p++;
		if (put_char(rec, c) != 0)
			return err_set(e, "内存不足");
	}
}

int csv_next(struct csv_reader *r, struct csv_record *rec, struct err *e)
{
	rec->n = 0;
	rec->len = 0;
	rec->line = r->line;
	if (r->p >= r->end)
		return 0;
	bool at_field_start = true;
	for (;;) {
		if (r->p >= r->end || line_break(r))
			break;
		char c = *r->p;
		if (c == ',') {
			r->p++;
			if (end_field(rec) != 0)
				return err_set(e, "内存不足");
			at_field_start = true;
			continue;
		}
		if (c == '"' && at_field_start) {
			r->p++;
			if (quoted(r, rec, e) != 0)
				return -1;
			at_field_start = false;
			continue;
		}
		/* Anything else, a stray quote or text after a closing quote
		 * included, is kept as it is, as spreadsheets do. */
		r->p++;
		at_field_start = false;
		if (put_char(rec, c) != 0)
			return err_set(e, "内存不足");
	}
	if (end_field(rec) != 0)
		return err_set(e, "内存不足");
	make_pointers(rec);
	return 1;
}
