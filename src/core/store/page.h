/* Keyset paging, written once for every list: which way a page is read
 * from a key, and reading its rows. Lists never use OFFSET: a page starts
 * from the key (sort value, id) of a row the screen already shows. */
#ifndef JZ_PAGE_H
#define JZ_PAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/store/store.h"

enum page_dir {
	PAGE_AFTER,	/* the rows after the key */
	PAGE_BEFORE,	/* the rows before it (read backwards, returned in order) */
	PAGE_FROM,	/* the key's row and those after it */
	PAGE_UPTO,	/* the key's row and those before it */
};

/* The key comparison ("<", ">=" …) and the ORDER BY direction for reading a
 * page in `dir` of a list shown in ascending order, or descending (desc). */
const char *page_cmp(enum page_dir dir, bool desc);
const char *page_order(enum page_dir dir, bool desc);

/* Reads one result row into `row`. */
typedef void (*page_read_fn)(sqlite3_stmt *st, void *row);

/* Steps st (from store_query) into up to max rows of `size` bytes, puts a
 * backward page back in display order, resets st and checks the last step. */
int page_read(struct store *s, sqlite3_stmt *st, enum page_dir dir, page_read_fn read,
	      void *rows, size_t size, int max, int *n, struct err *e);

#endif
