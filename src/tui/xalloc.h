/* Memory for the screens. Out of memory on a clerk's PC is not a state a
 * screen can carry on from: these restore the terminal, say so in plain
 * words and exit, rather than draw from a NULL. (The core never does this:
 * it returns an error; and drafts already saved stay saved.) */
#ifndef JZ_XALLOC_H
#define JZ_XALLOC_H

#include <stddef.h>

void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);

/* Restores the terminal, prints "jiuzhu: " + msg and exits with status 1. */
_Noreturn void ui_fatal(const char *msg);

#endif
