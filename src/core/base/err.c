#include "core/base/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int err_set(struct err *e, const char *fmt, ...)
{
	if (e != NULL) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(e->msg, sizeof e->msg, fmt, ap);
		va_end(ap);
	}
	return -1;
}

int err_prefix(struct err *e, const char *fmt, ...)
{
	if (e != NULL) {
		char prefix[256], old[sizeof e->msg];
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(prefix, sizeof prefix, fmt, ap);
		va_end(ap);
		memcpy(old, e->msg, sizeof old);
		/* Cut at the buffer's end; a message is never that long. */
		size_t n = strlen(prefix);
		if (n >= sizeof e->msg)
			n = sizeof e->msg - 1;
		memcpy(e->msg, prefix, n);
		memcpy(e->msg + n, old, sizeof e->msg - n - 1);
		e->msg[sizeof e->msg - 1] = '\0';
	}
	return -1;
}
