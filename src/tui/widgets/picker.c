/* The village picker (picker.h). */
#include <stdio.h>
#include <stdlib.h>

#include "core/domain/publicity.h"
#include "tui/widgets/picker.h"
#include "tui/xalloc.h"

int villages_load(struct ui *ui, enum village_scope scope, struct villages *vs, struct err *e)
{
	struct store *st = ui->s->store;
	int64_t township = 0;
	vs->n = 0;
	if (scope == VILLAGES_READY)
		return publicity_villages(st, vs->v, VILLAGES_MAX, &vs->n, e);
	if (scope == VILLAGES_TOWNSHIP && office_township_id(st, &ui->s->cfg, &township, e) != 0)
		return -1;
	return office_villages(st, township, vs->v, VILLAGES_MAX, &vs->n, e);
}

int villages_index(const struct villages *vs, int64_t id)
{
	for (int i = 0; i < vs->n; i++)
		if (vs->v[i].id == id)
			return i;
	return -1;
}

const char *villages_name(const struct villages *vs, int64_t id, const char *none)
{
	int i = villages_index(vs, id);
	return i >= 0 ? vs->v[i].name : none;
}

bool village_pick(struct ui *ui, const struct villages *vs, const struct village_pick *o,
		  int64_t *id)
{
	int first = o->all ? 1 : 0, n = vs->n + first;
	if (n == 0)
		return false;
	char (*text)[160] = xcalloc((size_t)n, sizeof *text);
	const char **labels = xcalloc((size_t)n, sizeof *labels);
	if (o->all)
		labels[0] = "全部";
	for (int i = 0; i < vs->n; i++) {
		if (o->label != NULL)
			o->label(&vs->v[i], text[i + first], sizeof text[i + first]);
		else
			snprintf(text[i + first], sizeof text[i + first], "%s", vs->v[i].name);
		labels[i + first] = text[i + first];
	}
	int cur = villages_index(vs, *id);
	int k = ui_pick(ui, o->title, labels, n, cur >= 0 ? cur + first : 0);
	free(labels);
	free(text);
	if (k < 0)
		return false;
	*id = k < first ? 0 : vs->v[k - first].id;
	return true;
}
