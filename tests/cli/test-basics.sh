#!/bin/sh
# The command line end to end: help, usage errors, init, check, calendar,
# configuration errors, local and shared modes.
. tests/cli/lib.sh

run $JZ --help;               expect_status 0 "--help exits 0"
expect_out "用法：jiuzhu" "--help prints the usage in Chinese"
expect_out "import" "--help lists the import command"
run $JZ --version;            expect_status 0 "--version exits 0"
expect_out "jiuzhu " "--version prints the version"
run $JZ frobnicate;           expect_status 2 "an unknown command is a usage error"
expect_err "未知命令：frobnicate" "the unknown command is named"
run $JZ --bogus;              expect_status 2 "an unknown option is a usage error"

DB=$TMP/a.db
run $JZ -c $CFG --db $DB check; expect_status 1 "check without a store fails"
expect_err "jiuzhu init" "and says how to create one"
run $JZ -c $CFG --db $DB init; expect_status 0 "init creates a store"
[ -f $DB ] && ok "the store file exists" || not_ok "the store file exists"
# The latest version is the number of migrations (renumbered when merged).
LATEST=$(ls src/core/store/migrations/*.sql | wc -l | tr -d ' ')
expect_eq "$(sql $DB 'PRAGMA user_version')" "$LATEST" "the schema is at the latest version"
expect_eq "$(sql $DB 'PRAGMA journal_mode')" "wal" "local mode uses WAL"
expect_eq "$(sql $DB 'SELECT name FROM townships')" "$(sed -n 's/^township *= *//p' $CFG | tr -d '\r')" "the configured township is in the store"
nv=$(sed -n 's/^villages *= *//p' $CFG | tr ',，' '\n\n' | grep -c .)
expect_eq "$(sql $DB 'SELECT count(*) FROM villages')" "$nv" "every configured village is in the store"
run $JZ -c $CFG --db $DB init; expect_status 0 "init again is harmless"
expect_eq "$(sql $DB 'SELECT count(*) FROM villages')" "$nv" "and adds no village twice"
run $JZ -c $CFG --db $DB check; expect_status 0 "check passes on a new store"
expect_out "结构版本：$LATEST" "check prints the schema version"
expect_out "完整性：正常" "check prints the integrity result"
expect_out "households" "check prints counts"
run $JZ -c $CFG --db $DB check extra; expect_status 2 "check with arguments is a usage error"

# The audit log is append-only, even for someone with the sqlite3 CLI.
sqlite3 $DB "DELETE FROM audit_log" 2>/dev/null && not_ok "the audit log refuses DELETE" || ok "the audit log refuses DELETE"
expect_eq "$(sql $DB "SELECT count(*) FROM audit_log WHERE tbl = 'villages' AND action = 'insert'")" "$nv" "each village insert is audited"

# Demo data.
DEMO=$TMP/demo.db
run $JZ -c $CFG --db $DEMO init --demo --households 60; expect_status 0 "init --demo makes a demo store"
expect_eq "$(sql $DEMO 'SELECT count(*) FROM households')" "60" "with the number of households asked for"
expect_eq "$(sql $DEMO "SELECT count(DISTINCT state) FROM applications")" "11" "applications are in every state"
[ "$(sql $DEMO "SELECT count(*) FROM entrustments")" -gt 0 ] && ok "demo has entrustments" || not_ok "demo has entrustments"
[ "$(sql $DEMO "SELECT count(*) FROM staff WHERE role = 'agent'")" -gt 0 ] && ok "demo has helper agents" || not_ok "demo has helper agents"
run $JZ -c $CFG --db $DEMO init --demo; expect_status 1 "demo data is refused on a store with data"
expect_err "已有 60 户" "and the message says why"
run $JZ -c $CFG --db $DEMO init --demo --households abc; expect_status 2 "a bad --households is a usage error"
run $JZ -c $CFG --db $DEMO check; expect_status 0 "the demo store passes check"

# Calendar, across the 2025 Spring Festival and National Day.
run $JZ -c $CFG calendar --from 2025-01-27 --add 1; expect_out "2025-02-05" "1 working day after 2025-01-27 is 2025-02-05"
run $JZ -c $CFG calendar --from 2025-01-24 --add 1; expect_out "2025-01-26" "the make-up Sunday 2025-01-26 is a working day"
run $JZ -c $CFG calendar --from 2025-09-30 --add 1; expect_out "2025-10-09" "National Day 2025 is skipped"
run $JZ -c $CFG calendar --from 2025-10-10 --add 1; expect_out "2025-10-11" "the make-up Saturday 2025-10-11 is a working day"
run $JZ -c $CFG calendar --from 2026-11-20 --add 0; expect_out "2026-11-20" "the date itself is day 0"
run $JZ -c $CFG calendar --from 2025-01-27 --to 2025-02-05; expect_out "1" "working days between"
run $JZ -c $CFG calendar --from 2025-02-30 --add 1; expect_status 2 "a date that does not exist is a usage error"
expect_err "2025-02-30" "and the bad date is named"
run $JZ -c $CFG calendar --from 2025-01-01; expect_status 2 "calendar without --add is a usage error"

# Configuration errors: one clear message naming file and key, exit 1.
sed 's/^total *= *25/total = abc/' $CFG > $TMP/bad.ini
run $JZ -c $TMP/bad.ini --db $DB check; expect_status 1 "a malformed limit stops the program"
expect_err "bad.ini" "the message names the file"
expect_err "total" "the message names the key"
run $JZ -c $TMP/missing.ini check; expect_status 1 "a missing config file stops the program"
expect_err "missing.ini" "and is named"
sed -e 's/^mode *= *local/mode = shared/' -e "s|^forms *= *forms|forms = $PWD/forms|" \
	-e "s|^reports *= *reports|reports = $PWD/reports|" $CFG > $TMP/shared.ini
# Shared mode's first run sets the administrator's password (issue 10).
echo "admin-pass-1" > $TMP/pw
run $JZ -c $TMP/shared.ini --db $TMP/s.db --password-fd 3 init 3<$TMP/pw; expect_status 0 "init in shared mode"
expect_eq "$(sql $TMP/s.db 'PRAGMA journal_mode')" "delete" "shared mode uses a rollback journal"

# A file that is not a store.
echo "not a database at all, just text padded out to look like a file" > $TMP/junk.db
run $JZ -c $CFG --db $TMP/junk.db check; expect_status 1 "a file that is not a store is refused"
expect_err "损坏或不是数据库" "with a clear message"
