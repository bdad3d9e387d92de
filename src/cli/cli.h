/* The command line: one cmd-*.c per command, sharing this context. */
#ifndef JZ_CLI_H
#define JZ_CLI_H

#include <stdbool.h>

#include <stdio.h>

#include "core/session.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* What a command works with: the options, and the session opened on
 * demand by cli_open. */
struct cli {
	const char *config_path;	/* -c; NULL: found by session_open */
	const char *db_path;		/* --db, overrides [store] path */
	const char *login;		/* --user: shared mode's login (else the account) */
	int password_fd;		/* --password-fd + 1 (0: ask on the terminal) */
	char password[257];		/* the one given, kept for `user passwd` */
	struct session s;
};

/* Opens what `need` asks for; in shared mode logs in (or, on the first
 * run, sets the administrator's password). On failure prints the message
 * to stderr. */
int cli_open(struct cli *c, enum session_need need);
void cli_close(struct cli *c);

/* Reads a password: a line from --password-fd when given (fd_plus_one
 * names another fd: 0 = the terminal), else from the terminal without
 * echo after `prompt`. -1 with a message when there is neither. */
int cli_read_password(int fd_plus_one, const char *prompt, char *out, size_t n, struct err *e);
/* An --password-fd argument: the fd + 1, or 0 when it is no open fd. */
int cli_fd_arg(const char *text);

/* Prints "jiuzhu: " + message to stderr, a line, control characters
 * shown escaped. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints one line to out the same way (no prefix). */
void cli_say(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

struct command {
	const char *name;
	const char *usage;	/* arguments, for --help */
	const char *summary;	/* one line in Chinese */
	int (*run)(struct cli *c, int argc, char **argv);	/* argv[0] is the name */
};

extern const struct command commands[];
const struct command *command_find(const char *name);
void cli_usage(FILE *out);

int cmd_init(struct cli *c, int argc, char **argv);
int cmd_import(struct cli *c, int argc, char **argv);
int cmd_calendar(struct cli *c, int argc, char **argv);
int cmd_check(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);
int cmd_report(struct cli *c, int argc, char **argv);
int cmd_alerts(struct cli *c, int argc, char **argv);
/* export publicity|announcement (cmd-export-lists.c). */
int export_list(struct cli *c, const char *what, const char *village, const char *batch,
		const char *out);
int cmd_notice(struct cli *c, int argc, char **argv);
int cmd_backup(struct cli *c, int argc, char **argv);
int cmd_restore(struct cli *c, int argc, char **argv);
int cmd_user(struct cli *c, int argc, char **argv);

#endif
