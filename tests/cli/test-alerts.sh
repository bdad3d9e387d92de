#!/bin/sh
# jiuzhu alerts (the 时限预警 list for scripts and cron) and the publicity
# and announcement lists exported from the command line.
. tests/cli/lib.sh

DB=$TMP/a.db
export JIUZHU_TODAY=2026-12-21
run $JZ -c $CFG --db $DB init; expect_status 0 "init an empty store"

# An empty store still owes the quarterly ledger: Q3's, due 09-25.
run $JZ -c $CFG --db $DB alerts --today 2026-11-02 --format tsv; expect_status 0 "alerts on an empty store exits 0"
expect_eq "$(cut -f1,5,6 $TMP/out)" "$(printf '2026-09-25\t报表\t2026Q3')" "and lists only the quarterly ledger not exported"
# Once exported nothing is due: exit 0, no output.
run $JZ -c $CFG --db $DB export helper-quarterly --quarter 2026Q3 -o $TMP/q3.xlsx; expect_status 0 "export the Q3 ledger"
run $JZ -c $CFG --db $DB alerts --today 2026-11-02; expect_status 0 "alerts with nothing due exits 0"
expect_eq "$(cat $TMP/out)" "" "and prints nothing"

run $JZ -c $CFG --db $DB alerts --format csv; expect_status 2 "an unknown --format is a usage error"
expect_err "text 或 tsv" "and the formats are named"
run $JZ -c $CFG --db $DB alerts --today 2026-13-01; expect_status 2 "a bad --today is a usage error"
expect_err "--today" "and the option is named"
run $JZ -c $CFG --db $DB alerts --village 某村; expect_status 2 "an unknown village is a usage error"
expect_err "某村" "and the village is named"
run $JZ -c $CFG --db $DB alerts --bogus; expect_status 2 "an unknown option is a usage error"

# A demo store on 2026-12-21, the day of the clerk's report.
DEMO=$TMP/demo.db
run $JZ -c $CFG --db $DEMO init --demo --households 120; expect_status 0 "init --demo"
run $JZ -c $CFG --db $DEMO alerts --format tsv; expect_status 0 "alerts --format tsv exits 0"
cp $TMP/out $TMP/all.tsv
# Parse the tsv: 7 columns; due date, days left, rule, village, object, number, name.
bad=$(awk -F'\t' 'NF != 7 || $1 !~ /^[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]$/ || $2 !~ /^-?[0-9]+$/ { print NR": "$0 }' $TMP/all.tsv)
[ -s $TMP/all.tsv ] && [ -z "$bad" ] && ok "every tsv line has 7 columns, a date and a whole number" \
	|| not_ok "every tsv line has 7 columns, a date and a whole number" "$bad"
sorted=$(cut -f1 $TMP/all.tsv | sort -c 2>&1 && echo sorted)
expect_eq "$sorted" "sorted" "the list is in due-date order"
# Overdue lines have negative days left and a date before today.
late=$(awk -F'\t' '$1 < "2026-12-21" && $2 >= 0' $TMP/all.tsv)
expect_eq "$late" "" "every date before today is overdue (negative days)"
# Every kind the clerk missed is there: applications, entrustments, the ledger.
for obj in 申请 委托 报表; do
	awk -F'\t' -v o=$obj '$5 == o' $TMP/all.tsv | grep -q . && ok "the list has $obj items" || not_ok "the list has $obj items"
done
grep -q "$(printf '2026-12-25\t4\t附件2 季度台账：12月25日前报送县民政局\t澄溪镇\t报表\t2026Q4')" $TMP/all.tsv \
	&& ok "the quarterly ledger due 12-25 is listed, 4 calendar days ahead" \
	|| not_ok "the quarterly ledger due 12-25 is listed, 4 calendar days ahead" "$(grep 报表 $TMP/all.tsv)"

# The tsv agrees with the store: an open entrustment past due_on is listed with its number.
EID=$(sql $DEMO "SELECT id FROM entrustments WHERE state IN ('registered','handling') AND due_on < '2026-12-21' ORDER BY id LIMIT 1")
if [ -n "$EID" ]; then
	DUE=$(sql $DEMO "SELECT due_on FROM entrustments WHERE id = $EID")
	awk -F'\t' -v id=$EID -v d=$DUE '$5 == "委托" && $6 == id && $1 == d && $2 < 0' $TMP/all.tsv | grep -q . \
		&& ok "overdue entrustment $EID is listed with its due date" \
		|| not_ok "overdue entrustment $EID is listed with its due date" "$(grep 委托 $TMP/all.tsv | head -5)"
else
	not_ok "the demo store has an overdue entrustment"
fi
# A case whose publicity ended is 待确认 and not overdue before its limit.
awk -F'\t' '$3 ~ /^待确认/ && $2 < 0 && $1 >= "2026-12-21"' $TMP/all.tsv | grep -q . \
	&& not_ok "待确认 is overdue only past its confirmation limit" || ok "待确认 is overdue only past its confirmation limit"

# --village keeps that village's lines (and no township report).
run $JZ -c $CFG --db $DEMO alerts --format tsv --village 太平村; expect_status 0 "alerts --village exits 0"
other=$(awk -F'\t' '$4 != "太平村"' $TMP/out)
expect_eq "$other" "" "--village lists only that village"
expect_eq "$(wc -l < $TMP/out | tr -d ' ')" "$(awk -F'\t' '$4 == "太平村"' $TMP/all.tsv | wc -l | tr -d ' ')" "and all of that village's lines"

# Text: headed groups, the same number of items.
run $JZ -c $CFG --db $DEMO alerts; expect_status 0 "alerts (text) exits 0"
expect_out "【已逾期】" "the text list starts with what is overdue"
items=$(grep -c '^20[0-9][0-9]-' $TMP/out)
expect_eq "$items" "$(wc -l < $TMP/all.tsv | tr -d ' ')" "text and tsv list the same items"

# --today looks ahead: once the ledger is exported, it is no longer late.
run $JZ -c $CFG --db $DEMO export helper-quarterly --quarter 2026Q4 -o $TMP/q.xlsx; expect_status 0 "the quarterly ledger exports"
expect_eq "$(sql $DEMO "SELECT count(*) FROM exports WHERE report = 'helper-quarterly' AND period = '2026Q4' AND exported_by = '测试员'")" "1" "the export is recorded in the store"
run $JZ -c $CFG --db $DEMO alerts --today 2026-12-28 --format tsv
grep -q '2026Q4' $TMP/out && not_ok "an exported ledger is not alerted after its date" || ok "an exported ledger is not alerted after its date"
run $JZ -c $CFG --db $DB alerts --today 2026-12-28 --format tsv
grep -q "$(printf '\t报表\t2026Q4')" $TMP/out && ok "a ledger not exported is overdue on 12-28" || not_ok "a ledger not exported is overdue on 12-28" "$(cat $TMP/out)"

# Publicity and announcement lists from the command line.
V=$(sql $DEMO "SELECT v.name FROM publicity_batches b JOIN villages v ON v.id = b.village_id ORDER BY b.id DESC LIMIT 1")
B=$(sql $DEMO "SELECT max(b.id) FROM publicity_batches b JOIN villages v ON v.id = b.village_id WHERE v.name = '$V'")
run $JZ -c $CFG --db $DEMO export publicity --village "$V" -o $TMP/pub.xlsx; expect_status 0 "export publicity writes the village's latest list"
expect_out "批次 $B" "the latest batch of $V ($B)"
[ -s $TMP/pub.xlsx ] && ok "the publicity file exists" || not_ok "the publicity file exists"
run $JZ -c $CFG --db $DEMO export publicity --village "$V" --batch $B -o $TMP/pub2.xlsx; expect_status 0 "export publicity --batch N"
OTHER=$(sql $DEMO "SELECT min(b.id) FROM publicity_batches b JOIN villages v ON v.id = b.village_id WHERE v.name <> '$V'")
run $JZ -c $CFG --db $DEMO export publicity --village "$V" --batch $OTHER -o $TMP/x.xlsx; expect_status 2 "a batch of another village is refused"
expect_err "不是$V的" "and said so"
[ -e $TMP/x.xlsx ] && not_ok "no file is written for a refused batch" || ok "no file is written for a refused batch"
run $JZ -c $CFG --db $DEMO export publicity --village 某村 -o $TMP/x.xlsx; expect_status 2 "an unknown village is refused"
run $JZ -c $CFG --db $DEMO export publicity -o $TMP/x.xlsx; expect_status 2 "--village is required"
run $JZ -c $CFG --db $DEMO export announcement --village "$V" --batch 1 -o $TMP/x.xlsx; expect_status 2 "announcement takes no --batch"
AV=$(sql $DEMO "SELECT v.name FROM applications a JOIN households h ON h.id = a.household_id JOIN villages v ON v.id = h.village_id WHERE a.state IN ('approved','announced') LIMIT 1")
before=$(sql $DEMO "SELECT count(*) FROM applications WHERE state = 'announced'")
run $JZ -c $CFG --db $DEMO export announcement --village "$AV" -o $TMP/ann.xlsx; expect_status 0 "export announcement writes the list"
[ -s $TMP/ann.xlsx ] && ok "the announcement file exists" || not_ok "the announcement file exists"
expect_eq "$(sql $DEMO "SELECT count(*) FROM applications WHERE state = 'announced'")" "$before" "exporting changes no case"

# Read back: the publicity file lists exactly the batch's applicants, with no ID numbers.
want=$(sql $DEMO "SELECT p.name FROM publicity_entries pe JOIN applications a ON a.id = pe.application_id
	JOIN persons p ON p.id = a.applicant_id WHERE pe.batch_id = $B ORDER BY p.name" | tr '\n' ' ')
got=$(/usr/bin/python3 - "$TMP/pub.xlsx" <<'PY'
import re, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
names, ids = [], False
for ws in wb.worksheets:
    for row in ws.iter_rows(values_only=True):
        if isinstance(row[0], int) and row[1]:
            names.append(row[1])
        ids = ids or any(isinstance(c, str) and re.search(r"\d{17}[\dX]", c) for c in row)
print(" ".join(sorted(names)) + " " + ("IDS" if ids else ""))
PY
)
expect_eq "$got" "$want" "the publicity file read back lists the batch's applicants and no ID number"
