#include "core/store/backup.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/date.h"
#include "core/store/check.h"

static void dir_of(const char *path, char *dir, size_t n)
{
	const char *slash = strrchr(path, '/');
	if (slash == NULL)
		snprintf(dir, n, ".");
	else if (slash == path)
		snprintf(dir, n, "/");
	else
		snprintf(dir, n, "%.*s", (int)(slash - path), path);
}

static const char *base_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash != NULL ? slash + 1 : path;
}

void backup_default_dir(const char *store_path, char *out, size_t n)
{
	char dir[PATH_MAX];
	dir_of(store_path, dir, sizeof dir);
	snprintf(out, n, "%s/backups", dir);
}

/* A new empty file beside `file`, 0660, for the copy to be written to. */
static int temp_beside(const char *file, char *tmp, size_t n, struct err *e)
{
	char dir[PATH_MAX];
	dir_of(file, dir, sizeof dir);
	if (snprintf(tmp, n, "%s/.%s.XXXXXX", dir, base_of(file)) >= (int)n)
		return err_set(e, "文件名太长：%s", file);
	int fd = mkstemp(tmp);
	if (fd < 0)
		return err_set(e, "无法在目录 %s 中建立备份文件：%s", dir, strerror(errno));
	int rc = fchmod(fd, 0660);
	close(fd);
	if (rc != 0) {
		unlink(tmp);
		return err_set(e, "无法设置备份文件的权限：%s", strerror(errno));
	}
	return 0;
}

/* Copies src into dst in one step (a reader in WAL mode does not stop the
 * writers), retrying while a writer holds the file, up to the timeout. */
static int copy_db(sqlite3 *dst, sqlite3 *src, int timeout_ms, const char *what, struct err *e)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (b == NULL)
		return err_set(e, "无法开始%s：%s", what, sqlite3_errmsg(dst));
	int rc, waited = 0;
	while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) {
		if (waited >= timeout_ms)
			break;
		sqlite3_sleep(50);
		waited += 50;
	}
	sqlite3_backup_finish(b);
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return err_set(e, "%s失败：数据库一直被其他用户占用，请稍后再试", what);
	if (rc != SQLITE_DONE)
		return err_set(e, "%s失败：%s", what, sqlite3_errstr(rc));
	return 0;
}

static void count_problem(void *ctx, const char *msg)
{
	char *first = ctx;
	if (*first == '\0')
		snprintf(first, 256, "%s", msg);
}

int backup_check(const char *file, struct audit_head *head, struct err *e)
{
	struct stat st;
	struct store *b;
	char first[256] = "";
	int64_t fk;
	int v;
	memset(head, 0, sizeof *head);
	if (stat(file, &st) != 0 || !S_ISREG(st.st_mode))
		return err_set(e, "备份文件 %s 不存在或不是普通文件", file);
	if (store_open(file, STORE_SHARED, 5000, &b, e) != 0)
		return err_prefix(e, "备份文件 %s 不能使用：", file);
	int rc = store_version(b, &v, e);
	if (rc == 0 && (v < 1 || v > store_latest_version()))
		rc = err_set(e, "备份文件 %s 不是本程序能用的数据库（结构版本 %d）", file, v);
	if (rc == 0)
		rc = store_check(b, count_problem, first, &fk, e);
	if (rc == 0 && *first)
		rc = err_set(e, "备份文件 %s 已损坏：%s", file, first);
	if (rc == 0 && audit_chained(store_db(b))) {
		rc = verify_chain(b, count_problem, first, head, e);
		if (rc == 0 && *first)
			rc = err_set(e, "备份文件 %s 的审计日志不完整：%s", file, first);
	}
	store_close(b);
	return rc;
}

int backup_make(struct store *s, const char *file, struct audit_head *head, struct err *e)
{
	char tmp[PATH_MAX];
	sqlite3 *dst = NULL;
	if (temp_beside(file, tmp, sizeof tmp, e) != 0)
		return -1;
	int rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK ? 0
		 : err_set(e, "无法打开备份文件 %s：%s", tmp, sqlite3_errmsg(dst));
	if (rc == 0)
		rc = copy_db(dst, store_db(s), store_busy_timeout(s), "备份", e);
	/* A backup is one file: no WAL beside it to lose when it is copied. */
	if (rc == 0 && sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
		rc = err_set(e, "备份失败：%s", sqlite3_errmsg(dst));
	sqlite3_close(dst);
	if (rc == 0 && backup_check(tmp, head, e) != 0)
		rc = err_prefix(e, "刚做的备份没有通过检查：");
	if (rc == 0 && rename(tmp, file) != 0)
		rc = err_set(e, "无法把备份改名为 %s：%s", file, strerror(errno));
	if (rc != 0)
		unlink(tmp);
	return rc;
}

int backup_restore(const char *path, enum store_mode mode, int busy_timeout_ms,
		   const char *file, struct audit_head *head, struct err *e)
{
	struct store *live;
	sqlite3 *src = NULL;
	if (backup_check(file, head, e) != 0)
		return -1;
	if (store_open(path, mode, busy_timeout_ms, &live, e) != 0)
		return -1;
	int rc = sqlite3_open_v2(file, &src, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK ? 0
		 : err_set(e, "无法打开备份文件 %s：%s", file, sqlite3_errmsg(src));
	if (rc == 0)
		rc = copy_db(store_db(live), src, busy_timeout_ms, "恢复", e);
	sqlite3_close(src);
	store_close(live);
	return rc;
}

/* ---- the daily backups ---- */

/* STEM-YYYY-MM-DD.db for the store at path. */
static void stem_of(const char *path, char *stem, size_t n)
{
	const char *base = base_of(path);
	size_t len = strlen(base);
	if (len > 3 && strcmp(base + len - 3, ".db") == 0)
		len -= 3;
	snprintf(stem, n, "%.*s", (int)len, base);
}

static bool is_daily(const char *name, const char *stem)
{
	size_t n = strlen(stem);
	date_t d;
	char day[11];
	if (strncmp(name, stem, n) != 0 || name[n] != '-' || strlen(name + n + 1) != 13 ||
	    strcmp(name + n + 11, ".db") != 0)
		return false;
	snprintf(day, sizeof day, "%.10s", name + n + 1);
	return date_parse(day, &d) == 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The daily backups in dir, oldest first (their names sort by date). */
static int list_daily(const char *dir, const char *stem, char ***out, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (d == NULL)
		return errno == ENOENT ? 0 : -1;
	while ((de = readdir(d)) != NULL) {
		if (!is_daily(de->d_name, stem))
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			char **l = realloc(*out, cap * sizeof *l);
			if (l == NULL)
				break;
			*out = l;
		}
		if (((*out)[*n] = strdup(de->d_name)) != NULL)
			(*n)++;
	}
	closedir(d);
	if (*n > 0)
		qsort(*out, *n, sizeof **out, by_name);
	return 0;
}

static void free_list(char **l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(l[i]);
	free(l);
}

int backup_dir_make(const char *dir, struct err *e)
{
	if (mkdir(dir, 0770) == 0)
		chmod(dir, 0770);	/* whatever the umask took away */
	else if (errno != EEXIST)
		return err_set(e, "无法建立备份目录 %s：%s", dir, strerror(errno));
	return 0;
}

/* A daily backup cut short (the program killed while copying) leaves its
 * temporary ".STEM-DAY.db.XXXXXX": one older than an hour is no copy in
 * progress any more, and holds a whole store's personal data. */
static void remove_stale(const char *dir, const char *stem)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	struct stat st;
	char path[PATH_MAX];
	size_t n = strlen(stem);
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		const char *name = de->d_name;
		if (name[0] != '.' || strncmp(name + 1, stem, n) != 0 || name[n + 1] != '-' ||
		    strstr(name, ".db.") == NULL)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, name);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
		    time(NULL) - st.st_mtime > 3600)
			unlink(path);
	}
	closedir(d);
}

int backup_daily(struct store *s, const char *dir, int keep, bool *made, char *made_path,
		 size_t n, struct err *e)
{
	char stem[256], day[11], file[PATH_MAX];
	struct stat st;
	struct audit_head head;
	if (made != NULL)
		*made = false;
	stem_of(store_path(s), stem, sizeof stem);
	date_format(date_today(), day);
	snprintf(file, sizeof file, "%s/%s-%s.db", dir, stem, day);
	if (stat(file, &st) == 0)
		return 0;
	if (backup_dir_make(dir, e) != 0)
		return -1;
	remove_stale(dir, stem);
	if (backup_make(s, file, &head, e) != 0)
		return err_prefix(e, "每日自动备份：");
	if (made != NULL)
		*made = true;
	if (made_path != NULL)
		snprintf(made_path, n, "%s", file);
	char **l;
	size_t count;
	if (list_daily(dir, stem, &l, &count) == 0) {
		for (size_t i = 0; keep > 0 && i + (size_t)keep < count; i++) {
			snprintf(file, sizeof file, "%s/%s", dir, l[i]);
			unlink(file);
		}
		free_list(l, count);
	}
	return 0;
}

static bool quick_ok(const char *file)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	bool ok = false;
	if (sqlite3_open_v2(file, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		ok = sqlite3_stricmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
	sqlite3_finalize(st);
	sqlite3_close(db);
	return ok;
}

bool backup_newest_good(const char *dir, const char *path, char *out, size_t n)
{
	char stem[256], file[PATH_MAX];
	char **l;
	size_t count;
	bool found = false;
	stem_of(path, stem, sizeof stem);
	if (list_daily(dir, stem, &l, &count) != 0)
		return false;
	for (size_t i = count; !found && i-- > 0;) {
		snprintf(file, sizeof file, "%s/%s", dir, l[i]);
		if (quick_ok(file)) {
			snprintf(out, n, "%s", file);
			found = true;
		}
	}
	free_list(l, count);
	return found;
}
