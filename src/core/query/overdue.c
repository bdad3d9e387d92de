#include "core/query/overdue.h"

int overdue_count(struct store *s, date_t today, int64_t *n, struct err *e)
{
	char day[11];
	date_format(today, day);
	return store_query_int(s, n, e, "SELECT count(*) FROM applications WHERE next_due_on < ?",
			       "s", day);
}
