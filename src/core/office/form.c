/* Form definitions (the .ini files in forms/), read with inifile.h (which
 * scans each file line by line first); every value is checked. */
#include "core/office/form.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/base/inifile.h"
#include "core/base/text.h"

#define MAX_CHARS_LIMIT 10000

static const char *const kind_names[] = {
	[FIELD_TEXT] = "text", [FIELD_MULTILINE] = "multiline",
	[FIELD_DATE] = "date", [FIELD_INTEGER] = "integer",
	[FIELD_MONEY] = "money", [FIELD_CHOICE] = "choice",
	[FIELD_IDNUMBER] = "idnumber", [FIELD_PHONE] = "phone",
};
#define N_KINDS (sizeof kind_names / sizeof kind_names[0])
#define KIND_LIST "text, multiline, date, integer, money, choice, idnumber, phone"

static const char *const form_keys[] = { "id", "title", "help", NULL };
static const char *const field_keys[] = {
	"label", "type", "required", "pattern", "choices", "max", "help",
	"default", NULL
};

/* ---------- small helpers ---------- */

static size_t utf8_count(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

static bool valid_name(const char *s, size_t max)
{
	if (!(*s >= 'a' && *s <= 'z') || strlen(s) >= max)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

static void free_list(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

/* ---------- reading values ---------- */

static const struct ini_opts form_ini = { .what = "" };

static bool is_field_section(const char *sec)
{
	return strncmp(sec, "field.", 6) == 0 && valid_name(sec + 6, 32);
}

static const struct ini_rule rules[] = {
	{ "form", NULL, form_keys, NULL, NULL },
	{ NULL, is_field_section, field_keys, NULL, NULL },
	{ NULL, NULL, NULL, NULL, NULL },
};

#define SECTIONS "[form] 或 [field.字段名]，字段名用小写英文字母、数字和下划线，" \
	"以字母开头，不超过 31 个字符"

struct ctx {
	struct ini f;
};

/* An error at the line of sec:key (or of sec when key is NULL). */
static int bad(const struct ctx *x, const char *sec, const char *key,
	       const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int bad(const struct ctx *x, const char *sec, const char *key,
	       const char *fmt, ...)
{
	char what[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	int line = sec != NULL && key != NULL ? ini_line(&x->f, sec, key) : 0;
	if (line == 0 && sec != NULL)
		line = ini_line(&x->f, sec, NULL);
	return ini_fail(&x->f, line, "%s", what);
}

static int get_dup(const struct ctx *x, const char *sec, const char *key,
		   char **out)
{
	return ini_dup(&x->f, sec, key, out);
}

static int load_head(struct ctx *x, struct form_def *f)
{
	if (ini_line(&x->f, "form", NULL) == 0)
		return bad(x, NULL, NULL, "缺少 [form] 节（id、title）");
	if (ini_str(&x->f, "form", "id", true, f->id, sizeof f->id) < 0 ||
	    ini_str(&x->f, "form", "title", true, f->title, sizeof f->title) < 0)
		return -1;
	if (!valid_name(f->id, sizeof f->id))
		return bad(x, "form", "id", "表单代码 “%s” 无效：只能用小写英文字母、数字和下划线，"
			   "以字母开头", f->id);
	return get_dup(x, "form", "help", &f->help);
}

static int parse_kind(const struct ctx *x, const char *sec, struct field_def *fd)
{
	char *v;
	if (get_dup(x, sec, "type", &v) < 0)
		return -1;
	if (v == NULL)
		return bad(x, sec, NULL, "字段 %s 缺少 type（可用：%s）", fd->name, KIND_LIST);
	for (size_t k = 0; k < N_KINDS; k++) {
		if (strcmp(v, kind_names[k]) == 0) {
			fd->kind = (enum field_kind)k;
			free(v);
			return 0;
		}
	}
	bad(x, sec, "type", "字段 %s 的类型 “%s” 无效（可用：%s）", fd->name, v, KIND_LIST);
	free(v);
	return -1;
}

static int parse_required(const struct ctx *x, const char *sec, struct field_def *fd)
{
	return ini_bool(&x->f, sec, "required", false, &fd->required);
}

static int parse_max(const struct ctx *x, const char *sec, struct field_def *fd)
{
	return ini_int(&x->f, sec, "max", false, 0, 1, MAX_CHARS_LIMIT, &fd->max);
}

static int parse_pattern(const struct ctx *x, const char *sec, struct field_def *fd)
{
	char *v;
	struct err pe = { "" };
	if (get_dup(x, sec, "pattern", &v) < 0 || v == NULL)
		return v == NULL ? 0 : -1;
	fd->pattern = pattern_compile(v, &pe);
	int rc = 0;
	if (fd->pattern == NULL)
		rc = bad(x, sec, "pattern", "字段 %s 的 pattern 不是有效的正则表达式：%s",
			 fd->name, pe.msg);
	free(v);
	return rc;
}

static int parse_choices(const struct ctx *x, const char *sec, struct field_def *fd)
{
	char *v;
	if (get_dup(x, sec, "choices", &v) < 0)
		return -1;
	int rc = 0;
	if (fd->kind != FIELD_CHOICE) {
		if (v != NULL)
			rc = bad(x, sec, "choices", "字段 %s 的类型是 %s，不能有 choices（只有 choice 类型可以）",
				 fd->name, kind_names[fd->kind]);
	} else if (v == NULL) {
		rc = bad(x, sec, "choices", "字段 %s 的类型是 choice，但没有 choices（选项用逗号分隔，"
			 "或写 @名称 由程序提供）", fd->name);
	} else if (v[0] == '@') {
		if (!valid_name(v + 1, sizeof fd->choices_from))
			rc = bad(x, sec, "choices", "字段 %s 的 choices “%s” 无效：@ 后应为程序提供的列表名，"
				 "如 @villages", fd->name, v);
		else
			snprintf(fd->choices_from, sizeof fd->choices_from, "%s", v + 1);
	} else {
		rc = ini_list(&x->f, sec, "choices", true, &fd->choices, &fd->n_choices);
	}
	free(v);
	return rc;
}

static int check_default(const struct ctx *x, const char *sec, struct field_def *fd)
{
	char out[256];
	struct err fe;
	if (fd->def == NULL)
		return 0;
	if (fd->kind == FIELD_DATE && strcmp(fd->def, "today") == 0)
		return 0;
	/* ID numbers, phones and program-supplied lists are checked when used. */
	if (fd->kind == FIELD_IDNUMBER || fd->kind == FIELD_PHONE ||
	    fd->choices_from[0] != '\0')
		return 0;
	if (field_check(fd, NULL, fd->def, 0, out, sizeof out, &fe) < 0)
		return bad(x, sec, "default", "字段 %s 的默认值不合要求：%s", fd->name, fe.msg);
	return 0;
}

static int load_field(struct ctx *x, const char *sec, struct field_def *fd)
{
	snprintf(fd->name, sizeof fd->name, "%s", sec + 6);
	if (ini_str(&x->f, sec, "label", true, fd->label, sizeof fd->label) < 0 ||
	    parse_kind(x, sec, fd) < 0 || parse_required(x, sec, fd) < 0 ||
	    parse_max(x, sec, fd) < 0 || parse_pattern(x, sec, fd) < 0 ||
	    parse_choices(x, sec, fd) < 0 || get_dup(x, sec, "help", &fd->help) < 0 ||
	    get_dup(x, sec, "default", &fd->def) < 0)
		return -1;
	return check_default(x, sec, fd);
}

static void field_free(struct field_def *fd)
{
	pattern_free(fd->pattern);
	free_list(fd->choices, fd->n_choices);
	free(fd->help);
	free(fd->def);
	memset(fd, 0, sizeof *fd);
}

void form_free(struct form_def *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->n_fields; i++)
		field_free(&f->fields[i]);
	free(f->fields);
	free(f->help);
	memset(f, 0, sizeof *f);
}

static int load_fields(struct ctx *x, struct form_def *f)
{
	size_t pos = 0, n = 0;
	const char *sec;
	while ((sec = ini_next_section(&x->f, &pos)) != NULL)
		n += strncmp(sec, "field.", 6) == 0;
	if (n == 0)
		return bad(x, "form", NULL, "表单 %s 没有任何字段（每个字段一节 [field.字段名]）",
			   f->id);
	if ((f->fields = calloc(n, sizeof *f->fields)) == NULL)
		return bad(x, NULL, NULL, "内存不足");
	for (pos = 0; (sec = ini_next_section(&x->f, &pos)) != NULL;) {
		if (strncmp(sec, "field.", 6) != 0)
			continue;
		/* Counted first so form_free frees a half-read field too. */
		struct field_def *fd = &f->fields[f->n_fields++];
		if (load_field(x, sec, fd) < 0)
			return -1;
	}
	return 0;
}

int form_load(const char *path, struct form_def *f, struct err *e)
{
	struct ctx x;
	memset(f, 0, sizeof *f);
	if (ini_open(&x.f, path, &form_ini, e) < 0)
		return -1;
	int rc = ini_check_names(&x.f, rules, SECTIONS) < 0 || load_head(&x, f) < 0 ||
		 load_fields(&x, f) < 0 ? -1 : 0;
	if (rc < 0)
		form_free(f);
	ini_close(&x.f);
	return rc;
}

/* ---------- a directory of forms ---------- */

static bool is_ini(const char *name)
{
	size_t n = strlen(name);
	return name[0] != '.' && n > 4 && strcmp(name + n - 4, ".ini") == 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the *.ini regular files in dir, sorted. */
static int list_ini(const char *dir, char ***names, size_t *n, struct err *e)
{
	DIR *d = opendir(dir);
	if (d == NULL)
		return err_set(e, "表单目录 %s 无法打开（%s）", dir,
			       errno == ENOENT ? "目录不存在" : strerror(errno));
	struct dirent *de;
	int rc = 0;
	*names = NULL;
	*n = 0;
	while (rc == 0 && (de = readdir(d)) != NULL) {
		if (!is_ini(de->d_name))
			continue;
		char path[4096];
		struct stat st;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
			continue;	/* subdirectories such as catalogue/ */
		char **nl = realloc(*names, (*n + 1) * sizeof *nl);
		if (nl == NULL || (nl[*n] = strdup(path)) == NULL) {
			if (nl != NULL)
				*names = nl;
			rc = err_set(e, "内存不足");
			break;
		}
		*names = nl;
		(*n)++;
	}
	closedir(d);
	if (rc == 0 && *n > 0)
		qsort(*names, *n, sizeof **names, cmp_str);
	return rc;
}

int forms_load_dir(const char *dir, struct form_set *set, struct err *e)
{
	char **names;
	size_t n;
	memset(set, 0, sizeof *set);
	if (list_ini(dir, &names, &n, e) < 0)
		return -1;
	int rc = 0;
	if (n == 0)
		rc = err_set(e, "表单目录 %s 中没有 .ini 表单文件", dir);
	else if ((set->forms = calloc(n, sizeof *set->forms)) == NULL)
		rc = err_set(e, "内存不足");
	for (size_t i = 0; rc == 0 && i < n; i++) {
		if (form_load(names[i], &set->forms[i], e) < 0) {
			rc = -1;
			break;
		}
		set->n++;
		for (size_t j = 0; j < i; j++)
			if (strcmp(set->forms[j].id, set->forms[i].id) == 0)
				rc = err_set(e, "%s：表单代码 %s 与 %s 重复", names[i],
					     set->forms[i].id, names[j]);
	}
	free_list(names, n);
	if (rc < 0)
		forms_free(set);
	return rc;
}

void forms_free(struct form_set *set)
{
	if (set == NULL)
		return;
	for (size_t i = 0; i < set->n; i++)
		form_free(&set->forms[i]);
	free(set->forms);
	memset(set, 0, sizeof *set);
}

const struct form_def *forms_find(const struct form_set *set, const char *id)
{
	for (size_t i = 0; set != NULL && id != NULL && i < set->n; i++)
		if (strcmp(set->forms[i].id, id) == 0)
			return &set->forms[i];
	return NULL;
}

static int set_list(struct field_def *fd, const char *const *list, size_t n,
		    struct err *e)
{
	char **copy = calloc(n + 1, sizeof *copy);
	if (copy == NULL)
		return err_set(e, "内存不足");
	for (size_t i = 0; i < n; i++) {
		if ((copy[i] = strdup(list[i])) == NULL) {
			free_list(copy, i);
			return err_set(e, "内存不足");
		}
	}
	free_list(fd->choices, fd->n_choices);
	fd->choices = copy;
	fd->n_choices = n;
	return 0;
}

int forms_set_choices(struct form_set *set, const char *source,
		      const char *const *list, size_t n, struct err *e)
{
	for (size_t i = 0; i < set->n; i++)
		for (size_t j = 0; j < set->forms[i].n_fields; j++) {
			struct field_def *fd = &set->forms[i].fields[j];
			if (strcmp(fd->choices_from, source) == 0 &&
			    set_list(fd, list, n, e) < 0)
				return -1;
		}
	return 0;
}

/* ---------- checking a value ---------- */

static int copy_out(const struct field_def *fd, const char *s, char *out,
		    size_t n, struct err *e)
{
	if (strlen(s) >= n)
		return err_set(e, "%s：内容太长", fd->label);
	memcpy(out, s, strlen(s) + 1);
	return 0;
}

static bool all_digits(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int check_text(const struct field_def *fd, const char *s, struct err *e)
{
	if (fd->kind != FIELD_MULTILINE && strchr(s, '\n') != NULL)
		return err_set(e, "%s：只能填一行", fd->label);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && !(*p == '\n' && fd->kind == FIELD_MULTILINE) &&
		     *p != '\t') || *p == 0x7F)
			return err_set(e, "%s：含有控制字符", fd->label);
	return 0;
}

static int check_integer(const struct field_def *fd, const char *s, char *buf,
			 size_t n, struct err *e)
{
	bool neg = *s == '-';
	const char *d = s + neg;
	if (!all_digits(d, strlen(d)))
		return err_set(e, "%s：“%s” 不是整数", fd->label, s);
	while (d[0] == '0' && d[1] != '\0')
		d++;	/* "007" is 7 */
	if (strlen(d) > 15)
		return err_set(e, "%s：数值太大", fd->label);
	snprintf(buf, n, "%s%s", neg && strcmp(d, "0") != 0 ? "-" : "", d);
	return 0;
}

/* Yuan with at most two decimals ("12.5", "1250元") → fen ("1250"). */
static int check_money(const struct field_def *fd, const char *s, char *buf,
		       size_t n, struct err *e)
{
	size_t len = strlen(s);
	if (len >= 3 && strcmp(s + len - 3, "元") == 0)
		len -= 3;
	const char *dot = memchr(s, '.', len);
	size_t whole = dot ? (size_t)(dot - s) : len;
	size_t frac = dot ? len - whole - 1 : 0;
	if (!all_digits(s, whole) || (dot && (frac < 1 || frac > 2 ||
					      !all_digits(dot + 1, frac))))
		return err_set(e, "%s：“%s” 不是金额（以元为单位，最多两位小数，如 1250 或 12.50）",
			       fd->label, s);
	long long yuan = 0, fen = 0;
	for (size_t i = 0; i < whole; i++) {
		if (yuan > 99999999999LL)
			return err_set(e, "%s：金额太大", fd->label);
		yuan = yuan * 10 + (s[i] - '0');
	}
	if (frac >= 1)
		fen = (dot[1] - '0') * 10;
	if (frac == 2)
		fen += dot[2] - '0';
	snprintf(buf, n, "%lld", yuan * 100 + fen);
	return 0;
}

static int check_choice(const struct field_def *fd, const char *s, struct err *e)
{
	char list[512] = "";
	size_t used = 0;
	if (fd->n_choices == 0)
		return err_set(e, "%s：选项列表尚未提供（表单写的是 @%s，程序应先填入）",
			       fd->label, fd->choices_from);
	for (size_t i = 0; i < fd->n_choices; i++) {
		if (strcmp(fd->choices[i], s) == 0)
			return 0;
		if (used < sizeof list)
			used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
						 i ? "、" : "", fd->choices[i]);
	}
	return err_set(e, "%s：“%s” 不是可选的值（可选：%s）", fd->label, s, list);
}

/* "身份证号码校验位错误…" becomes "身份证号码：校验位错误…"; other messages
 * get the label in front. */
static int label_msg(const struct field_def *fd, struct err *e)
{
	if (e == NULL)
		return -1;
	size_t n = strlen(fd->label);
	char old[sizeof e->msg];
	memcpy(old, e->msg, sizeof old);
	if (strncmp(old, fd->label, n) == 0) {
		const char *rest = old + n;
		if (strncmp(rest, "：", 3) == 0)
			rest += 3;
		return err_set(e, "%s：%s", fd->label, rest);
	}
	return err_set(e, "%s：%s", fd->label, old);
}

static int check_kind(const struct field_def *fd, const struct validator *v,
		      const char *s, date_t today, char *buf, size_t n,
		      struct err *e)
{
	date_t d;
	struct idcard id;
	snprintf(buf, n, "%s", s);
	switch (fd->kind) {
	case FIELD_TEXT:
	case FIELD_MULTILINE:
		return check_text(fd, s, e);
	case FIELD_DATE:
		if (date_parse(s, &d) < 0)
			return err_set(e, "%s：“%s” 不是有效日期（格式为 年-月-日，如 2024-03-05）",
				       fd->label, s);
		return 0;
	case FIELD_INTEGER:
		return check_integer(fd, s, buf, n, e);
	case FIELD_MONEY:
		return check_money(fd, s, buf, n, e);
	case FIELD_CHOICE:
		return check_choice(fd, s, e);
	case FIELD_IDNUMBER:
		if (v == NULL)
			return err_set(e, "%s：内部错误，没有校验器", fd->label);
		if (validate_id(v, s, today, &id, e) < 0)
			return label_msg(fd, e);
		snprintf(buf, n, "%s", id.number);
		return 0;
	case FIELD_PHONE:
		if (v == NULL)
			return err_set(e, "%s：内部错误，没有校验器", fd->label);
		return validate_phone(v, s, e) < 0 ? label_msg(fd, e) : 0;
	}
	return err_set(e, "%s：未知的字段类型", fd->label);
}

int field_check(const struct field_def *fd, const struct validator *v,
		const char *value, date_t today, char *out, size_t n,
		struct err *e)
{
	char buf[256];
	char *s = ini_trimdup(value != NULL ? value : "", value != NULL ? strlen(value) : 0);
	if (s == NULL)
		return err_set(e, "内存不足");
	int rc = 0;
	if (s[0] == '\0')
		rc = fd->required ? err_set(e, "%s：必须填写", fd->label) :
		     copy_out(fd, "", out, n, e);
	else if (text_has_controls(s, true))	/* a newline: see check_kind */
		rc = err_set(e, "%s：不能包含控制字符", fd->label);
	else if (fd->max > 0 && utf8_count(s) > (size_t)fd->max)
		rc = err_set(e, "%s：最多 %d 个字，现有 %zu 个", fd->label, fd->max,
			     utf8_count(s));
	else if (fd->kind != FIELD_TEXT && fd->kind != FIELD_MULTILINE &&
		 strlen(s) >= sizeof buf)
		rc = err_set(e, "%s：内容太长", fd->label);
	else if (check_kind(fd, v, s, today, buf, sizeof buf, e) < 0)
		rc = -1;
	else if (fd->pattern != NULL && !pattern_match(fd->pattern, s))
		rc = fd->help != NULL ?
		     err_set(e, "%s：格式不对（%s）", fd->label, fd->help) :
		     err_set(e, "%s：格式不对", fd->label);
	else
		rc = copy_out(fd, fd->kind == FIELD_TEXT || fd->kind == FIELD_MULTILINE ?
			      s : buf, out, n, e);
	free(s);
	return rc;
}

void field_default(const struct field_def *fd, date_t today, char *out, size_t n)
{
	if (n == 0)
		return;
	if (fd->def == NULL)
		out[0] = '\0';
	else if (fd->kind == FIELD_DATE && strcmp(fd->def, "today") == 0 && n >= 11)
		date_format(today, out);
	else
		snprintf(out, n, "%s", fd->def);
}
