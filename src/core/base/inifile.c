#include "core/base/inifile.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/base/textfile.h"

#define LINE_MAX_BYTES 1000	/* iniparser 4.1 refuses lines over ~1022 */

/* ---------- small helpers ---------- */

static bool wide_space(const char *s, size_t n)
{
	return n >= 3 && (unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 &&
	       (unsigned char)s[2] == 0x80;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	       c == '\f';
}

char *ini_trimdup(const char *s, size_t n)
{
	for (;;) {
		if (n >= 1 && blank(s[0]))
			s++, n--;
		else if (wide_space(s, n))
			s += 3, n -= 3;
		else
			break;
	}
	for (;;) {
		if (n >= 1 && blank(s[n - 1]))
			n--;
		else if (n >= 3 && wide_space(s + n - 3, 3))
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

static void lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s += 'a' - 'A';
}

void ini_list_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* ---------- messages ---------- */

static int vfail(const struct ini *f, int line, const char *fmt, va_list ap)
{
	char what[800];
	const char *sp = f->o->what[0] != '\0' ? " " : "";
	vsnprintf(what, sizeof what, fmt, ap);
	if (line > 0)
		return err_set(f->e, "%s%s%s 第 %d 行：%s", f->o->what, sp, f->path,
			       line, what);
	return err_set(f->e, "%s%s%s：%s", f->o->what, sp, f->path, what);
}

int ini_fail(const struct ini *f, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(f, line, fmt, ap);
	va_end(ap);
	return -1;
}

int ini_bad(const struct ini *f, const char *sec, const char *key,
	    const char *fmt, ...)
{
	char what[700];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	int line = sec != NULL && key != NULL ? ini_line(f, sec, key) : 0;
	if (line == 0 && sec != NULL)
		line = ini_line(f, sec, NULL);
	if (sec == NULL)
		return ini_fail(f, line, "%s", what);
	return ini_fail(f, line, "[%s]%s%s %s", sec, key ? " " : "", key ? key : "",
			what);
}

/* ---------- the line scan ---------- */

int ini_line(const struct ini *f, const char *sec, const char *key)
{
	for (size_t i = 0; i < f->n; i++) {
		const struct ini_entry *en = &f->v[i];
		if (strcmp(en->sec, sec) == 0 && (key == NULL ? en->key == NULL :
		    en->key != NULL && strcmp(en->key, key) == 0))
			return en->line;
	}
	return 0;
}

const char *ini_next_section(const struct ini *f, size_t *pos)
{
	for (; *pos < f->n; (*pos)++)
		if (f->v[*pos].key == NULL)
			return f->v[(*pos)++].sec;
	return NULL;
}

const char *ini_next_key(const struct ini *f, const char *sec, size_t *pos)
{
	for (; *pos < f->n; (*pos)++)
		if (f->v[*pos].key != NULL && strcmp(f->v[*pos].sec, sec) == 0)
			return f->v[(*pos)++].key;
	return NULL;
}

/* Takes sec, key and written (any may be NULL). */
static int add(struct ini *f, char *sec, char *key, char *written, int line)
{
	struct ini_entry *v = realloc(f->v, (f->n + 1) * sizeof *v);
	if (v == NULL) {
		free(sec);
		free(key);
		free(written);
		return err_set(f->e, "内存不足");
	}
	f->v = v;
	v[f->n++] = (struct ini_entry){ sec, key, written, line };
	return 0;
}

static int scan_section(struct ini *f, const char *t, size_t n, char **cur,
			int line)
{
	if (t[n - 1] != ']')
		return ini_fail(f, line, "节名缺少右方括号 ]");
	char *written = ini_trimdup(t + 1, n - 2), *sec;
	if (written == NULL || (sec = strdup(written)) == NULL) {
		free(written);
		return err_set(f->e, "内存不足");
	}
	lower(sec);
	int prev = ini_line(f, sec, NULL);
	if (sec[0] == '\0' || prev > 0) {
		if (sec[0] == '\0')
			ini_fail(f, line, "节名为空");
		else
			ini_fail(f, line, "节 [%s] 重复（第 %d 行已有）", written, prev);
		free(sec);
		free(written);
		return -1;
	}
	*cur = sec;
	return add(f, sec, NULL, written, line);
}

static int scan_key(struct ini *f, const char *t, size_t n, const char *sec,
		    int line)
{
	const char *eq = memchr(t, '=', n);
	if (eq == NULL)
		return ini_fail(f, line, "“%.100s” 无法识别：应为 [节名]、键 = 值，"
				"或以 ; 开头的注释", t);
	char *key = ini_trimdup(t, (size_t)(eq - t)), *s;
	if (key == NULL)
		return err_set(f->e, "内存不足");
	lower(key);
	const char *v = eq + 1;
	while (*v == ' ' || *v == '\t')
		v++;
	int prev, rc = 0;
	if (key[0] == '\0')
		rc = ini_fail(f, line, "等号前缺少键名");
	else if (sec == NULL)
		rc = ini_fail(f, line, "键 %s 不在任何节内（前面应有 [节名]）", key);
	else if (!f->o->inline_comments && *v != '"' && *v != '\'' &&
		 strpbrk(v, ";#") != NULL)
		rc = ini_fail(f, line, "[%s] %s 的值含有英文的 ; 或 #，iniparser 会把其后"
			      "部分当作注释；请改用中文标点，或给整个值加英文双引号",
			      sec, key);
	else if ((prev = ini_line(f, sec, key)) > 0)
		rc = ini_fail(f, line, "[%s] %s 重复（第 %d 行已有）", sec, key, prev);
	if (rc < 0 || (s = strdup(sec)) == NULL) {
		free(key);
		return rc < 0 ? rc : err_set(f->e, "内存不足");
	}
	return add(f, s, key, NULL, line);
}

/* One physical line; *cont says the previous one ended in a backslash. */
static int scan_line(struct ini *f, const char *buf, size_t len, int line,
		     char **sec, bool *cont)
{
	if (line == 1 && len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		return ini_fail(f, line, "文件开头带有 BOM（记事本的“UTF-8 带 BOM”），"
				"请另存为不带 BOM 的 UTF-8");
	if (strlen(buf) != len)
		return ini_fail(f, line, "含有 NUL 字符");
	if (utf8_valid_prefix(buf, len) != len)
		return ini_fail(f, line, "不是有效的 UTF-8 文字（文件可能是 GBK 编码），"
				"请另存为 UTF-8");
	if (len > LINE_MAX_BYTES)
		return ini_fail(f, line, "一行超过 %d 字节，请缩短", LINE_MAX_BYTES);
	char *t = ini_trimdup(buf, len);
	if (t == NULL)
		return err_set(f->e, "内存不足");
	size_t n = strlen(t);
	bool was_cont = *cont;
	int rc = 0;
	*cont = f->o->continuation && n > 0 && t[n - 1] == '\\';
	if (was_cont || n == 0 || t[0] == ';' || t[0] == '#')
		rc = 0;
	else if (t[n - 1] == '\\' && !f->o->continuation)
		rc = ini_fail(f, line, "行尾的续行符 \\ 不受支持，请把值写在一行内");
	else if (t[0] == '[')
		rc = scan_section(f, t, n, sec, line);
	else
		rc = scan_key(f, t, n, *sec, line);
	free(t);
	return rc;
}

static const char *why(int err)
{
	return err == ENOENT ? "文件不存在" : err == EACCES ? "没有读取权限" :
	       err == EISDIR ? "这是一个目录" : strerror(err);
}

static int scan_file(struct ini *f)
{
	FILE *fp = textfile_open(f->path, TEXTFILE_OFFICE_MAX, *f->o->what ? f->o->what : "文件",
				 f->e);
	if (fp == NULL)
		return -1;
	char *buf = NULL, *sec = NULL;
	size_t cap = 0;
	ssize_t len;
	int line = 0, rc = 0;
	bool cont = false;
	while (rc == 0 && (len = getline(&buf, &cap, fp)) >= 0)
		rc = scan_line(f, buf, (size_t)len, ++line, &sec, &cont);
	if (rc == 0 && ferror(fp))
		rc = err_set(f->e, "无法读取%s %s：%s", f->o->what, f->path,
			     why(errno));
	free(buf);
	fclose(fp);
	return rc;
}

/* ---------- opening ---------- */

/* The core never prints: iniparser's complaints go nowhere. */
static int quiet(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

int ini_open(struct ini *f, const char *path, const struct ini_opts *o,
	     struct err *e)
{
	memset(f, 0, sizeof *f);
	f->o = o;
	f->e = e;
	snprintf(f->path, sizeof f->path, "%s", path);
	if (strlen(path) >= sizeof f->path)
		return err_set(e, "文件名太长：%.200s…", path);
	if (scan_file(f) < 0) {
		ini_close(f);
		return -1;
	}
	iniparser_set_error_callback(quiet);
	f->d = iniparser_load(path);
	if (f->d == NULL) {
		ini_fail(f, 0, "iniparser 无法读取（某行太长，或续行 \\ 连起来超过 1000 字节）");
		ini_close(f);
		return -1;
	}
	return 0;
}

void ini_close(struct ini *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].sec);
		free(f->v[i].key);
		free(f->v[i].written);
	}
	free(f->v);
	f->v = NULL;
	f->n = 0;
	if (f->d != NULL)
		iniparser_freedict(f->d);
	f->d = NULL;
}

/* ---------- typed getters ---------- */

const char *ini_get(const struct ini *f, const char *sec, const char *key)
{
	char full[512];
	if (snprintf(full, sizeof full, "%s:%s", sec, key) >= (int)sizeof full)
		return NULL;
	return iniparser_getstring(f->d, full, NULL);
}

int ini_dup(const struct ini *f, const char *sec, const char *key, char **out)
{
	const char *v = ini_get(f, sec, key);
	*out = NULL;
	if (v == NULL)
		return 0;
	if ((*out = ini_trimdup(v, strlen(v))) == NULL)
		return err_set(f->e, "内存不足");
	if (**out == '\0') {
		free(*out);
		*out = NULL;
	}
	return 0;
}

static int missing(const struct ini *f, const char *sec, const char *key)
{
	return ini_bad(f, sec, NULL, "缺少 %s（必填）", key);
}

int ini_str(const struct ini *f, const char *sec, const char *key, bool required,
	    char *buf, size_t size)
{
	const char *v = ini_get(f, sec, key);
	buf[0] = '\0';
	if (v == NULL)
		return required ? missing(f, sec, key) : 0;
	char *t = ini_trimdup(v, strlen(v));
	if (t == NULL)
		return err_set(f->e, "内存不足");
	int rc = 0;
	if (t[0] == '\0')
		rc = ini_bad(f, sec, key, "的值为空");
	else if (strlen(t) >= size)
		rc = ini_bad(f, sec, key, "的值 “%.100s” 太长（最多 %zu 字节，约 %zu 个汉字）",
			     t, size - 1, (size - 1) / 3);
	else
		memcpy(buf, t, strlen(t) + 1);
	free(t);
	return rc;
}

int ini_int(const struct ini *f, const char *sec, const char *key, bool required,
	    int def, int min, int max, int *out)
{
	const char *v = ini_get(f, sec, key);
	if (v == NULL) {
		*out = def;
		return required ? missing(f, sec, key) : 0;
	}
	char *t = ini_trimdup(v, strlen(v)), *end;
	if (t == NULL)
		return err_set(f->e, "内存不足");
	const char *d = t[0] == '-' ? t + 1 : t;
	int rc = 0;
	errno = 0;
	long n = strtol(t, &end, 10);
	if (t[0] == '\0')
		rc = ini_bad(f, sec, key, "的值为空，应为 %d 到 %d 的整数", min, max);
	else if (*end != '\0' || *d == '\0' || d[strspn(d, "0123456789")] != '\0')
		rc = ini_bad(f, sec, key, "的值 “%s” 不是整数", t);
	else if (n < 0 && min >= 0)
		rc = ini_bad(f, sec, key, "的值 “%s” 不能为负数（应为 %d 到 %d）", t,
			     min, max);
	else if (errno == ERANGE || n < min || n > max)
		rc = ini_bad(f, sec, key, "的值 “%s” 超出范围（应为 %d 到 %d）", t,
			     min, max);
	else
		*out = (int)n;
	free(t);
	return rc;
}

int ini_bool(const struct ini *f, const char *sec, const char *key, bool def,
	     bool *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1", "是" };
	static const char *const no[] = { "no", "false", "off", "0", "否" };
	const char *v = ini_get(f, sec, key);
	*out = def;
	if (v == NULL)
		return 0;
	char *t = ini_trimdup(v, strlen(v));
	if (t == NULL)
		return err_set(f->e, "内存不足");
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (strcasecmp(t, yes[i]) == 0 || strcasecmp(t, no[i]) == 0) {
			*out = strcasecmp(t, yes[i]) == 0;
			free(t);
			return 0;
		}
	}
	ini_bad(f, sec, key, "的值 “%.100s” 不是 yes 或 no（也可写 是 或 否）", t);
	free(t);
	return -1;
}

/* The first separator in p and its length, or NULL. */
static const char *next_sep(const struct ini *f, const char *p, size_t *len)
{
	const char *best = strchr(p, ','), *q;
	*len = 1;
	if ((q = strstr(p, "，")) != NULL && (best == NULL || q < best)) {
		best = q;
		*len = 3;
	}
	if (f->o->list_dunhao && (q = strstr(p, "、")) != NULL &&
	    (best == NULL || q < best)) {
		best = q;
		*len = 3;
	}
	return best;
}

int ini_list(const struct ini *f, const char *sec, const char *key, bool required,
	     char ***out, size_t *n)
{
	const char *v = ini_get(f, sec, key);
	size_t first = *n, i, skip;
	char *all = v != NULL ? ini_trimdup(v, strlen(v)) : NULL;
	bool empty;
	if (v != NULL && all == NULL)
		return err_set(f->e, "内存不足");
	empty = all == NULL || all[0] == '\0';
	free(all);
	if (empty)
		return !required ? 0 : v == NULL ? missing(f, sec, key) :
		       ini_bad(f, sec, key, "的清单为空");
	for (;;) {
		const char *end = next_sep(f, v, &skip);
		char *t = ini_trimdup(v, end != NULL ? (size_t)(end - v) : strlen(v));
		char **nv = t != NULL ? realloc(*out, (*n + 1) * sizeof *nv) : NULL;
		if (nv == NULL) {
			free(t);
			return err_set(f->e, "内存不足");
		}
		*out = nv;
		nv[(*n)++] = t;
		if (t[0] == '\0')
			return ini_bad(f, sec, key, "的第 %zu 项为空（多了一个逗号？）",
				       *n - first);
		for (i = first; i + 1 < *n; i++)
			if (strcmp(nv[i], t) == 0)
				return ini_bad(f, sec, key, "中 “%s” 重复", t);
		if (end == NULL)
			return 0;
		v = end + skip;
	}
}

/* ---------- names ---------- */

static const struct ini_rule *rule_of(const struct ini_rule *r, const char *sec)
{
	for (; r->name != NULL || r->match != NULL; r++)
		if (r->match != NULL ? r->match(sec) : strcmp(r->name, sec) == 0)
			return r;
	return NULL;
}

static bool key_known(const struct ini_rule *r, const char *key)
{
	if (r->key_match != NULL && r->key_match(key))
		return true;
	for (const char *const *k = r->keys; k != NULL && *k != NULL; k++)
		if (strcmp(*k, key) == 0)
			return true;
	return false;
}

static void key_hint(const struct ini_rule *r, char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	if (r->hint != NULL) {
		snprintf(buf, size, "%s", r->hint);
		return;
	}
	for (const char *const *k = r->keys; k != NULL && *k != NULL; k++)
		if (used < size)
			used += (size_t)snprintf(buf + used, size - used, "%s%s",
						 used ? "、" : "", *k);
}

int ini_check_names(const struct ini *f, const struct ini_rule *rules,
		    const char *sections_hint)
{
	const struct ini_rule *r = NULL;
	char hint[400];
	for (size_t i = 0; i < f->n; i++) {
		const struct ini_entry *en = &f->v[i];
		if (en->key == NULL) {
			if ((r = rule_of(rules, en->sec)) == NULL)
				return ini_fail(f, en->line, "未知的节 [%s]（可用：%s）",
						en->written, sections_hint);
		} else if (r != NULL && !key_known(r, en->key)) {
			key_hint(r, hint, sizeof hint);
			return ini_fail(f, en->line, "[%s] 中有未知的键 %s（可用：%s）",
					en->sec, en->key, hint);
		}
	}
	return 0;
}
