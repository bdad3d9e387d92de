/* One village picker for every screen: the villages are loaded by one
 * call, named by id, and picked from ui_pick, optionally with "全部"
 * (id 0) first and each name with extra text. */
#ifndef JZ_PICKER_H
#define JZ_PICKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/domain/office.h"
#include "tui/ui.h"

#define VILLAGES_MAX 256

enum village_scope {
	VILLAGES_STORE,		/* every village in the store (a county store: all) */
	VILLAGES_TOWNSHIP,	/* the configured township's */
	VILLAGES_READY,		/* every village, with its cases ready to post */
};

struct villages {
	struct place v[VILLAGES_MAX];
	int n;
};

/* Loads the villages of `scope`; -1 with a message in e. */
int villages_load(struct ui *ui, enum village_scope scope, struct villages *vs, struct err *e);
/* The village's name, or `none` for an id not among them (0: 全部). */
const char *villages_name(const struct villages *vs, int64_t id, const char *none);
/* The village's index, -1 when not among them. */
int villages_index(const struct villages *vs, int64_t id);

/* A village's label in the picker (e.g. "太平村（待公示 3 件）"). */
typedef void (*village_label_fn)(const struct place *p, char *out, size_t n);

struct village_pick {
	const char *title;
	bool all;		/* "全部" first, picked as id 0 */
	village_label_fn label;	/* NULL: the name alone */
};

/* Asks for one of vs; true with *id set (starting on *id) when one was
 * chosen, false on Esc or when there is nothing to choose. */
bool village_pick(struct ui *ui, const struct villages *vs, const struct village_pick *o,
		  int64_t *id);

#endif
