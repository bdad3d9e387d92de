/* CSV import of households, in one pass inside one transaction: each row
 * is checked as it is read; a household is written once its last row is
 * read, if it is good and (unless bad households are skipped) every row
 * before it was; at the end the transaction is committed, or rolled back
 * when a bad row makes the import fail. Only the current household's rows
 * are held, besides the file and the set of ID numbers seen. */
#include "core/tools/import.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/csv.h"
#include "core/domain/access.h"
#include "core/domain/household.h"
#include "core/domain/office.h"
#include "core/base/text.h"
#include "core/base/textfile.h"
#include "core/office/form.h"
#include "core/store/search.h"

enum col { COL_VILLAGE, COL_NAME, COL_ID, COL_RELATION, COL_PHONE, COL_ADDRESS, N_COLS };

static const struct {
	const char *name;
	bool required;
} columns[N_COLS] = {
	[COL_VILLAGE] = { "村（社区）", true },
	[COL_NAME] = { "姓名", true },
	[COL_ID] = { "身份证号码", true },
	[COL_RELATION] = { "与户主关系", true },
	[COL_PHONE] = { "联系电话", false },
	[COL_ADDRESS] = { "家庭住址", false },
};

#define HEAD_RELATION "户主"
/* A title row or two may stand above the header in a roster. */
#define HEADER_SEARCH 10
/* Rows between two calls of the progress function. */
#define PROGRESS_EVERY 4096

/* A row of the household being read. */
struct row {
	size_t line;
	size_t off[N_COLS];	/* of each field in the household's text */
	struct idcard id;
	bool id_ok;		/* a valid number not seen earlier in the file */
	bool bad;
	int64_t village_id;
};

/* The household being read: a head row and the rows after it up to the
 * next head; before the first head, rows that belong to none. */
struct household {
	struct row *rows;
	size_t n, cap;
	char *text;		/* the rows' fields, each NUL-terminated */
	size_t used, text_cap;
	bool headed, bad;
};

/* A household left out under skip_bad: said after the rows' messages. */
struct dropped {
	size_t line, n;
	char *name;		/* owned: the head's */
};

struct village {
	char *name;		/* owned */
	int64_t id;		/* 0: not a village of the township */
	char *error;		/* owned, when id is 0 */
};

/* The ID numbers seen in the file, by their first 17 digits (the 18th
 * follows from them), each with its line: open addressing. */
struct id_set {
	uint64_t *keys;		/* the digits + 1; 0 is an empty slot */
	size_t *lines;
	size_t cap, n;
};

struct import {
	struct store *s;
	const struct config *cfg;
	const struct validator *v;
	/* The fields of forms/household.ini and person.ini: a cell gets the
	 * limits a clerk typing it would (length, pattern, choices). */
	const struct field_def *address, *relation, *name;
	struct import_report *r;
	const char *path;
	date_t today;
	bool skip_bad;
	bool failing;		/* a bad row and !skip_bad: nothing more is written */
	bool oom;
	size_t lines_cap;

	int col[N_COLS];	/* field index of each column, -1 when absent */
	size_t n_header;

	struct household hh;
	struct dropped *dropped;
	size_t n_dropped, cap_dropped;
	struct village *villages;
	size_t n_villages;
	struct id_set ids;
	/* The user, whose area each village is checked against once, and
	 * the same roles over the whole store, which the rows are written
	 * as: two area queries a person saved. */
	struct store_actor user, whole;
};

/* ---- the report ---- */

static void report_add(struct import *im, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void report_add(struct import *im, const char *fmt, ...)
{
	struct import_report *r = im->r;
	if (r->n_lines == im->lines_cap) {
		size_t cap = im->lines_cap ? im->lines_cap * 2 : 16;
		char **l = realloc(r->lines, cap * sizeof *l);
		if (l == NULL) {
			im->oom = true;
			return;
		}
		r->lines = l;
		im->lines_cap = cap;
	}
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *line = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (line == NULL) {
		im->oom = true;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(line, (size_t)n + 1, fmt, ap);
	va_end(ap);
	r->lines[r->n_lines++] = line;
}

static void row_error(struct import *im, struct row *w, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void row_error(struct import *im, struct row *w, const char *fmt, ...)
{
	char msg[1536];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	w->bad = true;
	report_add(im, "第 %zu 行：%s", w->line, msg);
}

void import_report_free(struct import_report *r)
{
	for (size_t i = 0; i < r->n_lines; i++)
		free(r->lines[i]);
	free(r->lines);
	memset(r, 0, sizeof *r);
}

/* ---- text helpers ---- */

static bool is_ideographic_space(const char *s)
{
	return (unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 &&
	       (unsigned char)s[2] == 0x80;
}

/* Cuts blanks (ASCII and U+3000) from both ends, in place. */
static char *trim(char *s)
{
	for (;;) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		else if (is_ideographic_space(s))
			s += 3;
		else
			break;
	}
	size_t n = strlen(s);
	for (;;) {
		if (n > 0 && strchr(" \t\r\n", s[n - 1]) != NULL)
			n--;
		else if (n >= 3 && is_ideographic_space(s + n - 3))
			n -= 3;
		else
			break;
	}
	s[n] = '\0';
	return s;
}

static bool record_blank(const struct csv_record *rec)
{
	for (size_t i = 0; i < rec->n; i++)
		if (*trim(rec->fields[i]) != '\0')
			return false;
	return true;
}

/* A header cell with blanks removed and ASCII parentheses made full-width,
 * so 村(社区) and 村 （社区） both read as 村（社区）. */
static void header_name(const char *cell, char *out, size_t size)
{
	size_t n = 0;
	for (const char *p = cell; *p != '\0' && n + 4 < size; p++) {
		if (*p == ' ' || *p == '\t')
			continue;
		if (is_ideographic_space(p)) {
			p += 2;
			continue;
		}
		const char *rep = *p == '(' ? "（" : *p == ')' ? "）" : NULL;
		if (rep != NULL) {
			memcpy(out + n, rep, strlen(rep));
			n += strlen(rep);
		} else {
			out[n++] = *p;
		}
	}
	out[n] = '\0';
}

/* ---- the header ---- */

static int header_column(const char *cell)
{
	char name[256];
	header_name(cell, name, sizeof name);
	for (int c = 0; c < N_COLS; c++)
		if (strcmp(name, columns[c].name) == 0)
			return c;
	return -1;
}

static size_t header_known(const struct csv_record *rec)
{
	size_t known = 0;
	for (size_t i = 0; i < rec->n; i++)
		known += header_column(rec->fields[i]) >= 0;
	return known;
}

static int header_read(struct import *im, const struct csv_record *rec, struct err *e)
{
	char unknown[1024] = "";
	size_t ulen = 0;
	for (int c = 0; c < N_COLS; c++)
		im->col[c] = -1;
	im->n_header = rec->n;
	for (size_t i = 0; i < rec->n; i++) {
		const char *cell = trim(rec->fields[i]);
		int c = header_column(cell);
		if (c >= 0 && im->col[c] >= 0)
			return err_set(e, "文件 %s 第 %zu 行：表头中“%s”列出现了两次（第 %d 列和第 %zu 列）",
				       im->path, rec->line, columns[c].name, im->col[c] + 1, i + 1);
		if (c >= 0) {
			im->col[c] = (int)i;
		} else if (*cell != '\0' && ulen + strlen(cell) + 4 < sizeof unknown) {
			ulen += (size_t)snprintf(unknown + ulen, sizeof unknown - ulen, "%s%s",
						 ulen ? "、" : "", cell);
		}
	}
	char missing[256] = "";
	size_t mlen = 0;
	for (int c = 0; c < N_COLS; c++)
		if (columns[c].required && im->col[c] < 0)
			mlen += (size_t)snprintf(missing + mlen, sizeof missing - mlen, "%s%s",
						 mlen ? "、" : "", columns[c].name);
	if (mlen > 0)
		return err_set(e, "文件 %s 第 %zu 行：表头缺少必需的列：%s", im->path, rec->line, missing);
	if (ulen > 0)
		report_add(im, "未识别的列：%s（已忽略）", unknown);
	return 0;
}

/* ---- villages, cached by name: a roster names few of them ---- */

static int village_lookup(struct import *im, const char *name, struct village **out)
{
	for (size_t i = 0; i < im->n_villages; i++)
		if (strcmp(im->villages[i].name, name) == 0) {
			*out = &im->villages[i];
			return 0;
		}
	struct village *nv = realloc(im->villages, (im->n_villages + 1) * sizeof *nv);
	if (nv == NULL)
		return -1;
	im->villages = nv;
	struct village *v = &nv[im->n_villages];
	struct err ve;
	v->id = 0;
	v->error = NULL;
	v->name = strdup(name);
	if (v->name == NULL)
		return -1;
	store_set_actor(im->s, &im->user);
	int rc = office_village_id(im->s, im->cfg, name, &v->id, &ve);
	if (rc == 0)
		rc = access_check(im->s, ACT_HOUSEHOLD, v->id, &ve);
	store_set_actor(im->s, &im->whole);
	if (rc != 0) {
		v->id = 0;
		v->error = strdup(ve.msg);
		if (v->error == NULL) {
			free(v->name);
			return -1;
		}
	}
	im->n_villages++;
	*out = v;
	return 0;
}


/* ---- ID numbers seen in the file ---- */

static uint64_t id_key(const char *number)
{
	uint64_t k = 0;
	for (int i = 0; i < 17; i++)
		k = k * 10 + (uint64_t)(number[i] - '0');
	return k + 1;
}

static size_t id_slot(const struct id_set *set, uint64_t key)
{
	size_t mask = set->cap - 1;
	size_t i = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 32) & mask;
	while (set->keys[i] != 0 && set->keys[i] != key)
		i = (i + 1) & mask;
	return i;
}

static int id_grow(struct id_set *set)
{
	struct id_set bigger = { .cap = set->cap ? set->cap * 2 : 4096, .n = set->n };
	bigger.keys = calloc(bigger.cap, sizeof *bigger.keys);
	bigger.lines = malloc(bigger.cap * sizeof *bigger.lines);
	if (bigger.keys == NULL || bigger.lines == NULL) {
		free(bigger.keys);
		free(bigger.lines);
		return -1;
	}
	for (size_t i = 0; i < set->cap; i++)
		if (set->keys[i] != 0) {
			size_t k = id_slot(&bigger, set->keys[i]);
			bigger.keys[k] = set->keys[i];
			bigger.lines[k] = set->lines[i];
		}
	free(set->keys);
	free(set->lines);
	*set = bigger;
	return 0;
}

/* The line that had `number` before (0 if none, after adding it at line). */
static int id_add(struct id_set *set, const char *number, size_t line, size_t *earlier)
{
	if (4 * (set->n + 1) > 3 * set->cap && id_grow(set) != 0)
		return -1;
	uint64_t key = id_key(number);
	size_t i = id_slot(set, key);
	*earlier = set->keys[i] != 0 ? set->lines[i] : 0;
	if (set->keys[i] == 0) {
		set->keys[i] = key;
		set->lines[i] = line;
		set->n++;
	}
	return 0;
}

/* ---- the household being read ---- */

static const char *field(const struct import *im, const struct row *w, enum col c)
{
	return im->hh.text + w->off[c];
}

/* Appends a row with the given fields (copied); NULL when out of memory. */
static struct row *hh_add(struct import *im, size_t line, const char *const src[N_COLS])
{
	struct household *hh = &im->hh;
	size_t need = hh->used;
	for (int c = 0; c < N_COLS; c++)
		need += strlen(src[c]) + 1;
	if (need > hh->text_cap) {
		size_t cap = hh->text_cap ? hh->text_cap : 1024;
		while (cap < need)
			cap *= 2;
		char *t = realloc(hh->text, cap);
		if (t == NULL)
			return NULL;
		hh->text = t;
		hh->text_cap = cap;
	}
	if (hh->n == hh->cap) {
		size_t cap = hh->cap ? hh->cap * 2 : 16;
		struct row *r = realloc(hh->rows, cap * sizeof *r);
		if (r == NULL)
			return NULL;
		hh->rows = r;
		hh->cap = cap;
	}
	struct row *w = &hh->rows[hh->n++];
	memset(w, 0, sizeof *w);
	w->line = line;
	for (int c = 0; c < N_COLS; c++) {
		size_t n = strlen(src[c]) + 1;
		memcpy(hh->text + hh->used, src[c], n);
		w->off[c] = hh->used;
		hh->used += n;
	}
	return w;
}

/* ---- checking one row ---- */

static int check_id(struct import *im, struct row *w, struct err *e)
{
	const char *text = field(im, w, COL_ID);
	struct err ve;
	if (validate_id(im->v, text, im->today, &w->id, &ve) != 0) {
		bool sci = strstr(text, "E+") != NULL || strstr(text, "e+") != NULL;
		row_error(im, w, "%s%s", ve.msg, sci ? "（号码被 Excel 转成了科学计数法："
			  "请把该列设为“文本”格式后重新输入号码）" : "");
		return 0;
	}
	char masked[19];
	idcard_mask(w->id.number, masked);
	if (w->id.upgraded)
		report_add(im, "第 %zu 行：15 位身份证号码已升级为 18 位 %s", w->line, masked);
	if (!w->id.region_known)
		report_add(im, "第 %zu 行：身份证号码 %s 的地区代码 %.6s 未收录在行政区划表中（仅提醒）",
			   w->line, masked, w->id.number);
	size_t earlier;
	if (id_add(&im->ids, w->id.number, w->line, &earlier) != 0)
		return err_set(e, "内存不足");
	if (earlier != 0)
		row_error(im, w, "身份证号码 %s 与第 %zu 行重复", masked, earlier);
	else
		w->id_ok = true;	/* the store is asked later: see end_household */
	return 0;
}

/* A cell against its form field; an empty optional cell is not checked
 * (a roster may lack the column). A line break typed in an Excel cell
 * (Alt+Enter) counts as a space here, as it always has on import. */
static void check_cell(struct import *im, struct row *w, const struct field_def *fd,
		       const char *cell)
{
	char out[256];
	struct err ve;
	if (fd == NULL || *cell == '\0')
		return;
	char *flat = strdup(cell);
	if (flat == NULL) {
		im->oom = true;
		return;
	}
	for (char *p = flat; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	if (field_check(fd, im->v, flat, im->today, out, sizeof out, &ve) != 0)
		row_error(im, w, "%s", ve.msg);
	free(flat);
}

static int check_row(struct import *im, struct row *w, struct err *e)
{
	struct err ve;
	const char *village = field(im, w, COL_VILLAGE), *phone = field(im, w, COL_PHONE);
	if (*village == '\0') {
		row_error(im, w, "村（社区）为空");
	} else {
		struct village *v;
		if (village_lookup(im, village, &v) != 0)
			return err_set(e, "内存不足");
		if (v->id == 0)
			row_error(im, w, "%s", v->error);
		w->village_id = v->id;
	}
	for (int c = 0; c < N_COLS; c++)
		if (text_has_controls(field(im, w, c), true))
			row_error(im, w, "%s含有控制字符（如 ESC），不能导入", columns[c].name);
	if (validate_name(im->v, field(im, w, COL_NAME), &ve) != 0)
		row_error(im, w, "%s", ve.msg);
	else
		check_cell(im, w, im->name, field(im, w, COL_NAME));
	if (check_id(im, w, e) != 0)
		return -1;
	if (*field(im, w, COL_RELATION) == '\0')
		row_error(im, w, "与户主关系为空");
	check_cell(im, w, im->relation, field(im, w, COL_RELATION));
	if (strcmp(field(im, w, COL_RELATION), HEAD_RELATION) == 0)	/* the household's address */
		check_cell(im, w, im->address, field(im, w, COL_ADDRESS));
	if (*phone != '\0' && validate_phone(im->v, phone, &ve) != 0)
		row_error(im, w, "%s", ve.msg);
	return 0;
}

/* A member joins the household of the last head, which must exist and be
 * in the same village. */
static void join_household(struct import *im, struct row *w, bool compare_village)
{
	if (!im->hh.headed) {
		row_error(im, w, "前面没有户主行：每户的第一行应是与户主关系为“户主”的人");
		return;
	}
	const struct row *head = &im->hh.rows[0];
	if (compare_village && strcmp(field(im, w, COL_VILLAGE), field(im, head, COL_VILLAGE)) != 0)
		row_error(im, w, "村（社区）“%s”与户主 %s（第 %zu 行）的“%s”不同",
			  field(im, w, COL_VILLAGE), field(im, head, COL_NAME), head->line,
			  field(im, head, COL_VILLAGE));
}

/* ---- writing a household ---- */

static const char *or_null(const char *s)
{
	return *s != '\0' ? s : NULL;
}

/* Row w's number is registered to person pid already: a bad row. */
static void taken(struct import *im, struct row *w, int64_t pid)
{
	struct err ve;
	person_taken_error(im->s, pid, &ve);
	row_error(im, w, "%s", ve.msg);
	im->hh.bad = true;
	if (!im->skip_bad)
		im->failing = true;
}

/* Asks the store about the numbers of rows from `from` on. */
static int check_store(struct import *im, size_t from, struct err *e)
{
	for (size_t i = from; i < im->hh.n; i++) {
		struct row *w = &im->hh.rows[i];
		int64_t pid;
		if (!w->id_ok)
			continue;
		if (person_find_by_id_number(im->s, w->id.number, &pid, NULL, e) != 0)
			return -1;
		if (pid != 0)
			taken(im, w, pid);
	}
	return 0;
}

static int write_failed(struct err *e, size_t line)
{
	return err_prefix(e, "导入失败，未导入任何数据：第 %zu 行：", line);
}

/* Writes the household. A number already registered is found by the
 * insert itself (the unique index), not by asking first: the row is then
 * reported, the import fails, and the rest of the household is checked. */
static int write_household(struct import *im, struct err *e)
{
	struct household *hh = &im->hh;
	const struct row *head = &hh->rows[0];
	struct household_in in = {
		.village_id = head->village_id,
		.address = or_null(field(im, head, COL_ADDRESS)),
		.phone = or_null(field(im, head, COL_PHONE)),
		.created_on = im->today,
	};
	int64_t hid, pid;
	struct err ignore;
	if (household_insert(im->s, &in, &hid, e) != 0)
		return write_failed(e, head->line);
	for (size_t i = 0; i < hh->n; i++) {
		struct row *w = &hh->rows[i];
		struct person_in p = {
			.name = field(im, w, COL_NAME),
			.id = &w->id,
			.relation = field(im, w, COL_RELATION),
			.phone = or_null(field(im, w, COL_PHONE)),
		};
		if (person_insert(im->s, hid, &p, NULL, e) == 0)
			continue;
		if (!im->skip_bad &&
		    person_find_by_id_number(im->s, w->id.number, &pid, NULL, &ignore) == 0 && pid != 0) {
			taken(im, w, pid);
			return check_store(im, i + 1, e);
		}
		return write_failed(e, w->line);
	}
	im->r->households++;
	im->r->persons += hh->n;
	return 0;
}

static int drop_household(struct import *im)
{
	if (im->n_dropped == im->cap_dropped) {
		size_t cap = im->cap_dropped ? im->cap_dropped * 2 : 16;
		struct dropped *d = realloc(im->dropped, cap * sizeof *d);
		if (d == NULL)
			return -1;
		im->dropped = d;
		im->cap_dropped = cap;
	}
	const struct row *head = &im->hh.rows[0];
	struct dropped *d = &im->dropped[im->n_dropped];
	d->line = head->line;
	d->n = im->hh.n;
	d->name = strdup(field(im, head, COL_NAME));
	if (d->name == NULL)
		return -1;
	im->n_dropped++;
	return 0;
}

/* The household's last row has been read: write it if it may be, else
 * check its numbers against the store (with skip_bad, always first: a
 * household must not fail half written). */
static int end_household(struct import *im, struct err *e)
{
	struct household *hh = &im->hh;
	if (hh->n == 0)
		return 0;
	int rc;
	if (hh->headed && !hh->bad && !im->failing && !im->skip_bad) {
		rc = write_household(im, e);
	} else {
		rc = check_store(im, 0, e);
		if (rc == 0 && hh->headed && !hh->bad && im->skip_bad)
			rc = write_household(im, e);
	}
	if (rc == 0 && hh->headed && hh->bad && im->skip_bad && drop_household(im) != 0)
		rc = err_set(e, "内存不足");
	for (size_t i = 0; i < hh->n; i++)
		im->r->bad_rows += hh->rows[i].bad;
	hh->n = hh->used = 0;
	hh->headed = hh->bad = false;
	return rc;
}

/* Copies the columns of rec into the household it belongs to, checks it,
 * and first ends the last household when rec is a head's row. */
static int take_row(struct import *im, struct csv_record *rec, struct err *e)
{
	const char *src[N_COLS];
	for (int c = 0; c < N_COLS; c++) {
		int k = im->col[c];
		src[c] = k >= 0 && (size_t)k < rec->n ? trim(rec->fields[k]) : "";
	}
	bool head = strcmp(src[COL_RELATION], HEAD_RELATION) == 0;
	if (head && end_household(im, e) != 0)
		return -1;
	struct row *w = hh_add(im, rec->line, src);
	if (w == NULL)
		return err_set(e, "内存不足");
	im->r->rows++;
	bool shape_ok = rec->n == im->n_header;
	if (!shape_ok)
		row_error(im, w, "有 %zu 个字段，表头有 %zu 列（可能多了或少了逗号），无法核对这一行",
			  rec->n, im->n_header);
	else if (check_row(im, w, e) != 0)
		return -1;
	if (head)
		im->hh.headed = true;
	else
		join_household(im, w, shape_ok);
	im->hh.bad |= w->bad;
	if (w->bad && !im->skip_bad)
		im->failing = true;
	return 0;
}

/* ---- reading the file ---- */

static void show_progress(struct import *im, const struct csv_reader *rd, const char *text,
			  size_t len, progress_fn progress, void *ctx)
{
	size_t rows = im->r->rows, read = (size_t)(rd->p - text);
	if (progress == NULL || rows % PROGRESS_EVERY != 0 || read == 0)
		return;
	progress(ctx, (long)rows, (long)((double)rows * (double)len / (double)read));
}

static int read_rows(struct import *im, const char *text, size_t len,
		     progress_fn progress, void *ctx, struct err *e)
{
	struct csv_reader rd;
	struct csv_record rec = { 0 };
	size_t nonblank = 0, first_line = 0;
	bool header = false;
	int rc, status = 0;
	csv_init(&rd, text, len);
	while (status == 0 && (rc = csv_next(&rd, &rec, e)) == 1) {
		if (record_blank(&rec))
			continue;
		if (header) {
			status = take_row(im, &rec, e);
			show_progress(im, &rd, text, len, progress, ctx);
			continue;
		}
		if (nonblank++ == 0)
			first_line = rec.line;
		if (header_known(&rec) >= 2) {
			status = header_read(im, &rec, e);
			if (status == 0 && rec.line != first_line)
				report_add(im, "表头在第 %zu 行，之前的 %zu 行内容已忽略", rec.line,
					   nonblank - 1);
			header = true;
		} else if (nonblank == HEADER_SEARCH) {
			break;
		}
	}
	csv_record_free(&rec);
	if (status == 0 && rc != -1)
		status = end_household(im, e);
	if (status != 0)
		return -1;
	if (rc == -1)
		return err_prefix(e, "文件 %s ", im->path);
	if (!header && nonblank == 0)
		return err_set(e, "文件 %s 是空的", im->path);
	if (!header)
		return err_set(e, "文件 %s 中找不到表头行（应包含 村（社区）、姓名、身份证号码、"
			       "与户主关系 等列名）", im->path);
	if (im->r->rows == 0)
		return err_set(e, "文件 %s 中除表头外没有数据行", im->path);
	if (progress != NULL)
		progress(ctx, (long)im->r->rows, (long)im->r->rows);
	return 0;
}

/* ---- the whole import ---- */

/* Every row has been read: fail, or say which households were left out
 * and write the search keys of the persons added. */
static int finish(struct import *im, int64_t first_person, struct err *e)
{
	if (im->oom)
		return err_set(e, "内存不足，未导入任何数据");
	if (im->r->bad_rows > 0 && !im->skip_bad)
		return err_set(e, "导入失败：%zu 行有错误，未导入任何数据", im->r->bad_rows);
	for (size_t i = 0; i < im->n_dropped; i++)
		report_add(im, "第 %zu 行：户主 %s 这一户（共 %zu 行）有错误，整户未导入",
			   im->dropped[i].line, im->dropped[i].name, im->dropped[i].n);
	if (search_index_from(im->s, first_person, e) != 0)
		return err_prefix(e, "导入失败，未导入任何数据：");
	return 0;
}

static void import_free(struct import *im)
{
	free(im->hh.rows);
	free(im->hh.text);
	for (size_t i = 0; i < im->n_dropped; i++)
		free(im->dropped[i].name);
	free(im->dropped);
	for (size_t i = 0; i < im->n_villages; i++) {
		free(im->villages[i].name);
		free(im->villages[i].error);
	}
	free(im->villages);
	free(im->ids.keys);
	free(im->ids.lines);
}

/* Reads the rows and writes them; text is freed once read, and so is the
 * set of numbers: the search keys written last want the memory. */
static int import_text(struct import *im, char *text, size_t len,
		       progress_fn progress, void *ctx, struct err *e)
{
	int64_t first_person;
	if (store_begin(im->s, e) != 0) {
		free(text);
		return err_prefix(e, "导入失败，未导入任何数据：");
	}
	int rc = store_query_int(im->s, &first_person, e,
				 "SELECT coalesce(max(id), 0) + 1 FROM persons", "");
	im->user = *store_actor(im->s);
	im->whole = access_whole_area(&im->user);
	store_set_actor(im->s, &im->whole);
	if (rc == 0)
		rc = read_rows(im, text, len, progress, ctx, e);
	store_set_actor(im->s, &im->user);
	free(text);
	free(im->ids.keys);
	free(im->ids.lines);
	im->ids = (struct id_set){ 0 };
	if (rc == 0)
		rc = finish(im, first_person, e);
	if (rc != 0) {
		store_rollback(im->s);
		return -1;
	}
	if (store_commit(im->s, e) != 0)
		return err_prefix(e, "导入失败，未导入任何数据：");
	return 0;
}

/* A field of a form the import needs; its absence is the forms' fault. */
static int form_field(const struct form_set *forms, const char *form, const char *name,
		      const struct field_def **out, struct err *e)
{
	const struct form_def *f = forms_find(forms, form);
	for (size_t i = 0; f != NULL && i < f->n_fields; i++)
		if (strcmp(f->fields[i].name, name) == 0) {
			*out = &f->fields[i];
			return 0;
		}
	return err_set(e, "表单目录中没有 %s 表单的 %s 字段，无法按它检查导入的数据", form, name);
}

int import_households(struct store *s, const struct config *cfg,
		      const struct validator *v, const struct form_set *forms, const char *path,
		      bool skip_bad, progress_fn progress, void *ctx,
		      struct import_report *r, struct err *e)
{
	memset(r, 0, sizeof *r);
	struct import im = {
		.s = s, .cfg = cfg, .v = v, .r = r, .path = path, .today = date_today(),
		.skip_bad = skip_bad,
	};
	if (form_field(forms, "household", "address", &im.address, e) != 0 ||
	    form_field(forms, "person", "relation", &im.relation, e) != 0 ||
	    form_field(forms, "person", "name", &im.name, e) != 0)
		return -1;
	int64_t township;
	if (office_township_id(s, cfg, &township, e) != 0)
		return -1;
	char *text;
	size_t len;
	if (textfile_read_utf8(path, &text, &len, NULL, e) != 0)
		return -1;
	struct err ignore;
	int rc = store_bulk(s, BULK_SHARED, e);
	if (rc == 0)
		rc = import_text(&im, text, len, progress, ctx, e);
	else
		free(text);
	store_bulk(s, BULK_OFF, &ignore);
	if (rc != 0)
		r->households = r->persons = 0;
	import_free(&im);
	return rc;
}
