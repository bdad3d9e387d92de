#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/progress.h"
#include "core/export/report.h"

#define EXPORT_USAGE "jiuzhu export 报表 [--village 村] [--township 乡镇] " \
	"[--from YYYY-MM-DD] [--to YYYY-MM-DD] [--quarter YYYYQn] -o 文件.xlsx；" \
	"jiuzhu export publicity --village 村 [--batch N] -o 文件.xlsx；" \
	"jiuzhu export announcement --village 村 -o 文件.xlsx"

struct export_args {
	const char *id, *out, *batch;
	struct report_params p;
};

static int parse_args(int argc, char **argv, struct export_args *a)
{
	static const char *const opts[] = { "--village", "--township", "--from", "--to",
					    "--quarter", "-o", "--output", "--batch" };
	memset(a, 0, sizeof *a);
	for (int i = 1; i < argc; i++) {
		const char **slot = NULL;
		for (size_t k = 0; k < sizeof opts / sizeof opts[0]; k++)
			if (strcmp(argv[i], opts[k]) == 0) {
				const char **slots[] = { &a->p.village, &a->p.township, &a->p.from,
							 &a->p.to, &a->p.quarter, &a->out, &a->out,
							 &a->batch };
				slot = slots[k];
			}
		if (slot != NULL) {
			if (i + 1 >= argc) {
				cli_error("export：%s 后面缺少值。用法：%s", argv[i], EXPORT_USAGE);
				return -1;
			}
			*slot = argv[++i];
		} else if (argv[i][0] != '-' && a->id == NULL) {
			a->id = argv[i];
		} else {
			cli_error("export：无法识别的参数 %s。用法：%s", argv[i], EXPORT_USAGE);
			return -1;
		}
	}
	if (a->id == NULL || a->out == NULL) {
		cli_error("export：需要报表名和 -o 文件。用法：%s（报表名见 jiuzhu report list）",
			  EXPORT_USAGE);
		return -1;
	}
	return 0;
}

static int run(struct cli *c, const struct report_set *set, const struct export_args *a)
{
	struct err e;
	const struct report_def *r = reports_find(set, a->id);
	if (r == NULL) {
		char ids[512] = "";
		for (size_t i = 0; i < set->n; i++)
			snprintf(ids + strlen(ids), sizeof ids - strlen(ids), "%s%s", i ? "、" : "",
				 set->defs[i].id);
		cli_error("export：没有报表 “%s”（可用：%s）", a->id, ids);
		return EXIT_USAGE;
	}
	if (report_params_check(c->s.store, r, &a->p, &e) != 0) {
		cli_error("export %s：%s", r->id, e.msg);
		return EXIT_USAGE;
	}
	struct cli_progress bar;
	progress_fn show = cli_progress_start(&bar, "已写");
	long rows = 0;
	int rc = report_export(c->s.store, &c->s.cfg, &c->s.cat, r, &a->p, a->out, show, &bar,
			       &rows, &e);
	cli_progress_end(&bar);
	if (rc != 0) {
		cli_error("%s", e.msg);
		return EXIT_FAIL;
	}
	printf("已导出 %s（%s）：%ld 行 → %s\n", r->id, r->name, rows, a->out);
	return EXIT_OK;
}

/* export REPORT [params] -o FILE */
int cmd_export(struct cli *c, int argc, char **argv)
{
	struct export_args a;
	struct report_set set;
	struct err e;
	if (parse_args(argc, argv, &a) != 0)
		return EXIT_USAGE;
	if (strcmp(a.id, "publicity") == 0 || strcmp(a.id, "announcement") == 0) {
		if (a.p.township || a.p.from || a.p.to || a.p.quarter) {
			cli_error("export %s：只接受 --village%s 和 -o", a.id,
				  strcmp(a.id, "publicity") == 0 ? "、--batch" : "");
			return EXIT_USAGE;
		}
		return export_list(c, a.id, a.p.village, a.batch, a.out);
	}
	if (a.batch != NULL) {
		cli_error("export %s：--batch 只用于 export publicity", a.id);
		return EXIT_USAGE;
	}
	if (cli_open(c, SESSION_STORE) != 0)
		return EXIT_FAIL;
	/* Every report file is checked, queries included, before any runs. */
	if (reports_load_dir(c->s.cfg.reports_dir, &set, &e) != 0) {
		cli_error("%s", e.msg);
		return EXIT_FAIL;
	}
	int rc = EXIT_FAIL;
	if (report_register_functions(c->s.store, &c->s.cfg, &c->s.cat, &e) != 0 ||
	    reports_check(&set, store_db(c->s.store), &e) != 0)
		cli_error("%s", e.msg);
	else
		rc = run(c, &set, &a);
	reports_free(&set);
	return rc;
}
