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
#include "core/domain/case.h"
#include "core/domain/household.h"
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

/* A closed store's file and its WAL companions. */
static inline void office_remove_store(const char *path)
{
	char side[80];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

static inline void office_close(const char *path, struct store *s, struct config *cfg,
				struct catalogue *cat, struct validator *v)
{
	store_close(s);
	office_remove_store(path);
	validator_free(v);
	catalogue_free(cat);
	config_free(cfg);
}

/* All of the above in one, for a test's state. */
struct office {
	char path[64];
	struct store *s;
	struct config cfg;
	struct catalogue cat;
	struct validator *v;
};

/* The teardown of a test state that begins with a struct office and was
 * calloc'ed: closes it all and frees the state. */
static inline int office_teardown(void **state)
{
	struct office *o = *state;
	office_close(o->path, o->s, &o->cfg, &o->cat, o->v);
	free(o);
	return 0;
}

/* A household of `village` whose head is `name` holding ID `id_number`,
 * in its own transaction; *head gets the person's id. */
static inline int64_t office_household(struct office *o, int64_t village, const char *name,
				       const char *id_number, int64_t *head)
{
	struct err e;
	struct idcard card;
	int64_t id;
	struct household_in h = { .village_id = village, .created_on = date_from_ymd(2025, 1, 2) };
	struct person_in p = { .name = name, .id = &card, .relation = "户主" };
	if (validate_id(o->v, id_number, date_today(), &card, &e) != 0 || store_begin(o->s, &e) != 0)
		fail_msg("%s", e.msg);
	if (household_insert(o->s, &h, &id, &e) != 0 || person_insert(o->s, id, &p, head, &e) != 0 ||
	    store_commit(o->s, &e) != 0)
		fail_msg("%s", e.msg);
	return id;
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
/* A date written as the tests write it: "2025-12-01". */
static inline date_t D(const char *t)
{
	date_t d;
	assert_int_equal(date_parse(t, &d), 0);
	return d;
}

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

/* Ticks every material of application `id` and signs every adult's
 * authorisation: what 受理 needs. */
static inline void office_case_complete(struct store *s, int64_t id)
{
	struct err e;
	sqlite3_stmt *st;
	int64_t rows[64];
	int n = 0;
	if (store_query(s, &st, &e, "SELECT id FROM application_materials WHERE application_id = ?", "i", id) != 0)
		fail_msg("%s", e.msg);
	while (n < 64 && sqlite3_step(st) == SQLITE_ROW)
		rows[n++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	for (int i = 0; i < n; i++)
		if (case_set_material(s, rows[i], -1, true, &e) != 0)
			fail_msg("%s", e.msg);
	n = 0;
	if (store_query(s, &st, &e, "SELECT id FROM authorisations WHERE application_id = ?", "i", id) != 0)
		fail_msg("%s", e.msg);
	while (n < 64 && sqlite3_step(st) == SQLITE_ROW)
		rows[n++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	for (int i = 0; i < n; i++)
		if (case_sign_authorisation(s, rows[i], -1, date_today(), "paper", &e) != 0)
			fail_msg("%s", e.msg);
}

#endif
