/* The one validation module: resident ID numbers (GB 11643-1999), phone
 * numbers, personal names, the region table, and the PCRE2 patterns that
 * form definitions give their fields. */
#include "core/office/validate.h"

#include <errno.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/textfile.h"

struct region {
	char code[7];
	char *name;		/* owned */
	int line;		/* where it was read, for duplicate messages */
};

struct validator {
	pcre2_code *id18, *id15, *mobile, *landline, *name;
	struct region *regions;	/* sorted by code */
	size_t n_regions;
};

struct pattern {
	pcre2_code *code;
};

/* ---- UTF-8 helpers ---- */

/* Bytes taken by the character whose first byte is c (1 for a stray byte,
 * so a scan always moves on). */
static size_t utf8_seq_len(unsigned char c)
{
	if (c >= 0xF0 && c < 0xF8)
		return 4;
	if (c >= 0xE0)
		return c < 0xF0 ? 3 : 1;
	if (c >= 0xC0)
		return 2;
	return 1;
}

static size_t utf8_chars(const char *s, size_t n)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			count++;
	return count;
}

/* Copies the character at byte i of s (length n) into out as a string. */
static void utf8_char_at(const char *s, size_t n, size_t i, char out[8])
{
	size_t len = utf8_seq_len((unsigned char)s[i]);
	if (i + len > n)
		len = n - i;
	memcpy(out, s + i, len);
	out[len] = '\0';
}

static bool is_blank_at(const char *s, size_t n, size_t i, size_t *len)
{
	unsigned char c = (unsigned char)s[i];
	if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') {
		*len = 1;
		return true;
	}
	/* U+3000 IDEOGRAPHIC SPACE, typed by Chinese input methods. */
	if (c == 0xE3 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
	    (unsigned char)s[i + 2] == 0x80) {
		*len = 3;
		return true;
	}
	return false;
}

/* Trims surrounding blanks: sets *start and *n to the remaining span. */
static void trim(const char *text, const char **start, size_t *n)
{
	size_t len = strlen(text), b = 0, l;
	while (b < len && is_blank_at(text, len, b, &l))
		b += l;
	size_t e = len;
	while (e > b) {
		if (is_blank_at(text, len, e - 1, &l) && l == 1) {
			e--;
		} else if (e - b >= 3 && is_blank_at(text, len, e - 3, &l) && l == 3) {
			e -= 3;
		} else {
			break;
		}
	}
	*start = text + b;
	*n = e - b;
}

/* ---- PCRE2 ---- */

/* Every pattern here matches the whole text or nothing. */
#define WHOLE (PCRE2_ANCHORED | PCRE2_ENDANCHORED)

static pcre2_code *re_compile(const char *re, uint32_t opts, struct err *e)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *p = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED,
				      opts | PCRE2_UTF, &code, &off, NULL);
	if (p == NULL) {
		PCRE2_UCHAR buf[256];
		if (pcre2_get_error_message(code, buf, sizeof buf) < 0)
			snprintf((char *)buf, sizeof buf, "错误码 %d", code);
		size_t len = strlen(re);
		size_t at = utf8_chars(re, off < len ? off : len) + 1;
		err_set(e, "正则表达式“%s”有误：%s（第 %zu 个字符处）", re,
			(const char *)buf, at);
	}
	return p;
}

/* > 0: match, 0: no match, RE_BAD_UTF8: the text is not UTF-8. */
#define RE_BAD_UTF8 (-1)
static int re_exec(const pcre2_code *p, const char *s, size_t n)
{
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	if (md == NULL)
		return 0;
	int rc = pcre2_match(p, (PCRE2_SPTR)s, n, 0, 0, md, NULL);
	pcre2_match_data_free(md);
	if (rc >= 0)
		return 1;
	if (rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21)
		return RE_BAD_UTF8;
	return 0;
}

static bool re_match(const pcre2_code *p, const char *s, size_t n)
{
	return re_exec(p, s, n) > 0;
}

struct pattern *pattern_compile(const char *re, struct err *e)
{
	if (re == NULL) {
		err_set(e, "字段格式为空");
		return NULL;
	}
	struct pattern *p = malloc(sizeof *p);
	if (p == NULL) {
		err_set(e, "内存不足，无法编译字段格式“%s”", re);
		return NULL;
	}
	/* The whole value must match, whatever the form's author wrote. */
	p->code = re_compile(re, WHOLE, e);
	if (p->code == NULL) {
		free(p);
		return NULL;
	}
	return p;
}

bool pattern_match(const struct pattern *p, const char *text)
{
	if (p == NULL || text == NULL)
		return false;
	return re_match(p->code, text, strlen(text));
}

void pattern_free(struct pattern *p)
{
	if (p == NULL)
		return;
	pcre2_code_free(p->code);
	free(p);
}

/* ---- Region table ---- */

/* The 34 province-level codes of GB/T 2260. */
static bool province_exists(int p)
{
	return (p >= 11 && p <= 15) || (p >= 21 && p <= 23) ||
	       (p >= 31 && p <= 37) || (p >= 41 && p <= 46) ||
	       (p >= 50 && p <= 54) || (p >= 61 && p <= 65) ||
	       p == 71 || p == 81 || p == 82;
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int region_cmp(const void *a, const void *b)
{
	return strcmp(((const struct region *)a)->code,
		      ((const struct region *)b)->code);
}

static void regions_free(struct validator *v)
{
	for (size_t i = 0; i < v->n_regions; i++)
		free(v->regions[i].name);
	free(v->regions);
	v->regions = NULL;
	v->n_regions = 0;
}

/* Parses one line "CODE NAME" (already stripped of its line end) into r;
 * blank lines and comments give 0 with r->name left NULL. */
static int region_parse(char *line, struct region *r, struct err *e)
{
	const char *s;
	size_t n, l;
	trim(line, &s, &n);
	r->name = NULL;
	if (n == 0 || s[0] == '#')
		return 0;
	if (n < 6 || !all_digits(s, 6) || (n > 6 && s[6] >= '0' && s[6] <= '9'))
		return err_set(e, "应为“6位代码 名称”，如“500231 垫江县”");
	if (n == 6 || !is_blank_at(s, n, 6, &l))
		return err_set(e, "代码 %.6s 后面应有空格和地区名称", s);
	const char *name;
	size_t name_n;
	char *rest = strndup(s + 6, n - 6);
	if (rest == NULL)
		return err_set(e, "内存不足");
	trim(rest, &name, &name_n);
	int p = (s[0] - '0') * 10 + (s[1] - '0');
	if (!province_exists(p)) {
		free(rest);
		return err_set(e, "代码 %.6s 的省份代码 %.2s 不存在", s, s);
	}
	memcpy(r->code, s, 6);
	r->code[6] = '\0';
	r->name = strndup(name, name_n);
	free(rest);
	return r->name == NULL ? err_set(e, "内存不足") : 0;
}

static int regions_add(struct validator *v, const struct region *r, size_t *cap,
		       struct err *e)
{
	if (v->n_regions == *cap) {
		size_t ncap = *cap ? *cap * 2 : 256;
		struct region *nr = realloc(v->regions, ncap * sizeof *nr);
		if (nr == NULL)
			return err_set(e, "内存不足");
		v->regions = nr;
		*cap = ncap;
	}
	v->regions[v->n_regions++] = *r;
	return 0;
}

static int regions_load(struct validator *v, const char *path, struct err *e)
{
	FILE *f = textfile_open(path, TEXTFILE_OFFICE_MAX, "地区代码文件", e);
	if (f == NULL)
		return -1;
	char *line = NULL;
	size_t lcap = 0, cap = 0;
	ssize_t got;
	int lineno = 0, rc = 0;
	while (rc == 0 && (got = getline(&line, &lcap, f)) >= 0) {
		lineno++;
		while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
			line[--got] = '\0';
		char *s = line;
		if (lineno == 1 && strncmp(s, "\xEF\xBB\xBF", 3) == 0)
			s += 3;		/* a BOM left by a Windows editor */
		struct region r;
		rc = region_parse(s, &r, e);
		if (rc == 0 && r.name != NULL) {
			r.line = lineno;
			rc = regions_add(v, &r, &cap, e);
			if (rc != 0)
				free(r.name);
		}
		if (rc != 0)
			err_prefix(e, "地区代码文件 %s 第 %d 行：", path, lineno);
	}
	if (rc == 0 && ferror(f))
		rc = err_set(e, "读取地区代码文件 %s 出错：%s", path, strerror(errno));
	free(line);
	fclose(f);
	if (rc != 0)
		return rc;
	qsort(v->regions, v->n_regions, sizeof *v->regions, region_cmp);
	for (size_t i = 1; i < v->n_regions; i++) {
		const struct region *a = &v->regions[i - 1], *b = &v->regions[i];
		if (strcmp(a->code, b->code) == 0)
			return err_set(e, "地区代码文件 %s 第 %d 行：代码 %s 重复（第 %d 行已有）",
				       path, a->line > b->line ? a->line : b->line, a->code,
				       a->line < b->line ? a->line : b->line);
	}
	return 0;
}

/* Looks up the first six characters of code6, so a caller may also pass a
 * whole ID number. */
const char *validator_region(const struct validator *v, const char *code6)
{
	if (v == NULL || v->n_regions == 0 || code6 == NULL || strnlen(code6, 6) < 6 ||
	    !all_digits(code6, 6))
		return NULL;
	struct region key;
	memcpy(key.code, code6, 6);
	key.code[6] = '\0';
	const struct region *r = bsearch(&key, v->regions, v->n_regions,
					 sizeof *v->regions, region_cmp);
	return r ? r->name : NULL;
}

/* ---- The validator ---- */

/* Since PCRE2 10.40 \p{Han} also takes the script extensions, which
 * include 、。「」 and ・; sc:Han is the script alone. Older PCRE2 (on
 * older domestic distributions) lacks the sc: form but its \p{Han} is
 * already the script alone. */
static pcre2_code *name_compile(struct err *e)
{
	pcre2_code *p = re_compile("\\p{sc:Han}+(\\x{00B7}\\p{sc:Han}+)*", WHOLE, NULL);
	if (p == NULL)
		p = re_compile("\\p{Han}+(\\x{00B7}\\p{Han}+)*", WHOLE, e);
	return p;
}

struct validator *validator_new(const char *regions_file, struct err *e)
{
	struct validator *v = calloc(1, sizeof *v);
	if (v == NULL) {
		err_set(e, "内存不足，无法创建校验器");
		return NULL;
	}
	if ((v->id18 = re_compile("[0-9]{17}[0-9Xx]", WHOLE, e)) == NULL ||
	    (v->id15 = re_compile("[0-9]{15}", WHOLE, e)) == NULL ||
	    (v->mobile = re_compile("1[3-9][0-9]{9}", WHOLE, e)) == NULL ||
	    (v->landline = re_compile("0[1-9][0-9]{1,2}-?[1-9][0-9]{6,7}(-[0-9]{1,6})?",
				      WHOLE, e)) == NULL ||
	    (v->name = name_compile(e)) == NULL ||
	    (regions_file != NULL && regions_load(v, regions_file, e) != 0)) {
		validator_free(v);
		return NULL;
	}
	return v;
}

void validator_free(struct validator *v)
{
	if (v == NULL)
		return;
	pcre2_code_free(v->id18);
	pcre2_code_free(v->id15);
	pcre2_code_free(v->mobile);
	pcre2_code_free(v->landline);
	pcre2_code_free(v->name);
	regions_free(v);
	free(v);
}

/* ---- Resident ID numbers ---- */

/* ISO 7064 MOD 11-2 over the first 17 digits. */
static char id_check_char(const char *d17)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char map[] = "10X98765432";
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (d17[i] - '0') * w[i];
	return map[sum % 11];
}

/* Says which character breaks the shape: the first non-digit. */
static int id_shape_error(const char *s, size_t n, struct err *e)
{
	size_t nchars = utf8_chars(s, n), pos = 0;
	char ch[8];
	for (size_t i = 0; i < n; i += utf8_seq_len((unsigned char)s[i])) {
		pos++;
		if (s[i] >= '0' && s[i] <= '9')
			continue;
		utf8_char_at(s, n, i, ch);
		if (nchars == 18 && pos == 18)
			return err_set(e, "身份证号码第 18 位（校验位）应为数字或 X，实为“%s”", ch);
		if ((unsigned char)ch[0] == 0xEF && (unsigned char)ch[1] == 0xBC &&
		    (unsigned char)ch[2] >= 0x90 && (unsigned char)ch[2] <= 0x99)
			return err_set(e, "身份证号码第 %zu 位“%s”是全角数字，请用半角数字", pos, ch);
		return err_set(e, "身份证号码第 %zu 位应为数字，实为“%s”", pos, ch);
	}
	return err_set(e, "身份证号码格式不正确");
}

static int days_in_month(int y, int m)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return mdays[m - 1] + (m == 2 && leap);
}

static int num(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static int id_birth(const char *id, date_t today, date_t *birth, struct err *e)
{
	int y = num(id + 6, 4), m = num(id + 10, 2), d = num(id + 12, 2);
	if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return err_set(e, "身份证号码中的出生日期 %04d-%02d-%02d 不存在", y, m, d);
	if (y < 1880)
		return err_set(e, "身份证号码中的出生日期 %04d-%02d-%02d 早于 1880 年", y, m, d);
	*birth = date_from_ymd(y, m, d);
	if (today != DATE_NONE && *birth > today)
		return err_set(e, "身份证号码中的出生日期 %04d-%02d-%02d 晚于今天", y, m, d);
	return 0;
}

int validate_id(const struct validator *v, const char *text, date_t today,
		struct idcard *out, struct err *e)
{
	const char *s;
	size_t n;
	if (v == NULL || text == NULL)
		return err_set(e, "身份证号码为空");
	trim(text, &s, &n);
	if (n == 0)
		return err_set(e, "身份证号码为空");
	size_t nchars = utf8_chars(s, n);
	if (nchars != 18 && nchars != 15)
		return err_set(e, "身份证号码应为18位（或15位旧号码），现为 %zu 位", nchars);
	int rc = re_exec(nchars == 18 ? v->id18 : v->id15, s, n);
	if (rc == RE_BAD_UTF8)
		return err_set(e, "身份证号码含有无法识别的字符（不是 UTF-8 编码的文字）");
	if (rc == 0)
		return id_shape_error(s, n, e);

	struct idcard id = { .upgraded = n == 15 };
	if (id.upgraded) {
		/* Legacy: region + YYMMDD + sequence, all born in the 1900s. */
		memcpy(id.number, s, 6);
		memcpy(id.number + 6, "19", 2);
		memcpy(id.number + 8, s + 6, 9);
		id.number[17] = id_check_char(id.number);
	} else {
		memcpy(id.number, s, 18);
		if (id.number[17] == 'x')
			id.number[17] = 'X';
	}
	id.number[18] = '\0';

	if (!province_exists(num(id.number, 2)))
		return err_set(e, "身份证号码的省份代码 %.2s 不存在", id.number);
	if (id_birth(id.number, today, &id.birth, e) != 0)
		return -1;
	char want = id_check_char(id.number);
	if (want != id.number[17])
		return err_set(e, "身份证号码校验位错误：应为 %c，实为 %c", want, id.number[17]);
	id.sex = (id.number[16] - '0') % 2 ? 'M' : 'F';
	id.region_known = validator_region(v, id.number) != NULL;
	if (out != NULL)
		*out = id;
	return 0;
}

void idcard_mask(const char *number, char out[19])
{
	size_t n = number ? strnlen(number, 18) : 0;
	for (size_t i = 0; i < n; i++)
		out[i] = n > 8 && (i < 4 || i >= n - 4) ? number[i] : '*';
	out[n] = '\0';
}

/* ---- Phones ---- */

static int mobile_check(const struct validator *v, const char *s, size_t n, struct err *e)
{
	if (re_match(v->mobile, s, n))
		return 0;
	if (!all_digits(s, n))
		return err_set(e, "手机号码只能包含数字（不要加空格或“-”）");
	if (n != 11)
		return err_set(e, "手机号码应为11位，现为 %zu 位", n);
	if (s[0] != '1')
		return err_set(e, "手机号码应以 1 开头");
	return err_set(e, "手机号码第二位应为 3–9，实为 %c", s[1]);
}

int validate_phone(const struct validator *v, const char *text, struct err *e)
{
	const char *s;
	size_t n;
	if (v == NULL || text == NULL)
		return err_set(e, "电话号码为空");
	trim(text, &s, &n);
	if (n == 0)
		return err_set(e, "电话号码为空");
	if (all_digits(s, n) && (n == 7 || n == 8))
		return err_set(e, "固定电话要带区号，如 023-12345678");
	if (s[0] == '1')
		return mobile_check(v, s, n, e);
	if (s[0] != '0')
		return err_set(e, "电话号码应为11位手机号码，或以 0 开头带区号的固定电话（如 023-12345678）");
	if (re_match(v->landline, s, n))
		return 0;
	return err_set(e, "固定电话格式不正确：应为“区号-号码”，如 023-12345678 或 "
		       "0818-1234567，分机号用“-”接在后面");
}

/* ---- Names ---- */

#define NAME_DOT "\xC2\xB7"	/* U+00B7 MIDDLE DOT */

/* Says what is wrong with a name the pattern refused. */
static int name_error(const struct validator *v, const char *s, size_t n, struct err *e)
{
	static const char *const look_alike[] = {
		".", "\xE2\x80\xA2", "\xE3\x83\xBB", "\xEF\xBC\x8E", "\xE2\x80\xA7",
		"\xE3\x80\x82", "\xEF\xBD\xA5", "\xE2\x88\x99",
	};
	char ch[8];
	for (size_t i = 0; i < n; i += utf8_seq_len((unsigned char)s[i])) {
		utf8_char_at(s, n, i, ch);
		if (strcmp(ch, NAME_DOT) == 0 || re_match(v->name, ch, strlen(ch)))
			continue;
		for (size_t k = 0; k < sizeof look_alike / sizeof look_alike[0]; k++)
			if (strcmp(ch, look_alike[k]) == 0)
				return err_set(e, "姓名中的间隔号应为“·”，不是“%s”", ch);
		size_t l;
		if (is_blank_at(s, n, i, &l))
			return err_set(e, "姓名中不能有空格");
		return err_set(e, "姓名只能包含汉字和间隔号“·”，不能有“%s”", ch);
	}
	if (strncmp(s, NAME_DOT, 2) == 0 || (n >= 2 && strncmp(s + n - 2, NAME_DOT, 2) == 0))
		return err_set(e, "姓名不能以间隔号“·”开头或结尾");
	/* Only Han characters and dots, neither end a dot: two dots meet. */
	return err_set(e, "姓名中不能有连续的间隔号“·”");
}

int validate_name(const struct validator *v, const char *text, struct err *e)
{
	const char *s;
	size_t n;
	if (v == NULL || text == NULL)
		return err_set(e, "姓名为空");
	trim(text, &s, &n);
	if (n == 0)
		return err_set(e, "姓名为空");
	int rc = re_exec(v->name, s, n);
	if (rc == RE_BAD_UTF8)
		return err_set(e, "姓名含有无法识别的字符（不是 UTF-8 编码的文字）");
	if (rc == 0)
		return name_error(v, s, n, e);
	size_t chars = utf8_chars(s, n);
	if (chars < 2 || chars > 20)
		return err_set(e, "姓名应为 2–20 个字符，现为 %zu 个", chars);
	return 0;
}
