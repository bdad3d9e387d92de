/* The count on the top line: applications past their next deadline. One
 * indexed count (applications.next_due_on), cheap enough for every screen. */
#ifndef JZ_OVERDUE_H
#define JZ_OVERDUE_H

#include <stdint.h>

#include "core/base/date.h"
#include "core/store/store.h"

int overdue_count(struct store *s, date_t today, int64_t *n, struct err *e);

#endif
