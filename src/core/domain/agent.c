#include "core/domain/agent.h"
#include "core/domain/access.h"

#include <stdio.h>
#include <string.h>

#include "core/base/text.h"
#include "core/domain/office.h"

static void read_row(sqlite3_stmt *st, struct agent_row *r)
{
	memset(r, 0, sizeof *r);
	r->village_id = sqlite3_column_int64(st, 0);
	store_col_text(st, 1, r->township, sizeof r->township);
	store_col_text(st, 2, r->village, sizeof r->village);
	r->id = sqlite3_column_int64(st, 3);
	r->none = r->id == 0;
	r->version = sqlite3_column_int64(st, 4);
	store_col_text(st, 5, r->name, sizeof r->name);
	store_col_text(st, 6, r->id_number, sizeof r->id_number);
	store_col_text(st, 7, r->phone, sizeof r->phone);
	store_col_text(st, 8, r->category, sizeof r->category);
	store_col_text(st, 9, r->note, sizeof r->note);
}

int agent_roster(struct store *s, const struct config *cfg, struct agent_row *out,
		 int max, int *n, struct err *e)
{
	int64_t township, area_township, area_village;
	sqlite3_stmt *st;
	*n = 0;
	if (office_township_id(s, cfg, &township, e) != 0)
		return -1;
	access_area(s, &area_township, &area_village);	/* village staff: their village */
	/* A LEFT JOIN gives the village once with NULLs when it has no agent. */
	if (store_query(s, &st, e,
			"SELECT v.id, t.name, v.name, coalesce(a.id, 0), coalesce(a.version, 0), "
			"a.name, a.id_number, a.phone, a.agent_category, a.note "
			"FROM villages v JOIN townships t ON t.id = v.township_id "
			"LEFT JOIN staff a ON a.village_id = v.id AND a.role = 'agent' AND a.active = 1 "
			"WHERE v.township_id = ?1 AND (?2 = 0 OR v.id = ?2) ORDER BY v.id, a.id", "ii",
			township, area_village) != 0)
		return -1;
	int rc = SQLITE_DONE;
	while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
		read_row(st, &out[(*n)++]);
	return store_rows_end(s, st, rc, e);
}

int agent_villages_without(struct store *s, const struct config *cfg, int *n, struct err *e)
{
	int64_t township, k;
	if (office_township_id(s, cfg, &township, e) != 0)
		return -1;
	if (store_query_int(s, &k, e,
			    "SELECT count(*) FROM villages v WHERE township_id = ? AND NOT EXISTS "
			    "(SELECT 1 FROM staff a WHERE a.village_id = v.id AND a.role = 'agent' "
			    "AND a.active = 1)", "i", township) != 0)
		return -1;
	*n = (int)k;
	return 0;
}

static int check_in(struct store *s, const struct config *cfg, const struct catalogue *cat,
		    const struct validator *v, const struct agent_in *in,
		    struct idcard *card, int64_t *village, struct err *e)
{
	if (text_blank(in->village))
		return err_set(e, "请选择村（社区）");
	if (office_village_id(s, cfg, in->village, village, e) != 0)
		return -1;
	if (text_blank(in->name))
		return err_set(e, "请填写帮办代办员姓名");
	if (validate_name(v, in->name, e) != 0)
		return err_prefix(e, "姓名：");
	if (text_blank(in->id_number))
		return err_set(e, "请填写身份证号码");
	if (validate_id(v, in->id_number, date_today(), card, e) != 0)
		return err_prefix(e, "身份证号码：");
	if (text_blank(in->phone))
		return err_set(e, "请填写联系电话");
	if (validate_phone(v, in->phone, e) != 0)
		return err_prefix(e, "电话：");
	if (text_blank(in->category) || !catalogue_agent_category(cat, in->category))
		return err_set(e, "人员类别“%s”不在目录中（社区工作者、社会工作者、救助协理员、"
			       "网格员、社会救助购买服务人员）", in->category ? in->category : "");
	int64_t other;
	if (store_query_int(s, &other, e, "SELECT id FROM staff WHERE role = 'agent' AND active = 1 "
			    "AND id_number = ?", "s", card->number) != 0)
		return -1;
	if (other != 0)
		return err_set(e, "身份证号码 %s 已是在岗的帮办代办员（编号 %lld）",
			       card->number, (long long)other);
	return 0;
}

int agent_add(struct store *s, const struct config *cfg, const struct catalogue *cat,
	      const struct validator *v, const struct agent_in *in, int64_t *id_out,
	      struct err *e)
{
	struct idcard card;
	int64_t village, township;
	if (office_township_id(s, cfg, &township, e) != 0)
		return -1;
	if (check_in(s, cfg, cat, v, in, &card, &village, e) != 0 ||
	    access_check(s, ACT_AGENTS, village, e) != 0)
		return -1;
	struct field f[] = {
		F_TEXT("name", in->name), F_TEXT("id_number", card.number),
		F_TEXT("phone", in->phone), F_TEXT("role", "agent"),
		F_TEXT("agent_category", in->category), F_INT("township_id", township),
		F_INT("village_id", village), F_INT("active", 1),
		F_TEXT("note", text_blank(in->note) ? NULL : in->note),
	};
	return store_insert_tx(s, "staff", f, (int)(sizeof f / sizeof f[0]), id_out, e);
}

int agent_open_entrustments(struct store *s, int64_t id, int *n, struct err *e)
{
	int64_t k;
	if (store_query_int(s, &k, e, "SELECT count(*) FROM entrustments WHERE agent_id = ? "
			    "AND state NOT IN ('filed', 'out_of_scope')", "i", id) != 0)
		return -1;
	*n = (int)k;
	return 0;
}

int agent_successors(struct store *s, int64_t id, struct agent_row *out, int max, int *n,
		     struct err *e)
{
	sqlite3_stmt *st;
	*n = 0;
	if (store_query(s, &st, e,
			"SELECT v.id, t.name, v.name, a.id, a.version, a.name, a.id_number, a.phone, "
			"a.agent_category, a.note FROM staff a JOIN villages v ON v.id = a.village_id "
			"JOIN townships t ON t.id = v.township_id "
			"WHERE a.role = 'agent' AND a.active = 1 AND a.id <> ?1 "
			"ORDER BY a.village_id IS NOT (SELECT village_id FROM staff WHERE id = ?1), "
			"v.id, a.name, a.id", "i", id) != 0)
		return -1;
	int rc = SQLITE_DONE;
	while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
		read_row(st, &out[(*n)++]);
	return store_rows_end(s, st, rc, e);
}

/* The open entrustments of `from` pass to `to`, each through store_update. */
static int pass_entrustments(struct store *s, int64_t from, int64_t to, struct err *e)
{
	sqlite3_stmt *st;
	int64_t ids[256], versions[256];
	int n = 0, rc;
	do {
		if (store_query(s, &st, e, "SELECT id, version FROM entrustments WHERE agent_id = ? "
				"AND state NOT IN ('filed', 'out_of_scope') ORDER BY id LIMIT 256",
				"i", from) != 0)
			return -1;
		n = 0;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			ids[n] = sqlite3_column_int64(st, 0);
			versions[n++] = sqlite3_column_int64(st, 1);
		}
		if (store_rows_end(s, st, rc, e) != 0)
			return -1;
		for (int i = 0; i < n; i++) {
			struct field f[] = { F_INT("agent_id", to) };
			if (store_update(s, "entrustments", ids[i], versions[i], f, 1, e) != 0)
				return -1;
		}
	} while (n == 256);
	return 0;
}

static int check_successor(struct store *s, int64_t id, int64_t successor, int open,
			   struct err *e)
{
	int64_t others, ok;
	if (open == 0)
		return 0;
	if (store_query_int(s, &others, e, "SELECT count(*) FROM staff WHERE role = 'agent' "
			    "AND active = 1 AND id <> ?", "i", id) != 0)
		return -1;
	if (others == 0)
		return err_set(e, "还有 %d 件委托未办结，但没有其他在岗的帮办代办员可以接手；"
			       "请先添加一名帮办代办员", open);
	if (successor == 0)
		return err_set(e, "还有 %d 件委托未办结，请指定接手的帮办代办员", open);
	if (store_query_int(s, &ok, e, "SELECT count(*) FROM staff WHERE id = ? AND id <> ? "
			    "AND role = 'agent' AND active = 1", "ii", successor, id) != 0)
		return -1;
	if (!ok)
		return err_set(e, "接手的人员（编号 %lld）不是另一名在岗的帮办代办员",
			       (long long)successor);
	return 0;
}

static int deactivate_rows(struct store *s, int64_t id, int64_t version, int64_t successor,
			   struct err *e)
{
	int64_t active, village;
	int open;
	if (store_query_int(s, &village, e, "SELECT coalesce(village_id, 0) FROM staff WHERE id = ?",
			    "i", id) != 0 || access_check(s, ACT_AGENTS, village, e) != 0)
		return -1;
	if (store_query_int(s, &active, e, "SELECT count(*) FROM staff WHERE id = ? AND role = 'agent' "
			    "AND active = 1", "i", id) != 0)
		return -1;
	if (!active)
		return err_set(e, "编号 %lld 不是在岗的帮办代办员", (long long)id);
	if (agent_open_entrustments(s, id, &open, e) != 0 ||
	    check_successor(s, id, successor, open, e) != 0 ||
	    (open > 0 && pass_entrustments(s, id, successor, e) != 0))
		return -1;
	struct field f[] = { F_INT("active", 0) };
	return store_update(s, "staff", id, version, f, 1, e);
}

int agent_deactivate(struct store *s, int64_t id, int64_t version, int64_t successor,
		     struct err *e)
{
	if (store_begin(s, e) != 0)
		return -1;
	/* Read and written in one transaction: no entrustment slips in between. */
	if (deactivate_rows(s, id, version, successor, e) != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, e);
}

void agent_label(const char *name, const char *village, char out[128])
{
	snprintf(out, 128, "%s（%s）", name, village);
}

int agent_label_of(struct store *s, int64_t id, char out[128], struct err *e)
{
	sqlite3_stmt *st;
	if (store_query(s, &st, e, "SELECT a.name, v.name FROM staff a JOIN villages v "
			"ON v.id = a.village_id WHERE a.id = ?", "i", id) != 0 ||
	    store_row(s, st, "帮办代办员（编号 %lld）不存在", id, e) != 0)
		return -1;
	agent_label((const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
		    out);
	sqlite3_reset(st);
	return 0;
}

/* "王芳（大路村）" → the agent of that name in that village. */
static int find_by_label(struct store *s, const char *text, int64_t *id, bool *is_label,
			 struct err *e)
{
	char name[128];
	const char *open = strstr(text, "（");
	size_t len = strlen(text);
	*is_label = open != NULL && len > 3 && strcmp(text + len - 3, "）") == 0 &&
		    (size_t)(open - text) < sizeof name;
	*id = 0;
	if (!*is_label)
		return 0;
	char village[128];
	snprintf(name, sizeof name, "%.*s", (int)(open - text), text);
	snprintf(village, sizeof village, "%.*s", (int)(len - 3 - (size_t)(open - text) - 3), open + 3);
	if (store_query_int(s, id, e, "SELECT a.id FROM staff a JOIN villages v ON v.id = a.village_id "
			    "WHERE a.role = 'agent' AND a.active = 1 AND a.name = ? AND v.name = ? "
			    "ORDER BY a.id LIMIT 1", "ss", name, village) != 0)
		return -1;
	return *id != 0 ? 0 : err_set(e, "“%s”不是在岗的帮办代办员", text);
}

int agent_find(struct store *s, int64_t village_id, const char *name, int64_t *id,
	       struct err *e)
{
	int64_t n;
	bool is_label;
	if (name == NULL || name[0] == '\0')
		return err_set(e, "请选择帮办代办员");
	if (find_by_label(s, name, id, &is_label, e) != 0 || is_label)
		return is_label && *id != 0 ? 0 : -1;
	if (store_query_int(s, id, e, "SELECT id FROM staff WHERE role = 'agent' AND active = 1 "
			    "AND name = ? AND village_id = ? ORDER BY id LIMIT 1", "si", name,
			    village_id) != 0)
		return -1;
	if (*id != 0)
		return 0;
	if (store_query_int(s, &n, e, "SELECT count(*) FROM staff WHERE role = 'agent' AND active = 1 "
			    "AND name = ?", "s", name) != 0)
		return -1;
	if (n != 1)
		return err_set(e, n == 0 ? "“%s”不是在岗的帮办代办员"
			       : "有多名帮办代办员叫“%s”，且都不在所选村（社区）", name);
	return store_query_int(s, id, e, "SELECT id FROM staff WHERE role = 'agent' AND active = 1 "
			       "AND name = ?", "s", name);
}

int agent_choices(struct store *s, int64_t village_id, char (*labels)[128], int max, int *n,
		  struct err *e)
{
	sqlite3_stmt *st;
	*n = 0;
	if (store_query(s, &st, e, "SELECT a.name, v.name FROM staff a JOIN villages v "
			"ON v.id = a.village_id WHERE a.role = 'agent' AND a.active "
			"ORDER BY a.village_id IS NOT ?, v.id, a.name, a.id", "i", village_id) != 0)
		return -1;
	int rc = SQLITE_DONE;
	while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
		agent_label((const char *)sqlite3_column_text(st, 0),
			    (const char *)sqlite3_column_text(st, 1), labels[(*n)++]);
	return store_rows_end(s, st, rc, e);
}

int agent_village_warning(struct store *s, int64_t agent_id, int64_t village_id, char *warn,
			  size_t n, struct err *e)
{
	sqlite3_stmt *st;
	warn[0] = '\0';
	if (store_query(s, &st, e, "SELECT a.name, v.name, (SELECT name FROM villages WHERE id = ?2) "
			"FROM staff a JOIN villages v ON v.id = a.village_id WHERE a.id = ?1 "
			"AND a.village_id IS NOT ?2", "ii", agent_id, village_id) != 0)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(warn, n, "帮办代办员 %s 是%s的，委托人在%s。",
			 (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
			 (const char *)sqlite3_column_text(st, 2));
	return store_rows_end(s, st, rc, e);
}
