/* The catalogues of the forms/catalogue/ .ini files: kinds of assistance, helper-agent
 * categories and referrable items. Each file is first scanned line by line
 * (iniparser silently merges duplicate sections and keys, cuts values at ;
 * and #, and cannot say which line is wrong), then read with iniparser and
 * every section and key checked. */
#include "catalogue.h"

#include <errno.h>
#include <iniparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define LINE_MAX_BYTES 1000	/* iniparser 4.1 refuses lines over ~1022 */

struct cfile {
	char path[4096];
	dictionary *d;
};

/* ---------- small string helpers ---------- */

static bool is_space_at(const char *s, size_t *len)
{
	if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') {
		*len = 1;
		return true;
	}
	if ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 &&
	    (unsigned char)s[2] == 0x80) {	/* U+3000 full-width space */
		*len = 3;
		return true;
	}
	return false;
}

/* Copies s[0..n) without leading and trailing ASCII or full-width spaces.
 * The caller frees the result; NULL only when out of memory. */
static char *trimdup(const char *s, size_t n)
{
	size_t k;

	while (n > 0 && is_space_at(s, &k) && k <= n) {
		s += k;
		n -= k;
	}
	for (;;) {
		if (n >= 1 && is_space_at(s + n - 1, &k) && k == 1)
			n -= 1;
		else if (n >= 3 && is_space_at(s + n - 3, &k) && k == 3)
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

static int push(char ***v, size_t *n, char *s)
{
	char **nv = realloc(*v, (*n + 1) * sizeof **v);
	if (nv == NULL)
		return -1;
	nv[(*n)++] = s;
	*v = nv;
	return 0;
}

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static bool in_list(char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

static bool valid_utf8(const unsigned char *s)
{
	while (*s) {
		int n = *s < 0x80 ? 0 : (*s & 0xE0) == 0xC0 ? 1 :
			(*s & 0xF0) == 0xE0 ? 2 : (*s & 0xF8) == 0xF0 ? 3 : -1;
		if (n < 0 || (n == 1 && *s < 0xC2))
			return false;
		s++;
		for (int i = 0; i < n; i++, s++)
			if ((*s & 0xC0) != 0x80)
				return false;
	}
	return true;
}

static bool valid_code(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || s[i] == '_'))
			return false;
	return true;
}

/* ---------- the line scan ---------- */

/* What the scan has seen: "sec" and "sec:key" entries with their lines. */
struct seen {
	char **names;
	int *lines;
	size_t n;
};

static int seen_line(const struct seen *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->names[i], name) == 0)
			return s->lines[i];
	return 0;
}

static int seen_add(struct seen *s, const char *name, int line)
{
	char *copy = strdup(name);
	int *nl = realloc(s->lines, (s->n + 1) * sizeof *nl);
	if (nl != NULL)
		s->lines = nl;
	if (copy == NULL || nl == NULL || push(&s->names, &s->n, copy) < 0) {
		free(copy);
		return -1;
	}
	s->lines[s->n - 1] = line;
	return 0;
}

static void seen_free(struct seen *s)
{
	free_list(s->names, s->n);
	free(s->lines);
}

static void lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s += 'a' - 'A';
}

/* Checks one trimmed, non-comment line; sec holds the current section. */
static int scan_line(const char *t, size_t n, char *sec, size_t secsz,
		     struct seen *s, int line, struct err *e)
{
	char name[1200];
	int prev;

	if (t[n - 1] == '\\')
		return err_set(e, "行尾的续行符 \\ 不受支持，请把值写在一行内");
	if (t[0] == '[') {
		if (t[n - 1] != ']')
			return err_set(e, "节名缺少右方括号 ]");
		char *code = trimdup(t + 1, n - 2);
		if (code == NULL)
			return err_set(e, "内存不足");
		if (!valid_code(code, strlen(code)) || strlen(code) >= secsz) {
			err_set(e, "节名 [%s] 不合规：只能用小写英文字母和下划线，且不超过 %zu 个字符",
				code, secsz - 1);
			free(code);
			return -1;
		}
		snprintf(sec, secsz, "%s", code);
		free(code);
		if ((prev = seen_line(s, sec)) > 0)
			return err_set(e, "节 [%s] 重复（第 %d 行已有）", sec, prev);
		return seen_add(s, sec, line) < 0 ? err_set(e, "内存不足") : 0;
	}
	const char *eq = memchr(t, '=', n);
	if (eq == NULL)
		return err_set(e, "无法识别：应为 [节名]、键 = 值，或以 ; 开头的注释");
	char *key = trimdup(t, (size_t)(eq - t));
	if (key == NULL)
		return err_set(e, "内存不足");
	lower(key);
	int rc = 0;
	if (key[0] == '\0')
		rc = err_set(e, "等号前缺少键名");
	else if (sec[0] == '\0')
		rc = err_set(e, "键 %s 不在任何节内（前面应有 [节名]）", key);
	else if (strlen(key) + strlen(sec) + 2 > sizeof name)
		rc = err_set(e, "键名过长");
	if (rc < 0) {
		free(key);
		return rc;
	}
	snprintf(name, sizeof name, "%s:%s", sec, key);
	const char *v = eq + 1;
	while (*v == ' ' || *v == '\t')
		v++;
	if (*v != '"' && *v != '\'' && strpbrk(v, ";#") != NULL)
		rc = err_set(e, "[%s] %s 的值含有英文的 ; 或 #，iniparser 会把其后部分当作注释；"
			     "请改用中文标点，或给整个值加英文双引号", sec, key);
	else if ((prev = seen_line(s, name)) > 0)
		rc = err_set(e, "[%s] 中的键 %s 重复（第 %d 行已有）", sec, key, prev);
	else if (seen_add(s, name, line) < 0)
		rc = err_set(e, "内存不足");
	free(key);
	return rc;
}

/* Scans path for what iniparser would take silently or refuse without a
 * line number: encoding, BOM, long lines, syntax, duplicates, bad codes. */
static int scan_file(const char *path, struct err *e)
{
	FILE *fp = fopen(path, "r");
	if (fp == NULL)
		return err_set(e, "%s：无法打开（%s）", path,
			       errno == ENOENT ? "文件不存在" :
			       errno == EACCES ? "没有读取权限" : strerror(errno));

	struct seen s = { 0 };
	char sec[64] = "";
	char *buf = NULL;
	size_t cap = 0;
	ssize_t len;
	int line = 0, rc = 0;

	while (rc == 0 && (len = getline(&buf, &cap, fp)) >= 0) {
		line++;
		if (line == 1 && strncmp(buf, "\xEF\xBB\xBF", 3) == 0) {
			rc = err_set(e, "文件开头带有 BOM，请另存为不带 BOM 的 UTF-8");
		} else if (!valid_utf8((unsigned char *)buf)) {
			rc = err_set(e, "不是有效的 UTF-8 文字（文件可能是 GBK 编码），请另存为 UTF-8");
		} else if (strlen(buf) != (size_t)len) {
			rc = err_set(e, "含有 NUL 字符");
		} else if (len > LINE_MAX_BYTES) {
			rc = err_set(e, "一行超过 %d 字节，请缩短", LINE_MAX_BYTES);
		} else {
			char *t = trimdup(buf, (size_t)len);
			if (t == NULL)
				rc = err_set(e, "内存不足");
			else if (t[0] != '\0' && t[0] != ';' && t[0] != '#')
				rc = scan_line(t, strlen(t), sec, sizeof sec, &s, line, e);
			free(t);
		}
	}
	if (rc == 0 && ferror(fp))
		rc = err_set(e, "读取出错（%s）", strerror(errno));
	if (rc < 0)
		err_prefix(e, "%s 第 %d 行：", path, line);
	free(buf);
	fclose(fp);
	seen_free(&s);
	return rc;
}

/* ---------- reading values ---------- */

static int silent(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

static int cfile_open(struct cfile *f, const char *dir, const char *name,
		      struct err *e)
{
	f->d = NULL;
	if ((size_t)snprintf(f->path, sizeof f->path, "%s/catalogue/%s", dir, name)
	    >= sizeof f->path)
		return err_set(e, "目录名过长：%s", dir);
	if (scan_file(f->path, e) < 0)
		return -1;
	/* The core never prints: keep iniparser quiet for good. */
	iniparser_set_error_callback(silent);
	f->d = iniparser_load(f->path);
	if (f->d == NULL)
		return err_set(e, "%s：iniparser 无法读取（格式错误或内存不足）", f->path);
	return 0;
}

static void cfile_close(struct cfile *f)
{
	if (f->d != NULL)
		iniparser_freedict(f->d);
	f->d = NULL;
}

static const char *get(const struct cfile *f, const char *sec, const char *key)
{
	char k[256];
	snprintf(k, sizeof k, "%s:%s", sec, key);
	return iniparser_getstring(f->d, k, NULL);
}

/* The bare key names of a section, in file order. Caller frees the array
 * (not the strings, which belong to the dictionary). */
static const char **sec_keys(const struct cfile *f, const char *sec, int *n)
{
	*n = iniparser_getsecnkeys(f->d, sec);
	const char **keys = calloc((size_t)*n + 1, sizeof *keys);
	if (keys == NULL)
		return NULL;
	if (*n > 0)
		iniparser_getseckeys(f->d, sec, keys);
	for (int i = 0; i < *n; i++)
		keys[i] += strlen(sec) + 1;
	return keys;
}

/* A required (or optional, when *out may stay NULL) scalar, trimmed. */
static int get_text(const struct cfile *f, const char *sec, const char *key,
		    bool required, size_t max, char *out, size_t outsz, struct err *e)
{
	const char *v = get(f, sec, key);
	if (v == NULL) {
		if (required)
			return err_set(e, "%s [%s]：缺少 %s", f->path, sec, key);
		out[0] = '\0';
		return 0;
	}
	char *t = trimdup(v, strlen(v));
	if (t == NULL)
		return err_set(e, "内存不足");
	int rc = 0;
	if (t[0] == '\0')
		rc = err_set(e, "%s [%s] %s：值为空", f->path, sec, key);
	else if (strlen(t) > max || strlen(t) >= outsz)
		rc = err_set(e, "%s [%s] %s：“%s”过长（最多 %zu 字节）",
			     f->path, sec, key, t, max);
	else
		snprintf(out, outsz, "%s", t);
	free(t);
	return rc;
}

static int get_bool(const struct cfile *f, const char *sec, const char *key,
		    bool *out, struct err *e)
{
	static const char *const yes[] = { "yes", "true", "1", "是" };
	static const char *const no[] = { "no", "false", "0", "否" };
	const char *v = get(f, sec, key);

	*out = false;
	if (v == NULL)
		return 0;
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (strcasecmp(v, yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcasecmp(v, no[i]) == 0)
			return 0;
	}
	return err_set(e, "%s [%s] %s：“%s”不是有效的是否值，应为 yes 或 no",
		       f->path, sec, key, v);
}

/* Splits a list on ',' or '，', trimming each element. */
static int get_list(const struct cfile *f, const char *sec, const char *key,
		    char ***out, size_t *n, struct err *e)
{
	const char *v = get(f, sec, key);
	if (v == NULL)
		return err_set(e, "%s [%s]：缺少 %s", f->path, sec, key);
	for (;;) {
		const char *a = strchr(v, ','), *b = strstr(v, "，");
		const char *end = a != NULL && (b == NULL || a < b) ? a : b;
		size_t len = end != NULL ? (size_t)(end - v) : strlen(v);
		char *t = trimdup(v, len);
		if (t == NULL || push(out, n, t) < 0) {
			free(t);
			return err_set(e, "内存不足");
		}
		if (t[0] == '\0') {
			if (*n == 1 && end == NULL)
				return err_set(e, "%s [%s] %s：清单为空", f->path, sec, key);
			return err_set(e, "%s [%s] %s：第 %zu 项为空（多了一个逗号？）",
				       f->path, sec, key, *n);
		}
		for (size_t i = 0; i + 1 < *n; i++)
			if (strcmp((*out)[i], t) == 0)
				return err_set(e, "%s [%s] %s：“%s”重复",
					       f->path, sec, key, t);
		if (end == NULL)
			return 0;
		v = end + (end == a ? 1 : strlen("，"));
	}
}

/* item1, item2 …: the number, or 0 if key is not such a key. */
static unsigned long item_number(const char *key)
{
	if (strncmp(key, "item", 4) != 0 || key[4] < '1' || key[4] > '9' ||
	    strlen(key) > 8)
		return 0;
	for (const char *p = key + 5; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return strtoul(key + 4, NULL, 10);
}

/* The numbered items of a section, item1 … itemN without gaps; any key
 * other than those and the names in other[] is an error. */
static int get_items(const struct cfile *f, const char *sec,
		     const char *const *other, char ***out, size_t *n, struct err *e)
{
	int nk;
	const char **keys = sec_keys(f, sec, &nk);
	size_t count = 0;
	int rc = 0;

	if (keys == NULL)
		return err_set(e, "内存不足");
	for (int i = 0; i < nk && rc == 0; i++) {
		bool known = false;
		for (const char *const *o = other; *o != NULL; o++)
			known |= strcmp(keys[i], *o) == 0;
		if (item_number(keys[i]) > 0)
			count++;
		else if (!known)
			rc = err_set(e, "%s [%s]：未知的键 %s（应为 %sitem1、item2 …）",
				     f->path, sec, keys[i], other[0] ? "name、" : "");
	}
	free(keys);
	if (rc < 0)
		return rc;
	if (count == 0)
		return err_set(e, "%s [%s]：没有任何项（应有 item1、item2 …）", f->path, sec);
	for (size_t i = 1; i <= count; i++) {
		char key[32], *t;
		snprintf(key, sizeof key, "item%zu", i);
		const char *v = get(f, sec, key);
		if (v == NULL)
			return err_set(e, "%s [%s]：编号应从 item1 连续到 item%zu，缺少 %s",
				       f->path, sec, count, key);
		if ((t = trimdup(v, strlen(v))) == NULL || push(out, n, t) < 0) {
			free(t);
			return err_set(e, "内存不足");
		}
		if (t[0] == '\0')
			return err_set(e, "%s [%s] %s：值为空", f->path, sec, key);
		for (size_t j = 0; j + 1 < *n; j++)
			if (strcmp((*out)[j], t) == 0)
				return err_set(e, "%s [%s] %s：“%s”与 item%zu 重复",
					       f->path, sec, key, t, j + 1);
	}
	return 0;
}

static int check_keys(const struct cfile *f, const char *sec,
		      const char *const *known, const char *hint, struct err *e)
{
	int nk, rc = 0;
	const char **keys = sec_keys(f, sec, &nk);

	if (keys == NULL)
		return err_set(e, "内存不足");
	for (int i = 0; i < nk && rc == 0; i++) {
		bool ok = false;
		for (const char *const *k = known; *k != NULL; k++)
			ok |= strcmp(keys[i], *k) == 0;
		if (!ok)
			rc = err_set(e, "%s [%s]：未知的键 %s（可用的键：%s）",
				     f->path, sec, keys[i], hint);
	}
	free(keys);
	return rc;
}

/* ---------- the three files ---------- */

/* A kind's code, name or short name that another kind already uses. */
static const struct kind *kind_clash(const struct catalogue *c, const char *s)
{
	for (size_t i = 0; i < c->n_kinds; i++) {
		const struct kind *k = &c->kinds[i];
		if (strcmp(k->code, s) == 0 || strcmp(k->name, s) == 0 ||
		    strcmp(k->short_name, s) == 0)
			return k;
	}
	return NULL;
}

static int load_kind(const struct cfile *f, const char *sec, struct kind *k,
		     const struct catalogue *c, struct err *e)
{
	static const char *const known[] = {
		"name", "short", "helper_service", "materials", NULL
	};
	const struct kind *other;

	if (strlen(sec) >= sizeof k->code)
		return err_set(e, "%s [%s]：代码过长（最多 %zu 个字符）",
			       f->path, sec, sizeof k->code - 1);
	snprintf(k->code, sizeof k->code, "%s", sec);
	if (check_keys(f, sec, known, "name、short、helper_service、materials", e) < 0 ||
	    get_text(f, sec, "name", true, sizeof k->name - 1, k->name,
		     sizeof k->name, e) < 0 ||
	    get_text(f, sec, "short", false, sizeof k->short_name - 1,
		     k->short_name, sizeof k->short_name, e) < 0 ||
	    get_bool(f, sec, "helper_service", &k->helper_service, e) < 0 ||
	    get_list(f, sec, "materials", &k->materials, &k->n_materials, e) < 0)
		return -1;
	if (k->short_name[0] == '\0') {
		if (strlen(k->name) >= sizeof k->short_name)
			return err_set(e, "%s [%s]：全称较长，请另设 short（简称，最多 %zu 字节）",
				       f->path, sec, sizeof k->short_name - 1);
		memcpy(k->short_name, k->name, strlen(k->name) + 1);
	}
	if ((other = kind_clash(c, k->name)) != NULL ||
	    (other = kind_clash(c, k->short_name)) != NULL)
		return err_set(e, "%s [%s]：名称“%s”或简称“%s”与 [%s] 重复",
			       f->path, sec, k->name, k->short_name, other->code);
	return 0;
}

static int load_kinds(const char *dir, struct catalogue *c, struct err *e)
{
	struct cfile f;
	int rc = cfile_open(&f, dir, "kinds.ini", e);
	int n = rc == 0 ? iniparser_getnsec(f.d) : 0;

	if (rc == 0 && n <= 0)
		rc = err_set(e, "%s：没有任何救助种类", f.path);
	else if (rc == 0 && (c->kinds = calloc((unsigned)n, sizeof *c->kinds)) == NULL)
		rc = err_set(e, "内存不足");
	for (int i = 0; i < n && rc == 0; i++) {
		/* Counted before loading so that a failure frees the kind. */
		struct kind *k = &c->kinds[c->n_kinds];
		rc = load_kind(&f, iniparser_getsecname(f.d, i), k, c, e);
		c->n_kinds++;
	}
	cfile_close(&f);
	return rc;
}

static int load_categories(const char *dir, struct catalogue *c, struct err *e)
{
	static const char *const none[] = { NULL };
	struct cfile f;
	int rc = cfile_open(&f, dir, "helper-categories.ini", e);

	for (int i = 0; rc == 0 && i < iniparser_getnsec(f.d); i++) {
		const char *sec = iniparser_getsecname(f.d, i);
		if (strcmp(sec, "categories") != 0)
			rc = err_set(e, "%s：未知的节 [%s]（只应有 [categories]）",
				     f.path, sec);
	}
	if (rc == 0 && iniparser_getnsec(f.d) == 0)
		rc = err_set(e, "%s：缺少 [categories] 节", f.path);
	if (rc == 0)
		rc = get_items(&f, "categories", none, &c->agent_categories,
			       &c->n_agent_categories, e);
	cfile_close(&f);
	return rc;
}

static int load_department(const struct cfile *f, const char *sec,
			   struct department *d, const struct catalogue *c,
			   struct err *e)
{
	static const char *const other[] = { "name", NULL };

	if (get_text(f, sec, "name", true, sizeof d->name - 1, d->name,
		     sizeof d->name, e) < 0 ||
	    get_items(f, sec, other, &d->items, &d->n_items, e) < 0)
		return -1;
	for (size_t i = 0; i < c->n_departments; i++)
		if (strcmp(c->departments[i].name, d->name) == 0)
			return err_set(e, "%s [%s]：部门名称“%s”与前面的部门重复",
				       f->path, sec, d->name);
	return 0;
}

static int load_departments(const char *dir, struct catalogue *c, struct err *e)
{
	struct cfile f;
	int rc = cfile_open(&f, dir, "referral-items.ini", e);
	int n = rc == 0 ? iniparser_getnsec(f.d) : 0;

	if (rc == 0 && n <= 0)
		rc = err_set(e, "%s：没有任何部门", f.path);
	else if (rc == 0 &&
		 (c->departments = calloc((unsigned)n, sizeof *c->departments)) == NULL)
		rc = err_set(e, "内存不足");
	for (int i = 0; i < n && rc == 0; i++) {
		struct department *d = &c->departments[c->n_departments];
		rc = load_department(&f, iniparser_getsecname(f.d, i), d, c, e);
		c->n_departments++;
		c->n_items += d->n_items;
	}
	cfile_close(&f);
	return rc;
}

int catalogue_load(const char *dir, struct catalogue *c, struct err *e)
{
	memset(c, 0, sizeof *c);
	if (load_kinds(dir, c, e) < 0 || load_categories(dir, c, e) < 0 ||
	    load_departments(dir, c, e) < 0) {
		catalogue_free(c);
		return -1;
	}
	return 0;
}

void catalogue_free(struct catalogue *c)
{
	for (size_t i = 0; i < c->n_kinds; i++)
		free_list(c->kinds[i].materials, c->kinds[i].n_materials);
	free(c->kinds);
	free_list(c->agent_categories, c->n_agent_categories);
	for (size_t i = 0; i < c->n_departments; i++)
		free_list(c->departments[i].items, c->departments[i].n_items);
	free(c->departments);
	memset(c, 0, sizeof *c);
}

const struct kind *catalogue_kind(const struct catalogue *c, const char *code)
{
	for (size_t i = 0; code != NULL && i < c->n_kinds; i++)
		if (strcmp(c->kinds[i].code, code) == 0)
			return &c->kinds[i];
	return NULL;
}

const struct kind *catalogue_kind_by_name(const struct catalogue *c,
					  const char *name)
{
	return name != NULL ? kind_clash(c, name) : NULL;
}

bool catalogue_agent_category(const struct catalogue *c, const char *name)
{
	return name != NULL &&
	       in_list(c->agent_categories, c->n_agent_categories, name);
}
