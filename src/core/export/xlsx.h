/* Writing .xlsx files: the one place that talks to libxlsxwriter.
 *
 * A file is written to a temporary name in the target's directory and
 * renamed over the target only when libxlsxwriter has closed it without
 * error, so a failure (unwritable directory, full disk) leaves no
 * half-written file. Cells are written strictly row by row (constant_memory
 * mode keeps only the current row in memory). */
#ifndef JZ_XLSX_H
#define JZ_XLSX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/base/date.h"
#include "core/base/err.h"

struct xlsx;

#define XLSX_MAX_COLS 64

enum xlsx_type { XLSX_TEXT, XLSX_DATE, XLSX_INT, XLSX_MONEY };

struct xlsx_col {
	const char *header;
	enum xlsx_type type;
	double width;		/* Excel character units; 0 = from the header */
};
/* A header, title or text cell may hold line breaks ("乡镇\n（街道）"). */

/* One printed table: title row (merged across the columns), optional
 * subtitle row, header row, then the data rows. */
struct xlsx_table {
	const char *sheet;	/* worksheet name, NULL = Sheet1 … */
	const char *title;
	const char *subtitle;	/* NULL or "" = none */
	const struct xlsx_col *cols;
	size_t n_cols;
	bool portrait;		/* default landscape */
	int paper;		/* Excel paper code, 0 = A4 (9) */
};

/* Opens a workbook that will become `path`. constant_memory: see above;
 * a workbook with a chart wants it off (the chart's cached values are read
 * back from the cells). */
int xlsx_open(struct xlsx **out, const char *path, bool constant_memory,
	      struct err *e);

/* The zlib level (1 fastest … 9 smallest) of every workbook closed from
 * now on; anything else is zlib's default (6). tuiconfig.ini [export]
 * compression, set when the session reads it. See zip-level.c. */
void xlsx_set_compression(int level);

/* Adds a worksheet and writes its title, subtitle and header rows, with
 * the print setup (A4, landscape unless portrait, repeated title rows, page
 * numbers, fit to the page width). Every row whose text wraps is made as
 * tall as its text: title, subtitle, header, data rows and lines below.
 * Every cell is in SimSun (宋体). Data rows follow. */
int xlsx_table_begin(struct xlsx *x, const struct xlsx_table *t, struct err *e);

/* Cells of the current data row; col counts from 0. A write error is kept
 * and reported by xlsx_commit. */
void xlsx_text(struct xlsx *x, size_t col, const char *s);
void xlsx_date(struct xlsx *x, size_t col, date_t d);
void xlsx_int(struct xlsx *x, size_t col, int64_t v);
void xlsx_money(struct xlsx *x, size_t col, int64_t fen);
void xlsx_blank(struct xlsx *x, size_t col);
/* Ends the current data row. */
void xlsx_row_end(struct xlsx *x);

/* A line below the table (signature line, note), merged across it. */
void xlsx_line(struct xlsx *x, const char *text);

/* A native column chart of the current table's data rows: categories in
 * column cat, values in column val, put to the right of the table. */
int xlsx_column_chart(struct xlsx *x, const char *title, size_t cat, size_t val,
		      struct err *e);

/* Lines that text takes in a wrapping cell `width` Excel units wide, in a
 * font of pt points: line breaks kept, a Chinese character counted as two
 * Latin ones. */
int xlsx_lines(const char *s, double width, double pt);
/* Row height in points for that many lines of a pt-point font. */
double xlsx_height(int lines, double pt);

/* Data rows written so far in the current table. */
long xlsx_rows(const struct xlsx *x);

/* Closes the workbook and renames it over the target; on any error the
 * temporary file is removed. Frees x either way. */
int xlsx_commit(struct xlsx *x, struct err *e);
/* Gives up: closes, removes the temporary file, frees x. */
void xlsx_abort(struct xlsx *x);

#endif
