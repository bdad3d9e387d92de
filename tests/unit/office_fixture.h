/* The set-up most core tests share: the shipped tuiconfig.ini, catalogue
 * and region codes, and a new temporary store migrated and holding the
 * configured township and villages. Tests run from the source root. */
#ifndef JZ_OFFICE_FIXTURE_H
#define JZ_OFFICE_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/office/catalogue.h"
#include "core/office/config.h"
#include "core/office/form.h"
#include "core/domain/office.h"
#include "core/store/store.h"
#include "core/office/validate.h"

/* Fills the caller's fields; `user` is written into the audit log. */
static inline void office_open(char path[64], struct store **s, struct config *cfg,
			       struct catalogue *cat, struct validator **v, const char *user)
{
	struct err e;
	setenv("JIUZHU_TODAY", "2025-12-31", 1);
	if (config_load("tuiconfig.ini", cfg, &e) != 0 || catalogue_load("forms", cat, &e) != 0 ||
	    (*v = validator_new("forms/catalogue/regions.txt", &e)) == NULL)
		fail_msg("%s", e.msg);
	snprintf(path, 64, "/tmp/jz-test-XXXXXX");
	close(mkstemp(path));
	if (store_open(path, STORE_LOCAL, 1000, s, &e) != 0)
		fail_msg("%s", e.msg);
	store_set_user(*s, user);
	if (store_migrate(*s, &e) != 0 || office_sync(*s, cfg, &e) != 0)
		fail_msg("%s", e.msg);
}

static inline void office_close(const char *path, struct store *s, struct config *cfg,
				struct catalogue *cat, struct validator *v)
{
	char side[80];
	store_close(s);
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	validator_free(v);
	catalogue_free(cat);
	config_free(cfg);
}

/* A field of form f by name (the program goes by position). */
static inline const struct field_def *form_field(const struct form_def *f, const char *name)
{
	for (size_t i = 0; f != NULL && i < f->n_fields; i++)
		if (strcmp(f->fields[i].name, name) == 0)
			return &f->fields[i];
	return NULL;
}

/* One integer from a query with one id parameter. */
static inline int64_t office_int(struct store *s, const char *sql, int64_t id)
{
	int64_t n;
	struct err e;
	if (store_query_int(s, &n, &e, sql, "i", id) != 0)
		fail_msg("%s", e.msg);
	return n;
}

/* An application's state. */
static inline const char *office_state(struct store *s, int64_t id)
{
	static char buf[32];
	sqlite3_stmt *st;
	struct err e;
	if (store_query(s, &st, &e, "SELECT state FROM applications WHERE id = ?", "i", id) != 0 ||
	    store_row(s, st, "申请 %lld 不存在", id, &e) != 0)
		fail_msg("%s", e.msg);
	store_col_text(st, 0, buf, sizeof buf);
	sqlite3_reset(st);
	return buf;
}

#endif
