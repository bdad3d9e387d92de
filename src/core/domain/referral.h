/* 一门受理、协同办理 (seed 003): a request for help registered at the window
 * (求助登记: who, the household when known, what is needed, how it came in)
 * and referred (转办) to one or more catalogue items of the departments
 * (forms/catalogue/referral-items.ini); each referral has its reply deadline
 * (the department's reply_days, else [limits] referral_reply working days)
 * and records the department's reply (result, date, who). Two workflows of
 * the engine: the request (registered → referred → closed) and each
 * referral (referred → replied, or withdrawn). The lists and the view are
 * in query/referrals.h. */
#ifndef JZ_REFERRAL_H
#define JZ_REFERRAL_H

#include <stdint.h>

#include "core/domain/case.h"
#include "core/domain/workflow.h"
#include "core/office/catalogue.h"

enum request_state { REQUEST_REGISTERED, REQUEST_REFERRED, REQUEST_CLOSED, REQUEST_N_STATES };
enum referral_state { REFERRAL_REFERRED, REFERRAL_REPLIED, REFERRAL_WITHDRAWN, REFERRAL_N_STATES };

extern const struct workflow request_workflow;
extern const struct workflow referral_workflow;
const char *request_state_label(const char *state);
const char *referral_state_label(const char *state);

/* How a request came in: window 窗口, phone 电话, informant 三级信息员,
 * department 部门转来. */
#define REQUEST_N_CHANNELS 4
extern const char *const request_channels[REQUEST_N_CHANNELS][2];	/* code, label */
const char *request_channel_label(const char *code);
/* Accepts the code or the label; NULL when neither. */
const char *request_channel_code(const char *text);

struct request_new {
	int64_t village_id;
	int64_t household_id;	/* 0: not known (not registered) */
	const char *name, *phone;	/* who asked for help; phone may be NULL */
	const char *need;	/* what is needed */
	const char *channel;	/* a code or label of request_channels */
	const char *source;	/* the informant or department who passed it on */
	date_t received_on;	/* DATE_NONE = today */
	const char *note;
};

/* Registers a request in state registered. */
int request_create(struct store *s, const struct request_new *in, int64_t *id_out,
		   struct err *e);

/* One catalogue item to refer to. */
struct referral_pick {
	const char *department;	/* the department's name */
	const char *item;
};

/* The working days a department has to reply. */
int referral_reply_days(const struct config *cfg, const struct catalogue *cat,
			const char *department);

/* Refers request `id` (at `version`, -1: no check) to n catalogue items on
 * day `on` (DATE_NONE = today), in one transaction: one referral each, due
 * referral_reply_days working days later. An item not in the catalogue,
 * or one already referred and not yet answered, is refused. */
int referral_refer(struct store *s, const struct config *cfg, const struct catalogue *cat,
		   int64_t id, int64_t version, const struct referral_pick *picks, size_t n,
		   date_t on, struct err *e);

/* What a referral's step carries. */
struct referral_step_in {
	const char *step;	/* reply, withdraw */
	date_t on;		/* DATE_NONE = today */
	const char *result;	/* reply: the department's answer */
	const char *by;		/* reply: who answered (name, unit) */
	const char *reason;	/* withdraw */
};

int referral_apply(struct store *s, const struct config *cfg, int64_t id, int64_t version,
		   const struct referral_step_in *in, struct err *e);

/* Closes a request (办结): the result told to the person. Refused while
 * one of its referrals waits for a reply. */
int request_close(struct store *s, const struct config *cfg, int64_t id, int64_t version,
		  date_t on, const char *result, struct err *e);

/* Records the application the request became (一门受理 at the window):
 * of the request's household when it has one. */
int request_link_application(struct store *s, int64_t id, int64_t version, int64_t app_id,
			     struct err *e);

/* Registers the application request `id` becomes, at the window where it
 * was registered (一门受理): the application as case_create makes it, of
 * the request's household, and the request's link to it, in one
 * transaction. Refused for a request with no household or one already
 * linked; *app_id gets the new application. */
int request_apply(struct store *s, const struct config *cfg, const struct catalogue *cat,
		  int64_t id, int64_t version, const struct case_new *in, int64_t *app_id,
		  struct err *e);

/* The request a referral belongs to (0 for one without: a referral kept
 * from before requests were registered). */
int referral_request_of(struct store *s, int64_t referral_id, int64_t *request_id,
			struct err *e);

#endif
