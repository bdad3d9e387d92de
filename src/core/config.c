#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <iniparser.h>

/* What every reader of a section needs: the file name for messages, the
 * parsed dictionary and where to put an error. */
struct ctx {
	const char *file;
	dictionary *d;
	struct err *e;
};

/* iniparser prints to stderr by default; the core never prints. */
static int quiet(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

static int bad(const struct ctx *x, const char *sec, const char *key,
	       const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* "配置文件 F：[sec] key <what>" */
static int bad(const struct ctx *x, const char *sec, const char *key,
	       const char *fmt, ...)
{
	char what[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return err_set(x->e, "配置文件 %s：[%s] %s %s", x->file, sec, key, what);
}

static const char *get(const struct ctx *x, const char *sec, const char *key)
{
	char full[256];
	if (snprintf(full, sizeof full, "%s:%s", sec, key) >= (int)sizeof full)
		return NULL;
	return iniparser_getstring(x->d, full, NULL);
}

static bool has_section(const struct ctx *x, const char *sec)
{
	return iniparser_find_entry(x->d, sec) != 0;
}

/* The value of a key; a missing required key is an error, a missing
 * optional one gives *out = NULL. */
static int value(const struct ctx *x, const char *sec, const char *key,
		 bool required, const char **out)
{
	*out = get(x, sec, key);
	if (*out == NULL && required)
		return err_set(x->e, "配置文件 %s：缺少 [%s] %s（必填）",
			       x->file, sec, key);
	return 0;
}

static const char *trim(char *s)
{
	char *end;
	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

static bool only_chars(const char *s, const char *set)
{
	return *s != '\0' && s[strspn(s, set)] == '\0';
}

#define LOWER "abcdefghijklmnopqrstuvwxyz"
#define DIGITS "0123456789"

/* ---- scalar keys ---- */

static int int_key(const struct ctx *x, const char *sec, const char *key,
		   bool required, int def, int min, int max, int *out)
{
	const char *v;
	char *end;
	long n;
	if (value(x, sec, key, required, &v) < 0)
		return -1;
	if (v == NULL) {
		*out = def;
		return 0;
	}
	if (*v == '\0')
		return bad(x, sec, key, "的值为空，应为 %d 到 %d 的整数", min, max);
	errno = 0;
	n = strtol(v, &end, 10);
	if (*end != '\0' || !only_chars(v[0] == '-' ? v + 1 : v, DIGITS))
		return bad(x, sec, key, "的值 “%s” 不是整数", v);
	if (errno == ERANGE || n < min || n > max) {
		if (n < 0 && min >= 0)
			return bad(x, sec, key, "的值 “%s” 不能为负数（应为 %d 到 %d）",
				   v, min, max);
		return bad(x, sec, key, "的值 “%s” 超出范围（应为 %d 到 %d）",
			   v, min, max);
	}
	*out = (int)n;
	return 0;
}

static int str_key(const struct ctx *x, const char *sec, const char *key,
		   bool required, const char *def, char *buf, size_t size)
{
	const char *v;
	if (value(x, sec, key, required, &v) < 0)
		return -1;
	if (v == NULL)
		v = def;
	if (*v == '\0')
		return bad(x, sec, key, "的值不能为空");
	if (strlen(v) >= size)
		return bad(x, sec, key, "的值太长（最多 %zu 字节）", size - 1);
	memcpy(buf, v, strlen(v) + 1);
	return 0;
}

static int bool_key(const struct ctx *x, const char *sec, const char *key,
		    int def, int *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };
	const char *v = get(x, sec, key);
	size_t i;
	if (v == NULL) {
		*out = def;
		return 0;
	}
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (strcasecmp(v, yes[i]) == 0 || strcasecmp(v, no[i]) == 0) {
			*out = strcasecmp(v, yes[i]) == 0;
			return 0;
		}
	}
	return bad(x, sec, key, "的值 “%s” 不是 yes 或 no", v);
}

static int color_key(const struct ctx *x, const char *key, const char *def,
		     char out[16])
{
	static const char *const names[] = { "default", "black", "red", "green",
		"yellow", "blue", "magenta", "cyan", "white" };
	const char *v = get(x, "display", key);
	size_t i;
	if (v == NULL)
		v = def;
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcasecmp(v, names[i]) == 0) {
			strcpy(out, names[i]);
			return 0;
		}
	}
	return bad(x, "display", key, "的值 “%s” 不是颜色名（可用 default、black、red、"
		   "green、yellow、blue、magenta、cyan、white）", v);
}

/* "MM-DD" in a given year (a leap year accepts 02-29). */
static int parse_md(const char *s, int year, date_t *out)
{
	int m, d;
	if (strlen(s) != 5 || !isdigit((unsigned char)s[0]) ||
	    !isdigit((unsigned char)s[1]) || s[2] != '-' ||
	    !isdigit((unsigned char)s[3]) || !isdigit((unsigned char)s[4]))
		return -1;
	m = (s[0] - '0') * 10 + (s[1] - '0');
	d = (s[3] - '0') * 10 + (s[4] - '0');
	if (!date_valid_ymd(year, m, d))
		return -2;
	*out = date_from_ymd(year, m, d);
	return 0;
}

static int md_error(const struct ctx *x, const char *sec, const char *key,
		    const char *text, int rc)
{
	if (rc == -1)
		return bad(x, sec, key, "中的 “%s” 不是“月-日”格式（如 05-01）", text);
	return bad(x, sec, key, "中的日期 “%s” 不存在", text);
}

/* Splits a list on ASCII commas, Chinese commas and 、; the items are
 * trimmed and point into buf. Returns the count, or -1 if more than max. */
static int split_list(char *buf, const char **items, int max)
{
	int n = 0;
	char *p = buf;
	for (;;) {
		char *sep = NULL;
		size_t skip = 0;
		const char *cands[] = { ",", "，", "、" };
		for (size_t i = 0; i < 3; i++) {
			char *q = strstr(p, cands[i]);
			if (q != NULL && (sep == NULL || q < sep)) {
				sep = q;
				skip = strlen(cands[i]);
			}
		}
		if (n == max)
			return -1;
		if (sep != NULL)
			*sep = '\0';
		items[n++] = trim(p);
		if (sep == NULL)
			return n;
		p = sep + skip;
	}
}

/* ---- names: every section and key must be known ---- */

static const char *const office_keys[] = { "county", "township", "villages",
	"complaint_phone", NULL };
static const char *const store_keys[] = { "path", "mode", "busy_timeout_ms", NULL };
static const char *const paths_keys[] = { "forms", "reports", NULL };
static const char *const limit_keys[] = { "accept", "investigate", "total",
	"total_delegated", "total_special", "county", "publicity_days",
	"refusal_notice", "missing_materials", "helper_handle", NULL };
static const char *const quarterly_keys[] = { "due", NULL };
static const char *const alerts_keys[] = { "lead_days", "recert_lead_days", NULL };
static const char *const display_keys[] = { "color", "fg", "bg", "accent",
	"alert", "ascii_borders", NULL };

static const size_t limit_offsets[] = {
	offsetof(struct limits, accept), offsetof(struct limits, investigate),
	offsetof(struct limits, total), offsetof(struct limits, total_delegated),
	offsetof(struct limits, total_special), offsetof(struct limits, county),
	offsetof(struct limits, publicity_days),
	offsetof(struct limits, refusal_notice),
	offsetof(struct limits, missing_materials),
	offsetof(struct limits, helper_handle),
};

static const struct {
	const char *name;
	const char *const *keys;
} fixed_sections[] = {
	{ "office", office_keys }, { "store", store_keys },
	{ "paths", paths_keys }, { "limits", limit_keys },
	{ "quarterly", quarterly_keys }, { "alerts", alerts_keys },
	{ "display", display_keys },
};

static bool in_list(const char *const *list, const char *s)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

static bool is_kind_section(const char *sec)
{
	const char *kind = sec + strlen("limits.");
	return strncmp(sec, "limits.", 7) == 0 && strlen(kind) < 32 &&
	       only_chars(kind, LOWER "_");
}

static bool is_year_key(const char *key)
{
	return key[0] == 'y' && strlen(key) == 5 && only_chars(key + 1, DIGITS);
}

static bool is_class_key(const char *key)
{
	return strlen(key) < 32 && only_chars(key, LOWER "_");
}

/* NULL if the section is unknown; for sections whose keys follow a
 * pattern, a list holding only NULL and *pattern set. */
static const char *const *section_keys(const char *sec, bool (**pattern)(const char *))
{
	static const char *const none[] = { NULL };
	size_t i;
	*pattern = NULL;
	for (i = 0; i < sizeof fixed_sections / sizeof fixed_sections[0]; i++)
		if (strcmp(sec, fixed_sections[i].name) == 0)
			return fixed_sections[i].keys;
	if (is_kind_section(sec))
		return limit_keys;
	if (strcmp(sec, "holidays") == 0 || strcmp(sec, "workdays") == 0)
		*pattern = is_year_key;
	else if (strcmp(sec, "review") == 0)
		*pattern = is_class_key;
	else
		return NULL;
	return none;
}

static int check_names(const struct ctx *x)
{
	ssize_t i;
	for (i = 0; i < x->d->size; i++) {
		const char *k = x->d->key[i], *colon;
		const char *const *keys;
		bool (*pattern)(const char *);
		char sec[256];
		if (k == NULL)
			continue;
		colon = strchr(k, ':');
		if (colon == k)
			return err_set(x->e, "配置文件 %s：键 %s 不在任何 [节] 之下",
				       x->file, k + 1);
		snprintf(sec, sizeof sec, "%.*s",
			 (int)(colon ? colon - k : (ptrdiff_t)strlen(k)), k);
		keys = section_keys(sec, &pattern);
		if (keys == NULL)
			return err_set(x->e, "配置文件 %s：未知的节 [%s]", x->file, sec);
		if (colon == NULL)
			continue;
		if (pattern != NULL ? !pattern(colon + 1) : !in_list(keys, colon + 1))
			return err_set(x->e, "配置文件 %s：[%s] 中有未知的键 %s",
				       x->file, sec, colon + 1);
	}
	return 0;
}

/* ---- sections ---- */

static int load_villages(const struct ctx *x, struct config *c)
{
	const char *v, *items[256];
	char buf[2048];
	int n, i, j;
	if (value(x, "office", "villages", true, &v) < 0)
		return -1;
	if (strlen(v) >= sizeof buf)
		return bad(x, "office", "villages", "的值太长");
	strcpy(buf, v);
	n = split_list(buf, items, 256);
	if (n < 0)
		return bad(x, "office", "villages", "列出的村（社区）太多（最多 256 个）");
	for (i = 0; i < n; i++) {
		if (*items[i] == '\0')
			return bad(x, "office", "villages", "中有空的名称（多了一个逗号？）");
		for (j = 0; j < i; j++)
			if (strcmp(items[i], items[j]) == 0)
				return bad(x, "office", "villages", "中 “%s” 重复",
					   items[i]);
	}
	c->villages = calloc((size_t)n, sizeof *c->villages);
	if (c->villages == NULL)
		return err_set(x->e, "内存不足");
	for (i = 0; i < n; i++) {
		c->villages[i] = strdup(items[i]);
		if (c->villages[i] == NULL)
			return err_set(x->e, "内存不足");
		c->n_villages++;
	}
	return 0;
}

static int load_office(const struct ctx *x, struct config *c)
{
	const char *v;
	int digits = 0;
	if (str_key(x, "office", "county", true, NULL, c->county, sizeof c->county) < 0 ||
	    str_key(x, "office", "township", true, NULL, c->township,
		    sizeof c->township) < 0 ||
	    load_villages(x, c) < 0 ||
	    str_key(x, "office", "complaint_phone", true, NULL, c->complaint_phone,
		    sizeof c->complaint_phone) < 0)
		return -1;
	for (v = c->complaint_phone; *v; v++)
		digits += isdigit((unsigned char)*v) != 0;
	if (!only_chars(c->complaint_phone, DIGITS "- ") || digits < 7)
		return bad(x, "office", "complaint_phone",
			   "的值 “%s” 不是电话号码（如 023-74512345）", c->complaint_phone);
	return 0;
}

/* dir + "/" + rel, or rel itself when it is absolute. */
static int resolve(const struct ctx *x, const struct config *c, const char *sec,
		   const char *key, const char *rel, char out[PATH_MAX])
{
	int n = rel[0] == '/' ? snprintf(out, PATH_MAX, "%s", rel)
			      : snprintf(out, PATH_MAX, "%s/%s", c->dir, rel);
	if (n < 0 || n >= PATH_MAX)
		return bad(x, sec, key, "的路径太长");
	return 0;
}

static int load_store(const struct ctx *x, struct config *c)
{
	char path[PATH_MAX];
	const char *mode;
	if (str_key(x, "store", "path", true, NULL, path, sizeof path) < 0 ||
	    resolve(x, c, "store", "path", path, c->store_path) < 0 ||
	    value(x, "store", "mode", true, &mode) < 0)
		return -1;
	if (strcmp(mode, "local") == 0)
		c->mode = STORE_LOCAL;
	else if (strcmp(mode, "shared") == 0)
		c->mode = STORE_SHARED;
	else
		return bad(x, "store", "mode", "的值 “%s” 不对，只能是 local 或 shared", mode);
	return int_key(x, "store", "busy_timeout_ms", true, 0, 0, 600000,
		       &c->busy_timeout_ms);
}

static int load_paths(const struct ctx *x, struct config *c)
{
	char rel[PATH_MAX];
	if (str_key(x, "paths", "forms", false, "forms", rel, sizeof rel) < 0 ||
	    resolve(x, c, "paths", "forms", rel, c->forms_dir) < 0 ||
	    str_key(x, "paths", "reports", false, "reports", rel, sizeof rel) < 0 ||
	    resolve(x, c, "paths", "reports", rel, c->reports_dir) < 0)
		return -1;
	return 0;
}

/* Fills l from sec; with required false, absent keys keep l's values. */
static int read_limits(const struct ctx *x, const char *sec, bool required,
		       struct limits *l)
{
	size_t i;
	for (i = 0; limit_keys[i] != NULL; i++) {
		int *field = (int *)((char *)l + limit_offsets[i]);
		if (int_key(x, sec, limit_keys[i], required, *field, 1, 365, field) < 0)
			return -1;
	}
	return 0;
}

static int load_limits(const struct ctx *x, struct config *c)
{
	int i, nsec = iniparser_getnsec(x->d);
	if (read_limits(x, "limits", true, &c->limits) < 0)
		return -1;
	for (i = 0; i < nsec; i++) {
		const char *sec = iniparser_getsecname(x->d, i);
		struct kind_limits *kl;
		if (sec == NULL || !is_kind_section(sec))
			continue;
		kl = realloc(c->kind_limits, (c->n_kind_limits + 1) * sizeof *kl);
		if (kl == NULL)
			return err_set(x->e, "内存不足");
		c->kind_limits = kl;
		kl += c->n_kind_limits;
		memset(kl, 0, sizeof *kl);
		strcpy(kl->kind, sec + strlen("limits."));
		kl->l = c->limits;
		c->n_kind_limits++;
		if (read_limits(x, sec, false, &kl->l) < 0)
			return -1;
	}
	return 0;
}

static int load_quarterly(const struct ctx *x, struct config *c)
{
	const char *v = get(x, "quarterly", "due"), *items[5];
	char buf[256];
	int n, i;
	if (v == NULL)
		v = "06-25, 09-25, 12-25";
	if (strlen(v) >= sizeof buf)
		return bad(x, "quarterly", "due", "的值太长");
	strcpy(buf, v);
	n = split_list(buf, items, 4);
	if (n < 0)
		return bad(x, "quarterly", "due", "最多写 4 个日期");
	for (i = 0; i < n; i++) {
		date_t d;
		int y, m, day;
		int rc = parse_md(items[i], 2023, &d);
		if (rc < 0)
			return md_error(x, "quarterly", "due", items[i], rc);
		date_to_ymd(d, &y, &m, &day);
		c->quarterly_due[i][0] = m;
		c->quarterly_due[i][1] = day;
	}
	c->n_quarterly_due = (size_t)n;
	return 0;
}

static int add_review(const struct ctx *x, struct config *c, const char *cls,
		      const char *label, int months)
{
	struct review_interval *r;
	if (strlen(label) >= sizeof r->label)
		return bad(x, "review", cls, "的说明太长（最多 %zu 字节）",
			   sizeof r->label - 1);
	r = realloc(c->reviews, (c->n_reviews + 1) * sizeof *r);
	if (r == NULL)
		return err_set(x->e, "内存不足");
	c->reviews = r;
	r += c->n_reviews++;
	memset(r, 0, sizeof *r);
	strcpy(r->cls, cls);
	strcpy(r->label, label);
	r->months = months;
	return 0;
}

/* [review] cls = months, label. Without the section: the national rule. */
static int load_review(const struct ctx *x, struct config *c)
{
	ssize_t i;
	size_t plen = strlen("review:");
	if (!has_section(x, "review"))
		return add_review(x, c, "stable", "收入基本稳定", 12) ||
		       add_review(x, c, "irregular", "收入不稳定或有劳动能力", 6) ||
		       add_review(x, c, "tekun", "特困供养人员", 12) ? -1 : 0;
	for (i = 0; i < x->d->size; i++) {
		const char *k = x->d->key[i], *v = x->d->val[i], *items[2];
		char buf[256], *end;
		long months;
		if (k == NULL || strncmp(k, "review:", plen) != 0)
			continue;
		k += plen;
		if (strlen(v) >= sizeof buf)
			return bad(x, "review", k, "的值太长");
		strcpy(buf, v);
		if (split_list(buf, items, 2) != 2 || *items[1] == '\0')
			return bad(x, "review", k, "的值 “%s” 应写成“月数, 说明”（如 12, 收入基本稳定）", v);
		errno = 0;
		months = strtol(items[0], &end, 10);
		if (!only_chars(items[0], DIGITS) || *end != '\0')
			return bad(x, "review", k, "的月数 “%s” 不是整数", items[0]);
		if (errno == ERANGE || months < 1 || months > 60)
			return bad(x, "review", k, "的月数 “%s” 超出范围（应为 1 到 60）",
				   items[0]);
		if (add_review(x, c, k, items[1], (int)months) < 0)
			return -1;
	}
	return 0;
}

static int load_alerts(const struct ctx *x, struct config *c)
{
	return int_key(x, "alerts", "lead_days", false, 2, 0, 30,
		       &c->alert_lead_days) ||
	       int_key(x, "alerts", "recert_lead_days", false, 30, 0, 365,
		       &c->recert_lead_days) ? -1 : 0;
}

static int load_display(const struct ctx *x, struct config *c)
{
	return bool_key(x, "display", "color", 1, &c->use_color) ||
	       color_key(x, "fg", "default", c->color_fg) ||
	       color_key(x, "bg", "default", c->color_bg) ||
	       color_key(x, "accent", "cyan", c->color_accent) ||
	       color_key(x, "alert", "red", c->color_alert) ||
	       bool_key(x, "display", "ascii_borders", 0, &c->ascii_borders) ? -1 : 0;
}

/* ---- the calendar: [holidays] and [workdays] ---- */

/* One item "MM-DD" or "MM-DD..MM-DD" of year y into the calendar. */
static int add_days(const struct ctx *x, struct config *c, const char *sec,
		    const char *key, int y, const char *item)
{
	bool work = strcmp(sec, "workdays") == 0;
	char a[16], b[16];
	const char *dots = strstr(item, "..");
	date_t from, to, d;
	int rc;
	if (strlen(item) >= sizeof a)
		return md_error(x, sec, key, item, -1);
	if (dots == NULL) {
		strcpy(a, item);
		strcpy(b, item);
	} else {
		snprintf(a, sizeof a, "%.*s", (int)(dots - item), item);
		snprintf(b, sizeof b, "%s", dots + 2);
	}
	if ((rc = parse_md(trim(a), y, &from)) < 0)
		return md_error(x, sec, key, trim(a), rc);
	if ((rc = parse_md(trim(b), y, &to)) < 0)
		return md_error(x, sec, key, trim(b), rc);
	if (to < from || to - from > 30)
		return bad(x, sec, key, "中的区间 “%s” 不对（起日须不晚于止日，最长 31 天）",
			   item);
	for (d = from; d <= to; d++) {
		if (work && date_weekday(d) < 5)
			return bad(x, sec, key, "中的 “%s” 不是周六或周日，"
				   "调休上班日只写周末的日子", item);
		if ((work ? calendar_add_work(&c->cal, d) : calendar_add_off(&c->cal, d)) < 0)
			return err_set(x->e, "内存不足");
	}
	return 0;
}

static int add_year(const struct ctx *x, struct config *c, const char *sec,
		    const char *key, const char *v)
{
	const char *items[64];
	char buf[1024];
	int y = atoi(key + 1), n, i;
	if (y < 1900 || y > 2200)
		return bad(x, sec, key, "的年份不对（应为 y 加四位年份，如 y2025）");
	if (strlen(v) >= sizeof buf)
		return bad(x, sec, key, "的值太长");
	strcpy(buf, v);
	if (*trim(buf) == '\0')
		return 0;	/* a year without make-up days */
	n = split_list(buf, items, 64);
	if (n < 0)
		return bad(x, sec, key, "列出的日期太多（最多 64 项）");
	for (i = 0; i < n; i++) {
		if (*items[i] == '\0')
			return bad(x, sec, key, "中有空的日期（多了一个逗号？）");
		if (add_days(x, c, sec, key, y, items[i]) < 0)
			return -1;
	}
	return 0;
}

/* The years of [holidays] must be consecutive; [workdays] may only name
 * those years. Returns -1 on error. */
static int calendar_years(const struct ctx *x, struct config *c)
{
	int years[256], n = 0, i, j;
	ssize_t k;
	for (k = 0; k < x->d->size; k++) {
		const char *key = x->d->key[k];
		if (key == NULL || strncmp(key, "holidays:", 9) != 0)
			continue;
		if (n == 256)
			return bad(x, "holidays", key + 9, "：年份太多");
		years[n++] = atoi(key + 10);
	}
	c->cal.first_year = 0;
	c->cal.last_year = -1;
	if (n == 0)
		return 0;
	for (i = 1; i < n; i++)	/* insertion sort: a handful of years */
		for (j = i; j > 0 && years[j] < years[j - 1]; j--) {
			int t = years[j];
			years[j] = years[j - 1];
			years[j - 1] = t;
		}
	for (i = 1; i < n; i++)
		if (years[i] != years[i - 1] + 1)
			return err_set(x->e, "配置文件 %s：[holidays] 缺少 y%d（年份须连续）",
				       x->file, years[i - 1] + 1);
	c->cal.first_year = years[0];
	c->cal.last_year = years[n - 1];
	for (k = 0; k < x->d->size; k++) {
		const char *key = x->d->key[k];
		int y;
		if (key == NULL || strncmp(key, "workdays:", 9) != 0)
			continue;
		y = atoi(key + 10);
		if (y < years[0] || y > years[n - 1])
			return bad(x, "workdays", key + 9, "：[holidays] 中没有 y%d", y);
	}
	return 0;
}

static int load_calendar(const struct ctx *x, struct config *c)
{
	static const char *const secs[] = { "holidays", "workdays" };
	size_t s, i, j;
	ssize_t k;
	for (s = 0; s < 2; s++) {
		size_t plen = strlen(secs[s]);
		for (k = 0; k < x->d->size; k++) {
			const char *key = x->d->key[k];
			if (key == NULL || strncmp(key, secs[s], plen) != 0 ||
			    key[plen] != ':')
				continue;
			if (add_year(x, c, secs[s], key + plen + 1, x->d->val[k]) < 0)
				return -1;
		}
	}
	if (calendar_years(x, c) < 0)
		return -1;
	calendar_finish(&c->cal);
	for (i = 0, j = 0; i < c->cal.n_off && j < c->cal.n_work;) {
		if (c->cal.off[i] == c->cal.work[j]) {
			char day[11], key[16];
			int y, m, d;
			date_format(c->cal.off[i], day);
			date_to_ymd(c->cal.off[i], &y, &m, &d);
			snprintf(key, sizeof key, "y%d", y);
			return bad(x, "workdays", key, "中的 %s 同时列在 [holidays] 中", day + 5);
		}
		if (c->cal.off[i] < c->cal.work[j])
			i++;
		else
			j++;
	}
	return 0;
}

/* ---- the file itself ---- */

static bool utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char b = s[i];
		size_t len = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2
			   : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
		size_t j;
		if (len == 0 || i + len > n || (len == 2 && b < 0xC2))
			return false;
		for (j = 1; j < len; j++)
			if ((s[i + j] & 0xC0) != 0x80)
				return false;
		i += len;
	}
	return true;
}

static void lower(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

static const char *why(int err)
{
	switch (err) {
	case ENOENT:
		return "文件不存在";
	case EACCES:
		return "没有读取权限";
	case EISDIR:
		return "这是一个目录";
	default:
		return strerror(err);
	}
}

struct seen {
	char **v;
	size_t n;
};

/* Records "section:key"; 1 if it was there already, -1 if out of memory. */
static int seen_add(struct seen *s, const char *sec, const char *key)
{
	size_t i, len = strlen(sec) + strlen(key) + 2;
	char *full = malloc(len), **v;
	if (full == NULL)
		return -1;
	snprintf(full, len, "%s:%s", sec, key);
	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i], full) == 0) {
			free(full);
			return 1;
		}
	v = realloc(s->v, (s->n + 1) * sizeof *v);
	if (v == NULL) {
		free(full);
		return -1;
	}
	s->v = v;
	s->v[s->n++] = full;
	return 0;
}

/* One line as iniparser sees it; sec is the current section. */
static int scan_line(const char *file, int no, char *raw, size_t len,
		     char sec[256], struct seen *seen, struct err *e)
{
	char *line, *eq;
	const char *key;
	int rc;
	if (no == 1 && len >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0)
		return err_set(e, "配置文件 %s：文件开头有 BOM 标记（记事本“UTF-8 带 BOM”），"
			       "请另存为不带 BOM 的 UTF-8", file);
	if (!utf8_valid((const unsigned char *)raw, len))
		return err_set(e, "配置文件 %s：第 %d 行不是 UTF-8 编码（可能是 GBK），"
			       "请另存为 UTF-8", file, no);
	if (len > 1000)
		return err_set(e, "配置文件 %s：第 %d 行太长（最多 1000 字节）", file, no);
	line = (char *)trim(raw);
	if (*line == '\0' || *line == ';' || *line == '#')
		return 0;
	if (*line == '[' && line[strlen(line) - 1] == ']') {
		line[strlen(line) - 1] = '\0';
		snprintf(sec, 256, "%s", trim(line + 1));
		lower(sec);
		return 0;
	}
	eq = strchr(line, '=');
	if (eq == NULL || eq == line)
		return err_set(e, "配置文件 %s：第 %d 行 “%.200s” 看不懂"
			       "（应为 [节名]、键 = 值，或以 ; 开头的注释）", file, no, line);
	*eq = '\0';
	key = trim(line);
	lower((char *)key);
	rc = seen_add(seen, sec, key);
	if (rc < 0)
		return err_set(e, "内存不足");
	if (rc > 0)
		return err_set(e, "配置文件 %s：第 %d 行 [%s] %s 重复出现", file, no,
			       sec, key);
	return 0;
}

/* iniparser stops at a bad line without saying which (its message goes
 * to the callback), and silently keeps the last of two equal keys: read
 * the file once ourselves to name the line. */
static int scan_file(FILE *f, const char *file, struct err *e)
{
	struct seen seen = { NULL, 0 };
	char *buf = NULL, sec[256] = "";
	size_t cap = 0, i;
	ssize_t len;
	int no = 0, rc = 0;
	while (rc == 0 && (len = getline(&buf, &cap, f)) >= 0)
		rc = scan_line(file, ++no, buf, (size_t)len, sec, &seen, e);
	if (rc == 0 && ferror(f))
		rc = err_set(e, "无法读取配置文件 %s：%s", file, why(errno));
	free(buf);
	for (i = 0; i < seen.n; i++)
		free(seen.v[i]);
	free(seen.v);
	return rc;
}

static int set_paths(struct config *c, const char *path, struct err *e)
{
	char *slash;
	if (realpath(path, c->path) == NULL)
		return err_set(e, "无法读取配置文件 %s：%s", path, why(errno));
	snprintf(c->dir, sizeof c->dir, "%s", c->path);
	slash = strrchr(c->dir, '/');
	if (slash == c->dir)
		slash[1] = '\0';	/* a file in / */
	else if (slash != NULL)
		*slash = '\0';
	return 0;
}

int config_load(const char *path, struct config *c, struct err *e)
{
	struct ctx x = { path, NULL, e };
	FILE *f;
	int rc;

	memset(c, 0, sizeof *c);
	f = fopen(path, "r");
	if (f == NULL)
		return err_set(e, "无法读取配置文件 %s：%s", path, why(errno));
	rc = scan_file(f, path, e);
	fclose(f);
	if (rc < 0 || set_paths(c, path, e) < 0)
		return -1;

	iniparser_set_error_callback(quiet);
	x.d = iniparser_load(path);
	if (x.d == NULL)
		return err_set(e, "配置文件 %s 无法解析（格式错误或无法读取）", path);
	rc = check_names(&x) < 0 || load_office(&x, c) < 0 || load_store(&x, c) < 0 ||
	     load_paths(&x, c) < 0 || load_limits(&x, c) < 0 ||
	     load_quarterly(&x, c) < 0 || load_review(&x, c) < 0 ||
	     load_alerts(&x, c) < 0 || load_calendar(&x, c) < 0 ||
	     load_display(&x, c) < 0;
	iniparser_freedict(x.d);
	if (rc) {
		config_free(c);
		return -1;
	}
	return 0;
}

void config_free(struct config *c)
{
	size_t i;
	for (i = 0; i < c->n_villages; i++)
		free(c->villages[i]);
	free(c->villages);
	free(c->kind_limits);
	free(c->reviews);
	calendar_free(&c->cal);
	memset(c, 0, sizeof *c);
}

const struct limits *config_limits(const struct config *c, const char *kind)
{
	size_t i;
	for (i = 0; kind != NULL && i < c->n_kind_limits; i++)
		if (strcmp(c->kind_limits[i].kind, kind) == 0)
			return &c->kind_limits[i].l;
	return &c->limits;
}

const struct review_interval *config_review(const struct config *c, const char *cls)
{
	size_t i;
	for (i = 0; cls != NULL && i < c->n_reviews; i++)
		if (strcmp(c->reviews[i].cls, cls) == 0)
			return &c->reviews[i];
	return NULL;
}
