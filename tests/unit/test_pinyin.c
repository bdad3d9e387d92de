/* Tests for src/core/base/pinyin.c and its generated table. Expected initials
 * come from the readings in a dictionary (现代汉语词典, 百家姓): 单 dān /
 * shàn (surname) / chán (单于), 曾 céng / zēng (surname), 翟 dí / zhái
 * (surname), 吕 lǚ, 张 zhāng, 三 sān, 欧阳 ōuyáng, 娜 nà / nuó, 伟 wěi. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/base/pinyin.h"

#define BIT(c) (1u << ((c) - 'a'))

static bool has_key(char keys[][16], int n, const char *want)
{
	for (int i = 0; i < n; i++)
		if (strcmp(keys[i], want) == 0)
			return true;
	return false;
}

static void table_sorted(void **state)
{
	(void)state;
	assert_true(pinyin_table_len > 20000);
	for (size_t i = 1; i < pinyin_table_len; i++)
		assert_true(pinyin_table[i - 1].cp < pinyin_table[i].cp);
	for (size_t i = 0; i < pinyin_table_len; i++) {
		assert_int_not_equal(pinyin_table[i].mask, 0);
		assert_int_equal(pinyin_table[i].mask >> 26, 0);
	}
}

static void single_characters(void **state)
{
	(void)state;
	assert_int_equal(pinyin_initials(0x5F20), BIT('z'));	/* 张 */
	assert_int_equal(pinyin_initials(0x4E09), BIT('s'));	/* 三 */
	assert_int_equal(pinyin_initials(0x5415), BIT('l'));	/* 吕 lǚ */
	assert_int_equal(pinyin_initials(0x6B27), BIT('o'));	/* 欧 ōu */
	assert_int_equal(pinyin_initials(0x4F1F), BIT('w'));	/* 伟 */
	/* Surnames read otherwise than their common reading. */
	uint32_t shan = pinyin_initials(0x5355);		/* 单 */
	assert_true(shan & BIT('d'));
	assert_true(shan & BIT('s'));
	uint32_t zeng = pinyin_initials(0x66FE);		/* 曾 */
	assert_true(zeng & BIT('c'));
	assert_true(zeng & BIT('z'));
	uint32_t zhai = pinyin_initials(0x7FDF);		/* 翟 */
	assert_true(zhai & BIT('d'));
	assert_true(zhai & BIT('z'));
	/* A reading that starts with a toned vowel: 阿 ā / ē. */
	assert_true(pinyin_initials(0x963F) & BIT('a'));
	assert_true(pinyin_initials(0x963F) & BIT('e'));
	/* ASCII letters stand for themselves; the rest have no initials. */
	assert_int_equal(pinyin_initials('Q'), BIT('q'));
	assert_int_equal(pinyin_initials('q'), BIT('q'));
	assert_int_equal(pinyin_initials('7'), 0);
	assert_int_equal(pinyin_initials(0x00B7), 0);	/* · */
	assert_int_equal(pinyin_initials(0x3002), 0);	/* 。 */
	assert_int_equal(pinyin_initials(0x10FFFF), 0);
}

static void match(void **state)
{
	(void)state;
	assert_true(pinyin_match_prefix("张三", "zs"));
	assert_true(pinyin_match_prefix("张三", "z"));
	assert_true(pinyin_match_prefix("张三", ""));
	assert_true(pinyin_match_prefix("欧阳娜娜", "oynn"));
	assert_true(pinyin_match_prefix("欧阳娜娜", "oy"));
	assert_true(pinyin_match_prefix("吕小明", "lxm"));
	assert_true(pinyin_match_prefix("单伟", "sw"));
	assert_true(pinyin_match_prefix("单伟", "dw"));
	assert_true(pinyin_match_prefix("曾伟", "zw"));
	assert_true(pinyin_match_prefix("翟伟", "zw"));
	assert_true(pinyin_match_prefix("翟伟", "dw"));
}

static void mismatch(void **state)
{
	(void)state;
	assert_false(pinyin_match_prefix("张三", "zx"));
	assert_false(pinyin_match_prefix("张三", "sz"));
	assert_false(pinyin_match_prefix("张三", "zsf"));	/* longer than the name */
	assert_false(pinyin_match_prefix("张三", "s"));
	assert_false(pinyin_match_prefix("单伟", "zw"));
	assert_false(pinyin_match_prefix("欧阳娜娜", "oynm"));
	assert_false(pinyin_match_prefix("吕小明", "lv"));
	assert_false(pinyin_match_prefix("张三", "z1"));	/* not a letter */
	assert_false(pinyin_match_prefix("", "z"));
	assert_false(pinyin_match_prefix("张？三", "zs"));	/* ？ has no initial */
}

static void case_insensitive(void **state)
{
	(void)state;
	assert_true(pinyin_match_prefix("张三", "ZS"));
	assert_true(pinyin_match_prefix("张三", "Zs"));
	assert_true(pinyin_match_prefix("欧阳娜娜", "OyNn"));
	assert_true(pinyin_match_prefix("Tom李", "TOML"));
	assert_false(pinyin_match_prefix("张三", "ZX"));
}

static void middle_dot(void **state)
{
	(void)state;
	/* 阿依古丽·买买提 ā yī gǔ lì · mǎi mǎi tí */
	const char *name = "阿依古丽·买买提";
	assert_true(pinyin_match_prefix(name, "aygl"));
	assert_true(pinyin_match_prefix(name, "ayglmmt"));
	assert_true(pinyin_match_prefix(name, "AYGLM"));
	assert_false(pinyin_match_prefix(name, "aygl.m"));
	assert_false(pinyin_match_prefix(name, "ayglmmtx"));
	/* The dot typed as the katakana or full-width one. */
	assert_true(pinyin_match_prefix("阿依古丽・买买提", "ayglm"));
	assert_true(pinyin_match_prefix("阿依古丽．买买提", "ayglm"));

	char keys[16][16];
	int n = pinyin_keys(name, keys, 16);
	assert_true(n > 0);
	assert_true(has_key(keys, n, "ayglmmt"));
	for (int i = 0; i < n; i++)
		assert_int_equal(strlen(keys[i]), 7);
}

static void keys(void **state)
{
	(void)state;
	char k[16][16];
	/* 单 chán / dān / shàn, 伟 wěi: exactly three strings. */
	int n = pinyin_keys("单伟", k, 16);
	assert_int_equal(n, 3);
	assert_true(has_key(k, n, "sw"));
	assert_true(has_key(k, n, "dw"));
	assert_true(has_key(k, n, "cw"));

	n = pinyin_keys("张三", k, 16);
	assert_int_equal(n, 1);
	assert_string_equal(k[0], "zs");

	n = pinyin_keys("欧阳娜娜", k, 16);
	assert_int_equal(n, 1);
	assert_string_equal(k[0], "oynn");

	/* 翟曾: {d, z} × {c, z}, all distinct. */
	n = pinyin_keys("翟曾", k, 16);
	assert_true(n >= 4);
	assert_true(has_key(k, n, "dc"));
	assert_true(has_key(k, n, "dz"));
	assert_true(has_key(k, n, "zc"));
	assert_true(has_key(k, n, "zz"));
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			assert_string_not_equal(k[i], k[j]);

	assert_int_equal(pinyin_keys("", k, 16), 0);
	assert_int_equal(pinyin_keys("？张", k, 16), 0);
	/* Keys stop before a character without initials. */
	n = pinyin_keys("张三？李", k, 16);
	assert_int_equal(n, 1);
	assert_string_equal(k[0], "zs");
}

static void keys_capped(void **state)
{
	(void)state;
	char k[16][16];
	/* 单曾翟: 3 × 2 × 2 = 12 or more strings; with room for 6, every
	 * combination of the first two characters is still there. */
	int n = pinyin_keys("单曾翟", k, 6);
	assert_int_equal(n, 6);
	const char *pairs[] = { "dc", "dz", "sc", "sz", "cc", "cz" };
	for (int p = 0; p < 6; p++) {
		bool found = false;
		for (int i = 0; i < n; i++)
			found |= strncmp(k[i], pairs[p], 2) == 0;
		assert_true(found);
	}
	for (int i = 0; i < n; i++) {
		assert_int_equal(strlen(k[i]), 3);
		assert_true(pinyin_match_prefix("单曾翟", k[i]));
	}
	/* Room for one: still a whole string. */
	assert_int_equal(pinyin_keys("单伟", k, 1), 1);
	assert_int_equal(strlen(k[0]), 2);
	assert_int_equal(pinyin_keys("单伟", k, 0), 0);
	/* A long name: strings are cut at 15 letters. */
	n = pinyin_keys("张三张三张三张三张三张三张三张三张三", k, 16);
	assert_int_equal(n, 1);
	assert_string_equal(k[0], "zszszszszszszsz");
}

static void bad_utf8(void **state)
{
	(void)state;
	char k[16][16];
	assert_false(pinyin_match_prefix("\xe5\xbc", "z"));
	assert_false(pinyin_match_prefix("\xff\xfe", "z"));
	assert_int_equal(pinyin_keys("\xe5\xbc", k, 16), 0);
	assert_true(pinyin_match_prefix("张\xe4", "z"));
	assert_false(pinyin_match_prefix("张\xe4", "zs"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_sorted),
		cmocka_unit_test(single_characters),
		cmocka_unit_test(match),
		cmocka_unit_test(mismatch),
		cmocka_unit_test(case_insensitive),
		cmocka_unit_test(middle_dot),
		cmocka_unit_test(keys),
		cmocka_unit_test(keys_capped),
		cmocka_unit_test(bad_utf8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
