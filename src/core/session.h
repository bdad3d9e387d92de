/* A session: everything one person's work needs, opened in one place for
 * the screens and the commands alike — the configuration, the catalogues,
 * the validator, the store and who is at the keyboard. Opening never prints
 * or exits: a failure is a message in e for the front end to show. */
#ifndef JZ_SESSION_H
#define JZ_SESSION_H

#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>

#include "core/base/err.h"
#include "core/domain/role.h"
#include "core/office/catalogue.h"
#include "core/office/config.h"
#include "core/office/form.h"
#include "core/office/validate.h"
#include "core/store/store.h"

enum session_need {
	SESSION_CONFIG = 0,		/* tuiconfig.ini, catalogues, validator */
	SESSION_STORE = 1,		/* and an existing store, brought up to date */
	SESSION_STORE_CREATE = 2,	/* and the store, created if missing */
};

struct session {
	char config_path[PATH_MAX];
	struct config cfg;
	struct catalogue cat;
	struct validator *v;
	struct store *store;	/* NULL until a store was asked for */
	/* Who acts (identify_user in session.c): the login is the Unix
	 * account; $JIUZHU_USER only where it grants nothing the account does
	 * not already have (local mode, not setgid, a store the account owns);
	 * in shared mode, the login typed with its password. The staff row of
	 * that login gives the name, roles and area; anybody else is nobody:
	 * no role, sees nothing, writes nothing. */
	char login[64];
	char user[64];		/* the staff name, or the login when nobody */
	char role_label[96];	/* for the top line: "分管领导等", "无角色" */
	unsigned roles;
	bool need_login;	/* shared mode: nobody has logged in yet */
	bool first_run;		/* shared mode: no administrator has a password */
	const struct session_os *os;	/* NULL: the real system (tests set one) */
	bool have_cfg, have_cat;
	char store_path[PATH_MAX];	/* the store opened */
	/* Something the user should know but that stops nothing (the
	 * configuration's mode differs from the store's own); "" if none. */
	char warning[512];
};

/* What the identity rule reads of the system. */
struct session_os {
	uid_t (*getuid)(void);
	gid_t (*getgid)(void);
	gid_t (*getegid)(void);	/* differs from getgid when running setgid */
};

/* Opens what `need` asks for; what is already open stays. config_path:
 * NULL finds it ($JIUZHU_CONFIG, ./tuiconfig.ini, ~/.config/jiuzhu, the
 * data directory); db_path: NULL for the configuration's [store] path.
 * Running setgid (installed for a shared server) only the installed
 * configuration and its store are accepted. Only SESSION_STORE_CREATE
 * creates a missing store; a damaged one is reported with the newest good
 * backup named. */
int session_open(struct session *s, const char *config_path, const char *db_path,
		 enum session_need need, struct err *e);
void session_close(struct session *s);

/* Where the daily backups go: [backup] dir, else backups/ beside the store. */
void session_backup_dir(const struct session *s, char *out, size_t n);
/* Makes today's backup if [backup] daily and there is none yet, on a
 * connection of its own to the session's store: the screens run it in a
 * child process (an SQLite connection must not be used across fork()). */
int session_daily_backup_alone(const struct session *s, struct err *e);
/* Shared mode: logs in with a password (login.h: failures slow the next
 * attempt), then acts as that staff row. */
int session_login(struct session *s, const char *login, const char *password, struct err *e);
/* Shared mode, first run (s->first_run): makes `login` the administrator
 * with `password`, and logs in as them. */
int session_first_admin(struct session *s, const char *login, const char *password,
			struct err *e);

/* The form definitions of the configured forms directory, with their
 * choice lists (@villages, @kinds, @agents …) filled from the catalogues
 * and the store. The caller frees them with forms_free, also on failure. */
int session_load_forms(struct session *s, struct form_set *forms, struct err *e);
/* The @agents list again (an agent added or deactivated): every active
 * agent labelled with the village, 王芳（大路村）. */
int session_agent_choices(struct session *s, struct form_set *forms, struct err *e);

#endif
