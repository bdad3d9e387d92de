/* Incremental search: one- and two-character name fragments (which FTS5
 * trigram on SQLite 3.40 misses), pinyin initials with polyphonic surnames,
 * ID numbers whole or by their last digits; through the application list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "office_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/query/applist.h"
#include "core/domain/case.h"
#include "core/query/hhview.h"
#include "core/domain/household.h"
#include "core/domain/office.h"
#include "core/store/search.h"

struct fx {
	char path[64];
	struct store *s;
	struct config cfg;
	struct catalogue cat;
	struct validator *v;
};

/* name, ID (check characters computed by hand with MOD 11-2) */
static const char *const people[][2] = {
	{ "张三丰", "500231198001010017" },
	{ "单伟", "500231198212120021" },
	{ "曾小红", "500231201005050037" },
	{ "翟志刚", "510221195503030048" },
	{ "阿依古丽·买买提", "500231197511110056" },
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct err e;
	office_open(f->path, &f->s, &f->cfg, &f->cat, &f->v, "system");
	int64_t village;
	assert_int_equal(office_village_id(f->s, &f->cfg, f->cfg.villages[1], &village, &e), 0);
	/* One household each, one application each. */
	for (size_t i = 0; i < sizeof people / sizeof people[0]; i++) {
		int64_t hh, p, app;
		struct household_text h = { .village_id = village, .address = "太平村1组",
					    .phone = "13812345678" };
		struct person_text head = { .name = people[i][0], .id_number = people[i][1],
					    .relation = "户主" };
		if (household_register(f->s, f->v, &h, &head, date_today(), &hh, &p, &e) != 0)
			fail_msg("%s: %s", people[i][0], e.msg);
		struct case_new in = { .household_id = hh, .applicant_id = p, .kind = "dibao",
				       .channel = "window", .received_on = date_today(), .delegated = true };
		assert_int_equal(case_create(f->s, &f->cfg, &f->cat, &in, &app, &e), 0);
	}
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

/* The applicant names the application list shows for a search, joined. */
static const char *found(struct fx *f, const char *q)
{
	static char out[512];
	struct app_filter flt = { .sort = SORT_RECEIVED };
	struct app_row rows[20];
	int n;
	struct err e;
	snprintf(flt.search, sizeof flt.search, "%s", q);
	assert_int_equal(applist_page(f->s, &flt, NULL, false, false, rows, 20, &n, &e), 0);
	out[0] = '\0';
	for (int i = 0; i < n; i++)
		snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s", i ? "," : "", rows[i].name);
	return out;
}

static void test_fragments(void **state)
{
	struct fx *f = *state;
	assert_string_equal(found(f, "三丰"), "张三丰");	/* two characters, in the middle */
	assert_string_equal(found(f, "丰"), "张三丰");	/* one character, at the end */
	assert_string_equal(found(f, "张"), "张三丰");
	assert_string_equal(found(f, "张三丰"), "张三丰");
	assert_string_equal(found(f, "小红"), "曾小红");
	assert_string_equal(found(f, "古丽"), "阿依古丽·买买提");
	assert_string_equal(found(f, "买买提"), "阿依古丽·买买提");
	assert_string_equal(found(f, "李"), "");
	assert_string_equal(found(f, "三峰"), "");
}

static void test_pinyin(void **state)
{
	struct fx *f = *state;
	assert_string_equal(found(f, "zsf"), "张三丰");
	assert_string_equal(found(f, "ZS"), "张三丰");
	/* 单 is read Shàn as a surname, dān otherwise: both find 单伟. */
	assert_string_equal(found(f, "sw"), "单伟");
	assert_string_equal(found(f, "dw"), "单伟");
	/* 曾 Zēng / céng, 翟 Zhái / dí. */
	assert_string_equal(found(f, "zxh"), "曾小红");
	assert_string_equal(found(f, "cxh"), "曾小红");
	assert_string_equal(found(f, "zzg"), "翟志刚");
	assert_string_equal(found(f, "dzg"), "翟志刚");
	assert_string_equal(found(f, "aygl"), "阿依古丽·买买提");
	assert_string_equal(found(f, "zq"), "");
}

static void test_id_digits(void **state)
{
	struct fx *f = *state;
	assert_string_equal(found(f, "500231198001010017"), "张三丰");
	assert_string_equal(found(f, "0017"), "张三丰");
	assert_string_equal(found(f, "0048"), "翟志刚");
	assert_string_equal(found(f, "9999"), "");
	/* Households by search too. */
	struct hh_row rows[10];
	int n;
	struct err e;
	assert_int_equal(hh_page(f->s, "sw", 0, rows, 10, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].head, "单伟");
}

static void test_reindex_same_keys(void **state)
{
	struct fx *f = *state;
	struct err e;
	int64_t before, after;
	assert_int_equal(store_query_int(f->s, &before, &e, "SELECT count(*) FROM person_keys", ""), 0);
	assert_int_equal(store_begin(f->s, &e), 0);
	assert_int_equal(search_reindex(f->s, &e), 0);
	assert_int_equal(store_commit(f->s, &e), 0);
	assert_int_equal(store_query_int(f->s, &after, &e, "SELECT count(*) FROM person_keys", ""), 0);
	assert_int_equal(before, after);
	assert_string_equal(found(f, "三丰"), "张三丰");
}

/* The row-by-row test used for broad queries agrees with the keys. */
static void test_match_function(void **state)
{
	struct fx *f = *state;
	struct err e;
	static const struct { const char *name, *id, *q; int want; } cases[] = {
		{ "单伟", "500231198212120021", "s", 1 }, { "单伟", "500231198212120021", "dw", 1 },
		{ "单伟", "500231198212120021", "w", 0 }, { "张三丰", "500231198001010017", "丰", 1 },
		{ "张三丰", "500231198001010017", "三丰", 1 }, { "张三丰", "500231198001010017", "丰三", 0 },
		{ "张三丰", "500231198001010017", "7", 1 }, { "张三丰", "500231198001010017", "17", 1 },
		{ "张三丰", "500231198001010017", "71", 0 }, { "卫一", "11010519491231002X", "2x", 1 },
	};
	assert_int_equal(search_register(f->s, &e), 0);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t got;
		assert_int_equal(store_query_int(f->s, &got, &e, "SELECT search_match(?, ?, ?)", "sss",
						 cases[i].name, cases[i].id, cases[i].q), 0);
		if (got != cases[i].want)
			fail_msg("search_match(%s, %s) = %lld", cases[i].name, cases[i].q, (long long)got);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fragments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pinyin, setup, teardown),
		cmocka_unit_test_setup_teardown(test_id_digits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reindex_same_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_match_function, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
