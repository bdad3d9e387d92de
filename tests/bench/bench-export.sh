#!/bin/sh
# Benchmark of `jiuzhu export` on 100,000 rows, against the floor (bare
# libxlsxwriter in constant_memory, tests/bench/floor.c) and Python
# XlsxWriter writing the same cells. RUNS rounds (default 3), each running
# the three one after another; the ratios are taken within each round (they
# hold on a busy machine, where single times do not) and their median is
# quoted, with the median times and the peak RSS from /usr/bin/time.
# Targets: within 1.2x of the floor, >= 5x faster than Python, < 16 MB peak.
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

for t in entrustments applications; do
	[ "$(sqlite3 "$TMP/b.db" "SELECT count(*) FROM $t")" -gt 0 ] ||
		{ echo "the store has no $t to copy up to $ROWS rows" >&2; exit 1; }
done
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

RUNS=${RUNS:-3}

# timed CMD…: prints "seconds peak_kib" of one run.
timed() {
	/usr/bin/time -f "%e %M" -o "$TMP/t" "$@" >/dev/null 2>"$TMP/err" ||
		{ cat "$TMP/err" >&2; echo "failed: $*" >&2; exit 1; }
	cat "$TMP/t"
}

report() {	# name types n jiuzhu-args…
	name=$1 types=$2 n=$3
	shift 3
	: >"$TMP/rounds"
	i=1
	while [ "$i" -le "$RUNS" ]; do
		j=$(timed "$JZ" -c tuiconfig.ini --db "$TMP/b.db" export "$@" -o "$TMP/$name.xlsx") || exit 1
		f=$(cd "$TMP" && timed ./floor "$TMP/floor.xlsx" "$n" "$types") || exit 1
		p=$(cd "$TMP" && timed /usr/bin/python3 "$OLDPWD/tests/bench/pyfloor.py" "$TMP/py.xlsx" "$n" "$types") || exit 1
		echo "$j $f $p" >>"$TMP/rounds"
		i=$((i + 1))
	done
	echo "$name ($n rows x ${#types} cols, $RUNS rounds):"
	awk '
	function median(a, k,   i, j, t) {
		for (i = 1; i <= k; i++)
			for (j = i + 1; j <= k; j++)
				if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
		return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
	}
	{ k++; j[k] = $1; f[k] = $3; p[k] = $5; r[k] = $1 / $3; s[k] = $5 / $1
	  if ($2 > jm) jm = $2; if ($4 > fm) fm = $4; if ($6 > pm) pm = $6 }
	END {
		printf "  jiuzhu export  median %.2f s  peak %.1f MiB\n", median(j, k), jm / 1024
		printf "  floor (C)      median %.2f s  peak %.1f MiB\n", median(f, k), fm / 1024
		printf "  python         median %.2f s  peak %.1f MiB\n", median(p, k), pm / 1024
		rr = median(r, k); ss = median(s, k)
		printf "  ratio vs floor %.2fx (median of rounds; target <= 1.2) %s\n", rr, (rr <= 1.2) ? "ok" : "MISSED"
		printf "  faster than python %.1fx (median of rounds; target >= 5) %s\n", ss, (ss >= 5) ? "ok" : "MISSED"
		printf "  peak %.1f MiB (target < 16) %s\n", jm / 1024, (jm < 16384) ? "ok" : "MISSED" }' "$TMP/rounds"
}

report helper-quarterly nsssssddsds "$NE" helper-quarterly --quarter 2026Q3
report cases nssssssddddddm "$NA" cases
