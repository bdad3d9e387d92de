#include "core/query/caseview.h"
#include "core/domain/access.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/office/validate.h"

const char *case_step_label(const char *step)
{
	static const char *const map[][2] = {
		{ "receive", "接收申请" }, { "accept", "受理" }, { "request_materials", "一次性告知补齐材料" },
		{ "withdraw", "撤回/视为放弃" }, { "start_investigation", "启动调查" },
		{ "initial_review", "初审" }, { "publicize", "公示" }, { "objection", "公示有异议" },
		{ "approve", "确认同意" }, { "refuse", "不予确认" }, { "send_county", "报县审批" },
		{ "notify_refusal", "书面告知" }, { "announce", "公布" }, { "correct", "更正申请信息" },
		{ "file_county", "报县备案" }, { "extend", "特殊情况延长时限" }, { "deliberation", "民主评议" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(map[i][0], step) == 0)
			return map[i][1];
	return step;
}

const char *case_channel_label(const char *channel)
{
	return strcmp(channel, "window") == 0 ? "窗口" : strcmp(channel, "online") == 0 ? "网上"
	     : strcmp(channel, "agent") == 0 ? "帮办代办" : channel;
}

void money_format(int64_t fen, char out[32])
{
	snprintf(out, 32, "%s%" PRId64 ".%02" PRId64, fen < 0 ? "-" : "",
		 (fen < 0 ? -fen : fen) / 100, (fen < 0 ? -fen : fen) % 100);
}

static int load_main(struct store *s, int64_t id, struct case_view *v, struct err *e)
{
	sqlite3_stmt *st;
	if (store_query(s, &st, e,
			"SELECT a.version, a.household_id, p.name, p.id_number, vl.name, a.kind, a.channel, "
			"a.state, coalesce(g.name, ''), a.received_on, a.accepted_on, a.publicity_from, "
			"a.publicity_to, a.decided_on, a.missing_deadline, "
			"(SELECT group_concat(value, '；') FROM json_each(a.missing_items)), a.initial_opinion, "
			"a.refusal_reason, a.close_relative_note, a.special_reason, a.delegated, "
			"a.close_relative, a.special_extension, a.urgent, coalesce(a.proposed_amount, 0), "
			"coalesce(a.amount, 0), "
			"(SELECT count(*) FROM persons WHERE household_id = a.household_id AND left_on IS NULL), "
			"(SELECT count(*) FROM investigations WHERE application_id = a.id), "
			"(SELECT count(*) FROM attachments WHERE application_id = a.id), "
			"a.county_filed_on IS NOT NULL, "
			"a.refusal_notified_on, a.special_on, "
			"(SELECT count(*) FROM case_events WHERE application_id = a.id AND step = 'publicize'), "
			"h.village_id, coalesce(a.prepaid_amount, 0), a.prepaid_on "
			"FROM applications a JOIN persons p ON p.id = a.applicant_id "
			"JOIN households h ON h.id = a.household_id JOIN villages vl ON vl.id = h.village_id "
			"LEFT JOIN staff g ON g.id = a.agent_id WHERE a.id = ?", "i", id) != 0)
		return -1;
	if (store_row(s, st, "申请（编号 %lld）不存在", id, e) != 0)
		return -1;
	char idnum[32];
	v->id = id;
	v->version = sqlite3_column_int64(st, 0);
	v->household_id = sqlite3_column_int64(st, 1);
	store_col_text(st, 2, v->applicant, sizeof v->applicant);
	store_col_text(st, 3, idnum, sizeof idnum);
	idcard_mask(idnum, v->id_masked);
	store_col_text(st, 4, v->village, sizeof v->village);
	store_col_text(st, 5, v->kind, sizeof v->kind);
	store_col_text(st, 6, v->channel, sizeof v->channel);
	store_col_text(st, 7, v->state, sizeof v->state);
	store_col_text(st, 8, v->agent, sizeof v->agent);
	store_col_text(st, 9, v->received, sizeof v->received);
	store_col_text(st, 10, v->accepted, sizeof v->accepted);
	store_col_text(st, 11, v->publicity_from, sizeof v->publicity_from);
	store_col_text(st, 12, v->publicity_to, sizeof v->publicity_to);
	store_col_text(st, 13, v->decided, sizeof v->decided);
	store_col_text(st, 14, v->missing_deadline, sizeof v->missing_deadline);
	store_col_text(st, 15, v->missing_items, sizeof v->missing_items);
	store_col_text(st, 16, v->opinion, sizeof v->opinion);
	store_col_text(st, 17, v->refusal_reason, sizeof v->refusal_reason);
	store_col_text(st, 18, v->close_relative_note, sizeof v->close_relative_note);
	store_col_text(st, 19, v->special_reason, sizeof v->special_reason);
	v->delegated = sqlite3_column_int(st, 20);
	v->close_relative = sqlite3_column_int(st, 21);
	v->special = sqlite3_column_int(st, 22);
	v->urgent = sqlite3_column_int(st, 23);
	v->proposed = sqlite3_column_int64(st, 24);
	v->amount = sqlite3_column_int64(st, 25);
	v->members = sqlite3_column_int(st, 26);
	v->investigations = sqlite3_column_int(st, 27);
	v->attachments = sqlite3_column_int(st, 28);
	v->filed = sqlite3_column_int(st, 29);
	store_col_text(st, 30, v->refusal_notified, sizeof v->refusal_notified);
	store_col_text(st, 31, v->special_on, sizeof v->special_on);
	v->publicity_round = sqlite3_column_int(st, 32);
	int64_t village = sqlite3_column_int64(st, 33);
	v->prepaid = sqlite3_column_int64(st, 34);
	store_col_text(st, 35, v->prepaid_on, sizeof v->prepaid_on);
	sqlite3_reset(st);
	/* Nothing of a case outside the user's area is shown. */
	if (access_area_check(s, village, "申请", e) != 0) {
		memset(v, 0, sizeof *v);
		return -1;
	}
	return 0;
}

/* What the screen shows that the rules decide: the state's label today,
 * the facts the steps test, a provisional due date said so. */
static void derive(const struct config *cfg, date_t today, struct case_view *v)
{
	date_t to = DATE_NONE, due;
	if (v->publicity_to[0])
		date_parse(v->publicity_to, &to);
	v->state_label = case_state_label_on(v->state, to, today);
	v->facts = case_facts(v->delegated, v->refusal_notified[0] != '\0', v->special, v->filed);
	if (v->missing_deadline[0] && date_parse(v->missing_deadline, &due) == 0)
		calendar_due_text(&cfg->cal, due, v->missing_deadline_text);
}

static int load_lists(struct store *s, int64_t id, struct case_view *v, struct err *e)
{
	sqlite3_stmt *st;
	int rc;
	if (store_query(s, &st, e, "SELECT on_date, who, step, coalesce(from_state, ''), to_state, "
			"coalesce(note, '') FROM case_events WHERE application_id = ? ORDER BY id", "i", id) != 0)
		return -1;
	v->n_events = 0;
	rc = SQLITE_DONE;
	while (v->n_events < CASE_MAX_EVENTS && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct case_event *ev = &v->events[v->n_events++];
		store_col_text(st, 0, ev->on, sizeof ev->on);
		store_col_text(st, 1, ev->who, sizeof ev->who);
		store_col_text(st, 2, ev->step, sizeof ev->step);
		store_col_text(st, 3, ev->from, sizeof ev->from);
		store_col_text(st, 4, ev->to, sizeof ev->to);
		store_col_text(st, 5, ev->note, sizeof ev->note);
	}
	if (store_rows_end(s, st, rc, e) != 0)
		return -1;
	if (store_query(s, &st, e, "SELECT id, material, present, version FROM application_materials "
			"WHERE application_id = ? ORDER BY id", "i", id) != 0)
		return -1;
	v->n_materials = 0;
	rc = SQLITE_DONE;
	while (v->n_materials < CASE_MAX_ITEMS && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct case_item *it = &v->materials[v->n_materials++];
		it->id = sqlite3_column_int64(st, 0);
		store_col_text(st, 1, it->label, sizeof it->label);
		it->done = sqlite3_column_int(st, 2);
		it->version = sqlite3_column_int64(st, 3);
		it->extra[0] = '\0';
	}
	if (store_rows_end(s, st, rc, e) != 0)
		return -1;
	if (store_query(s, &st, e, "SELECT au.id, p.name, au.signed, coalesce(au.signed_on, ''), "
			"coalesce(au.method, ''), au.version FROM authorisations au JOIN persons p ON p.id = au.person_id "
			"WHERE au.application_id = ? ORDER BY au.id", "i", id) != 0)
		return -1;
	v->n_auths = 0;
	rc = SQLITE_DONE;
	while (v->n_auths < CASE_MAX_ITEMS && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct case_item *it = &v->auths[v->n_auths++];
		char on[11], method[16];
		it->id = sqlite3_column_int64(st, 0);
		store_col_text(st, 1, it->label, sizeof it->label);
		it->done = sqlite3_column_int(st, 2);
		store_col_text(st, 3, on, sizeof on);
		store_col_text(st, 4, method, sizeof method);
		it->version = sqlite3_column_int64(st, 5);
		snprintf(it->extra, sizeof it->extra, "%s %s", on,
			 strcmp(method, "paper") == 0 ? "纸质" : strcmp(method, "electronic") == 0 ? "电子" : "");
	}
	return store_rows_end(s, st, rc, e);
}

/* The engine's clocks of the case (query/alerts.c), copied in. */
static int load_clocks(struct store *s, const struct config *cfg, int64_t id, date_t today,
		       struct case_view *v, struct err *e)
{
	struct alert_list l;
	if (alerts_of_case(s, cfg, id, today, &l, e) != 0)
		return -1;
	v->n_clocks = l.n < CASE_MAX_CLOCKS ? l.n : CASE_MAX_CLOCKS;
	if (v->n_clocks > 0)
		memcpy(v->clocks, l.v, v->n_clocks * sizeof *v->clocks);
	alerts_free(&l);
	return 0;
}

int case_view_load(struct store *s, const struct config *cfg, int64_t id, date_t today,
		   struct case_view *v, struct err *e)
{
	memset(v, 0, sizeof *v);
	if (load_main(s, id, v, e) != 0 || load_lists(s, id, v, e) != 0)
		return -1;
	derive(cfg, today, v);
	return load_clocks(s, cfg, id, today, v, e);
}
