#include "core/query/overdue.h"
#include "core/domain/access.h"

int overdue_count(struct store *s, date_t today, int64_t *n, struct err *e)
{
	char day[11];
	int64_t township, village;
	date_format(today, day);
	access_area(s, &township, &village);
	if (township == 0 && village == 0)	/* the whole store: one indexed count */
		return store_query_int(s, n, e, "SELECT count(*) FROM applications WHERE next_due_on < ?",
				       "s", day);
	return store_query_int(s, n, e, "SELECT count(*) FROM applications a "
			       "JOIN households h ON h.id = a.household_id "
			       "JOIN villages v ON v.id = h.village_id WHERE a.next_due_on < ?1 "
			       "AND (?2 = 0 OR v.township_id = ?2) AND (?3 = 0 OR h.village_id = ?3)",
			       "sii", day, township, village);
}
