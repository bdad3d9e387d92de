/* Form definitions: the shipped forms load; broken files are refused with
 * the file and line; every field type is checked with hand-made values. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "office_fixture.h"
#include "core/office/form.h"

static char tmpdir[] = "/tmp/jz-form-XXXXXX";

static int setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

/* Loads text as a form from a temporary file; expects failure with a
 * message containing "<path> 第 <line> 行：" and `want`. */
static void expect_bad(const char *text, int line, const char *want)
{
	char path[256], where[300];
	struct form_def f;
	struct err e = { "" };
	snprintf(path, sizeof path, "%s/bad.ini", tmpdir);
	write_file(path, text);
	assert_int_equal(form_load(path, &f, &e), -1);
	snprintf(where, sizeof where, "%s 第 %d 行：", path, line);
	if (strstr(e.msg, where) != e.msg || strstr(e.msg, want) == NULL)
		fail_msg("got “%s”, want “%s…%s”", e.msg, where, want);
	assert_int_equal(f.n_fields, 0);
	assert_null(f.fields);
	unlink(path);
}

#define HEAD "; a comment\n[form]\nid = t\ntitle = 测试\n\n"

static void test_shipped(void **state)
{
	(void)state;
	struct form_set set;
	struct err e = { "" };
	if (forms_load_dir("forms", &set, &e) < 0)
		fail_msg("%s", e.msg);
	/* Intake, investigation, one per kind of case step, the helper-agent
	 * roster and entrustment forms, the rolls', the requests for help and referrals;
	 * forms/catalogue/ is not read as a form. */
	static const char *const ids[] = { "household", "person", "application",
					   "investigation", "review", "step", "step_materials",
					   "step_withdraw", "step_objection", "step_approve",
					   "step_refuse", "step_extend", "deliberation", "agent", "entrust", "entrust_step",
					   "entrust_missing", "entrust_out_of_scope", "entrust_feedback",
					   "entrust_terminate", "entrust_rate", "person_leave", "staff",
					   "roll_step", "roll_change", "roll_review", "recert",
					   "help_request", "referral_reply", "referral_withdraw",
					   "request_close", "prepay" };
	assert_int_equal(set.n, sizeof ids / sizeof ids[0]);
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
		assert_non_null(forms_find(&set, ids[i]));
	assert_null(forms_find(&set, "kinds"));

	const struct form_def *p = forms_find(&set, "person");
	assert_string_equal(p->title, "家庭成员");
	assert_int_equal(p->n_fields, 4);
	/* File order. */
	assert_string_equal(p->fields[0].name, "name");
	assert_string_equal(p->fields[1].name, "id_number");
	assert_string_equal(p->fields[2].name, "relation");
	assert_string_equal(p->fields[3].name, "phone");
	assert_int_equal(p->fields[1].kind, FIELD_IDNUMBER);
	assert_true(p->fields[0].required);
	assert_false(p->fields[3].required);
	assert_int_equal(p->fields[2].n_choices, 12);
	assert_string_equal(p->fields[2].choices[0], "户主");
	assert_string_equal(p->fields[2].choices[11], "其他");
	assert_non_null(p->fields[0].pattern);

	const struct form_def *a = forms_find(&set, "application");
	const struct field_def *kind = form_field(a, "kind");
	assert_non_null(kind);
	assert_string_equal(kind->choices_from, "kinds");
	assert_int_equal(kind->n_choices, 0);
	const struct field_def *recv = form_field(a, "received");
	char buf[64];
	field_default(recv, date_from_ymd(2024, 3, 5), buf, sizeof buf);
	assert_string_equal(buf, "2024-03-05");

	/* The program supplies @kinds; then the choice is checked. */
	const char *const kinds[] = { "低保", "特困", "临时救助" };
	assert_int_equal(forms_set_choices(&set, "kinds", kinds, 3, &e), 0);
	assert_int_equal(kind->n_choices, 3);
	assert_int_equal(field_check(kind, NULL, "特困", 0, buf, sizeof buf, &e), 0);
	assert_int_equal(field_check(kind, NULL, "五保", 0, buf, sizeof buf, &e), -1);
	assert_non_null(strstr(e.msg, "救助种类："));

	const struct form_def *d = forms_find(&set, "step_approve");
	assert_int_equal(form_field(d, "amount")->kind, FIELD_MONEY);
	assert_true(form_field(d, "amount")->required);
	forms_free(&set);
	assert_int_equal(set.n, 0);
}

static void test_bad_files(void **state)
{
	(void)state;
	/* Line numbers counted by hand: HEAD is lines 1–5. */
	expect_bad(HEAD "[field.phone]\nlabel = 电话\ntype = phon\n", 8,
		   "字段 phone 的类型 “phon” 无效（可用：text, multiline");
	expect_bad(HEAD "[field.a]\nlabel = 甲\ntype = text\ncolour = red\n", 9,
		   "未知的键 colour");
	expect_bad(HEAD "[field.a]\nlabel = 甲\ntype = text\n\n"
		   "[field.b]\nlabel = 乙\ntype = text\npattern = [0-9\n", 13,
		   "字段 b 的 pattern 不是有效的正则表达式");
	expect_bad(HEAD "[field.c]\nlabel = 选\ntype = choice\nrequired = yes\n", 6,
		   "字段 c 的类型是 choice，但没有 choices");
	expect_bad(HEAD "[field.c]\nlabel = 选\ntype = choice\nchoices = 甲，，乙\n", 9,
		   "项为空");
	expect_bad(HEAD "[field.t]\nlabel = 文\ntype = text\nchoices = 甲\n", 9,
		   "不能有 choices");
	expect_bad(HEAD "[field.a]\nlabel = 甲\ntype = text\n[field.a]\n", 9,
		   "节 [field.a] 重复（第 6 行已有）");
	expect_bad(HEAD "[field.a]\nlabel = 甲\ntype = text\nlabel = 乙\n", 9,
		   "[field.a] label 重复（第 7 行已有）");
	expect_bad(HEAD "[other]\n", 6, "未知的节 [other]");
	expect_bad(HEAD "[field.a]\ntype = text\n", 6, "缺少 label");
	expect_bad(HEAD "[field.a]\nlabel = 甲\ntype = text\nrequired = maybe\n", 9,
		   "required 的值 “maybe” 不是 yes 或 no");
	expect_bad(HEAD "[field.a]\nlabel = 甲\ntype = text\nmax = 0\n", 9, "max 的值 “0” 超出范围");
	expect_bad(HEAD "[field.a]\nlabel = 甲\ntype = text\nhelp = a;b\n", 9, "英文的 ; 或 #");
	expect_bad(HEAD "[field.m]\nlabel = 钱\ntype = money\ndefault = 1.234\n", 9,
		   "默认值不合要求");
	expect_bad("[form]\ntitle = 无代码\n[field.a]\nlabel = 甲\ntype = text\n", 1,
		   "缺少 id");
	expect_bad(HEAD, 2, "没有任何字段");
}

static void test_bad_file_without_form(void **state)
{
	(void)state;
	char path[256];
	struct form_def f;
	struct err e = { "" };
	snprintf(path, sizeof path, "%s/noform.ini", tmpdir);
	write_file(path, "[field.a]\nlabel = 甲\ntype = text\n");
	assert_int_equal(form_load(path, &f, &e), -1);
	assert_non_null(strstr(e.msg, path));
	assert_non_null(strstr(e.msg, "缺少 [form] 节"));
	unlink(path);
	assert_int_equal(form_load("/nonexistent/x.ini", &f, &e), -1);
	assert_non_null(strstr(e.msg, "文件不存在"));
}

/* A directory: subdirectories are skipped, duplicate ids are refused. */
static void test_dir(void **state)
{
	(void)state;
	char sub[256], p1[256], p2[256];
	struct form_set set;
	struct err e = { "" };
	snprintf(sub, sizeof sub, "%s/sub.ini", tmpdir);
	assert_int_equal(mkdir(sub, 0700), 0);
	snprintf(p1, sizeof p1, "%s/a.ini", tmpdir);
	write_file(p1, HEAD "[field.x]\nlabel = 甲\ntype = text\n");
	assert_int_equal(forms_load_dir(tmpdir, &set, &e), 0);
	assert_int_equal(set.n, 1);
	forms_free(&set);
	snprintf(p2, sizeof p2, "%s/b.ini", tmpdir);
	write_file(p2, HEAD "[field.y]\nlabel = 乙\ntype = text\n");
	assert_int_equal(forms_load_dir(tmpdir, &set, &e), -1);
	assert_non_null(strstr(e.msg, "表单代码 t 与"));
	assert_int_equal(set.n, 0);
	unlink(p1);
	unlink(p2);
	rmdir(sub);
}

/* ---- field_check ---- */

static struct field_def mk(enum field_kind k, bool required)
{
	struct field_def fd;
	memset(&fd, 0, sizeof fd);
	snprintf(fd.name, sizeof fd.name, "f");
	snprintf(fd.label, sizeof fd.label, "字段");
	fd.kind = k;
	fd.required = required;
	return fd;
}

static void ok(const struct field_def *fd, const struct validator *v,
	       const char *in, const char *want)
{
	char out[256];
	struct err e = { "" };
	if (field_check(fd, v, in, date_from_ymd(2024, 6, 1), out, sizeof out, &e) < 0)
		fail_msg("“%s” refused: %s", in, e.msg);
	assert_string_equal(out, want);
}

static void no(const struct field_def *fd, const struct validator *v,
	       const char *in, const char *want)
{
	char out[256];
	struct err e = { "" };
	assert_int_equal(field_check(fd, v, in, date_from_ymd(2024, 6, 1), out,
				     sizeof out, &e), -1);
	if (strstr(e.msg, want) == NULL)
		fail_msg("“%s”: got “%s”, want “%s”", in, e.msg, want);
}

static void test_check_text(void **state)
{
	(void)state;
	struct field_def fd = mk(FIELD_TEXT, true);
	ok(&fd, NULL, "  重庆市垫江县　", "重庆市垫江县");	/* ideographic space too */
	no(&fd, NULL, "", "字段：必须填写");
	no(&fd, NULL, "   ", "必须填写");
	no(&fd, NULL, "一行\n两行", "只能填一行");
	fd.max = 3;
	ok(&fd, NULL, "义勇军", "义勇军");	/* 3 characters, 9 bytes */
	no(&fd, NULL, "义勇军进", "最多 3 个字，现有 4 个");
	fd.required = false;
	ok(&fd, NULL, "", "");
	ok(&fd, NULL, NULL, "");

	struct field_def ml = mk(FIELD_MULTILINE, false);
	ok(&ml, NULL, "第一行\n第二行", "第一行\n第二行");
}

static void test_check_date_integer(void **state)
{
	(void)state;
	struct field_def fd = mk(FIELD_DATE, true);
	ok(&fd, NULL, "2024-02-29", "2024-02-29");	/* leap year */
	no(&fd, NULL, "2023-02-29", "不是有效日期");
	no(&fd, NULL, "2024-13-01", "不是有效日期");
	no(&fd, NULL, "2024/03/05", "不是有效日期");

	struct field_def in = mk(FIELD_INTEGER, true);
	ok(&in, NULL, "42", "42");
	ok(&in, NULL, "007", "7");
	ok(&in, NULL, "-3", "-3");
	no(&in, NULL, "4.5", "不是整数");
	no(&in, NULL, "四", "不是整数");
	no(&in, NULL, "-", "不是整数");
}

static void test_check_money(void **state)
{
	(void)state;
	struct field_def fd = mk(FIELD_MONEY, true);
	ok(&fd, NULL, "12.5", "1250");
	ok(&fd, NULL, "12.05", "1205");
	ok(&fd, NULL, "0.01", "1");
	ok(&fd, NULL, "680", "68000");
	ok(&fd, NULL, "680元", "68000");
	ok(&fd, NULL, " 1850.50 ", "185050");
	no(&fd, NULL, "12.345", "不是金额");
	no(&fd, NULL, "12.", "不是金额");
	no(&fd, NULL, ".5", "不是金额");
	no(&fd, NULL, "-5", "不是金额");
	no(&fd, NULL, "1,200", "不是金额");
	no(&fd, NULL, "十元", "不是金额");
}

static void test_check_choice(void **state)
{
	(void)state;
	char *list[] = { "同意", "不同意" };
	struct field_def fd = mk(FIELD_CHOICE, true);
	fd.choices = list;
	fd.n_choices = 2;
	ok(&fd, NULL, "同意", "同意");
	ok(&fd, NULL, " 不同意 ", "不同意");
	no(&fd, NULL, "同 意", "不是可选的值（可选：同意、不同意）");
	struct field_def dyn = mk(FIELD_CHOICE, true);
	snprintf(dyn.choices_from, sizeof dyn.choices_from, "villages");
	no(&dyn, NULL, "桂溪村", "选项列表尚未提供");
}

static void test_check_id_phone(void **state)
{
	(void)state;
	struct err e = { "" };
	struct validator *v = validator_new(NULL, &e);
	if (v == NULL)
		fail_msg("%s", e.msg);
	struct field_def fd = mk(FIELD_IDNUMBER, true);
	snprintf(fd.label, sizeof fd.label, "身份证号码");
	/* GB 11643-1999's own example; check character worked by hand:
	 * sum of weights × digits = 167, 167 mod 11 = 2 → X. */
	ok(&fd, v, "11010519491231002X", "11010519491231002X");
	ok(&fd, v, "11010519491231002x", "11010519491231002X");
	/* The 15-digit form of the same person upgrades to it. */
	ok(&fd, v, "110105491231002", "11010519491231002X");
	no(&fd, v, "110105194912310021", "身份证号码：");
	no(&fd, v, "110105194912310021", "校验位");
	no(&fd, v, "1101051949", "身份证号码：");
	no(&fd, NULL, "11010519491231002X", "没有校验器");

	struct field_def ph = mk(FIELD_PHONE, true);
	snprintf(ph.label, sizeof ph.label, "联系电话");
	ok(&ph, v, "13812345678", "13812345678");
	ok(&ph, v, "023-74512345", "023-74512345");
	no(&ph, v, "12345678901", "联系电话：");
	validator_free(v);
}

static void test_check_pattern(void **state)
{
	(void)state;
	struct form_set set;
	struct err e = { "" };
	assert_int_equal(forms_load_dir("forms", &set, &e), 0);
	const struct field_def *name = form_field(forms_find(&set, "person"), "name");
	ok(name, NULL, "张三", "张三");
	ok(name, NULL, "欧阳娜娜", "欧阳娜娜");
	ok(name, NULL, "阿依古丽·买买提", "阿依古丽·买买提");
	no(name, NULL, "张", "姓名：格式不对（汉字姓名");
	no(name, NULL, "Zhang San", "姓名：格式不对");
	no(name, NULL, "张3", "姓名：格式不对");
	no(name, NULL, "·张三", "姓名：格式不对");
	forms_free(&set);

	/* A pattern applies after the type check. */
	struct field_def fd = mk(FIELD_TEXT, false);
	fd.pattern = pattern_compile("[0-9]{6}", &e);
	assert_non_null(fd.pattern);
	ok(&fd, NULL, "408300", "408300");
	no(&fd, NULL, "40830", "字段：格式不对");
	ok(&fd, NULL, "", "");	/* an empty optional field is not matched */
	pattern_free(fd.pattern);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_bad_file_without_form),
		cmocka_unit_test(test_dir),
		cmocka_unit_test(test_check_text),
		cmocka_unit_test(test_check_date_integer),
		cmocka_unit_test(test_check_money),
		cmocka_unit_test(test_check_choice),
		cmocka_unit_test(test_check_id_phone),
		cmocka_unit_test(test_check_pattern),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
