#include "core/store/page.h"

#include <string.h>

static bool backward(enum page_dir dir)
{
	return dir == PAGE_BEFORE || dir == PAGE_UPTO;
}

const char *page_cmp(enum page_dir dir, bool desc)
{
	bool down = backward(dir) != desc;	/* towards smaller keys */
	bool incl = dir == PAGE_FROM || dir == PAGE_UPTO;
	return down ? (incl ? "<=" : "<") : (incl ? ">=" : ">");
}

const char *page_order(enum page_dir dir, bool desc)
{
	return backward(dir) != desc ? "DESC" : "ASC";
}

static void flip(char *rows, int n, size_t size)
{
	char t[size];
	for (int i = 0; i < n / 2; i++) {
		memcpy(t, rows + (size_t)i * size, size);
		memcpy(rows + (size_t)i * size, rows + (size_t)(n - 1 - i) * size, size);
		memcpy(rows + (size_t)(n - 1 - i) * size, t, size);
	}
}

int page_read(struct store *s, sqlite3_stmt *st, enum page_dir dir, page_read_fn read,
	      void *rows, size_t size, int max, int *n, struct err *e)
{
	int k = 0, rc = SQLITE_DONE;
	while (k < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
		read(st, (char *)rows + (size_t)k++ * size);
	*n = k;
	if (store_rows_end(s, st, rc, e) != 0)
		return -1;
	if (backward(dir))
		flip(rows, k, size);
	return 0;
}
