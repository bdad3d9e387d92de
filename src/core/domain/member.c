/* Registering and correcting households and their members: the checks of
 * registration written once and used by both, a member leaving with a
 * date and a reason, and deleting a household registered by mistake. */
#include "core/domain/household.h"

#include <stdio.h>
#include <string.h>

#include "core/base/text.h"
#include "core/domain/roll.h"
#include "core/store/search.h"

static bool blank_or(const char *s)
{
	return s == NULL || *s == '\0';
}

/* The head of household_id other than `self` who has not left: 0 if none. */
static int other_head(struct store *s, int64_t household_id, int64_t self, int64_t *head,
		      char name[64], struct err *e)
{
	sqlite3_stmt *st;
	*head = 0;
	if (store_query(s, &st, e, "SELECT id, name FROM persons WHERE household_id = ? AND is_head "
			"AND left_on IS NULL AND id <> ? LIMIT 1", "ii", household_id, self) != 0)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*head = sqlite3_column_int64(st, 0);
		store_col_text(st, 1, name, 64);
	}
	return store_rows_end(s, st, rc, e);
}

int person_check(struct store *s, const struct validator *v, int64_t household_id,
		 int64_t self, const struct person_text *p, date_t today,
		 struct idcard *card, struct err *e)
{
	if (text_blank(p->name))
		return err_set(e, "姓名不能为空");
	if (validate_name(v, p->name, e) != 0)
		return err_prefix(e, "姓名：");
	if (text_blank(p->id_number))
		return err_set(e, "%s 的身份证号码不能为空", p->name);
	if (validate_id(v, p->id_number, today, card, e) != 0)
		return err_prefix(e, "身份证号码：");
	if (!blank_or(p->phone) && validate_phone(v, p->phone, e) != 0)
		return err_prefix(e, "联系电话：");
	if (text_blank(p->relation))
		return err_set(e, "%s 的与户主关系不能为空", p->name);
	int64_t holder, head;
	char head_name[64];
	if (person_find_by_id_number(s, card->number, &holder, NULL, e) != 0)
		return -1;
	if (holder != 0 && holder != self)
		return person_taken_error(s, holder, e);
	if (strcmp(p->relation, "户主") == 0) {
		if (other_head(s, household_id, self, &head, head_name, e) != 0)
			return -1;
		if (head != 0)
			return err_set(e, "这一户已有户主 %s；要换户主，请先更正 %s 的与户主关系",
				       head_name, head_name);
	}
	return 0;
}

/* Relations that name a sex. 配偶, 户主, 兄弟姐妹 … name none. */
static const struct {
	const char *relation;
	char sex;
} relation_sex[] = {
	{ "子", 'M' }, { "儿子", 'M' }, { "父亲", 'M' }, { "丈夫", 'M' }, { "女婿", 'M' },
	{ "孙子", 'M' }, { "外孙子", 'M' }, { "祖父", 'M' }, { "外祖父", 'M' }, { "兄", 'M' },
	{ "弟", 'M' }, { "公公", 'M' }, { "岳父", 'M' },
	{ "女", 'F' }, { "女儿", 'F' }, { "母亲", 'F' }, { "妻子", 'F' }, { "儿媳", 'F' },
	{ "孙女", 'F' }, { "外孙女", 'F' }, { "祖母", 'F' }, { "外祖母", 'F' }, { "姐", 'F' },
	{ "妹", 'F' }, { "婆婆", 'F' }, { "岳母", 'F' },
};

bool person_relation_conflict(const struct validator *v, const struct person_text *p,
			      date_t today, struct err *w)
{
	struct idcard card;
	struct err ignore;
	if (text_blank(p->relation) || text_blank(p->id_number) ||
	    validate_id(v, p->id_number, today, &card, &ignore) != 0)
		return false;
	for (size_t i = 0; i < sizeof relation_sex / sizeof relation_sex[0]; i++)
		if (strcmp(relation_sex[i].relation, p->relation) == 0 && relation_sex[i].sex != card.sex) {
			err_set(w, "与户主关系“%s”应为%s性，但身份证号码表示%s性（第 17 位%s数）",
				p->relation, relation_sex[i].sex == 'M' ? "男" : "女",
				card.sex == 'M' ? "男" : "女", card.sex == 'M' ? "奇" : "偶");
			return true;
		}
	return false;
}

static int insert_checked(struct store *s, int64_t household_id, const struct person_text *p,
			  const struct idcard *card, int64_t *id, struct err *e)
{
	struct person_in in = { .name = p->name, .id = card, .relation = p->relation,
				.phone = blank_or(p->phone) ? NULL : p->phone };
	return person_insert(s, household_id, &in, id, e);
}

static int check_household(const struct validator *v, const struct household_text *h,
			   struct err *e)
{
	if (h->village_id == 0)
		return err_set(e, "请选择村（社区）");
	if (!blank_or(h->phone) && validate_phone(v, h->phone, e) != 0)
		return err_prefix(e, "联系电话：");
	return 0;
}

int household_register(struct store *s, const struct validator *v,
		       const struct household_text *h, const struct person_text *head,
		       date_t today, int64_t *household_id, int64_t *head_id, struct err *e)
{
	struct idcard card;
	if (check_household(v, h, e) != 0)
		return -1;
	if (head->relation == NULL || strcmp(head->relation, "户主") != 0)
		return err_set(e, "登记家庭时先登记户主");
	if (person_check(s, v, 0, 0, head, today, &card, e) != 0)
		return err_prefix(e, "户主：");
	struct household_in in = { .village_id = h->village_id, .address = h->address,
				   .phone = blank_or(h->phone) ? NULL : h->phone, .created_on = today };
	if (store_begin(s, e) != 0)
		return -1;
	if (household_insert(s, &in, household_id, e) != 0 ||
	    insert_checked(s, *household_id, head, &card, head_id, e) != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, e);
}

int person_register(struct store *s, const struct validator *v, int64_t household_id,
		    const struct person_text *p, date_t today, int64_t *id, struct err *e)
{
	struct idcard card;
	if (person_check(s, v, household_id, 0, p, today, &card, e) != 0)
		return -1;
	if (store_begin(s, e) != 0)
		return -1;
	if (insert_checked(s, household_id, p, &card, id, e) != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, e);
}

/* One update in its own transaction. */
static int update_one(struct store *s, const char *table, int64_t id, int64_t version,
		      const struct field *f, int n, struct err *e)
{
	if (store_begin(s, e) != 0)
		return -1;
	if (store_update(s, table, id, version, f, n, e) != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, e);
}

int household_update(struct store *s, const struct validator *v, int64_t id, int64_t version,
		     const struct household_text *h, struct err *e)
{
	if (check_household(v, h, e) != 0)
		return -1;
	struct field f[] = {
		F_INT("village_id", h->village_id),
		F_TEXT("address", blank_or(h->address) ? NULL : h->address),
		F_TEXT("phone", blank_or(h->phone) ? NULL : h->phone),
	};
	return update_one(s, "households", id, version, f, 3, e);
}

/* The member as stored: what a correction starts from. */
struct member_was {
	int64_t household_id;
	char name[64], id_number[19], left_on[11];
};

static int load_member(struct store *s, int64_t id, struct member_was *m, struct err *e)
{
	sqlite3_stmt *st;
	if (store_query(s, &st, e, "SELECT household_id, name, id_number, coalesce(left_on, '') "
			"FROM persons WHERE id = ?", "i", id) != 0 ||
	    store_row(s, st, "家庭成员（编号 %lld）不存在，可能已被删除", id, e) != 0)
		return -1;
	m->household_id = sqlite3_column_int64(st, 0);
	store_col_text(st, 1, m->name, sizeof m->name);
	store_col_text(st, 2, m->id_number, sizeof m->id_number);
	store_col_text(st, 3, m->left_on, sizeof m->left_on);
	sqlite3_reset(st);
	return 0;
}

static int write_member(struct store *s, int64_t id, int64_t version, const struct member_was *m,
			const struct person_text *p, const struct idcard *card, struct err *e)
{
	char birth[11];
	date_format(card->birth, birth);
	struct field f[] = {
		F_TEXT("name", p->name), F_TEXT("id_number", card->number),
		F_TEXT("sex", card->sex == 'F' ? "F" : "M"), F_TEXT("birth_date", birth),
		F_TEXT("relation", p->relation),
		F_INT("is_head", strcmp(p->relation, "户主") == 0 && m->left_on[0] == '\0'),
		F_TEXT("phone", blank_or(p->phone) ? NULL : p->phone),
	};
	if (store_update(s, "persons", id, version, f, 7, e) != 0)
		return -1;
	/* The search keys follow the name and the number, the rolls the name. */
	if (strcmp(m->name, p->name) != 0 && roll_rename_applicant(s, id, p->name, e) != 0)
		return -1;
	if (strcmp(m->name, p->name) == 0 && strcmp(m->id_number, card->number) == 0)
		return 0;
	if (search_unindex_person(s, id, m->name, m->id_number, e) != 0)
		return -1;
	return search_index_person(s, id, p->name, card->number, e);
}

int person_update(struct store *s, const struct validator *v, int64_t id, int64_t version,
		  const struct person_text *p, date_t today, struct err *e)
{
	struct member_was m;
	struct idcard card;
	if (load_member(s, id, &m, e) != 0 ||
	    person_check(s, v, m.household_id, id, p, today, &card, e) != 0)
		return -1;
	if (store_begin(s, e) != 0)
		return -1;
	if (write_member(s, id, version, &m, p, &card, e) != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, e);
}

static const char *const leave_reasons[][2] = {
	{ "moved", "迁出" }, { "died", "死亡" }, { "other", "其他" },
};

const char *person_leave_label(const char *code)
{
	for (size_t i = 0; i < 3; i++)
		if (code != NULL && strcmp(leave_reasons[i][0], code) == 0)
			return leave_reasons[i][1];
	return code != NULL ? code : "";
}

const char *person_leave_code(const char *text)
{
	for (size_t i = 0; i < 3; i++)
		if (text != NULL && (strcmp(leave_reasons[i][0], text) == 0 ||
				     strcmp(leave_reasons[i][1], text) == 0))
			return leave_reasons[i][0];
	return NULL;
}

int person_leave(struct store *s, int64_t id, int64_t version, date_t on, const char *reason,
		 const char *note, date_t today, struct err *e)
{
	struct member_was m;
	const char *code = person_leave_code(reason);
	char day[11];
	if (load_member(s, id, &m, e) != 0)
		return -1;
	if (m.left_on[0])
		return err_set(e, "%s 已于 %s 离开这一户", m.name, m.left_on);
	if (code == NULL)
		return err_set(e, "离开原因须为迁出、死亡或其他");
	if (strcmp(code, "other") == 0 && text_blank(note))
		return err_set(e, "离开原因为“其他”时请写明情况");
	if (on == DATE_NONE || on > today)
		return err_set(e, "%s的日期不能晚于今天", person_leave_label(code));
	date_format(on, day);
	struct field f[] = {
		F_TEXT("left_on", day), F_TEXT("left_reason", code),
		F_TEXT("left_note", text_blank(note) ? NULL : note), F_INT("is_head", 0),
	};
	return update_one(s, "persons", id, version, f, 4, e);
}

/* What keeps a household from being deleted: its own records of work. */
static int household_in_use(struct store *s, int64_t id, struct err *e)
{
	static const struct {
		const char *sql, *what;
	} uses[] = {
		{ "SELECT count(*) FROM applications WHERE household_id = ?", "救助申请" },
		{ "SELECT count(*) FROM referrals WHERE household_id = ?", "转办事项" },
		{ "SELECT count(*) FROM entrustments WHERE client_person_id IN "
		  "(SELECT id FROM persons WHERE household_id = ?)", "帮办代办委托" },
	};
	for (size_t i = 0; i < sizeof uses / sizeof uses[0]; i++) {
		int64_t n;
		if (store_query_int(s, &n, e, uses[i].sql, "i", id) != 0)
			return -1;
		if (n > 0)
			return err_set(e, "户号 %lld 已有 %lld 件%s，不能删除；登记有误的请逐项更正",
				       (long long)id, (long long)n, uses[i].what);
	}
	return 0;
}

static int delete_members(struct store *s, int64_t household_id, struct err *e)
{
	struct member_was m;
	int64_t ids[64];
	int n = 0, rc = SQLITE_DONE;
	sqlite3_stmt *st;
	if (store_query(s, &st, e, "SELECT id FROM persons WHERE household_id = ? ORDER BY id", "i",
			household_id) != 0)
		return -1;
	while (n < 64 && (rc = sqlite3_step(st)) == SQLITE_ROW)
		ids[n++] = sqlite3_column_int64(st, 0);
	if (rc == SQLITE_ROW) {
		sqlite3_reset(st);
		return err_set(e, "户号 %lld 的成员超过 64 人，请逐个核对后再删除", (long long)household_id);
	}
	if (store_rows_end(s, st, rc, e) != 0)
		return -1;
	for (int i = 0; i < n; i++)
		if (load_member(s, ids[i], &m, e) != 0 ||
		    search_unindex_person(s, ids[i], m.name, m.id_number, e) != 0 ||
		    store_delete(s, "persons", ids[i], e) != 0)
			return -1;
	return 0;
}

int household_delete(struct store *s, int64_t id, int64_t version, struct err *e)
{
	int64_t found;
	if (store_query_int(s, &found, e, "SELECT version FROM households WHERE id = ?", "i", id) != 0)
		return -1;
	if (found == 0)
		return err_set(e, "家庭（户号 %lld）不存在，可能已被删除", (long long)id);
	if (version >= 0 && found != version)
		return err_set(e, "该记录已被其他用户修改，请重新打开后再删除");
	if (store_begin(s, e) != 0)
		return -1;
	/* Checked inside the transaction: nobody adds an application meanwhile. */
	if (household_in_use(s, id, e) != 0 || delete_members(s, id, e) != 0 ||
	    store_delete(s, "households", id, e) != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, e);
}
