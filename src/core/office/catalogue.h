/* Catalogues kept as data in the forms/catalogue/ .ini files: the kinds of
 * assistance and their materials, the helper-agent categories, and the
 * referrable items of the county departments (seed 003). */
#ifndef JZ_CATALOGUE_H
#define JZ_CATALOGUE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/err.h"

struct kind {
	char code[32];		/* e.g. "dibao" */
	char name[64];		/* e.g. "最低生活保障" */
	char short_name[32];	/* e.g. "低保" */
	bool helper_service;	/* one of the eight kinds of seed 004 */
	bool one_off;		/* paid once per need: an approved one does not bar a new application */
	char amount[64];	/* the amount's header on the publicity and
				 * announcement lists: 保障金额（元/月）, or
				 * 救助金额（元） for a one-off payment */
	char **materials;	/* checklist, owned */
	size_t n_materials;
};

struct department {
	char name[64];
	int reply_days;		/* working days to reply to a referral; 0: the
				 * configuration's [limits] referral_reply */
	char **items;		/* owned */
	size_t n_items;
};

struct catalogue {
	struct kind *kinds;
	size_t n_kinds;
	char **agent_categories;	/* 社区工作者 … */
	size_t n_agent_categories;
	struct department *departments;
	size_t n_departments;
	size_t n_items;		/* all items of all departments */
};

/* Loads forms/catalogue/{kinds,helper-categories,referral-items}.ini from dir. */
int catalogue_load(const char *dir, struct catalogue *c, struct err *e);
void catalogue_free(struct catalogue *c);
const struct kind *catalogue_kind(const struct catalogue *c, const char *code);
/* Finds a kind by its full or short Chinese name, or its code. */
/* The kind's short name for a narrow column (低保, 特困 …), or the code
 * itself when the catalogue does not know it. */
const char *catalogue_kind_short(const struct catalogue *c, const char *code);
const struct kind *catalogue_kind_by_name(const struct catalogue *c, const char *name);
bool catalogue_agent_category(const struct catalogue *c, const char *name);
/* The department of that name, or NULL. */
const struct department *catalogue_department(const struct catalogue *c, const char *name);

#endif
