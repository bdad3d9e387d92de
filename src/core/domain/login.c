#include "core/domain/login.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/domain/access.h"
#include "core/domain/role.h"

#define MAX_PASSWORD 256

/* A hash to check a password against when the login is unknown or has no
 * password, so that such an attempt takes as long as any other. */
static const char *dummy_hash(void)
{
	static char hash[crypto_pwhash_STRBYTES];
	if (hash[0] == '\0' &&
	    crypto_pwhash_str(hash, "jiuzhu", 6, crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		hash[0] = '\0';
	return hash;
}

static int ready(struct err *e)
{
	return sodium_init() < 0 ? err_set(e, "无法初始化 libsodium（密码校验）") : 0;
}


int64_t login_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* ---- the attempts ---- */

struct attempts {
	int64_t id, version, failures, wait_until;
};

/* Puts back the actor store_program_begin saved, passing rc on. */
static int program_end(struct store *s, const struct store_actor *saved, int rc)
{
	store_program_end(s, saved);
	return rc;
}

static int read_attempts(struct store *s, const char *login, struct attempts *a, struct err *e)
{
	sqlite3_stmt *st;
	memset(a, 0, sizeof *a);
	if (store_query(s, &st, e, "SELECT id, version, failures, wait_until FROM login_attempts "
			"WHERE login = ?", "s", login) != 0)
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		a->id = sqlite3_column_int64(st, 0);
		a->version = sqlite3_column_int64(st, 1);
		a->failures = sqlite3_column_int64(st, 2);
		a->wait_until = sqlite3_column_int64(st, 3);
		rc = sqlite3_step(st);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_step_error(s, rc, e);
}

static int write_attempts(struct store *s, const char *login, const struct attempts *a,
			  struct err *e)
{
	struct field f[] = { F_TEXT("login", login), F_INT("failures", a->failures),
			     F_INT("wait_until", a->wait_until) };
	struct store_actor saved = store_program_begin(s);
	if (store_begin(s, e) != 0)
		return program_end(s, &saved, -1);
	int rc = a->id == 0 ? store_insert(s, "login_attempts", f, 3, NULL, e)
			    : store_update(s, "login_attempts", a->id, a->version, f + 1, 2, e);
	if (rc != 0) {
		store_rollback(s);
		return program_end(s, &saved, -1);
	}
	return program_end(s, &saved, store_commit(s, e));
}

/* 2 s after the first failure, then twice as long after each. */
static int64_t wait_after(int64_t failures)
{
	int64_t w = 2;
	for (int64_t i = 1; i < failures && w < LOGIN_MAX_WAIT; i++)
		w *= 2;
	return w < LOGIN_MAX_WAIT ? w : LOGIN_MAX_WAIT;
}

static int failed(struct store *s, const char *login, struct attempts *a, int64_t now_ms,
		  struct err *e)
{
	a->failures++;
	a->wait_until = now_ms + wait_after(a->failures) * 1000;
	if (write_attempts(s, login, a, e) != 0)
		return -1;
	return err_set(e, "登录名或密码不正确（已连续失败 %lld 次，%lld 秒后才能再试）。"
		       "还没有密码的工作人员请系统管理员先设置", (long long)a->failures,
		       (long long)wait_after(a->failures));
}

static bool password_matches(const char *hash, const char *password)
{
	const char *h = hash[0] ? hash : dummy_hash();
	bool ok = crypto_pwhash_str_verify(h, password, strlen(password)) == 0;
	return ok && hash[0] != '\0';
}

static int stored_hash(struct store *s, int64_t id, char hash[crypto_pwhash_STRBYTES],
		       struct err *e)
{
	sqlite3_stmt *st;
	hash[0] = '\0';
	if (store_query(s, &st, e, "SELECT coalesce(password_hash, '') FROM staff WHERE id = ?", "i",
			id) != 0 || store_row(s, st, "工作人员 %lld 不存在", id, e) != 0)
		return -1;
	store_col_text(st, 0, hash, crypto_pwhash_STRBYTES);
	sqlite3_reset(st);
	return 0;
}

int login_check(struct store *s, const char *login, const char *password, int64_t now_ms,
		struct staff_row *who, struct err *e)
{
	struct attempts a;
	char hash[crypto_pwhash_STRBYTES] = "";
	bool found;
	if (ready(e) != 0)
		return -1;
	if (login == NULL || *login == '\0' || password == NULL)
		return err_set(e, "请输入登录名和密码");
	if (strlen(login) > 63 || strlen(password) > MAX_PASSWORD)
		return err_set(e, "登录名或密码太长");
	if (read_attempts(s, login, &a, e) != 0)
		return -1;
	if (now_ms < a.wait_until)
		return err_set(e, "登录失败次数过多，请在 %lld 秒后再试",
			       (long long)((a.wait_until - now_ms + 999) / 1000));
	if (staff_by_login(s, login, who, &found, e) != 0 ||
	    (found && stored_hash(s, who->id, hash, e) != 0))
		return -1;
	if (!password_matches(hash, password))
		return failed(s, login, &a, now_ms, e);
	if (a.failures > 0) {
		a.failures = 0;
		a.wait_until = 0;
		if (write_attempts(s, login, &a, e) != 0)
			return -1;
	}
	if (!who->active)
		return err_set(e, "登录名“%s”已停用，请联系系统管理员", login);
	return 0;
}

/* ---- setting one ---- */

static int check_password(const char *password, struct err *e)
{
	size_t len = password != NULL ? strlen(password) : 0;
	if (len < LOGIN_MIN_PASSWORD)
		return err_set(e, "密码至少要 %d 个字符", LOGIN_MIN_PASSWORD);
	if (len > MAX_PASSWORD)
		return err_set(e, "密码太长（最多 %d 个字符）", MAX_PASSWORD);
	for (const unsigned char *p = (const unsigned char *)password; *p; p++)
		if (*p < ' ' || *p == 0x7f)
			return err_set(e, "密码中不能有控制字符");
	return 0;
}

static int write_hash(struct store *s, const struct staff_row *r, const char *password,
		      struct err *e)
{
	char hash[crypto_pwhash_STRBYTES];
	if (crypto_pwhash_str(hash, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return err_set(e, "内存不足，无法计算密码的散列值");
	struct field f[] = { F_TEXT("password_hash", hash) };
	struct store_actor saved = store_program_begin(s);
	if (store_begin(s, e) != 0)
		return program_end(s, &saved, -1);
	if (store_update(s, "staff", r->id, r->version, f, 1, e) != 0) {
		store_rollback(s);
		return program_end(s, &saved, -1);
	}
	sodium_memzero(hash, sizeof hash);
	return program_end(s, &saved, store_commit(s, e));
}

int login_set_password(struct store *s, const char *login, const char *old,
		       const char *password, int64_t now_ms, struct err *e)
{
	struct staff_row r, me;
	bool found;
	if (ready(e) != 0 || check_password(password, e) != 0 ||
	    staff_by_login(s, login, &r, &found, e) != 0)
		return -1;
	if (!found)
		return err_set(e, "没有登录名为“%s”的工作人员", login);
	bool admin = (store_actor(s)->roles & ROLE_ADMIN) != 0;
	if (!admin && strcmp(store_user(s), login) != 0)
		return err_set(e, "只有系统管理员可以设置其他人的密码");
	/* Your own: prove it is you (the attempts count as logins do). */
	if (!admin && login_check(s, login, old != NULL ? old : "", now_ms, &me, e) != 0)
		return err_prefix(e, "原密码不对：");
	if (!r.active)
		return err_set(e, "%s（%s）已停用，不能设置密码", r.name, login);
	return write_hash(s, &r, password, e);
}

int login_first_admin(struct store *s, const struct config *cfg, const char *login,
		      const char *password, struct err *e)
{
	int64_t admins, with_password;
	struct staff_row r;
	bool found;
	if (ready(e) != 0 || check_password(password, e) != 0 ||
	    staff_admins(s, &admins, &with_password, e) != 0)
		return -1;
	if (with_password > 0)
		return err_set(e, "已经设置过系统管理员的密码；请用管理员的登录名和密码登录");
	if (admins == 0) {
		struct store_actor saved = store_program_begin(s);
		if (program_end(s, &saved, staff_bootstrap_admin(s, cfg, login, NULL, e)) != 0)
			return -1;
	}
	if (staff_by_login(s, login, &r, &found, e) != 0)
		return -1;
	if (!found || !r.active || strstr(r.role, "admin") == NULL)
		return err_set(e, "“%s”不是系统管理员；请用已登记的管理员登录名设置密码", login);
	return write_hash(s, &r, password, e);
}
