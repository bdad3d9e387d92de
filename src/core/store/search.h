/* The person search index and its query: person_keys, derived from persons
 * and written with each of them (see migrations/0003), which is why it lives
 * with the store. Persons are found by a fragment of the name (one or two
 * characters included), by pinyin initials (zs → 张三, 单 as d or s), and by
 * the ID number, whole or its last digits. */
#ifndef JZ_SEARCH_H
#define JZ_SEARCH_H

#include <stdbool.h>
#include <stdint.h>

#include "core/store/store.h"

/* Writes the keys of one person (inside the caller's transaction). */
int search_index_person(struct store *s, int64_t person_id, const char *name,
			const char *id_number, struct err *e);

/* Removes the keys of one person whose name and ID number were these
 * (before a correction or a deletion; by key, so the index is used). */
int search_unindex_person(struct store *s, int64_t person_id, const char *name,
			  const char *id_number, struct err *e);

/* Rebuilds every person's keys (inside the caller's transaction): after a
 * bulk load, writing the rows without their index and building the index
 * once is far cheaper than one random index insert per key. */
int search_reindex(struct store *s, struct err *e);

/* Writes the keys of every person whose id is first or more (the persons a
 * bulk load has just added, inside its transaction), in key order: the
 * index then grows page by page instead of by one random insert per key. */
int search_index_from(struct store *s, int64_t first, struct err *e);

/* A parsed query: person_keys.key in [lo, hi), and, for fragments longer
 * than two characters, persons.name LIKE `like` as well. */
struct search_q {
	char lo[96];
	char hi[97];
	char like[200];		/* "" when not needed */
	char text[96];		/* the query, blanks dropped */
	bool empty;		/* nothing to search for */
};
void search_parse(const char *text, struct search_q *q);

/* Registers search_keys(name, id) and search_match(name, id, query) on the
 * store's connection (done by the functions here that need them). */
int search_register(struct store *s, struct err *e);
/* What a list query binds for a search: lo/hi (the key range) and like
 * for a narrow search, `broad` (the text for search_match) for a broad one;
 * all NULL when there is nothing to search for. */
struct search_bind {
	struct search_q q;
	const char *lo, *hi, *like, *broad;
	bool narrow;
};
int search_bind(struct store *s, const char *text, struct search_bind *b, struct err *e);

/* A query matching very many keys (a single letter, a single digit) is
 * cheaper to test row by row while a list is read in its own order, which
 * stops after one page, than to collect all its matches first. */
int search_is_broad(struct store *s, const struct search_q *q, bool *broad, struct err *e);

#endif
