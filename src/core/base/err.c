#include "core/base/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/base/text.h"

int err_set(struct err *e, const char *fmt, ...)
{
	if (e != NULL) {
		char raw[sizeof e->msg];
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(raw, sizeof raw, fmt, ap);
		va_end(ap);
		/* A message often quotes a file's or the store's text: shown
		 * escaped, it cannot drive the terminal it is printed on. */
		text_safe(raw, e->msg, sizeof e->msg);
	}
	return -1;
}

int err_prefix(struct err *e, const char *fmt, ...)
{
	if (e != NULL) {
		char raw[256], prefix[256], old[sizeof e->msg];
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(raw, sizeof raw, fmt, ap);
		va_end(ap);
		text_safe(raw, prefix, sizeof prefix);
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
