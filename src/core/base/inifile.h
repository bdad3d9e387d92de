/* Reading one .ini file (tuiconfig.ini, forms, catalogues, reports) the same
 * way everywhere. iniparser merges duplicate sections and keys silently,
 * cuts values at ; and #, prints its complaints and never says on which
 * line anything is; so the file is first scanned line by line (encoding,
 * BOM, long lines, syntax, duplicates; the line of every section and key
 * remembered), then read with a silenced iniparser. The getters' messages
 * all look like "配置文件 F 第 N 行：[sec] key 的值 …". */
#ifndef JZ_INIFILE_H
#define JZ_INIFILE_H

#include <stdbool.h>
#include <stddef.h>

#include <iniparser.h>

#include "core/base/err.h"

/* What differs from one kind of file to another. */
struct ini_opts {
	const char *what;	/* before the path in messages: "配置文件", or "" */
	bool continuation;	/* a trailing \ joins the next line (report queries) */
	bool inline_comments;	/* "k = v ; note": else an unquoted ; or # is refused */
	bool list_dunhao;	/* 、 also separates list items */
};

/* One section line (key NULL) or key line, in file order. */
struct ini_entry {
	char *sec;		/* lower-case, as iniparser has it */
	char *key;		/* lower-case; NULL on a section line */
	char *written;		/* the section name as written (section lines) */
	int line;
};

struct ini {
	char path[4096];
	const struct ini_opts *o;
	dictionary *d;
	struct ini_entry *v;	/* owned */
	size_t n;
	struct err *e;
};

/* Scans and parses path. On error the message is in e and f is closed. */
int ini_open(struct ini *f, const char *path, const struct ini_opts *o,
	     struct err *e);
void ini_close(struct ini *f);

/* The line of [sec] (key NULL) or of its key; 0 when absent. */
int ini_line(const struct ini *f, const char *sec, const char *key);
/* The next section in file order from *pos (start at 0); NULL at the end. */
const char *ini_next_section(const struct ini *f, size_t *pos);
/* The next key of sec in file order from *pos (start at 0); NULL at the end. */
const char *ini_next_key(const struct ini *f, const char *sec, size_t *pos);

/* "F 第 N 行：what" (or "F：what" when line is 0); returns -1. */
int ini_fail(const struct ini *f, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* "F 第 N 行：[sec] key what" at the key's line, else the section's;
 * sec or key may be NULL. Returns -1. */
int ini_bad(const struct ini *f, const char *sec, const char *key,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* The raw value as iniparser has it, NULL when absent. */
const char *ini_get(const struct ini *f, const char *sec, const char *key);
/* Trimmed (ASCII and full-width spaces) into buf. Absent: an error when
 * required, else buf = "". Present but blank: always an error. */
int ini_str(const struct ini *f, const char *sec, const char *key, bool required,
	    char *buf, size_t size);
/* Optional trimmed copy (caller frees); *out NULL when absent or blank. */
int ini_dup(const struct ini *f, const char *sec, const char *key, char **out);
/* A decimal integer in [min, max]; absent gives def unless required. */
int ini_int(const struct ini *f, const char *sec, const char *key, bool required,
	    int def, int min, int max, int *out);
/* yes/no, true/false, on/off, 1/0, 是/否; absent gives def. */
int ini_bool(const struct ini *f, const char *sec, const char *key, bool def,
	     bool *out);
/* A list split on , and ，(and 、 with list_dunhao): items trimmed, none
 * empty or repeated. Absent or blank: an error when required, else n = 0.
 * *out (owned by the caller, free with ini_list_free) is appended to. */
int ini_list(const struct ini *f, const char *sec, const char *key, bool required,
	     char ***out, size_t *n);
void ini_list_free(char **v, size_t n);

/* Sections and keys a file may have: a row per section name, or per
 * family of names when match is set; keys listed or matched by key_match. */
struct ini_rule {
	const char *name;
	bool (*match)(const char *sec);		/* [limits.KIND], [field.NAME] … */
	const char *const *keys;		/* NULL-terminated, may be NULL */
	bool (*key_match)(const char *key);	/* y2025, item1 … */
	const char *hint;			/* the keys, for messages */
};

/* Every section and key of the file is one the rules (ended by a row of
 * NULLs) know; sections_hint says which sections may be used. */
int ini_check_names(const struct ini *f, const struct ini_rule *rules,
		    const char *sections_hint);

/* Copy of s[0..n) without ASCII or full-width (U+3000) spaces at either
 * end; NULL only when out of memory. */
char *ini_trimdup(const char *s, size_t n);

#endif
