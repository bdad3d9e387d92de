/* The form screen. Each field is a fieldbox (label, line editor, problem
 * under it); choice fields pick from their list. Every field left and every Esc saves the
 * draft; F2 (or Ctrl-D, or Enter on the last field) checks all fields and
 * hands the values to the caller. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/store/draft.h"
#include "tui/widgets/fieldbox.h"
#include "tui/widgets/formview.h"
#include "tui/xalloc.h"

#define LABEL_COLS 20

struct formview {
	const struct form_def *fd;
	struct screen *sc;
	struct form_opts o;
	struct fieldbox *fb;		/* one per field */
	int cur, top;
	int64_t draft_id;
	bool done;			/* submitted: no draft to keep */
	bool dirty;			/* typed since the draft was saved */
	bool pasting;
	char error[1024];		/* from submit */
	char intro[256], draft_key[64];	/* copies: the caller's may not live on */
};

static const struct hint form_hints[] = {
	{ "Tab/下键", "下一项" }, { "上键", "上一项" }, { "F2/Ctrl-D", "保存" },
	{ "Esc", "暂存并返回" }, { NULL, NULL },
};

/* Bracketed paste: the terminal wraps pasted text in these two keys. */
#define KEY_PASTE_BEGIN (KEY_MAX + 1)
#define KEY_PASTE_END (KEY_MAX + 2)

const char *form_value(const struct form_def *fd, char **values, const char *name)
{
	for (size_t i = 0; i < fd->n_fields; i++)
		if (strcmp(fd->fields[i].name, name) == 0)
			return values[i][0] ? values[i] : NULL;
	return NULL;
}

static void save_draft(struct ui *ui, struct formview *f)
{
	if (f->o.draft_key == NULL || f->done)
		return;
	struct draft_field *df = xcalloc(f->fd->n_fields, sizeof *df);
	bool any = false;
	for (size_t i = 0; i < f->fd->n_fields; i++) {
		snprintf(df[i].name, sizeof df[i].name, "%s", f->fd->fields[i].name);
		df[i].value = fieldbox_value(&f->fb[i]);
		if (df[i].value[0])
			any = true;
	}
	struct err e;
	if (any && draft_save(ui->s->store, f->o.draft_key, ui->s->user, f->o.draft_target, df,
			      (int)f->fd->n_fields, &f->draft_id, &e) != 0)
		ui_flash(ui, true, "草稿未能保存：%s", e.msg);
	else
		f->dirty = false;
	for (size_t i = 0; i < f->fd->n_fields; i++)
		free(df[i].value);
	free(df);
}

/* Checks one field; its message (or none) goes beside it. */
static bool check_field(struct ui *ui, struct formview *f, int i, char *out, size_t n)
{
	struct err e;
	char *v = fieldbox_value(&f->fb[i]);
	int rc = field_check(&f->fd->fields[i], ui->s->v, v, ui->today, out, n, &e);
	free(v);
	fieldbox_set_msg(&f->fb[i], rc == 0 ? NULL : e.msg);
	return rc == 0;
}

static int field_rows(void)
{
	return (LINES - 7) / 2;
}

static void form_draw(struct ui *ui, struct screen *sc)
{
	struct formview *f = sc->data;
	int y = 1;
	ui_text(y++, 0, COLS, f->fd->title, ui_attr(ui, PAIR_TITLE), true);
	if (f->o.intro != NULL)
		ui_text(y, 0, COLS, f->o.intro, A_BOLD, true);
	y = 3;
	int rows = field_rows();
	if (f->cur < f->top)
		f->top = f->cur;
	if (f->cur >= f->top + rows)
		f->top = f->cur - rows + 1;
	for (int i = f->top; i < (int)f->fd->n_fields && i < f->top + rows; i++, y += 2)
		fieldbox_draw(ui, sc, &f->fb[i], y, LABEL_COLS, i == f->cur, f->fd->fields[i].help);
	if (f->error[0])
		ui_text(LINES - 3, 0, COLS, f->error, ui_attr(ui, PAIR_ERROR) | A_BOLD, true);
	char line[128];
	snprintf(line, sizeof line, "带 * 的必须填写。第 %d 项，共 %zu 项。", f->cur + 1, f->fd->n_fields);
	ui_text(LINES - 2, 0, COLS, line, ui_attr(ui, PAIR_DIM), true);
}

static void move_to(struct ui *ui, struct formview *f, int i)
{
	char out[4096];
	if (i < 0 || i >= (int)f->fd->n_fields || i == f->cur)
		return;
	/* Leaving a field: explain a bad value beside it, keep the draft. */
	char *v = fieldbox_value(&f->fb[f->cur]);
	if (v[0] != '\0')
		check_field(ui, f, f->cur, out, sizeof out);
	free(v);
	save_draft(ui, f);
	f->cur = i;
}

/* The field's choices: the caller's order when it gives one. */
static int choices_of(struct ui *ui, struct formview *f, const char **out, int max)
{
	const struct field_def *fd = &f->fd->fields[f->cur];
	int n = 0;
	if (f->o.choices != NULL) {
		char **vals = xcalloc(f->fd->n_fields, sizeof *vals);
		for (size_t i = 0; i < f->fd->n_fields; i++)
			vals[i] = fieldbox_value(&f->fb[i]);
		n = f->o.choices(ui, f->o.ctx, fd->name, vals, out, max);
		for (size_t i = 0; i < f->fd->n_fields; i++)
			free(vals[i]);
		free(vals);
	}
	for (size_t i = 0; n == 0 && i < fd->n_choices && (int)i < max; i++)
		out[i] = fd->choices[i];
	return n > 0 ? n : (int)fd->n_choices < max ? (int)fd->n_choices : max;
}

static void pick_choice(struct ui *ui, struct formview *f, int step)
{
	const struct field_def *fd = &f->fd->fields[f->cur];
	const char *list[512];
	int n = fd->n_choices > 0 ? choices_of(ui, f, list, 512) : 0;
	if (n == 0)
		return;
	char *v = fieldbox_value(&f->fb[f->cur]);
	int cur = -1;
	for (int i = 0; i < n; i++)
		if (strcmp(v, list[i]) == 0)
			cur = i;
	free(v);
	int k;
	if (step == 0)
		k = ui_pick(ui, fd->label, list, n, cur);
	else
		k = ((cur < 0 ? (step > 0 ? -1 : 0) : cur) + step + n) % n;
	if (k >= 0) {
		struct err e;
		fieldbox_set(&f->fb[f->cur], list[k], &e);
		fieldbox_set_msg(&f->fb[f->cur], NULL);
	}
}

static void submit(struct ui *ui, struct formview *f)
{
	size_t n = f->fd->n_fields;
	char **vals = xcalloc(n, sizeof *vals);
	int bad = -1;
	for (size_t i = 0; i < n; i++) {
		vals[i] = xcalloc(1, 4096);
		if (!check_field(ui, f, (int)i, vals[i], 4096) && bad < 0)
			bad = (int)i;
	}
	struct err e;
	if (bad >= 0) {
		f->cur = bad;
		snprintf(f->error, sizeof f->error, "有填写不正确的项，请按提示修改后再保存（未保存）");
	} else if (f->o.submit(ui, f->o.ctx, vals, &e) != 0) {
		snprintf(f->error, sizeof f->error, "未保存：%s", e.msg);
		save_draft(ui, f);
	} else {
		if (f->o.keep_draft)
			save_draft(ui, f);	/* with the field typed last */
		f->done = true;
		if (f->draft_id != 0 && !f->o.keep_draft && draft_discard(ui->s->store, f->draft_id, &e) != 0)
			ui_flash(ui, true, "草稿未能删除：%s", e.msg);
	}
	for (size_t i = 0; i < n; i++)
		free(vals[i]);
	free(vals);
	if (f->done)
		ui_close(ui, f->sc);
}

static int form_key(struct ui *ui, struct screen *sc, bool is_key, wint_t ch)
{
	struct formview *f = sc->data;
	struct fieldbox *fb = &f->fb[f->cur];
	const struct field_def *fd = &f->fd->fields[f->cur];
	bool choice = fd->kind == FIELD_CHOICE;
	bool last = f->cur == (int)f->fd->n_fields - 1;
	struct err e;

	if (is_key && ch == KEY_PASTE_BEGIN) {
		f->pasting = true;
		return KEY_HANDLED;
	}
	if (is_key && ch == KEY_PASTE_END) {
		f->pasting = false;
		return KEY_HANDLED;
	}
	if (f->pasting && !is_key) {	/* pasted text: newlines are dropped */
		if (!choice && ch >= 0x20 && lineedit_insert(&fb->ed, (wchar_t)ch, &e) != 0)
			ui_flash(ui, true, "%s", e.msg);
		return KEY_HANDLED;
	}
	f->error[0] = '\0';
	f->dirty = true;
	if ((is_key && ch == KEY_F(2)) || (!is_key && ch == 4)) {
		submit(ui, f);
	} else if ((!is_key && (ch == '\t')) || (is_key && ch == KEY_DOWN)) {
		move_to(ui, f, f->cur + 1);
	} else if (!is_key && (ch == '\n' || ch == '\r')) {
		if (choice && fb->ed.len == 0)
			pick_choice(ui, f, 0);
		else if (last)
			submit(ui, f);
		else
			move_to(ui, f, f->cur + 1);
	} else if (is_key && (ch == KEY_UP || ch == KEY_BTAB)) {
		move_to(ui, f, f->cur - 1);
	} else if (choice && ((!is_key && ch == ' ') || (is_key && ch == KEY_F(4)))) {
		pick_choice(ui, f, 0);
	} else if (choice && is_key && (ch == KEY_LEFT || ch == KEY_RIGHT)) {
		pick_choice(ui, f, ch == KEY_LEFT ? -1 : 1);
	} else if (choice && !is_key && ch >= 0x20 && ch != 27) {
		pick_choice(ui, f, 0);
	} else if (fieldbox_key(ui, fb, is_key, ch) == FIELDBOX_IGNORED) {
		return KEY_IGNORED;	/* Esc, F1 … go to the main loop */
	}
	return KEY_HANDLED;
}

static void form_suspend(struct ui *ui, struct screen *sc)
{
	struct formview *f = sc->data;
	save_draft(ui, f);
	if (!f->done && f->draft_id != 0)
		ui_flash(ui, false, "已暂存未完成的「%s」，下次打开时可以继续填写", f->fd->title);
}

/* A second without a key: what was typed goes into the draft, so even a
 * power cut loses at most the last second of typing. */
static void form_idle(struct ui *ui, struct screen *sc)
{
	struct formview *f = sc->data;
	if (f->dirty)
		save_draft(ui, f);
}

static void form_destroy(struct screen *sc)
{
	struct formview *f = sc->data;
	for (size_t i = 0; i < f->fd->n_fields; i++)
		fieldbox_free(&f->fb[i]);
	free(f->fb);
	if (f->o.ctx_free != NULL)
		f->o.ctx_free(f->o.ctx);
	free(f);
	free(sc);
}

/* Starts from the draft if there is one and the clerk wants it. */
static void fill(struct ui *ui, struct formview *f)
{
	struct err e;
	struct draft d;
	bool resumed = false;
	if (f->o.draft_key != NULL &&
	    draft_load(ui->s->store, f->o.draft_key, ui->s->user, f->o.draft_target, &d, &e) == 0 && d.id != 0) {
		char q[256];
		snprintf(q, sizeof q, "有 %s 暂存的未完成的「%s」。\n继续填写它吗？选「否」则丢弃草稿。",
			 d.saved_at, f->fd->title);
		if (ui_confirm(ui, q)) {
			for (size_t i = 0; i < f->fd->n_fields; i++) {
				const char *v = draft_value(&d, f->fd->fields[i].name);
				if (v != NULL)
					fieldbox_set(&f->fb[i], v, &e);
			}
			f->draft_id = d.id;
			resumed = true;
		} else {
			draft_discard(ui->s->store, d.id, &e);
		}
		draft_free(&d);
		clear();
	}
	if (resumed)
		return;
	for (size_t i = 0; i < f->fd->n_fields; i++) {
		char def[256];
		const char *v = f->o.initial != NULL ? f->o.initial[i] : NULL;
		if (v == NULL) {
			field_default(&f->fd->fields[i], ui->today, def, sizeof def);
			v = def;
		}
		fieldbox_set(&f->fb[i], v, &e);
	}
}

struct screen *screen_form_new(struct ui *ui, const char *id, const struct form_opts *o)
{
	const struct form_def *fd = forms_find(&ui->forms, id);
	if (fd == NULL) {
		if (o->ctx_free != NULL)
			o->ctx_free(o->ctx);
		return screen_todo_new("表单缺失", "forms 目录中没有这个表单，请检查安装是否完整。");
	}
	struct screen *sc = xcalloc(1, sizeof *sc);
	struct formview *f = xcalloc(1, sizeof *f);
	f->fd = fd;
	f->sc = sc;
	f->o = *o;
	if (o->intro != NULL) {
		snprintf(f->intro, sizeof f->intro, "%s", o->intro);
		f->o.intro = f->intro;
	}
	if (o->draft_key != NULL) {
		snprintf(f->draft_key, sizeof f->draft_key, "%s", o->draft_key);
		f->o.draft_key = f->draft_key;
	}
	f->o.initial = NULL;	/* used only by fill(), below */
	f->fb = xcalloc(fd->n_fields, sizeof *f->fb);
	for (size_t i = 0; i < fd->n_fields; i++) {
		const struct field_def *d = &fd->fields[i];
		fieldbox_init(&f->fb[i], d->label, d->required, d->max > 0 ? (size_t)d->max : 4000);
		if (d->kind == FIELD_CHOICE)
			f->fb[i].pick_hint = "左右键 或 空格 选择 ";
	}
	f->o.initial = o->initial;
	fill(ui, f);
	f->o.initial = NULL;
	snprintf(sc->title, sizeof sc->title, "%s", fd->title);
	sc->data = f;
	sc->hints = form_hints;
	sc->help = fd->help != NULL ? fd->help : "逐项填写后按 F2 保存。";
	sc->draw = form_draw;
	sc->key = form_key;
	sc->suspend = form_suspend;
	sc->idle = form_idle;
	sc->destroy = form_destroy;
	return sc;
}

/* Bracketed paste on, and its two keys known to ncurses. */
void formview_setup_terminal(void)
{
	define_key("\033[200~", KEY_PASTE_BEGIN);
	define_key("\033[201~", KEY_PASTE_END);
	printf("\033[?2004h");
	fflush(stdout);
}

void formview_restore_terminal(void)
{
	printf("\033[?2004l");
	fflush(stdout);
}
