/* The line editor with Chinese text (neomutt's editor tests use "义勇军"). */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tui/widgets/lineedit.h"

static void check_text(struct lineedit *le, const char *want)
{
	char *s = lineedit_get_utf8(le, NULL);
	assert_non_null(s);
	assert_string_equal(s, want);
	free(s);
}

static void test_insert_chinese(void **state)
{
	(void)state;
	struct lineedit le;
	assert_int_equal(lineedit_init(&le, 0, false, NULL), 0);
	assert_int_equal(lineedit_insert(&le, L'义', NULL), 0);
	assert_int_equal(lineedit_insert(&le, L'勇', NULL), 0);
	assert_int_equal(lineedit_insert(&le, L'军', NULL), 0);
	assert_int_equal(le.len, 3);
	assert_int_equal(le.cursor, 3);
	check_text(&le, "义勇军");
	/* UTF-8 bytes: 9, characters: 3. */
	assert_int_equal(strlen("义勇军"), 9);
	lineedit_free(&le);
}

static void test_cursor_and_delete(void **state)
{
	(void)state;
	struct lineedit le;
	struct err e;
	lineedit_init(&le, 0, false, NULL);
	assert_int_equal(lineedit_set_utf8(&le, "义勇军进行曲", &e), 0);
	assert_int_equal(le.cursor, 6);
	assert_true(lineedit_left(&le));
	assert_true(lineedit_left(&le));
	assert_int_equal(le.cursor, 4);		/* before 行 */
	assert_true(lineedit_delete_before(&le));	/* removes 进 whole */
	check_text(&le, "义勇军行曲");
	assert_int_equal(le.cursor, 3);
	assert_true(lineedit_delete_at(&le));		/* removes 行 */
	check_text(&le, "义勇军曲");
	assert_true(lineedit_home(&le));
	assert_false(lineedit_left(&le));
	assert_false(lineedit_delete_before(&le));
	assert_true(lineedit_right(&le));
	assert_int_equal(lineedit_insert(&le, L'A', NULL), 0);
	check_text(&le, "义A勇军曲");
	assert_true(lineedit_end(&le));
	assert_false(lineedit_right(&le));
	assert_false(lineedit_delete_at(&le));
	assert_int_equal(le.cursor, 5);
	lineedit_free(&le);
}

static void test_words(void **state)
{
	(void)state;
	struct lineedit le;
	lineedit_init(&le, 0, false, NULL);
	lineedit_set_utf8(&le, "张三 13812345678，李四", NULL);
	/* 张三(0-1) space(2) digits(3-13) ，(14) 李四(15-16); cursor 17 */
	for (int i = 0; i < 3; i++)
		assert_true(lineedit_left(&le));
	assert_int_equal(le.cursor, 14);
	assert_true(lineedit_delete_word_before(&le));
	check_text(&le, "张三 ，李四");
	assert_int_equal(le.cursor, 3);
	assert_true(lineedit_kill_to_end(&le));
	check_text(&le, "张三 ");
	lineedit_free(&le);
}

static void test_paste(void **state)
{
	(void)state;
	struct lineedit le;
	struct err e;
	lineedit_init(&le, 0, false, NULL);
	assert_int_equal(lineedit_insert_utf8(&le, "重庆市\n垫江县\r\n\x01桂溪街道\t1号", &e), 0);
	check_text(&le, "重庆市垫江县桂溪街道 1号");
	assert_int_equal(lineedit_insert(&le, L'\n', &e), -1);
	assert_int_equal(lineedit_insert(&le, 0x1B, &e), -1);	/* ESC */
	lineedit_free(&le);

	/* A multi-line editor keeps the newlines. */
	lineedit_init(&le, 0, true, NULL);
	lineedit_insert_utf8(&le, "第一行\n第二行", NULL);
	check_text(&le, "第一行\n第二行");
	assert_int_equal(le.len, 7);
	lineedit_free(&le);
}

static void test_max_chars(void **state)
{
	(void)state;
	struct lineedit le;
	struct err e;
	lineedit_init(&le, 4, false, NULL);
	assert_int_equal(lineedit_insert_utf8(&le, "义勇军", &e), 0);
	assert_int_equal(lineedit_insert(&le, L'进', &e), 0);
	assert_int_equal(lineedit_insert(&le, L'行', &e), -1);
	assert_non_null(strstr(e.msg, "4"));
	check_text(&le, "义勇军进");
	/* A paste keeps what fits and says the rest was refused. */
	lineedit_delete_before(&le);
	lineedit_delete_before(&le);
	assert_int_equal(lineedit_insert_utf8(&le, "前进前进", &e), -1);
	check_text(&le, "义勇前进");
	/* Setting counts characters, not bytes: 4 Chinese = 12 bytes fits. */
	assert_int_equal(lineedit_set_utf8(&le, "中华人民", &e), 0);
	assert_int_equal(lineedit_set_utf8(&le, "中华人民共和国", &e), -1);
	check_text(&le, "中华人民");
	lineedit_free(&le);
}

/* 12 Chinese characters in a 10-column window: 5 fit when the cursor is in
 * the middle, 4 plus the cursor cell when it is at the end. */
static void test_view_scroll(void **state)
{
	(void)state;
	struct lineedit le;
	size_t first;
	int col;
	lineedit_init(&le, 0, false, NULL);
	lineedit_set_utf8(&le, "中华人民共和国社会救助法", NULL);
	assert_int_equal(le.len, 12);

	/* Cursor at the end: 2*(12-first) + 1 <= 10, so first = 8. */
	lineedit_view(&le, 10, &first, &col);
	assert_int_equal(first, 8);
	assert_int_equal(col, 8);
	assert_int_equal(lineedit_fit(&le, first, 10, NULL), 4);

	/* Home: everything from the start; 5 characters fill 10 columns. */
	lineedit_home(&le);
	lineedit_view(&le, 10, &first, &col);
	assert_int_equal(first, 0);
	assert_int_equal(col, 0);
	assert_int_equal(lineedit_fit(&le, 0, 10, NULL), 5);

	/* Walk right: the cursor column is always even and on screen. */
	for (int i = 0; i < 12; i++) {
		lineedit_right(&le);
		lineedit_view(&le, 10, &first, &col);
		assert_int_equal(col % 2, 0);
		assert_true(col >= 0 && col <= 8);
		assert_int_equal((size_t)col, 2 * (le.cursor - first));
	}
	/* Cursor on 共 (index 5): 5 chars before it need 10 columns + 2 for
	 * itself, so the window starts at 1 and the cursor is at column 8. */
	lineedit_home(&le);
	lineedit_view(&le, 10, &first, &col);
	for (int i = 0; i < 5; i++)
		lineedit_right(&le);
	lineedit_view(&le, 10, &first, &col);
	assert_int_equal(first, 1);
	assert_int_equal(col, 8);
	/* Back left past the window: it follows the cursor. */
	lineedit_home(&le);
	lineedit_view(&le, 10, &first, &col);
	assert_int_equal(first, 0);
	lineedit_free(&le);
}

/* A double-width character that would straddle the right edge is not shown. */
static void test_view_straddle(void **state)
{
	(void)state;
	struct lineedit le;
	size_t first;
	int col, used;
	lineedit_init(&le, 0, false, NULL);
	lineedit_set_utf8(&le, "a中华人民共和国", NULL);
	lineedit_home(&le);
	lineedit_view(&le, 10, &first, &col);
	assert_int_equal(first, 0);
	/* a(1) + 中华人民(8) = 9 columns; 共 would need columns 10-11. */
	assert_int_equal(lineedit_fit(&le, 0, 10, &used), 5);
	assert_int_equal(used, 9);
	/* Odd width: 9 columns show 4 Chinese characters, not 4½. */
	lineedit_set_utf8(&le, "中华人民共和国", NULL);
	assert_int_equal(lineedit_fit(&le, 0, 9, &used), 4);
	assert_int_equal(used, 8);
	/* Cursor on 和 (index 5) in 9 columns: 和 needs columns 8-9 of the
	 * window, so the window must start where 和 ends at column <= 9. */
	lineedit_home(&le);
	for (int i = 0; i < 5; i++)
		lineedit_right(&le);
	lineedit_view(&le, 9, &first, &col);
	assert_int_equal(first, 2);
	assert_int_equal(col, 6);
	/* A window narrower than one wide character still gives a sane answer. */
	lineedit_view(&le, 1, &first, &col);
	assert_int_equal(first, 5);
	assert_int_equal(col, 0);
	lineedit_free(&le);
}

/* After deleting at the end, the window pulls back to show more text. */
static void test_view_pull_back(void **state)
{
	(void)state;
	struct lineedit le;
	size_t first;
	int col;
	lineedit_init(&le, 0, false, NULL);
	lineedit_set_utf8(&le, "中华人民共和国社会救助法", NULL);
	lineedit_view(&le, 10, &first, &col);
	assert_int_equal(first, 8);
	for (int i = 0; i < 6; i++)
		lineedit_delete_before(&le);	/* 中华人民共和 left */
	lineedit_view(&le, 10, &first, &col);
	/* 2*(6-first) + 1 <= 10 → first = 2 */
	assert_int_equal(first, 2);
	assert_int_equal(col, 8);
	lineedit_free(&le);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_insert_chinese),
		cmocka_unit_test(test_cursor_and_delete),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_paste),
		cmocka_unit_test(test_max_chars),
		cmocka_unit_test(test_view_scroll),
		cmocka_unit_test(test_view_straddle),
		cmocka_unit_test(test_view_pull_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
