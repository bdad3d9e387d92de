/* alerts: the deadline list of 4 时限预警 for scripts and cron. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/domain/office.h"
#include "core/query/alerts.h"

#define ALERTS_USAGE "jiuzhu alerts [--today YYYY-MM-DD] [--village 村] [--format text|tsv]"

struct alerts_args {
	const char *today, *village, *format;
};

static int parse_args(int argc, char **argv, struct alerts_args *a)
{
	memset(a, 0, sizeof *a);
	for (int i = 1; i < argc; i++) {
		const char **slot = strcmp(argv[i], "--today") == 0 ? &a->today
				  : strcmp(argv[i], "--village") == 0 ? &a->village
				  : strcmp(argv[i], "--format") == 0 ? &a->format : NULL;
		if (slot == NULL || i + 1 >= argc) {
			cli_error("alerts：%s %s。用法：%s", argv[i],
				  slot == NULL ? "无法识别" : "后面缺少值", ALERTS_USAGE);
			return -1;
		}
		*slot = argv[++i];
	}
	if (a->format != NULL && strcmp(a->format, "text") != 0 && strcmp(a->format, "tsv") != 0) {
		cli_error("alerts：--format 只能是 text 或 tsv，不是 “%s”", a->format);
		return -1;
	}
	return 0;
}

static void print_text(const struct alert_list *l)
{
	int group = -1;
	for (size_t i = 0; i < l->n; i++) {
		const struct alert *a = &l->v[i];
		char due[11], days[48];
		if ((int)a->urgency != group) {
			group = (int)a->urgency;
			printf("%s【%s】\n", i ? "\n" : "", alert_urgency_label(a->urgency));
		}
		date_format(a->due, due);
		alert_days_text(a, false, days, sizeof days);
		printf("%s%s  %s  %s  %s  %s %s  %s%s%s\n", due, a->provisional ? "（暂按周末计算）" : "",
		       days, a->text, a->village, alert_object_label(a->rule->object), a->number,
		       a->name, a->note[0] ? "  " : "", a->note);
	}
}

/* Tabs and line ends inside a value would break the columns. */
static void tsv_field(const char *s, bool last)
{
	for (; *s; s++)
		putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
	putchar(last ? '\n' : '\t');
}

static void print_tsv(const struct alert_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct alert *a = &l->v[i];
		char due[11], days[16];
		date_format(a->due, due);
		snprintf(days, sizeof days, "%d", a->days_left);
		tsv_field(due, false);
		tsv_field(days, false);
		tsv_field(a->text, false);
		tsv_field(a->village, false);
		tsv_field(alert_object_label(a->rule->object), false);
		tsv_field(a->number, false);
		tsv_field(a->name, true);
	}
}

/* alerts [--today D] [--village V] [--format text|tsv] */
int cmd_alerts(struct cli *c, int argc, char **argv)
{
	struct alerts_args a;
	struct alert_filter f = { .object = -1 };
	struct alert_list l;
	struct err e;
	date_t today = date_today();
	if (parse_args(argc, argv, &a) != 0)
		return EXIT_USAGE;
	if (a.today != NULL && date_parse(a.today, &today) != 0) {
		cli_error("alerts：--today 的值 “%s” 不是有效日期（格式 YYYY-MM-DD）", a.today);
		return EXIT_USAGE;
	}
	if (cli_open(c, SESSION_STORE) != 0)
		return EXIT_FAIL;
	if (a.village != NULL && office_village_id(c->s.store, &c->s.cfg, a.village, &f.village_id, &e) != 0) {
		cli_error("alerts：--village：%s", e.msg);
		return EXIT_USAGE;
	}
	if (alerts_collect(c->s.store, &c->s.cfg, today, &f, &l, &e) != 0) {
		cli_error("%s", e.msg);
		return EXIT_FAIL;
	}
	if (a.format != NULL && strcmp(a.format, "tsv") == 0)
		print_tsv(&l);
	else
		print_text(&l);
	alerts_free(&l);
	return EXIT_OK;
}
