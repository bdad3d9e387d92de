/* Catalogue loader: the shipped forms/catalogue files against the seeds,
 * and broken copies in a temporary directory. Expected values are typed
 * from seed 003 (忠县项目清单) and seed 004 (垫江县帮办代办方案). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/office/catalogue.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ---------- the shipped files ---------- */

static int setup_shipped(void **state)
{
	static struct catalogue c;
	struct err e = { "" };

	if (catalogue_load("forms", &c, &e) < 0) {
		fprintf(stderr, "%s\n", e.msg);
		return -1;
	}
	*state = &c;
	return 0;
}

static int teardown_shipped(void **state)
{
	catalogue_free(*state);
	return 0;
}

static void test_kinds(void **state)
{
	const struct catalogue *c = *state;
	/* Seed 004, 三（三）: the eight kinds, in the seed's order. */
	static const char *const eight[] = {
		"最低生活保障", "特困人员供养", "临时救助", "医疗救助",
		"就业救助", "住房救助", "教育救助", "灾害救助",
	};
	static const char *const codes[] = {
		"dibao", "tekun", "linshi", "yiliao", "jiuye", "zhufang",
		"jiaoyu", "zaihai", "dibao_bianyuan", "gaoling",
	};

	assert_int_equal(c->n_kinds, 10);
	for (size_t i = 0; i < N(codes); i++)
		assert_string_equal(c->kinds[i].code, codes[i]);
	for (size_t i = 0; i < N(eight); i++) {
		assert_string_equal(c->kinds[i].name, eight[i]);
		assert_true(c->kinds[i].helper_service);
		assert_true(c->kinds[i].n_materials >= 3);
	}
	assert_string_equal(c->kinds[8].name, "低保边缘家庭");
	assert_false(c->kinds[8].helper_service);
	assert_string_equal(c->kinds[9].name, "高龄老人津贴");
	assert_false(c->kinds[9].helper_service);

	assert_string_equal(c->kinds[0].short_name, "低保");
	assert_string_equal(c->kinds[1].short_name, "特困");
	/* No short key: the short name is the full name. */
	assert_string_equal(c->kinds[2].short_name, "临时救助");
	/* The amount's header: monthly by default, one-off for 临时救助. */
	assert_string_equal(c->kinds[0].amount, "保障金额（元/月）");
	assert_string_equal(c->kinds[2].amount, "救助金额（元）");

	/* Seed 001: every adult member signs the authorisation. */
	const struct kind *k = &c->kinds[0];
	assert_string_equal(k->materials[0], "社会救助申请书");
	assert_string_equal(k->materials[1], "家庭成员身份证、户口簿复印件");
	assert_string_equal(k->materials[2], "家庭经济状况核对授权书（每位成年成员签字）");
}

static void test_categories(void **state)
{
	const struct catalogue *c = *state;
	/* Seed 004, 附件3 人员类别. */
	static const char *const want[] = {
		"社区工作者", "社会工作者", "救助协理员", "网格员",
		"社会救助购买服务人员",
	};

	assert_int_equal(c->n_agent_categories, N(want));
	for (size_t i = 0; i < N(want); i++)
		assert_string_equal(c->agent_categories[i], want[i]);
}

static void test_departments(void **state)
{
	const struct catalogue *c = *state;
	/* Seed 003's table, rows 1–17 (row 6 without the doubled 委). */
	static const char *const names[] = {
		"县民政局", "县残联", "县人力社保局", "县教委", "县交通局",
		"县住房城乡建委", "县乡村振兴局", "县卫生健康委", "县医保局",
		"县应急局", "县司法局", "县城管局", "县总工会", "团县委",
		"县妇联", "县慈善会", "县红十字会",
	};
	/* Items each row names, counted by hand. The 数量 column says
	 * 12 4 7 5 2 1 4 3 1 1 3 1 3 4 1 1 1 (sum 54, the table's total),
	 * but row 8 names only two items. */
	static const size_t named[] = {
		12, 4, 7, 5, 2, 1, 4, 2, 1, 1, 3, 1, 3, 4, 1, 1, 1,
	};
	size_t sum = 0;

	assert_int_equal(c->n_departments, 17);
	for (size_t i = 0; i < N(names); i++) {
		assert_string_equal(c->departments[i].name, names[i]);
		assert_int_equal(c->departments[i].n_items, named[i]);
		sum += c->departments[i].n_items;
	}
	assert_int_equal(sum, 53);
	assert_int_equal(c->n_items, 53);

	assert_string_equal(c->departments[0].items[0], "最低生活保障");
	assert_string_equal(c->departments[16].items[0], "困难家庭应急救助");
	/* Names with quotes, commas and dots survive intact. */
	assert_string_equal(c->departments[0].items[5], "民政“惠民济困保”");
	assert_string_equal(c->departments[4].items[0], "一、二级残疾人员免费乘坐公交车");
	assert_string_equal(c->departments[4].items[1], "三、四级残疾人员半价乘坐公交车");
	assert_string_equal(c->departments[7].items[1], "精神病人免费服用抗精神病药物");
	assert_string_equal(c->departments[13].items[1], "希望工程“精准扶贫·圆梦行动”");
	assert_string_equal(c->departments[13].items[2],
			    "“冬日阳光·温暖你我”忠县共青团新春关爱行动");
}

static void test_lookups(void **state)
{
	const struct catalogue *c = *state;

	assert_string_equal(catalogue_kind(c, "tekun")->name, "特困人员供养");
	assert_null(catalogue_kind(c, "特困"));
	assert_null(catalogue_kind(c, NULL));
	/* The short name for narrow columns; an unknown code stands for itself. */
	assert_string_equal(catalogue_kind_short(c, "tekun"), "特困");
	assert_string_equal(catalogue_kind_short(c, "nosuchkind"), "nosuchkind");
	assert_string_equal(catalogue_kind_by_name(c, "低保")->code, "dibao");
	assert_string_equal(catalogue_kind_by_name(c, "最低生活保障")->code, "dibao");
	assert_string_equal(catalogue_kind_by_name(c, "dibao")->code, "dibao");
	assert_string_equal(catalogue_kind_by_name(c, "高龄津贴")->code, "gaoling");
	assert_string_equal(catalogue_kind_by_name(c, "灾害救助")->code, "zaihai");
	assert_null(catalogue_kind_by_name(c, "低"));
	assert_null(catalogue_kind_by_name(c, "五保"));
	assert_null(catalogue_kind_by_name(c, NULL));
	assert_true(catalogue_agent_category(c, "网格员"));
	assert_true(catalogue_agent_category(c, "社会救助购买服务人员"));
	assert_false(catalogue_agent_category(c, "村干部"));
	assert_false(catalogue_agent_category(c, NULL));
}

/* ---------- temporary copies ---------- */

static const char kinds_ok[] =
	"[dibao]\nname = 最低生活保障\nshort = 低保\nhelper_service = yes\n"
	"materials = 申请书\n";
static const char cats_ok[] = "[categories]\nitem1 = 网格员\n";
static const char items_ok[] = "[minzheng]\nname = 县民政局\nitem1 = 临时救助\n";

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/catalogue/%s", dir, name);
	if (text == NULL)
		return;
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

static void remove_file(const char *dir, const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "%s/catalogue/%s", dir, name);
	unlink(path);
}

/* Loads the three texts (NULL: file absent) from a fresh directory. */
static int load_texts(const char *kinds, const char *cats, const char *items,
		      struct catalogue *c, struct err *e)
{
	char dir[] = "/tmp/jz-catalogue-XXXXXX", sub[512];

	assert_non_null(mkdtemp(dir));
	snprintf(sub, sizeof sub, "%s/catalogue", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	write_file(dir, "kinds.ini", kinds);
	write_file(dir, "helper-categories.ini", cats);
	write_file(dir, "referral-items.ini", items);

	e->msg[0] = '\0';
	int rc = catalogue_load(dir, c, e);

	remove_file(dir, "kinds.ini");
	remove_file(dir, "helper-categories.ini");
	remove_file(dir, "referral-items.ini");
	rmdir(sub);
	rmdir(dir);
	return rc;
}

/* Loading must fail, leave c empty, and the message hold every piece. */
static void expect_error(const char *kinds, const char *cats, const char *items,
			 const char *const *pieces)
{
	struct catalogue c;
	struct err e;

	assert_int_equal(load_texts(kinds, cats, items, &c, &e), -1);
	assert_int_equal(c.n_kinds, 0);
	assert_null(c.kinds);
	assert_null(c.departments);
	for (; *pieces != NULL; pieces++)
		if (strstr(e.msg, *pieces) == NULL)
			fail_msg("“%s” not in “%s”", *pieces, e.msg);
}

#define EXPECT(k, ca, it, ...) \
	expect_error(k, ca, it, (const char *const[]){ __VA_ARGS__, NULL })

static void test_minimal_and_lists(void **state)
{
	struct catalogue c;
	struct err e;
	(void)state;

	/* Full-width and ASCII commas and spaces; short and boolean omitted. */
	assert_int_equal(load_texts(
		"[linshi]\nname = 临时救助\nmaterials =  甲 ，乙,　丙　,丁（一、二）\n",
		cats_ok, items_ok, &c, &e), 0);
	assert_int_equal(c.n_kinds, 1);
	assert_string_equal(c.kinds[0].short_name, "临时救助");
	assert_false(c.kinds[0].helper_service);
	assert_int_equal(c.kinds[0].n_materials, 4);
	assert_string_equal(c.kinds[0].materials[0], "甲");
	assert_string_equal(c.kinds[0].materials[1], "乙");
	assert_string_equal(c.kinds[0].materials[2], "丙");
	assert_string_equal(c.kinds[0].materials[3], "丁（一、二）");
	assert_int_equal(c.n_items, 1);
	catalogue_free(&c);
	assert_int_equal(c.n_kinds, 0);
	catalogue_free(&c);	/* twice is harmless */

	/* 是 / 否 are accepted booleans; quoted values keep ; and #. */
	assert_int_equal(load_texts(
		"[a]\nname = 甲\nhelper_service = 是\nmaterials = \"x;y#z\"\n"
		"[b]\nname = 乙\nhelper_service = FALSE\nmaterials = m\n",
		cats_ok, items_ok, &c, &e), 0);
	assert_true(c.kinds[0].helper_service);
	assert_false(c.kinds[1].helper_service);
	assert_string_equal(c.kinds[0].materials[0], "x;y#z");
	catalogue_free(&c);
}

static void test_kind_errors(void **state)
{
	(void)state;
	EXPECT("[dibao]\nshort = 低保\nmaterials = 申请书\n", cats_ok, items_ok,
	       "kinds.ini", "[dibao]", "缺少 name");
	EXPECT("[dibao]\nname = 最低生活保障\nmaterials =\n", cats_ok, items_ok,
	       "kinds.ini", "[dibao]", "materials", "清单为空");
	EXPECT("[dibao]\nname = 最低生活保障\n", cats_ok, items_ok,
	       "kinds.ini", "[dibao]", "缺少 materials");
	EXPECT("[dibao]\nname = 最低生活保障\nmaterials = 甲,，乙\n", cats_ok, items_ok,
	       "kinds.ini", "[dibao]", "materials", "第 2 项为空");
	EXPECT("[dibao]\nname = 甲\nmaterials = x\n\n[dibao]\nname = 乙\nmaterials = y\n",
	       cats_ok, items_ok, "kinds.ini", "第 5 行", "[dibao]", "重复", "第 1 行");
	EXPECT("[dibao]\nname = 甲\nmaterials = x\ncolour = 红\n", cats_ok, items_ok,
	       "kinds.ini", "[dibao]", "未知的键 colour");
	EXPECT("[dibao]\nname = 甲\nhelper_service = maybe\nmaterials = x\n",
	       cats_ok, items_ok, "kinds.ini", "[dibao]", "helper_service", "maybe");
	EXPECT("[Dibao2]\nname = 甲\nmaterials = x\n", cats_ok, items_ok,
	       "kinds.ini", "第 1 行", "[Dibao2]", "小写");
	EXPECT("[dibao]\nname = 甲\nname = 乙\nmaterials = x\n", cats_ok, items_ok,
	       "kinds.ini", "第 3 行", "name", "重复");
	EXPECT("[a]\nname = 甲\nmaterials = x\n[b]\nname = 乙\nshort = 甲\nmaterials = y\n",
	       cats_ok, items_ok, "kinds.ini", "[b]", "重复", "[a]");
	EXPECT("name = 甲\n[dibao]\n", cats_ok, items_ok,
	       "kinds.ini", "第 1 行", "不在任何节内");
	EXPECT("[dibao]\nname = 甲\nmaterials = x; y\n", cats_ok, items_ok,
	       "kinds.ini", "第 3 行", "materials", ";");
	EXPECT("[dibao]\nname 甲\n", cats_ok, items_ok, "kinds.ini", "第 2 行", "无法识别");
	EXPECT("; 目录\n", cats_ok, items_ok, "kinds.ini", "没有任何救助种类");
}

static void test_file_errors(void **state)
{
	(void)state;
	EXPECT(NULL, cats_ok, items_ok, "catalogue/kinds.ini", "无法读取");
	EXPECT(kinds_ok, NULL, items_ok, "helper-categories.ini", "无法读取");
	/* 低保 in GBK: B5 CD B1 A3. */
	EXPECT("[dibao]\nname = \xB5\xCD\xB1\xA3\nmaterials = x\n", cats_ok, items_ok,
	       "kinds.ini", "第 2 行", "UTF-8");
	EXPECT("\xEF\xBB\xBF[dibao]\nname = 甲\nmaterials = x\n", cats_ok, items_ok,
	       "kinds.ini", "第 1 行", "BOM");
}

static void test_item_errors(void **state)
{
	(void)state;
	EXPECT(kinds_ok, cats_ok, "[minzheng]\nname = 县民政局\nitem1 = 甲\nitem3 = 乙\n",
	       "referral-items.ini", "[minzheng]", "缺少 item2");
	EXPECT(kinds_ok, cats_ok, "[minzheng]\nitem1 = 甲\n",
	       "referral-items.ini", "[minzheng]", "缺少 name");
	EXPECT(kinds_ok, cats_ok, "[minzheng]\nname = 县民政局\n",
	       "referral-items.ini", "[minzheng]", "没有任何项");
	EXPECT(kinds_ok, cats_ok, "[minzheng]\nname = 县民政局\nitem01 = 甲\n",
	       "referral-items.ini", "[minzheng]", "未知的键 item01");
	EXPECT(kinds_ok, cats_ok, "[minzheng]\nname = 县民政局\nitem1 = 甲\nitem2 = 甲\n",
	       "referral-items.ini", "[minzheng]", "item2", "重复");
	EXPECT(kinds_ok, cats_ok,
	       "[a]\nname = 县民政局\nitem1 = 甲\n[b]\nname = 县民政局\nitem1 = 乙\n",
	       "referral-items.ini", "[b]", "县民政局", "重复");
	EXPECT(kinds_ok, cats_ok, "[minzheng]\nname = 县民政局\nitem1 =\n",
	       "referral-items.ini", "[minzheng]", "item1", "值为空");
	EXPECT(kinds_ok, "[categories]\nitem1 = 网格员\nname = 类别\n", items_ok,
	       "helper-categories.ini", "[categories]", "未知的键 name");
	EXPECT(kinds_ok, "[category]\nitem1 = 网格员\n", items_ok,
	       "helper-categories.ini", "[category]", "未知的节");
	EXPECT(kinds_ok, "", items_ok, "helper-categories.ini", "缺少 [categories]");
}

int main(void)
{
	const struct CMUnitTest shipped[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_categories),
		cmocka_unit_test(test_departments),
		cmocka_unit_test(test_lookups),
	};
	const struct CMUnitTest copies[] = {
		cmocka_unit_test(test_minimal_and_lists),
		cmocka_unit_test(test_kind_errors),
		cmocka_unit_test(test_file_errors),
		cmocka_unit_test(test_item_errors),
	};
	int failed = cmocka_run_group_tests_name("shipped", shipped,
						 setup_shipped, teardown_shipped);
	return failed + cmocka_run_group_tests_name("copies", copies, NULL, NULL);
}
