#include "core/session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/file.h>
#include <fcntl.h>
#include <pwd.h>
#include <time.h>
#include <unistd.h>

#include "core/domain/access.h"
#include "core/domain/agent.h"
#include "core/domain/login.h"
#include "core/domain/office.h"
#include "core/domain/role.h"
#include "core/domain/staff.h"
#include "core/export/xlsx.h"
#include "core/store/backup.h"

static bool is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Installed setgid to the store's group: the account running it must not
 * choose what it opens with the group's rights. */
static bool privileged(void)
{
	return getegid() != getgid() || geteuid() != getuid();
}

/* Running setgid, only the installed configuration is read: a -c or
 * $JIUZHU_CONFIG naming another file is refused (it could name the store
 * with reports of its own), and ./ and ~/.config are not looked in. */
static int privileged_config(const char *given, char *out, struct err *e)
{
	const char *env = getenv("JIUZHU_CONFIG");
	const char *asked = given != NULL ? given : env != NULL && *env ? env : NULL;
	char want[PATH_MAX], got[PATH_MAX];
	snprintf(out, PATH_MAX, "%s/tuiconfig.ini", JIUZHU_DATADIR);
	if (asked == NULL)
		return 0;
	if (realpath(out, want) == NULL || realpath(asked, got) == NULL || strcmp(want, got) != 0)
		return err_set(e, "本程序以 jiuzhu 组的权限运行，只能使用安装的配置文件 %s，不能用 %s%s",
			       out, given != NULL ? "-c " : "$JIUZHU_CONFIG=", asked);
	return 0;
}

/* The given path wins, then $JIUZHU_CONFIG, then the usual places. */
static void find_config(const char *given, char *out)
{
	const char *env = getenv("JIUZHU_CONFIG");
	const char *home = getenv("HOME");
	if (given != NULL)
		snprintf(out, PATH_MAX, "%s", given);
	else if (env != NULL && *env)
		snprintf(out, PATH_MAX, "%s", env);
	else if (is_file("tuiconfig.ini"))
		snprintf(out, PATH_MAX, "tuiconfig.ini");
	else if (home != NULL && (snprintf(out, PATH_MAX, "%s/.config/jiuzhu/tuiconfig.ini", home),
				  is_file(out)))
		;
	else if (is_file("/etc/jiuzhu/tuiconfig.ini"))	/* the .deb's conffile */
		snprintf(out, PATH_MAX, "/etc/jiuzhu/tuiconfig.ini");
	else
		snprintf(out, PATH_MAX, "%s/tuiconfig.ini", JIUZHU_DATADIR);
}

/* A config copied away from the installed forms/ still finds them. */
static void fall_back_to_datadir(char *dir, const char *name)
{
	if (!is_dir(dir))
		snprintf(dir, PATH_MAX, "%s/%s", JIUZHU_DATADIR, name);
}

static int open_config(struct session *s, const char *given, struct err *e)
{
	if (!privileged())
		find_config(given, s->config_path);
	else if (privileged_config(given, s->config_path, e) != 0)
		return -1;
	if (config_load(s->config_path, &s->cfg, e) != 0)
		return -1;
	s->have_cfg = true;
	xlsx_set_compression(s->cfg.xlsx_compression);
	fall_back_to_datadir(s->cfg.forms_dir, "forms");
	fall_back_to_datadir(s->cfg.reports_dir, "reports");
	if (catalogue_load(s->cfg.forms_dir, &s->cat, e) != 0)
		return -1;
	s->have_cat = true;
	char regions[PATH_MAX + 32];
	snprintf(regions, sizeof regions, "%s/catalogue/regions.txt", s->cfg.forms_dir);
	s->v = validator_new(regions, e);
	return s->v == NULL ? -1 : 0;
}

/* ---- who is at the keyboard ---- */

static const struct session_os real_os = { getuid, getgid, getegid };

/* $JIUZHU_USER names who acts only where it gives nothing the account
 * does not already have: not setgid (it would lend the group's store to
 * anyone), not shared mode (PCs share no accounts: a password decides),
 * and only on a store file the account itself owns (tests, training). */
/* PCs that share no accounts: the configuration says the store is on a
 * network share, or the store itself was made so. Either asks for a
 * password (a mismatch is also warned about, see compare_mode). */
static bool shared_accounts(const struct session *s)
{
	return s->cfg.mode == STORE_SHARED || store_journal(s->store) == STORE_SHARED;
}

static bool env_trusted(const struct session *s, const struct session_os *os)
{
	struct stat st;
	if (os->getegid() != os->getgid() || shared_accounts(s))
		return false;
	return stat(store_path(s->store), &st) == 0 && st.st_uid == os->getuid();
}

static void account_name(const struct session *s, char out[64])
{
	const struct session_os *os = s->os != NULL ? s->os : &real_os;
	const char *env = getenv("JIUZHU_USER");
	if (env != NULL && *env && env_trusted(s, os)) {
		snprintf(out, 64, "%s", env);
		return;
	}
	uid_t uid = os->getuid();
	struct passwd pw, *found = NULL;
	char buf[1024];
	if (getpwuid_r(uid, &pw, buf, sizeof buf, &found) == 0 && found != NULL)
		snprintf(out, 64, "%s", pw.pw_name);
	else
		snprintf(out, 64, "#%lu", (unsigned long)uid);
}

/* Acts as staff row r, or as nobody (r NULL, or disabled). */
static void become(struct session *s, const struct staff_row *r)
{
	struct err ignore;
	struct store_actor a = access_nobody();
	s->roles = 0;
	snprintf(s->user, sizeof s->user, "%s", s->login);
	snprintf(s->role_label, sizeof s->role_label, "%s", r != NULL ? "已停用" : "无角色");
	if (r != NULL && r->active && role_parse(r->role, &s->roles, &ignore) == 0) {
		snprintf(s->user, sizeof s->user, "%s", r->name);
		role_codes_short(r->role, s->role_label, sizeof s->role_label);
		a = access_actor(s->roles, r->township_id, r->village_id);
	}
	if (s->need_login && r == NULL)
		snprintf(s->role_label, sizeof s->role_label, "未登录");
	store_set_user(s->store, s->login);
	store_set_actor(s->store, &a);
}

/* Shared mode: nobody until a password says who. */
static int await_login(struct session *s, struct err *e)
{
	int64_t admins, with_password;
	if (staff_admins(s->store, &admins, &with_password, e) != 0)
		return -1;
	s->need_login = true;
	s->first_run = with_password == 0;
	become(s, NULL);
	return 0;
}

void session_backup_dir(const struct session *s, char *out, size_t n)
{
	if (s->cfg.backup_dir[0] != '\0')
		snprintf(out, n, "%s", s->cfg.backup_dir);
	else
		backup_default_dir(s->store_path, out, n);
}

static int choose_store(struct session *s, const char *db_path, struct err *e)
{
	/* Setgid, the store is the installed configuration's: another path
	 * would let an account make or read files with the group's rights. */
	if (db_path != NULL && privileged())
		return err_set(e, "本程序以 jiuzhu 组的权限运行，只能使用安装的配置文件中的数据库，不能用 --db %s",
			       db_path);
	snprintf(s->store_path, sizeof s->store_path, "%s", db_path != NULL ? db_path : s->cfg.store_path);
	return 0;
}

/* A store that would not open: if it is damaged, name the newest backup
 * that is not, and how to restore it. */
static int damaged(struct session *s, struct err *e)
{
	char dir[PATH_MAX], good[PATH_MAX];
	size_t len = strlen(e->msg);
	session_backup_dir(s, dir, sizeof dir);
	if (backup_newest_good(dir, s->store_path, good, sizeof good))
		snprintf(e->msg + len, sizeof e->msg - len, "。最近的完好备份是 %s，恢复请运行：jiuzhu restore %s",
			 good, good);
	else
		snprintf(e->msg + len, sizeof e->msg - len, "。在 %s 中没有找到完好的备份", dir);
	return -1;
}

/* The store's journal is its own; a PC configured otherwise is told. */
static void compare_mode(struct session *s)
{
	enum store_mode m = store_journal(s->store);
	s->warning[0] = '\0';
	if (m != s->cfg.mode)
		snprintf(s->warning, sizeof s->warning,
			 "注意：数据库 %s 是 %s 方式（%s），与配置文件 %s 中的 mode = %s 不同；按数据库的方式运行",
			 s->store_path, m == STORE_LOCAL ? "local" : "shared",
			 m == STORE_LOCAL ? "WAL" : "回滚日志", s->config_path,
			 s->cfg.mode == STORE_LOCAL ? "local" : "shared");
}

/* Local mode: the account's staff row. A store with no administrator
 * makes the account creating or upgrading it (jiuzhu init) the first. */
static int identify_user(struct session *s, bool create, struct err *e)
{
	struct staff_row r;
	bool found;
	int64_t admins, with_password;
	account_name(s, s->login);
	store_set_user(s->store, s->login);
	if (shared_accounts(s))
		return await_login(s, e);
	if (staff_by_login(s->store, s->login, &r, &found, e) != 0)
		return -1;
	if (!found && create) {
		if (staff_admins(s->store, &admins, &with_password, e) != 0 ||
		    (admins == 0 && staff_bootstrap_admin(s->store, &s->cfg, s->login, NULL, e) != 0) ||
		    staff_by_login(s->store, s->login, &r, &found, e) != 0)
			return -1;
	}
	become(s, found ? &r : NULL);
	return 0;
}

int session_login(struct session *s, const char *login, const char *password, struct err *e)
{
	struct staff_row r;
	if (s->store == NULL)
		return err_set(e, "内部错误：登录前须先打开数据库");
	if (login_check(s->store, login, password, login_now(), &r, e) != 0)
		return -1;
	snprintf(s->login, sizeof s->login, "%s", login);
	s->need_login = s->first_run = false;
	become(s, &r);
	return 0;
}

int session_first_admin(struct session *s, const char *login, const char *password,
			struct err *e)
{
	if (!s->first_run)
		return err_set(e, "已经设置过系统管理员的密码");
	if (login_first_admin(s->store, &s->cfg, login, password, e) != 0)
		return -1;
	s->first_run = false;
	return session_login(s, login, password, e);
}

static int open_store(struct session *s, const char *db_path, bool create, struct err *e)
{
	int version;
	if (choose_store(s, db_path, e) != 0)
		return -1;
	const char *path = s->store_path;
	if (!create && !is_file(path))
		return err_set(e, "数据库 %s 不存在。如果它在网络共享盘或另一块磁盘上，可能是共享没有挂载或磁盘没有接上，"
			       "请先检查；确实要新建时请先运行：jiuzhu init（或 jiuzhu init --demo 生成演示数据）", path);
	if (store_open(path, s->cfg.mode, s->cfg.busy_timeout_ms, &s->store, e) != 0 ||
	    store_version(s->store, &version, e) != 0)
		return is_file(path) ? damaged(s, e) : -1;
	if (version > store_latest_version())
		return err_set(e, "数据库 %s 的结构版本 %d 比本程序新（%d），请升级 jiuzhu", path,
			       version, store_latest_version());
	/* Older files are brought up to date on open, each step its own
	 * transaction; an up-to-date file only gets back an index a cut-short
	 * bulk load may have dropped. */
	if (store_migrate(s->store, e) != 0)
		return -1;
	if ((create || version < store_latest_version()) && office_sync(s->store, &s->cfg, e) != 0)
		return -1;
	compare_mode(s);
	return identify_user(s, create, e);
}

int session_daily_backup_alone(const struct session *s, struct err *e)
{
	char dir[PATH_MAX];
	struct store *st;
	if (!s->cfg.backup_daily || s->store == NULL)
		return 0;
	if (store_open(store_path(s->store), s->cfg.mode, s->cfg.busy_timeout_ms, &st, e) != 0)
		return -1;
	session_backup_dir(s, dir, sizeof dir);
	/* Two clerks starting at once: one copy, the other leaves it be. */
	char lock[PATH_MAX + 16];
	snprintf(lock, sizeof lock, "%s/.daily.lock", dir);
	int rc = backup_dir_make(dir, e);
	int fd = rc == 0 ? open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0660) : -1;
	if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
		rc = backup_daily(st, dir, s->cfg.backup_keep, NULL, NULL, 0, e);
	if (fd >= 0)
		close(fd);
	store_close(st);
	return rc == 0 ? 0 : err_prefix(e, "每日自动备份：");
}

int session_open(struct session *s, const char *config_path, const char *db_path,
		 enum session_need need, struct err *e)
{
	if (db_path != NULL && need != SESSION_CONFIG && choose_store(s, db_path, e) != 0)
		return -1;	/* refused before any file is read */
	if (!s->have_cfg && open_config(s, config_path, e) != 0)
		return -1;
	if (need != SESSION_CONFIG && s->store == NULL)
		return open_store(s, db_path, need == SESSION_STORE_CREATE, e);
	return 0;
}

void session_close(struct session *s)
{
	store_close(s->store);
	s->store = NULL;
	validator_free(s->v);
	s->v = NULL;
	if (s->have_cat)
		catalogue_free(&s->cat);
	if (s->have_cfg)
		config_free(&s->cfg);
	s->have_cat = s->have_cfg = false;
}

/* 256 agents: a county's villages each with one or two. */
#define SESSION_MAX_AGENTS 256

int session_agent_choices(struct session *s, struct form_set *forms, struct err *e)
{
	static char labels[SESSION_MAX_AGENTS][128];
	const char *list[SESSION_MAX_AGENTS];
	int n = 0;
	if (agent_choices(s->store, 0, labels, SESSION_MAX_AGENTS, &n, e) != 0)
		return -1;
	for (int i = 0; i < n; i++)
		list[i] = labels[i];
	if (n == 0)
		list[n++] = "（尚无帮办代办员）";
	return forms_set_choices(forms, "agents", list, (size_t)n, e);
}

int session_load_forms(struct session *s, struct form_set *forms, struct err *e)
{
	const char *kinds[64], *helper_kinds[64], *classes[64];
	size_t n_kinds = 0, n_helper = 0, n_classes = 0;
	if (forms_load_dir(s->cfg.forms_dir, forms, e) != 0)
		return -1;
	for (size_t i = 0; i < s->cat.n_kinds && n_kinds < 64; i++) {
		kinds[n_kinds++] = s->cat.kinds[i].name;
		if (s->cat.kinds[i].helper_service)
			helper_kinds[n_helper++] = s->cat.kinds[i].name;
	}
	for (size_t i = 0; i < s->cfg.n_reviews && n_classes < 64; i++)
		classes[n_classes++] = s->cfg.reviews[i].label;
	if (forms_set_choices(forms, "villages", (const char *const *)s->cfg.villages,
			      s->cfg.n_villages, e) != 0 ||
	    forms_set_choices(forms, "kinds", kinds, n_kinds, e) != 0 ||
	    session_agent_choices(s, forms, e) != 0 ||
	    forms_set_choices(forms, "helper_kinds", helper_kinds, n_helper, e) != 0 ||
	    forms_set_choices(forms, "agent_categories",
			      (const char *const *)s->cat.agent_categories,
			      s->cat.n_agent_categories, e) != 0 ||
	    forms_set_choices(forms, "special_reasons",
			      (const char *const *)s->cfg.special_reasons,
			      s->cfg.n_special_reasons, e) != 0 ||
	    forms_set_choices(forms, "review_classes", classes, n_classes, e) != 0)
		return -1;
	return 0;
}
