/* The command line: one cmd-*.c per command, sharing this context. */
#ifndef JZ_CLI_H
#define JZ_CLI_H

#include <stdbool.h>

#include "core/office/catalogue.h"
#include "core/office/config.h"
#include "core/store/store.h"
#include "core/office/validate.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* What a command needs, opened on demand by cli_open. */
struct cli {
	const char *config_path;	/* -c, or found by cli_find_config */
	const char *db_path;		/* --db, overrides [store] path */
	struct config cfg;
	struct catalogue cat;
	struct validator *v;
	struct store *store;
	bool have_cfg, have_cat;
};

enum cli_need {
	NEED_CONFIG = 1,	/* tuiconfig.ini, catalogue, validator */
	NEED_STORE = 2,		/* an existing store at the current schema */
	NEED_STORE_CREATE = 4,	/* create the store if missing, migrate */
};

/* Opens what `need` asks for; on failure prints the message to stderr. */
int cli_open(struct cli *c, int need);
void cli_close(struct cli *c);

/* Prints "jiuzhu: " + message to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

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

#endif
