/* A progress line on stderr for a long command: rows done, rate, time
 * left. Drawn only when stderr is a terminal, so what scripts and tests
 * read from a pipe is unchanged. */
#ifndef JZ_CLI_PROGRESS_H
#define JZ_CLI_PROGRESS_H

#include <stdbool.h>
#include <time.h>

#include "core/base/progress.h"

struct cli_progress {
	const char *label;	/* "已核对", "已写" … */
	struct timespec start, drawn_at;
	bool tty, drawn;
};

/* The function to hand a job, with p as its ctx, or NULL when stderr is
 * not a terminal. */
progress_fn cli_progress_start(struct cli_progress *p, const char *label);
void cli_progress_show(void *p, long done, long total);
/* Ends the line (its last state stays), so what follows starts on its own. */
void cli_progress_end(struct cli_progress *p);

#endif
