#include <stdio.h>

#include "cli/cli.h"
#include "core/store/backup.h"

/* backup FILE: a copy of the store taken while others work, checked, and
 * the audit chain's head it carries. */
int cmd_backup(struct cli *c, int argc, char **argv)
{
	if (argc != 2 || argv[1][0] == '-') {
		cli_error("backup：用法：jiuzhu backup FILE");
		return EXIT_USAGE;
	}
	if (cli_open(c, SESSION_STORE) != 0)
		return EXIT_FAIL;
	struct audit_head head;
	struct err e;
	if (backup_make(c->s.store, argv[1], &head, &e) != 0) {
		cli_error("%s", e.msg);
		return EXIT_FAIL;
	}
	cli_say(stdout, "已备份到 %s（已检查完整）。审计链头：第 %lld 条 %s", argv[1],
		(long long)head.id, head.hex);
	return EXIT_OK;
}
