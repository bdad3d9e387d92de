/* The state vocabulary and migration 4: the workflows' C tables and the
 * store's CHECK lists agree; every transition leads between known states;
 * migrating a populated version-3 store keeps every row of every table, its
 * indexes and triggers, leaves no dangling foreign key and foreign keys on;
 * an unknown state is refused with a plain message; a version-3 store with
 * a dangling reference is refused and left as it was. Run from the source
 * root (reads tuiconfig.ini and forms/). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/domain/case.h"
#include "core/domain/entrust.h"
#include "core/domain/roll.h"
#include "core/domain/referral.h"
#include "core/domain/office.h"
#include "core/tools/demo.h"
#include "office_fixture.h"

#define MAX_TABLES 40

struct fx {
	char path[64];
	struct store *s;
	struct config cfg;
	struct catalogue cat;
	struct validator *v;
};

static int64_t q(struct fx *f, const char *sql)
{
	struct err e;
	int64_t n = -1;
	if (store_query_int(f->s, &n, &e, sql, "") != 0)
		fail_msg("%s: %s", sql, e.msg);
	return n;
}

/* Config and catalogue as shipped, and an empty store (not migrated). */
static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct err e;
	setenv("JIUZHU_TODAY", "2025-06-30", 1);
	if (config_load("tuiconfig.ini", &f->cfg, &e) != 0 ||
	    catalogue_load("forms", &f->cat, &e) != 0 ||
	    (f->v = validator_new("forms/catalogue/regions.txt", &e)) == NULL)
		fail_msg("%s", e.msg);
	snprintf(f->path, sizeof f->path, "/tmp/jz-states-XXXXXX");
	close(mkstemp(f->path));
	if (store_open(f->path, STORE_LOCAL, 1000, &f->s, &e) != 0)
		fail_msg("%s", e.msg);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	office_close(f->path, f->s, &f->cfg, &f->cat, f->v);
	free(f);
	return 0;
}

/* The quoted codes of `CHECK ((col = 'a' OR col = 'b' OR …))` in table's
 * schema, as migration 0014 words `CHECK (col IN ('a','b',…))`. */
static size_t check_list(struct fx *f, const char *table, const char *col, char out[][32],
			 size_t max)
{
	sqlite3_stmt *st;
	struct err e;
	char sql[1024 * 8], head[64];
	assert_int_equal(store_query(f->s, &st, &e, "SELECT sql FROM sqlite_master WHERE type = 'table' "
				     "AND name = ?", "s", table), 0);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(sql, sizeof sql, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	snprintf(head, sizeof head, "CHECK ((%s = ", col);
	const char *p = strstr(sql, head);
	if (p == NULL)
		fail_msg("%s.%s has no CHECK list", table, col);
	size_t n = 0;
	for (p += strlen(head) - 1; *p != ')' && *p != '\0'; p++) {
		if (*p != '\'')
			continue;
		const char *end = strchr(p + 1, '\'');
		assert_non_null(end);
		assert_true(n < max && (size_t)(end - p - 1) < 32);
		snprintf(out[n++], 32, "%.*s", (int)(end - p - 1), p + 1);
		p = end;
	}
	return n;
}

static void same_states(struct fx *f, const char *table, const char *col,
			const struct workflow *wf)
{
	char codes[32][32];
	size_t n = check_list(f, table, col, codes, 32);
	if (n != wf->n_states)
		fail_msg("%s.%s lists %zu states, the workflow %zu", table, col, n, wf->n_states);
	for (size_t i = 0; i < n; i++)
		if (strcmp(codes[i], wf->states[i].code) != 0)
			fail_msg("%s.%s: %s where the workflow has %s", table, col, codes[i],
				 wf->states[i].code);
}

static void test_check_lists_match_the_workflows(void **state)
{
	struct fx *f = *state;
	struct err e;
	char codes[8][32];
	assert_int_equal(store_migrate(f->s, &e), 0);
	same_states(f, "applications", "state", &case_workflow);
	same_states(f, "case_events", "from_state", &case_workflow);
	same_states(f, "case_events", "to_state", &case_workflow);
	same_states(f, "rolls", "state", &roll_workflow);
	same_states(f, "entrustments", "state", &entrust_workflow);
	same_states(f, "help_requests", "state", &request_workflow);
	same_states(f, "referrals", "state", &referral_workflow);
	size_t n = check_list(f, "entrustments", "rating", codes, 8);
	size_t k = 0;
	for (; entrust_ratings[k] != NULL; k++)
		assert_true(k < n && strcmp(codes[k], entrust_ratings[k]) == 0);
	assert_int_equal(k, n);
}

/* Every state has its label (the tables are indexed by enum) and every
 * transition leads between known states. */
static void test_tables_complete(void **state)
{
	const struct workflow *wfs[] = { &case_workflow, &entrust_workflow };
	(void)state;
	for (size_t w = 0; w < 2; w++) {
		const struct workflow *wf = wfs[w];
		for (size_t i = 0; i < wf->n_states; i++)
			assert_true(wf->states[i].code != NULL && wf->states[i].label != NULL);
		for (size_t i = 0; i < wf->n_rows; i++) {
			if (workflow_state(wf, wf->rows[i].from) == NULL ||
			    workflow_state(wf, wf->rows[i].to) == NULL)
				fail_msg("%s: row %s → %s leaves the states", wf->table,
					 wf->rows[i].from, wf->rows[i].to);
			assert_non_null(wf->rows[i].label);
		}
	}
	assert_string_equal(case_workflow.states[CASE_ANNOUNCED].code, "announced");
	assert_string_equal(entrust_workflow.states[ENTRUST_FILED].code, "filed");
}

/* Each table's name, row count and a hash of every row's every column. */
struct snapshot {
	char name[MAX_TABLES][48];
	int64_t rows[MAX_TABLES];
	uint64_t hash[MAX_TABLES];
	size_t n;
	char indexes[4096];	/* names of indexes and triggers */
};

static uint64_t table_hash(struct fx *f, const char *table)
{
	char sql[256];
	sqlite3_stmt *st;
	uint64_t h = 1469598103934665603u;
	snprintf(sql, sizeof sql, "SELECT * FROM \"%s\" ORDER BY rowid", table);
	assert_int_equal(sqlite3_prepare_v2(store_db(f->s), sql, -1, &st, NULL), SQLITE_OK);
	/* Each non-NULL value with its column's name: a later migration that
	 * adds columns (NULL in old rows) leaves the hash as it was. */
	while (sqlite3_step(st) == SQLITE_ROW)
		for (int c = 0; c < sqlite3_column_count(st); c++) {
			const unsigned char *t = sqlite3_column_text(st, c);
			if (t == NULL)
				continue;
			for (const char *n = sqlite3_column_name(st, c); *n; n++)
				h = (h ^ (unsigned char)*n) * 1099511628211u;
			h = (h ^ 0xfd) * 1099511628211u;
			for (; *t; t++)
				h = (h ^ *t) * 1099511628211u;
			h = (h ^ 0xfe) * 1099511628211u;
		}
	sqlite3_finalize(st);
	return h;
}

static void take(struct fx *f, struct snapshot *sn)
{
	sqlite3_stmt *st;
	memset(sn, 0, sizeof *sn);
	assert_int_equal(sqlite3_prepare_v2(store_db(f->s), "SELECT name FROM sqlite_master WHERE "
		"type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		assert_true(sn->n < MAX_TABLES);
		snprintf(sn->name[sn->n++], 48, "%s", (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	for (size_t i = 0; i < sn->n; i++) {
		char sql[128];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"", sn->name[i]);
		sn->rows[i] = q(f, sql);
		sn->hash[i] = table_hash(f, sn->name[i]);
	}
	assert_int_equal(sqlite3_prepare_v2(store_db(f->s), "SELECT group_concat(type || ' ' || name || "
		"' ' || tbl_name, ',') FROM (SELECT * FROM sqlite_master WHERE type IN ('index','trigger') "
		"AND name NOT LIKE 'sqlite_%' ORDER BY name)", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(sn->indexes, sizeof sn->indexes, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

/* A demo township at version 3. */
static void populate_v3(struct fx *f)
{
	struct err e = { "" };
	assert_int_equal(store_migrate_to(f->s, 3, &e), 0);
	if (office_sync(f->s, &f->cfg, &e) != 0 ||
	    demo_generate(f->s, &f->cfg, &f->cat, f->v, 300, 1, &e) != 0)
		fail_msg("%s", e.msg);
}

static void test_migrate_populated_store(void **state)
{
	struct fx *f = *state;
	struct err e = { "" };
	static struct snapshot before, after;
	populate_v3(f);
	take(f, &before);
	static const char *const children[] = {
		"applications", "case_events", "application_materials", "authorisations",
		"investigations", "objections", "publicity_entries", "entrustments", "audit_log",
	};
	for (size_t i = 0; i < sizeof children / sizeof children[0]; i++) {
		char sql[96];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", children[i]);
		if (q(f, sql) == 0)
			fail_msg("the demo store has no %s: the test would prove nothing", children[i]);
	}
	/* Version 4 (the rebuild with CHECKs) must keep every value; later
	 * versions add, and may rewrite data (0007 turns missing_items into a
	 * list): they are checked below. */
	if (store_migrate_to(f->s, 4, &e) != 0)
		fail_msg("%s", e.msg);
	int v;
	assert_int_equal(store_version(f->s, &v, &e), 0);
	assert_int_equal(v, 4);
	take(f, &after);
	assert_int_equal(after.n, before.n);
	for (size_t i = 0; i < before.n; i++) {
		assert_string_equal(after.name[i], before.name[i]);
		if (after.rows[i] != before.rows[i] || after.hash[i] != before.hash[i])
			fail_msg("%s: %lld rows before, %lld after, or their values changed", before.name[i],
				 (long long)before.rows[i], (long long)after.rows[i]);
	}
	assert_string_equal(after.indexes, before.indexes);
	assert_int_equal(q(f, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	assert_int_equal(q(f, "PRAGMA foreign_keys"), 1);
	assert_int_equal(q(f, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'"), 0);
	/* The audit log is still append-only. */
	assert_int_equal(sqlite3_exec(store_db(f->s), "DELETE FROM audit_log", NULL, NULL, NULL),
			 SQLITE_CONSTRAINT);
	/* On to the latest: no row lost; delegated approvals made before the
	 * county filing was recorded count as filed (issue 9's migration). */
	if (store_migrate(f->s, &e) != 0)
		fail_msg("%s", e.msg);
	for (size_t i = 0; i < before.n; i++) {
		char sql[128];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"", before.name[i]);
		assert_int_equal(q(f, sql), before.rows[i]);
	}
	assert_true(q(f, "SELECT count(*) FROM applications WHERE delegated AND decision = 'approved'") > 0);
	assert_int_equal(q(f, "SELECT count(*) FROM applications WHERE delegated AND decision = 'approved' "
			   "AND county_filed_on IS NOT decided_on"), 0);
	assert_int_equal(q(f, "SELECT count(*) FROM applications WHERE county_filed_on IS NOT NULL "
			   "AND NOT (delegated AND decision = 'approved')"), 0);
}

/* An unknown code is refused, through the one write path, in plain words. */
static void test_unknown_state_refused(void **state)
{
	struct fx *f = *state;
	struct err e = { "" };
	populate_v3(f);
	assert_int_equal(store_migrate(f->s, &e), 0);
	int64_t app = q(f, "SELECT min(id) FROM applications");
	int64_t ent = q(f, "SELECT min(id) FROM entrustments");
	int64_t audit = q(f, "SELECT count(*) FROM audit_log");
	struct field bad_state[] = { F_TEXT("state", "lost") };
	struct field bad_rating[] = { F_TEXT("rating", "很好") };
	assert_int_equal(store_begin(f->s, &e), 0);
	assert_int_equal(store_update(f->s, "applications", app, -1, bad_state, 1, &e), -1);
	assert_non_null(strstr(e.msg, "数据不符合约束"));
	assert_int_equal(store_update(f->s, "entrustments", ent, -1, bad_state, 1, &e), -1);
	assert_non_null(strstr(e.msg, "数据不符合约束"));
	assert_int_equal(store_update(f->s, "entrustments", ent, -1, bad_rating, 1, &e), -1);
	assert_non_null(strstr(e.msg, "数据不符合约束"));
	store_rollback(f->s);
	assert_int_equal(q(f, "SELECT count(*) FROM audit_log"), audit);
	assert_int_equal(sqlite3_exec(store_db(f->s), "INSERT INTO case_events(application_id, at, "
		"on_date, who, step, to_state) SELECT min(id), 'x', 'x', 'x', 'x', 'lost' FROM applications",
		NULL, NULL, NULL), SQLITE_CONSTRAINT);
	/* Every code of the workflow is accepted. */
	assert_int_equal(store_begin(f->s, &e), 0);
	for (size_t i = 0; i < case_workflow.n_states; i++) {
		struct field ok[] = { F_TEXT("state", case_workflow.states[i].code) };
		assert_int_equal(store_update(f->s, "applications", app, -1, ok, 1, &e), 0);
	}
	for (size_t i = 0; i < entrust_workflow.n_states; i++) {
		struct field ok[] = { F_TEXT("state", entrust_workflow.states[i].code) };
		assert_int_equal(store_update(f->s, "entrustments", ent, -1, ok, 1, &e), 0);
	}
	store_rollback(f->s);
}

/* A dangling reference found after the rebuild: refused, rolled back, the
 * store left at version 3 with foreign keys on again. */
static void test_dangling_reference_refused(void **state)
{
	struct fx *f = *state;
	struct err e = { "" };
	populate_v3(f);
	assert_int_equal(sqlite3_exec(store_db(f->s), "PRAGMA foreign_keys = OFF; "
		"INSERT INTO objections(application_id, received_on, content) VALUES (999999, '2025-06-01', 'x'); "
		"PRAGMA foreign_keys = ON;", NULL, NULL, NULL), SQLITE_OK);
	int64_t apps = q(f, "SELECT count(*) FROM applications");
	assert_int_equal(store_migrate(f->s, &e), -1);
	assert_non_null(strstr(e.msg, "外键"));
	assert_non_null(strstr(e.msg, "objections"));
	assert_false(store_in_transaction(f->s));
	int v;
	assert_int_equal(store_version(f->s, &v, &e), 0);
	assert_int_equal(v, 3);
	assert_int_equal(q(f, "PRAGMA foreign_keys"), 1);
	assert_int_equal(q(f, "SELECT count(*) FROM applications"), apps);
	assert_int_equal(q(f, "SELECT count(*) FROM sqlite_master WHERE name = 'applications_new' "
			   "OR sql LIKE '%CHECK (state IN%'"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_check_lists_match_the_workflows, setup, teardown),
		cmocka_unit_test(test_tables_complete),
		cmocka_unit_test_setup_teardown(test_migrate_populated_store, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_state_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dangling_reference_refused, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
