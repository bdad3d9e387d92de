#include "core/export/report.h"

#include <ctype.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/base/inifile.h"

static const struct ini_opts report_ini = {
	.what = "报表文件", .continuation = true, .inline_comments = true,
};

struct ctx {
	struct ini f;
	struct err *e;
};

#define bad(x, sec, key, ...) ini_bad(&(x)->f, sec, key, __VA_ARGS__)

/* Optional values may be absent; a present value is never blank. */
static int str_key(const struct ctx *x, const char *sec, const char *key, bool required,
		   char *out, size_t size)
{
	return ini_str(&x->f, sec, key, required, out, size);
}

/* Printed text (a header, the title, a line below) may break its line
 * where the file writes \n, as seed 004 does in 「乡镇\n（街道）」. */
static int text_key(const struct ctx *x, const char *sec, const char *key, bool required,
		    char *out, size_t size)
{
	if (str_key(x, sec, key, required, out, size) != 0)
		return -1;
	char *w = out;
	for (const char *r = out; *r; r++) {
		if (r[0] == '\\' && r[1] == 'n') {
			*w++ = '\n';
			r++;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	return 0;
}

/* The name a list shows for a title: each {placeholder} as the seed's
 * blank reads (乡镇（街道）社会救助申请事项帮办代办工作台账). */
static void title_name(const char *title, char *out, size_t size)
{
	static const char *const label[][2] = {
		{ "{township}", "乡镇（街道）" }, { "{village}", "村（社区）" },
		{ "{county}", "县（区）" },
	};
	size_t len = 0;
	while (*title && len + 1 < size) {
		size_t i, n = sizeof label / sizeof label[0];
		for (i = 0; i < n && strncmp(title, label[i][0], strlen(label[i][0])) != 0; i++)
			;
		if (i < n) {
			len += (size_t)snprintf(out + len, size - len, "%s", label[i][1]);
			title += strlen(label[i][0]);
		} else {
			out[len++] = *title++;
		}
	}
	out[len < size ? len : size - 1] = '\0';
}

static const char *const report_keys[] = {
	"id", "title", "subtitle", "params", "query", "footer", "note",
	"orientation", "paper", NULL,
};
static const char *const column_keys[] = { "header", "type", "width", "mask", NULL };
static const char *const chart_keys[] = {
	"type", "title", "query", "category", "value", NULL,
};

static bool is_column_section(const char *sec)
{
	const char *p = strncmp(sec, "column.", 7) == 0 ? sec + 7
		      : strncmp(sec, "col", 3) == 0 ? sec + 3 : NULL;
	if (p == NULL || *p == '\0')
		return false;
	for (; *p; p++)
		if (!isdigit((unsigned char)*p))
			return false;
	return true;
}

static const struct ini_rule rules[] = {
	{ "report", NULL, report_keys, NULL, NULL },
	{ "chart", NULL, chart_keys, NULL, NULL },
	{ NULL, is_column_section, column_keys, NULL, NULL },
	{ NULL, NULL, NULL, NULL, NULL },
};

static const struct { const char *name; unsigned bit; } param_names[] = {
	{ "village", RP_VILLAGE }, { "from", RP_FROM }, { "to", RP_TO },
	{ "quarter", RP_QUARTER }, { "township", RP_TOWNSHIP },
};

static int parse_params(const struct ctx *x, struct report_def *r)
{
	char **names = NULL;
	size_t n = 0;
	int rc = ini_list(&x->f, "report", "params", false, &names, &n);
	for (size_t k = 0; rc == 0 && k < n; k++) {
		char *name = names[k];
		size_t len = strlen(name);
		bool optional = name[len - 1] == '?';
		if (optional)
			name[--len] = '\0';
		unsigned bit = 0;
		for (size_t i = 0; i < sizeof param_names / sizeof param_names[0]; i++)
			if (strcmp(name, param_names[i].name) == 0)
				bit = param_names[i].bit;
		if (bit == 0)
			rc = bad(x, "report", "params", "中不认识的参数 “%s”"
				 "（可用 village、township、from、to、quarter；可选的加 ?）", name);
		r->params |= bit;
		if (!optional)
			r->required |= bit;
	}
	ini_list_free(names, n);
	if (rc == 0 && (r->params & RP_QUARTER) && (r->params & (RP_FROM | RP_TO)))
		rc = bad(x, "report", "params", "不能同时有 quarter 和 from/to");
	return rc;
}

/* The first word of a query must be SELECT or WITH; the store refuses
 * writes again when it is prepared (reports_check, report_export). */
static int query_key(const struct ctx *x, const char *sec, char **out, int *line)
{
	const char *v = ini_get(&x->f, sec, "query");
	*line = ini_line(&x->f, sec, "query");
	if (v == NULL)
		return ini_bad(&x->f, sec, NULL, "缺少 query（必填）");
	if (*v == '\0')
		return bad(x, sec, "query", "的值为空");
	const char *p = v;
	while (isspace((unsigned char)*p) || *p == '(')
		p++;
	if (strncasecmp(p, "select", 6) != 0 && strncasecmp(p, "with", 4) != 0)
		return bad(x, sec, "query", "只能是只读的 SELECT 查询，不能是 “%.20s…”", p);
	*out = strdup(v);
	return *out == NULL ? err_set(x->e, "内存不足") : 0;
}

static int parse_column(const struct ctx *x, const char *sec, struct report_col *c)
{
	char type[16], mask[16], width[32];
	if (text_key(x, sec, "header", true, c->header, sizeof c->header) != 0 ||
	    str_key(x, sec, "type", false, type, sizeof type) != 0 ||
	    str_key(x, sec, "mask", false, mask, sizeof mask) != 0 ||
	    str_key(x, sec, "width", false, width, sizeof width) != 0)
		return -1;
	static const char *const types[] = { "text", "date", "int", "money", "seq" };
	c->type = RCOL_TEXT;
	if (*type) {
		size_t i;
		for (i = 0; i < 5 && strcmp(type, types[i]) != 0; i++)
			;
		if (i == 5)
			return bad(x, sec, "type", "的值 “%s” 不对（可用 text、date、int、money、seq）", type);
		c->type = (enum report_col_type)i;
	}
	if (*mask) {
		if (strcmp(mask, "id") != 0)
			return bad(x, sec, "mask", "的值 “%s” 不对（只能是 id）", mask);
		if (c->type != RCOL_TEXT)
			return bad(x, sec, "mask", "只能用于 text 列");
		c->mask_id = true;
	}
	if (*width) {
		char *end;
		c->width = strtod(width, &end);
		if (*end != '\0' || c->width < 1 || c->width > 255)
			return bad(x, sec, "width", "的值 “%s” 不对（1 到 255 之间的数）", width);
	}
	return 0;
}

static int parse_columns(const struct ctx *x, struct report_def *r)
{
	size_t pos = 0;
	const char *sec;
	while ((sec = ini_next_section(&x->f, &pos)) != NULL) {
		if (!is_column_section(sec))
			continue;
		struct report_col *v = realloc(r->cols, (r->n_cols + 1) * sizeof *v);
		if (v == NULL)
			return err_set(x->e, "内存不足");
		r->cols = v;
		memset(&v[r->n_cols], 0, sizeof v[0]);
		if (parse_column(x, sec, &v[r->n_cols]) != 0)
			return -1;
		if (v[r->n_cols].type != RCOL_SEQ)
			r->n_query_cols++;
		r->n_cols++;
	}
	if (r->n_cols == 0)
		return ini_fail(&x->f, 0, "没有列（需要 [column.1]、[column.2]… 各节）");
	return 0;
}

static int parse_chart(const struct ctx *x, struct report_def *r)
{
	char type[16];
	if (ini_line(&x->f, "chart", NULL) == 0)
		return 0;
	r->has_chart = true;
	if (str_key(x, "chart", "type", false, type, sizeof type) != 0 ||
	    str_key(x, "chart", "title", false, r->chart_title, sizeof r->chart_title) != 0 ||
	    str_key(x, "chart", "category", true, r->chart_category, sizeof r->chart_category) != 0 ||
	    str_key(x, "chart", "value", true, r->chart_value, sizeof r->chart_value) != 0)
		return -1;
	if (*type && strcmp(type, "column") != 0)
		return bad(x, "chart", "type", "的值 “%s” 不对（只能是 column）", type);
	return query_key(x, "chart", &r->chart_query, &r->chart_query_line);
}

static int parse_report(const struct ctx *x, struct report_def *r)
{
	char orient[16];
	if (ini_line(&x->f, "report", NULL) == 0)
		return ini_fail(&x->f, 0, "缺少 [report] 节");
	if (str_key(x, "report", "id", true, r->id, sizeof r->id) != 0 ||
	    text_key(x, "report", "title", true, r->title, sizeof r->title) != 0 ||
	    text_key(x, "report", "subtitle", false, r->subtitle, sizeof r->subtitle) != 0 ||
	    text_key(x, "report", "footer", false, r->footer, sizeof r->footer) != 0 ||
	    text_key(x, "report", "note", false, r->note, sizeof r->note) != 0 ||
	    str_key(x, "report", "orientation", false, orient, sizeof orient) != 0 ||
	    ini_int(&x->f, "report", "paper", false, 9, 1, 118, &r->paper) != 0)
		return -1;
	for (const char *p = r->id; *p; p++)
		if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) && *p != '-' && *p != '_')
			return bad(x, "report", "id", "“%s” 只能用小写字母、数字、- 和 _", r->id);
	if (*orient && strcmp(orient, "landscape") != 0 && strcmp(orient, "portrait") != 0)
		return bad(x, "report", "orientation", "的值 “%s” 不对（landscape 或 portrait）", orient);
	r->portrait = strcmp(orient, "portrait") == 0;
	title_name(r->title, r->name, sizeof r->name);
	if (parse_params(x, r) != 0)
		return -1;
	return query_key(x, "report", &r->query, &r->query_line);
}

int report_load(const char *path, struct report_def *r, struct err *e)
{
	struct ctx x = { .e = e };
	memset(r, 0, sizeof *r);
	snprintf(r->file, sizeof r->file, "%s", path);
	if (ini_open(&x.f, path, &report_ini, e) < 0) {
		report_free(r);
		return -1;
	}
	int rc = ini_check_names(&x.f, rules, "[report]、[column.1]…、[chart]") != 0 ||
		 parse_report(&x, r) != 0 || parse_columns(&x, r) != 0 ||
		 parse_chart(&x, r) != 0 ? -1 : 0;
	ini_close(&x.f);
	if (rc < 0)
		report_free(r);
	return rc;
}

void report_free(struct report_def *r)
{
	free(r->query);
	free(r->chart_query);
	free(r->cols);
	r->query = r->chart_query = NULL;
	r->cols = NULL;
	r->n_cols = 0;
}

static int by_id(const void *a, const void *b)
{
	return strcmp(((const struct report_def *)a)->id, ((const struct report_def *)b)->id);
}

static bool ends_with_ini(const char *name)
{
	size_t n = strlen(name);
	return n > 4 && name[0] != '.' && strcmp(name + n - 4, ".ini") == 0;
}

int reports_load_dir(const char *dir, struct report_set *set, struct err *e)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	set->defs = NULL;
	set->n = 0;
	if (d == NULL)
		return err_set(e, "无法打开报表目录 %s", dir);
	while ((de = readdir(d)) != NULL) {
		if (!ends_with_ini(de->d_name))
			continue;
		char path[PATH_MAX];
		snprintf(path, sizeof path, "%.3000s/%.1000s", dir, de->d_name);
		struct report_def *v = realloc(set->defs, (set->n + 1) * sizeof *v);
		if (v == NULL) {
			closedir(d);
			reports_free(set);
			return err_set(e, "内存不足");
		}
		set->defs = v;
		if (report_load(path, &v[set->n], e) != 0) {
			closedir(d);
			reports_free(set);
			return -1;
		}
		set->n++;
	}
	closedir(d);
	qsort(set->defs, set->n, sizeof set->defs[0], by_id);
	for (size_t i = 1; i < set->n; i++)
		if (strcmp(set->defs[i].id, set->defs[i - 1].id) == 0) {
			err_set(e, "报表文件 %s 和 %s 的 id 都是 %s", set->defs[i - 1].file,
				set->defs[i].file, set->defs[i].id);
			reports_free(set);
			return -1;
		}
	return 0;
}

void reports_free(struct report_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		report_free(&set->defs[i]);
	free(set->defs);
	set->defs = NULL;
	set->n = 0;
}

const struct report_def *reports_find(const struct report_set *set, const char *id)
{
	for (size_t i = 0; i < set->n; i++)
		if (strcmp(set->defs[i].id, id) == 0)
			return &set->defs[i];
	return NULL;
}
