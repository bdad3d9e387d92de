/* The line editor's buffer and cursor logic; see lineedit.h. */
#include "tui/widgets/lineedit.h"

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "core/base/utf8.h"

int lineedit_init(struct lineedit *le, size_t max_chars, bool multiline,
		  struct err *e)
{
	memset(le, 0, sizeof *le);
	le->cap = 16;
	le->buf = calloc(le->cap, sizeof *le->buf);
	if (le->buf == NULL)
		return err_set(e, "内存不足，无法建立输入框");
	le->max_chars = max_chars;
	le->multiline = multiline;
	return 0;
}

void lineedit_free(struct lineedit *le)
{
	free(le->buf);
	memset(le, 0, sizeof *le);
}

/* Room for `need` characters plus the NUL. */
static int reserve(struct lineedit *le, size_t need, struct err *e)
{
	if (need + 1 <= le->cap)
		return 0;
	size_t cap = le->cap ? le->cap : 16;
	while (cap < need + 1)
		cap *= 2;
	wchar_t *nb = realloc(le->buf, cap * sizeof *nb);
	if (nb == NULL)
		return err_set(e, "内存不足，无法输入更多文字");
	le->buf = nb;
	le->cap = cap;
	return 0;
}

/* What an inserted character becomes: itself, a space (tab), or 0 when it
 * is dropped (control characters; newlines in a single-line editor). */
static wchar_t clean(const struct lineedit *le, wchar_t c)
{
	if (c == L'\t')
		return L' ';	/* a tab's width depends on where it is drawn */
	if (c == L'\n' && le->multiline)
		return c;
	if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0x2028 || c == 0x2029)
		return 0;
	if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	return c;
}

static int full(const struct lineedit *le, struct err *e)
{
	return err_set(e, "最多只能输入 %zu 个字", le->max_chars);
}

static int put(struct lineedit *le, wchar_t c, struct err *e)
{
	if (le->max_chars > 0 && le->len >= le->max_chars)
		return full(le, e);
	if (reserve(le, le->len + 1, e) < 0)
		return -1;
	memmove(le->buf + le->cursor + 1, le->buf + le->cursor,
		(le->len - le->cursor + 1) * sizeof *le->buf);
	le->buf[le->cursor++] = c;
	le->len++;
	return 0;
}

int lineedit_insert(struct lineedit *le, wchar_t c, struct err *e)
{
	wchar_t k = clean(le, c);
	if (k == 0)
		return err_set(e, c == L'\n' ? "此处只能输入一行" : "不能输入控制字符");
	return put(le, k, e);
}

int lineedit_insert_str(struct lineedit *le, const wchar_t *s, struct err *e)
{
	for (; s != NULL && *s; s++) {
		wchar_t k = clean(le, *s);
		if (k != 0 && put(le, k, e) < 0)
			return -1;
	}
	return 0;
}

int lineedit_insert_utf8(struct lineedit *le, const char *s, struct err *e)
{
	if (s == NULL)
		return 0;
	size_t max = strlen(s) + 1;	/* never more characters than bytes */
	wchar_t *w = malloc(max * sizeof *w);
	if (w == NULL)
		return err_set(e, "内存不足，无法粘贴");
	utf8_to_wcs(s, w, max);
	int rc = lineedit_insert_str(le, w, e);
	free(w);
	return rc;
}

void lineedit_clear(struct lineedit *le)
{
	le->len = le->cursor = le->scroll = 0;
	if (le->buf != NULL)
		le->buf[0] = 0;
}

int lineedit_set_utf8(struct lineedit *le, const char *s, struct err *e)
{
	lineedit_clear(le);
	if (reserve(le, 0, e) < 0)
		return -1;
	return lineedit_insert_utf8(le, s, e);
}

char *lineedit_get_utf8(const struct lineedit *le, struct err *e)
{
	size_t max = le->len * 4 + 1;
	char *out = malloc(max);
	if (out == NULL) {
		err_set(e, "内存不足");
		return NULL;
	}
	wcs_to_utf8(le->buf != NULL ? le->buf : L"", le->len, out, max);
	return out;
}

/* Removes n characters starting at `at`. */
static void cut(struct lineedit *le, size_t at, size_t n)
{
	memmove(le->buf + at, le->buf + at + n,
		(le->len - at - n + 1) * sizeof *le->buf);
	le->len -= n;
	if (le->cursor > at + n)
		le->cursor -= n;
	else if (le->cursor > at)
		le->cursor = at;
	if (le->scroll > le->len)
		le->scroll = le->len;
}

bool lineedit_delete_before(struct lineedit *le)
{
	if (le->cursor == 0)
		return false;
	cut(le, le->cursor - 1, 1);
	return true;
}

bool lineedit_delete_at(struct lineedit *le)
{
	if (le->cursor >= le->len)
		return false;
	cut(le, le->cursor, 1);
	return true;
}

bool lineedit_kill_to_end(struct lineedit *le)
{
	if (le->cursor >= le->len)
		return false;
	cut(le, le->cursor, le->len - le->cursor);
	return true;
}

bool lineedit_left(struct lineedit *le)
{
	if (le->cursor == 0)
		return false;
	le->cursor--;
	return true;
}

bool lineedit_right(struct lineedit *le)
{
	if (le->cursor >= le->len)
		return false;
	le->cursor++;
	return true;
}

bool lineedit_home(struct lineedit *le)
{
	bool moved = le->cursor != 0;
	le->cursor = 0;
	return moved;
}

bool lineedit_end(struct lineedit *le)
{
	bool moved = le->cursor != le->len;
	le->cursor = le->len;
	return moved;
}

static bool is_word(wchar_t c)
{
	if (c < 0x80)
		return (c >= L'0' && c <= L'9') || (c >= L'a' && c <= L'z') ||
		       (c >= L'A' && c <= L'Z') || c == L'_';
	/* Chinese has no spaces, but its punctuation still ends a word. */
	if ((c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF0F) ||
	    (c >= 0xFF1A && c <= 0xFF20))
		return false;
	return wc_cols(c) == 2 || iswalnum((wint_t)c);
}

static size_t word_start(const struct lineedit *le)
{
	size_t i = le->cursor;
	while (i > 0 && !is_word(le->buf[i - 1]))
		i--;
	while (i > 0 && is_word(le->buf[i - 1]))
		i--;
	return i;
}

bool lineedit_delete_word_before(struct lineedit *le)
{
	size_t i = word_start(le);
	if (i == le->cursor)
		return false;
	cut(le, i, le->cursor - i);
	return true;
}

/* ---- what is visible ---- */

static int cols_of(wchar_t c)
{
	return wc_cols(c);
}

/* Columns of characters [from, to). */
static size_t span(const struct lineedit *le, size_t from, size_t to)
{
	size_t cols = 0;
	for (size_t i = from; i < to; i++)
		cols += (size_t)cols_of(le->buf[i]);
	return cols;
}

/* The cell under the cursor: the character there, or one blank at the end. */
static size_t cursor_cell(const struct lineedit *le)
{
	int w = le->cursor < le->len ? cols_of(le->buf[le->cursor]) : 1;
	return w > 0 ? (size_t)w : 1;
}

void lineedit_view(struct lineedit *le, int width_cols, size_t *first,
		   int *cursor_col)
{
	size_t width = width_cols > 0 ? (size_t)width_cols : 0;

	if (le->cursor > le->len)
		le->cursor = le->len;
	if (le->scroll > le->cursor)
		le->scroll = le->cursor;
	while (le->scroll < le->cursor &&
	       span(le, le->scroll, le->cursor) + cursor_cell(le) > width)
		le->scroll++;
	/* After a deletion, show as much as fits rather than a part. */
	while (le->scroll > 0 &&
	       span(le, le->scroll - 1, le->len) +
	       (le->cursor == le->len ? 1 : 0) <= width)
		le->scroll--;
	if (first != NULL)
		*first = le->scroll;
	if (cursor_col != NULL)
		*cursor_col = (int)span(le, le->scroll, le->cursor);
}

size_t lineedit_fit(const struct lineedit *le, size_t first, int width_cols,
		    int *cols)
{
	size_t used = 0, n = 0;
	size_t width = width_cols > 0 ? (size_t)width_cols : 0;
	for (size_t i = first; i < le->len; i++) {
		size_t w = (size_t)cols_of(le->buf[i]);
		if (used + w > width)
			break;
		used += w;
		n++;
	}
	if (cols != NULL)
		*cols = (int)used;
	return n;
}
