/* A form screen: any form of the forms directory, edited field by field, checked
 * by core/form.c, kept as a draft in the store while it is being typed. */
#ifndef JZ_FORMVIEW_H
#define JZ_FORMVIEW_H

#include "core/office/form.h"
#include "tui/ui.h"

/* Called with the normalised values (one per field, in form order) when
 * every field is valid. Returns 0 when the work is done (the form closes),
 * or -1 with a message (the form stays open, nothing is lost). */
typedef int (*form_submit_fn)(struct ui *ui, void *ctx, char **values, struct err *e);

struct form_opts {
	const char *intro;		/* a line above the fields, may be NULL */
	const char *draft_key;		/* drafts.form; NULL = no draft */
	int64_t draft_target;		/* drafts.target_id */
	const char *const *initial;	/* initial values by field, may be NULL */
	form_submit_fn submit;
	void *ctx;			/* owned by the form when ctx_free is set */
	void (*ctx_free)(void *ctx);
	/* A choice field's list in this form's order, given the values typed
	 * so far (one per field): fills out (strings ctx owns) up to max and
	 * returns the number; 0 for the field's own list. May be NULL. */
	int (*choices)(struct ui *ui, void *ctx, const char *field, char **values,
		       const char **out, int max);
	/* Saving keeps the draft: a form opened next (a new household's head)
	 * saves both and discards it. */
	bool keep_draft;
};

/* The value of field `name` among the values a submit is given, or NULL
 * when it is empty or the form has no such field. */
const char *form_value(const struct form_def *fd, char **values, const char *name);

/* The screen for form `id`, or a message screen when it is missing. */
struct screen *screen_form_new(struct ui *ui, const char *id, const struct form_opts *o);

/* Bracketed paste (so pasted newlines do not jump between fields). */
void formview_setup_terminal(void);
void formview_restore_terminal(void);

#endif
