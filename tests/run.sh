#!/bin/sh
# Runs every test and ends with one line: "N passed, N failed".
#   unit/  cmocka, plain and under AddressSanitizer + UBSan
#   cli/   the real binary against temporary stores (TAP-like "ok"/"not ok";
#          shell scripts and Python)
#   tui/   the real binary in a real terminal (tmux), same output
cd "$(dirname "$0")/.." || exit 1
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

count_cmocka() {	# $1 = binary
	"$1" >"$log" 2>&1
	status=$?
	ok=$(grep -c '^\[       OK \]' "$log")
	bad=$(grep '^\[  FAILED  \]' "$log" | grep -vc 'test(s)')
	if [ "$status" -ne 0 ] && [ "$bad" -eq 0 ]; then
		bad=1	# crashed or sanitizer abort outside a test case
	fi
	passed=$((passed + ok))
	failed=$((failed + bad))
	if [ "$bad" -ne 0 ]; then
		echo "FAIL $1"
		cat "$log"
	else
		echo "ok   $1 ($ok)"
	fi
}

count_tap() {	# $1 = script, $2 = interpreter
	$2 "$1" >"$log" 2>&1
	status=$?
	ok=$(grep -c '^ok ' "$log")
	bad=$(grep -c '^not ok ' "$log")
	if [ "$status" -ne 0 ] && [ "$bad" -eq 0 ]; then
		bad=1
	fi
	passed=$((passed + ok))
	failed=$((failed + bad))
	if [ "$bad" -ne 0 ]; then
		echo "FAIL $1"
		cat "$log"
	else
		echo "ok   $1 ($ok)"
	fi
}

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for t in build/tests/test_* build/asan/tests/test_*; do
	[ -x "$t" ] && count_cmocka "$t"
done
for t in tests/cli/test-*.sh; do
	[ -f "$t" ] && count_tap "$t" sh
done
for t in tests/cli/test_*.py; do
	[ -f "$t" ] && count_tap "$t" /usr/bin/python3
done
for t in tests/tui/test_*.py; do
	[ -f "$t" ] && count_tap "$t" /usr/bin/python3
done
for t in tests/xlsx/test_*.py; do
	[ -f "$t" ] && count_tap "$t" /usr/bin/python3
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
