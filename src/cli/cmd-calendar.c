#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int parse_int(const char *s, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < -100000 || v > 100000)
		return -1;
	*out = (int)v;
	return 0;
}

/* calendar --from D --add N | --to D */
int cmd_calendar(struct cli *c, int argc, char **argv)
{
	const char *from = NULL, *to = NULL, *add = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--from") == 0 && i + 1 < argc)
			from = argv[++i];
		else if (strcmp(argv[i], "--add") == 0 && i + 1 < argc)
			add = argv[++i];
		else if (strcmp(argv[i], "--to") == 0 && i + 1 < argc)
			to = argv[++i];
		else {
			cli_error("calendar：无法识别的参数 %s。用法：jiuzhu calendar --from YYYY-MM-DD (--add N | --to YYYY-MM-DD)", argv[i]);
			return EXIT_USAGE;
		}
	}
	if (from == NULL || (add == NULL) == (to == NULL)) {
		cli_error("calendar：需要 --from 以及 --add 或 --to 之一。用法：jiuzhu calendar --from YYYY-MM-DD (--add N | --to YYYY-MM-DD)");
		return EXIT_USAGE;
	}
	date_t d0, d1 = DATE_NONE;
	int n = 0;
	if (date_parse(from, &d0) != 0) {
		cli_error("calendar：--from 的值 “%s” 不是有效日期（格式 YYYY-MM-DD）", from);
		return EXIT_USAGE;
	}
	if (add != NULL && parse_int(add, &n) != 0) {
		cli_error("calendar：--add 的值 “%s” 不是整数", add);
		return EXIT_USAGE;
	}
	if (to != NULL && date_parse(to, &d1) != 0) {
		cli_error("calendar：--to 的值 “%s” 不是有效日期（格式 YYYY-MM-DD）", to);
		return EXIT_USAGE;
	}
	if (cli_open(c, SESSION_CONFIG) != 0)
		return EXIT_FAIL;
	const struct calendar *cal = &c->s.cfg.cal;
	if (add != NULL)
		d1 = calendar_add_workdays(cal, d0, n);
	if (!calendar_covers(cal, d0) || !calendar_covers(cal, d1)) {
		char a[11], b[11];
		date_format(d0, a);
		date_format(d1, b);
		fprintf(stderr, "jiuzhu: 注意：配置文件的节假日安排只覆盖 %d–%d 年，%s 至 %s 之间只按周末计算。\n",
			cal->first_year, cal->last_year, a, b);
	}
	if (add != NULL) {
		char out[11];
		date_format(d1, out);
		printf("%s\n", out);
	} else {
		printf("%d\n", calendar_workdays_between(cal, d0, d1));
	}
	return EXIT_OK;
}
