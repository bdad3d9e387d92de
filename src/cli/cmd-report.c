#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/export/report.h"

/* report list: the report files of the configured reports directory. */
int cmd_report(struct cli *c, int argc, char **argv)
{
	if (argc != 2 || strcmp(argv[1], "list") != 0) {
		cli_error("report：用法：jiuzhu report list");
		return EXIT_USAGE;
	}
	if (cli_open(c, SESSION_CONFIG) != 0)
		return EXIT_FAIL;
	struct report_set set;
	struct err e;
	if (reports_load_dir(c->s.cfg.reports_dir, &set, &e) != 0) {
		cli_error("%s", e.msg);
		return EXIT_FAIL;
	}
	for (size_t i = 0; i < set.n; i++) {
		char usage[256];
		report_params_usage(&set.defs[i], usage, sizeof usage);
		printf("%-18s %s\n", set.defs[i].id, set.defs[i].name);
		printf("%-18s 参数：%s\n", "", *usage ? usage : "（无）");
	}
	reports_free(&set);
	return EXIT_OK;
}
