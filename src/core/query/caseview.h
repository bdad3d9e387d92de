/* Everything the case screen shows about one application, read in one
 * place so the screen only draws (and tests can check what it would show). */
#ifndef JZ_CASEVIEW_H
#define JZ_CASEVIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "core/domain/case.h"
#include "core/query/alerts.h"

#define CASE_MAX_EVENTS 64
#define CASE_MAX_ITEMS 32
#define CASE_MAX_CLOCKS 8

struct case_event {
	char on[11], who[64], step[32], from[16], to[16], note[256];
};

struct case_item {
	int64_t id, version;	/* the row, and its version to save against */
	char label[128];	/* material, or member name */
	bool done;		/* present / signed */
	char extra[32];		/* signed on + method */
};

struct case_view {
	int64_t id, version, household_id;
	char applicant[64], id_masked[20], village[64], kind[32], channel[16],
	     state[16], agent[64];
	char received[11], accepted[11], publicity_from[11], publicity_to[11],
	     decided[11], missing_deadline[11], refusal_notified[11], special_on[11];
	char missing_deadline_text[CALENDAR_DAY_TEXT];	/* provisional when past the calendar */
	/* the missing materials, joined with "；" for display only */
	char missing_items[1024], opinion[16], refusal_reason[512],
	     close_relative_note[256], special_reason[128];
	const char *state_label;	/* as shown today: 「待确认」 after publicity */
	int publicity_round;	/* 2 and more: a repeated publicity (第二次公示) */
	unsigned facts;		/* for case_steps */
	bool delegated, close_relative, special, urgent;
	bool filed;		/* a delegated approval filed with the county */
	int64_t proposed, amount;	/* fen */
	int64_t prepaid;	/* 先行救助 (urgent 临时救助), fen; 0: none */
	char prepaid_on[11];
	int members, investigations, attachments;
	struct case_event events[CASE_MAX_EVENTS];
	int n_events;
	struct case_item materials[CASE_MAX_ITEMS];
	int n_materials;
	struct case_item auths[CASE_MAX_ITEMS];
	int n_auths;
	struct alert clocks[CASE_MAX_CLOCKS];	/* every running clock, by due date */
	size_t n_clocks;
};

/* Refused (nothing filled) when the case lies outside the user's area. */
int case_view_load(struct store *s, const struct config *cfg, int64_t id, date_t today,
		   struct case_view *v, struct err *e);
/* Chinese label of a step code ("accept" → "受理"). */
const char *case_step_label(const char *step);
const char *case_channel_label(const char *channel);
/* Formats fen as yuan: 123456 → "1234.56". */
void money_format(int64_t fen, char out[32]);

#endif
