#include "core/export/xlsx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "core/office/config.h"

struct xlsx {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	char target[PATH_MAX];
	char tmp[PATH_MAX];
	char dir[PATH_MAX];
	char sheet[64];
	int n_sheets;
	size_t n_cols;
	lxw_row_t row;		/* the current row */
	lxw_row_t first_data;
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

static lxw_format *bordered(lxw_workbook *wb)
{
	lxw_format *f = workbook_add_format(wb);
	format_set_border(f, LXW_BORDER_THIN);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	return f;
}

static void make_formats(struct xlsx *x)
{
	lxw_workbook *wb = x->wb;
	x->title = workbook_add_format(wb);
	format_set_bold(x->title);
	format_set_font_size(x->title, 16);
	format_set_align(x->title, LXW_ALIGN_CENTER);
	format_set_align(x->title, LXW_ALIGN_VERTICAL_CENTER);
	x->subtitle = workbook_add_format(wb);
	format_set_align(x->subtitle, LXW_ALIGN_LEFT);
	format_set_align(x->subtitle, LXW_ALIGN_VERTICAL_CENTER);
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
	x->line = workbook_add_format(wb);
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
	int fd = mkstemp(x->tmp);
	if (fd < 0) {
		int err = errno;
		int rc = err_set(e, "无法写入 %s（在目录 %s 中建文件失败）：%s", path, x->dir, why(err));
		free(x);
		return rc;
	}
	/* mkstemp makes the file 0600; the report gets the usual 0666 & ~umask. */
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	close(fd);
	lxw_workbook_options opt = {
		.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE,
		.tmpdir = x->dir,
		.use_zip64 = LXW_FALSE,
	};
	x->wb = workbook_new_opt(x->tmp, &opt);
	if (x->wb == NULL) {
		unlink(x->tmp);
		free(x);
		return err_set(e, "无法创建 Excel 文件 %s（内存不足或无法写入）", path);
	}
	make_formats(x);
	*out = x;
	return 0;
}

/* Display width of a header in Excel character units: two per Chinese
 * character, one per ASCII character. */
static double text_width(const char *s)
{
	double w = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x80)
			w += 1;
		else if ((*p & 0xC0) != 0x80)
			w += 2;
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
	x->n_sheets++;
	if (t->sheet != NULL)
		snprintf(x->sheet, sizeof x->sheet, "%s", t->sheet);
	else
		snprintf(x->sheet, sizeof x->sheet, "Sheet%d", x->n_sheets);
	x->ws = workbook_add_worksheet(x->wb, x->sheet);
	if (x->ws == NULL)
		return err_set(e, "无法在 %s 中添加工作表“%s”（无法创建临时文件或名称无效）",
			       x->target, x->sheet);
	sheet_buffer(x);
	x->n_cols = t->n_cols;
	x->row = 0;
	print_setup(x, t);
	for (size_t c = 0; c < t->n_cols; c++) {
		double w = t->cols[c].width;
		if (w <= 0) {
			w = text_width(t->cols[c].header) + 2;
			if (t->cols[c].type == XLSX_DATE && w < 12)
				w = 12;
			if (w < 6)
				w = 6;
		}
		keep(x, worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL));
	}
	keep(x, worksheet_set_row(x->ws, x->row, 30, NULL));
	merged(x, t->title, x->title);
	x->row++;
	if (t->subtitle != NULL && *t->subtitle) {
		keep(x, worksheet_set_row(x->ws, x->row, 20, NULL));
		merged(x, t->subtitle, x->subtitle);
		x->row++;
	}
	keep(x, worksheet_set_row(x->ws, x->row, 32, NULL));
	for (size_t c = 0; c < t->n_cols; c++)
		keep(x, worksheet_write_string(x->ws, x->row, (lxw_col_t)c,
					       t->cols[c].header, x->header));
	keep(x, worksheet_repeat_rows(x->ws, 0, x->row));
	worksheet_freeze_panes(x->ws, x->row + 1, 0);
	x->row++;
	x->first_data = x->row;
	if (x->lerr != LXW_NO_ERROR)
		return err_set(e, "写 %s 的表头时出错：%s", x->target, lxw_strerror(x->lerr));
	return 0;
}

void xlsx_text(struct xlsx *x, size_t col, const char *s)
{
	if (s == NULL || *s == '\0')
		keep(x, worksheet_write_blank(x->ws, x->row, (lxw_col_t)col, x->text));
	else
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

void xlsx_row_end(struct xlsx *x)
{
	x->row++;
}

void xlsx_line(struct xlsx *x, const char *text)
{
	keep(x, worksheet_set_row(x->ws, x->row, 24, NULL));
	merged(x, text, x->line);
	x->row++;
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
	lxw_error rc = workbook_close(x->wb);
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
	} else if (rename(x->tmp, x->target) != 0) {
		ret = err_set(e, "无法把临时文件改名为 %s：%s", x->target, why(errno));
	}
	if (ret != 0)
		unlink(x->tmp);
	xlsx_free(x);
	return ret;
}

void xlsx_abort(struct xlsx *x)
{
	if (x == NULL)
		return;
	if (x->wb != NULL)
		workbook_close(x->wb);
	unlink(x->tmp);
	xlsx_free(x);
}
