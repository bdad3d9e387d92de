/* Form definitions (the .ini files in forms/). Each file is first scanned line by line,
 * because iniparser merges duplicate sections and keys silently, cuts
 * values at ; and #, and cannot say on which line anything is; the scan
 * remembers the line of every section and key for later messages. Values
 * are then read with iniparser and every one of them checked. */
#include "form.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <iniparser.h>

#include "textfile.h"

#define LINE_MAX_BYTES 1000	/* iniparser 4.1 refuses lines over ~1022 */
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

const char *field_kind_name(enum field_kind k)
{
	return (size_t)k < N_KINDS ? kind_names[k] : "?";
}

/* ---------- small helpers ---------- */

static bool ideo_space(const char *s, size_t n)
{
	return n >= 3 && (unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 &&
	       (unsigned char)s[2] == 0x80;
}

static bool ascii_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* A malloc'd copy of s[0..n) without blanks (ASCII or U+3000) at either end. */
static char *trimdup(const char *s, size_t n)
{
	for (;;) {
		if (n >= 1 && ascii_blank(s[0]))
			s++, n--;
		else if (ideo_space(s, n))
			s += 3, n -= 3;
		else
			break;
	}
	for (;;) {
		if (n >= 1 && ascii_blank(s[n - 1]))
			n--;
		else if (n >= 3 && ideo_space(s + n - 3, 3))
			n -= 3;
		else
			break;
	}
	char *t = malloc(n + 1);
	if (t != NULL) {
		memcpy(t, s, n);
		t[n] = '\0';
	}
	return t;
}

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

static bool in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

static void free_list(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

/* ---------- the line scan ---------- */

struct entry {
	char *name;	/* "sec" or "sec:key", lower-case as iniparser has it */
	int line;
};

struct scan {
	struct entry *v;
	size_t n;
};

static int scan_line_of(const struct scan *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i].name, name) == 0)
			return s->v[i].line;
	return 0;
}

static int scan_add(struct scan *s, const char *name, int line, struct err *e)
{
	struct entry *nv = realloc(s->v, (s->n + 1) * sizeof *nv);
	if (nv == NULL)
		return err_set(e, "内存不足");
	s->v = nv;
	if ((nv[s->n].name = strdup(name)) == NULL)
		return err_set(e, "内存不足");
	nv[s->n++].line = line;
	return 0;
}

static void scan_free(struct scan *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].name);
	free(s->v);
	memset(s, 0, sizeof *s);
}

static void lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s += 'a' - 'A';
}

static int scan_section(struct scan *s, const char *t, size_t n, char *sec,
			size_t secsz, int line, struct err *e)
{
	if (t[n - 1] != ']')
		return err_set(e, "节名缺少右方括号 ]");
	char *name = trimdup(t + 1, n - 2);
	if (name == NULL)
		return err_set(e, "内存不足");
	lower(name);
	int rc = 0, prev;
	if (strcmp(name, "form") != 0 &&
	    (strncmp(name, "field.", 6) != 0 || !valid_name(name + 6, 32)))
		rc = err_set(e, "节名 [%s] 无效：应为 [form] 或 [field.字段名]，"
			     "字段名用小写英文字母、数字和下划线，以字母开头，不超过 31 个字符",
			     name);
	else if ((prev = scan_line_of(s, name)) > 0)
		rc = err_set(e, "节 [%s] 重复（第 %d 行已有）", name, prev);
	else if ((rc = scan_add(s, name, line, e)) == 0)
		snprintf(sec, secsz, "%s", name);
	free(name);
	return rc;
}

static int scan_key(struct scan *s, const char *t, size_t n, const char *sec,
		    int line, struct err *e)
{
	const char *eq = memchr(t, '=', n);
	if (eq == NULL)
		return err_set(e, "无法识别：应为 [节名]、键 = 值，或以 ; 开头的注释");
	char *key = trimdup(t, (size_t)(eq - t));
	if (key == NULL)
		return err_set(e, "内存不足");
	lower(key);
	const char *v = eq + 1;
	while (*v == ' ' || *v == '\t')
		v++;
	char name[128];
	int rc = 0, prev;
	bool is_form = strcmp(sec, "form") == 0;
	if (key[0] == '\0')
		rc = err_set(e, "等号前缺少键名");
	else if (sec[0] == '\0')
		rc = err_set(e, "键 %s 不在任何节内（前面应有 [form] 或 [field.字段名]）", key);
	else if (!in_list(is_form ? form_keys : field_keys, key))
		rc = err_set(e, "[%s] 中的键 “%s” 无效（可用：%s）", sec, key,
			     is_form ? "id, title, help" :
			     "label, type, required, pattern, choices, max, help, default");
	else if (*v != '"' && *v != '\'' && strpbrk(v, ";#") != NULL)
		rc = err_set(e, "[%s] %s 的值含有英文的 ; 或 #，iniparser 会把其后部分当作注释；"
			     "请给整个值加英文双引号", sec, key);
	if (rc == 0) {
		snprintf(name, sizeof name, "%s:%s", sec, key);
		if ((prev = scan_line_of(s, name)) > 0)
			rc = err_set(e, "[%s] 中的键 %s 重复（第 %d 行已有）", sec, key, prev);
		else
			rc = scan_add(s, name, line, e);
	}
	free(key);
	return rc;
}

static int scan_one(struct scan *s, const char *buf, size_t len, char *sec,
		    size_t secsz, int line, struct err *e)
{
	if (line == 1 && strncmp(buf, "\xEF\xBB\xBF", 3) == 0)
		return err_set(e, "文件开头带有 BOM，请另存为不带 BOM 的 UTF-8");
	if (strlen(buf) != len)
		return err_set(e, "含有 NUL 字符");
	if (utf8_valid_prefix(buf, len) != len)
		return err_set(e, "不是有效的 UTF-8 文字（文件可能是 GBK 编码），请另存为 UTF-8");
	if (len > LINE_MAX_BYTES)
		return err_set(e, "一行超过 %d 字节，请缩短", LINE_MAX_BYTES);
	char *t = trimdup(buf, len);
	if (t == NULL)
		return err_set(e, "内存不足");
	size_t n = strlen(t);
	int rc = 0;
	if (n == 0 || t[0] == ';' || t[0] == '#')
		rc = 0;
	else if (t[n - 1] == '\\')
		rc = err_set(e, "行尾的续行符 \\ 不受支持，请把值写在一行内");
	else if (t[0] == '[')
		rc = scan_section(s, t, n, sec, secsz, line, e);
	else
		rc = scan_key(s, t, n, sec, line, e);
	free(t);
	return rc;
}

static int scan_file(const char *path, struct scan *s, struct err *e)
{
	FILE *fp = fopen(path, "r");
	if (fp == NULL)
		return err_set(e, "%s：无法打开（%s）", path,
			       errno == ENOENT ? "文件不存在" :
			       errno == EACCES ? "没有读取权限" : strerror(errno));
	char sec[64] = "", *buf = NULL;
	size_t cap = 0;
	ssize_t len;
	int line = 0, rc = 0;
	while (rc == 0 && (len = getline(&buf, &cap, fp)) >= 0) {
		line++;
		rc = scan_one(s, buf, (size_t)len, sec, sizeof sec, line, e);
	}
	if (rc == 0 && ferror(fp))
		rc = err_set(e, "读取出错（%s）", strerror(errno));
	if (rc < 0)
		err_prefix(e, "%s 第 %d 行：", path, line);
	free(buf);
	fclose(fp);
	return rc;
}

/* ---------- reading values ---------- */

struct ctx {
	const char *path;
	dictionary *d;
	struct scan scan;
	struct err *e;
};

static int quiet(const char *fmt, ...)
{
	(void)fmt;
	return 0;	/* the core never prints */
}

/* An error at the line of sec:key (or of sec when key is NULL). */
static int bad(const struct ctx *x, const char *sec, const char *key,
	       const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int bad(const struct ctx *x, const char *sec, const char *key,
	       const char *fmt, ...)
{
	char what[768], name[128];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	int line = 0;
	if (key != NULL) {
		snprintf(name, sizeof name, "%s:%s", sec, key);
		line = scan_line_of(&x->scan, name);
	}
	if (line == 0 && sec != NULL)
		line = scan_line_of(&x->scan, sec);
	if (line > 0)
		return err_set(x->e, "%s 第 %d 行：%s", x->path, line, what);
	return err_set(x->e, "%s：%s", x->path, what);
}

static const char *get(const struct ctx *x, const char *sec, const char *key)
{
	char k[128];
	snprintf(k, sizeof k, "%s:%s", sec, key);
	return iniparser_getstring(x->d, k, NULL);
}

/* A trimmed copy of sec:key into *out (NULL when absent or blank). */
static int get_dup(const struct ctx *x, const char *sec, const char *key,
		   char **out)
{
	const char *v = get(x, sec, key);
	*out = NULL;
	if (v == NULL)
		return 0;
	if ((*out = trimdup(v, strlen(v))) == NULL)
		return bad(x, sec, key, "内存不足");
	if (**out == '\0') {
		free(*out);
		*out = NULL;
	}
	return 0;
}

/* A required short text into a fixed buffer. */
static int get_fixed(const struct ctx *x, const char *sec, const char *key,
		     const char *what, char *buf, size_t size)
{
	char *v;
	if (get_dup(x, sec, key, &v) < 0)
		return -1;
	if (v == NULL)
		return bad(x, sec, key, "[%s] 缺少 %s（%s，必填）", sec, key, what);
	int rc = 0;
	if (strlen(v) >= size)
		rc = bad(x, sec, key, "[%s] %s “%s” 太长（最多 %zu 字节，约 %zu 个汉字）",
			 sec, key, v, size - 1, (size - 1) / 3);
	else
		memcpy(buf, v, strlen(v) + 1);
	free(v);
	return rc;
}

static int load_head(struct ctx *x, struct form_def *f)
{
	if (scan_line_of(&x->scan, "form") == 0)
		return bad(x, NULL, NULL, "缺少 [form] 节（id、title）");
	if (get_fixed(x, "form", "id", "表单代码", f->id, sizeof f->id) < 0 ||
	    get_fixed(x, "form", "title", "表单标题", f->title, sizeof f->title) < 0)
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
	const char *v = get(x, sec, "required");
	if (v == NULL)
		return 0;
	if (strcmp(v, "yes") == 0 || strcmp(v, "是") == 0)
		fd->required = true;
	else if (strcmp(v, "no") == 0 || strcmp(v, "否") == 0)
		fd->required = false;
	else
		return bad(x, sec, "required", "字段 %s 的 required “%s” 无效（应为 yes 或 no）",
			   fd->name, v);
	return 0;
}

static int parse_max(const struct ctx *x, const char *sec, struct field_def *fd)
{
	const char *v = get(x, sec, "max");
	if (v == NULL)
		return 0;
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (*v < '0' || *v > '9' || *end != '\0' || errno != 0 || n < 1 ||
	    n > MAX_CHARS_LIMIT)
		return bad(x, sec, "max", "字段 %s 的 max “%s” 无效（应为 1 到 %d 的整数，单位是字）",
			   fd->name, v, MAX_CHARS_LIMIT);
	fd->max = (int)n;
	return 0;
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

/* Splits on ',' and '，'; each item trimmed, none empty or repeated. */
static int split_choices(const struct ctx *x, const char *sec, struct field_def *fd,
			 const char *v)
{
	const char *p = v;
	for (;;) {
		const char *a = strchr(p, ','), *b = strstr(p, "，");
		const char *end = a == NULL ? b : b == NULL ? a : a < b ? a : b;
		size_t n = end != NULL ? (size_t)(end - p) : strlen(p);
		char *item = trimdup(p, n);
		char **nl = item ? realloc(fd->choices, (fd->n_choices + 1) * sizeof *nl) : NULL;
		if (nl == NULL) {
			free(item);
			return bad(x, sec, "choices", "内存不足");
		}
		fd->choices = nl;
		fd->choices[fd->n_choices++] = item;
		if (item[0] == '\0')
			return bad(x, sec, "choices", "字段 %s 的 choices 中有空项（两个逗号之间没有内容）",
				   fd->name);
		for (size_t i = 0; i + 1 < fd->n_choices; i++)
			if (strcmp(fd->choices[i], item) == 0)
				return bad(x, sec, "choices", "字段 %s 的选项 “%s” 重复",
					   fd->name, item);
		if (end == NULL)
			return 0;
		p = end + (*end == ',' ? 1 : 3);
	}
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
		rc = split_choices(x, sec, fd, v);
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
	if (get_fixed(x, sec, "label", "显示的名称", fd->label, sizeof fd->label) < 0 ||
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
	int nsec = iniparser_getnsec(x->d);
	size_t n = 0;
	for (int i = 0; i < nsec; i++)
		if (strncmp(iniparser_getsecname(x->d, i), "field.", 6) == 0)
			n++;
	if (n == 0)
		return bad(x, "form", NULL, "表单 %s 没有任何字段（每个字段一节 [field.字段名]）",
			   f->id);
	if ((f->fields = calloc(n, sizeof *f->fields)) == NULL)
		return bad(x, NULL, NULL, "内存不足");
	for (int i = 0; i < nsec; i++) {
		const char *sec = iniparser_getsecname(x->d, i);
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
	struct ctx x = { .path = path, .e = e };
	memset(f, 0, sizeof *f);
	if (scan_file(path, &x.scan, e) < 0) {
		scan_free(&x.scan);
		return -1;
	}
	iniparser_set_error_callback(quiet);
	x.d = iniparser_load(path);
	int rc;
	if (x.d == NULL)
		rc = err_set(e, "%s：iniparser 无法读取（格式错误或内存不足）", path);
	else
		rc = load_head(&x, f) < 0 || load_fields(&x, f) < 0 ? -1 : 0;
	if (rc < 0)
		form_free(f);
	if (x.d != NULL)
		iniparser_freedict(x.d);
	scan_free(&x.scan);
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

const struct field_def *form_field(const struct form_def *f, const char *name)
{
	for (size_t i = 0; f != NULL && name != NULL && i < f->n_fields; i++)
		if (strcmp(f->fields[i].name, name) == 0)
			return &f->fields[i];
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
	char *s = trimdup(value != NULL ? value : "", value != NULL ? strlen(value) : 0);
	if (s == NULL)
		return err_set(e, "内存不足");
	int rc = 0;
	if (s[0] == '\0')
		rc = fd->required ? err_set(e, "%s：必须填写", fd->label) :
		     copy_out(fd, "", out, n, e);
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
