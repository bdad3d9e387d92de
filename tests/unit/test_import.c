/* CSV import of households (src/core/tools/import.c) and the household/person
 * writes under it (src/core/domain/household.c). The ID numbers in tests/data were
 * computed by hand from GB 11643 (MOD 11-2), outside this code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/domain/access.h"
#include "core/domain/household.h"
#include "core/domain/role.h"
#include "core/tools/import.h"
#include "core/domain/office.h"
#include "core/store/audit.h"
#include "core/store/search.h"
#include "core/store/store.h"
#include "core/office/validate.h"

#define TODAY "2024-06-01"

static char *villages[] = { "太平村", "大路村" };

struct fx {
	char path[64];
	struct store *s;
	struct config *cfg;
	struct validator *v;
	struct form_set forms;
	struct import_report r;
	struct err e;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct err e;
	setenv("JIUZHU_TODAY", TODAY, 1);
	strcpy(f->path, "/tmp/jiuzhu-test-import-XXXXXX");
	int fd = mkstemp(f->path);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(store_open(f->path, STORE_LOCAL, 5000, &f->s, &e), 0);
	assert_int_equal(store_migrate(f->s, &e), 0);
	f->cfg = calloc(1, sizeof *f->cfg);
	strcpy(f->cfg->county, "垫江县");
	strcpy(f->cfg->township, "太平镇");
	f->cfg->villages = villages;
	f->cfg->n_villages = 2;
	assert_int_equal(office_sync(f->s, f->cfg, &e), 0);
	f->v = validator_new("forms/catalogue/regions.txt", &e);
	if (f->v == NULL)
		fail_msg("validator_new: %s", e.msg);
	if (forms_load_dir("forms", &f->forms, &e) != 0)
		fail_msg("forms: %s", e.msg);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char p[80];
	import_report_free(&f->r);
	store_close(f->s);
	validator_free(f->v);
	forms_free(&f->forms);
	free(f->cfg);
	unlink(f->path);
	snprintf(p, sizeof p, "%s-wal", f->path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", f->path);
	unlink(p);
	free(f);
	return 0;
}

static int64_t count(struct fx *f, const char *sql)
{
	int64_t n = -1;
	struct err e;
	if (store_query_int(f->s, &n, &e, sql, "") != 0)
		fail_msg("%s: %s", sql, e.msg);
	return n;
}

static int run(struct fx *f, const char *path, bool skip_bad)
{
	import_report_free(&f->r);
	f->e.msg[0] = '\0';
	return import_households(f->s, f->cfg, f->v, &f->forms, path, skip_bad, NULL, NULL, &f->r, &f->e);
}

/* A report line starting with prefix and containing needle (NULL: any). */
static bool has_line(const struct import_report *r, const char *prefix, const char *needle)
{
	for (size_t i = 0; i < r->n_lines; i++)
		if (strncmp(r->lines[i], prefix, strlen(prefix)) == 0 &&
		    (needle == NULL || strstr(r->lines[i], needle) != NULL))
			return true;
	return false;
}

static void dump(const struct fx *f)
{
	for (size_t i = 0; i < f->r.n_lines; i++)
		print_message("  | %s\n", f->r.lines[i]);
}

static char *write_tmp(const char *content, size_t len)
{
	static char path[64];
	strcpy(path, "/tmp/jiuzhu-test-csv-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, content, len), (ssize_t)len);
	close(fd);
	return path;
}

/* The good roster: 3 households, 6 persons, whatever its encoding. */
static void assert_good_roster(struct fx *f, const char *file)
{
	if (run(f, file, false) != 0) {
		dump(f);
		fail_msg("%s: %s", file, f->e.msg);
	}
	assert_int_equal(f->r.rows, 6);
	assert_int_equal(f->r.households, 3);
	assert_int_equal(f->r.persons, 6);
	assert_int_equal(f->r.bad_rows, 0);
	assert_int_equal(count(f, "SELECT count(*) FROM households"), 3);
	assert_int_equal(count(f, "SELECT count(*) FROM persons"), 6);
	assert_int_equal(count(f, "SELECT count(*) FROM persons WHERE is_head = 1"), 3);
	/* Lower-case x in the file, upper-case in the store; birth and sex
	 * from the number: 1950-03-15, sequence 001 (odd: male). */
	assert_int_equal(count(f, "SELECT count(*) FROM persons WHERE name = '张三' AND "
			       "id_number = '50023119500315001X' AND sex = 'M' AND "
			       "birth_date = '1950-03-15' AND relation = '户主' AND "
			       "phone = '13812345678'"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM persons WHERE name = '李秀英' AND "
			       "sex = 'F' AND birth_date = '1952-07-20' AND is_head = 0"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM households h JOIN villages v "
			       "ON v.id = h.village_id JOIN persons p ON p.household_id = h.id "
			       "WHERE p.name = '张三' AND v.name = '太平村' AND h.address = "
			       "'太平村3组12号' AND h.phone = '13812345678' AND h.created_on = '"
			       TODAY "' AND h.household_class = 'stable'"), 1);
	/* Members belong to the head above them. */
	assert_int_equal(count(f, "SELECT count(*) FROM persons WHERE household_id = "
			       "(SELECT household_id FROM persons WHERE name = '张三')"), 3);
	assert_int_equal(count(f, "SELECT count(*) FROM persons WHERE household_id = "
			       "(SELECT household_id FROM persons WHERE name = '王五')"), 2);
	assert_int_equal(count(f, "SELECT count(*) FROM persons p JOIN households h ON "
			       "h.id = p.household_id JOIN villages v ON v.id = h.village_id "
			       "WHERE p.name = '刘七' AND v.name = '大路村' AND h.phone IS NULL"), 1);
	/* Every write is audited. */
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE tbl = 'persons'"), 6);
	/* Warnings: the unknown column, and 500299 is not in regions.txt. */
	assert_true(has_line(&f->r, "未识别的列：民族（已忽略）", NULL));
	assert_true(has_line(&f->r, "第 8 行：", "500299"));
	assert_int_equal(f->r.n_lines, 2);
}

static void test_utf8(void **state)
{
	assert_good_roster(*state, "tests/data/households-utf8.csv");
}

static void test_bom(void **state)
{
	assert_good_roster(*state, "tests/data/households-bom.csv");
}

static void test_crlf(void **state)
{
	assert_good_roster(*state, "tests/data/households-crlf.csv");
}

static void test_gb18030(void **state)
{
	assert_good_roster(*state, "tests/data/households-gb18030.csv");
}

static void test_quoted(void **state)
{
	struct fx *f = *state;
	if (run(f, "tests/data/households-quoted.csv", false) != 0) {
		dump(f);
		fail_msg("%s", f->e.msg);
	}
	assert_int_equal(f->r.households, 2);
	assert_int_equal(f->r.persons, 4);
	assert_int_equal(f->r.n_lines, 0);	/* 村(社区) in ASCII is known */
	assert_int_equal(count(f, "SELECT count(*) FROM households WHERE address = '太平村3组,12号'"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM persons WHERE name = '张小明' AND "
			       "phone IS NULL AND household_id = (SELECT household_id FROM "
			       "persons WHERE name = '张三')"), 1);
	sqlite3_stmt *st;
	struct err e;
	assert_int_equal(store_query(f->s, &st, &e, "SELECT count(*) FROM persons WHERE "
				     "name = '李秀英' AND household_id = (SELECT household_id "
				     "FROM persons WHERE name = '张三')", ""), 0);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 1);
	sqlite3_reset(st);
}

/* 陈九 is already in the store, as the bad file's line 12 expects. */
static void add_chen_jiu(struct fx *f)
{
	struct err e;
	struct idcard id;
	int64_t village, hid, pid, found_p, found_h;
	assert_int_equal(validate_id(f->v, "500231197701010195", date_today(), &id, &e), 0);
	assert_int_equal(office_village_id(f->s, f->cfg, "太平村", &village, &e), 0);
	struct household_in h = { .village_id = village, .created_on = date_today() };
	struct person_in p = { .name = "陈九", .id = &id, .relation = "户主" };
	assert_int_equal(store_begin(f->s, &e), 0);
	assert_int_equal(household_insert(f->s, &h, &hid, &e), 0);
	assert_int_equal(person_insert(f->s, hid, &p, &pid, &e), 0);
	/* The same number again is refused, naming its holder. */
	struct person_in again = { .name = "陈久", .id = &id, .relation = "配偶" };
	assert_int_equal(person_insert(f->s, hid, &again, NULL, &e), -1);
	assert_string_equal(e.msg, "身份证号码 5002**********0195 已登记在 陈九（太平村 户号 1）名下");
	assert_int_equal(store_commit(f->s, &e), 0);
	assert_int_equal(hid, 1);
	assert_int_equal(person_find_by_id_number(f->s, "500231197701010195", &found_p, &found_h, &e), 0);
	assert_int_equal(found_p, pid);
	assert_int_equal(found_h, hid);
	assert_int_equal(person_find_by_id_number(f->s, "11010519491231002X", &found_p, &found_h, &e), 0);
	assert_int_equal(found_p, 0);
	assert_int_equal(count(f, "SELECT count(*) FROM persons WHERE name = '陈九' AND "
			       "is_head = 1 AND sex = 'M' AND birth_date = '1977-01-01'"), 1);
}

/* Each bad row of tests/data/households-bad.csv, by line. */
static void assert_bad_lines(struct fx *f)
{
	assert_int_equal(f->r.rows, 14);
	assert_int_equal(f->r.bad_rows, 9);
	assert_true(has_line(&f->r, "第 2 行：", "户主"));	/* member without a head */
	assert_true(has_line(&f->r, "第 3 行：", NULL));	/* bad check character */
	assert_true(has_line(&f->r, "第 5 行：", NULL));	/* phone of 10 digits */
	assert_true(has_line(&f->r, "第 8 行：", "东风村"));	/* not a village of 太平镇 */
	assert_true(has_line(&f->r, "第 10 行：", "第 9 行"));	/* village differs from head's */
	assert_true(has_line(&f->r, "第 10 行：", "郑六"));
	assert_true(has_line(&f->r, "第 11 行：", "与第 7 行重复"));
	assert_true(has_line(&f->r, "第 12 行：", "5002**********0195 已登记在 陈九（太平村 户号 1）名下"));
	assert_true(has_line(&f->r, "第 13 行：", NULL));	/* name X1 */
	assert_true(has_line(&f->r, "第 14 行：", "7 个字段"));
}

static void test_bad_all_or_nothing(void **state)
{
	struct fx *f = *state;
	add_chen_jiu(f);
	int64_t audit = count(f, "SELECT count(*) FROM audit_log");
	assert_int_equal(run(f, "tests/data/households-bad.csv", false), -1);
	assert_string_equal(f->e.msg, "导入失败：9 行有错误，未导入任何数据");
	assert_bad_lines(f);
	assert_int_equal(f->r.households, 0);
	assert_int_equal(f->r.persons, 0);
	/* Rows that are fine themselves are not reported. */
	const char *fine[] = { "第 4 行", "第 6 行", "第 7 行", "第 9 行", "第 15 行" };
	for (size_t i = 0; i < sizeof fine / sizeof *fine; i++)
		assert_false(has_line(&f->r, fine[i], NULL));
	assert_int_equal(count(f, "SELECT count(*) FROM households"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM persons"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log"), audit);
}

static void test_bad_skip(void **state)
{
	struct fx *f = *state;
	add_chen_jiu(f);
	if (run(f, "tests/data/households-bad.csv", true) != 0) {
		dump(f);
		fail_msg("%s", f->e.msg);
	}
	assert_bad_lines(f);
	assert_int_equal(f->r.households, 2);
	assert_int_equal(f->r.persons, 3);
	assert_int_equal(count(f, "SELECT count(*) FROM households"), 3);
	assert_int_equal(count(f, "SELECT count(*) FROM persons"), 4);
	assert_int_equal(count(f, "SELECT count(*) FROM persons WHERE name IN "
			       "('周四', '周小', '卫一', '陈九')"), 4);
	assert_int_equal(count(f, "SELECT count(*) FROM persons WHERE household_id = "
			       "(SELECT household_id FROM persons WHERE name = '周四')"), 2);
	/* The whole household of a bad row is left out, good members too. */
	assert_int_equal(count(f, "SELECT count(*) FROM persons WHERE name IN ('钱二', '郑六')"), 0);
	assert_true(has_line(&f->r, "第 3 行：", "户主 钱一 这一户（共 2 行）有错误，整户未导入"));
	assert_true(has_line(&f->r, "第 9 行：", "户主 郑六 这一户（共 2 行）有错误，整户未导入"));
	assert_true(has_line(&f->r, "第 14 行：", "整户未导入"));
	assert_false(has_line(&f->r, "第 6 行：", NULL));
	assert_false(has_line(&f->r, "第 15 行：", NULL));
}

/* A record spanning lines 2–3 is numbered 2; the next one is line 4. */
static void test_line_numbers_physical(void **state)
{
	struct fx *f = *state;
	const char csv[] = "村（社区）,姓名,身份证号码,与户主关系,家庭住址\n"
			   "太平村,张三,\"50023119500315001X\",户主,\"3组\n12号\"\n"
			   "东风村,李秀英,500231195207200023,配偶,\n";
	char *path = write_tmp(csv, sizeof csv - 1);
	assert_int_equal(run(f, path, false), -1);
	unlink(path);
	assert_int_equal(f->r.bad_rows, 1);
	assert_true(has_line(&f->r, "第 4 行：", "东风村"));
	assert_false(has_line(&f->r, "第 2 行：", NULL));
	assert_false(has_line(&f->r, "第 3 行：", NULL));
}

static void expect_error(struct fx *f, const char *content, size_t len, const char *needle)
{
	char *path = write_tmp(content, len);
	assert_int_equal(run(f, path, false), -1);
	unlink(path);
	if (strstr(f->e.msg, needle) == NULL)
		fail_msg("expected “%s” in “%s”", needle, f->e.msg);
	assert_int_equal(count(f, "SELECT count(*) FROM persons"), 0);
}

static void test_file_errors(void **state)
{
	struct fx *f = *state;
	/* The GB18030 roster (8 lines) and then 0x81 0x20, which is no GB18030
	 * character (a lead byte needs a trail byte 0x40–0xFE or a digit). */
	char gb[1024];
	FILE *in = fopen("tests/data/households-gb18030.csv", "rb");
	assert_non_null(in);
	size_t n = fread(gb, 1, sizeof gb - 4, in);
	fclose(in);
	memcpy(gb + n, "\x81\x20\n", 3);
	expect_error(f, gb, n + 3, "第 9 行");
	const char bom_bad[] = "\xEF\xBB\xBF村（社区）,姓名\n\xFF\n";
	expect_error(f, bom_bad, sizeof bom_bad - 1, "第 2 行");
	expect_error(f, "\xFF\xFE" "a\0b\0", 6, "UTF-16");
	const char quote[] = "村（社区）,姓名,身份证号码,与户主关系\n太平村,\"张三,1,户主\n\n";
	expect_error(f, quote, sizeof quote - 1, "第 2 行");
	const char missing[] = "村(社区),姓名,身份证号码,联系电话\n太平村,张三,50023119500315001X,\n";
	expect_error(f, missing, sizeof missing - 1, "缺少必需的列：与户主关系");
	const char twice[] = "村（社区）,姓名,身份证号码,与户主关系,姓名\n";
	expect_error(f, twice, sizeof twice - 1, "“姓名”列出现了两次");
	expect_error(f, "\n\n", 2, "是空的");
	const char only_header[] = "村（社区）,姓名,身份证号码,与户主关系\r\n,,,\r\n";
	expect_error(f, only_header, sizeof only_header - 1, "没有数据行");
	expect_error(f, "a,b\nc,d\n", 8, "找不到表头行");
	assert_int_equal(run(f, "/nonexistent/x.csv", false), -1);
	assert_non_null(strstr(f->e.msg, "/nonexistent/x.csv"));
}

/* A title row above the header is skipped; a failure while writing rolls
 * the whole import back. */
static void test_title_row_and_rollback(void **state)
{
	struct fx *f = *state;
	const char csv[] = "太平镇花名册,,,\n"
			   "村（社区）,姓名,身份证号码,与户主关系\n"
			   "太平村,张三,50023119500315001X,户主\n"
			   "大路村,王五,500231196505050013,户主\n";
	char *path = write_tmp(csv, sizeof csv - 1);
	/* Make the second household's write fail inside the transaction. */
	assert_int_equal(sqlite3_exec(store_db(f->s),
				      "CREATE TRIGGER no_wang BEFORE INSERT ON persons "
				      "WHEN NEW.name = '王五' BEGIN SELECT RAISE(ABORT, 'no'); END",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(run(f, path, false), -1);
	assert_non_null(strstr(f->e.msg, "第 4 行"));
	assert_non_null(strstr(f->e.msg, "未导入任何数据"));
	assert_int_equal(count(f, "SELECT count(*) FROM persons"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM households"), 0);
	assert_false(store_in_transaction(f->s));
	assert_int_equal(sqlite3_exec(store_db(f->s), "DROP TRIGGER no_wang", NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(run(f, path, false), 0);
	unlink(path);
	assert_true(has_line(&f->r, "表头在第 2 行", NULL));
	assert_int_equal(count(f, "SELECT count(*) FROM persons"), 2);
}

/* GB 11643 check character, computed here from the standard's weights. */
static char check_char(const char *d17)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (d17[i] - '0') * w[i];
	return "10X98765432"[sum % 11];
}

/* A roster of `rows` rows (even): households of a head and a spouse, each
 * with a distinct birth date (from 1940-01-01) and sequence number. */
static char *write_roster(size_t rows)
{
	size_t cap = rows * 64 + 128, len = 0;
	char *csv = malloc(cap);
	len += (size_t)snprintf(csv, cap, "村（社区）,姓名,身份证号码,与户主关系,联系电话\n");
	for (size_t k = 0; k < rows; k++) {
		char id[32];
		int year = 1940 + (int)(k / 1000 / 336), rest = (int)(k / 1000 % 336);
		snprintf(id, sizeof id, "500231%04d%02d%02d%03d", year, rest / 28 + 1,
			 rest % 28 + 1, (int)(k % 1000));
		id[17] = check_char(id);
		id[18] = '\0';
		len += (size_t)snprintf(csv + len, cap - len, "%s,%s,%s,%s,%s\n",
					villages[k / 2 % 2], k % 2 ? "李秀英" : "张三", id,
					k % 2 ? "配偶" : "户主", k % 2 ? "" : "13812345678");
	}
	char *path = write_tmp(csv, len);
	free(csv);
	return path;
}

/* Many rows: households of a head and a spouse; then the same file again,
 * where every row is already in the store. */
static void test_large(void **state)
{
	struct fx *f = *state;
	const char *env = getenv("JIUZHU_TEST_IMPORT_ROWS");
	size_t rows = env != NULL ? (size_t)atol(env) : 20000;
	rows -= rows % 2;
	char *path = write_roster(rows);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (run(f, path, false) != 0) {
		dump(f);
		fail_msg("%s", f->e.msg);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	print_message("  %zu rows imported in %.2f s\n", rows,
		      (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	assert_int_equal(f->r.persons, rows);
	assert_int_equal(count(f, "SELECT count(*) FROM households"), (int64_t)rows / 2);
	assert_int_equal(count(f, "SELECT count(*) FROM persons WHERE is_head = 0"), (int64_t)rows / 2);
	assert_int_equal(run(f, path, false), -1);
	unlink(path);
	assert_int_equal(f->r.bad_rows, rows);
	assert_int_equal(count(f, "SELECT count(*) FROM persons"), (int64_t)rows);
}

/* Every person's search keys as one text, in a fixed order. */
static char *all_keys(struct fx *f)
{
	sqlite3_stmt *st;
	struct err e;
	assert_int_equal(store_query(f->s, &st, &e, "SELECT group_concat(person_id || ':' || key, ' ') "
				     "FROM (SELECT person_id, key FROM person_keys ORDER BY person_id, key)",
				     ""), 0);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	const char *t = (const char *)sqlite3_column_text(st, 0);
	char *copy = strdup(t != NULL ? t : "");
	sqlite3_reset(st);
	return copy;
}

/* The keys an import writes are those a clerk's registration writes
 * (search_reindex computes them person by person), whether the index is
 * rebuilt (an empty store) or the new keys go into it (fewer new persons
 * than old); the index is there afterwards. */
static void test_search_keys(void **state)
{
	struct fx *f = *state;
	struct err e;
	const char csv[] = "村（社区）,姓名,身份证号码,与户主关系\n"
			   "大路村,欧阳娜,500231198808080155,户主\n";
	assert_int_equal(run(f, "tests/data/households-utf8.csv", false), 0);
	char *path = write_tmp(csv, sizeof csv - 1);
	assert_int_equal(run(f, path, false), 0);
	unlink(path);
	assert_int_equal(count(f, "SELECT count(*) FROM persons"), 7);
	assert_int_equal(count(f, "SELECT count(*) FROM person_keys WHERE key = 'oyn' AND person_id = "
			       "(SELECT id FROM persons WHERE name = '欧阳娜')"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM person_keys WHERE key = '张三' AND person_id = "
			       "(SELECT id FROM persons WHERE name = '张三')"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM sqlite_master WHERE name = 'person_keys_key'"), 1);
	char *imported = all_keys(f);
	assert_int_equal(store_begin(f->s, &e), 0);
	assert_int_equal(search_reindex(f->s, &e), 0);
	assert_int_equal(store_commit(f->s, &e), 0);
	char *clerk = all_keys(f);
	assert_string_equal(imported, clerk);
	free(imported);
	free(clerk);
}

struct calls {
	long done[64], total[64];
	int n;
};

static void on_progress(void *ctx, long done, long total)
{
	struct calls *c = ctx;
	if (c->n < 64) {
		c->done[c->n] = done;
		c->total[c->n] = total;
	}
	c->n++;
}

/* Every 4096 rows the rows read and an estimate of all of them (from the
 * part of the file read); last, the exact count. */
static void test_progress(void **state)
{
	struct fx *f = *state;
	struct calls c = { .n = 0 };
	char *path = write_roster(10000);
	assert_int_equal(import_households(f->s, f->cfg, f->v, &f->forms, path, false, on_progress, &c,
					   &f->r, &f->e), 0);
	unlink(path);
	assert_int_equal(c.n, 3);
	assert_int_equal(c.done[0], 4096);
	assert_int_equal(c.done[1], 8192);
	assert_in_range(c.total[0], 9500, 10500);
	assert_in_range(c.total[1], 9500, 10500);
	assert_int_equal(c.done[2], 10000);
	assert_int_equal(c.total[2], 10000);
}

/* Numbers already registered, in a household that is otherwise fine and
 * is being written: the insert finds the first; it is named, the rest of
 * the household is still checked, so is every later row, and nothing is
 * written. */
static void test_taken_mid_household(void **state)
{
	struct fx *f = *state;
	assert_int_equal(run(f, "tests/data/households-utf8.csv", false), 0);
	int64_t audit = count(f, "SELECT count(*) FROM audit_log");
	const char csv[] = "村（社区）,姓名,身份证号码,与户主关系\n"
			   "太平村,周小,500231197006060115,户主\n"
			   "太平村,李秀,500231195207200023,配偶\n"
			   "太平村,赵美,500231196808080025,女\n"
			   "大路村,王六,500231196505050013,户主\n";
	char *path = write_tmp(csv, sizeof csv - 1);
	assert_int_equal(run(f, path, false), -1);
	unlink(path);
	assert_string_equal(f->e.msg, "导入失败：3 行有错误，未导入任何数据");
	assert_true(has_line(&f->r, "第 3 行：", "已登记在 李秀英"));
	assert_true(has_line(&f->r, "第 4 行：", "已登记在 赵梅"));
	assert_true(has_line(&f->r, "第 5 行：", "已登记在 王五"));
	assert_false(has_line(&f->r, "第 2 行：", NULL));
	assert_int_equal(f->r.persons, 0);
	assert_int_equal(f->r.households, 0);
	assert_int_equal(count(f, "SELECT count(*) FROM persons"), 6);
	assert_int_equal(count(f, "SELECT count(*) FROM households"), 3);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log"), audit);
}

/* The import lifts the guard triggers inside its transaction: they are
 * all there after it, committed or rolled back, and guard the rows. */
static void test_guards_back(void **state)
{
	struct fx *f = *state;
	int missing = -1;
	assert_int_equal(run(f, "tests/data/households-utf8.csv", false), 0);
	assert_int_equal(audit_missing(store_db(f->s), &missing, &f->e), 0);
	assert_int_equal(missing, 0);
	assert_int_equal(run(f, "tests/data/households-bad.csv", false), -1);
	assert_int_equal(audit_missing(store_db(f->s), &missing, &f->e), 0);
	assert_int_equal(missing, 0);
	assert_int_equal(count(f, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' "
			       "AND name = 'jz_guard_persons_insert'"), 1);
}

/* A village cadre imports their own village's households: each row of
 * another village is a bad row naming why, checked once per village. */
static void test_village_area(void **state)
{
	struct fx *f = *state;
	int64_t village = count(f, "SELECT id FROM villages WHERE name = '太平村'");
	int64_t township = count(f, "SELECT township_id FROM villages WHERE name = '太平村'");
	struct store_actor cadre = access_actor(ROLE_VILLAGE, township, village);
	store_set_actor(f->s, &cadre);
	assert_int_equal(run(f, "tests/data/households-utf8.csv", false), -1);
	assert_string_equal(f->e.msg, "导入失败：3 行有错误，未导入任何数据");
	for (int line = 6; line <= 8; line++) {
		char prefix[32];
		snprintf(prefix, sizeof prefix, "第 %d 行：", line);
		assert_true(has_line(&f->r, prefix, "不属于您负责的村"));
	}
	assert_int_equal(count(f, "SELECT count(*) FROM households"), 0);
	if (run(f, "tests/data/households-utf8.csv", true) != 0) {
		dump(f);
		fail_msg("%s", f->e.msg);
	}
	assert_int_equal(f->r.households, 1);
	assert_int_equal(count(f, "SELECT count(*) FROM households"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM households WHERE village_id = "
			       "(SELECT id FROM villages WHERE name = '太平村')"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM persons"), 3);
	/* The user is the cadre again afterwards, not the whole store. */
	assert_int_equal(store_actor(f->s)->village_id, village);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bom, setup, teardown),
		cmocka_unit_test_setup_teardown(test_crlf, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gb18030, setup, teardown),
		cmocka_unit_test_setup_teardown(test_quoted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_skip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_line_numbers_physical, setup, teardown),
		cmocka_unit_test_setup_teardown(test_file_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_title_row_and_rollback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_large, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_progress, setup, teardown),
		cmocka_unit_test_setup_teardown(test_taken_mid_household, setup, teardown),
		cmocka_unit_test_setup_teardown(test_village_area, setup, teardown),
		cmocka_unit_test_setup_teardown(test_guards_back, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
