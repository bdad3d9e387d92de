#include "core/domain/staff.h"

#include <stdio.h>
#include <string.h>

#include "core/domain/access.h"
#include "core/domain/office.h"
#include "core/domain/role.h"

/* Columns of struct staff_row, read by read_row. */
#define STAFF_COLS "s.id, s.version, coalesce(s.township_id, 0), coalesce(s.village_id, 0), " \
	"s.name, coalesce(s.login, ''), s.role, coalesce(v.name, ''), s.active, " \
	"s.password_hash IS NOT NULL "
#define STAFF_FROM "FROM staff s LEFT JOIN villages v ON v.id = s.village_id "

static void read_row(sqlite3_stmt *st, struct staff_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->version = sqlite3_column_int64(st, 1);
	r->township_id = sqlite3_column_int64(st, 2);
	r->village_id = sqlite3_column_int64(st, 3);
	store_col_text(st, 4, r->name, sizeof r->name);
	store_col_text(st, 5, r->login, sizeof r->login);
	store_col_text(st, 6, r->role, sizeof r->role);
	store_col_text(st, 7, r->village, sizeof r->village);
	r->active = sqlite3_column_int(st, 8);
	r->has_password = sqlite3_column_int(st, 9);
}

int staff_by_login(struct store *s, const char *login, struct staff_row *out, bool *found,
		   struct err *e)
{
	sqlite3_stmt *st;
	*found = false;
	if (store_query(s, &st, e, "SELECT " STAFF_COLS STAFF_FROM "WHERE s.login = ?", "s", login) != 0)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_row(st, out);
		*found = true;
		rc = sqlite3_step(st);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_step_error(s, rc, e);
}

int staff_users(struct store *s, struct staff_row *out, int max, int *n, struct err *e)
{
	sqlite3_stmt *st;
	int rc = SQLITE_DONE;
	*n = 0;
	if (access_check(s, ACT_STAFF, 0, e) != 0)
		return -1;
	if (store_query(s, &st, e, "SELECT " STAFF_COLS STAFF_FROM "WHERE s.login IS NOT NULL "
			"ORDER BY s.login", "") != 0)
		return -1;
	while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
		read_row(st, &out[(*n)++]);
	return store_rows_end(s, st, rc, e);
}

#define IS_ADMIN "(',' || role || ',') LIKE '%,admin,%'"

int staff_admins(struct store *s, int64_t *admins, int64_t *with_password, struct err *e)
{
	if (store_query_int(s, admins, e, "SELECT count(*) FROM staff WHERE active AND " IS_ADMIN,
			    "") != 0)
		return -1;
	return store_query_int(s, with_password, e, "SELECT count(*) FROM staff WHERE active AND "
			       IS_ADMIN " AND password_hash IS NOT NULL", "");
}

/* A login is what a Unix account or a login screen gives: printable, no
 * blanks, short. */
static int check_login(const char *login, struct err *e)
{
	if (login == NULL || *login == '\0')
		return err_set(e, "缺少登录名");
	if (strlen(login) > 63)
		return err_set(e, "登录名“%.20s…”太长（最多 63 个字节）", login);
	for (const unsigned char *p = (const unsigned char *)login; *p; p++)
		if (*p <= ' ' || *p == 0x7f)
			return err_set(e, "登录名“%s”中不能有空格或控制字符", login);
	return 0;
}

/* The roles and the area they need: village staff and helper agents work
 * for one village; nobody else is tied to one. A helper agent is only that
 * (the roster lists them by that one role). */
static int check_roles(struct store *s, const struct config *cfg, const struct staff_in *in,
		       int64_t *village, struct err *e)
{
	unsigned bits;
	*village = 0;
	if (role_parse(in->roles, &bits, e) != 0)
		return -1;
	if ((bits & ROLE_AGENT) && strcmp(in->roles, "agent") != 0)
		return err_set(e, "帮办代办员（agent）不能兼任其他角色");
	bool needs_village = (bits & (ROLE_VILLAGE | ROLE_AGENT)) != 0;
	bool has_village = in->village != NULL && *in->village != '\0';
	if (needs_village && !has_village)
		return err_set(e, "村干部和帮办代办员必须指定所在村（社区）（--village）");
	if (!needs_village && has_village)
		return err_set(e, "只有村干部和帮办代办员属于某个村（社区）；角色 %s 不能指定村", in->roles);
	if ((bits & (ROLE_VILLAGE | ROLE_AGENT)) && (bits & ~(unsigned)(ROLE_VILLAGE | ROLE_AGENT)))
		return err_set(e, "村干部不能兼任乡镇或县级角色（%s）", in->roles);
	return has_village ? office_village_id(s, cfg, in->village, village, e) : 0;
}

/* A county supervisor covers the whole store; the others the township. */
static int township_of(struct store *s, const struct config *cfg, const char *roles,
		       int64_t *township, struct err *e)
{
	unsigned bits;
	*township = 0;
	if (role_parse(roles, &bits, e) != 0)
		return -1;
	if (bits == ROLE_SUPERVISOR)
		return 0;
	return office_township_id(s, cfg, township, e);
}

static struct field area_field(const char *col, int64_t id)
{
	return id != 0 ? F_INT(col, id) : F_NULL(col);
}

static int insert_user(struct store *s, const struct config *cfg, const struct staff_in *in,
		       int64_t village, int64_t *id, struct err *e)
{
	int64_t township;
	if (township_of(s, cfg, in->roles, &township, e) != 0)
		return -1;
	const char *name = in->name != NULL && *in->name ? in->name : in->login;
	struct field f[] = {
		F_TEXT("name", name), F_TEXT("login", in->login), F_TEXT("role", in->roles),
		area_field("township_id", township), area_field("village_id", village),
		F_INT("active", 1),
	};
	if (strlen(name) > 63)
		return err_set(e, "姓名太长（最多 63 个字节）");
	return store_insert_tx(s, "staff", f, (int)(sizeof f / sizeof f[0]), id, e);
}

static int refuse_taken(struct store *s, const char *login, struct err *e)
{
	struct staff_row r;
	bool found;
	if (staff_by_login(s, login, &r, &found, e) != 0)
		return -1;
	if (found)
		return err_set(e, "登录名“%s”已经属于 %s%s", login, r.name, r.active ? "" : "（已停用）");
	return 0;
}

int staff_add(struct store *s, const struct config *cfg, const struct staff_in *in, int64_t *id,
	      struct err *e)
{
	int64_t village;
	if (access_check(s, ACT_STAFF, 0, e) != 0 || check_login(in->login, e) != 0 ||
	    check_roles(s, cfg, in, &village, e) != 0 || refuse_taken(s, in->login, e) != 0)
		return -1;
	return insert_user(s, cfg, in, village, id, e);
}

int staff_bootstrap_admin(struct store *s, const struct config *cfg, const char *login,
			  const char *name, struct err *e)
{
	struct staff_in in = { .login = login, .name = name, .roles = "admin,clerk,leader" };
	int64_t admins, with_password, id;
	if (check_login(login, e) != 0 || staff_admins(s, &admins, &with_password, e) != 0)
		return -1;
	if (admins > 0)
		return err_set(e, "已经有系统管理员，不能再自动设置");
	return refuse_taken(s, login, e) != 0 ? -1 : insert_user(s, cfg, &in, 0, &id, e);
}

static int find_user(struct store *s, const char *login, struct staff_row *r, struct err *e)
{
	bool found;
	if (staff_by_login(s, login, r, &found, e) != 0)
		return -1;
	return found ? 0 : err_set(e, "没有登录名为“%s”的工作人员（jiuzhu user list 查看）", login);
}

/* Refuses a change that would leave no active administrator. */
static int keeps_an_admin(struct store *s, const struct staff_row *r, bool stays_admin,
			  struct err *e)
{
	int64_t admins, with_password;
	if (stays_admin || strstr(r->role, "admin") == NULL || !r->active)
		return 0;
	if (staff_admins(s, &admins, &with_password, e) != 0)
		return -1;
	return admins > 1 ? 0 : err_set(e, "%s 是唯一的系统管理员，请先指定另一位管理员", r->name);
}

static int update_row(struct store *s, const struct staff_row *r, const struct field *f, int n,
		      struct err *e)
{
	if (store_begin(s, e) != 0)
		return -1;
	if (store_update(s, "staff", r->id, r->version, f, n, e) != 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, e);
}

int staff_set_roles(struct store *s, const struct config *cfg, const struct staff_in *in,
		    struct err *e)
{
	struct staff_row r;
	int64_t village, township;
	unsigned bits;
	if (access_check(s, ACT_STAFF, 0, e) != 0 || find_user(s, in->login, &r, e) != 0 ||
	    check_roles(s, cfg, in, &village, e) != 0 || role_parse(in->roles, &bits, e) != 0 ||
	    keeps_an_admin(s, &r, (bits & ROLE_ADMIN) != 0, e) != 0 ||
	    township_of(s, cfg, in->roles, &township, e) != 0)
		return -1;
	struct field f[] = { F_TEXT("role", in->roles), area_field("township_id", township),
			     area_field("village_id", village) };
	return update_row(s, &r, f, 3, e);
}

int staff_disable(struct store *s, const char *login, struct err *e)
{
	struct staff_row r;
	if (access_check(s, ACT_STAFF, 0, e) != 0 || find_user(s, login, &r, e) != 0 ||
	    keeps_an_admin(s, &r, false, e) != 0)
		return -1;
	if (!r.active)
		return err_set(e, "%s（%s）已经停用", r.name, login);
	struct field f[] = { F_INT("active", 0) };
	return update_row(s, &r, f, 1, e);
}
