#include "core/export/xlsx.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "core/office/config.h"

/* Every cell names SimSun (宋体): the Song face that Chinese Excel and WPS
 * print with. Family 3 and charset 134 (GB2312; Debian 12's libxlsxwriter
 * 1.1.4 leaves the charset out) tell Excel to take another Chinese face
 * where SimSun is missing; LibreOffice on Debian gets one through
 * fontconfig, which maps SimSun to Noto Serif CJK SC (fonts-noto-cjk). */
#define FONT_NAME "SimSun"
#define FONT_FAMILY 3
#define FONT_CHARSET 134
#define BODY_PT 11.0
#define TITLE_PT 16.0

struct xlsx {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	char target[PATH_MAX];
	char tmp[PATH_MAX];
	char dir[PATH_MAX];
	char sheet[64];
	int tmp_fd;		/* held, locked, while the file is being written */
	int n_sheets;
	size_t n_cols;
	lxw_row_t row;		/* the current row */
	lxw_row_t first_data;
	int row_lines;		/* lines of the tallest wrapped cell of the row */
	double width[XLSX_MAX_COLS];	/* the columns' widths */
	size_t fits[XLSX_MAX_COLS];	/* text of at most this many bytes fits one line */
	double table_width;	/* all columns: what a merged line spans */
	lxw_error lerr;		/* the first write error */
	/* The stdio buffers of the sheets' constant_memory temporary files:
	 * they live until workbook_close has closed the files. */
	char *sheet_buf[4];
	/* Formats, created once per workbook. */
	lxw_format *title, *subtitle, *header, *text, *date, *integer, *money, *line;
};

static const char *why(int err)
{
	switch (err) {
	case ENOENT:
		return "目录不存在";
	case EACCES:
	case EPERM:
		return "没有写入权限";
	case EROFS:
		return "文件系统是只读的";
	case ENOSPC:
		return "磁盘已满";
	case EFBIG:
		return "文件超过允许的大小";
	case EDQUOT:
		return "超出磁盘配额";
	case ENOTDIR:
		return "路径中有一段不是目录";
	default:
		return strerror(err);
	}
}

static lxw_format *new_format(lxw_workbook *wb)
{
	lxw_format *f = workbook_add_format(wb);
	format_set_font_name(f, FONT_NAME);
	format_set_font_family(f, FONT_FAMILY);
	format_set_font_charset(f, FONT_CHARSET);
	format_set_font_size(f, BODY_PT);
	return f;
}

static lxw_format *bordered(lxw_workbook *wb)
{
	lxw_format *f = new_format(wb);
	format_set_border(f, LXW_BORDER_THIN);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	return f;
}

static void make_formats(struct xlsx *x)
{
	lxw_workbook *wb = x->wb;
	x->title = new_format(wb);
	format_set_bold(x->title);
	format_set_font_size(x->title, TITLE_PT);
	format_set_align(x->title, LXW_ALIGN_CENTER);
	format_set_align(x->title, LXW_ALIGN_VERTICAL_CENTER);
	format_set_text_wrap(x->title);
	x->subtitle = new_format(wb);
	format_set_align(x->subtitle, LXW_ALIGN_LEFT);
	format_set_align(x->subtitle, LXW_ALIGN_VERTICAL_CENTER);
	format_set_text_wrap(x->subtitle);
	x->header = bordered(wb);
	format_set_bold(x->header);
	format_set_align(x->header, LXW_ALIGN_CENTER);
	format_set_text_wrap(x->header);
	format_set_bg_color(x->header, 0xD9E1F2);
	x->text = bordered(wb);
	format_set_text_wrap(x->text);
	x->date = bordered(wb);
	format_set_num_format(x->date, "yyyy-mm-dd");
	format_set_align(x->date, LXW_ALIGN_CENTER);
	x->integer = bordered(wb);
	format_set_num_format(x->integer, "0");
	format_set_align(x->integer, LXW_ALIGN_CENTER);
	x->money = bordered(wb);
	format_set_num_format(x->money, "0.00");
	x->line = new_format(wb);
	format_set_align(x->line, LXW_ALIGN_LEFT);
	format_set_align(x->line, LXW_ALIGN_VERTICAL_CENTER);
	format_set_text_wrap(x->line);
}

static void dir_of(const char *path, char *dir)
{
	const char *slash = strrchr(path, '/');
	if (slash == NULL)
		snprintf(dir, PATH_MAX, ".");
	else if (slash == path)
		snprintf(dir, PATH_MAX, "/");
	else
		snprintf(dir, PATH_MAX, "%.*s", (int)(slash - path), path);
}

/* ---- the temporary file ----
 *
 * .NAME.XXXXXX beside the target, 0600 (an export holds personal data),
 * created and renamed with the user's own group and rights even when the
 * program runs setgid (so it cannot write where the user may not, such as
 * the store's directory). It is locked while written; a signal that would
 * end the program removes it first, and one left by a SIGKILL (unlocked)
 * is removed by the next export to that folder. */

static char live_tmp[PATH_MAX];
static volatile sig_atomic_t live;
static const int cleanup_signals[] = { SIGINT, SIGTERM, SIGHUP };
static struct sigaction saved_actions[3];

static void on_signal(int sig)
{
	if (live)
		unlink(live_tmp);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Only where the signal would end the program: the screens handle their
 * own (they finish the export and then leave). */
static void watch_signals(const char *tmp)
{
	snprintf(live_tmp, sizeof live_tmp, "%s", tmp);
	live = 1;
	for (int i = 0; i < 3; i++) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sigaction(cleanup_signals[i], NULL, &saved_actions[i]);
		if (saved_actions[i].sa_handler != SIG_DFL)
			continue;
		sa.sa_handler = on_signal;
		sigaction(cleanup_signals[i], &sa, NULL);
	}
}

static void unwatch_signals(void)
{
	for (int i = 0; i < 3; i++)
		sigaction(cleanup_signals[i], &saved_actions[i], NULL);
	live = 0;
}

/* Holds the cleanup signals (delivered at release): around our temporary
 * file's birth, and around libxlsxwriter's adding a sheet and packing the
 * file, which make temporary files in x->dir and remove them at once — a
 * signal in between would leave one behind. */
static void hold_signals(sigset_t *old)
{
	sigset_t block;
	sigemptyset(&block);
	for (int i = 0; i < 3; i++)
		sigaddset(&block, cleanup_signals[i]);
	sigprocmask(SIG_BLOCK, &block, old);
}

static void release_signals(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

/* Runs as the user's own group (setgid: the group the program was
 * installed with is put back after). */
static gid_t as_user(void)
{
	gid_t eg = getegid();
	if (eg != getgid() && setegid(getgid()) != 0)
		return (gid_t)-1;
	return eg;
}

static void as_program(gid_t eg)
{
	if (eg != (gid_t)-1 && eg != getegid() && setegid(eg) != 0)
		return;	/* keeps the user's rights: safe, only less able */
}

/* .NAME.xlsx.XXXXXX: the name this file gives its temporary files. */
static bool is_temp_name(const char *n)
{
	size_t len = strlen(n);
	return n[0] == '.' && len > 13 && memcmp(n + len - 12, ".xlsx.", 6) == 0;
}

/* Removes temporary files an export killed outright left in dir: ours,
 * and not locked by an export still running. */
static void clean_stale(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		char p[PATH_MAX];
		struct stat st;
		if (!is_temp_name(de->d_name) ||
		    snprintf(p, sizeof p, "%s/%s", dir, de->d_name) >= (int)sizeof p)
			continue;
		int fd = open(p, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0)
			continue;
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == getuid() &&
		    flock(fd, LOCK_EX | LOCK_NB) == 0)
			unlink(p);
		close(fd);
	}
	closedir(d);
}

int xlsx_open(struct xlsx **out, const char *path, bool constant_memory,
	      struct err *e)
{
	struct xlsx *x = calloc(1, sizeof *x);
	*out = NULL;
	if (x == NULL)
		return err_set(e, "内存不足");
	if (snprintf(x->target, sizeof x->target, "%s", path) >= (int)sizeof x->target) {
		free(x);
		return err_set(e, "文件名太长：%s", path);
	}
	dir_of(path, x->dir);
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (snprintf(x->tmp, sizeof x->tmp, "%.3800s/.%.200s.XXXXXX", x->dir, base)
	    >= (int)sizeof x->tmp) {
		free(x);
		return err_set(e, "文件名太长：%s", path);
	}
	/* The temporary file claims a unique name in the target's directory,
	 * so an unwritable directory fails here, before any work. */
	gid_t eg = as_user();
	clean_stale(x->dir);
	/* No signal between the file's birth and its handler's knowing it. */
	sigset_t old;
	hold_signals(&old);
	int fd = mkstemp(x->tmp);	/* 0600 */
	int err = errno;
	as_program(eg);
	if (fd >= 0) {
		flock(fd, LOCK_EX | LOCK_NB);
		x->tmp_fd = fd;
		watch_signals(x->tmp);
	}
	release_signals(&old);
	if (fd < 0) {
		int rc = err_set(e, "无法写入 %s（在目录 %s 中建文件失败）：%s", path, x->dir, why(err));
		free(x);
		return rc;
	}
	lxw_workbook_options opt = {
		.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE,
		.tmpdir = x->dir,
		.use_zip64 = LXW_FALSE,
	};
	x->wb = workbook_new_opt(x->tmp, &opt);
	if (x->wb == NULL) {
		unlink(x->tmp);
		unwatch_signals();
		close(x->tmp_fd);
		free(x);
		return err_set(e, "无法创建 Excel 文件 %s（内存不足或无法写入）", path);
	}
	make_formats(x);
	*out = x;
	return 0;
}

/* ---- how tall a row must be: libxlsxwriter does not fit rows ----
 *
 * A column of width w (Excel's units: the default font's digit, 7 pixels)
 * is 7w + 5 pixels wide. A Chinese character of a pt-point font is pt * 4/3
 * pixels (96 dpi) and counts two display columns; a Latin one counts one.
 * Chinese text breaks between any two characters, so filling lines
 * character by character counts the lines the spreadsheet shows. */

#define CELL_PAD_PX 6		/* the cell's inner margins, left and right */
#define LINE_EM 1.45		/* line height / font size of the Chinese faces */

/* Display columns (half an em each) that fit in width w at pt points. */
static double columns_in(double w, double pt)
{
	double px = w * 7 + 5 - CELL_PAD_PX, half_em = pt * 2 / 3;
	return px > half_em ? px / half_em : 1;
}

/* A character's display columns from its UTF-8 lead byte: three- and
 * four-byte characters (Chinese, full-width punctuation) take two. */
static int lead_cols(unsigned char c)
{
	return c < 0xE0 ? 1 : 2;
}

int xlsx_lines(const char *s, double width, double pt)
{
	double cap = columns_in(width, pt), cur = 0;
	int lines = 1;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\n') {
			lines++;
			cur = 0;
		} else if ((*p & 0xC0) != 0x80) {
			int w = lead_cols(*p);
			if (cur > 0 && cur + w > cap) {
				lines++;
				cur = 0;
			}
			cur += w;
		}
	}
	return lines;
}

double xlsx_height(int lines, double pt)
{
	return lines * pt * LINE_EM + 4;
}

/* Width of a header in Excel character units, its widest line. */
static double text_width(const char *s)
{
	double w = 0, line = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p == '\n')
			line = 0;
		else if ((*p & 0xC0) != 0x80 && (line += lead_cols(*p)) > w)
			w = line;
	return w;
}

static void keep(struct xlsx *x, lxw_error rc)
{
	if (rc != LXW_NO_ERROR && x->lerr == LXW_NO_ERROR)
		x->lerr = rc;
}

static void merged(struct xlsx *x, const char *text, lxw_format *f)
{
	if (x->n_cols > 1)
		keep(x, worksheet_merge_range(x->ws, x->row, 0, x->row,
					      (lxw_col_t)(x->n_cols - 1), text, f));
	else
		keep(x, worksheet_write_string(x->ws, x->row, 0, text, f));
}

static void print_setup(struct xlsx *x, const struct xlsx_table *t)
{
	lxw_worksheet *ws = x->ws;
	if (t->portrait)
		worksheet_set_portrait(ws);
	else
		worksheet_set_landscape(ws);
	worksheet_set_paper(ws, (uint8_t)(t->paper > 0 ? t->paper : 9));
	worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.7);
	keep(x, worksheet_set_footer(ws, "&C第 &P 页 共 &N 页"));
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_center_horizontally(ws);
	/* One line of Chinese with room above and below: 15 pt, Excel's
	 * default, leaves the text touching the borders. */
	worksheet_set_default_row(ws, xlsx_height(1, BODY_PT), LXW_FALSE);
}

/* libxlsxwriter 1.1 does not check its writes to the constant_memory
 * temporary file of a worksheet: a full disk would give a truncated sheet
 * and a "successful" close. So the stream's error flag is checked here. */
static int sheet_written(struct xlsx *x, struct err *e)
{
	FILE *f = x->ws != NULL ? x->ws->optimize_tmpfile : NULL;
	if (f != NULL && (fflush(f) != 0 || ferror(f)))
		return err_set(e, "写 Excel 文件 %s 失败：%s（临时文件写不进去，磁盘可能已满）",
			       x->target, why(errno));
	return 0;
}

/* A row across the whole table (title, subtitle, a line below): as tall as
 * its text needs, and never lower than `least`. */
static void merged_row(struct xlsx *x, const char *text, lxw_format *f, double pt, double least)
{
	double h = xlsx_height(xlsx_lines(text, x->table_width, pt), pt);
	keep(x, worksheet_set_row(x->ws, x->row, h > least ? h : least, NULL));
	merged(x, text, f);
	x->row++;
}

static void set_columns(struct xlsx *x, const struct xlsx_table *t)
{
	x->table_width = 0;
	for (size_t c = 0; c < t->n_cols; c++) {
		double w = t->cols[c].width;
		if (w <= 0) {
			w = text_width(t->cols[c].header) + 2;
			if (t->cols[c].type == XLSX_DATE && w < 12)
				w = 12;
			if (w < 6)
				w = 6;
		}
		x->width[c] = w;
		x->fits[c] = (size_t)columns_in(w, BODY_PT);
		x->table_width += w;
		keep(x, worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL));
	}
}

static void header_row(struct xlsx *x, const struct xlsx_table *t)
{
	int lines = 2;
	for (size_t c = 0; c < t->n_cols; c++) {
		int n = xlsx_lines(t->cols[c].header, x->width[c], BODY_PT);
		if (n > lines)
			lines = n;
	}
	keep(x, worksheet_set_row(x->ws, x->row, xlsx_height(lines, BODY_PT) + 2, NULL));
	for (size_t c = 0; c < t->n_cols; c++)
		keep(x, worksheet_write_string(x->ws, x->row, (lxw_col_t)c,
					       t->cols[c].header, x->header));
	keep(x, worksheet_repeat_rows(x->ws, 0, x->row));
	worksheet_freeze_panes(x->ws, x->row + 1, 0);
	x->row++;
}

/* A worksheet's rows go through a temporary file, written as they come and
 * read back into the .xlsx: with stdio's 4 KiB buffer that is two system
 * calls per 4 KiB, about 33,000 for 100,000 rows. A bigger buffer saves
 * most of them (if it cannot be had, the default one does). */
#define SHEET_BUFFER (256 * 1024)

static void sheet_buffer(struct xlsx *x)
{
	FILE *f = x->ws->optimize_tmpfile;
	int i = x->n_sheets - 1;
	if (f == NULL || i >= (int)(sizeof x->sheet_buf / sizeof x->sheet_buf[0]))
		return;
	x->sheet_buf[i] = malloc(SHEET_BUFFER);
	if (x->sheet_buf[i] != NULL && setvbuf(f, x->sheet_buf[i], _IOFBF, SHEET_BUFFER) != 0) {
		free(x->sheet_buf[i]);
		x->sheet_buf[i] = NULL;
	}
}

static void xlsx_free(struct xlsx *x)
{
	for (size_t i = 0; i < sizeof x->sheet_buf / sizeof x->sheet_buf[0]; i++)
		free(x->sheet_buf[i]);
	free(x);
}

int xlsx_table_begin(struct xlsx *x, const struct xlsx_table *t, struct err *e)
{
	if (sheet_written(x, e) != 0)
		return -1;
	if (t->n_cols == 0 || t->n_cols > XLSX_MAX_COLS)
		return err_set(e, "表格“%s”有 %zu 列（应为 1 到 %d 列）", t->title, t->n_cols,
			       XLSX_MAX_COLS);
	x->n_sheets++;
	if (t->sheet != NULL)
		snprintf(x->sheet, sizeof x->sheet, "%s", t->sheet);
	else
		snprintf(x->sheet, sizeof x->sheet, "Sheet%d", x->n_sheets);
	sigset_t old;
	hold_signals(&old);
	x->ws = workbook_add_worksheet(x->wb, x->sheet);
	release_signals(&old);
	if (x->ws == NULL)
		return err_set(e, "无法在 %s 中添加工作表“%s”（无法创建临时文件或名称无效）",
			       x->target, x->sheet);
	sheet_buffer(x);
	x->n_cols = t->n_cols;
	x->row = 0;
	x->row_lines = 1;
	print_setup(x, t);
	set_columns(x, t);
	merged_row(x, t->title, x->title, TITLE_PT, 30);
	if (t->subtitle != NULL && *t->subtitle)
		merged_row(x, t->subtitle, x->subtitle, BODY_PT, 20);
	header_row(x, t);
	x->first_data = x->row;
	if (x->lerr != LXW_NO_ERROR)
		return err_set(e, "写 %s 的表头时出错：%s", x->target, lxw_strerror(x->lerr));
	return 0;
}

/* Text cells wrap: the row grows to the tallest. The byte length bounds
 * the display width from above, so most cells are passed without being
 * measured. */
void xlsx_text(struct xlsx *x, size_t col, const char *s)
{
	if (s == NULL || *s == '\0') {
		keep(x, worksheet_write_blank(x->ws, x->row, (lxw_col_t)col, x->text));
		return;
	}
	size_t n = strlen(s);
	if (col < x->n_cols && (n > x->fits[col] || memchr(s, '\n', n) != NULL)) {
		int lines = xlsx_lines(s, x->width[col], BODY_PT);
		if (lines > x->row_lines)
			x->row_lines = lines;
	}
	keep(x, worksheet_write_string(x->ws, x->row, (lxw_col_t)col, s, x->text));
}

/* An Excel date is a day number (1900 system): 1970-01-01 is 25569, so a
 * date_t converts by one addition — cheaper than lxw_datetime's calendar
 * arithmetic on every cell, and the same for every date after 1900-03-01. */
void xlsx_date(struct xlsx *x, size_t col, date_t d)
{
	keep(x, worksheet_write_number(x->ws, x->row, (lxw_col_t)col, (double)d + 25569.0, x->date));
}

void xlsx_int(struct xlsx *x, size_t col, int64_t v)
{
	keep(x, worksheet_write_number(x->ws, x->row, (lxw_col_t)col, (double)v, x->integer));
}

void xlsx_money(struct xlsx *x, size_t col, int64_t fen)
{
	keep(x, worksheet_write_number(x->ws, x->row, (lxw_col_t)col, (double)fen / 100.0,
				       x->money));
}

void xlsx_blank(struct xlsx *x, size_t col)
{
	keep(x, worksheet_write_blank(x->ws, x->row, (lxw_col_t)col, x->text));
}

/* The height is set while the row is still the current one (constant
 * memory writes a row out only when the next one begins). */
void xlsx_row_end(struct xlsx *x)
{
	if (x->row_lines > 1)
		keep(x, worksheet_set_row(x->ws, x->row, xlsx_height(x->row_lines, BODY_PT), NULL));
	x->row_lines = 1;
	x->row++;
}

void xlsx_line(struct xlsx *x, const char *text)
{
	merged_row(x, text, x->line, BODY_PT, 24);
}

long xlsx_rows(const struct xlsx *x)
{
	return (long)x->row - (long)x->first_data;
}

int xlsx_column_chart(struct xlsx *x, const char *title, size_t cat, size_t val,
		      struct err *e)
{
	if (x->row == x->first_data)
		return 0;	/* nothing to draw */
	lxw_chart *chart = workbook_add_chart(x->wb, LXW_CHART_COLUMN);
	if (chart == NULL)
		return err_set(e, "无法创建图表（内存不足）");
	lxw_chart_series *s = chart_add_series(chart, NULL, NULL);
	if (s == NULL)
		return err_set(e, "无法创建图表（内存不足）");
	lxw_row_t last = x->row - 1;
	chart_series_set_categories(s, x->sheet, x->first_data, (lxw_col_t)cat, last,
				    (lxw_col_t)cat);
	chart_series_set_values(s, x->sheet, x->first_data, (lxw_col_t)val, last,
				(lxw_col_t)val);
	chart_series_set_labels(s);
	if (title != NULL && *title)
		chart_title_set_name(chart, title);
	chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
	lxw_chart_options opt = { .x_scale = 1.5, .y_scale = 1.3 };
	lxw_error rc = worksheet_insert_chart_opt(x->ws, x->first_data - 1,
						  (lxw_col_t)(x->n_cols + 1), chart, &opt);
	if (rc != LXW_NO_ERROR)
		return err_set(e, "无法插入图表：%s", lxw_strerror(rc));
	return 0;
}

static const char *lxw_why(lxw_error rc)
{
	switch (rc) {
	case LXW_ERROR_MEMORY_MALLOC_FAILED:
		return "内存不足";
	case LXW_ERROR_CREATING_XLSX_FILE:
		return "无法创建文件";
	case LXW_ERROR_CREATING_TMPFILE:
		return "无法创建临时文件（磁盘已满或没有写入权限）";
	case LXW_ERROR_READING_TMPFILE:
		return "无法读取临时文件";
	case LXW_ERROR_ZIP_FILE_OPERATION:
	case LXW_ERROR_ZIP_FILE_ADD:
	case LXW_ERROR_ZIP_CLOSE:
		return "写入压缩文件失败（磁盘可能已满）";
	default:
		return NULL;
	}
}

/* A network share or a nearly full disk may report ENOSPC only here. */
static int sync_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	int err = errno;
	close(fd);
	errno = err;
	return rc;
}

int xlsx_commit(struct xlsx *x, struct err *e)
{
	if (sheet_written(x, e) != 0) {
		xlsx_abort(x);
		return -1;
	}
	lxw_error first = x->lerr;
	sigset_t old;
	hold_signals(&old);
	lxw_error rc = workbook_close(x->wb);
	release_signals(&old);
	x->wb = NULL;
	int ret = 0;
	if (first == LXW_NO_ERROR)
		first = rc;
	if (first != LXW_NO_ERROR) {
		const char *w = lxw_why(first);
		ret = err_set(e, "写 Excel 文件 %s 失败：%s（%s）", x->target,
			      w ? w : "libxlsxwriter 报错", lxw_strerror(first));
	} else if (sync_file(x->tmp) != 0) {
		ret = err_set(e, "写 Excel 文件 %s 失败：%s", x->target, why(errno));
	} else {
		gid_t eg = as_user();
		if (rename(x->tmp, x->target) != 0)
			ret = err_set(e, "无法把临时文件改名为 %s：%s", x->target, why(errno));
		as_program(eg);
	}
	if (ret != 0)
		unlink(x->tmp);
	unwatch_signals();
	close(x->tmp_fd);
	xlsx_free(x);
	return ret;
}

void xlsx_abort(struct xlsx *x)
{
	if (x == NULL)
		return;
	if (x->wb != NULL) {
		sigset_t old;
		hold_signals(&old);
		workbook_close(x->wb);
		release_signals(&old);
	}
	unlink(x->tmp);
	unwatch_signals();
	close(x->tmp_fd);
	xlsx_free(x);
}
