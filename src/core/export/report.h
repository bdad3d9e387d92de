/* Reports defined as data: each reports/NAME.ini names a title, the columns
 * and one read-only SQL query; report_export streams the query's rows into
 * an .xlsx file (xlsx.h), so 100,000 rows take constant memory.
 *
 * A report file:
 *   [report]
 *   id = helper-ledger            ; used on the command line
 *   title = …                     ; row 1, merged across the columns
 *   subtitle = 村（社区）：{village} ; optional; {village} {township} {county}
 *                                 ; {quarter} {from} {to} are filled in, and
 *                                 ; {due}: tuiconfig.ini's [quarterly] due
 *                                 ; dates (6月25日、9月25日、12月25日),
 *                                 ; {phone}: [office] complaint_phone
 *   params = village, from, to    ; what it needs; "township?" = optional
 *   query = SELECT …              ; one SELECT (trailing \ continues a line)
 *   footer = …                    ; optional lines below the table
 *   note = …
 *   orientation = landscape       ; or portrait
 *   paper = 9                     ; Excel paper code, 9 = A4
 *   [column.1] …  [column.N]      ; in file order, one per shown column:
 *   header = 序号                 ; \n breaks the line (also in title,
 *                                 ; subtitle, footer and note)
 *   type = seq                    ; text|date|int|money|seq (seq takes no
 *                                 ; query column: it is the row number)
 *   width = 6                     ; optional, Excel character units
 *   mask = id                     ; optional: ID number shown as 1234**********5678
 *   [chart]                       ; optional: a second sheet with a chart
 *   type = column
 *   title = …
 *   query = SELECT label, n …     ; two columns: category, value
 *   category = 救助类别
 *   value = 申请数
 *
 * Query parameters bound by name: :village :township :county :from :to
 * :quarter_from :quarter_to (unset ones are NULL). Helper SQL functions
 * registered on the connection: kind_name(code), state_name(code),
 * channel_name(code), mask_id(text). */
#ifndef JZ_REPORT_H
#define JZ_REPORT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/base/progress.h"
#include "core/office/catalogue.h"
#include "core/office/config.h"
#include "core/base/err.h"
#include "core/store/store.h"

enum report_col_type { RCOL_TEXT, RCOL_DATE, RCOL_INT, RCOL_MONEY, RCOL_SEQ };

struct report_col {
	char header[256];
	enum report_col_type type;
	double width;		/* 0 = from the header */
	bool mask_id;
};

/* Parameters a report may take (bits of report_def.params / .optional). */
enum {
	RP_VILLAGE = 1, RP_FROM = 2, RP_TO = 4, RP_QUARTER = 8, RP_TOWNSHIP = 16,
};

struct report_def {
	char id[64];
	char file[PATH_MAX];	/* for messages */
	char title[256];	/* as printed, {township} … filled in */
	char name[256];		/* for lists and messages: the title with
				 * {township} read 乡镇（街道）, as the seed names it */
	char subtitle[256];
	unsigned params;	/* accepted */
	unsigned required;	/* subset of params */
	char *query;		/* owned */
	int query_line;
	char footer[256];
	char note[512];
	bool portrait;
	int paper;
	struct report_col *cols;	/* owned */
	size_t n_cols;
	size_t n_query_cols;	/* columns that are not seq */
	bool has_chart;
	char chart_title[128];
	char *chart_query;	/* owned */
	int chart_query_line;
	char chart_category[64];
	char chart_value[64];
};

struct report_set {
	struct report_def *defs;	/* owned, sorted by id */
	size_t n;
};

/* The values given on the command line (NULL = not given). */
struct report_params {
	const char *village;
	const char *township;
	const char *from;	/* YYYY-MM-DD */
	const char *to;
	const char *quarter;	/* 2026Q3 */
};

/* Loads one report file, checking every section and key. */
int report_load(const char *path, struct report_def *r, struct err *e);
void report_free(struct report_def *r);

/* Loads every *.ini of dir. Messages name the file, the line and the
 * problem. Two files with one id are an error. */
int reports_load_dir(const char *dir, struct report_set *set, struct err *e);
void reports_free(struct report_set *set);
const struct report_def *reports_find(const struct report_set *set, const char *id);

/* Registers kind_name, state_name, channel_name, mask_id and due_text on the store's
 * connection, once per connection (registering again would expire every
 * cached statement). The catalogue must outlive the connection's use. */
int report_register_functions(struct store *s, const struct config *cfg,
			      const struct catalogue *cat, struct err *e);

/* Prepares each query against db (functions registered): refuses any that
 * is not read-only, whose column count does not match the report's, or
 * that uses an unknown :parameter. */
int reports_check(const struct report_set *set, sqlite3 *db, struct err *e);

/* Parameter names for messages, e.g. "--village NAME --from … --to …". */
void report_params_usage(const struct report_def *r, char *out, size_t size);

/* Checks the given values against what the report needs: missing,
 * unexpected, malformed (dates, quarter), from after to, a village or
 * township the store does not know. The message names the option. */
int report_params_check(struct store *s, const struct report_def *r,
			const struct report_params *p, struct err *e);

/* Runs the report and writes out_path (an .xlsx). progress (may be NULL)
 * is called every few thousand rows; total is -1 when unknown. */
int report_export(struct store *s, const struct config *cfg,
		  const struct catalogue *cat, const struct report_def *r,
		  const struct report_params *p, const char *out_path,
		  progress_fn progress, void *ctx, long *rows_out,
		  struct err *e);

/* "2026Q3" → first and last day; -1 when malformed. */
int report_quarter(const char *q, date_t *from, date_t *to);

#endif
