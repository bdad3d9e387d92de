/* 审核审批: the application list. Pages through the store by key
 * (core/applist.c); filters by village, kind and state; sorts; searches
 * incrementally by name fragment, pinyin initials or ID digits. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include "core/domain/office.h"
#include "core/query/applist.h"
#include "core/domain/case.h"
#include "core/base/utf8.h"
#include "tui/ui.h"
#include "tui/xalloc.h"

#define MAX_ROWS 200
#define MAX_VILLAGES 128

struct apps {
	struct app_filter f;
	struct app_row rows[MAX_ROWS];
	int n, sel;
	bool searching;		/* typing goes into the search text */
	struct place villages[MAX_VILLAGES];
	int n_villages;
	char error[1024];
};

static const struct hint apps_hints[] = {
	{ "Enter", "打开" }, { "/", "搜索" }, { "v", "村" }, { "k", "类别" },
	{ "t", "状态" }, { "o", "排序" }, { "Esc", "返回" }, { NULL, NULL },
};
static const struct hint search_hints[] = {
	{ "输入", "姓名/拼音首字母/身份证号" }, { "Enter", "完成" }, { "Esc", "清除" },
	{ NULL, NULL },
};

static int page_rows(void)
{
	int h = LINES - 6;
	return h < 1 ? 1 : h > MAX_ROWS ? MAX_ROWS : h;
}

static void fetch(struct ui *ui, struct apps *a, const struct app_key *after, bool backward,
		  bool inclusive)
{
	struct err e;
	int n;
	if (applist_page(ui->s->store, &a->f, after, backward, inclusive, a->rows, page_rows(), &n, &e) != 0) {
		snprintf(a->error, sizeof a->error, "%s", e.msg);
		a->n = 0;
		return;
	}
	a->error[0] = '\0';
	a->n = n;
	if (a->sel >= n)
		a->sel = n > 0 ? n - 1 : 0;
}

/* Moves the window by one row; false at either end. */
static bool scroll_one(struct ui *ui, struct apps *a, bool down)
{
	struct app_row r;
	struct err e;
	int n;
	int h = page_rows();
	const struct app_key *edge = down ? &a->rows[a->n - 1].key : &a->rows[0].key;
	if (a->n == 0 || applist_page(ui->s->store, &a->f, edge, !down, false, &r, 1, &n, &e) != 0 || n == 0)
		return false;
	if (down) {
		if (a->n == h)
			memmove(&a->rows[0], &a->rows[1], (size_t)(a->n - 1) * sizeof r);
		else
			a->n++;
		a->rows[a->n - 1] = r;
	} else {
		memmove(&a->rows[1], &a->rows[0], (size_t)(a->n < h ? a->n : h - 1) * sizeof r);
		if (a->n < h)
			a->n++;
		a->rows[0] = r;
	}
	return true;
}

static void reload(struct ui *ui, struct apps *a)
{
	if (a->n > 0) {
		struct app_key top = a->rows[0].key;
		fetch(ui, a, &top, false, true);
		if (a->n < page_rows())	/* fewer rows now: fill from above */
			while (a->n < page_rows() && scroll_one(ui, a, false))
				;
	} else {
		fetch(ui, a, NULL, false, false);
	}
}

static const char *kind_short(const struct ui *ui, const char *code)
{
	const struct kind *k = catalogue_kind(&ui->s->cat, code);
	return k != NULL ? k->short_name : code;
}

static void apps_draw(struct ui *ui, struct screen *sc)
{
	struct apps *a = sc->data;
	char line[512];
	const char *village = "全部";
	for (int i = 0; i < a->n_villages; i++)
		if (a->villages[i].id == a->f.village_id)
			village = a->villages[i].name;
	snprintf(line, sizeof line, "%s村：%s  类别：%s  状态：%s  %s",
		 a->f.close_relative ? "【近亲属备案】" : "", village,
		 a->f.kind[0] ? kind_short(ui, a->f.kind) : "全部",
		 a->f.state[0] == '\0' ? "全部" : strcmp(a->f.state, "open") == 0 ? "未办结"
		 : case_state_label(a->f.state), applist_sort_label(a->f.sort));
	ui_text(1, 0, COLS, line, ui_attr(ui, PAIR_TITLE), true);
	snprintf(line, sizeof line, "搜索：%s", a->f.search);
	ui_text(2, 0, COLS, line, a->searching ? ui_attr(ui, PAIR_SELECT) : A_NORMAL, true);
	if (a->searching) {
		sc->cursor_y = 2;
		sc->cursor_x = utf8_width(line);
	}
	int extra = COLS - 80, wv = 10 + extra;
	int x = 0, y = 3;
	attr_t hd = A_BOLD | A_UNDERLINE;
	x += ui_text(y, x, 11, "申请人", hd, true);
	x += ui_text(y, x, 19, "身份证号码", hd, true);
	x += ui_text(y, x, wv + 1, "村（社区）", hd, true);
	x += ui_text(y, x, 9, "类别", hd, true);
	x += ui_text(y, x, 9, "状态", hd, true);
	x += ui_text(y, x, 11, "接收日期", hd, true);
	ui_text(y, x, COLS - x, "到期", hd, true);
	for (int i = 0; i < a->n; i++) {
		const struct app_row *r = &a->rows[i];
		bool sel = i == a->sel;
		attr_t at = sel ? ui_attr(ui, PAIR_SELECT) : A_NORMAL;
		date_t due;
		bool overdue = r->due[0] && date_parse(r->due, &due) == 0 && due < ui->today;
		y = 4 + i;
		x = 0;
		x += ui_text(y, x, 11, r->name, at, true);
		x += ui_text(y, x, 19, r->id_masked, at, true);
		x += ui_text(y, x, wv + 1, r->village, at, true);
		x += ui_text(y, x, 9, kind_short(ui, r->kind), at, true);
		x += ui_text(y, x, 9, case_state_label(r->state), at, true);
		x += ui_text(y, x, 11, r->received, at, true);
		ui_text(y, x, COLS - x, r->due, overdue && !sel ? ui_attr(ui, PAIR_ERROR) : at, true);
	}
	if (a->error[0])
		ui_text(LINES - 2, 0, COLS, a->error, ui_attr(ui, PAIR_ERROR), true);
	else if (a->n == 0)
		ui_text(5, 2, COLS - 4, "没有符合条件的申请。", ui_attr(ui, PAIR_DIM), false);
	else {
		snprintf(line, sizeof line, "上下键 PgUp PgDn Home End 翻动；红色到期日表示已逾期");
		ui_text(LINES - 2, 0, COLS, line, ui_attr(ui, PAIR_DIM), true);
	}
	sc->hints = a->searching ? search_hints : apps_hints;
}

static void pick_village(struct ui *ui, struct apps *a)
{
	const char *labels[MAX_VILLAGES + 1];
	int cur = 0;
	labels[0] = "全部";
	for (int i = 0; i < a->n_villages; i++) {
		labels[i + 1] = a->villages[i].name;
		if (a->villages[i].id == a->f.village_id)
			cur = i + 1;
	}
	int k = ui_pick(ui, "按村（社区）筛选", labels, a->n_villages + 1, cur);
	if (k >= 0)
		a->f.village_id = k == 0 ? 0 : a->villages[k - 1].id;
}

static void pick_kind(struct ui *ui, struct apps *a)
{
	const struct catalogue *cat = &ui->s->cat;
	const char *labels[64];
	int n = 0, cur = 0;
	labels[n++] = "全部";
	for (size_t i = 0; i < cat->n_kinds && n < 64; i++) {
		if (strcmp(a->f.kind, cat->kinds[i].code) == 0)
			cur = n;
		labels[n++] = cat->kinds[i].name;
	}
	int k = ui_pick(ui, "按救助类别筛选", labels, n, cur);
	if (k >= 0)
		snprintf(a->f.kind, sizeof a->f.kind, "%s", k == 0 ? "" : cat->kinds[k - 1].code);
}

static void pick_state(struct ui *ui, struct apps *a)
{
	const char *labels[16];
	const char *codes[16];
	int n = 0, cur = 0;
	labels[n] = "全部", codes[n++] = "";
	labels[n] = "未办结", codes[n++] = "open";
	for (size_t i = 0; i < case_workflow.n_states; i++)
		labels[n] = case_workflow.states[i].label, codes[n++] = case_workflow.states[i].code;
	for (int i = 0; i < n; i++)
		if (strcmp(codes[i], a->f.state) == 0)
			cur = i;
	int k = ui_pick(ui, "按状态筛选", labels, n, cur);
	if (k >= 0)
		snprintf(a->f.state, sizeof a->f.state, "%s", codes[k]);
}

/* Typing into the search text: each change re-runs the search. */
static int search_key(struct ui *ui, struct apps *a, bool is_key, wint_t ch)
{
	size_t len = strlen(a->f.search);
	if (!is_key && ch == 27) {
		a->f.search[0] = '\0';
		a->searching = false;
	} else if ((!is_key && (ch == '\n' || ch == '\r')) || (is_key && (ch == KEY_ENTER || ch == KEY_DOWN))) {
		a->searching = false;
		return KEY_HANDLED;
	} else if ((is_key && ch == KEY_BACKSPACE) || (!is_key && (ch == 127 || ch == 8))) {
		while (len > 0 && (a->f.search[len - 1] & 0xC0) == 0x80)
			len--;
		if (len > 0)
			len--;
		a->f.search[len] = '\0';
	} else if (!is_key && ch >= 0x20) {
		char buf[8];
		wchar_t w = (wchar_t)ch;
		size_t k = wcs_to_utf8(&w, 1, buf, sizeof buf);
		if (len + k >= sizeof a->f.search)
			return KEY_HANDLED;
		memcpy(a->f.search + len, buf, k + 1);
	} else {
		return KEY_HANDLED;
	}
	a->sel = 0;
	fetch(ui, a, NULL, false, false);
	return KEY_HANDLED;
}

static int apps_key(struct ui *ui, struct screen *sc, bool is_key, wint_t ch)
{
	struct apps *a = sc->data;
	int h = page_rows();
	if (a->searching)
		return search_key(ui, a, is_key, ch);
	if ((is_key && ch == KEY_DOWN) || (!is_key && ch == 'j')) {
		if (a->sel < a->n - 1)
			a->sel++;
		else
			scroll_one(ui, a, true);
	} else if (is_key && ch == KEY_UP) {
		if (a->sel > 0)
			a->sel--;
		else
			scroll_one(ui, a, false);
	} else if (is_key && ch == KEY_NPAGE) {
		for (int i = 0; i < h - 1 && scroll_one(ui, a, true); i++)
			;
	} else if (is_key && ch == KEY_PPAGE) {
		for (int i = 0; i < h - 1 && scroll_one(ui, a, false); i++)
			;
	} else if (is_key && ch == KEY_HOME) {
		a->sel = 0;
		fetch(ui, a, NULL, false, false);
	} else if (is_key && ch == KEY_END) {
		fetch(ui, a, NULL, true, false);
		a->sel = a->n - 1;
	} else if ((!is_key && (ch == '\n' || ch == '\r')) || (is_key && ch == KEY_ENTER)) {
		if (a->n > 0)
			ui_push(ui, screen_case_new(ui, a->rows[a->sel].id));
	} else if ((!is_key && (ch == '/' || ch == 's')) || (is_key && ch == KEY_F(3))) {
		a->searching = true;
	} else if (!is_key && ch == 'v') {
		pick_village(ui, a);
		a->sel = 0;
		fetch(ui, a, NULL, false, false);
	} else if (!is_key && ch == 'k') {
		pick_kind(ui, a);
		a->sel = 0;
		fetch(ui, a, NULL, false, false);
	} else if (!is_key && ch == 't') {
		pick_state(ui, a);
		a->sel = 0;
		fetch(ui, a, NULL, false, false);
	} else if (!is_key && ch == 'r') {
		/* The register of close-relative declarations (近亲属备案). */
		a->f.close_relative = !a->f.close_relative;
		a->sel = 0;
		fetch(ui, a, NULL, false, false);
	} else if (!is_key && ch == 'o') {
		a->f.sort = (a->f.sort + 1) % SORT_COUNT;
		a->sel = 0;
		fetch(ui, a, NULL, false, false);
	} else if (is_key && ch == KEY_RESIZE) {
		reload(ui, a);
	} else {
		return KEY_IGNORED;
	}
	return KEY_HANDLED;
}

static void load_villages(struct ui *ui, struct apps *a)
{
	struct err e;
	if (office_villages(ui->s->store, 0, a->villages, MAX_VILLAGES, &a->n_villages, &e) != 0)
		snprintf(a->error, sizeof a->error, "%s", e.msg);
}

static void apps_destroy(struct screen *sc)
{
	free(sc->data);
	free(sc);
}

/* Back from a case: show its new state in place. */
static void apps_resume(struct ui *ui, struct screen *sc)
{
	reload(ui, sc->data);
}

static struct screen *apps_new(struct ui *ui, bool alerts)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	struct apps *a = xcalloc(1, sizeof *a);
	snprintf(sc->title, sizeof sc->title, "审核审批");
	snprintf(a->f.state, sizeof a->f.state, "open");
	sc->data = a;
	sc->hints = apps_hints;
	sc->help = "申请列表，默认显示未办结的申请，按到期日排序。\n"
		   "/ 或 s 或 F3：搜索：输入姓名中的字（如“三丰”）、拼音首字母（如 zs）"
		   "或身份证号码（整个号码或末几位）。Enter 完成，Esc 清除。\n"
		   "v 按村筛选，k 按类别，t 按状态，o 切换排序；r 只看申报了近亲属关系的申请（近亲属备案登记）。"
		   "Enter 打开案件。";
	sc->draw = apps_draw;
	sc->resume = apps_resume;
	sc->key = apps_key;
	sc->destroy = apps_destroy;
	load_villages(ui, a);
	if (alerts) {
		/* Overdue first, then what falls due within the lead time. */
		date_t until = calendar_add_workdays(&ui->s->cfg.cal, ui->today,
						     ui->s->cfg.alert_lead_days);
		date_format(until, a->f.due_before);
		snprintf(sc->title, sizeof sc->title, "时限预警");
		sc->help = "已逾期（红色）和将在提前预警天数内到期的申请，按到期日排序。"
			   "提前天数在 tuiconfig.ini 的 [alerts] lead_days 中设置。\n"
			   "Enter 打开案件办理；v k t 筛选，/ 搜索。";
	}
	fetch(ui, a, NULL, false, false);
	return sc;
}

struct screen *screen_apps_new(struct ui *ui)
{
	return apps_new(ui, false);
}

struct screen *screen_alerts_new(struct ui *ui)
{
	return apps_new(ui, true);
}

