#!/bin/sh
# The progress line of long imports and exports: on standard error when it
# is a terminal (rows, rate, time left), and nothing of it when it is a
# pipe or a file, where scripts read the output.
. tests/cli/lib.sh
PERSONS=12000
awk -v n=$PERSONS -f tests/bench/roster.awk >"$TMP/roster.csv"

# ptyrun CMD…: like run, with standard error on a pseudo-terminal.
ptyrun() {
	/usr/bin/python3 tests/cli/ptyrun.py "$TMP/out" "$TMP/err" "$@"
	status=$?
}

DB=$TMP/pty.db
$JZ -c $CFG --db $DB init >/dev/null 2>&1
ptyrun $JZ -c $CFG --db $DB import households "$TMP/roster.csv"
expect_status 0 "the import on a terminal succeeds"
expect_out "已导入 4000 户、12000 人" "and says so on standard output"
expect_err "已核对 4096 / " "the terminal shows the rows checked against an estimate of all of them"
expect_err "已核对 12000 / 12000 行（100%）" "and ends with every row"
# Redrawn in place (a carriage return before each state), the last state
# left standing on one line of its own.
expect_eq "$(tr -d '\r' <"$TMP/err" | wc -l)" "1" "the line is redrawn in place: one line on the terminal"
if grep -q '已导入' "$TMP/err"; then not_ok "the result is not on the terminal's error stream"; else
	ok "the result is not on the terminal's error stream"; fi

DB=$TMP/pipe.db
$JZ -c $CFG --db $DB init >/dev/null 2>&1
run $JZ -c $CFG --db $DB import households "$TMP/roster.csv"
expect_status 0 "the import to a file succeeds"
expect_eq "$(wc -c <"$TMP/err")" "0" "and writes nothing to standard error"

ptyrun $JZ -c $CFG --db $TMP/pty.db export helper-roster -o "$TMP/roster.xlsx"
expect_status 0 "an export on a terminal succeeds"
expect_out "已导出 helper-roster" "and says so on standard output"
if grep -q '已写 [0-9]* / [0-9]* 行（100%）' "$TMP/err"; then ok "the terminal shows the rows written of all of them"; else
	not_ok "the terminal shows the rows written of all of them" "stderr: $(head -c 300 "$TMP/err")"; fi
run $JZ -c $CFG --db $TMP/pty.db export helper-roster -o "$TMP/roster2.xlsx"
expect_status 0 "the export to a file succeeds"
expect_eq "$(wc -c <"$TMP/err")" "0" "and writes nothing to standard error"
