/* Progress of a long job (an import, an export) for whoever shows it: a
 * screen's bar, a command's line on a terminal. */
#ifndef JZ_PROGRESS_H
#define JZ_PROGRESS_H

#include <stddef.h>

/* done of total units so far; total is an estimate while the job cannot
 * know it yet, and -1 when there is none. */
typedef void (*progress_fn)(void *ctx, long done, long total);

/* The line a person reads, after `seconds` of work: "已写 40960 / 100000
 * 行（40%），52000 行/秒，约剩 2 秒". The rate and time left are left out
 * until there has been time to measure them, the total when it is -1. */
void progress_text(char *out, size_t size, const char *label, long done, long total,
		   double seconds);

#endif
