/* One writer of bench-writers.sh: for SECONDS, short write transactions
 * through the store's one write path (a draft row each), timing each from
 * BEGIN to COMMIT. Prints "commits errors" and writes every wait (µs) to
 * OUT, one a line. Usage: writers STORE local|shared SECONDS OUT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/store/store.h"

static long long now_us(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

int main(int argc, char **argv)
{
	struct store *s;
	struct err e;
	if (argc != 5)
		return 2;
	enum store_mode m = strcmp(argv[2], "shared") == 0 ? STORE_SHARED : STORE_LOCAL;
	if (store_open(argv[1], m, 5000, &s, &e) != 0) {
		fprintf(stderr, "%s\n", e.msg);
		return 1;
	}
	store_set_user(s, "bench");
	FILE *out = fopen(argv[4], "w");
	long long end = now_us() + atoll(argv[3]) * 1000000LL;
	long commits = 0, errors = 0;
	while (now_us() < end) {
		long long t0 = now_us();
		struct field f[] = { F_TEXT("form", "bench"), F_TEXT("owner", "bench"),
				     F_TEXT("data", "{}"), F_TEXT("saved_at", "2026-01-01 00:00:00") };
		if (store_begin(s, &e) == 0 && store_insert(s, "drafts", f, 4, NULL, &e) == 0 &&
		    store_commit(s, &e) == 0) {
			commits++;
			fprintf(out, "%lld\n", now_us() - t0);
		} else {
			store_rollback(s);
			errors++;
		}
	}
	fclose(out);
	store_close(s);
	printf("%ld %ld\n", commits, errors);
	return 0;
}
