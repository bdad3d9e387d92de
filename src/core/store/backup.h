/* Backups of the store. A copy is taken with SQLite's online backup API
 * (never by copying the live file: that would drop other users' locks)
 * while others keep working, written under a temporary name 0660, checked
 * (integrity and the audit chain) and only then given its name. Each
 * backup carries the audit chain's head as it was: `check` compares the
 * store's log with the newest backup's, so history rewritten since the
 * backup shows. */
#ifndef JZ_BACKUP_H
#define JZ_BACKUP_H

#include <stdbool.h>

#include "core/store/store.h"
#include "core/store/verify.h"

/* Copies the open store to file (replacing it once the copy is checked).
 * head: the copy's audit chain head. */
int backup_make(struct store *s, const char *file, struct audit_head *head, struct err *e);

/* Checks a backup file: a store of a version this program reads, whole
 * (integrity check) and with an unbroken audit chain; head is its head. */
int backup_check(const char *file, struct audit_head *head, struct err *e);

/* Replaces the content of the store at `path` (created if missing) with
 * the backup `file`, after backup_check. The store's own journal mode is
 * kept. Others may have it open: they see the restored store. The store is
 * not migrated here. */
int backup_restore(const char *path, enum store_mode mode, int busy_timeout_ms,
		   const char *file, struct audit_head *head, struct err *e);

/* The daily backup: if `dir` has no backup of today, makes
 * dir/STEM-YYYY-MM-DD.db (STEM: the store's file name without .db) and
 * removes the oldest beyond `keep`. *made (may be NULL) says whether one
 * was made; made_path gets its name. */
int backup_daily(struct store *s, const char *dir, int keep, bool *made, char *made_path,
		 size_t n, struct err *e);

/* The newest daily backup in dir of the store at `path` that passes a quick
 * integrity check; false when there is none. */
bool backup_newest_good(const char *dir, const char *path, char *out, size_t n);

/* Makes the backup directory 0770 (the setgid bit of a parent such as
 * /var/lib/jiuzhu carries its group) if it is not there. */
int backup_dir_make(const char *dir, struct err *e);

/* dir/NAME of the file's directory: `backups` beside the store. */
void backup_default_dir(const char *store_path, char *out, size_t n);

#endif
