/* Demonstration data: a plausible township (staff, helper agents,
 * households, applications in every state, entrustments) for trying the
 * program, training clerks and measuring it. Every row goes through the
 * ordinary write path (household_insert, person_insert, store_insert), so
 * every row is audited like a clerk's. */
#ifndef JZ_DEMO_H
#define JZ_DEMO_H

#include <stddef.h>

#include "core/office/catalogue.h"
#include "core/office/config.h"
#include "core/base/err.h"
#include "core/store/store.h"
#include "core/office/validate.h"

/* Adds n_households households (1–6 members each), the office staff (two
 * clerks and a leader with logins clerk1, clerk2, leader, unless staff with
 * those logins exist), one or two helper agents per village (one village
 * left without any when there are three or more), applications for about
 * one household in five covering every state, and helper-agent
 * entrustments over the last twelve months, requests for help referred to
 * the departments (demo-referral.h). Dates are relative to
 * date_today(). The same seed gives the same data.
 *
 * The store must be migrated and office_sync must have run. Everything is
 * written in one transaction: on failure nothing is left behind. */
int demo_generate(struct store *s, const struct config *cfg,
		  const struct catalogue *cat, const struct validator *v,
		  size_t n_households, unsigned seed, struct err *e);

#endif
