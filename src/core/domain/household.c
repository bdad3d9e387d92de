/* Households and persons: the one way in. */
#include "core/domain/household.h"
#include "core/domain/access.h"
#include "core/store/search.h"

#include <string.h>

/* Whoever registers must be allowed to, in the household's village: the
 * village is looked up only when the user's area is limited, so a bulk
 * load by the office pays nothing for it. */
static int may_register(struct store *s, int64_t village_id, int64_t household_id,
			struct err *e)
{
	int64_t township, village;
	access_area(s, &township, &village);
	if (village_id == 0 && (township != 0 || village > 0) &&
	    store_query_int(s, &village_id, e, "SELECT village_id FROM households WHERE id = ?", "i",
			    household_id) != 0)
		return -1;
	return access_check(s, ACT_HOUSEHOLD, village_id, e);
}

int household_insert(struct store *s, const struct household_in *h,
		     int64_t *id_out, struct err *e)
{
	char created[11];
	if (may_register(s, h->village_id, 0, e) != 0)
		return -1;
	date_format(h->created_on, created);
	struct field f[] = {
		F_INT("village_id", h->village_id),
		F_TEXT("address", h->address),
		F_TEXT("phone", h->phone),
		F_TEXT("household_class", h->household_class ? h->household_class : "stable"),
		F_TEXT("created_on", created),
	};
	return store_insert(s, "households", f, 5, id_out, e);
}

int person_find_by_id_number(struct store *s, const char *number,
			     int64_t *person_id, int64_t *household_id, struct err *e)
{
	sqlite3_stmt *st;
	if (store_query(s, &st, e, "SELECT id, household_id FROM persons WHERE id_number = ?",
			"s", number) != 0)
		return -1;
	*person_id = 0;
	if (household_id != NULL)
		*household_id = 0;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*person_id = sqlite3_column_int64(st, 0);
		if (household_id != NULL)
			*household_id = sqlite3_column_int64(st, 1);
		rc = SQLITE_DONE;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_step_error(s, rc, e);
}

int person_taken_error(struct store *s, int64_t person_id, struct err *e)
{
	sqlite3_stmt *st;
	if (store_query(s, &st, e,
			"SELECT p.name, p.id_number, p.household_id, v.name FROM persons p "
			"JOIN households h ON h.id = p.household_id "
			"JOIN villages v ON v.id = h.village_id WHERE p.id = ?",
			"i", person_id) != 0)
		return -1;
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		if (rc == SQLITE_DONE)
			err_set(e, "内部错误：找不到第 %lld 号人员", (long long)person_id);
		else
			store_step_error(s, rc, e);
		sqlite3_reset(st);
		return -1;
	}
	char masked[19];
	idcard_mask((const char *)sqlite3_column_text(st, 1), masked);
	err_set(e, "身份证号码 %s 已登记在 %s（%s 户号 %lld）名下", masked,
		(const char *)sqlite3_column_text(st, 0),
		(const char *)sqlite3_column_text(st, 3),
		(long long)sqlite3_column_int64(st, 2));
	sqlite3_reset(st);
	return -1;
}

int person_insert(struct store *s, int64_t household_id, const struct person_in *p,
		  int64_t *id_out, struct err *e)
{
	if (p->name == NULL || *p->name == '\0')
		return err_set(e, "姓名不能为空");
	if (p->relation == NULL || *p->relation == '\0')
		return err_set(e, "%s 的与户主关系不能为空", p->name);
	if (may_register(s, 0, household_id, e) != 0)
		return -1;
	char birth[11];
	date_format(p->id->birth, birth);
	struct field f[] = {
		F_INT("household_id", household_id),
		F_TEXT("name", p->name),
		F_TEXT("id_number", p->id->number),
		F_TEXT("sex", p->id->sex == 'F' ? "F" : "M"),
		F_TEXT("birth_date", birth),
		F_TEXT("relation", p->relation),
		F_INT("is_head", strcmp(p->relation, "户主") == 0),
		F_TEXT("phone", p->phone),
	};
	int64_t id;
	if (store_insert(s, "persons", f, 8, &id, e) != 0) {
		/* Most likely the ID number is taken: say by whom. The lookup
		 * is done only then, so a bulk load does not pay for it. */
		int64_t taken;
		struct err ignore;
		if (person_find_by_id_number(s, p->id->number, &taken, NULL, &ignore) == 0 && taken != 0)
			return person_taken_error(s, taken, e);
		return -1;
	}
	if (!store_bulk_active(s) && search_index_person(s, id, p->name, p->id->number, e) != 0)
		return -1;
	if (id_out != NULL)
		*id_out = id;
	return 0;
}

int person_check_id_name(struct store *s, const char *number, const char *name,
			 int64_t *person_id, struct err *e)
{
	sqlite3_stmt *st;
	char found[64] = "";
	*person_id = 0;
	if (store_query(s, &st, e, "SELECT id, name FROM persons WHERE id_number = ?", "s", number) != 0)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*person_id = sqlite3_column_int64(st, 0);
		store_col_text(st, 1, found, sizeof found);
		rc = sqlite3_step(st);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_step_error(s, rc, e);
	if (*person_id == 0)
		return err_set(e, "委托人身份证号码尚未登记为家庭成员；不填身份证号码也可以登记委托");
	if (strcmp(found, name) != 0)
		return err_set(e, "身份证号码 %s 登记的是“%s”，与委托人姓名不符", number, found);
	return 0;
}
