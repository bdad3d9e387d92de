/* 受理登记: find a registered household (name fragment, pinyin initials,
 * ID digits) or register a new one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/query/hhview.h"
#include "core/domain/household.h"
#include "core/domain/office.h"
#include "core/base/utf8.h"
#include "tui/widgets/formview.h"
#include "tui/ui.h"
#include "tui/xalloc.h"

#define ROWS_MAX 200

struct intake {
	char search[96];
	bool searching;
	bool persons;		/* the persons list instead of households */
	struct hh_row rows[ROWS_MAX];
	struct person_row prows[ROWS_MAX];
	int n, sel;
	int64_t pages[64];	/* the id before each page, to page back */
	int page;
	char error[1024];
};

static const struct hint intake_hints[] = {
	{ "n", "登记新家庭" }, { "/", "查找" }, { "p", "户/人" }, { "Enter", "打开" }, { "PgDn/PgUp", "翻页" },
	{ "Esc", "返回" }, { NULL, NULL },
};

static int rows_fit(void)
{
	int h = LINES - 7;
	return h < 1 ? 1 : h > ROWS_MAX ? ROWS_MAX : h;
}

static void fetch(struct ui *ui, struct intake *in)
{
	struct err e;
	int rc = in->persons
		? person_page(ui->s->store, in->search, in->pages[in->page], in->prows, rows_fit(), &in->n, &e)
		: hh_page(ui->s->store, in->search, in->pages[in->page], in->rows, rows_fit(), &in->n, &e);
	if (rc != 0)
		snprintf(in->error, sizeof in->error, "%s", e.msg);
	else
		in->error[0] = '\0';
	if (in->sel >= in->n)
		in->sel = in->n > 0 ? in->n - 1 : 0;
}

static void draw_persons(struct ui *ui, struct intake *in)
{
	int x = 0;
	attr_t hd = A_BOLD | A_UNDERLINE;
	x += ui_text(3, x, 11, "姓名", hd, true);
	x += ui_text(3, x, 19, "身份证号码", hd, true);
	x += ui_text(3, x, 5, "性别", hd, true);
	x += ui_text(3, x, 11, "出生日期", hd, true);
	x += ui_text(3, x, 11, "与户主关系", hd, true);
	x += ui_text(3, x, 8, "户号", hd, true);
	ui_text(3, x, COLS - x, "村（社区）", hd, true);
	for (int i = 0; i < in->n; i++) {
		const struct person_row *r = &in->prows[i];
		attr_t a = i == in->sel && !in->searching ? ui_attr(ui, PAIR_SELECT) : A_NORMAL;
		char num[24];
		x = 0;
		x += ui_text(4 + i, x, 11, r->name, a, true);
		x += ui_text(4 + i, x, 19, r->id_masked, a, true);
		x += ui_text(4 + i, x, 5, r->sex, a, true);
		x += ui_text(4 + i, x, 11, r->birth, a, true);
		x += ui_text(4 + i, x, 11, r->relation, a, true);
		snprintf(num, sizeof num, "%lld", (long long)r->household_id);
		x += ui_text(4 + i, x, 8, num, a, true);
		ui_text(4 + i, x, COLS - x, r->village, a, true);
	}
	if (in->error[0])
		ui_text(LINES - 2, 0, COLS, in->error, ui_attr(ui, PAIR_ERROR), true);
	else if (in->n == 0)
		ui_text(5, 2, COLS - 4, "没有找到人员。", ui_attr(ui, PAIR_DIM), false);
}

static void intake_draw(struct ui *ui, struct screen *sc)
{
	struct intake *in = sc->data;
	char line[256];
	ui_text(1, 0, COLS, in->persons ? "人员列表（p 切换到家庭）：Enter 打开所在家庭"
				       : "n 登记新家庭；/ 查找已登记的家庭，Enter 打开后添加成员或新申请",
		ui_attr(ui, PAIR_TITLE), true);
	snprintf(line, sizeof line, "查找：%s", in->search);
	ui_text(2, 0, COLS, line, in->searching ? ui_attr(ui, PAIR_SELECT) : A_NORMAL, true);
	if (in->searching) {
		sc->cursor_y = 2;
		sc->cursor_x = utf8_width(line);
	}
	if (in->persons) {
		draw_persons(ui, in);
		return;
	}
	int x = 0;
	attr_t hd = A_BOLD | A_UNDERLINE;
	x += ui_text(3, x, 8, "户号", hd, true);
	x += ui_text(3, x, 11, "户主", hd, true);
	x += ui_text(3, x, 19, "身份证号码", hd, true);
	x += ui_text(3, x, 11, "村（社区）", hd, true);
	x += ui_text(3, x, 5, "人数", hd, true);
	ui_text(3, x, COLS - x, "住址", hd, true);
	for (int i = 0; i < in->n; i++) {
		const struct hh_row *r = &in->rows[i];
		attr_t a = i == in->sel && !in->searching ? ui_attr(ui, PAIR_SELECT) : A_NORMAL;
		char num[24];
		x = 0;
		snprintf(num, sizeof num, "%lld", (long long)r->id);
		x += ui_text(4 + i, x, 8, num, a, true);
		x += ui_text(4 + i, x, 11, r->head[0] ? r->head : "（未登记户主）", a, true);
		x += ui_text(4 + i, x, 19, r->id_masked, a, true);
		x += ui_text(4 + i, x, 11, r->village, a, true);
		snprintf(num, sizeof num, "%d", r->members);
		x += ui_text(4 + i, x, 5, num, a, true);
		ui_text(4 + i, x, COLS - x, r->address, a, true);
	}
	if (in->error[0])
		ui_text(LINES - 2, 0, COLS, in->error, ui_attr(ui, PAIR_ERROR), true);
	else if (in->n == 0)
		ui_text(5, 2, COLS - 4, "没有找到家庭。按 n 登记新家庭。", ui_attr(ui, PAIR_DIM), false);
}

static int household_submit(struct ui *ui, void *ctx, char **values, struct err *e)
{
	(void)ctx;
	int64_t village, id;
	if (office_village_id(ui->s->store, &ui->s->cfg, values[0], &village, e) != 0)
		return -1;
	if (household_register(ui->s->store, village, values[1], values[2], ui->today, &id, e) != 0)
		return -1;
	ui_flash(ui, false, "已登记家庭（户号 %lld），请逐个登记家庭成员，第一位是户主", (long long)id);
	ui_push(ui, screen_household_new(ui, id));
	return 0;
}

static int intake_key(struct ui *ui, struct screen *sc, bool is_key, wint_t ch)
{
	struct intake *in = sc->data;
	if (in->searching) {
		size_t len = strlen(in->search);
		if (!is_key && ch == 27) {
			in->search[0] = '\0';
			in->searching = false;
		} else if ((!is_key && (ch == '\n' || ch == '\r')) || (is_key && ch == KEY_DOWN)) {
			in->searching = false;
			return KEY_HANDLED;
		} else if ((is_key && ch == KEY_BACKSPACE) || (!is_key && (ch == 127 || ch == 8))) {
			while (len > 0 && (in->search[len - 1] & 0xC0) == 0x80)
				len--;
			in->search[len > 0 ? len - 1 : 0] = '\0';
		} else if (!is_key && ch >= 0x20) {
			char buf[8];
			wchar_t w = (wchar_t)ch;
			size_t k = wcs_to_utf8(&w, 1, buf, sizeof buf);
			if (len + k < sizeof in->search)
				memcpy(in->search + len, buf, k + 1);
		} else {
			return KEY_HANDLED;
		}
		in->page = 0;
		in->sel = 0;
		fetch(ui, in);
		return KEY_HANDLED;
	}
	if (is_key && ch == KEY_RESIZE) {
		fetch(ui, in);
	} else if (!is_key && (ch == 'n' || ch == 'N')) {
		struct form_opts o = { .draft_key = "household", .submit = household_submit };
		ui_push(ui, screen_form_new(ui, "household", &o));
	} else if ((!is_key && (ch == '/' || ch == 's')) || (is_key && ch == KEY_F(3))) {
		in->searching = true;
	} else if (!is_key && ch == 'p') {
		in->persons = !in->persons;
		in->page = 0;
		in->sel = 0;
		fetch(ui, in);
	} else if (is_key && ch == KEY_DOWN) {
		if (in->sel < in->n - 1)
			in->sel++;
	} else if (is_key && ch == KEY_UP) {
		if (in->sel > 0)
			in->sel--;
	} else if (is_key && ch == KEY_NPAGE) {
		if (in->n == rows_fit() && in->page < 63) {
			in->pages[in->page + 1] = in->persons ? in->prows[in->n - 1].id : in->rows[in->n - 1].id;
			in->page++;
			fetch(ui, in);
		}
	} else if (is_key && ch == KEY_PPAGE) {
		if (in->page > 0) {
			in->page--;
			fetch(ui, in);
		}
	} else if ((!is_key && (ch == '\n' || ch == '\r')) || (is_key && ch == KEY_ENTER)) {
		if (in->n > 0)
			ui_push(ui, screen_household_new(ui, in->persons ? in->prows[in->sel].household_id
							     : in->rows[in->sel].id));
	} else {
		return KEY_IGNORED;
	}
	return KEY_HANDLED;
}

static void intake_resume(struct ui *ui, struct screen *sc)
{
	fetch(ui, sc->data);
}

static void intake_destroy(struct screen *sc)
{
	free(sc->data);
	free(sc);
}

struct screen *screen_intake_new(struct ui *ui)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	struct intake *in = xcalloc(1, sizeof *in);
	snprintf(sc->title, sizeof sc->title, "受理登记");
	sc->data = in;
	sc->hints = intake_hints;
	sc->help = "n 登记新家庭：先填家庭住址和电话，再逐个登记成员（出生日期和性别由身份证号码自动得出），"
		   "然后登记救助申请。\np 在家庭列表和人员列表之间切换。\n/ 查找已登记的家庭：输入姓名中的字、拼音首字母（如 zs）或身份证号码的末几位。"
		   "Enter 打开家庭。";
	sc->draw = intake_draw;
	sc->key = intake_key;
	sc->resume = intake_resume;
	sc->destroy = intake_destroy;
	fetch(ui, in);
	return sc;
}
