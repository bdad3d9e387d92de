#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/cli.h"
#include "core/store/backup.h"

/* A store that does not open (damaged) is set aside, with its journals,
 * rather than overwritten: what can be saved from it is still there. */
static int set_aside(const char *path, const char *stamp, char *kept, size_t n)
{
	static const char *const sides[] = { "", "-wal", "-shm", "-journal" };
	char from[PATH_MAX + 16], to[PATH_MAX + 48];
	snprintf(kept, n, "%s.damaged-%s", path, stamp);
	for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++) {
		snprintf(from, sizeof from, "%s%s", path, sides[i]);
		snprintf(to, sizeof to, "%s%s", kept, sides[i]);
		if (rename(from, to) != 0 && i == 0) {
			cli_error("无法把打不开的数据库 %s 改名保存，未恢复", path);
			return -1;
		}
	}
	return 0;
}

/* The store as it is now, kept before a restore replaces it (it may hold
 * work newer than the backup): a checked backup beside the daily ones, or,
 * when it does not open, the file itself set aside. */
static int keep_current(struct cli *c, const char *path, char *kept, size_t n)
{
	struct session *s = &c->s;
	struct err e;
	char dir[PATH_MAX], stamp[32];
	struct audit_head head;
	struct stat st;
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	kept[0] = '\0';
	if (session_open(s, c->config_path, c->db_path, SESSION_STORE, &e) != 0) {
		store_close(s->store);
		s->store = NULL;
		return stat(path, &st) == 0 ? set_aside(path, stamp, kept, n) : 0;
	}
	session_backup_dir(s, dir, sizeof dir);
	if (backup_dir_make(dir, &e) != 0) {
		cli_error("恢复前保存当前数据库失败，未恢复：%s", e.msg);
		store_close(s->store);
		s->store = NULL;
		return -1;
	}
	snprintf(kept, n, "%s/before-restore-%s.db", dir, stamp);
	int rc = backup_make(s->store, kept, &head, &e);
	store_close(s->store);
	s->store = NULL;
	if (rc != 0) {
		cli_error("恢复前保存当前数据库失败，未恢复：%s", e.msg);
		return -1;
	}
	return 0;
}

/* restore FILE: checks the backup, keeps the current store, then copies
 * the backup into the store (created if missing) and brings it up to date. */
int cmd_restore(struct cli *c, int argc, char **argv)
{
	if (argc != 2 || argv[1][0] == '-') {
		cli_error("restore：用法：jiuzhu restore FILE");
		return EXIT_USAGE;
	}
	if (cli_open(c, SESSION_CONFIG) != 0)
		return EXIT_FAIL;
	struct err e;
	struct audit_head head;
	char kept[PATH_MAX];
	if (backup_check(argv[1], &head, &e) != 0) {
		cli_error("未恢复：%s", e.msg);
		return EXIT_FAIL;
	}
	const char *path = c->db_path != NULL ? c->db_path : c->s.cfg.store_path;
	if (keep_current(c, path, kept, sizeof kept) != 0)
		return EXIT_FAIL;
	if (backup_restore(path, c->s.cfg.mode, c->s.cfg.busy_timeout_ms, argv[1], &head, &e) != 0) {
		cli_error("未恢复：%s", e.msg);
		return EXIT_FAIL;
	}
	if (cli_open(c, SESSION_STORE) != 0)
		return EXIT_FAIL;
	cli_say(stdout, "已用 %s 恢复数据库 %s（审计链头：第 %lld 条 %s）。", argv[1], path,
		(long long)head.id, head.hex);
	if (kept[0] != '\0')
		cli_say(stdout, "恢复前的数据库已保存为 %s。", kept);
	return EXIT_OK;
}
