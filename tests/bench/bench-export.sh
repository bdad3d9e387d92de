#!/bin/sh
# Benchmark of `jiuzhu export` on 100,000 rows, against the floor (bare
# libxlsxwriter in constant_memory, tests/bench/floor.c) and Python
# XlsxWriter (tests/bench/pyfloor.py) writing THE SAME CELLS: after the
# first export of each report (not counted), xlsxcells.py dumps its sheet's
# cells once to a TSV (every row, each cell's value and type: text, number,
# money, date), which floor and python read and write again. Their reading
# of the TSV is part of their run, as reading the store is part of the
# export's. The floor is bare: number formats for dates and money (so they
# are the same cells), no borders, fonts, row heights or merges; what those
# cost is what our formatting costs, and a third run of the floor measures
# it: "bordered", every cell with a border, blank cells too (printed as
# "where it goes", with how much faster the floor is than python: as fast
# as any libxlsxwriter program can get). RUNS rounds (default 3), each running
# them one after another; the ratios are taken within each round (they
# hold on a busy machine, where single times do not) and their median is
# quoted, with the median times and the peak RSS from /usr/bin/time.
# The export deflates at tuiconfig.ini's [export] compression (zlib level
# 1 unless changed); the floor and Python at zlib's default, 6, as
# libxlsxwriter and XlsxWriter do on their own. A last run of the bordered
# floor at the export's level shows what the export costs beyond that.
# Targets: within 1.2x of the floor, >= 5x faster than Python, < 16 MB peak.
#   sh tests/bench/bench-export.sh [STORE]
# Without STORE it builds a 100,000-household demo store. Either way the
# benchmark works on a COPY, topped up by INSERT … SELECT to ROWS rows for
# each report: entrustments (all in 2026Q3), applications, rolls (one per
# application, none ended, each due a review and a recertification in
# 2027), referrals. KEEP=FILE keeps the copy (for perf);
# ONLY="cases rolls" runs only those reports.
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
# The copy keeps the store's own journal (a demo store's is WAL: `local`).
# A rollback journal would make it a `shared` store, where every command
# logs in with a password.
[ "$(sqlite3 "$TMP/b.db" "PRAGMA journal_mode")" = wal ] ||
	{ echo "the store is not a local (WAL) one: shared stores ask for a password" >&2; exit 1; }

for t in entrustments applications rolls referrals; do
	[ "$(sqlite3 "$TMP/b.db" "SELECT count(*) FROM $t")" -gt 0 ] ||
		{ echo "the store has no $t to copy up to $ROWS rows" >&2; exit 1; }
done
# The copy is the benchmark's own: lift the guard triggers that keep other
# programs from writing to a store (the copy is not checked afterwards).
sqlite3 "$TMP/b.db" "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_schema
  WHERE type = 'trigger' AND name LIKE 'jz_guard_%'" | sqlite3 "$TMP/b.db" || exit 1
# Top up the copy: every entrustment received in 2026Q3, doubled to ROWS.
sqlite3 "$TMP/b.db" \
  "UPDATE entrustments SET received_on = date('2026-07-01', '+' || (id % 92) || ' days')" || exit 1
# topup TABLE SELECT: INSERT … SELECT (columns and rows of the table itself)
# until TABLE holds ROWS rows; SELECT ends with the LIMIT still to fill.
topup() {
	while [ "$(sqlite3 "$TMP/b.db" "SELECT count(*) FROM $1")" -lt "$ROWS" ]; do
		sqlite3 "$TMP/b.db" "$2 LIMIT $ROWS - (SELECT count(*) FROM $1)" || exit 1
	done
}
topup entrustments "INSERT INTO entrustments (village_id, agent_id, client_name,
  client_person_id, client_phone, matter, channel, state, received_on, due_on, result,
  replied_on, note)
 SELECT village_id, agent_id, client_name, client_person_id, client_phone, matter, channel,
  state, received_on, due_on, result, replied_on, note FROM entrustments"
ORIG_APPS=$(sqlite3 "$TMP/b.db" "SELECT max(id) FROM applications") || exit 1
ORIG_REFS=$(sqlite3 "$TMP/b.db" "SELECT coalesce(max(id), 0) FROM referrals") || exit 1
topup applications "INSERT INTO applications (household_id, applicant_id, kind, channel,
  agent_id, state, received_on, accepted_on, investigation_started_on, initial_review_on,
  publicity_from, decided_on, amount)
 SELECT household_id, applicant_id, kind, channel, agent_id, state, received_on, accepted_on,
  investigation_started_on, initial_review_on, publicity_from, decided_on, amount
 FROM applications"
# A copy is another household's application, as in a county: it goes to a
# household picked by a fixed scattering of the copy's number, whose head
# is the applicant. Copies that kept the demo's households would have
# 100,000 rows read the same 20,000 applicants again, whose pages stay in
# SQLite's cache: the store's reading would look cheaper than on a real
# county's store (1.3x, the case register, measured).
sqlite3 "$TMP/b.db" "CREATE TABLE heads (k INTEGER PRIMARY KEY, hid INTEGER, pid INTEGER);
 INSERT INTO heads SELECT row_number() OVER (ORDER BY household_id) - 1, household_id, min(id)
  FROM persons WHERE is_head GROUP BY household_id;
 UPDATE applications SET (household_id, applicant_id) = (SELECT hid, pid FROM heads
  WHERE k = applications.id * 7919 % (SELECT count(*) FROM heads)) WHERE id > $ORIG_APPS" || exit 1
# A roll for each application without one, copied from the demo's rolls in
# turn; an ended one comes back active, so all of them are on the roll. It
# carries its applicant's name, as the program's own rolls do.
topup rolls "WITH t AS (SELECT row_number() OVER (ORDER BY id) - 1 AS k, * FROM rolls)
 INSERT INTO rolls (application_id, household_id, village_id, kind, amount, since_on, state,
  new_amount, change_reason, suspended_on, suspend_reason, end_publicity_to, name)
 SELECT a.id, a.household_id, h.village_id, t.kind, t.amount, t.since_on,
  CASE t.state WHEN 'ended' THEN 'active' ELSE t.state END, t.new_amount, t.change_reason,
  t.suspended_on, t.suspend_reason, t.end_publicity_to, p.name
 FROM applications a JOIN households h ON h.id = a.household_id
  JOIN persons p ON p.id = a.applicant_id
  JOIN t ON t.k = a.id % (SELECT count(*) FROM t)
 WHERE a.id NOT IN (SELECT application_id FROM rolls)"
# Every household on the roll is due a review in 2027 (the review plan's period).
sqlite3 "$TMP/b.db" "UPDATE households SET next_review_on = date('2027-01-01', '+' || (id % 365)
  || ' days') WHERE next_review_on IS NULL AND id IN (SELECT household_id FROM rolls)" || exit 1
# And every roll a recertification (the recertification list's period).
sqlite3 "$TMP/b.db" "UPDATE rolls SET recert_due_on = date('2027-01-01', '+' || (id % 365)
  || ' days') WHERE recert_due_on IS NULL AND state <> 'ended'" || exit 1
topup referrals "INSERT INTO referrals (request_id, village_id, household_id, application_id,
  department, item, referred_on, due_on, state, result, result_on, replied_by)
 SELECT request_id, village_id, household_id, application_id, department, item, referred_on,
  due_on, state, result, result_on, replied_by FROM referrals"
# The copied referrals, likewise, each of a household of its own.
sqlite3 "$TMP/b.db" "UPDATE referrals SET household_id = (SELECT hid FROM heads
  WHERE k = referrals.id * 7919 % (SELECT count(*) FROM heads)) WHERE id > $ORIG_REFS
  AND household_id IS NOT NULL;
 UPDATE referrals SET village_id = (SELECT village_id FROM households h
  WHERE h.id = referrals.household_id) WHERE id > $ORIG_REFS AND household_id IS NOT NULL;
 DROP TABLE heads" || exit 1
[ -n "$KEEP" ] && { sqlite3 "$TMP/b.db" ".backup '$KEEP'" || exit 1; }

cc -O2 -Isrc -o "$TMP/floor" tests/bench/floor.c src/core/export/zip-level.c \
	$(pkg-config --cflags --libs xlsxwriter zlib) -Wl,--export-dynamic-symbol=deflateInit2_ || exit 1
# The export deflates at tuiconfig.ini's [export] compression (default 1);
# libxlsxwriter and Python XlsxWriter on their own at zlib's default, 6.
LEVEL=$(awk -F '=' '/^\[/ { s = $0 } s == "[export]" && $1 ~ /^ *compression *$/ {
	gsub(/ /, "", $2); print $2 }' tuiconfig.ini)
LEVEL=${LEVEL:-1}

RUNS=${RUNS:-3}

# timed CMD…: prints "seconds peak_kib" of one run.
timed() {
	/usr/bin/time -f "%e %M" -o "$TMP/t" "$@" >/dev/null 2>"$TMP/err" ||
		{ cat "$TMP/err" >&2; echo "failed: $*" >&2; exit 1; }
	cat "$TMP/t"
}

jz_export() {	# name jiuzhu-args…
	name=$1
	shift
	timed "$JZ" -c tuiconfig.ini --db "$TMP/b.db" export "$@" -o "$TMP/$name.xlsx"
}

report() {	# name jiuzhu-args…
	name=$1
	shift
	case " ${ONLY:-$name} " in *" $name "*) ;; *) return 0 ;; esac
	# A first run, not counted, warms the page cache, tells how many rows
	# the report has (its export record) and gives the cells for floor and
	# python.
	jz_export "$name" "$@" >/dev/null || exit 1
	n=$(sqlite3 "$TMP/b.db" "SELECT rows FROM exports ORDER BY id DESC LIMIT 1")
	/usr/bin/python3 tests/bench/xlsxcells.py "$TMP/$name.xlsx" "$TMP/cells.tsv" || exit 1
	ncol=$(awk -F '\t' 'NF > m { m = NF } END { print m }' "$TMP/cells.tsv")
	: >"$TMP/rounds"
	i=1
	while [ "$i" -le "$RUNS" ]; do
		j=$(jz_export "$name" "$@") || exit 1
		f=$(cd "$TMP" && timed ./floor "$TMP/floor.xlsx" "$TMP/cells.tsv") || exit 1
		b=$(cd "$TMP" && timed ./floor "$TMP/bordered.xlsx" "$TMP/cells.tsv" bordered) || exit 1
		p=$(cd "$TMP" && timed /usr/bin/python3 "$OLDPWD/tests/bench/pyfloor.py" "$TMP/py.xlsx" "$TMP/cells.tsv") || exit 1
		q=$(cd "$TMP" && timed /usr/bin/python3 "$OLDPWD/tests/bench/pyfloor.py" "$TMP/pyb.xlsx" "$TMP/cells.tsv" bordered) || exit 1
		c=$(cd "$TMP" && FLOOR_LEVEL=$LEVEL timed ./floor "$TMP/level.xlsx" "$TMP/cells.tsv" bordered) || exit 1
		echo "$j $f $b $p $q $c" >>"$TMP/rounds"
		i=$((i + 1))
	done
	echo "$name ($n rows x $ncol cols, $RUNS rounds):"
	kib() { echo $(($(stat -c %s "$1") / 1024)); }
	awk -v level="$LEVEL" -v js="$(kib "$TMP/$name.xlsx")" -v fs="$(kib "$TMP/floor.xlsx")" \
		-v bs="$(kib "$TMP/bordered.xlsx")" -v cs="$(kib "$TMP/level.xlsx")" '
	function median(a, k,   i, j, t) {
		for (i = 1; i <= k; i++)
			for (j = i + 1; j <= k; j++)
				if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
		return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
	}
	{ k++; j[k] = $1; f[k] = $3; b[k] = $5; p[k] = $7
	  r[k] = $1 / $3; s[k] = $7 / $1; bf[k] = $5 / $3; jb[k] = $1 / $5; pf[k] = $7 / $3
	  qj[k] = $9 / $1; qb[k] = $9 / $5; jc[k] = $1 / $11; cb[k] = $11 / $5
	  if ($2 > jm) jm = $2; if ($4 > fm) fm = $4; if ($8 > pm) pm = $8 }
	END {
		printf "  jiuzhu export  median %.2f s  peak %.1f MiB  file %d KiB (zlib level %s)\n", median(j, k), jm / 1024, js, level
		printf "  floor (C)      median %.2f s  peak %.1f MiB  file %d KiB (libxlsxwriter'"'"'s own level, 6)\n", median(f, k), fm / 1024, fs
		printf "  python         median %.2f s  peak %.1f MiB\n", median(p, k), pm / 1024
		rr = median(r, k); ss = median(s, k)
		printf "  ratio vs floor %.2fx (median of rounds; target <= 1.2) %s\n", rr, (rr <= 1.2) ? "ok" : "MISSED"
		printf "  faster than python %.1fx (median of rounds; target >= 5) %s\n", ss, (ss >= 5) ? "ok" : "MISSED"
		printf "    where it goes: the floor with borders (blank cells too, %d KiB) %.2fx the floor;\n", bs, median(bf, k)
		printf "    the export %.2fx that; the floor %.1fx faster than python\n", median(jb, k), median(pf, k)
		printf "  like for like (borders in all three, the same workbook): the export %.2fx the bordered floor,\n", median(jb, k)
		printf "    %.1fx faster than python with borders (which the bordered floor beats %.1fx)\n", median(qj, k), median(qb, k)
		printf "  and at the same zlib level %s: the export %.2fx the bordered floor (%d KiB; %.2fx its time at level 6)\n", level, median(jc, k), cs, median(cb, k)
		printf "  peak %.1f MiB (target < 16) %s\n", jm / 1024, (jm < 16384) ? "ok" : "MISSED" }' "$TMP/rounds"
}

report helper-quarterly helper-quarterly --quarter 2026Q3
report cases cases
report rolls rolls --to 2026-10-15
report referral-ledger referral-ledger --from 2026-01-01 --to 2026-12-31
report review-plan review-plan --from 2027-01-01 --to 2027-12-31
report recert-due recert-due --from 2027-01-01 --to 2027-12-31
