/* Demo data: the counts, every state, valid and unique ID numbers, one
 * village without an agent, one audit row per record, dates that follow
 * the workflow, determinism, and a failure that leaves the store as it
 * was. Run from the source root (reads tuiconfig.ini and forms/). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/tools/demo.h"
#include "core/domain/office.h"

#define TODAY "2025-06-30"

struct fx {
	char path[64];
	struct store *s;
	struct config cfg;
	struct catalogue cat;
	struct validator *v;
	date_t today;
};

static int64_t q(struct store *s, const char *sql)
{
	struct err e;
	int64_t n = -1;
	if (store_query_int(s, &n, &e, sql, "") != 0)
		fail_msg("%s: %s", sql, e.msg);
	return n;
}

static void open_store(struct fx *f, bool sync)
{
	struct err e;
	strcpy(f->path, "/tmp/jz-demo-XXXXXX");
	close(mkstemp(f->path));
	assert_int_equal(store_open(f->path, STORE_LOCAL, 1000, &f->s, &e), 0);
	assert_int_equal(store_migrate(f->s, &e), 0);
	if (sync)
		assert_int_equal(office_sync(f->s, &f->cfg, &e), 0);
}

static void close_store(struct fx *f)
{
	char side[80];
	store_close(f->s);
	f->s = NULL;
	unlink(f->path);
	snprintf(side, sizeof side, "%s-wal", f->path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", f->path);
	unlink(side);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct err e;
	setenv("JIUZHU_TODAY", TODAY, 1);
	if (config_load("tuiconfig.ini", &f->cfg, &e) != 0 ||
	    catalogue_load("forms", &f->cat, &e) != 0 ||
	    (f->v = validator_new("forms/catalogue/regions.txt", &e)) == NULL) {
		fprintf(stderr, "%s\n", e.msg);
		return -1;
	}
	assert_int_equal(date_parse(TODAY, &f->today), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	if (f->s != NULL)
		close_store(f);
	validator_free(f->v);
	catalogue_free(&f->cat);
	config_free(&f->cfg);
	free(f);
	return 0;
}

static date_t col_date(sqlite3_stmt *st, int i)
{
	date_t d;
	const char *t = (const char *)sqlite3_column_text(st, i);
	return t != NULL && date_parse(t, &d) == 0 ? d : DATE_NONE;
}

static void check_persons(struct fx *f)
{
	struct err e;
	sqlite3_stmt *st;
	assert_int_equal(store_query(f->s, &st, &e,
		"SELECT id_number, sex, birth_date, name FROM persons", ""), 0);
	int n = 0, old_sichuan = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *num = (const char *)sqlite3_column_text(st, 0);
		struct idcard id;
		if (validate_id(f->v, num, f->today, &id, &e) != 0)
			fail_msg("%s: %s", num, e.msg);
		assert_string_equal(id.number, num);
		/* Birth and sex in the row are the ones the number says. */
		char b[11];
		date_format(id.birth, b);
		assert_string_equal(b, (const char *)sqlite3_column_text(st, 2));
		assert_int_equal(id.sex, ((const char *)sqlite3_column_text(st, 1))[0]);
		assert_int_equal(validate_name(f->v, (const char *)sqlite3_column_text(st, 3), &e), 0);
		if (strncmp(num, "51", 2) == 0) {
			old_sichuan++;
			assert_true(strncmp(num + 6, "1997", 4) < 0);
		} else {
			/* 垫江县 is 500231 in GB/T 2260. */
			assert_memory_equal(num, "500231", 6);
		}
		n++;
	}
	sqlite3_reset(st);
	assert_true(old_sichuan > 0);
	assert_int_equal(q(f->s, "SELECT count(DISTINCT id_number) FROM persons"), n);
	assert_int_equal(q(f->s, "SELECT count(DISTINCT id_number) FROM staff"),
			 q(f->s, "SELECT count(*) FROM staff"));
	/* Exactly one head per household, 1–6 members. */
	assert_int_equal(q(f->s, "SELECT count(*) FROM (SELECT household_id FROM persons "
			   "GROUP BY household_id HAVING sum(is_head) != 1 OR count(*) > 6)"), 0);
	assert_int_equal(q(f->s, "SELECT count(*) FROM persons WHERE relation = '户主'"), 300);
	/* Ages consistent with relations: a child younger than the head, a parent older. */
	assert_int_equal(q(f->s, "SELECT count(*) FROM persons c JOIN persons h "
			   "ON h.household_id = c.household_id AND h.is_head "
			   "WHERE (c.relation IN ('子','女','孙子','孙女') AND c.birth_date <= h.birth_date) "
			   "OR (c.relation IN ('父亲','母亲') AND c.birth_date >= h.birth_date)"), 0);
	assert_int_equal(q(f->s, "SELECT count(*) FROM persons c JOIN persons h "
			   "ON h.household_id = c.household_id AND h.is_head "
			   "WHERE c.relation IN ('子','女') AND substr(c.name, 1, 1) != substr(h.name, 1, 1)"), 0);
}

static void check_staff(struct fx *f)
{
	assert_int_equal(q(f->s, "SELECT count(*) FROM staff WHERE role = 'clerk' AND login IS NOT NULL"), 2);
	assert_int_equal(q(f->s, "SELECT count(*) FROM staff WHERE role = 'leader' AND login IS NOT NULL"), 1);
	/* 8 villages in tuiconfig.ini: all but one have 1–2 agents. */
	assert_int_equal(q(f->s, "SELECT count(*) FROM villages v WHERE NOT EXISTS "
			   "(SELECT 1 FROM staff a WHERE a.village_id = v.id AND a.role = 'agent')"), 1);
	assert_int_equal(q(f->s, "SELECT count(*) FROM (SELECT village_id FROM staff WHERE role = 'agent' "
			   "GROUP BY village_id HAVING count(*) > 2)"), 0);
	assert_int_equal(q(f->s, "SELECT count(*) FROM staff WHERE role = 'agent' AND "
			   "(agent_category IS NULL OR phone NOT GLOB '1[3-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]')"), 0);
	/* Categories cycle through the catalogue's five. */
	int64_t agents = q(f->s, "SELECT count(*) FROM staff WHERE role = 'agent'");
	assert_int_equal(q(f->s, "SELECT count(DISTINCT agent_category) FROM staff WHERE role = 'agent'"),
			 agents < 5 ? agents : 5);
}

static void check_applications(struct fx *f)
{
	static const char *const states[] = {
		"received", "missing", "withdrawn", "accepted", "investigating", "reviewed",
		"publicity", "county", "approved", "refused", "announced",
	};
	struct err e;
	char sql[160];
	for (size_t i = 0; i < sizeof states / sizeof states[0]; i++) {
		snprintf(sql, sizeof sql, "SELECT count(*) FROM applications WHERE state = '%s'", states[i]);
		if (q(f->s, sql) == 0)
			fail_msg("no application in state %s", states[i]);
	}
	int64_t n = q(f->s, "SELECT count(*) FROM applications");
	assert_true(n >= 35 && n <= 95);	/* about one household in five */
	assert_int_equal(q(f->s, "SELECT count(*) FROM applications WHERE state = 'county' AND delegated"), 0);
	assert_int_equal(q(f->s, "SELECT count(*) FROM applications WHERE state IN ('approved','announced') "
			   "AND (amount IS NULL OR amount <= 0 OR decision != 'approved')"), 0);
	assert_int_equal(q(f->s, "SELECT count(*) FROM applications WHERE state = 'missing' "
			   "AND (missing_items IS NULL OR missing_deadline IS NULL)"), 0);
	assert_int_equal(q(f->s, "SELECT count(*) FROM applications a WHERE channel = 'agent' AND NOT EXISTS "
			   "(SELECT 1 FROM staff s JOIN households h ON h.id = a.household_id "
			   "WHERE s.id = a.agent_id AND s.role = 'agent' AND s.village_id = h.village_id)"), 0);
	/* Every state at or after investigating has its visit. */
	assert_int_equal(q(f->s, "SELECT count(*) FROM applications a WHERE investigation_started_on IS NOT NULL "
			   "AND NOT EXISTS (SELECT 1 FROM investigations i WHERE i.application_id = a.id)"), 0);
	/* The timeline ends in the application's state. */
	assert_int_equal(q(f->s, "SELECT count(*) FROM applications a WHERE state != (SELECT to_state "
			   "FROM case_events c WHERE c.application_id = a.id ORDER BY c.id DESC LIMIT 1)"), 0);
	assert_int_equal(q(f->s, "SELECT count(*) FROM applications a WHERE (SELECT step FROM case_events c "
			   "WHERE c.application_id = a.id ORDER BY c.id LIMIT 1) != 'receive'"), 0);
	/* Some adult authorisations, all signed once accepted. */
	assert_true(q(f->s, "SELECT count(*) FROM authorisations") >= n);
	assert_int_equal(q(f->s, "SELECT count(*) FROM authorisations z JOIN applications a "
			   "ON a.id = z.application_id WHERE a.accepted_on IS NOT NULL AND NOT z.signed"), 0);

	/* Dates follow the workflow and the calendar. */
	sqlite3_stmt *st;
	assert_int_equal(store_query(f->s, &st, &e,
		"SELECT received_on, accepted_on, missing_notice_on, investigation_started_on, "
		"initial_review_on, publicity_from, publicity_to, decided_on, announced_on, kind "
		"FROM applications", ""), 0);
	int overdue = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		date_t d[9];
		for (int i = 0; i < 9; i++) {
			d[i] = col_date(st, i);
			/* Only a running publicity ends in the future. */
			assert_true(d[i] == DATE_NONE || d[i] <= f->today || i == 6);
		}
		const struct limits *l = config_limits(&f->cfg, (const char *)sqlite3_column_text(st, 9));
		/* Recent work; announced cases (the standing caseload on the
		 * rolls) from up to two years back. */
		assert_true(d[0] >= f->today - (d[8] != DATE_NONE ? 760 : 200));
		if (d[1] != DATE_NONE && d[2] == DATE_NONE) {
			assert_true(d[1] >= d[0]);
			assert_true(calendar_is_workday(&f->cfg.cal, d[1]));
			assert_true(calendar_workdays_between(&f->cfg.cal, d[0], d[1]) <= l->accept);
		}
		if (d[3] != DATE_NONE)
			assert_true(calendar_workdays_between(&f->cfg.cal, d[1], d[3]) <= l->investigate);
		if (d[4] != DATE_NONE)
			assert_true(d[4] > d[3]);
		if (d[5] != DATE_NONE) {
			assert_true(d[5] > d[4]);
			/* Counted from the day after posting (民法典 第二百零一条). */
			assert_int_equal(d[6] - d[5], l->publicity_days);
		}
		if (d[7] != DATE_NONE)
			assert_true(d[7] > d[6]);
		if (d[8] != DATE_NONE)
			assert_true(d[8] > d[7]);
		if (d[1] == DATE_NONE && d[2] == DATE_NONE &&
		    calendar_workdays_between(&f->cfg.cal, d[0], f->today) > l->accept)
			overdue++;
	}
	sqlite3_reset(st);
	/* Received, never accepted or told, and past the 2-day limit. */
	assert_true(overdue > 0);
}

static void check_entrustments(struct fx *f)
{
	static const char *const states[] = {
		"registered", "missing", "out_of_scope", "handling", "feedback",
		"terminated", "rated", "filed",
	};
	struct err e;
	char sql[160];
	for (size_t i = 0; i < sizeof states / sizeof states[0]; i++) {
		snprintf(sql, sizeof sql, "SELECT count(*) FROM entrustments WHERE state = '%s'", states[i]);
		if (q(f->s, sql) == 0)
			fail_msg("no entrustment in state %s", states[i]);
	}
	assert_true(q(f->s, "SELECT count(*) FROM entrustments") >= 12);
	assert_int_equal(q(f->s, "SELECT count(*) FROM entrustments t JOIN staff s ON s.id = t.agent_id "
			   "WHERE s.role != 'agent' OR s.village_id != t.village_id"), 0);
	assert_int_equal(q(f->s, "SELECT count(*) FROM entrustments WHERE matter NOT IN "
			   "('dibao','tekun','linshi','yiliao','jiuye','zhufang','jiaoyu','zaihai')"), 0);
	assert_int_equal(q(f->s, "SELECT count(*) FROM entrustments WHERE state IN ('rated','filed') "
			   "AND (rating IS NULL OR replied_on IS NULL OR result IS NULL)"), 0);
	assert_true(q(f->s, "SELECT count(*) FROM entrustments WHERE application_id IS NOT NULL") > 0);
	/* Spread over the last twelve months: each of the last four quarters
	 * (91-day slices back from today) has rows. */
	for (int k = 0; k < 4; k++) {
		snprintf(sql, sizeof sql, "SELECT count(*) FROM entrustments WHERE "
			 "julianday('%s') - julianday(received_on) BETWEEN %d AND %d", TODAY, k * 91, k * 91 + 90);
		if (q(f->s, sql) == 0)
			fail_msg("no entrustment %d–%d days ago", k * 91, k * 91 + 90);
	}
	sqlite3_stmt *st;
	assert_int_equal(store_query(f->s, &st, &e,
		"SELECT received_on, due_on FROM entrustments", ""), 0);
	while (sqlite3_step(st) == SQLITE_ROW) {
		date_t r = col_date(st, 0), due = col_date(st, 1);
		assert_true(r <= f->today && r > f->today - 366);
		assert_int_equal(calendar_workdays_between(&f->cfg.cal, r, due), f->cfg.limits.helper_handle);
	}
	sqlite3_reset(st);
}

/* One insert audit row per record, and no updates. */
static void check_audit(struct fx *f)
{
	static const char *const tables[] = {
		"townships", "villages", "staff", "households", "persons", "applications",
		"application_materials", "authorisations", "investigations", "publicity_batches",
		"publicity_entries", "objections", "entrustments", "case_events",
		"rolls", "roll_events", "reviews", "recertifications", "help_requests", "referrals",
	};
	char sql[200];
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		snprintf(sql, sizeof sql, "SELECT (SELECT count(*) FROM %s) - (SELECT count(*) FROM audit_log "
			 "WHERE tbl = '%s' AND action = 'insert')", tables[i], tables[i]);
		if (q(f->s, sql) != 0)
			fail_msg("audit rows of %s do not match its rows", tables[i]);
	}
	/* The one update: a household on the rolls gets its class and next
	 * review date once its case is announced (issue 11). */
	assert_int_equal(q(f->s, "SELECT count(*) FROM audit_log WHERE action != 'insert' "
			   "AND tbl <> 'households'"), 0);
	assert_int_equal(q(f->s, "SELECT count(*) FROM audit_log WHERE action = 'update'"),
			 q(f->s, "SELECT count(*) FROM rolls"));
	assert_true(q(f->s, "SELECT count(*) FROM rolls") > 0);
	assert_true(q(f->s, "SELECT count(*) FROM reviews") > 0);
	assert_true(q(f->s, "SELECT count(*) FROM recertifications") > 0);
	assert_int_equal(q(f->s, "SELECT count(*) FROM rolls r JOIN applications a ON a.id = "
			   "r.application_id WHERE a.state <> 'announced' OR a.kind = 'linshi'"), 0);
	/* A standing caseload: some on the rolls for over a year, so reviews
	 * and re-certifications fall due in any month, not only next year. */
	char year_ago[11];
	date_format(f->today - 365, year_ago);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM rolls WHERE since_on < '%s'", year_ago);
	assert_true(q(f->s, sql) > 0);
}

static void test_generate(void **state)
{
	struct fx *f = *state;
	struct err e = { "" };
	open_store(f, true);
	if (demo_generate(f->s, &f->cfg, &f->cat, f->v, 300, 1, &e) != 0)
		fail_msg("%s", e.msg);
	assert_false(store_in_transaction(f->s));
	assert_int_equal(q(f->s, "SELECT count(*) FROM households"), 300);
	int64_t persons = q(f->s, "SELECT count(*) FROM persons");
	assert_true(persons >= 300 * 2.5 && persons <= 300 * 4);
	/* Spread over all eight villages. */
	assert_int_equal(q(f->s, "SELECT count(DISTINCT village_id) FROM households"), 8);
	assert_int_equal(q(f->s, "SELECT count(*) FROM households WHERE address NOT GLOB '*号'"), 0);
	check_persons(f);
	check_staff(f);
	check_applications(f);
	check_entrustments(f);
	check_audit(f);
	close_store(f);
}

/* The same seed gives the same township; a second run on a store that
 * already has it adds new people with new ID numbers. */
static void test_deterministic(void **state)
{
	struct fx *f = *state;
	struct err e = { "" };
	const char *digest = "SELECT group_concat(name || id_number || relation, ',') FROM "
			     "(SELECT * FROM persons ORDER BY id)";
	static char first[2][200000];
	for (int run = 0; run < 2; run++) {
		open_store(f, true);
		if (demo_generate(f->s, &f->cfg, &f->cat, f->v, 40, 7, &e) != 0)
			fail_msg("%s", e.msg);
		sqlite3_stmt *st;
		assert_int_equal(store_query(f->s, &st, &e, digest, ""), 0);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		snprintf(first[run], sizeof first[run], "%s", (const char *)sqlite3_column_text(st, 0));
		sqlite3_reset(st);
		if (run == 1) {
			int64_t before = q(f->s, "SELECT count(*) FROM persons");
			if (demo_generate(f->s, &f->cfg, &f->cat, f->v, 40, 7, &e) != 0)
				fail_msg("second run: %s", e.msg);
			assert_int_equal(q(f->s, "SELECT count(*) FROM households"), 80);
			assert_int_equal(q(f->s, "SELECT count(*) FROM persons"),
					 q(f->s, "SELECT count(DISTINCT id_number) FROM persons"));
			assert_true(q(f->s, "SELECT count(*) FROM persons") > before);
			/* Logins are reused, not duplicated. */
			assert_int_equal(q(f->s, "SELECT count(*) FROM staff WHERE login IS NOT NULL"), 3);
		}
		close_store(f);
	}
	assert_true(strlen(first[0]) > 100);
	assert_string_equal(first[0], first[1]);
}

static void test_no_villages(void **state)
{
	struct fx *f = *state;
	struct err e = { "" };
	open_store(f, false);	/* migrated, but office_sync never ran */
	assert_int_equal(demo_generate(f->s, &f->cfg, &f->cat, f->v, 10, 1, &e), -1);
	assert_non_null(strstr(e.msg, "澄溪镇"));
	assert_false(store_in_transaction(f->s));
	assert_int_equal(q(f->s, "SELECT count(*) FROM audit_log"), 0);
	assert_int_equal(q(f->s, "SELECT count(*) FROM staff"), 0);
	close_store(f);
}

/* A failure half-way (here: applications refused by a trigger) takes
 * back the households, persons and staff already written. */
static void test_rollback(void **state)
{
	struct fx *f = *state;
	struct err e = { "" };
	open_store(f, true);
	int64_t audit = q(f->s, "SELECT count(*) FROM audit_log");
	assert_int_equal(sqlite3_exec(store_db(f->s),
		"CREATE TEMP TRIGGER no_apps BEFORE INSERT ON main.applications "
		"BEGIN SELECT RAISE(ABORT, 'refused by test'); END", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(demo_generate(f->s, &f->cfg, &f->cat, f->v, 100, 1, &e), -1);
	assert_non_null(strstr(e.msg, "未作改动"));
	assert_false(store_in_transaction(f->s));
	assert_int_equal(q(f->s, "SELECT count(*) FROM audit_log"), audit);
	assert_int_equal(q(f->s, "SELECT count(*) FROM households"), 0);
	assert_int_equal(q(f->s, "SELECT count(*) FROM persons"), 0);
	assert_int_equal(q(f->s, "SELECT count(*) FROM staff"), 0);
	close_store(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_generate),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_no_villages),
		cmocka_unit_test(test_rollback),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
