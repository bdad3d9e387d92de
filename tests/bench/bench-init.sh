#!/bin/sh
# Times `jiuzhu init --demo --households N` (default 100000) three times,
# each on a fresh store, and compares the median with the 10 s target.
# Prints each time, the median, the store's size, its persons count and the
# peak memory. Run from the source root: sh tests/bench/bench-init.sh [N]
set -eu

N=${1:-100000}
TARGET=10
RUNS=3
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
CONFIG=${JIUZHU_BENCH_CONFIG:-$ROOT/tuiconfig.ini}

[ -x ./jiuzhu ] || make -s jiuzhu
command -v sqlite3 >/dev/null 2>&1 || { echo "需要 sqlite3 命令行工具：sudo apt-get install sqlite3" >&2; exit 1; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/jz-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM

# GNU time gives the peak RSS; without it, time the run with date and read
# the high-water mark (VmHWM) from /proc while it runs.
GNU_TIME=
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
	GNU_TIME=/usr/bin/time
fi

now() { date +%s.%N; }

times=
peak_kb=0
i=1
while [ "$i" -le "$RUNS" ]; do
	DB=$TMP/bench-$i.db
	rm -f "$DB" "$DB-wal" "$DB-shm"
	if [ -n "$GNU_TIME" ]; then
		"$GNU_TIME" -v -o "$TMP/time-$i" ./jiuzhu -c "$CONFIG" --db "$DB" \
			init --demo --households "$N" >"$TMP/out-$i" 2>&1 || {
			echo "第 $i 次运行失败：" >&2; cat "$TMP/out-$i" >&2; exit 1; }
		t=$(awk -F': ' '/Elapsed \(wall clock\)/ {
			n = split($2, p, ":"); s = 0
			for (k = 1; k <= n; k++) s = s * 60 + p[k]
			printf "%.2f", s }' "$TMP/time-$i")
		kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$TMP/time-$i")
	else
		t0=$(now)
		./jiuzhu -c "$CONFIG" --db "$DB" init --demo --households "$N" >"$TMP/out-$i" 2>&1 &
		pid=$!
		kb=0
		while kill -0 "$pid" 2>/dev/null; do
			k=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
			[ -n "$k" ] && [ "$k" -gt "$kb" ] && kb=$k
			sleep 0.2
		done
		wait "$pid" || { echo "第 $i 次运行失败：" >&2; cat "$TMP/out-$i" >&2; exit 1; }
		t1=$(now)
		t=$(echo "$t0 $t1" | awk '{ printf "%.2f", $2 - $1 }')
	fi
	[ "${kb:-0}" -gt "$peak_kb" ] && peak_kb=$kb
	echo "run $i: ${t} s"
	times="$times $t"
	if [ "$i" -lt "$RUNS" ]; then
		rm -f "$DB" "$DB-wal" "$DB-shm"
	fi
	i=$((i + 1))
done

median=$(echo $times | tr ' ' '\n' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
DB=$TMP/bench-$RUNS.db
size=$(du -k "$DB" | awk '{ printf "%.1f", $1 / 1024 }')
persons=$(sqlite3 "$DB" "SELECT count(*) FROM persons")
households=$(sqlite3 "$DB" "SELECT count(*) FROM households")
audit=$(sqlite3 "$DB" "SELECT count(*) FROM audit_log")

echo "households:   $households"
echo "persons:      $persons"
echo "audit rows:   $audit"
echo "store size:   $size MiB"
if [ "$peak_kb" -gt 0 ]; then
	echo "peak RSS:     $(echo "$peak_kb" | awk '{ printf "%.1f", $1 / 1024 }') MiB"
else
	echo "peak RSS:     unknown (neither /usr/bin/time nor /proc)"
fi
echo "median:       $median s (target ${TARGET} s for 100000 households)"
if echo "$median $TARGET" | awk '{ exit !($1 < $2) }'; then
	echo "result:       OK"
else
	echo "result:       SLOWER than target"
fi
