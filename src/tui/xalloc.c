#include "tui/xalloc.h"

#include <stdlib.h>
#include <string.h>

static void *check(void *p)
{
	if (p == NULL)
		ui_fatal("内存不足，程序退出。请关闭其他程序后重新打开 jiuzhu（已保存的草稿和记录不受影响）。");
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	return check(calloc(n > 0 ? n : 1, size > 0 ? size : 1));
}

void *xrealloc(void *p, size_t size)
{
	return check(realloc(p, size > 0 ? size : 1));
}

char *xstrdup(const char *s)
{
	return check(strdup(s));
}
