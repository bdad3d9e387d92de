#!/bin/sh
# Benchmark of `jiuzhu import households` against the demo generator in the
# same run. Builds a clean roster of PERSONS persons (default 100000; valid
# GB 11643 numbers, tests/bench/roster.awk), then RUNS rounds (default 3),
# each on fresh stores: the import, then `init --demo` with as many
# households as the roster has. Prints each round, the medians, the median
# of the rounds' ratios (a ratio taken within a round holds on a busy
# machine), and the peak memory (/usr/bin/time).
# Targets: >= 40000 persons/s, at least the demo generator's rate per
# person, peak < 64 MB (stated for 300000 persons).
#   sh tests/bench/bench-import.sh [PERSONS]
cd "$(dirname "$0")/../.." || exit 1
JZ=${JZ:-./jiuzhu}
CFG=${CFG:-tuiconfig.ini}
PERSONS=${1:-100000}
RUNS=${RUNS:-3}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export JIUZHU_USER=bench

[ -x /usr/bin/time ] || { echo "需要 /usr/bin/time：sudo apt-get install time" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "需要 sqlite3：sudo apt-get install sqlite3" >&2; exit 1; }
[ -x "$JZ" ] || make -s jiuzhu || exit 1

awk -v n="$PERSONS" -f tests/bench/roster.awk >"$TMP/roster.csv" || exit 1
HOUSEHOLDS=$(((PERSONS + 2) / 3))
echo "roster: $PERSONS persons, $HOUSEHOLDS households, $(($(wc -c <"$TMP/roster.csv") / 1024)) KiB"

# timed NAME CMD…: runs CMD on fresh store $TMP/NAME.db; prints "seconds peak_kib".
timed() {
	name=$1
	shift
	rm -f "$TMP/$name.db" "$TMP/$name.db-wal" "$TMP/$name.db-shm"
	"$JZ" -c "$CFG" --db "$TMP/$name.db" init >/dev/null || exit 1
	/usr/bin/time -f "%e %M" -o "$TMP/t" "$JZ" -c "$CFG" --db "$TMP/$name.db" "$@" \
		>"$TMP/out" 2>"$TMP/err" || { cat "$TMP/err" >&2; echo "failed: $*" >&2; exit 1; }
	cat "$TMP/t"
}

persons() { sqlite3 "$TMP/$1.db" "SELECT count(*) FROM persons"; }

i=1
: >"$TMP/rounds"
while [ "$i" -le "$RUNS" ]; do
	set -- $(timed import import households "$TMP/roster.csv")
	it=$1 im=$2
	[ "$(persons import)" -eq "$PERSONS" ] || { echo "import wrote $(persons import) persons" >&2; exit 1; }
	keys=$(sqlite3 "$TMP/import.db" "SELECT count(*) FROM person_keys")
	audit=$(sqlite3 "$TMP/import.db" "SELECT count(*) FROM audit_log WHERE tbl = 'persons'")
	[ "$audit" -eq "$PERSONS" ] && [ "$keys" -gt "$PERSONS" ] ||
		{ echo "import: $audit audit rows, $keys search keys for $PERSONS persons" >&2; exit 1; }
	set -- $(timed demo init --demo --households "$HOUSEHOLDS")
	dt=$1 dm=$2 dp=$(persons demo)
	echo "$it $im $dt $dm $dp" >>"$TMP/rounds"
	awk -v n="$PERSONS" -v it="$it" -v dt="$dt" -v dp="$dp" -v r="$i" 'BEGIN {
		printf "round %d: import %.2f s (%.0f persons/s), demo %.2f s for %d persons (%.0f persons/s)\n",
			r, it, n / it, dt, dp, dp / dt }'
	i=$((i + 1))
done

awk -v n="$PERSONS" '
function median(a, k,   i, j, t) {
	for (i = 1; i <= k; i++)
		for (j = i + 1; j <= k; j++)
			if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
	return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
}
{ k++; it[k] = $1; rate[k] = n / $1; drate[k] = $5 / $3; ratio[k] = (n / $1) / ($5 / $3)
  if ($2 > peak) peak = $2; if ($4 > dpeak) dpeak = $4 }
END {
	printf "import:  median %.2f s, %.0f persons/s, peak %.1f MiB\n", median(it, k), median(rate, k), peak / 1024
	printf "demo:    median %.0f persons/s, peak %.1f MiB\n", median(drate, k), dpeak / 1024
	r = median(rate, k); q = median(ratio, k)
	printf "import / demo per person: %.2fx (median of the rounds; target >= 1) %s\n", q, (q >= 1) ? "ok" : "MISSED"
	printf "rate %.0f persons/s (target >= 40000) %s\n", r, (r >= 40000) ? "ok" : "MISSED"
	printf "peak %.1f MiB (target < 64 for 300000 persons) %s\n", peak / 1024, (peak < 65536) ? "ok" : "MISSED"
}' "$TMP/rounds"
