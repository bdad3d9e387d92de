/* One validation module, used by forms, import and the command line. */
#ifndef JZ_VALIDATE_H
#define JZ_VALIDATE_H

#include <stdbool.h>

#include "core/base/date.h"
#include "core/base/err.h"

struct validator;	/* compiled PCRE2 patterns + region table */

struct idcard {
	char number[19];	/* the 18-character form, X upper-case */
	date_t birth;
	char sex;		/* 'M' or 'F' */
	bool region_known;	/* false: warning only (abolished or unlisted code) */
	bool upgraded;		/* the input was the 15-digit legacy form */
};

/* regions_file: a list of 6-digit region codes with names, one per line
 * (may be NULL: then every full code counts as unknown). */
struct validator *validator_new(const char *regions_file, struct err *e);
void validator_free(struct validator *v);

/* Checks a resident ID number (18 digits, or 15 upgraded to 18) against
 * `today` (birth dates in the future are refused). Surrounding blanks are
 * ignored; a lower-case x is accepted. */
int validate_id(const struct validator *v, const char *text, date_t today,
		struct idcard *out, struct err *e);
/* The region name for a 6-digit code, or NULL. */
const char *validator_region(const struct validator *v, const char *code6);

/* A mobile (11 digits from 1[3-9]) or landline number with area code
 * (0xx-xxxxxxxx, 0xxx-xxxxxxx, optional extension). */
int validate_phone(const struct validator *v, const char *text, struct err *e);
/* A personal name: 2–20 Chinese characters, optionally with the middle
 * dot (·) between parts, as minority names are written. */
int validate_name(const struct validator *v, const char *text, struct err *e);

/* A field pattern from a form definition, compiled once with PCRE2_UTF. */
struct pattern;
struct pattern *pattern_compile(const char *re, struct err *e);
bool pattern_match(const struct pattern *p, const char *text);
void pattern_free(struct pattern *p);

/* Writes a masked ID for lists and publicity: 5001**********123X. */
void idcard_mask(const char *number, char out[19]);

#endif
