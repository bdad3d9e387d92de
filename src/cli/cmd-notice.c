#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/export/notice.h"

#define NOTICE_USAGE "jiuzhu notice (missing | refusal) 申请编号 -o 文件.xlsx"

/* notice missing|refusal ID -o FILE: reprints a notice handed to an
 * applicant (the case screen's p and w), for support staff and scripts. */
int cmd_notice(struct cli *c, int argc, char **argv)
{
	const char *which = NULL, *id_text = NULL, *out = NULL;
	for (int i = 1; i < argc; i++) {
		if ((strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) && i + 1 < argc)
			out = argv[++i];
		else if (argv[i][0] != '-' && which == NULL)
			which = argv[i];
		else if (argv[i][0] != '-' && id_text == NULL)
			id_text = argv[i];
		else {
			cli_error("notice：无法识别的参数 %s。用法：%s", argv[i], NOTICE_USAGE);
			return EXIT_USAGE;
		}
	}
	char *end = NULL;
	long long id = id_text != NULL ? strtoll(id_text, &end, 10) : 0;
	bool refusal = which != NULL && strcmp(which, "refusal") == 0;
	if (which == NULL || (!refusal && strcmp(which, "missing") != 0) || id_text == NULL ||
	    *end != '\0' || id <= 0 || out == NULL) {
		cli_error("notice：需要告知书种类（missing 一次性告知书，refusal 不予确认通知书）、"
			  "申请编号和 -o 文件。用法：%s", NOTICE_USAGE);
		return EXIT_USAGE;
	}
	if (cli_open(c, SESSION_STORE) != 0)
		return EXIT_FAIL;
	struct err e;
	int rc = refusal ? notice_refusal_write(c->s.store, &c->s.cfg, &c->s.cat, id, DATE_NONE, out, &e)
			 : notice_write(c->s.store, &c->s.cfg, &c->s.cat, id, out, &e);
	if (rc != 0) {
		cli_error("%s", e.msg);
		return EXIT_FAIL;
	}
	printf("已导出%s（申请 %lld）→ %s\n", refusal ? "不予确认通知书" : "一次性告知书", id, out);
	return EXIT_OK;
}
