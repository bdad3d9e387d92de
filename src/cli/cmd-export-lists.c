/* export publicity / announcement: the village lists the 3 公示公布 screen
 * prints, written by the same core functions (publicity.c). Writing the
 * file changes nothing in the store: posting a list and registering the
 * announcement stay steps taken on the screen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/domain/office.h"
#include "core/domain/publicity.h"

/* The batch to print: --batch N (of that village), else its latest. */
static int pick_batch(struct cli *c, int64_t village, const char *name, const char *batch,
		      int64_t *id)
{
	struct err e;
	char *end;
	if (batch == NULL) {
		if (publicity_latest(c->s.store, village, id, &e) != 0) {
			cli_error("%s", e.msg);
			return EXIT_FAIL;
		}
		if (*id == 0) {
			cli_error("export publicity：%s还没有张贴过公示名单", name);
			return EXIT_FAIL;
		}
		return EXIT_OK;
	}
	long long n = strtoll(batch, &end, 10);
	int64_t of;
	if (*batch == '\0' || *end != '\0' || n <= 0) {
		cli_error("export publicity：--batch 的值 “%s” 不是公示批次编号", batch);
		return EXIT_USAGE;
	}
	*id = n;
	if (publicity_batch_village(c->s.store, *id, &of, &e) != 0) {
		cli_error("export publicity：--batch：%s", e.msg);
		return EXIT_USAGE;
	}
	if (of != village) {
		cli_error("export publicity：公示批次 %lld 不是%s的", n, name);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int export_list(struct cli *c, const char *what, const char *village, const char *batch,
		const char *out)
{
	struct err e;
	int64_t vid, id;
	bool publicity = strcmp(what, "publicity") == 0;
	if (village == NULL) {
		cli_error("export %s：需要 --village 村", what);
		return EXIT_USAGE;
	}
	if (!publicity && batch != NULL) {
		cli_error("export announcement：公布名单没有 --batch（写出该村全部已确认的对象）");
		return EXIT_USAGE;
	}
	if (cli_open(c, SESSION_STORE) != 0)
		return EXIT_FAIL;
	if (office_village_id(c->s.store, &c->s.cfg, village, &vid, &e) != 0) {
		cli_error("export %s：--village：%s", what, e.msg);
		return EXIT_USAGE;
	}
	int rc = publicity ? pick_batch(c, vid, village, batch, &id) : EXIT_OK;
	if (rc != EXIT_OK)
		return rc;
	if ((publicity ? publicity_write(c->s.store, &c->s.cfg, &c->s.cat, id, out, &e)
		       : publicity_write_announcement(c->s.store, &c->s.cfg, &c->s.cat, vid,
						      date_today(), out, &e)) != 0) {
		cli_error("%s", e.msg);
		return EXIT_FAIL;
	}
	if (publicity)
		printf("已导出 %s 公示名单（批次 %lld）→ %s\n", village, (long long)id, out);
	else
		printf("已导出 %s 公布名单 → %s\n", village, out);
	return EXIT_OK;
}
