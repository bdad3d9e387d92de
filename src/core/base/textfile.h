/* Reading a whole text file that a township PC produced: UTF-8 with or
 * without a byte-order mark, or (Chinese Excel's "CSV") GB18030/GBK. */
#ifndef JZ_TEXTFILE_H
#define JZ_TEXTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/base/err.h"

/* Reads path into *out as UTF-8 without a BOM, NUL-terminated (the caller
 * frees it); *len excludes the NUL. Text that is not valid UTF-8 is taken
 * as GB18030 and converted; *converted (may be NULL) says so. Fails naming
 * the line and byte of the first character that is neither. */
int textfile_read_utf8(const char *path, char **out, size_t *len, bool *converted,
		       struct err *e);

/* Opens a file the office gave for reading, after checking it is a
 * regular file of at most max bytes; what names it in messages ("配置文件").
 * NULL with a message in e otherwise. */
FILE *textfile_open(const char *path, size_t max, const char *what, struct err *e);
/* The most an office's own file (configuration, form, report, catalogue)
 * may hold: those shipped are a few KiB. */
#define TEXTFILE_OFFICE_MAX ((size_t)2 << 20)

/* The length of the longest valid UTF-8 prefix of s (n when all valid). */
size_t utf8_valid_prefix(const char *s, size_t n);

#endif
