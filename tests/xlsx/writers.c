/* The printed files that only the screens write — the one-time notice, the
 * publicity list, the announcement list — written from a store on the
 * command line, for tests/xlsx and tests/print to read back:
 *
 *   writers CONFIG DB notice APPLICATION_ID OUT.xlsx
 *   writers CONFIG DB publicity BATCH_ID OUT.xlsx
 *   writers CONFIG DB announce VILLAGE_ID YYYY-MM-DD OUT.xlsx
 *
 * Exit 0 when written; else the core's message on stderr and exit 1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/date.h"
#include "core/domain/publicity.h"
#include "core/export/notice.h"
#include "core/session.h"

static int write_one(struct session *s, int argc, char **argv, struct err *e)
{
	const char *what = argv[3];
	int64_t id = strtoll(argv[4], NULL, 10);
	date_t on;
	if (strcmp(what, "notice") == 0 && argc == 6)
		return notice_write(s->store, &s->cfg, id, argv[5], e);
	if (strcmp(what, "publicity") == 0 && argc == 6)
		return publicity_write(s->store, &s->cfg, &s->cat, id, argv[5], e);
	if (strcmp(what, "announce") == 0 && argc == 7) {
		if (date_parse(argv[5], &on) != 0)
			return err_set(e, "日期 “%s” 不对", argv[5]);
		return publicity_write_announcement(s->store, &s->cfg, &s->cat, id, on, argv[6], e);
	}
	return err_set(e, "用法：writers CONFIG DB notice|publicity ID OUT | announce VILLAGE DATE OUT");
}

int main(int argc, char **argv)
{
	struct session s;
	struct err e;
	if (argc < 6) {
		fprintf(stderr, "用法：writers CONFIG DB notice|publicity ID OUT | announce VILLAGE DATE OUT\n");
		return 2;
	}
	memset(&s, 0, sizeof s);
	int rc = session_open(&s, argv[1], argv[2], SESSION_STORE, &e);
	if (rc == 0)
		rc = write_one(&s, argc, argv, &e);
	if (rc != 0)
		fprintf(stderr, "%s\n", e.msg);
	session_close(&s);
	return rc != 0;
}
