/* Drafts: saved, replaced, loaded back with Chinese text, discarded with an
 * audit row; store_delete keeps the old row in the audit log. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/store/draft.h"

static char path[64];

static int setup(void **state)
{
	struct store *s;
	struct err e;
	strcpy(path, "/tmp/jz-draft-XXXXXX");
	close(mkstemp(path));
	assert_int_equal(store_open(path, STORE_LOCAL, 1000, &s, &e), 0);
	assert_int_equal(store_migrate(s, &e), 0);
	store_set_user(s, "王经办");
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	char side[80];
	store_close(*state);
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	return 0;
}

static void test_save_load_discard(void **state)
{
	struct store *s = *state;
	struct err e;
	struct draft d;
	int64_t id, id2, n;
	struct draft_field f[] = { { "name", "阿依古丽·买买提" }, { "note", "他说：\"家里\n困难\"" } };
	assert_int_equal(draft_load(s, "household", "王经办", 0, &d, &e), 0);
	assert_int_equal(d.id, 0);
	assert_int_equal(draft_save(s, "household", "王经办", 0, f, 2, &id, &e), 0);
	assert_true(id > 0);
	/* Saving again replaces the same draft. */
	f[0].value = "张三";
	assert_int_equal(draft_save(s, "household", "王经办", 0, f, 2, &id2, &e), 0);
	assert_int_equal(id2, id);
	assert_int_equal(draft_load(s, "household", "王经办", 0, &d, &e), 0);
	assert_int_equal(d.id, id);
	assert_string_equal(draft_value(&d, "name"), "张三");
	assert_string_equal(draft_value(&d, "note"), "他说：\"家里\n困难\"");
	assert_null(draft_value(&d, "phone"));
	draft_free(&d);
	/* Another owner's or form's draft is separate. */
	assert_int_equal(draft_load(s, "household", "李经办", 0, &d, &e), 0);
	assert_int_equal(d.id, 0);
	assert_int_equal(draft_discard(s, id, &e), 0);
	assert_int_equal(draft_load(s, "household", "王经办", 0, &d, &e), 0);
	assert_int_equal(d.id, 0);
	assert_int_equal(store_query_int(s, &n, &e, "SELECT count(*) FROM audit_log WHERE tbl = 'drafts' "
					 "AND action = 'delete' AND json_extract(before, '$.owner') = '王经办'", ""), 0);
	assert_int_equal(n, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_save_load_discard, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
