#include "tui/screens/hhforms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/domain/agent.h"
#include "core/domain/case.h"
#include "core/domain/household.h"
#include "core/domain/office.h"
#include "core/domain/referral.h"
#include "core/query/caseview.h"
#include "core/store/draft.h"
#include "tui/widgets/agentpick.h"
#include "tui/widgets/formview.h"
#include "tui/xalloc.h"

/* What every form here keeps: the household and the row it works on. */
struct hh_ctx {
	int64_t household, village, row, version, applicant;
	int64_t request, request_version;	/* a request for help becoming the application */
	char village_name[64], address[128], phone[32];
	struct agent_pick agents;
};

static struct hh_ctx *ctx_of(const struct hh_view *v, int64_t row, int64_t version)
{
	struct hh_ctx *c = xcalloc(1, sizeof *c);
	if (v != NULL) {
		c->household = v->id;
		c->village = v->village_id;
		snprintf(c->village_name, sizeof c->village_name, "%s", v->village);
		c->applicant = v->n_current > 0 ? v->members[0].id : 0;
	}
	c->row = row;
	c->version = version;
	return c;
}

static void open_form(struct ui *ui, const char *form, const char *intro, const char *draft_key,
		      int64_t target, const char *const *initial, form_submit_fn submit,
		      struct hh_ctx *c)
{
	struct form_opts o = { .intro = intro, .draft_key = draft_key, .draft_target = target,
			       .initial = initial, .submit = submit, .ctx = c, .ctx_free = free };
	ui_push(ui, screen_form_new(ui, form, &o));
}

/* ---- members (person.ini: name, id_number, relation, phone) ---- */

static struct person_text person_of(char **values)
{
	return (struct person_text){ .name = values[0], .id_number = values[1],
				     .relation = values[2], .phone = values[3] };
}

/* A relation the ID's sex contradicts: the clerk accepts it or goes back.
 * Asked only of a member the checks would save (`self`: 0 for a new one). */
static int member_ok(struct ui *ui, const struct hh_ctx *c, int64_t self,
		       const struct person_text *p, struct err *e)
{
	struct err w;
	struct idcard card;
	char q[1200];
	if (person_check(ui->s->store, ui->s->v, c->household, self, p, ui->today, &card, e) != 0)
		return -1;
	if (!person_relation_conflict(ui->s->v, p, ui->today, &w))
		return 0;
	snprintf(q, sizeof q, "%s。\n仍然保存吗？选「否」回到表单更正。", w.msg);
	if (ui_confirm(ui, q))
		return 0;
	return err_set(e, "%s，请核对", w.msg);
}

static int member_added(struct ui *ui, void *ctx, char **values, struct err *e)
{
	struct hh_ctx *c = ctx;
	struct person_text p = person_of(values);
	int64_t id;
	if (member_ok(ui, c, 0, &p, e) != 0 ||
	    person_register(ui->s->store, ui->s->v, c->household, &p, ui->today, &id, e) != 0)
		return -1;
	ui_flash(ui, false, "已登记成员 %s。按 a 继续添加，或按 n 登记救助申请", p.name);
	return 0;
}

void hhform_add_member(struct ui *ui, const struct hh_view *v)
{
	char intro[160];
	snprintf(intro, sizeof intro, "户号 %lld（%s）的家庭成员", (long long)v->id, v->village);
	open_form(ui, "person", intro, "person", v->id, NULL, member_added, ctx_of(v, 0, 0));
}

static int member_corrected(struct ui *ui, void *ctx, char **values, struct err *e)
{
	struct hh_ctx *c = ctx;
	struct person_text p = person_of(values);
	if (member_ok(ui, c, c->row, &p, e) != 0 ||
	    person_update(ui->s->store, ui->s->v, c->row, c->version, &p, ui->today, e) != 0)
		return -1;
	ui_flash(ui, false, "已更正成员 %s（出生日期和性别按身份证号码重新得出）", p.name);
	return 0;
}

void hhform_correct_member(struct ui *ui, const struct hh_view *v, const struct hh_member *m)
{
	char intro[160];
	const char *initial[4] = { m->name, m->id_number, m->relation, m->phone };
	snprintf(intro, sizeof intro, "更正户号 %lld 的成员 %s", (long long)v->id, m->name);
	open_form(ui, "person", intro, "person_edit", m->id, initial, member_corrected,
		  ctx_of(v, m->id, m->version));
}

/* person_leave.ini: on, reason, note */
static int member_left(struct ui *ui, void *ctx, char **values, struct err *e)
{
	struct hh_ctx *c = ctx;
	date_t on;
	if (date_parse(values[0], &on) != 0)
		return err_set(e, "日期无效");
	if (person_leave(ui->s->store, c->row, c->version, on, values[1], values[2], ui->today, e) != 0)
		return -1;
	ui_flash(ui, false, "已登记：%s %s，记录保留", values[0], values[1]);
	return 0;
}

void hhform_member_leaves(struct ui *ui, const struct hh_view *v, const struct hh_member *m)
{
	char intro[160];
	snprintf(intro, sizeof intro, "%s（%s）离开户号 %lld", m->name, m->relation, (long long)v->id);
	open_form(ui, "person_leave", intro, "person_leave", m->id, NULL, member_left,
		  ctx_of(v, m->id, m->version));
}

/* ---- the household (household.ini: village, address, phone) ---- */

static int household_values(struct ui *ui, char **values, struct household_text *h, struct err *e)
{
	*h = (struct household_text){ .address = values[1], .phone = values[2] };
	return office_village_id(ui->s->store, &ui->s->cfg, values[0], &h->village_id, e);
}

static int household_corrected(struct ui *ui, void *ctx, char **values, struct err *e)
{
	struct hh_ctx *c = ctx;
	struct household_text h;
	if (household_values(ui, values, &h, e) != 0 ||
	    household_update(ui->s->store, ui->s->v, c->household, c->version, &h, e) != 0)
		return -1;
	ui_flash(ui, false, "已更正户号 %lld：%s %s", (long long)c->household, values[0], values[1]);
	return 0;
}

void hhform_correct_household(struct ui *ui, const struct hh_view *v)
{
	char intro[160];
	const char *initial[3] = { v->village, v->address, v->phone };
	snprintf(intro, sizeof intro, "更正户号 %lld 的村（社区）、住址和电话", (long long)v->id);
	open_form(ui, "household", intro, "household_edit", v->id, initial, household_corrected,
		  ctx_of(v, v->id, v->version));
}

/* A new household: its form keeps its draft until the head is saved with it. */
static int head_saved(struct ui *ui, void *ctx, char **values, struct err *e)
{
	struct hh_ctx *c = ctx;
	struct household_text h = { .village_id = c->village, .address = c->address, .phone = c->phone };
	struct person_text p = person_of(values);
	struct draft d;
	struct err ignore;
	int64_t id, head;
	if (household_register(ui->s->store, ui->s->v, &h, &p, ui->today, &id, &head, e) != 0)
		return -1;
	if (draft_load(ui->s->store, "household", ui->s->user, 0, &d, &ignore) == 0) {
		if (d.id != 0)
			draft_discard(ui->s->store, d.id, &ignore);
		draft_free(&d);
	}
	ui_flash(ui, false, "已登记家庭（户号 %lld）和户主 %s。按 a 添加其他成员", (long long)id, p.name);
	ui_push(ui, screen_household_new(ui, id));
	return 0;
}

static int household_typed(struct ui *ui, void *ctx, char **values, struct err *e)
{
	(void)ctx;
	struct household_text h;
	if (household_values(ui, values, &h, e) != 0)
		return -1;
	if (values[2][0] && validate_phone(ui->s->v, values[2], e) != 0)
		return err_prefix(e, "联系电话：");
	struct hh_ctx *c = ctx_of(NULL, 0, 0);
	c->village = h.village_id;
	snprintf(c->village_name, sizeof c->village_name, "%s", values[0]);
	snprintf(c->address, sizeof c->address, "%s", values[1]);
	snprintf(c->phone, sizeof c->phone, "%s", values[2]);
	char intro[256];
	const char *initial[4] = { NULL, NULL, "户主", values[2] };
	snprintf(intro, sizeof intro, "新家庭：%s %s。先登记户主，保存时家庭和户主一起保存",
		 values[0], values[1]);
	open_form(ui, "person", intro, "household_head", 0, initial, head_saved, c);
	return 0;
}

void hhform_new_household(struct ui *ui)
{
	struct form_opts o = { .draft_key = "household", .submit = household_typed, .keep_draft = true,
			       .intro = "保存后登记户主；家庭和户主一起保存" };
	ui_push(ui, screen_form_new(ui, "household", &o));
}

/* ---- applications (application.ini: kind, channel, agent, received,
 * delegated, urgent, close_relative) ---- */

static const char *const channels[][2] = {
	{ "window", "窗口" }, { "online", "网上" }, { "agent", "帮办代办" },
};

static int agent_list(struct ui *ui, void *ctx, const char *field, char **values,
		      const char **out, int max)
{
	struct hh_ctx *c = ctx;
	(void)values;
	return strcmp(field, "agent") == 0 ? agent_pick_list(ui, &c->agents, c->village, out, max) : 0;
}

static int app_values(struct ui *ui, struct hh_ctx *c, char **values, struct case_facts *f,
		      struct err *e)
{
	const struct kind *k = catalogue_kind_by_name(&ui->s->cat, values[0]);
	memset(f, 0, sizeof *f);
	if (k == NULL)
		return err_set(e, "救助种类 “%s” 不在目录中", values[0]);
	snprintf(f->kind, sizeof f->kind, "%s", k->code);
	snprintf(f->channel, sizeof f->channel, "window");
	for (size_t i = 0; i < 3; i++)
		if (strcmp(values[1], channels[i][1]) == 0)
			snprintf(f->channel, sizeof f->channel, "%s", channels[i][0]);
	/* The agent matters only for an application through one. */
	if (strcmp(f->channel, "agent") == 0 &&
	    agent_pick_resolve(ui, c->village, values[2], &f->agent_id, e) != 0)
		return -1;
	if (date_parse(values[3], &f->received_on) != 0)
		return err_set(e, "收到日期无效");
	if (f->received_on > ui->today)
		return err_set(e, "收到日期不能晚于今天");
	f->delegated = strcmp(values[4], "报县审批") != 0;
	f->urgent = strcmp(values[5], "是") == 0;
	snprintf(f->close_relative_note, sizeof f->close_relative_note, "%s", values[6]);
	return 0;
}

static int app_registered(struct ui *ui, void *ctx, char **values, struct err *e)
{
	struct hh_ctx *c = ctx;
	struct case_facts f;
	if (app_values(ui, c, values, &f, e) != 0)
		return -1;
	struct case_new in = {
		.household_id = c->household, .applicant_id = c->applicant, .kind = f.kind,
		.channel = f.channel, .agent_id = f.agent_id, .received_on = f.received_on,
		.delegated = f.delegated, .urgent = f.urgent,
		.close_relative_note = f.close_relative_note[0] ? f.close_relative_note : NULL,
	};
	int64_t id;
	if (c->request != 0 ? request_apply(ui->s->store, &ui->s->cfg, &ui->s->cat, c->request,
					    c->request_version, &in, &id, e)
			    : case_create(ui->s->store, &ui->s->cfg, &ui->s->cat, &in, &id, e))
		return -1;
	ui_flash(ui, false, "已登记申请 %lld%s。请核对材料清单，登记授权书签署，然后受理或一次性告知",
		 (long long)id, c->request != 0 ? "（已关联求助登记）" : "");
	ui_push(ui, screen_case_new(ui, id));
	return 0;
}

static void open_application(struct ui *ui, struct hh_ctx *c, const char *intro, const char *key,
			     int64_t target, const char *const *initial, form_submit_fn submit)
{
	struct form_opts o = { .intro = intro, .draft_key = key, .draft_target = target,
			       .initial = initial, .submit = submit, .ctx = c, .ctx_free = free,
			       .choices = agent_list };
	ui_push(ui, screen_form_new(ui, "application", &o));
}

void hhform_new_application(struct ui *ui, const struct hh_view *v)
{
	char intro[160];
	snprintf(intro, sizeof intro, "申请人：%s（户号 %lld，%s）", v->members[0].name,
		 (long long)v->id, v->village);
	open_application(ui, ctx_of(v, 0, 0), intro, "application", v->id, NULL, app_registered);
}

void hhform_request_application(struct ui *ui, const struct hh_view *v, int64_t request,
				int64_t request_version, int64_t applicant)
{
	char intro[200];
	struct hh_ctx *c = ctx_of(v, 0, 0);
	const char *name = v->members[0].name;
	for (int i = 0; i < v->n_current; i++)
		if (v->members[i].id == applicant)
			name = v->members[i].name;
	if (applicant != 0)
		c->applicant = applicant;
	c->request = request;
	c->request_version = request_version;
	snprintf(intro, sizeof intro, "求助 %lld 登记为救助申请：申请人 %s（户号 %lld，%s）",
		 (long long)request, name, (long long)v->id, v->village);
	open_application(ui, c, intro, "application", v->id, NULL, app_registered);
}

static int app_corrected(struct ui *ui, void *ctx, char **values, struct err *e)
{
	struct hh_ctx *c = ctx;
	struct case_facts f;
	if (app_values(ui, c, values, &f, e) != 0 ||
	    case_correct(ui->s->store, &ui->s->cfg, &ui->s->cat, c->row, c->version, &f, ui->today, e) != 0)
		return -1;
	ui_flash(ui, false, "已更正申请 %lld 的申请信息（办理时限已重新计算）", (long long)c->row);
	return 0;
}

void hhform_correct_application(struct ui *ui, const struct hh_view *v, int64_t app_id)
{
	struct case_facts f;
	struct err e;
	int64_t version;
	char state[16], received[11], agent[128] = "", intro[160];
	if (case_facts_load(ui->s->store, app_id, &f, &version, state, &e) != 0 ||
	    (f.agent_id != 0 && agent_label_of(ui->s->store, f.agent_id, agent, &e) != 0)) {
		ui_flash(ui, true, "%s", e.msg);
		return;
	}
	const struct kind *k = catalogue_kind(&ui->s->cat, f.kind);
	date_format(f.received_on, received);
	const char *initial[7] = {
		k != NULL ? k->name : f.kind, case_channel_label(f.channel), agent, received,
		f.delegated ? "已下放乡镇" : "报县审批", f.urgent ? "是" : "否", f.close_relative_note,
	};
	snprintf(intro, sizeof intro, "更正申请 %lld 的申请信息（%s，作出决定前可改）", (long long)app_id,
		 case_state_label(state));
	open_application(ui, ctx_of(v, app_id, version), intro, "application_edit", app_id, initial,
			 app_corrected);
}
