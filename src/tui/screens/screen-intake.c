/* 受理登记: find a registered household (name fragment, pinyin initials,
 * ID digits) or register a new one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/query/hhview.h"
#include "tui/screens/hhforms.h"
#include "tui/ui.h"
#include "tui/widgets/list.h"
#include "tui/xalloc.h"

struct intake {
	struct ui *ui;
	char search[96];
	bool persons;		/* the persons list instead of households */
	struct list hh, people;
};

static const struct hint intake_hints[] = {
	{ "n", "登记新家庭" }, { "/", "查找" }, { "p", "户/人" }, { "Enter", "打开" }, { "PgDn/PgUp", "翻页" },
	{ "Esc", "返回" }, { NULL, NULL },
};

static const struct list_col hh_cols[] = {
	{ .head = "户号", .width = 8 }, { .head = "户主", .width = 11 },
	{ .head = "身份证号码", .width = 19 }, { .head = "村（社区）", .width = 11 },
	{ .head = "人数", .width = 5 }, { .head = "住址", .width = 0 },
};

static const struct list_col person_cols[] = {
	{ .head = "姓名", .width = 11 }, { .head = "身份证号码", .width = 19 },
	{ .head = "性别", .width = 5 }, { .head = "出生日期", .width = 11 },
	{ .head = "与户主关系", .width = 11 }, { .head = "户号", .width = 8 },
	{ .head = "村（社区）", .width = 0 },
};

/* Both lists page by id: the list's request as hh_page_dir's. */
static enum page_dir by_id(enum lm_dir dir, const int64_t *anchor, int64_t *key)
{
	*key = anchor != NULL ? *anchor : dir == LM_LAST ? INT64_MAX : 0;
	return lm_page_dir(dir);
}

static int hh_fetch(void *ctx, enum lm_dir dir, const void *anchor, void *out, int max, int *n,
		    struct err *e)
{
	struct intake *in = ctx;
	int64_t key;
	enum page_dir d = by_id(dir, anchor != NULL ? &((const struct hh_row *)anchor)->id : NULL, &key);
	return hh_page_dir(in->ui->s->store, in->search, key, d, out, max, n, e);
}

static int person_fetch(void *ctx, enum lm_dir dir, const void *anchor, void *out, int max,
			int *n, struct err *e)
{
	struct intake *in = ctx;
	int64_t key;
	enum page_dir d = by_id(dir, anchor != NULL ? &((const struct person_row *)anchor)->id : NULL,
				&key);
	return person_page_dir(in->ui->s->store, in->search, key, d, out, max, n, e);
}

static void hh_cells(struct ui *ui, void *ctx, const void *row, bool selected,
		     struct list_cell *c)
{
	(void)ui, (void)ctx, (void)selected;
	const struct hh_row *r = row;
	snprintf(c[0].buf, sizeof c[0].buf, "%lld", (long long)r->id);
	c[1].text = r->head[0] ? r->head : "（未登记户主）";
	c[2].text = r->id_masked;
	c[3].text = r->village;
	snprintf(c[4].buf, sizeof c[4].buf, "%d", r->members);
	c[5].text = r->address;
}

static void person_cells(struct ui *ui, void *ctx, const void *row, bool selected,
			 struct list_cell *c)
{
	(void)ui, (void)ctx, (void)selected;
	const struct person_row *r = row;
	c[0].text = r->name;
	c[1].text = r->id_masked;
	c[2].text = r->sex;
	c[3].text = r->birth;
	c[4].text = r->relation;
	snprintf(c[5].buf, sizeof c[5].buf, "%lld", (long long)r->household_id);
	c[6].text = r->village;
}

static struct list *shown(struct intake *in)
{
	return in->persons ? &in->people : &in->hh;
}

static void intake_draw(struct ui *ui, struct screen *sc)
{
	struct intake *in = sc->data;
	ui_text(1, 0, COLS, in->persons ? "人员列表（p 切换到家庭）：Enter 打开所在家庭"
				       : "n 登记新家庭；/ 查找已登记的家庭，Enter 打开后添加成员或新申请",
		ui_attr(ui, PAIR_TITLE), true);
	list_draw(ui, sc, shown(in), 2, 0, LINES - 5, COLS);
	list_status(ui, shown(in), NULL);
	sc->hints = list_hints(shown(in), intake_hints);
}

static int intake_key(struct ui *ui, struct screen *sc, bool is_key, wint_t ch)
{
	struct intake *in = sc->data;
	struct list *l = shown(in);
	if (list_key(ui, l, is_key, ch) == KEY_HANDLED)
		return KEY_HANDLED;
	if (!is_key && (ch == 'n' || ch == 'N')) {
		hhform_new_household(ui);
	} else if (!is_key && ch == 'p') {
		in->persons = !in->persons;
		list_restart(shown(in));	/* the same search, the other list */
	} else if ((!is_key && (ch == '\n' || ch == '\r')) || (is_key && ch == KEY_ENTER)) {
		const struct hh_row *h = list_selected(&in->hh);
		const struct person_row *p = list_selected(&in->people);
		if (in->persons ? p != NULL : h != NULL)
			ui_push(ui, screen_household_new(ui, in->persons ? p->household_id : h->id));
	} else {
		return KEY_IGNORED;
	}
	return KEY_HANDLED;
}

static void intake_resume(struct ui *ui, struct screen *sc)
{
	(void)ui;
	list_reload(shown(sc->data));
}

static void intake_destroy(struct screen *sc)
{
	struct intake *in = sc->data;
	list_free(&in->hh);
	list_free(&in->people);
	free(in);
	free(sc);
}

struct screen *screen_intake_new(struct ui *ui)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	struct intake *in = xcalloc(1, sizeof *in);
	snprintf(sc->title, sizeof sc->title, "受理登记");
	sc->data = in;
	sc->hints = intake_hints;
	sc->help = "n 登记新家庭：先填家庭住址和电话，再登记户主（两者一起保存），然后逐个登记其他成员（出生日期和性别由身份证号码自动得出），"
		   "然后登记救助申请。\np 在家庭列表和人员列表之间切换。\n/ 查找已登记的家庭：输入姓名中的字、拼音首字母（如 zs）或身份证号码的末几位。"
		   "Enter 打开家庭。";
	sc->draw = intake_draw;
	sc->key = intake_key;
	sc->resume = intake_resume;
	sc->destroy = intake_destroy;
	in->ui = ui;
	list_init(&in->hh, sizeof(struct hh_row), hh_fetch, in);
	list_columns(&in->hh, hh_cols, 6, hh_cells, NULL);
	list_search(&in->hh, "查找：", in->search, sizeof in->search);
	in->hh.empty = "没有找到家庭。按 n 登记新家庭。";
	list_init(&in->people, sizeof(struct person_row), person_fetch, in);
	list_columns(&in->people, person_cols, 7, person_cells, NULL);
	list_search(&in->people, "查找：", in->search, sizeof in->search);
	in->people.empty = "没有找到人员。";
	return sc;
}
