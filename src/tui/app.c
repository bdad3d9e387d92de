/* The program's loop: terminal set-up and restore, the screen stack, the
 * top and bottom lines, resizing, signals. */
#include <langinfo.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/query/alerts.h"
#include "core/base/utf8.h"
#include "tui/widgets/formview.h"
#include "tui/tui.h"
#include "tui/ui.h"
#include "tui/xalloc.h"

static volatile sig_atomic_t got_signal;
static bool curses_active;

static void on_signal(int sig)
{
	got_signal = sig;
}

bool ui_interrupted(void)
{
	return got_signal != 0;
}

/* Whatever happens, leave the terminal as we found it. */
static void restore_terminal(void)
{
	if (curses_active && !isendwin()) {
		formview_restore_terminal();
		endwin();
	}
	curses_active = false;
}

_Noreturn void ui_fatal(const char *msg)
{
	restore_terminal();
	fprintf(stderr, "jiuzhu: %s\n", msg);
	exit(EXIT_FAILURE);
}

static void on_fatal(int sig)
{
	restore_terminal();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;	/* no SA_RESTART: get_wch returns at once */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sa.sa_handler = on_fatal;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

void ui_push(struct ui *ui, struct screen *sc)
{
	if (sc == NULL)
		return;
	if (ui->depth == (int)(sizeof ui->stack / sizeof ui->stack[0])) {
		sc->destroy(sc);
		return;
	}
	ui->stack[ui->depth++] = sc;
	clear();
}

void ui_pop(struct ui *ui)
{
	if (ui->depth == 0)
		return;
	struct screen *sc = ui->stack[--ui->depth];
	if (sc->suspend != NULL)
		sc->suspend(ui, sc);
	sc->destroy(sc);
	if (ui->depth == 0)
		ui->quit = true;
	else if (ui->stack[ui->depth - 1]->resume != NULL)
		ui->stack[ui->depth - 1]->resume(ui, ui->stack[ui->depth - 1]);
	ui_recount_later(ui);
	clear();
}

void ui_close(struct ui *ui, struct screen *sc)
{
	int i = ui->depth - 1;
	while (i >= 0 && ui->stack[i] != sc)
		i--;
	if (i < 0)
		return;
	if (i == ui->depth - 1) {
		ui_pop(ui);
		return;
	}
	/* Not on top (it opened the next screen as it closed): just remove. */
	memmove(&ui->stack[i], &ui->stack[i + 1], (size_t)(ui->depth - i - 1) * sizeof sc);
	ui->depth--;
	if (sc->suspend != NULL)
		sc->suspend(ui, sc);
	sc->destroy(sc);
}

void ui_refresh_overdue(struct ui *ui)
{
	struct err e;
	ui->today = date_today();
	ui->counts_stale = false;
	if (alerts_count(ui->s->store, &ui->s->cfg, ui->today, &ui->overdue, &ui->due_today, &e) != 0)
		ui->overdue = ui->due_today = -1;
}

void ui_recount_later(struct ui *ui)
{
	ui->counts_stale = true;
}

/* A key typed ahead, left to be read. */
static bool key_waiting(void)
{
	wint_t ch;
	timeout(0);
	int rc = get_wch(&ch);
	timeout(1000);
	if (rc == ERR)
		return false;
	if (rc == KEY_CODE_YES)
		ungetch((int)ch);
	else
		unget_wch((wchar_t)ch);
	return true;
}

static short color_by_name(const char *name)
{
	static const char *const names[] = { "black", "red", "green", "yellow", "blue",
					     "magenta", "cyan", "white" };
	for (short i = 0; i < 8; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	return -1;	/* "default" */
}

static void setup_colors(struct ui *ui)
{
	const struct config *cfg = &ui->s->cfg;
	const char *no_color = getenv("NO_COLOR");
	ui->color = cfg->use_color && has_colors() && (no_color == NULL || *no_color == '\0');
	if (!ui->color)
		return;
	start_color();
	use_default_colors();
	short fg = color_by_name(cfg->color_fg), bg = color_by_name(cfg->color_bg);
	short accent = color_by_name(cfg->color_accent), alert = color_by_name(cfg->color_alert);
	if (accent < 0)
		accent = COLOR_CYAN;
	if (alert < 0)
		alert = COLOR_RED;
	init_pair(PAIR_TITLE, accent, bg);
	init_pair(PAIR_BAR, COLOR_BLACK, accent);
	init_pair(PAIR_SELECT, COLOR_BLACK, COLOR_WHITE);
	init_pair(PAIR_ERROR, alert, bg);
	init_pair(PAIR_WARN, COLOR_YELLOW, bg);
	init_pair(PAIR_OK, COLOR_GREEN, bg);
	init_pair(PAIR_DIM, fg, bg);
}

static void draw_top(struct ui *ui, struct screen *sc)
{
	char left[256], right[256], day[11];
	attr_t bar = ui_attr(ui, PAIR_BAR);
	date_format(ui->today, day);
	snprintf(left, sizeof left, " %s%s社事办 ｜ %s", ui->s->cfg.township,
		 "", sc != NULL ? sc->title : "");
	if (ui->overdue > 0 || ui->due_today > 0)
		snprintf(right, sizeof right, "%s（%s） %s 逾期 %lld 今日到期 %lld ", ui->s->user,
			 ui->s->role_label, day, (long long)ui->overdue, (long long)ui->due_today);
	else
		snprintf(right, sizeof right, "%s（%s） %s 无逾期 ", ui->s->user, ui->s->role_label, day);
	ui_text(0, 0, COLS, left, bar, true);
	int rw = utf8_width(right);
	if (ui->overdue > 0) {
		ui_text_right(0, 0, COLS, right, bar | A_BOLD);
	} else {
		ui_text(0, COLS - rw, rw, right, bar, false);
	}
}

static void draw_bottom(struct ui *ui, struct screen *sc)
{
	char line[512];
	size_t len = 0;
	if (ui->flash[0] != '\0') {
		ui_text(LINES - 1, 0, COLS, ui->flash,
			ui->flash_error ? ui_attr(ui, PAIR_ERROR) | A_REVERSE : ui_attr(ui, PAIR_BAR), true);
		return;
	}
	line[0] = '\0';
	for (const struct hint *h = sc != NULL ? sc->hints : NULL; h != NULL && h->key != NULL; h++)
		len += (size_t)snprintf(line + len, sizeof line - len, " %s %s ", h->key, h->label);
	snprintf(line + len, sizeof line - len, " F1/? 帮助 ");
	ui_text(LINES - 1, 0, COLS, line, ui_attr(ui, PAIR_BAR), true);
}

static void draw(struct ui *ui)
{
	struct screen *sc = ui->depth > 0 ? ui->stack[ui->depth - 1] : NULL;
	erase();
	ui->too_small = LINES < MIN_ROWS || COLS < MIN_COLS;
	if (ui->too_small) {
		char msg[160];
		snprintf(msg, sizeof msg, "终端太小：需要至少 %dx%d，现在是 %dx%d。请放大窗口。",
			 MIN_COLS, MIN_ROWS, COLS, LINES);
		mvaddstr(0, 0, "");
		ui_text(LINES / 2, 0, COLS, msg, A_BOLD, false);
		curs_set(0);
		refresh();
		return;
	}
	draw_top(ui, sc);
	if (sc != NULL) {
		sc->cursor_y = -1;
		sc->draw(ui, sc);
	}
	draw_bottom(ui, sc);
	if (sc != NULL && sc->cursor_y >= 0) {
		curs_set(1);
		move(sc->cursor_y, sc->cursor_x);
	} else {
		curs_set(0);
	}
	refresh();
}

static void show_help(struct ui *ui, struct screen *sc)
{
	char text[2048];
	snprintf(text, sizeof text, "%s\n\n通用按键：Esc 返回上一级；F1 或 ? 帮助；"
		 "F10 或 q（在主菜单）退出；Ctrl-L 重画屏幕。功能键不灵时，"
		 "每个功能都有对应的字母键。",
		 sc != NULL && sc->help != NULL ? sc->help : "");
	ui_message(ui, sc != NULL ? sc->title : "帮助", text);
	clear();
}

/* Saves every open screen's typing (drafts) before leaving. */
static void suspend_all(struct ui *ui)
{
	for (int i = ui->depth - 1; i >= 0; i--)
		if (ui->stack[i]->suspend != NULL)
			ui->stack[i]->suspend(ui, ui->stack[i]);
}

static void handle_key(struct ui *ui, int rc, wint_t ch)
{
	struct screen *sc = ui->stack[ui->depth - 1];
	bool is_key = rc == KEY_CODE_YES;
	if (is_key && ch == KEY_RESIZE) {
		clear();
		sc->key(ui, sc, true, KEY_RESIZE);	/* lists re-fetch for the new height */
		return;
	}
	ui->flash[0] = '\0';
	if (ui->too_small) {
		if ((is_key && ch == KEY_F(10)) || (!is_key && ch == 'q'))
			ui->quit = true;
		return;
	}
	if (!is_key && ch == 12) {	/* Ctrl-L */
		clear();
		return;
	}
	if (sc->key(ui, sc, is_key, ch) == KEY_HANDLED)
		return;
	if ((!is_key && ch == 27) || (is_key && ch == KEY_EXIT)) {
		if (ui->depth > 1)
			ui_pop(ui);
	} else if ((is_key && ch == KEY_F(1)) || (!is_key && ch == '?')) {
		show_help(ui, sc);
	} else if ((is_key && ch == KEY_F(10)) || (!is_key && (ch == 'q' || ch == 'Q') && ui->depth == 1)) {
		ui->quit = true;
	}
}

static int check_locale(void)
{
	const char *cs = nl_langinfo(CODESET);
	if (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "GB18030") == 0)
		return 0;
	/* In this locale Chinese cannot be shown; say so in ASCII as well. */
	fprintf(stderr,
		"jiuzhu: 当前终端的字符集是 %s，无法显示中文。\n"
		"  请设置 UTF-8 或 GB18030 区域，例如：export LANG=zh_CN.UTF-8（或 C.UTF-8），\n"
		"  并把 SSH 客户端（PuTTY、Xshell 等）的字符编码设为 UTF-8 或 GB18030。\n"
		"jiuzhu: the terminal's character set is %s; set LANG=zh_CN.UTF-8 (or C.UTF-8,\n"
		"  or zh_CN.GB18030) and the same encoding in your SSH client.\n", cs, cs);
	return -1;
}

/* PuTTY and some others send ESC[11~ … ESC[14~ for F1–F4. */
static void define_extra_keys(void)
{
	static const char *const seq[] = { "\033[11~", "\033[12~", "\033[13~", "\033[14~" };
	for (int i = 0; i < 4; i++)
		define_key(seq[i], KEY_F(i + 1));
	define_key("\033[21~", KEY_F(10));
}

static void close_session(struct session *s, struct form_set *forms)
{
	forms_free(forms);
	session_close(s);
}

/* Before the screen opens, a failure is one plain line on the terminal. */
static int fail(struct session *s, struct form_set *forms, const char *msg)
{
	if (msg != NULL)
		fprintf(stderr, "jiuzhu: %s\n", msg);
	close_session(s, forms);
	return EXIT_FAILURE;
}

/* The terminal as the screens want it: keys, signals, a 1 s tick. */
static void setup_terminal(void)
{
	curses_active = true;
	atexit(restore_terminal);
	install_signals();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(100);
	define_extra_keys();
	formview_setup_terminal();
	timeout(1000);	/* wake up once a second: signals, the overdue count */
}

/* No key for a second: the top screen's idle work, the overdue count
 * once a minute. */
/* Today's backup of a county-sized store takes many seconds: a child
 * process makes it while the clerk works, on its own connection, and
 * reports a failure through a pipe; tick() collects it. */
static pid_t backup_pid;
static int backup_pipe = -1;

static void start_daily_backup(struct session *s)
{
	int fds[2];
	if (!s->cfg.backup_daily || pipe(fds) != 0)
		return;
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		struct err e;
		/* Its own session: closing the terminal or Ctrl-C must not cut
		 * the copy short. */
		setsid();
		signal(SIGHUP, SIG_IGN);
		signal(SIGINT, SIG_IGN);
		close(fds[0]);
		int rc = session_daily_backup_alone(s, &e);
		if (rc != 0 && write(fds[1], e.msg, strlen(e.msg)) < 0)
			rc = 2;
		_exit(rc == 0 ? 0 : 1);
	}
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		return;
	}
	backup_pid = pid;
	backup_pipe = fds[0];
}

static void collect_backup(struct ui *ui)
{
	int status;
	if (backup_pid <= 0 || waitpid(backup_pid, &status, WNOHANG) != backup_pid)
		return;
	char msg[512];
	ssize_t n = read(backup_pipe, msg, sizeof msg - 1);
	msg[n > 0 ? n : 0] = '\0';
	close(backup_pipe);
	backup_pid = 0;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		ui_flash(ui, true, "%s", msg[0] ? msg : "每日自动备份没有做成：请运行 jiuzhu backup 或联系技术支持");
}

static void tick(struct ui *ui, time_t *last_count)
{
	struct screen *top = ui->stack[ui->depth - 1];
	collect_backup(ui);
	if (top->idle != NULL)
		top->idle(ui, top);
	if (time(NULL) - *last_count >= 60) {
		ui_refresh_overdue(ui);
		*last_count = time(NULL);
	}
}

/* Draws and reads keys until the user quits or a signal asks to leave. */
static void run(struct ui *ui)
{
	time_t last_count = time(NULL);
	int fast_errors = 0;
	while (!ui->quit) {
		draw(ui);
		if (ui->counts_stale && !key_waiting()) {
			ui_refresh_overdue(ui);
			continue;	/* drawn again with the counts */
		}
		wint_t ch;
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		int rc = get_wch(&ch);
		if (got_signal)
			break;
		if (rc != ERR) {
			fast_errors = 0;
			handle_key(ui, rc, ch);
			continue;
		}
		/* ERR at once instead of after the 1 s timeout, again and again:
		 * the terminal is gone (a lost connection without SIGHUP). Leave
		 * as for SIGHUP rather than spin. */
		clock_gettime(CLOCK_MONOTONIC, &t1);
		long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
		if (ms < 500 && ++fast_errors >= 50) {
			got_signal = SIGHUP;
			break;
		}
		tick(ui, &last_count);
	}
}

int tui_main(const char *config_path, const char *db_path)
{
	struct session session = { .have_cfg = false };
	struct ui ui = { .s = &session };
	struct err e;
	/* Forms are checked before the screen opens, so a broken form file
	 * is one clear message, not a half-drawn screen. */
	/* The screens never create a store: a missing one is most often a
	 * share not mounted, and a new empty store would hide that. */
	if (session_open(&session, config_path, db_path, SESSION_STORE, &e) != 0 ||
	    session_load_forms(&session, &ui.forms, &e) != 0)
		return fail(&session, &ui.forms, e.msg);
	char notice[sizeof e.msg + 64];
	snprintf(notice, sizeof notice, "%s", session.warning);
	start_daily_backup(&session);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return fail(&session, &ui.forms, "操作界面需要在终端中运行；脚本请使用命令（jiuzhu --help）");
	if (check_locale() != 0)
		return fail(&session, &ui.forms, NULL);	/* it said why */
	SCREEN *term = newterm(NULL, stdout, stdin);
	if (term == NULL) {
		snprintf(e.msg, sizeof e.msg, "无法初始化终端（TERM=%s）。请设置 TERM=xterm-256color 或 TERM=linux 后重试",
			 getenv("TERM") ? getenv("TERM") : "");
		return fail(&session, &ui.forms, e.msg);
	}
	setup_terminal();
	setup_colors(&ui);
	ui.today = date_today();
	ui_recount_later(&ui);
	ui_push(&ui, session.need_login ? screen_login_new(&ui) : screen_menu_new(&ui));
	if (notice[0] != '\0')
		ui_message(&ui, "注意", notice);
	run(&ui);
	suspend_all(&ui);
	while (ui.depth > 0) {
		struct screen *sc = ui.stack[--ui.depth];
		sc->destroy(sc);
	}
	restore_terminal();
	delscreen(term);
	close_session(&session, &ui.forms);
	return got_signal == SIGINT || got_signal == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
