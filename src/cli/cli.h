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
	struct session s;
};

/* Opens what `need` asks for; on failure prints the message to stderr. */
int cli_open(struct cli *c, enum session_need need);
void cli_close(struct cli *c);

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

#endif
