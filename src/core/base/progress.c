#include "core/base/progress.h"

#include <stdio.h>

/* Below this a rate is noise. */
#define MIN_SECONDS 0.2

void progress_text(char *out, size_t size, const char *label, long done, long total,
		   double seconds)
{
	int n;
	if (total > 0) {
		if (done > total)
			total = done;
		n = snprintf(out, size, "%s %ld / %ld 行（%ld%%）", label, done, total,
			     (long)((double)done * 100 / (double)total));
	} else {
		n = snprintf(out, size, "%s %ld 行", label, done);
	}
	if (n < 0 || (size_t)n >= size || seconds < MIN_SECONDS || done <= 0)
		return;
	double rate = (double)done / seconds;
	size_t len = (size_t)n;
	n = snprintf(out + len, size - len, "，%.0f 行/秒", rate);
	if (n < 0 || (size_t)n >= size - len || total <= 0 || done >= total)
		return;
	len += (size_t)n;
	snprintf(out + len, size - len, "，约剩 %.0f 秒", (double)(total - done) / rate + 0.5);
}
