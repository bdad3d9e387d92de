/* Staff rows: who works in the office and in which role. */
#ifndef JZ_STAFF_H
#define JZ_STAFF_H

#include <stdbool.h>

#include "core/store/store.h"

/* The staff row whose login or name is `who`: its name and role code.
 * *found is false (and name/role untouched) when there is none. */
int staff_lookup(struct store *s, const char *who, char name[64], char role[16],
		 bool *found, struct err *e);

#endif
