#include "core/office/config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/base/inifile.h"

static const struct ini_opts config_ini = {
	.what = "配置文件", .inline_comments = true, .list_dunhao = true,
};

/* What every reader of a section needs: the file and where to put an error. */
struct ctx {
	struct ini f;
	struct err *e;
};

#define bad(x, sec, key, ...) ini_bad(&(x)->f, sec, key, __VA_ARGS__)

static const char *get(const struct ctx *x, const char *sec, const char *key)
{
	return ini_get(&x->f, sec, key);
}

/* The value of a key; a missing required key is an error, a missing
 * optional one gives *out = NULL. */
static int value(const struct ctx *x, const char *sec, const char *key,
		 bool required, const char **out)
{
	*out = get(x, sec, key);
	if (*out == NULL && required)
		return bad(x, sec, NULL, "缺少 %s（必填）", key);
	return 0;
}

static char *trim(char *s)
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
	return ini_int(&x->f, sec, key, required, def, min, max, out);
}

/* An absent optional key takes def. */
static int str_key(const struct ctx *x, const char *sec, const char *key,
		   bool required, const char *def, char *buf, size_t size)
{
	if (ini_str(&x->f, sec, key, required, buf, size) < 0)
		return -1;
	if (buf[0] == '\0' && def != NULL)
		snprintf(buf, size, "%s", def);
	return 0;
}

static int bool_key(const struct ctx *x, const char *sec, const char *key,
		    int def, int *out)
{
	bool b;
	if (ini_bool(&x->f, sec, key, def, &b) < 0)
		return -1;
	*out = b;
	return 0;
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

/* ---- names: every section and key must be known ---- */

static const char *const office_keys[] = { "county", "township", "villages",
	"complaint_phone", NULL };
static const char *const store_keys[] = { "path", "mode", "busy_timeout_ms", NULL };
static const char *const paths_keys[] = { "forms", "reports", NULL };
static const char *const backup_keys[] = { "daily", "dir", "keep", NULL };
static const char *const limit_keys[] = { "accept", "investigate", "total",
	"total_delegated", "total_special", "county", "publicity_days",
	"refusal_notice", "missing_materials", "helper_handle",
	/* optional (LIMITS_REQUIRED counts the keys above) */
	"initial_review", "county_filing", "helper_close", "referral_reply", "urgent_paperwork",
	NULL };
#define LIMITS_REQUIRED 10
static const char *const quarterly_keys[] = { "due", NULL };
static const char *const alerts_keys[] = { "lead_days", "recert_lead_days", "recert_months", NULL };
static const char *const periods_keys[] = { "publicity_starts", "special_reasons", NULL };
static const char *const display_keys[] = { "color", "fg", "bg", "accent",
	"alert", NULL };
static const char *const export_keys[] = { "compression", NULL };

static const size_t limit_offsets[] = {
	offsetof(struct limits, accept), offsetof(struct limits, investigate),
	offsetof(struct limits, total), offsetof(struct limits, total_delegated),
	offsetof(struct limits, total_special), offsetof(struct limits, county),
	offsetof(struct limits, publicity_days),
	offsetof(struct limits, refusal_notice),
	offsetof(struct limits, missing_materials),
	offsetof(struct limits, helper_handle),
	offsetof(struct limits, initial_review), offsetof(struct limits, county_filing),
	offsetof(struct limits, helper_close), offsetof(struct limits, referral_reply),
	offsetof(struct limits, urgent_paperwork),
};

/* The optional limits when absent; 0 in the first two means "no such
 * limit" (initial_review) and "by the end of the decision's month"
 * (county_filing, seed 001's 当月). */
static const struct limits optional_limits = {
	.initial_review = 0, .county_filing = 0, .helper_close = 5, .referral_reply = 10,
	.urgent_paperwork = 5,
};

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

static const struct ini_rule rules[] = {
	{ "office", NULL, office_keys, NULL, NULL },
	{ "store", NULL, store_keys, NULL, NULL },
	{ "paths", NULL, paths_keys, NULL, NULL },
	{ "backup", NULL, backup_keys, NULL, NULL },
	{ "limits", NULL, limit_keys, NULL, NULL },
	{ NULL, is_kind_section, limit_keys, NULL, NULL },
	{ "quarterly", NULL, quarterly_keys, NULL, NULL },
	{ "alerts", NULL, alerts_keys, NULL, NULL },
	{ "display", NULL, display_keys, NULL, NULL },
	{ "export", NULL, export_keys, NULL, NULL },
	{ "periods", NULL, periods_keys, NULL, NULL },
	{ "holidays", NULL, NULL, is_year_key, "y 加四位年份，如 y2025" },
	{ "workdays", NULL, NULL, is_year_key, "y 加四位年份，如 y2025" },
	{ "review", NULL, NULL, is_class_key, "小写英文字母和下划线组成的类别代码" },
	{ NULL, NULL, NULL, NULL, NULL },
};

#define SECTIONS "[office]、[store]、[paths]、[backup]、[limits]、[limits.种类代码]、" \
	"[quarterly]、[alerts]、[display]、[export]、[periods]、[holidays]、[workdays]、[review]"

/* ---- sections ---- */

static int load_villages(const struct ctx *x, struct config *c)
{
	if (ini_list(&x->f, "office", "villages", true, &c->villages, &c->n_villages) < 0)
		return -1;
	if (c->n_villages > 256)
		return bad(x, "office", "villages", "列出的村（社区）太多（最多 256 个）");
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

/* [backup]: the daily backup, beside the store unless a dir is given. */
static int load_backup(const struct ctx *x, struct config *c)
{
	char rel[PATH_MAX];
	if (bool_key(x, "backup", "daily", 1, &c->backup_daily) < 0 ||
	    int_key(x, "backup", "keep", false, 14, 1, 3650, &c->backup_keep) < 0 ||
	    str_key(x, "backup", "dir", false, NULL, rel, sizeof rel) < 0)
		return -1;
	if (rel[0] != '\0' && resolve(x, c, "backup", "dir", rel, c->backup_dir) < 0)
		return -1;
	return 0;
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
		bool optional = i >= LIMITS_REQUIRED;
		int min = field == &l->initial_review || field == &l->county_filing ? 0 : 1;
		if (int_key(x, sec, limit_keys[i], required && !optional, *field, min, 365, field) < 0)
			return -1;
	}
	return 0;
}

static int load_limits(const struct ctx *x, struct config *c)
{
	size_t pos = 0;
	const char *sec;
	c->limits = optional_limits;
	if (read_limits(x, "limits", true, &c->limits) < 0)
		return -1;
	while ((sec = ini_next_section(&x->f, &pos)) != NULL) {
		struct kind_limits *kl;
		if (!is_kind_section(sec))
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
	static const int def[3][2] = { { 6, 25 }, { 9, 25 }, { 12, 25 } };
	char **items = NULL;
	size_t n = 0, i;
	int rc = ini_list(&x->f, "quarterly", "due", false, &items, &n);
	if (rc == 0 && n == 0 && get(x, "quarterly", "due") == NULL) {
		memcpy(c->quarterly_due, def, sizeof def);
		c->n_quarterly_due = 3;
	} else if (rc == 0 && (n == 0 || n > 4)) {
		rc = bad(x, "quarterly", "due", "应写 1 到 4 个日期");
	}
	for (i = 0; rc == 0 && i < n; i++) {
		date_t d;
		int y, m, day;
		int e = parse_md(items[i], 2023, &d);
		if (e < 0) {
			rc = md_error(x, "quarterly", "due", items[i], e);
			break;
		}
		date_to_ymd(d, &y, &m, &day);
		c->quarterly_due[i][0] = m;
		c->quarterly_due[i][1] = day;
		c->n_quarterly_due = i + 1;
	}
	ini_list_free(items, n);
	return rc;
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

/* One [review] key: "cls = months, label". */
static int review_key(const struct ctx *x, struct config *c, const char *k)
{
	char **items = NULL, *end;
	size_t n = 0;
	long months;
	int rc = ini_list(&x->f, "review", k, true, &items, &n);
	if (rc == 0 && n != 2) {
		rc = bad(x, "review", k, "的值 “%s” 应写成“月数, 说明”（如 12, 收入基本稳定）",
			 get(x, "review", k));
	} else if (rc == 0) {
		errno = 0;
		months = strtol(items[0], &end, 10);
		if (!only_chars(items[0], DIGITS) || *end != '\0')
			rc = bad(x, "review", k, "的月数 “%s” 不是整数", items[0]);
		else if (errno == ERANGE || months < 1 || months > 60)
			rc = bad(x, "review", k, "的月数 “%s” 超出范围（应为 1 到 60）",
				 items[0]);
		else
			rc = add_review(x, c, k, items[1], (int)months);
	}
	ini_list_free(items, n);
	return rc;
}

/* [review] cls = months, label. Without the section: the national rule. */
static int load_review(const struct ctx *x, struct config *c)
{
	size_t pos = 0;
	const char *k;
	if (ini_line(&x->f, "review", NULL) == 0)
		return add_review(x, c, "stable", "收入基本稳定", 12) ||
		       add_review(x, c, "irregular", "收入不稳定或有劳动能力", 6) ||
		       add_review(x, c, "tekun", "特困供养人员", 12) ? -1 : 0;
	while ((k = ini_next_key(&x->f, "review", &pos)) != NULL)
		if (review_key(x, c, k) < 0)
			return -1;
	return 0;
}

static int load_alerts(const struct ctx *x, struct config *c)
{
	return int_key(x, "alerts", "lead_days", false, 2, 0, 30,
		       &c->alert_lead_days) ||
	       int_key(x, "alerts", "recert_lead_days", false, 30, 0, 365,
		       &c->recert_lead_days) ||
	       int_key(x, "alerts", "recert_months", false, 12, 1, 60,
		       &c->recert_months) ? -1 : 0;
}

/* [periods]: when publicity starts, and the special cases of the law. */
static int load_periods(const struct ctx *x, struct config *c)
{
	static const char *const def[] = { "公示有异议", "人户分离", "异地申办", "调查困难" };
	const char *v = get(x, "periods", "publicity_starts");
	if (v == NULL || strcmp(v, "next_day") == 0)
		c->publicity_counts_posting_day = 0;
	else if (strcmp(v, "posting_day") == 0)
		c->publicity_counts_posting_day = 1;
	else
		return bad(x, "periods", "publicity_starts",
			   "的值 “%s” 不对，只能是 next_day（次日起算）或 posting_day（张贴当日起算）", v);
	if (ini_list(&x->f, "periods", "special_reasons", false, &c->special_reasons,
		     &c->n_special_reasons) < 0)
		return -1;
	if (c->n_special_reasons > 0 || get(x, "periods", "special_reasons") != NULL) {
		if (c->n_special_reasons == 0 || c->n_special_reasons > 16)
			return bad(x, "periods", "special_reasons", "应写 1 到 16 种特殊情况");
		return 0;
	}
	c->special_reasons = calloc(4, sizeof *c->special_reasons);
	if (c->special_reasons == NULL)
		return err_set(x->e, "内存不足");
	for (size_t i = 0; i < 4; i++)
		if ((c->special_reasons[c->n_special_reasons++] = strdup(def[i])) == NULL)
			return err_set(x->e, "内存不足");
	return 0;
}

/* zlib's levels: 1 is the fastest, 9 the smallest file. */
static int load_export(const struct ctx *x, struct config *c)
{
	return int_key(x, "export", "compression", false, 1, 1, 9, &c->xlsx_compression);
}

static int load_display(const struct ctx *x, struct config *c)
{
	return bool_key(x, "display", "color", 1, &c->use_color) ||
	       color_key(x, "fg", "default", c->color_fg) ||
	       color_key(x, "bg", "default", c->color_bg) ||
	       color_key(x, "accent", "cyan", c->color_accent) ||
	       color_key(x, "alert", "red", c->color_alert) ? -1 : 0;
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
		    const char *key)
{
	char **items = NULL;
	size_t n = 0, i;
	int y = atoi(key + 1), rc = 0;
	if (y < 1900 || y > 2200)
		return bad(x, sec, key, "的年份不对（应为 y 加四位年份，如 y2025）");
	/* a blank value: a year without make-up days */
	rc = ini_list(&x->f, sec, key, false, &items, &n);
	if (rc == 0 && n > 64)
		rc = bad(x, sec, key, "列出的日期太多（最多 64 项）");
	for (i = 0; rc == 0 && i < n; i++)
		rc = add_days(x, c, sec, key, y, items[i]);
	ini_list_free(items, n);
	return rc;
}

/* The years of [holidays] must be consecutive; [workdays] may only name
 * those years. Returns -1 on error. */
static int calendar_years(const struct ctx *x, struct config *c)
{
	int years[256], n = 0, i, j;
	size_t pos = 0;
	const char *key;
	while ((key = ini_next_key(&x->f, "holidays", &pos)) != NULL) {
		if (n == 256)
			return bad(x, "holidays", key, "：年份太多");
		years[n++] = atoi(key + 1);
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
			return bad(x, "holidays", NULL, "缺少 y%d（年份须连续）",
				   years[i - 1] + 1);
	c->cal.first_year = years[0];
	c->cal.last_year = years[n - 1];
	pos = 0;
	while ((key = ini_next_key(&x->f, "workdays", &pos)) != NULL) {
		int y = atoi(key + 1);
		if (y < years[0] || y > years[n - 1])
			return bad(x, "workdays", key, "：[holidays] 中没有 y%d", y);
	}
	return 0;
}

static int load_calendar(const struct ctx *x, struct config *c)
{
	static const char *const secs[] = { "holidays", "workdays" };
	size_t s, i, j, pos;
	const char *key;
	for (s = 0; s < 2; s++)
		for (pos = 0; (key = ini_next_key(&x->f, secs[s], &pos)) != NULL;)
			if (add_year(x, c, secs[s], key) < 0)
				return -1;
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

static const char *why(int err)
{
	switch (err) {
	case ENOENT:
		return "文件不存在";
	case EACCES:
		return "没有读取权限";
	default:
		return strerror(err);
	}
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
	struct ctx x = { .e = e };
	int rc;

	memset(c, 0, sizeof *c);
	if (ini_open(&x.f, path, &config_ini, e) < 0)
		return -1;
	rc = set_paths(c, path, e) < 0 || ini_check_names(&x.f, rules, SECTIONS) < 0 ||
	     load_office(&x, c) < 0 || load_store(&x, c) < 0 ||
	     load_paths(&x, c) < 0 || load_backup(&x, c) < 0 || load_limits(&x, c) < 0 ||
	     load_quarterly(&x, c) < 0 || load_review(&x, c) < 0 ||
	     load_alerts(&x, c) < 0 || load_periods(&x, c) < 0 || load_calendar(&x, c) < 0 ||
	     load_display(&x, c) < 0 || load_export(&x, c) < 0;
	ini_close(&x.f);
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
	ini_list_free(c->special_reasons, c->n_special_reasons);
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

date_t config_publicity_end(const struct config *c, date_t posted, int days)
{
	return c->publicity_counts_posting_day ? posted + days - 1 : posted + days;
}

bool config_special_reason(const struct config *c, const char *reason)
{
	for (size_t i = 0; reason != NULL && i < c->n_special_reasons; i++)
		if (strcmp(c->special_reasons[i], reason) == 0)
			return true;
	return false;
}

const struct review_interval *config_review(const struct config *c, const char *cls)
{
	size_t i;
	for (i = 0; cls != NULL && i < c->n_reviews; i++)
		if (strcmp(c->reviews[i].cls, cls) == 0)
			return &c->reviews[i];
	return NULL;
}
