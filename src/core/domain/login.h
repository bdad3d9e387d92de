/* Passwords, for shared mode (a store on a network share opened from PCs
 * that share no Unix accounts): libsodium's crypto_pwhash_str (argon2id),
 * never a default password. Failed attempts are counted per login typed,
 * known or not, in login_attempts; after each, the next attempt must wait
 * twice as long (2 s, 4 s, 8 s … at most LOGIN_MAX_WAIT). The counters are
 * written through the store's write path, so every attempt is audited. */
#ifndef JZ_LOGIN_H
#define JZ_LOGIN_H

#include <stdbool.h>
#include <time.h>

#include "core/domain/staff.h"
#include "core/store/store.h"

#define LOGIN_MIN_PASSWORD 8	/* characters (bytes of UTF-8) */
#define LOGIN_MAX_WAIT 900	/* seconds */

/* Checks login and password at time now_ms (login_now(), or a test's).
 * 0 fills *who with the staff row; -1 says why not (wrong login or
 * password — never which —, a wait not yet over, a disabled login) and how
 * long the next attempt waits. */
int login_check(struct store *s, const char *login, const char *password, int64_t now_ms,
		struct staff_row *who, struct err *e);
/* Now, in milliseconds of Unix time. */
int64_t login_now(void);

/* Sets the password of `login` (hashed; the text itself is never kept).
 * An administrator sets anyone's; anyone else only their own, giving the
 * old one (`old`; ignored for administrators). */
int login_set_password(struct store *s, const char *login, const char *old,
		       const char *password, int64_t now_ms, struct err *e);

/* The first run in shared mode: makes `login` the administrator (as
 * staff_bootstrap_admin) with `password`, when the store has no
 * administrator who has a password; an administrator without one (made
 * in local mode) gets it. */
int login_first_admin(struct store *s, const struct config *cfg, const char *login,
		      const char *password, struct err *e);

#endif
