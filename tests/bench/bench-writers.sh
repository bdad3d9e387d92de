#!/bin/sh
# 8 writers × 30 s on one store in each mode (local = WAL, shared = rollback
# journal), each a process committing short transactions through the store's
# one write path; prints commits/s, busy errors and the p50/p99/max wait of
# a transaction (BEGIN to COMMIT, busy waits included), and the disk's raw
# fsync rate measured in the same directory in the same run (the floor of
# the shared mode, which syncs every commit). Not part of make test.
# Run from the source root: sh tests/bench/bench-writers.sh [WRITERS] [SECONDS]
set -eu
W=${1:-8}
SECS=${2:-30}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
make -s jiuzhu build/core.a
TMP=$(mktemp -d "${TMPDIR:-/tmp}/jz-writers.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM
PKGS="ncursesw sqlite3 libpcre2-8 xlsxwriter libsodium"
cc -std=c11 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -O2 -Isrc -Ibuild/gen -I/usr/include/iniparser \
	-o "$TMP/writers" tests/bench/writers.c build/core.a $(pkg-config --libs $PKGS) -liniparser -lm

# The disk's raw fsync rate: 4 KiB written and fsynced, for 3 s.
/usr/bin/python3 - "$TMP/fsync" <<'PY'
import os, sys, time
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT, 0o600)
n, end = 0, time.time() + 3
while time.time() < end:
    os.pwrite(fd, b"x" * 4096, 0)
    os.fsync(fd)
    n += 1
print(f"raw fsync:        {n / 3:.0f} /s (4 KiB write + fsync, same directory)")
PY

for mode in local shared; do
	sed -e "s/^mode = .*/mode = $mode/" -e "s|^forms = forms|forms = $ROOT/forms|" \
		-e "s|^reports = reports|reports = $ROOT/reports|" tuiconfig.ini > "$TMP/$mode.ini"
	DB=$TMP/$mode.db
	./jiuzhu -c "$TMP/$mode.ini" --db "$DB" init >/dev/null
	i=1
	while [ "$i" -le "$W" ]; do
		"$TMP/writers" "$DB" "$mode" "$SECS" "$TMP/$mode-$i.us" > "$TMP/$mode-$i.out" &
		i=$((i + 1))
	done
	wait
	cat "$TMP"/$mode-*.out | awk -v m="$mode" -v s="$SECS" -v w="$W" '
		{ c += $1; e += $2 }
		END { printf "%-6s %d writers × %d s: %.0f commits/s, %d busy errors\n", m, w, s, c / s, e }'
	cat "$TMP"/$mode-*.us | sort -n | awk '
		{ a[NR] = $1 }
		END { if (NR) printf "       wait p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
			a[int(NR * 0.5) + 1] / 1000, a[int(NR * 0.99) + 1] / 1000, a[NR] / 1000 }'
	./jiuzhu -c "$TMP/$mode.ini" --db "$DB" check >/dev/null && echo "       check: 正常" ||
		echo "       check: 有问题"
done
