/* Importing households from a CSV file (a village roster kept in Excel):
 * one row per person, a 户主 row starting each household. */
#ifndef JZ_IMPORT_H
#define JZ_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/progress.h"
#include "core/office/config.h"
#include "core/base/err.h"
#include "core/store/store.h"
#include "core/office/form.h"
#include "core/office/validate.h"

struct import_report {
	size_t rows;		/* data rows read (blank lines not counted) */
	size_t households;	/* households written */
	size_t persons;		/* persons written */
	size_t bad_rows;	/* rows with at least one error */
	char **lines;		/* owned messages: warnings and errors, each */
	size_t n_lines;		/* prefixed "第 N 行：" where it applies */
};

/* Imports the households of the CSV file at path into the villages of the
 * configured township. The columns are found by their header names:
 * 村（社区）, 姓名, 身份证号码, 与户主关系 (required), 联系电话, 家庭住址.
 * All or nothing: with a bad row and !skip_bad nothing is written and -1
 * is returned; with skip_bad every household without a bad row is written.
 * Everything is written in one transaction, with the audit rows and search
 * keys of a clerk's own registration. Cells get the limits of the forms'
 * fields (household.address, person.name and relation): what a clerk could
 * not type is not imported either. progress (may be NULL) is called every
 * few thousand rows with the rows read and an estimate of all of them. *r
 * is filled either way and must be freed with import_report_free. */
int import_households(struct store *s, const struct config *cfg,
		      const struct validator *v, const struct form_set *forms, const char *path,
		      bool skip_bad, progress_fn progress, void *ctx,
		      struct import_report *r, struct err *e);
void import_report_free(struct import_report *r);

#endif
