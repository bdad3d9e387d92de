#!/bin/sh
# import households end to end: every encoding, bad rows, all-or-nothing,
# --skip-bad; the store is unchanged after a failed import.
. tests/cli/lib.sh
D=tests/data

for f in utf8 bom crlf gb18030; do
	DB=$TMP/$f.db
	$JZ -c $CFG --db $DB init >/dev/null 2>&1
	run $JZ -c $CFG --db $DB import households $D/households-$f.csv
	expect_status 0 "import of the $f roster succeeds"
	expect_out "已导入 3 户、6 人" "the $f roster gives 3 households and 6 persons"
	expect_eq "$(sql $DB "SELECT count(*) FROM persons WHERE name = '李秀英' AND sex = 'F' AND birth_date = '1952-07-20'")" "1" \
		"$f: sex and birth date come from the ID number"
done
expect_err "民族" "an unknown column is named in a warning"
expect_eq "$(sql $TMP/utf8.db "SELECT id_number FROM persons WHERE name = '张三'")" "50023119500315001X" "a lower-case x is stored as X"

DB=$TMP/bad.db
$JZ -c $CFG --db $DB init >/dev/null 2>&1
before=$(sql $DB "SELECT (SELECT count(*) FROM persons) || '/' || (SELECT count(*) FROM audit_log)")
run $JZ -c $CFG --db $DB import households $D/households-bad.csv
expect_status 1 "a file with bad rows fails"
expect_err "未导入任何数据" "and says nothing was imported"
expect_err "第 2 行" "the member before any head is reported with its line"
expect_err "东风村" "the unknown village is named"
expect_eq "$(sql $DB "SELECT (SELECT count(*) FROM persons) || '/' || (SELECT count(*) FROM audit_log)")" "$before" \
	"the store is as it was"
run $JZ -c $CFG --db $DB import households $D/households-bad.csv --skip-bad
expect_status 0 "--skip-bad imports the good households"
# Good: 周四 with 周小 (line 7 is the first use of its ID), 陈九, 卫一.
expect_eq "$(sql $DB "SELECT group_concat(name, ',') FROM (SELECT name FROM persons ORDER BY id)")" "周四,周小,陈九,卫一" \
	"exactly the three good households, whole"

# Already in the store: a second import of the same file is refused whole.
run $JZ -c $CFG --db $TMP/utf8.db import households $D/households-utf8.csv
expect_status 1 "importing the same people again fails"
expect_err "已登记在" "and names who holds each ID number"
run $JZ -c $CFG --db $TMP/utf8.db import households $TMP/nope.csv
expect_status 1 "a missing file fails"
run $JZ -c $CFG --db $TMP/utf8.db import people $D/households-utf8.csv
expect_status 2 "importing something other than households is a usage error"
