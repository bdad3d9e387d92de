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

/* One household, in its own transaction (the intake screen). */
int household_register(struct store *s, int64_t village_id, const char *address,
		       const char *phone, date_t today, int64_t *id, struct err *e);
/* One member, checked and written in its own transaction. */
int person_register(struct store *s, const struct validator *v, int64_t household_id,
		    const char *name, const char *id_text, const char *relation,
		    const char *phone, date_t today, int64_t *id, struct err *e);

#endif
