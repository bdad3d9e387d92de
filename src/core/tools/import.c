/* CSV import of households. Three passes: read and check every row (no
 * writes), decide what may be written, then write it in one transaction. */
#include "core/tools/import.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/csv.h"
#include "core/domain/household.h"
#include "core/domain/office.h"
#include "core/base/text.h"
#include "core/base/textfile.h"
#include "core/office/form.h"

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

struct row {
	size_t line;
	char *text;		/* owned: the N_COLS fields one after another */
	const char *f[N_COLS];	/* into text; "" for a missing column */
	struct idcard id;
	bool id_ok, bad;
	int64_t village_id;
};

/* A household is a head row and the rows after it up to the next head. */
struct household {
	size_t first, n;	/* rows[first] is the head */
	bool bad;
};

struct village {
	char *name;		/* owned */
	int64_t id;		/* 0: not a village of the township */
	char *error;		/* owned, when id is 0 */
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
	bool oom;
	size_t lines_cap;

	int col[N_COLS];	/* field index of each column, -1 when absent */
	size_t n_header;

	struct row *rows;
	size_t n_rows, cap_rows;
	struct household *hhs;
	size_t n_hhs, cap_hhs;
	struct village *villages;
	size_t n_villages;

	size_t *set;		/* hash set of ID numbers: row index + 1, 0 empty */
	size_t set_cap, set_n;
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
	if (office_village_id(im->s, im->cfg, name, &v->id, &ve) != 0) {
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

/* ---- ID numbers seen in the file: open addressing on the 18 characters ---- */

static uint64_t id_hash(const char *s)
{
	uint64_t h = 14695981039346656037ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static size_t *set_slot(struct import *im, const char *number)
{
	size_t mask = im->set_cap - 1, i = (size_t)id_hash(number) & mask;
	while (im->set[i] != 0 && strcmp(im->rows[im->set[i] - 1].id.number, number) != 0)
		i = (i + 1) & mask;
	return &im->set[i];
}

static int set_grow(struct import *im)
{
	size_t *old = im->set, old_cap = im->set_cap;
	size_t cap = old_cap ? old_cap * 2 : 1024;
	im->set = calloc(cap, sizeof *im->set);
	if (im->set == NULL) {
		im->set = old;
		return -1;
	}
	im->set_cap = cap;
	for (size_t i = 0; i < old_cap; i++)
		if (old[i] != 0)
			*set_slot(im, im->rows[old[i] - 1].id.number) = old[i];
	free(old);
	return 0;
}

/* The earlier row (index + 1) holding row w's number, or 0 after adding it. */
static int set_add(struct import *im, size_t w, size_t *earlier)
{
	if (2 * (im->set_n + 1) > im->set_cap && set_grow(im) != 0)
		return -1;
	size_t *slot = set_slot(im, im->rows[w].id.number);
	*earlier = *slot;
	if (*slot == 0) {
		*slot = w + 1;
		im->set_n++;
	}
	return 0;
}

/* ---- checking one row ---- */

static int check_id(struct import *im, size_t idx, struct err *e)
{
	struct row *w = &im->rows[idx];
	const char *text = w->f[COL_ID];
	struct err ve;
	if (validate_id(im->v, text, im->today, &w->id, &ve) != 0) {
		bool sci = strstr(text, "E+") != NULL || strstr(text, "e+") != NULL;
		row_error(im, w, "%s%s", ve.msg, sci ? "（号码被 Excel 转成了科学计数法："
			  "请把该列设为“文本”格式后重新输入号码）" : "");
		return 0;
	}
	w->id_ok = true;
	char masked[19];
	idcard_mask(w->id.number, masked);
	if (w->id.upgraded)
		report_add(im, "第 %zu 行：15 位身份证号码已升级为 18 位 %s", w->line, masked);
	if (!w->id.region_known)
		report_add(im, "第 %zu 行：身份证号码 %s 的地区代码 %.6s 未收录在行政区划表中（仅提醒）",
			   w->line, masked, w->id.number);
	size_t earlier;
	if (set_add(im, idx, &earlier) != 0)
		return err_set(e, "内存不足");
	if (earlier != 0) {
		row_error(im, w, "身份证号码 %s 与第 %zu 行重复", masked, im->rows[earlier - 1].line);
		return 0;
	}
	int64_t pid;
	if (person_find_by_id_number(im->s, w->id.number, &pid, NULL, e) != 0)
		return -1;
	if (pid != 0) {
		person_taken_error(im->s, pid, &ve);
		row_error(im, w, "%s", ve.msg);
	}
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

static int check_row(struct import *im, size_t idx, struct err *e)
{
	struct row *w = &im->rows[idx];
	struct err ve;
	if (*w->f[COL_VILLAGE] == '\0') {
		row_error(im, w, "村（社区）为空");
	} else {
		struct village *v;
		if (village_lookup(im, w->f[COL_VILLAGE], &v) != 0)
			return err_set(e, "内存不足");
		if (v->id == 0)
			row_error(im, w, "%s", v->error);
		w->village_id = v->id;
	}
	for (int c = 0; c < N_COLS; c++)
		if (text_has_controls(w->f[c], true))
			row_error(im, w, "%s含有控制字符（如 ESC），不能导入", columns[c].name);
	if (validate_name(im->v, w->f[COL_NAME], &ve) != 0)
		row_error(im, w, "%s", ve.msg);
	else
		check_cell(im, w, im->name, w->f[COL_NAME]);
	if (check_id(im, idx, e) != 0)
		return -1;
	if (*w->f[COL_RELATION] == '\0')
		row_error(im, w, "与户主关系为空");
	check_cell(im, w, im->relation, w->f[COL_RELATION]);
	if (strcmp(w->f[COL_RELATION], HEAD_RELATION) == 0)	/* the household's address */
		check_cell(im, w, im->address, w->f[COL_ADDRESS]);
	if (*w->f[COL_PHONE] != '\0' && validate_phone(im->v, w->f[COL_PHONE], &ve) != 0)
		row_error(im, w, "%s", ve.msg);
	return 0;
}

/* Puts row idx into a household: a head starts one, anybody else joins the
 * last one, which must exist and be in the same village. */
static int group_row(struct import *im, size_t idx, bool compare_village)
{
	struct row *w = &im->rows[idx];
	if (strcmp(w->f[COL_RELATION], HEAD_RELATION) == 0) {
		if (im->n_hhs == im->cap_hhs) {
			size_t cap = im->cap_hhs ? im->cap_hhs * 2 : 256;
			struct household *h = realloc(im->hhs, cap * sizeof *h);
			if (h == NULL)
				return -1;
			im->hhs = h;
			im->cap_hhs = cap;
		}
		im->hhs[im->n_hhs++] = (struct household){ .first = idx, .n = 1 };
		return 0;
	}
	if (im->n_hhs == 0) {
		row_error(im, w, "前面没有户主行：每户的第一行应是与户主关系为“户主”的人");
		return 0;
	}
	struct household *h = &im->hhs[im->n_hhs - 1];
	const struct row *head = &im->rows[h->first];
	if (compare_village && strcmp(w->f[COL_VILLAGE], head->f[COL_VILLAGE]) != 0)
		row_error(im, w, "村（社区）“%s”与户主 %s（第 %zu 行）的“%s”不同",
			  w->f[COL_VILLAGE], head->f[COL_NAME], head->line, head->f[COL_VILLAGE]);
	h->n++;
	return 0;
}

/* Copies the columns of rec into a new row and checks it. */
static int add_row(struct import *im, struct csv_record *rec, struct err *e)
{
	if (im->n_rows == im->cap_rows) {
		size_t cap = im->cap_rows ? im->cap_rows * 2 : 1024;
		struct row *r = realloc(im->rows, cap * sizeof *r);
		if (r == NULL)
			return err_set(e, "内存不足");
		im->rows = r;
		im->cap_rows = cap;
	}
	size_t idx = im->n_rows;
	struct row *w = &im->rows[idx];
	memset(w, 0, sizeof *w);
	w->line = rec->line;

	const char *src[N_COLS];
	size_t total = 0;
	for (int c = 0; c < N_COLS; c++) {
		int k = im->col[c];
		src[c] = k >= 0 && (size_t)k < rec->n ? trim(rec->fields[k]) : "";
		total += strlen(src[c]) + 1;
	}
	w->text = malloc(total);
	if (w->text == NULL)
		return err_set(e, "内存不足");
	im->n_rows++;
	char *p = w->text;
	for (int c = 0; c < N_COLS; c++) {
		size_t n = strlen(src[c]) + 1;
		memcpy(p, src[c], n);
		w->f[c] = p;
		p += n;
	}

	bool shape_ok = rec->n == im->n_header;
	if (!shape_ok)
		row_error(im, w, "有 %zu 个字段，表头有 %zu 列（可能多了或少了逗号），无法核对这一行",
			  rec->n, im->n_header);
	else if (check_row(im, idx, e) != 0)
		return -1;
	if (group_row(im, idx, shape_ok) != 0)
		return err_set(e, "内存不足");
	return 0;
}

/* ---- pass 1: read ---- */

static int read_rows(struct import *im, const char *text, size_t len, struct err *e)
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
			status = add_row(im, &rec, e);
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
	if (status != 0)
		return -1;
	if (rc == -1)
		return err_prefix(e, "文件 %s ", im->path);
	if (!header && nonblank == 0)
		return err_set(e, "文件 %s 是空的", im->path);
	if (!header)
		return err_set(e, "文件 %s 中找不到表头行（应包含 村（社区）、姓名、身份证号码、"
			       "与户主关系 等列名）", im->path);
	if (im->n_rows == 0)
		return err_set(e, "文件 %s 中除表头外没有数据行", im->path);
	return 0;
}

/* ---- pass 2: decide ---- */

static int decide(struct import *im, bool skip_bad, struct err *e)
{
	struct import_report *r = im->r;
	r->rows = im->n_rows;
	for (size_t i = 0; i < im->n_rows; i++)
		r->bad_rows += im->rows[i].bad;
	for (size_t h = 0; h < im->n_hhs; h++) {
		struct household *hh = &im->hhs[h];
		for (size_t i = hh->first; i < hh->first + hh->n; i++)
			hh->bad |= im->rows[i].bad;
	}
	if (r->bad_rows == 0)
		return 0;
	if (!skip_bad)
		return err_set(e, "导入失败：%zu 行有错误，未导入任何数据", r->bad_rows);
	for (size_t h = 0; h < im->n_hhs; h++) {
		const struct household *hh = &im->hhs[h];
		const struct row *head = &im->rows[hh->first];
		if (hh->bad)
			report_add(im, "第 %zu 行：户主 %s 这一户（共 %zu 行）有错误，整户未导入",
				   head->line, head->f[COL_NAME], hh->n);
	}
	return 0;
}

/* ---- pass 3: write ---- */

static const char *or_null(const char *s)
{
	return *s != '\0' ? s : NULL;
}

static int write_household(struct import *im, const struct household *hh,
			   size_t *persons, struct err *e)
{
	const struct row *head = &im->rows[hh->first];
	struct household_in in = {
		.village_id = head->village_id,
		.address = or_null(head->f[COL_ADDRESS]),
		.phone = or_null(head->f[COL_PHONE]),
		.created_on = im->today,
	};
	int64_t hid;
	if (household_insert(im->s, &in, &hid, e) != 0)
		return err_prefix(e, "第 %zu 行：", head->line);
	for (size_t i = hh->first; i < hh->first + hh->n; i++) {
		const struct row *w = &im->rows[i];
		struct person_in p = {
			.name = w->f[COL_NAME],
			.id = &w->id,
			.relation = w->f[COL_RELATION],
			.phone = or_null(w->f[COL_PHONE]),
		};
		if (person_insert(im->s, hid, &p, NULL, e) != 0)
			return err_prefix(e, "第 %zu 行：", w->line);
		(*persons)++;
	}
	return 0;
}

static int write_all(struct import *im, struct err *e)
{
	size_t households = 0, persons = 0;
	if (store_begin(im->s, e) != 0)
		return err_prefix(e, "导入失败，未导入任何数据：");
	for (size_t h = 0; h < im->n_hhs; h++) {
		if (im->hhs[h].bad)
			continue;
		if (write_household(im, &im->hhs[h], &persons, e) != 0) {
			store_rollback(im->s);
			return err_prefix(e, "导入失败，未导入任何数据：");
		}
		households++;
	}
	if (store_commit(im->s, e) != 0)
		return err_prefix(e, "导入失败，未导入任何数据：");
	im->r->households = households;
	im->r->persons = persons;
	return 0;
}

static void import_free(struct import *im)
{
	for (size_t i = 0; i < im->n_rows; i++)
		free(im->rows[i].text);
	free(im->rows);
	free(im->hhs);
	for (size_t i = 0; i < im->n_villages; i++) {
		free(im->villages[i].name);
		free(im->villages[i].error);
	}
	free(im->villages);
	free(im->set);
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
		      bool skip_bad, struct import_report *r, struct err *e)
{
	memset(r, 0, sizeof *r);
	struct import im = {
		.s = s, .cfg = cfg, .v = v, .r = r, .path = path, .today = date_today(),
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
	int rc = read_rows(&im, text, len, e);
	if (rc == 0)
		rc = decide(&im, skip_bad, e);
	if (rc == 0 && im.oom)
		rc = err_set(e, "内存不足，未导入任何数据");
	if (rc == 0)
		rc = write_all(&im, e);
	import_free(&im);
	free(text);
	return rc;
}
