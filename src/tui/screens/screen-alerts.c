/* 4 时限预警: every obligation due or overdue (core/query/alerts.c), in
 * groups by urgency — overdue, today, this week, later — one line each
 * with its rule, due date and days left. Colour, and a word in the first
 * column for monochrome terminals. Filters by village, kind of object and
 * rule; Enter opens the record. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/domain/referral.h"
#include "core/query/alerts.h"
#include "tui/ui.h"
#include "tui/widgets/list.h"
#include "tui/widgets/picker.h"
#include "tui/xalloc.h"

/* A line of the list: a group's heading (item < 0) or an alert. */
struct line {
	enum alert_urgency group;
	int item;
};

struct alerts_scr {
	struct alert_filter f;
	char rule[32];		/* f.rule points here when set */
	struct alert_list l;
	struct line *lines;	/* owned */
	int n_lines;
	int per_group[URGENCY_N];
	struct list list;
	struct villages villages;
	char error[1024];
};

static const struct hint alerts_hints[] = {
	{ "Enter", "打开" }, { "v", "村" }, { "k", "对象" }, { "r", "规则" },
	{ "Esc", "返回" }, { NULL, NULL },
};

static const struct list_col alerts_cols[] = {
	{ .head = "标记", .width = 5 }, { .head = "到期日", .width = 12 },
	{ .head = "剩余", .width = 11 }, { .head = "事项", .width = 15 },
	{ .head = "村（社区）", .width = 11 }, { .head = "对象", .width = 12 },
	{ .head = "姓名", .width = 0 },
};
#define N_COLS (int)(sizeof alerts_cols / sizeof alerts_cols[0])

/* The word that stands for the colour. */
static const char *mark_of(enum alert_urgency u)
{
	static const char *const marks[URGENCY_N] = { "逾期", "今天", "本周", "稍后" };
	return marks[u];
}

static int pair_of(enum alert_urgency u)
{
	return u == URGENCY_OVERDUE ? PAIR_ERROR : u == URGENCY_TODAY ? PAIR_WARN : 0;
}

/* The filters are applied here, to the list the engine gave for the
 * user's area: a keystroke, not a new pass over every record. A village's
 * list leaves out the township's reports, as the engine's does. */
static bool shown(const struct alerts_scr *a, const struct alert *al)
{
	return (a->f.village_id == 0 || al->village_id == a->f.village_id) &&
	       (a->f.object < 0 || (int)al->rule->object == a->f.object) &&
	       (a->f.rule == NULL || strcmp(a->f.rule, al->rule->code) == 0);
}

/* Rebuilds the lines from the engine's sorted list: headings in urgency
 * order, each followed by its items. */
static void build_lines(struct alerts_scr *a)
{
	free(a->lines);
	a->lines = xcalloc(a->l.n + URGENCY_N, sizeof *a->lines);
	a->n_lines = 0;
	memset(a->per_group, 0, sizeof a->per_group);
	for (size_t i = 0; i < a->l.n; i++)
		if (shown(a, &a->l.v[i]))
			a->per_group[a->l.v[i].urgency]++;
	for (int g = 0; g < URGENCY_N; g++) {
		if (a->per_group[g] == 0)
			continue;
		a->lines[a->n_lines++] = (struct line){ .group = (enum alert_urgency)g, .item = -1 };
		for (size_t i = 0; i < a->l.n; i++)
			if ((int)a->l.v[i].urgency == g && shown(a, &a->l.v[i]))
				a->lines[a->n_lines++] = (struct line){ .group = (enum alert_urgency)g,
									.item = (int)i };
	}
}

/* The engine's list for the user's whole area, every object and rule. */
static void reload(struct ui *ui, struct alerts_scr *a)
{
	struct err e;
	struct alert_filter f = { .township_id = a->f.township_id, .object = -1 };
	alerts_free(&a->l);
	a->error[0] = '\0';
	if (alerts_collect(ui->s->store, &ui->s->cfg, ui->today, &f, &a->l, &e) != 0)
		snprintf(a->error, sizeof a->error, "%s", e.msg);
	build_lines(a);
}

static void alerts_cells(struct ui *ui, void *ctx, const void *row, bool selected,
			 struct list_cell *c)
{
	struct alerts_scr *a = ctx;
	const struct line *ln = &a->lines[*(const int *)row];
	if (ln->item < 0) {
		snprintf(c[0].buf, sizeof c[0].buf, "—— %s %d 项 ——", alert_urgency_label(ln->group),
			 a->per_group[ln->group]);
		c[0].span = true;
		c[0].own_attr = !selected;
		c[0].attr = A_BOLD | (pair_of(ln->group) ? ui_attr(ui, pair_of(ln->group)) : 0);
		return;
	}
	const struct alert *al = &a->l.v[ln->item];
	c[0].text = al->done ? "已办" : mark_of(al->urgency);
	date_format(al->due, c[1].buf);
	if (al->provisional)
		strcat(c[1].buf, "*");	/* 暂按周末计算: said on the status line */
	alert_days_text(al, true, c[2].buf, sizeof c[2].buf);
	c[3].text = al->rule->name;
	c[4].text = al->village;
	snprintf(c[5].buf, sizeof c[5].buf, "%s %s", alert_object_label(al->rule->object), al->number);
	c[6].text = al->name;
	if (!selected && pair_of(al->urgency) && !al->done)
		for (int i = 0; i < 3; i++) {
			c[i].attr = ui_attr(ui, pair_of(al->urgency));
			c[i].own_attr = true;
		}
}

static const struct alert *selected_alert(const struct alerts_scr *a)
{
	int i = list_selected_index(&a->list);
	return i >= 0 && a->lines[i].item >= 0 ? &a->l.v[a->lines[i].item] : NULL;
}

static void filter_line(struct ui *ui, struct alerts_scr *a)
{
	char line[512];
	const struct alert_rule *r = a->f.rule ? alert_rule_find(a->f.rule) : NULL;
	snprintf(line, sizeof line, "村：%s  对象：%s  规则：%s   逾期 %d  今天 %d  本周 %d  稍后 %d",
		 villages_name(&a->villages, a->f.village_id, "全部"),
		 a->f.object < 0 ? "全部" : alert_object_label((enum alert_object)a->f.object),
		 r ? r->name : "全部", a->per_group[URGENCY_OVERDUE], a->per_group[URGENCY_TODAY],
		 a->per_group[URGENCY_WEEK], a->per_group[URGENCY_LATER]);
	ui_text(1, 0, COLS, line, ui_attr(ui, PAIR_TITLE), true);
}

static void alerts_draw(struct ui *ui, struct screen *sc)
{
	struct alerts_scr *a = sc->data;
	char note[512];
	filter_line(ui, a);
	list_draw(ui, sc, &a->list, 2, 0, LINES - 4, COLS);
	const struct alert *al = selected_alert(a);
	if (a->error[0])
		snprintf(note, sizeof note, "%s", a->error);
	else if (al != NULL)
		snprintf(note, sizeof note, "%s%s%s%s", al->text, al->note[0] ? "；" : "", al->note,
			 al->provisional ? "；到期日暂按周末计算（节假日安排未公布）" : "");
	else
		snprintf(note, sizeof note, "%s", a->n_lines ? "Enter 打开；v k r 筛选" : "");
	list_status(ui, &a->list, note);
	sc->hints = list_hints(&a->list, alerts_hints);
}

static void pick_object(struct ui *ui, struct alerts_scr *a)
{
	const char *labels[ALERT_N_OBJECTS + 1] = { "全部" };
	for (int i = 0; i < ALERT_N_OBJECTS; i++)
		labels[i + 1] = alert_object_label((enum alert_object)i);
	int k = ui_pick(ui, "按对象筛选", labels, ALERT_N_OBJECTS + 1, a->f.object + 1);
	if (k >= 0)
		a->f.object = k - 1;
}

static void pick_rule(struct ui *ui, struct alerts_scr *a)
{
	size_t n;
	const struct alert_rule *rules = alert_rules(&n);
	const char *labels[64] = { "全部" };
	const char *codes[64] = { NULL };
	int m = 1, cur = 0;
	for (size_t i = 0; i < n && m < 64; i++) {
		if (rules[i].clock)
			continue;
		if (a->f.rule && strcmp(a->f.rule, rules[i].code) == 0)
			cur = m;
		codes[m] = rules[i].code;
		labels[m++] = rules[i].name;
	}
	int k = ui_pick(ui, "按规则筛选", labels, m, cur);
	if (k < 0)
		return;
	snprintf(a->rule, sizeof a->rule, "%s", k ? codes[k] : "");
	a->f.rule = k ? a->rule : NULL;
}

/* A referral's alert opens its request, where the reply is recorded. */
static void open_request(struct ui *ui, int64_t referral_id)
{
	int64_t request;
	struct err e;
	if (referral_request_of(ui->s->store, referral_id, &request, &e) != 0)
		ui_flash(ui, true, "%s", e.msg);
	else if (request == 0)
		ui_flash(ui, true, "转办 %lld 没有求助登记", (long long)referral_id);
	else
		ui_push(ui, screen_request_new(ui, request));
}

static void open_selected(struct ui *ui, const struct alert *al)
{
	switch (al->rule->object) {
	case ALERT_APPLICATION:
		ui_push(ui, screen_case_new(ui, al->id));
		break;
	case ALERT_ENTRUSTMENT:
		ui_push(ui, screen_entrust_new(ui, al->id));
		break;
	case ALERT_REPORT:
		ui_push(ui, screen_reports_for(ui, "helper-quarterly", &(struct report_preset){ .quarter = al->number }));
		break;
	case ALERT_REFERRAL:
		open_request(ui, al->id);
		break;
	case ALERT_ROLL:
		ui_push(ui, screen_rollfile_new(ui, al->id));
		break;
	default:
		break;
	}
}

static int alerts_key(struct ui *ui, struct screen *sc, bool is_key, wint_t ch)
{
	struct alerts_scr *a = sc->data;
	if (list_key(ui, &a->list, is_key, ch) == KEY_HANDLED)
		return KEY_HANDLED;
	if ((!is_key && (ch == '\n' || ch == '\r')) || (is_key && ch == KEY_ENTER)) {
		const struct alert *al = selected_alert(a);
		if (al != NULL)
			open_selected(ui, al);
		return KEY_HANDLED;
	}
	if (!is_key && ch == 'v') {
		static const struct village_pick o = { .title = "按村（社区）筛选", .all = true };
		village_pick(ui, &a->villages, &o, &a->f.village_id);
		build_lines(a);
	} else if (!is_key && ch == 'k') {
		pick_object(ui, a);
		build_lines(a);
	} else if (!is_key && ch == 'r') {
		pick_rule(ui, a);
		build_lines(a);
	} else {
		return KEY_IGNORED;
	}
	list_restart(&a->list);
	return KEY_HANDLED;
}

/* Back from a record: what was done there may have met a deadline. */
static void alerts_resume(struct ui *ui, struct screen *sc)
{
	struct alerts_scr *a = sc->data;
	reload(ui, a);
	list_reload(&a->list);
}

static void alerts_destroy(struct screen *sc)
{
	struct alerts_scr *a = sc->data;
	list_free(&a->list);
	alerts_free(&a->l);
	free(a->lines);
	free(a);
	free(sc);
}

struct screen *screen_alerts_new(struct ui *ui)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	struct alerts_scr *a = xcalloc(1, sizeof *a);
	struct err e;
	snprintf(sc->title, sizeof sc->title, "时限预警");
	sc->data = a;
	sc->hints = alerts_hints;
	sc->help = "所有已逾期和即将到期的办理时限：申请（受理、补正、调查、初审、办结、待确认、"
		   "县级确认、书面告知、备案）、帮办代办委托（办理、评价归档）、季度台账等，"
		   "按紧急程度分组：已逾期（红色）、今天到期（黄色）、本周到期、稍后到期"
		   "（[alerts] lead_days 个工作日内）。第一列的文字标记在无颜色终端上同样可见。\n"
		   "下方一行写明所选事项依据的规则；到期日后的 * 表示节假日安排尚未公布，暂按周末计算。\n"
		   "v 按村筛选，k 按对象（申请、委托、报表…），r 按规则；Enter 打开申请、委托或报表。";
	sc->draw = alerts_draw;
	sc->key = alerts_key;
	sc->resume = alerts_resume;
	sc->destroy = alerts_destroy;
	a->f.object = -1;
	if (villages_load(ui, VILLAGES_STORE, &a->villages, &e) != 0)
		ui_flash(ui, true, "%s", e.msg);
	reload(ui, a);
	list_init_index(&a->list, &a->n_lines);
	list_columns(&a->list, alerts_cols, N_COLS, alerts_cells, a);
	a->list.empty = "没有已逾期或即将到期的事项。";
	return sc;
}
