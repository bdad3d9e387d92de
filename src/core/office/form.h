/* Form definitions read from the .ini files in forms/ at start-up, and the one place
 * where a field's value is checked. No curses: tui/widgets/formview.c draws them. */
#ifndef JZ_FORM_H
#define JZ_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "core/base/date.h"
#include "core/base/err.h"
#include "core/office/validate.h"

enum field_kind {
	FIELD_TEXT,
	FIELD_MULTILINE,
	FIELD_DATE,		/* YYYY-MM-DD, a real date */
	FIELD_INTEGER,
	FIELD_MONEY,		/* yuan with up to 2 decimals; normalised to fen */
	FIELD_CHOICE,
	FIELD_IDNUMBER,		/* normalised to the 18-character form */
	FIELD_PHONE,
};

struct field_def {
	char name[32];		/* from [field.NAME]: a-z, 0-9, _ */
	char label[64];		/* shown to the user, e.g. 身份证号码 */
	enum field_kind kind;
	bool required;
	struct pattern *pattern;	/* owned; NULL when none */
	char **choices;		/* owned; for FIELD_CHOICE */
	size_t n_choices;
	/* "choices = @villages": the program supplies the list with
	 * forms_set_choices("villages", ...); "" when the list is in the file. */
	char choices_from[32];
	int max;		/* max characters; 0 = no limit */
	char *help;		/* owned; NULL when none */
	char *def;		/* owned default; NULL when none ("today" for a date) */
};

struct form_def {
	char id[32];
	char title[64];
	char *help;		/* owned; NULL when none */
	struct field_def *fields;	/* owned, in file order */
	size_t n_fields;
};

struct form_set {
	struct form_def *forms;	/* owned, sorted by file name */
	size_t n;
};

/* Loads one form file; every error names the file and line. On failure
 * *f is left empty (nothing to free). */
int form_load(const char *path, struct form_def *f, struct err *e);
void form_free(struct form_def *f);

/* Loads every *.ini directly in dir (not subdirectories); ids must be
 * unique. On failure *set is left empty. */
int forms_load_dir(const char *dir, struct form_set *set, struct err *e);
void forms_free(struct form_set *set);
const struct form_def *forms_find(const struct form_set *set, const char *id);

/* Fills every choice field declared "choices = @source" in every form of
 * the set with a copy of list (replacing an earlier list). */
int forms_set_choices(struct form_set *set, const char *source,
		      const char *const *list, size_t n, struct err *e);


/* Checks a value typed into a field: required, max length, the type, then
 * the pattern. Blanks around the value are ignored. On success writes the
 * normalised value to out (money in fen, an 18-character ID number, the
 * trimmed text otherwise; "" for an empty optional field). Messages start
 * with the field's label, e.g. "身份证号码：校验位错误…". v is needed for
 * idnumber and phone fields only. */
int field_check(const struct field_def *fd, const struct validator *v,
		const char *value, date_t today, char *out, size_t n,
		struct err *e);

/* The default to put in the editor: def, with "today" as today's date;
 * "" when there is none. */
void field_default(const struct field_def *fd, date_t today, char *out, size_t n);

#endif
