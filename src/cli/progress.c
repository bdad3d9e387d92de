#include "cli/progress.h"

#include <stdio.h>
#include <unistd.h>

/* Redrawn at most this often: a terminal over SSH should not be flooded. */
#define REDRAW_SECONDS 0.1

static double since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

progress_fn cli_progress_start(struct cli_progress *p, const char *label)
{
	p->label = label;
	p->tty = isatty(STDERR_FILENO);
	p->drawn = false;
	clock_gettime(CLOCK_MONOTONIC, &p->start);
	return p->tty ? cli_progress_show : NULL;
}

void cli_progress_show(void *ctx, long done, long total)
{
	struct cli_progress *p = ctx;
	if (!p->tty || (p->drawn && since(&p->drawn_at) < REDRAW_SECONDS && done != total))
		return;
	char line[160];
	progress_text(line, sizeof line, p->label, done, total, since(&p->start));
	/* \033[K: the shorter line leaves no tail of the longer one before. */
	fprintf(stderr, "\r%s\033[K", line);
	fflush(stderr);
	clock_gettime(CLOCK_MONOTONIC, &p->drawn_at);
	p->drawn = true;
}

void cli_progress_end(struct cli_progress *p)
{
	if (p->tty && p->drawn)
		fputc('\n', stderr);
	p->drawn = false;
}
