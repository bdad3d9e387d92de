#include "report.h"

#include <ctype.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <iniparser.h>

/* ---- finding where a thing is in the file, for messages ---- */

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

static void lower(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

/* One line of the file as the structure check sees it. */
struct ini_item {
	char sec[64];
	char key[64];		/* "" for a section line */
	int line;
};

struct ini_scan {
	struct ini_item *v;
	size_t n;
};

static int scan_add(struct ini_scan *sc, const char *sec, const char *key, int line)
{
	struct ini_item *v = realloc(sc->v, (sc->n + 1) * sizeof *v);
	if (v == NULL)
		return -1;
	sc->v = v;
	snprintf(v[sc->n].sec, sizeof v[sc->n].sec, "%s", sec);
	snprintf(v[sc->n].key, sizeof v[sc->n].key, "%s", key);
	v[sc->n].line = line;
	sc->n++;
	return 0;
}

/* Reads the file's sections and keys with their line numbers, following
 * iniparser's rules (comments, a trailing backslash continues a value). */
static int scan_file(const char *path, struct ini_scan *sc, struct err *e)
{
	FILE *f = fopen(path, "r");
	char buf[4096], sec[64] = "";
	int no = 0;
	bool cont = false;
	if (f == NULL)
		return err_set(e, "无法打开报表文件 %s", path);
	while (fgets(buf, sizeof buf, f) != NULL) {
		no++;
		char *line = trim(buf);
		size_t n = strlen(line);
		bool was_cont = cont;
		cont = n > 0 && line[n - 1] == '\\';
		if (was_cont || *line == '\0' || *line == ';' || *line == '#')
			continue;
		if (*line == '[' && line[n - 1] == ']') {
			line[n - 1] = '\0';
			snprintf(sec, sizeof sec, "%s", trim(line + 1));
			lower(sec);
			if (scan_add(sc, sec, "", no) != 0)
				goto oom;
			continue;
		}
		char *eq = strchr(line, '=');
		if (eq == NULL || eq == line) {
			fclose(f);
			return err_set(e, "报表文件 %s 第 %d 行：“%.100s” 看不懂（应为 [节名] 或 键 = 值）",
				       path, no, line);
		}
		*eq = '\0';
		char *key = trim(line);
		lower(key);
		if (*sec == '\0') {
			fclose(f);
			return err_set(e, "报表文件 %s 第 %d 行：键 %s 不在任何 [节] 之下", path, no, key);
		}
		if (scan_add(sc, sec, key, no) != 0)
			goto oom;
	}
	fclose(f);
	return 0;
oom:
	fclose(f);
	return err_set(e, "内存不足");
}

static int line_of(const struct ini_scan *sc, const char *sec, const char *key)
{
	for (size_t i = 0; i < sc->n; i++)
		if (strcmp(sc->v[i].sec, sec) == 0 && strcmp(sc->v[i].key, key ? key : "") == 0)
			return sc->v[i].line;
	if (key != NULL)
		return line_of(sc, sec, NULL);
	return 0;
}

/* ---- reading one file ---- */

struct ctx {
	const char *file;
	dictionary *d;
	struct ini_scan sc;
	struct err *e;
};

static int bad(const struct ctx *x, const char *sec, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* "报表文件 F 第 N 行：[sec] key what" */
static int bad(const struct ctx *x, const char *sec, const char *key, const char *fmt, ...)
{
	char what[600];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	int line = line_of(&x->sc, sec, key);
	if (line > 0)
		return err_set(x->e, "报表文件 %s 第 %d 行：[%s]%s%s %s", x->file, line, sec,
			       key ? " " : "", key ? key : "", what);
	return err_set(x->e, "报表文件 %s：[%s]%s%s %s", x->file, sec, key ? " " : "",
		       key ? key : "", what);
}

static const char *get(const struct ctx *x, const char *sec, const char *key)
{
	char full[160];
	snprintf(full, sizeof full, "%s:%s", sec, key);
	return iniparser_getstring(x->d, full, NULL);
}

static int str_key(const struct ctx *x, const char *sec, const char *key, bool required,
		   char *out, size_t size)
{
	const char *v = get(x, sec, key);
	if (v == NULL || *v == '\0') {
		if (required)
			return bad(x, sec, key, "缺少或为空（必填）");
		*out = '\0';
		return 0;
	}
	if (strlen(v) >= size)
		return bad(x, sec, key, "太长（最多 %zu 字节）", size - 1);
	snprintf(out, size, "%s", v);
	return 0;
}

static const char *const report_keys[] = {
	"id", "title", "subtitle", "params", "query", "footer", "note",
	"orientation", "paper", NULL,
};
static const char *const column_keys[] = { "header", "type", "width", "mask", NULL };
static const char *const chart_keys[] = {
	"type", "title", "query", "category", "value", NULL,
};

static bool in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

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

/* Every section and key is one this file format knows, once. */
static int check_names(const struct ctx *x)
{
	const struct ini_scan *sc = &x->sc;
	for (size_t i = 0; i < sc->n; i++) {
		const struct ini_item *it = &sc->v[i];
		const char *const *keys = strcmp(it->sec, "report") == 0 ? report_keys
					: strcmp(it->sec, "chart") == 0 ? chart_keys
					: is_column_section(it->sec) ? column_keys : NULL;
		if (keys == NULL)
			return err_set(x->e, "报表文件 %s 第 %d 行：不认识的节 [%s]"
				       "（可用 [report]、[column.1]…、[chart]）", x->file, it->line, it->sec);
		for (size_t j = 0; j < i; j++)
			if (strcmp(sc->v[j].sec, it->sec) == 0 && strcmp(sc->v[j].key, it->key) == 0)
				return err_set(x->e, "报表文件 %s 第 %d 行：%s%s%s 重复出现（第 %d 行已有）",
					       x->file, it->line, *it->key ? "键 " : "节 [",
					       *it->key ? it->key : it->sec, *it->key ? "" : "]",
					       sc->v[j].line);
		if (*it->key && !in_list(keys, it->key))
			return err_set(x->e, "报表文件 %s 第 %d 行：[%s] 中不认识的键 %s",
				       x->file, it->line, it->sec, it->key);
	}
	return 0;
}

static const struct { const char *name; unsigned bit; } param_names[] = {
	{ "village", RP_VILLAGE }, { "from", RP_FROM }, { "to", RP_TO },
	{ "quarter", RP_QUARTER }, { "township", RP_TOWNSHIP },
};

static int parse_params(const struct ctx *x, struct report_def *r)
{
	const char *v = get(x, "report", "params");
	char buf[256];
	if (v == NULL)
		return 0;
	snprintf(buf, sizeof buf, "%s", v);
	for (char *save, *tok = strtok_r(buf, ",，", &save); tok; tok = strtok_r(NULL, ",，", &save)) {
		char *name = trim(tok);
		if (*name == '\0')
			continue;
		size_t n = strlen(name);
		bool optional = name[n - 1] == '?';
		if (optional)
			name[--n] = '\0';
		unsigned bit = 0;
		for (size_t i = 0; i < sizeof param_names / sizeof param_names[0]; i++)
			if (strcmp(name, param_names[i].name) == 0)
				bit = param_names[i].bit;
		if (bit == 0)
			return bad(x, "report", "params", "中不认识的参数 “%s”"
				   "（可用 village、township、from、to、quarter；可选的加 ?）", name);
		r->params |= bit;
		if (!optional)
			r->required |= bit;
	}
	if ((r->params & RP_QUARTER) && (r->params & (RP_FROM | RP_TO)))
		return bad(x, "report", "params", "不能同时有 quarter 和 from/to");
	return 0;
}

/* The first word of a query must be SELECT or WITH; the store refuses
 * writes again when it is prepared (reports_check, report_export). */
static int query_key(const struct ctx *x, const char *sec, char **out, int *line)
{
	const char *v = get(x, sec, "query");
	*line = line_of(&x->sc, sec, "query");
	if (v == NULL || *v == '\0')
		return bad(x, sec, "query", "缺少或为空（必填）");
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
	if (str_key(x, sec, "header", true, c->header, sizeof c->header) != 0 ||
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
	for (size_t i = 0; i < x->sc.n; i++) {
		const struct ini_item *it = &x->sc.v[i];
		if (*it->key || !is_column_section(it->sec))
			continue;
		struct report_col *v = realloc(r->cols, (r->n_cols + 1) * sizeof *v);
		if (v == NULL)
			return err_set(x->e, "内存不足");
		r->cols = v;
		memset(&v[r->n_cols], 0, sizeof v[0]);
		if (parse_column(x, it->sec, &v[r->n_cols]) != 0)
			return -1;
		if (v[r->n_cols].type != RCOL_SEQ)
			r->n_query_cols++;
		r->n_cols++;
	}
	if (r->n_cols == 0)
		return err_set(x->e, "报表文件 %s：没有列（需要 [column.1]、[column.2]… 各节）", x->file);
	return 0;
}

static int parse_chart(const struct ctx *x, struct report_def *r)
{
	char type[16];
	if (line_of(&x->sc, "chart", NULL) == 0)
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
	char orient[16], paper[16];
	if (line_of(&x->sc, "report", NULL) == 0)
		return err_set(x->e, "报表文件 %s：缺少 [report] 节", x->file);
	if (str_key(x, "report", "id", true, r->id, sizeof r->id) != 0 ||
	    str_key(x, "report", "title", true, r->title, sizeof r->title) != 0 ||
	    str_key(x, "report", "subtitle", false, r->subtitle, sizeof r->subtitle) != 0 ||
	    str_key(x, "report", "footer", false, r->footer, sizeof r->footer) != 0 ||
	    str_key(x, "report", "note", false, r->note, sizeof r->note) != 0 ||
	    str_key(x, "report", "orientation", false, orient, sizeof orient) != 0 ||
	    str_key(x, "report", "paper", false, paper, sizeof paper) != 0)
		return -1;
	for (const char *p = r->id; *p; p++)
		if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) && *p != '-' && *p != '_')
			return bad(x, "report", "id", "“%s” 只能用小写字母、数字、- 和 _", r->id);
	if (*orient && strcmp(orient, "landscape") != 0 && strcmp(orient, "portrait") != 0)
		return bad(x, "report", "orientation", "的值 “%s” 不对（landscape 或 portrait）", orient);
	r->portrait = strcmp(orient, "portrait") == 0;
	r->paper = 9;
	if (*paper) {
		char *end;
		long n = strtol(paper, &end, 10);
		if (*end != '\0' || n < 1 || n > 118)
			return bad(x, "report", "paper", "的值 “%s” 不对（Excel 纸张代码，A4 = 9）", paper);
		r->paper = (int)n;
	}
	if (parse_params(x, r) != 0)
		return -1;
	return query_key(x, "report", &r->query, &r->query_line);
}

static int quiet(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

int report_load(const char *path, struct report_def *r, struct err *e)
{
	struct ctx x = { .file = path, .e = e };
	memset(r, 0, sizeof *r);
	snprintf(r->file, sizeof r->file, "%s", path);
	if (scan_file(path, &x.sc, e) != 0)
		goto fail;
	iniparser_set_error_callback(quiet);
	x.d = iniparser_load(path);
	if (x.d == NULL) {
		err_set(e, "报表文件 %s 读不出来（某行超过 1024 字节，或续行 \\ 连起来太长）", path);
		goto fail;
	}
	if (check_names(&x) != 0 || parse_report(&x, r) != 0 || parse_columns(&x, r) != 0 ||
	    parse_chart(&x, r) != 0)
		goto fail;
	iniparser_freedict(x.d);
	free(x.sc.v);
	return 0;
fail:
	if (x.d != NULL)
		iniparser_freedict(x.d);
	free(x.sc.v);
	report_free(r);
	return -1;
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
