#!/bin/sh
# Benchmark of `jiuzhu export` on 100,000 rows, against the floor (bare
# libxlsxwriter in constant_memory, tests/bench/floor.c) and Python
# XlsxWriter writing the same cells. Median of 3 runs; peak RSS from
# /usr/bin/time. Targets: within 1.3x of the floor, >= 4x faster than
# Python, < 16 MB peak.
#   sh tests/bench/bench-export.sh [STORE]
# Without STORE it builds a 100,000-household demo store. Either way the
# benchmark works on a COPY, topped up by INSERT … SELECT to ROWS
# entrustments (all in 2026Q3) and ROWS applications.
cd "$(dirname "$0")/../.." || exit 1
JZ=${JZ:-./jiuzhu}
ROWS=${ROWS:-100000}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export JIUZHU_TODAY=2026-10-15 JIUZHU_USER=bench

[ -x /usr/bin/time ] || { echo "需要 /usr/bin/time：sudo apt-get install time" >&2; exit 1; }
if [ -n "$1" ]; then
	sqlite3 "$1" ".backup '$TMP/b.db'" || exit 1
else
	echo "building a 100,000-household demo store…"
	"$JZ" -c tuiconfig.ini --db "$TMP/b.db" init --demo --households 100000 >/dev/null || exit 1
fi

# The copy is the benchmark's own: lift the guard triggers that keep other
# programs from writing to a store (the copy is not checked afterwards).
sqlite3 "$TMP/b.db" "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_schema
  WHERE type = 'trigger' AND name LIKE 'jz_guard_%'" | sqlite3 "$TMP/b.db" || exit 1
# Top up the copy: every entrustment received in 2026Q3, doubled to ROWS.
sqlite3 "$TMP/b.db" <<SQL || exit 1
PRAGMA journal_mode = DELETE;
UPDATE entrustments SET received_on = date('2026-07-01', '+' || (id % 92) || ' days');
SQL
while [ "$(sqlite3 "$TMP/b.db" "SELECT count(*) FROM entrustments")" -lt "$ROWS" ]; do
	sqlite3 "$TMP/b.db" "INSERT INTO entrustments (village_id, agent_id, client_name,
	  client_person_id, client_phone, matter, channel, state, received_on, due_on, result,
	  replied_on, note)
	 SELECT village_id, agent_id, client_name, client_person_id, client_phone, matter, channel,
	  state, received_on, due_on, result, replied_on, note
	 FROM entrustments LIMIT $ROWS - (SELECT count(*) FROM entrustments)" || exit 1
done
while [ "$(sqlite3 "$TMP/b.db" "SELECT count(*) FROM applications")" -lt "$ROWS" ]; do
	sqlite3 "$TMP/b.db" "INSERT INTO applications (household_id, applicant_id, kind, channel,
	  agent_id, state, received_on, accepted_on, investigation_started_on, initial_review_on,
	  publicity_from, decided_on, amount)
	 SELECT household_id, applicant_id, kind, channel, agent_id, state, received_on, accepted_on,
	  investigation_started_on, initial_review_on, publicity_from, decided_on, amount
	 FROM applications LIMIT $ROWS - (SELECT count(*) FROM applications)" || exit 1
done
NE=$(sqlite3 "$TMP/b.db" "SELECT count(*) FROM entrustments WHERE received_on BETWEEN '2026-07-01' AND '2026-09-30'")
NA=$(sqlite3 "$TMP/b.db" "SELECT count(*) FROM applications")
echo "rows: helper-quarterly $NE, cases $NA"

cc -O2 -o "$TMP/floor" tests/bench/floor.c $(pkg-config --cflags --libs xlsxwriter) || exit 1

# median3 CMD…: runs 3 times; prints "seconds peak_kib" of the median run.
median3() {
	for i in 1 2 3; do
		/usr/bin/time -f "%e %M" -o "$TMP/t" "$@" >/dev/null 2>"$TMP/err" ||
			{ cat "$TMP/err" >&2; echo "failed: $*" >&2; exit 1; }
		cat "$TMP/t"
	done | sort -n | sed -n 2p
}

report() {	# name types n jiuzhu-args…
	name=$1 types=$2 n=$3
	shift 3
	j=$(median3 "$JZ" -c tuiconfig.ini --db "$TMP/b.db" export "$@" -o "$TMP/$name.xlsx")
	f=$(cd "$TMP" && median3 ./floor "$TMP/floor.xlsx" "$n" "$types")
	p=$(cd "$TMP" && median3 /usr/bin/python3 "$OLDPWD/tests/bench/pyfloor.py" "$TMP/py.xlsx" "$n" "$types")
	[ -n "$j" ] && [ -n "$f" ] && [ -n "$p" ] || { echo "$name: a run failed" >&2; exit 1; }
	set -- $j $f $p
	echo "$name ($n rows x ${#types} cols):"
	echo "  jiuzhu export  $1 s  peak $(($2 / 1024)) MiB"
	echo "  floor (C)      $3 s  peak $(($4 / 1024)) MiB"
	echo "  python         $5 s  peak $(($6 / 1024)) MiB"
	awk -v j="$1" -v f="$3" -v p="$5" -v m="$2" 'BEGIN {
		r = j / f; s = p / j;
		printf "  ratio vs floor %.2fx (target <= 1.3) %s\n", r, (r <= 1.3) ? "ok" : "MISSED";
		printf "  faster than python %.1fx (target >= 4) %s\n", s, (s >= 4) ? "ok" : "MISSED";
		printf "  peak %.1f MiB (target < 16) %s\n", m / 1024, (m < 16384) ? "ok" : "MISSED" }'
}

report helper-quarterly nsssssddsds "$NE" helper-quarterly --quarter 2026Q3
report cases nssssssddddddm "$NA" cases
