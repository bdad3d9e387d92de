#include "core/domain/workflow.h"
#include "core/domain/access.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

const struct wf_state *workflow_state(const struct workflow *wf, const char *code)
{
	for (size_t i = 0; code != NULL && i < wf->n_states; i++)
		if (strcmp(wf->states[i].code, code) == 0)
			return &wf->states[i];
	return NULL;
}

const char *workflow_state_label(const struct workflow *wf, const char *code)
{
	const struct wf_state *st = workflow_state(wf, code);
	return st != NULL ? st->label : code;
}

static bool holds(const struct transition *t, unsigned facts)
{
	return t->when == NULL || ((facts & t->when->fact) != 0) == t->when->set;
}

size_t workflow_steps(const struct workflow *wf, const char *state, unsigned facts,
		      unsigned roles, const struct transition **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < wf->n_rows && n < max; i++) {
		const struct transition *t = &wf->rows[i];
		if (strcmp(t->from, state) == 0 && (t->roles & roles) && holds(t, facts))
			out[n++] = t;
	}
	return n;
}

const struct transition *workflow_find(const struct workflow *wf, const char *from,
				       const char *step, unsigned facts)
{
	for (size_t i = 0; i < wf->n_rows; i++) {
		const struct transition *t = &wf->rows[i];
		if (strcmp(t->from, from) == 0 && strcmp(t->step, step) == 0 && holds(t, facts))
			return t;
	}
	return NULL;
}

/* The row for the step, or -1 saying why not: the condition (when the step
 * exists from this state on records of the other kind), else the state. */
static int find_row(const struct workflow *wf, const struct wf_head *h, const char *step,
		    const struct transition **out, struct err *e)
{
	*out = workflow_find(wf, h->state, step, h->facts);
	if (*out != NULL)
		return 0;
	for (size_t i = 0; i < wf->n_rows; i++) {
		const struct transition *t = &wf->rows[i];
		if (strcmp(t->from, h->state) == 0 && strcmp(t->step, step) == 0)
			return err_set(e, "%s", t->when->refusal);
	}
	const char *label = wf->step_label != NULL ? wf->step_label(step) : step;
	return err_set(e, wf->not_allowed, workflow_state_label(wf, h->state), label);
}

static int check_roles(const struct transition *t, unsigned roles, struct err *e)
{
	if (t->roles & roles)
		return 0;
	const char *who = role_label(t->roles);
	return err_set(e, "“%s”须由%s办理", t->label, who != NULL ? who : "有权限的工作人员");
}

/* The step's day: today when not given, never later, never before the
 * record's start. */
static int step_day(const struct workflow *wf, const struct wf_head *h, date_t given,
		    date_t *on, struct err *e)
{
	char day[11];
	*on = given == DATE_NONE ? date_today() : given;
	if (*on > date_today())
		return err_set(e, "日期不能晚于今天");
	if (*on < h->start) {
		date_format(h->start, day);
		return err_set(e, "日期不能早于%s %s", wf->start_label, day);
	}
	return 0;
}

/* Runs the row's rule and the workflow's hooks around the new state. */
static int gather(const struct workflow *wf, struct wf_step *w, struct wf_head *h,
		  struct changes *c, struct err *e)
{
	if (w->t->rule != NULL && w->t->rule(w, c, e) != 0)
		return -1;
	if (wf->each != NULL && wf->each(w, c, e) != 0)
		return -1;
	snprintf(h->state, sizeof h->state, "%s", w->t->to);
	changes_text(c, "state", w->t->to);
	return wf->after != NULL ? wf->after(w, c, e) : 0;
}

static int apply_rows(const struct workflow *wf, struct store *s, const struct config *cfg,
		      const struct wf_call *call, struct err *e)
{
	struct wf_head *h = call->rec;
	struct wf_step w = { .s = s, .cfg = cfg, .id = call->id, .rec = call->rec, .in = call->in };
	char from[sizeof h->state];
	if (call->step == NULL)
		return err_set(e, "缺少办理步骤");
	if (wf->load(s, call->id, call->rec, e) != 0)
		return -1;
	if (access_area_check(s, h->village_id, wf->noun, e) != 0)
		return -1;
	if (call->version >= 0 && h->version != call->version)
		return store_conflict(s, wf->table, call->id, wf->noun, e);
	if (find_row(wf, h, call->step, &w.t, e) != 0 ||
	    check_roles(w.t, call->roles & store_actor(s)->roles, e) != 0 ||
	    step_day(wf, h, call->on, &w.on, e) != 0)
		return -1;
	struct changes c = { .n = 0 };
	snprintf(from, sizeof from, "%s", h->state);
	if (gather(wf, &w, h, &c, e) != 0 ||
	    store_update_changes(s, wf->table, call->id, h->version, &c, e) != 0)
		return -1;
	if (w.t->then != NULL && w.t->then(&w, e) != 0)
		return -1;
	if (wf->events == NULL)
		return 0;
	struct wf_event ev = { .id = call->id, .on = w.on, .step = call->step, .from = from,
			       .to = w.t->to, .note = call->note };
	int64_t value;
	if (wf->event_col != NULL) {
		char sql[160];
		snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE id = ?", wf->event_expr, wf->table);
		if (store_query_int(s, &value, e, sql, "i", call->id) != 0)
			return -1;
		ev.value = &value;
	}
	return workflow_event(wf, s, &ev, e);
}

int workflow_apply_in_tx(const struct workflow *wf, struct store *s, const struct config *cfg,
			 const struct wf_call *call, struct err *e)
{
	if (!store_in_transaction(s))
		return err_set(e, "内部错误：办理步骤须在事务中进行");
	return apply_rows(wf, s, cfg, call, e);
}

int workflow_apply(const struct workflow *wf, struct store *s, const struct config *cfg,
		   const struct wf_call *call, struct err *e)
{
	if (call->step == NULL)
		return err_set(e, "缺少办理步骤");
	if (store_begin(s, e) != 0)
		return -1;
	if (apply_rows(wf, s, cfg, call, e) != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, e);
}

int workflow_event(const struct workflow *wf, struct store *s, const struct wf_event *ev,
		   struct err *e)
{
	char day[11], now[32];
	if (ev->at == NULL) {
		time_t t = time(NULL);
		struct tm tm;
		localtime_r(&t, &tm);
		strftime(now, sizeof now, "%Y-%m-%d %H:%M:%S", &tm);
	}
	date_format(ev->on, day);
	struct field f[] = {
		F_INT(wf->event_key, ev->id), F_TEXT("at", ev->at != NULL ? ev->at : now),
		F_TEXT("on_date", day), F_TEXT("who", ev->who != NULL ? ev->who : store_user(s)),
		F_TEXT("step", ev->step), F_TEXT("from_state", ev->from), F_TEXT("to_state", ev->to),
		F_TEXT("note", ev->note),
		F_INT(wf->event_col, ev->value != NULL ? *ev->value : 0),
	};
	int n = (int)(sizeof f / sizeof f[0]) - (wf->event_col != NULL && ev->value != NULL ? 0 : 1);
	return store_insert(s, wf->events, f, n, NULL, e);
}
