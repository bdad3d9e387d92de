#include "core/tools/demo-referral.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/domain/referral.h"

struct gen {
	struct store *s;
	const struct config *cfg;
	const struct catalogue *cat;
	uint64_t r;
	date_t today;
	struct err *e;
};

static int below(struct gen *g, int n)
{
	g->r = g->r * 6364136223846793005ULL + 1442695040888963407ULL;
	return (int)((g->r >> 33) % (uint64_t)n);
}

static const char *const needs[] = {
	"住院医疗费用负担重，申请医疗救助", "房屋受损漏雨，需要修缮", "子女上学费用困难",
	"失业后家庭生活困难", "咨询残疾人生活补贴", "突发重病急需救助",
	"独居老人无人照料", "遭遇火灾，生活用品损毁",
};
static const char *const informants[] = { "网格员", "村组长", "楼栋长" };

/* The forced first requests, then by age: what happened to each. */
enum fate { F_NEW, F_WAITING, F_OVERDUE, F_CLOSED_LATE, F_WITHDRAWN, F_CLOSED, F_N };

static int add_referral(struct gen *g, int64_t req, int64_t village, int64_t house,
			date_t on, enum fate fate, int k)
{
	const struct department *d = &g->cat->departments[below(g, (int)g->cat->n_departments)];
	const char *item = d->items[below(g, (int)d->n_items)];
	int days = referral_reply_days(g->cfg, g->cat, d->name);
	date_t due = calendar_add_workdays(&g->cfg->cal, on, days);
	/* A late reply takes a few days more than the limit. */
	int took = fate == F_CLOSED_LATE && k == 0 ? days + 1 + below(g, 5) : 1 + below(g, days);
	date_t replied = calendar_add_workdays(&g->cfg->cal, on, took);
	const char *state = "referred";
	if (fate == F_WITHDRAWN && k == 0)
		state = "withdrawn";
	else if (fate == F_CLOSED || fate == F_CLOSED_LATE || fate == F_WITHDRAWN)
		state = "replied";
	if (fate == F_WITHDRAWN && k == 0)
		replied = on + 1 <= g->today ? on + 1 : on;
	/* A closed request's referrals are all answered, by today at the latest. */
	if (replied > g->today)
		replied = g->today;
	char ton[11], tdue[11], trep[11];
	date_format(on, ton);
	date_format(due, tdue);
	date_format(replied, trep);
	bool answered = state[2] != 'f';	/* replied or withdrawn */
	struct field f[] = {
		F_INT("request_id", req), F_INT("village_id", village),
		house ? F_INT("household_id", house) : F_NULL("household_id"),
		F_TEXT("department", d->name), F_TEXT("item", item), F_TEXT("referred_on", ton),
		F_TEXT("due_on", tdue), F_TEXT("state", state),
		F_TEXT("result", !answered ? NULL : state[0] == 'w' ? "撤回：困难已由村里协调解决"
			: "已受理并按规定办理，结果已告知求助人"),
		answered ? F_TEXT("result_on", trep) : F_NULL("result_on"),
		F_TEXT("replied_by", state[0] == 'r' && answered ? "部门经办人" : NULL),
	};
	return store_insert(g->s, "referrals", f, (int)(sizeof f / sizeof f[0]), NULL, g->e);
}

static int add_request(struct gen *g, int64_t house, int64_t village, const char *name,
		       const char *phone, int age, enum fate fate, bool forced)
{
	static const char *const channels[] = { "window", "phone", "informant", "department" };
	const char *channel = channels[below(g, 4)];
	char source[64] = "", rec[11], closed[11];
	if (channel[0] == 'i')
		snprintf(source, sizeof source, "%s", informants[below(g, 3)]);
	else if (channel[0] == 'd')
		snprintf(source, sizeof source, "%s", g->cat->departments[below(g, (int)g->cat->n_departments)].name);
	date_t received = g->today - age, on = received + (fate == F_NEW ? 0 : below(g, 2));
	if (on > g->today)
		on = g->today;
	date_format(received, rec);
	date_format(g->today, closed);	/* after every reply (replies are clamped to today) */
	bool closes = fate == F_CLOSED || fate == F_CLOSED_LATE || fate == F_WITHDRAWN;
	struct field f[] = {
		F_INT("village_id", village), house ? F_INT("household_id", house) : F_NULL("household_id"),
		F_TEXT("name", name), F_TEXT("phone", phone), F_TEXT("need", needs[below(g, 8)]),
		F_TEXT("channel", channel), F_TEXT("source", source[0] ? source : NULL),
		F_TEXT("received_on", rec),
		F_TEXT("state", fate == F_NEW ? "registered" : closes ? "closed" : "referred"),
		F_TEXT("result", closes ? "各部门已反馈，结果已告知求助人" : NULL),
		closes ? F_TEXT("closed_on", closed) : F_NULL("closed_on"),
	};
	int64_t req;
	if (store_insert(g->s, "help_requests", f, (int)(sizeof f / sizeof f[0]), &req, g->e) != 0)
		return -1;
	/* The forced first ones: one referral each (two for the withdrawal). */
	int n = fate == F_NEW ? 0 : forced ? 1 + (fate == F_WITHDRAWN) : 1 + below(g, 2);
	for (int k = 0; k < n; k++)
		if (add_referral(g, req, village, house, on, fate, k) != 0)
			return -1;
	return 0;
}

/* The fate of the k-th of n requests, about k/n of half a year old. */
static enum fate fate_of(struct gen *g, size_t k, int age)
{
	static const enum fate forced[F_N] = { F_NEW, F_WAITING, F_OVERDUE, F_CLOSED_LATE,
					       F_WITHDRAWN, F_CLOSED };
	if (k < F_N)
		return forced[k];
	if (age < 5)
		return below(g, 3) == 0 ? F_NEW : F_WAITING;
	if (age < 30)
		return (enum fate)(1 + below(g, F_N - 1));
	return below(g, 6) == 0 ? F_CLOSED_LATE : below(g, 8) == 0 ? F_WITHDRAWN : F_CLOSED;
}

static int age_of(struct gen *g, enum fate f, size_t k, size_t n)
{
	switch (f) {
	case F_NEW: case F_WAITING: return below(g, 3);
	case F_OVERDUE: return 20 + below(g, 10);
	default: return 45 + (int)(k * 135 / n) + below(g, 5);
	}
}

int demo_referrals(struct store *s, const struct config *cfg, const struct catalogue *cat,
		   size_t n_households, unsigned seed, struct err *e)
{
	int64_t have;
	if (store_query_int(s, &have, e, "SELECT count(*) FROM sqlite_schema WHERE name = "
			    "'help_requests'", "") != 0)
		return -1;
	if (!have || cat->n_departments == 0)
		return 0;
	struct gen g = { .s = s, .cfg = cfg, .cat = cat, .r = 0x7A68756E62616EULL ^ seed,
			 .today = date_today(), .e = e };
	size_t n = n_households / 50 > 8 ? n_households / 50 : 8;
	int64_t every = (int64_t)(n_households / n) > 0 ? (int64_t)(n_households / n) : 1;
	sqlite3_stmt *st;
	struct row { int64_t house, village; char name[64], phone[32]; } rows[64];
	int64_t last = 0;
	for (size_t k = 0; k < n; ) {
		/* A batch of households, one in `every`: read first, then written
		 * (a statement is not run again inside its own loop). */
		int got = 0, rc;
		if (store_query(s, &st, e, "SELECT h.id, h.village_id, p.name, coalesce(h.phone, '') "
				"FROM households h CROSS JOIN persons p ON p.household_id = h.id AND p.is_head "
				"WHERE h.id % ?1 = 0 AND h.id > ?2 ORDER BY h.id LIMIT 64", "ii", every,
				last) != 0)
			return -1;
		while (got < 64 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
			rows[got].house = sqlite3_column_int64(st, 0);
			rows[got].village = sqlite3_column_int64(st, 1);
			store_col_text(st, 2, rows[got].name, sizeof rows[got].name);
			store_col_text(st, 3, rows[got].phone, sizeof rows[got].phone);
			got++;
		}
		sqlite3_reset(st);
		if (got == 0)
			break;
		last = rows[got - 1].house;
		for (int i = 0; i < got && k < n; i++, k++) {
			enum fate f = fate_of(&g, k, (int)(k * 180 / n));
			/* Now and then the person is not (yet) registered. */
			int64_t house = below(&g, 6) == 0 && k >= F_N ? 0 : rows[i].house;
			if (add_request(&g, house, rows[i].village, rows[i].name,
					rows[i].phone[0] ? rows[i].phone : NULL, age_of(&g, f, k, n), f,
					k < F_N) != 0)
				return -1;
		}
	}
	return 0;
}
