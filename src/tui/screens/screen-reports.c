/* 台账报表: the reports of the reports directory (core/report.c), each one
 * exported to .xlsx from here. Choosing one shows only the parameters it
 * takes — a village, a quarter or a township picked from lists, dates and
 * the file name typed — then writes the file with a progress bar. */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/base/date.h"
#include "tui/widgets/fieldbox.h"
#include "core/domain/office.h"
#include "core/export/report.h"
#include "core/base/utf8.h"
#include "tui/ui.h"
#include "tui/widgets/list.h"
#include "tui/widgets/picker.h"
#include "tui/xalloc.h"

#define LABEL_COLS 16
#define MAX_TOWNSHIPS 64
#define N_QUARTERS 8

enum pfield { PF_VILLAGE, PF_QUARTER, PF_TOWNSHIP, PF_FROM, PF_TO, PF_PATH, PF_N };

static const char *const pf_labels[PF_N] = {
	"村（社区）", "季度", "乡镇（街道）", "开始日期", "结束日期", "导出到文件",
};

struct reports {
	struct report_set set;
	char load_error[1024];	/* a broken report file: shown instead of the list */
	struct list list;	/* the reports */
	int n_defs;
	struct villages vs;	/* the township's, for the village parameter */
	const struct report_def *r;	/* the one being filled in; NULL: the list */
	enum pfield fields[PF_N];
	int n_fields, cur;
	char village[64], township[64], quarter[8];	/* "" is 全部 */
	struct fieldbox fb[PF_N];	/* the choices show what was picked */
	bool path_edited;	/* typed by hand: no longer follows the parameters */
	char townships[MAX_TOWNSHIPS][64];
	int n_townships;
	char result[1024];
	bool result_error;
	/* progress */
	long last_done;
	struct timespec last_draw;
};

static const struct hint report_list_hints[] = {
	{ "上下键", "选择" }, { "Enter", "导出" }, { "Esc", "返回" }, { NULL, NULL },
};
static const struct hint param_hints[] = {
	{ "上下键/Tab", "换项" }, { "Enter", "选择/下一项" }, { "F2/^D", "导出" },
	{ "Esc", "返回列表" }, { NULL, NULL },
};

/* ---- parameters and the default file name ---- */

static bool is_text(enum pfield f)
{
	return f == PF_FROM || f == PF_TO || f == PF_PATH;
}

static char *text_of(struct reports *m, enum pfield f)
{
	return fieldbox_value(&m->fb[f]);
}

/* The report's bit for a parameter field; the file name has none. */
static unsigned param_bit(enum pfield f)
{
	static const unsigned bits[PF_N] = { RP_VILLAGE, RP_QUARTER, RP_TOWNSHIP, RP_FROM, RP_TO, 0 };
	return bits[f];
}

/* What the choice fields show: the picked value, or what "" means. */
static void show_choices(struct reports *m)
{
	struct err e;
	fieldbox_set(&m->fb[PF_VILLAGE], *m->village ? m->village : "全部", &e);
	fieldbox_set(&m->fb[PF_TOWNSHIP], *m->township ? m->township : "全部（全县）", &e);
	fieldbox_set(&m->fb[PF_QUARTER], m->quarter, &e);
}

static void current_quarter(date_t today, int back, char out[8])
{
	int y, mo, d;
	date_to_ymd(today, &y, &mo, &d);
	int q = (mo - 1) / 3 + 1 - back;
	while (q < 1) {
		q += 4;
		y--;
	}
	snprintf(out, 8, "%04dQ%d", y, q);
}

/* The quarter a date range is exactly, for the file name; else "". */
static void range_label(const char *from, const char *to, char *out, size_t n)
{
	date_t a, b, qa, qb;
	char q[8];
	int y, mo, d;
	*out = '\0';
	if (*from == '\0' && *to == '\0')
		return;
	if (date_parse(from, &a) == 0 && date_parse(to, &b) == 0) {
		date_to_ymd(a, &y, &mo, &d);
		snprintf(q, sizeof q, "%04dQ%d", y, (mo - 1) / 3 + 1);
		if (report_quarter(q, &qa, &qb) == 0 && qa == a && qb == b) {
			snprintf(out, n, "%s", q);
			return;
		}
	}
	snprintf(out, n, "%s至%s", *from ? from : "", *to ? to : "");
}

/* A short Chinese name for the file: the report's title without the
 * office prefix "乡镇（街道）" and "社会救助申请事项". */
static void short_title(const struct report_def *r, char *out, size_t n)
{
	static const char *const drop[] = { "乡镇（街道）", "社会救助申请事项", "社会救助" };
	char buf[256];
	snprintf(buf, sizeof buf, "%s", r->name);
	for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++) {
		size_t k = strlen(drop[i]);
		if (strncmp(buf, drop[i], k) == 0 && strlen(buf) > k + 6)
			memmove(buf, buf + k, strlen(buf + k) + 1);
	}
	snprintf(out, n, "%s", buf);
}

static void default_path(struct ui *ui, struct reports *m)
{
	char dir[PATH_MAX], name[512], range[64], title[256], *from, *to;
	struct err e;
	if (m->path_edited)
		return;
	snprintf(dir, sizeof dir, "%s", store_path(ui->s->store));
	short_title(m->r, title, sizeof title);
	from = text_of(m, PF_FROM);
	to = text_of(m, PF_TO);
	range_label(from, to, range, sizeof range);
	free(from);
	free(to);
	const char *where = (m->r->params & RP_VILLAGE) && *m->village ? m->village
			  : (m->r->params & RP_TOWNSHIP) && *m->township ? m->township : "";
	const char *when = m->r->params & RP_QUARTER ? m->quarter : range;
	snprintf(name, sizeof name, "%s%s%s%s%s.xlsx", title, *where ? "-" : "", where,
		 *when ? "-" : "", when);
	for (char *p = name; *p; p++)
		if (*p == '/')
			*p = '_';
	char path[PATH_MAX + 600];
	snprintf(path, sizeof path, "%s/%s", dirname(dir), name);
	fieldbox_set(&m->fb[PF_PATH], path, &e);
}

static void load_townships(struct ui *ui, struct reports *m)
{
	struct place t[MAX_TOWNSHIPS];
	struct err e;
	m->n_townships = 0;
	if (office_townships(ui->s->store, t, MAX_TOWNSHIPS, &m->n_townships, &e) != 0)
		m->n_townships = 0;
	for (int i = 0; i < m->n_townships; i++)
		snprintf(m->townships[i], 64, "%s", t[i].name);
}

/* Opens the parameters of report r with sensible values: the office's
 * first village, its own township, this quarter (and its dates when the
 * report needs a range). */
static void open_params(struct ui *ui, struct reports *m, const struct report_def *r)
{
	static const struct { unsigned bit; enum pfield f; } order[] = {
		{ RP_VILLAGE, PF_VILLAGE }, { RP_QUARTER, PF_QUARTER }, { RP_TOWNSHIP, PF_TOWNSHIP },
		{ RP_FROM, PF_FROM }, { RP_TO, PF_TO },
	};
	struct err e;
	char q[8];
	date_t a, b;
	char da[11], db[11];
	m->r = r;
	m->n_fields = 0;
	m->cur = 0;
	m->path_edited = false;
	m->result[0] = '\0';
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
		if (r->params & order[i].bit)
			m->fields[m->n_fields++] = order[i].f;
	m->fields[m->n_fields++] = PF_PATH;
	load_townships(ui, m);
	const struct config *cfg = &ui->s->cfg;
	snprintf(m->village, sizeof m->village, "%s",
		 (r->required & RP_VILLAGE) && cfg->n_villages > 0 ? cfg->villages[0] : "");
	snprintf(m->township, sizeof m->township, "%s", cfg->township);
	current_quarter(ui->today, 0, q);
	snprintf(m->quarter, sizeof m->quarter, "%s", q);
	report_quarter(q, &a, &b);
	date_format(a, da);
	date_format(b, db);
	fieldbox_set(&m->fb[PF_FROM], r->required & RP_FROM ? da : "", &e);
	fieldbox_set(&m->fb[PF_TO], r->required & RP_TO ? db : "", &e);
	for (int i = 0; i < PF_N; i++)
		m->fb[i].required = i == PF_PATH || (r->required & param_bit((enum pfield)i));
	show_choices(m);
	default_path(ui, m);
}

/* ---- pickers ---- */

static void pick_village(struct ui *ui, struct reports *m)
{
	struct village_pick o = { .title = "选择村（社区）", .all = !(m->r->required & RP_VILLAGE) };
	struct err e;
	int64_t id = 0;
	if (m->vs.n == 0 && villages_load(ui, VILLAGES_TOWNSHIP, &m->vs, &e) != 0) {
		ui_flash(ui, true, "%s", e.msg);
		return;
	}
	for (int i = 0; i < m->vs.n; i++)
		if (strcmp(m->vs.v[i].name, m->village) == 0)
			id = m->vs.v[i].id;
	if (village_pick(ui, &m->vs, &o, &id))
		snprintf(m->village, sizeof m->village, "%s", villages_name(&m->vs, id, ""));
}

static void pick_township(struct ui *ui, struct reports *m)
{
	const char *labels[MAX_TOWNSHIPS + 1];
	bool optional = !(m->r->required & RP_TOWNSHIP);
	int n = 0, cur = 0;
	if (optional)
		labels[n++] = "全部（全县）";
	for (int i = 0; i < m->n_townships; i++) {
		if (strcmp(m->townships[i], m->township) == 0)
			cur = n;
		labels[n++] = m->townships[i];
	}
	if (n == 0)
		return;
	int k = ui_pick(ui, "选择乡镇（街道）", labels, n, cur);
	if (k >= 0)
		snprintf(m->township, sizeof m->township, "%s", optional && k == 0 ? "" : labels[k]);
}

static void pick_quarter(struct ui *ui, struct reports *m)
{
	char codes[N_QUARTERS][8], text[N_QUARTERS][64];
	const char *labels[N_QUARTERS];
	int cur = 0;
	for (int i = 0; i < N_QUARTERS; i++) {
		current_quarter(ui->today, i, codes[i]);
		snprintf(text[i], sizeof text[i], "%.4s年第%c季度（%s）%s", codes[i], codes[i][5],
			 codes[i], i == 0 ? " 本季度" : "");
		labels[i] = text[i];
		if (strcmp(codes[i], m->quarter) == 0)
			cur = i;
	}
	int k = ui_pick(ui, "选择季度", labels, N_QUARTERS, cur);
	if (k >= 0)
		snprintf(m->quarter, sizeof m->quarter, "%s", codes[k]);
}

static void pick(struct ui *ui, struct reports *m)
{
	switch (m->fields[m->cur]) {
	case PF_VILLAGE: pick_village(ui, m); break;
	case PF_TOWNSHIP: pick_township(ui, m); break;
	case PF_QUARTER: pick_quarter(ui, m); break;
	default: return;
	}
	clear();
	show_choices(m);
	default_path(ui, m);
}

/* ---- exporting ---- */

static long ms_since(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t->tv_sec) * 1000 + (now.tv_nsec - t->tv_nsec) / 1000000;
}

static void draw_progress(struct ui *ui, long done, long total)
{
	char line[128];
	int y = LINES - 5, width = COLS - 4 > 60 ? 60 : COLS - 4;
	if (total > 0)
		snprintf(line, sizeof line, "正在导出：已写入 %ld / %ld 行", done, total);
	else
		snprintf(line, sizeof line, "正在导出：已写入 %ld 行", done);
	ui_text(y, 2, COLS - 4, line, A_BOLD, true);
	int fill = total > 0 ? (int)((double)width * (double)(done < total ? done : total) / (double)total) : 0;
	ui_text(y + 1, 2, fill, "", ui_attr(ui, PAIR_SELECT), true);
	ui_text(y + 1, 2 + fill, width - fill, "", A_UNDERLINE, true);
	refresh();
}

struct progress_ctx {
	struct ui *ui;
	struct reports *m;
};

/* Called every few thousand rows: redraws at most every 2,000 rows and
 * 100 ms, so a big export over SSH spends its time writing, not drawing. */
static void on_progress(void *ctx, long done, long total)
{
	struct progress_ctx *p = ctx;
	struct reports *m = p->m;
	bool last = total >= 0 && done >= total;
	if (!last && (done - m->last_done < 2000 || ms_since(&m->last_draw) < 100))
		return;
	draw_progress(p->ui, done, total);
	m->last_done = done;
	clock_gettime(CLOCK_MONOTONIC, &m->last_draw);
}

static int check_date(struct reports *m, enum pfield f, const char *v)
{
	date_t d;
	if (*v == '\0' && (m->r->required & (f == PF_FROM ? RP_FROM : RP_TO))) {
		snprintf(m->result, sizeof m->result, "请填写%s（格式 YYYY-MM-DD）。", pf_labels[f]);
		return -1;
	}
	if (*v != '\0' && date_parse(v, &d) != 0) {
		snprintf(m->result, sizeof m->result, "%s “%s” 不是有效日期（格式 YYYY-MM-DD，如 2026-07-01）。",
			 pf_labels[f], v);
		return -1;
	}
	return 0;
}

/* Checks what the screen can say best itself: dates, the file name. */
static int check_inputs(struct reports *m, const char *from, const char *to, const char *path)
{
	struct stat sb;
	char dir[PATH_MAX];
	date_t a, b;
	if (((m->r->params & RP_FROM) && check_date(m, PF_FROM, from) != 0) ||
	    ((m->r->params & RP_TO) && check_date(m, PF_TO, to) != 0))
		return -1;
	if (*from && *to && date_parse(from, &a) == 0 && date_parse(to, &b) == 0 && a > b) {
		snprintf(m->result, sizeof m->result, "开始日期 %s 晚于结束日期 %s。", from, to);
		return -1;
	}
	size_t n = strlen(path);
	if (n == 0) {
		snprintf(m->result, sizeof m->result, "请填写导出到的文件名。");
		return -1;
	}
	if (n < 6 || strcmp(path + n - 5, ".xlsx") != 0) {
		snprintf(m->result, sizeof m->result, "文件名应以 .xlsx 结尾：%s", path);
		return -1;
	}
	snprintf(dir, sizeof dir, "%s", path);
	if (stat(dirname(dir), &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		snprintf(dir, sizeof dir, "%s", path);
		snprintf(m->result, sizeof m->result, "目录 %s 不存在，请改一个文件名。", dirname(dir));
		return -1;
	}
	return 0;
}

static void do_export(struct ui *ui, struct reports *m)
{
	struct err e;
	char *from = text_of(m, PF_FROM), *to = text_of(m, PF_TO), *path = text_of(m, PF_PATH);
	const struct report_def *r = m->r;
	struct report_params p = {
		.village = (r->params & RP_VILLAGE) && *m->village ? m->village : NULL,
		.township = (r->params & RP_TOWNSHIP) && *m->township ? m->township : NULL,
		.quarter = r->params & RP_QUARTER ? m->quarter : NULL,
		.from = (r->params & RP_FROM) && *from ? from : NULL,
		.to = (r->params & RP_TO) && *to ? to : NULL,
	};
	struct stat sb;
	long rows = 0;
	m->result_error = true;
	if (check_inputs(m, from, to, path) != 0)
		goto done;
	if (stat(path, &sb) == 0) {
		char q[PATH_MAX + 64];
		snprintf(q, sizeof q, "文件 %s 已经存在。覆盖它吗？", path);
		bool yes = ui_confirm(ui, q);
		clear();
		if (!yes) {
			snprintf(m->result, sizeof m->result, "没有导出：文件已存在，可改一个文件名。");
			goto done;
		}
	}
	struct progress_ctx ctx = { ui, m };
	m->last_done = 0;
	clock_gettime(CLOCK_MONOTONIC, &m->last_draw);
	draw_progress(ui, 0, -1);
	if (report_export(ui->s->store, &ui->s->cfg, &ui->s->cat, r, &p, path, on_progress, &ctx,
			  &rows, &e) != 0) {
		snprintf(m->result, sizeof m->result, "导出失败：%s", e.msg);
		goto done;
	}
	m->result_error = false;
	snprintf(m->result, sizeof m->result, "已导出 %ld 行：%s", rows, path);
	ui_flash(ui, false, "已导出“%s”，共 %ld 行", r->name, rows);
done:
	clear();
	free(from);
	free(to);
	free(path);
}

/* ---- drawing ---- */

static void params_text(const struct report_def *r, char *out, size_t n)
{
	static const struct { unsigned bit; const char *name; } names[] = {
		{ RP_VILLAGE, "村" }, { RP_QUARTER, "季度" }, { RP_TOWNSHIP, "乡镇" },
		{ RP_FROM, "起止日期" },
	};
	size_t len = 0;
	*out = '\0';
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (!(r->params & names[i].bit))
			continue;
		bool opt = !(r->required & names[i].bit);
		len += (size_t)snprintf(out + len, n - len, "%s%s%s", len ? "、" : "", names[i].name,
					opt ? "（可选）" : "");
		if (len >= n)
			return;
	}
	if (len == 0)
		snprintf(out, n, "无");
}

static const struct list_col report_cols[] = {
	{ .head = "报表", .width = 46 }, { .head = "参数", .width = 18 },
	{ .head = "命令行名称", .width = 0 },
};

static void report_cells(struct ui *ui, void *ctx, const void *row, bool selected,
			 struct list_cell *c)
{
	(void)ui, (void)selected;
	int i = *(const int *)row;
	const struct report_def *r = &((struct reports *)ctx)->set.defs[i];
	snprintf(c[0].buf, sizeof c[0].buf, " %d %s", i + 1, r->name);
	params_text(r, c[1].buf, sizeof c[1].buf);
	c[2].text = r->id;
}

static void draw_list(struct ui *ui, struct screen *sc, struct reports *m)
{
	if (m->load_error[0]) {
		ui_text(2, 2, COLS - 4, "报表定义有错，不能导出。请改正后重新打开本页：",
			ui_attr(ui, PAIR_ERROR), false);
		char lines[8][256];
		const char *p = m->load_error;
		int y = 4;
		/* The message can be long: wrap it by width. */
		for (int k = 0; k < 8 && *p; k++, y++) {
			size_t len = 0;
			int w = 0;
			while (p[len]) {
				size_t c = 1;
				while ((p[len + c] & 0xC0) == 0x80)
					c++;
				char one[8] = { 0 };
				memcpy(one, p + len, c < 8 ? c : 7);
				if (w + utf8_width(one) > COLS - 4 || len + c >= sizeof lines[k])
					break;
				w += utf8_width(one);
				len += c;
			}
			memcpy(lines[k], p, len);
			lines[k][len] = '\0';
			ui_text(y, 2, COLS - 4, lines[k], A_NORMAL, false);
			p += len;
		}
		return;
	}
	ui_text(2, 0, COLS, "选择要导出的报表（定义在报表目录的 *.ini 文件中）：",
		ui_attr(ui, PAIR_TITLE), true);
	list_draw(ui, sc, &m->list, 3, 0, LINES - 5, COLS);
	if (m->set.n == 0)
		ui_text(5, 2, COLS - 4, "报表目录中没有报表定义（*.ini）。", ui_attr(ui, PAIR_DIM), false);
	if (m->result[0])
		ui_text(LINES - 2, 0, COLS, m->result, ui_attr(ui, PAIR_OK), true);
}

static const char *field_help(enum pfield f)
{
	switch (f) {
	case PF_FROM:
	case PF_TO: return "格式 YYYY-MM-DD，如 2026-07-01；可选的留空表示不限。";
	case PF_PATH: return "可以修改；Ctrl-U 清空。Enter 或 F2 开始导出。";
	case PF_QUARTER: return "最近 8 个季度，本季度在最前。";
	default: return "从列表中选择。";
	}
}

static void draw_params(struct ui *ui, struct screen *sc, struct reports *m)
{
	char line[512];
	snprintf(line, sizeof line, "导出：%s（%s）", m->r->name, m->r->id);
	ui_text(2, 0, COLS, line, ui_attr(ui, PAIR_TITLE), true);
	int y = 4;
	/* The help goes below all the fields, not under the active one. */
	for (int i = 0; i < m->n_fields; i++, y += 2)
		fieldbox_draw(ui, sc, &m->fb[m->fields[i]], y, LABEL_COLS, i == m->cur, NULL);
	ui_text(y, LABEL_COLS, COLS - LABEL_COLS, field_help(m->fields[m->cur]),
		ui_attr(ui, PAIR_DIM), true);
	if (m->result[0])
		ui_text(LINES - 3, 0, COLS, m->result,
			ui_attr(ui, m->result_error ? PAIR_ERROR : PAIR_OK) | A_BOLD, true);
	ui_text(LINES - 2, 0, COLS, "带 * 的必须填写。F2 或 Ctrl-D 开始导出。", ui_attr(ui, PAIR_DIM), true);
}

static void reports_draw(struct ui *ui, struct screen *sc)
{
	struct reports *m = sc->data;
	if (m->r == NULL) {
		sc->hints = report_list_hints;
		draw_list(ui, sc, m);
	} else {
		sc->hints = param_hints;
		draw_params(ui, sc, m);
	}
}

/* ---- keys ---- */

static int reports_list_key(struct ui *ui, struct reports *m, bool is_key, wint_t ch)
{
	if (m->load_error[0] || m->n_defs == 0)
		return KEY_IGNORED;
	if (list_key(ui, &m->list, is_key, ch) == KEY_HANDLED)
		return KEY_HANDLED;
	if (!is_key && ch >= '1' && ch <= '9' && (int)(ch - '1') < m->n_defs)
		lm_select(&m->list.m, (int)(ch - '1'));
	else if ((!is_key && (ch == '\n' || ch == '\r')) || (is_key && ch == KEY_ENTER))
		open_params(ui, m, &m->set.defs[list_selected_index(&m->list)]);
	else
		return KEY_IGNORED;
	return KEY_HANDLED;
}

static void move_field(struct reports *m, int d)
{
	m->cur = (m->cur + d + m->n_fields) % m->n_fields;
}

/* Editing keys of a text field; true when the key was one of them. The
 * file name follows the parameters until it is typed in by hand. */
static bool edit_key(struct ui *ui, struct reports *m, enum pfield f, bool is_key, wint_t ch)
{
	enum fieldbox_result r = fieldbox_key(ui, &m->fb[f], is_key, ch);
	if (r == FIELDBOX_CHANGED && f == PF_PATH)
		m->path_edited = true;
	else if (r == FIELDBOX_CHANGED)
		default_path(ui, m);
	return r != FIELDBOX_IGNORED;
}

static int param_key(struct ui *ui, struct reports *m, bool is_key, wint_t ch)
{
	enum pfield f = m->fields[m->cur];
	bool enter = (!is_key && (ch == '\n' || ch == '\r')) || (is_key && ch == KEY_ENTER);
	if ((!is_key && ch == 27) || (is_key && ch == KEY_EXIT)) {
		m->r = NULL;
		return KEY_HANDLED;
	}
	if ((is_key && ch == KEY_F(2)) || (!is_key && ch == 4) || (enter && f == PF_PATH)) {
		do_export(ui, m);
	} else if ((is_key && ch == KEY_DOWN) || (!is_key && ch == '\t')) {
		move_field(m, 1);
	} else if ((is_key && (ch == KEY_UP || ch == KEY_BTAB))) {
		move_field(m, -1);
	} else if (enter && !is_text(f)) {
		pick(ui, m);
	} else if (enter) {
		move_field(m, 1);
	} else if (!is_text(f) && !is_key && ch == ' ') {
		pick(ui, m);
	} else if (is_text(f) && edit_key(ui, m, f, is_key, ch)) {
		;
	} else {
		return KEY_IGNORED;
	}
	return KEY_HANDLED;
}

static int reports_key(struct ui *ui, struct screen *sc, bool is_key, wint_t ch)
{
	struct reports *m = sc->data;
	if (is_key && ch == KEY_RESIZE) {
		m->list.stale = true;
		return KEY_HANDLED;
	}
	if (m->r == NULL)
		return reports_list_key(ui, m, is_key, ch);
	return param_key(ui, m, is_key, ch);
}

static void reports_destroy(struct screen *sc)
{
	struct reports *m = sc->data;
	reports_free(&m->set);
	list_free(&m->list);
	for (int i = 0; i < PF_N; i++)
		fieldbox_free(&m->fb[i]);
	free(m);
	free(sc);
}

/* The report files are read and every query checked against the store
 * when the screen opens: a broken file is named here, before any export. */
static void load(struct ui *ui, struct reports *m)
{
	struct err e;
	if (reports_load_dir(ui->s->cfg.reports_dir, &m->set, &e) != 0) {
		snprintf(m->load_error, sizeof m->load_error, "%s", e.msg);
		return;
	}
	if (report_register_functions(ui->s->store, &ui->s->cfg, &ui->s->cat, &e) != 0 ||
	    reports_check(&m->set, store_db(ui->s->store), &e) != 0) {
		snprintf(m->load_error, sizeof m->load_error, "%s", e.msg);
		reports_free(&m->set);
	}
}

struct screen *screen_reports_new(struct ui *ui)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	struct reports *m = xcalloc(1, sizeof *m);
	for (int i = 0; i < PF_N; i++) {
		fieldbox_init(&m->fb[i], pf_labels[i], false, i == PF_PATH ? 1000 : is_text(i) ? 10 : 64);
		if (!is_text(i))
			m->fb[i].pick_hint = "Enter 选择 ";
	}
	snprintf(sc->title, sizeof sc->title, "台账报表");
	sc->data = m;
	sc->hints = report_list_hints;
	sc->help = "列出报表目录中定义的报表（帮办代办台账、季度台账、人员名单、案件登记簿、统计汇总等）。\n"
		   "上下键 选择，Enter 打开；再选参数：村、季度、乡镇从列表中选（Enter 或空格），"
		   "日期和文件名直接输入（Ctrl-U 清空）。文件默认存在数据库所在的目录。\n"
		   "F2 或 Ctrl-D（在文件名上按 Enter 也可以）开始导出；Esc 回到报表列表。";
	sc->draw = reports_draw;
	sc->key = reports_key;
	sc->destroy = reports_destroy;
	sc->cursor_y = -1;
	load(ui, m);
	m->n_defs = (int)m->set.n;
	list_init_index(&m->list, &m->n_defs);
	list_columns(&m->list, report_cols, 3, report_cells, m);
	return sc;
}

/* Opened from an alert: report `id` with its parameters shown, for
 * `quarter` (e.g. the 附件2 ledger that is due). The list when the
 * report is not there. */
struct screen *screen_reports_for(struct ui *ui, const char *id, const struct report_preset *p)
{
	struct screen *sc = screen_reports_new(ui);
	struct reports *m = sc->data;
	const struct report_def *r = reports_find(&m->set, id);
	struct err e;
	if (r == NULL)
		return sc;
	open_params(ui, m, r);
	if (p->quarter != NULL && (r->params & RP_QUARTER))
		snprintf(m->quarter, sizeof m->quarter, "%s", p->quarter);
	if (p->village != NULL && (r->params & RP_VILLAGE))
		snprintf(m->village, sizeof m->village, "%s", p->village);
	if (p->from != NULL && (r->params & RP_FROM))
		fieldbox_set(&m->fb[PF_FROM], p->from, &e);
	if (p->to != NULL && (r->params & RP_TO))
		fieldbox_set(&m->fb[PF_TO], p->to, &e);
	show_choices(m);
	default_path(ui, m);
	return sc;
}
