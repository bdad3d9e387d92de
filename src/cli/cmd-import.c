#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/progress.h"
#include "core/tools/import.h"

/* import households FILE [--skip-bad] */
int cmd_import(struct cli *c, int argc, char **argv)
{
	const char *what = NULL, *file = NULL;
	bool skip_bad = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--skip-bad") == 0)
			skip_bad = true;
		else if (what == NULL)
			what = argv[i];
		else if (file == NULL)
			file = argv[i];
		else {
			cli_error("import：多余的参数 %s", argv[i]);
			return EXIT_USAGE;
		}
	}
	if (what == NULL || strcmp(what, "households") != 0 || file == NULL) {
		cli_error("import：用法：jiuzhu import households FILE [--skip-bad]");
		return EXIT_USAGE;
	}
	if (cli_open(c, SESSION_STORE) != 0)
		return EXIT_FAIL;

	struct import_report r = { 0 };
	struct form_set forms = { 0 };
	struct cli_progress bar;
	struct err e;
	int rc = session_load_forms(&c->s, &forms, &e);
	if (rc == 0) {
		progress_fn show = cli_progress_start(&bar, "已核对");
		rc = import_households(c->s.store, &c->s.cfg, c->s.v, &forms, file, skip_bad, show, &bar,
				       &r, &e);
		cli_progress_end(&bar);
	}
	/* The lines quote the file's cells: printed safe. */
	for (size_t i = 0; i < r.n_lines; i++)
		cli_say(stderr, "%s：%s", file, r.lines[i]);
	if (rc != 0) {
		cli_error("%s", e.msg);
	} else {
		printf("已导入 %zu 户、%zu 人。", r.households, r.persons);
		if (r.bad_rows > 0)
			printf("跳过有错误的行 %zu 行（所在家庭整户未导入）。", r.bad_rows);
		printf("\n");
	}
	forms_free(&forms);
	import_report_free(&r);
	return rc == 0 ? EXIT_OK : EXIT_FAIL;
}
