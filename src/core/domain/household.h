/* Households and their members: the one way to add them (intake screens,
 * import and demo data all come through here). The store's actor must be
 * allowed to register households of the village (access.h). Calls must be made inside a
 * store transaction (store_begin … store_commit). */
#ifndef JZ_HOUSEHOLD_H
#define JZ_HOUSEHOLD_H

#include <stdbool.h>
#include <stdint.h>

#include "core/store/store.h"
#include "core/office/validate.h"

struct household_in {
	int64_t village_id;
	const char *address;	/* may be NULL */
	const char *phone;	/* may be NULL; checked by the caller */
	const char *household_class;	/* NULL = "stable" */
	date_t created_on;
};

struct person_in {
	const char *name;
	const struct idcard *id;	/* already validated: birth and sex come from it */
	const char *relation;	/* 与户主关系: 户主, 配偶, 子, 女 … */
	const char *phone;	/* may be NULL */
};

int household_insert(struct store *s, const struct household_in *h,
		     int64_t *id_out, struct err *e);
/* Adds a member. An ID number already in the store is refused with a
 * message naming the person and household it belongs to. */
int person_insert(struct store *s, int64_t household_id, const struct person_in *p,
		  int64_t *id_out, struct err *e);
/* Finds the person holding an ID number: *person_id 0 when none. */
int person_find_by_id_number(struct store *s, const char *number,
			     int64_t *person_id, int64_t *household_id, struct err *e);
/* The registered person holding ID number `number`, who must be called
 * `name` (a client named on a form): a message when neither holds. */
int person_check_id_name(struct store *s, const char *number, const char *name,
			 int64_t *person_id, struct err *e);
/* Fills e with "身份证号码 1101**********002X 已登记在 张三（太平村 户号 12）
 * 名下" for a person found by person_find_by_id_number. Always returns -1. */
int person_taken_error(struct store *s, int64_t person_id, struct err *e);

/* What the household and person forms give, as typed. */
struct household_text {
	int64_t village_id;
	const char *address;	/* may be NULL */
	const char *phone;	/* may be NULL or "" */
};

struct person_text {
	const char *name;
	const char *id_number;	/* 18 (or 15) characters, as typed */
	const char *relation;	/* 与户主关系 */
	const char *phone;	/* may be NULL or "" */
};

/* The checks of registration, the same for a new member (self 0) and the
 * correction of member `self`: the name, the ID number (birth date and sex
 * derived into *card), the phone, the relation; an ID number another person
 * holds is refused naming them; a second current head is refused. */
int person_check(struct store *s, const struct validator *v, int64_t household_id,
		 int64_t self, const struct person_text *p, date_t today,
		 struct idcard *card, struct err *e);

/* A relation that names a sex (子, 父亲, 丈夫 … male; 女, 母亲, 妻子 …
 * female) which the ID number contradicts: true, with a warning in w the
 * clerk may accept. False when they agree, the relation names no sex or
 * the ID number is not valid (the checks say so then). */
bool person_relation_conflict(const struct validator *v, const struct person_text *p,
			      date_t today, struct err *w);

/* A household together with its head (relation 户主), in one transaction:
 * never a household without a head. */
int household_register(struct store *s, const struct validator *v,
		       const struct household_text *h, const struct person_text *head,
		       date_t today, int64_t *household_id, int64_t *head_id, struct err *e);
/* One more member, checked and written in its own transaction. */
int person_register(struct store *s, const struct validator *v, int64_t household_id,
		    const struct person_text *p, date_t today, int64_t *id, struct err *e);

/* Corrections, each one transaction through store_update (version check,
 * audit row): the household's village, address and phone; a member's name,
 * ID number (birth date and sex derived again), relation and phone. */
int household_update(struct store *s, const struct validator *v, int64_t id, int64_t version,
		     const struct household_text *h, struct err *e);
int person_update(struct store *s, const struct validator *v, int64_t id, int64_t version,
		  const struct person_text *p, date_t today, struct err *e);

/* Why a member left: codes stored in persons.left_reason and their labels. */
const char *person_leave_label(const char *code);	/* "died" → "死亡" */
const char *person_leave_code(const char *text);	/* "死亡" or "died" → "died"; NULL */

/* A member leaves the household on `on` (迁出, 死亡, 其他 with a note): kept
 * in the store, marked, out of the current members and of new
 * authorisation rows. A head who leaves is no longer the head. */
int person_leave(struct store *s, int64_t id, int64_t version, date_t on, const char *reason,
		 const char *note, date_t today, struct err *e);

/* A household registered by mistake: refused once it has an application,
 * an entrustment or a referral; else its members and itself are deleted
 * (store_delete: the audit log keeps every old value). */
int household_delete(struct store *s, int64_t id, int64_t version, struct err *e);

#endif
