# Helpers for end-to-end tests of the command line. Each check prints
# "ok N - what" or "not ok N - what", as tests/run.sh counts them.
JZ=${JZ:-./jiuzhu}
CFG=${CFG:-tuiconfig.ini}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
n=0
export JIUZHU_USER=测试员

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "#   $l"; done; }

# run CMD…: runs the binary, keeping stdout, stderr and status.
run() {
	"$@" >"$TMP/out" 2>"$TMP/err"
	status=$?
}

# expect_status N what
expect_status() {
	if [ "$status" -eq "$1" ]; then ok "$2"; else
		not_ok "$2" "status $status, expected $1" "stdout: $(head -c 600 "$TMP/out")" "stderr: $(head -c 600 "$TMP/err")"; fi
}

# expect_out TEXT what — stdout contains TEXT
expect_out() {
	if grep -qF -- "$1" "$TMP/out"; then ok "$2"; else
		not_ok "$2" "stdout lacks: $1" "stdout: $(head -c 600 "$TMP/out")" "stderr: $(head -c 600 "$TMP/err")"; fi
}

# expect_err TEXT what — stderr contains TEXT
expect_err() {
	if grep -qF -- "$1" "$TMP/err"; then ok "$2"; else
		not_ok "$2" "stderr lacks: $1" "stderr: $(head -c 600 "$TMP/err")"; fi
}

# expect_eq GOT WANT what
expect_eq() {
	if [ "$1" = "$2" ]; then ok "$3"; else not_ok "$3" "got: $1" "want: $2"; fi
}

# sql DB QUERY — one value from the store through the sqlite3 CLI
sql() { sqlite3 "$1" "$2"; }
