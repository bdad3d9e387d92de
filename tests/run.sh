#!/bin/sh
# Runs every test and ends with one line: "N passed, N failed".
#   unit/  cmocka, plain and under AddressSanitizer + UBSan
#   cli/   the real binary against temporary stores (TAP-like "ok"/"not ok";
#          shell scripts and Python)
#   tui/   the real binary in a real terminal (tmux), same output
#   xlsx/  every export read back cell by cell
# For another architecture (make test ARCH=arm64) the Makefile sets:
#   JZ_BUILD  where the unit tests are (default build)
#   JZ_RUN    what runs them (an emulator: qemu-aarch64-static)
#   JZ        the binary, or a script that runs it under the emulator
#   JZ_SUITES which of unit cli tui xlsx deb to run (default all but deb;
#             make deb-test runs deb, with JZ_DEB_OLD and JZ_DEB_NEW)
#   JZ_LEAKS  0 where LeakSanitizer cannot work (under qemu-user)
cd "$(dirname "$0")/.." || exit 1
build=${JZ_BUILD:-build}
suites=${JZ_SUITES:-unit cli tui xlsx}
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

count_cmocka() {	# $1 = binary
	$JZ_RUN "$1" >"$log" 2>&1
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

# has SUITE: whether this run includes it.
has() { case " $suites " in *" $1 "*) return 0 ;; esac; return 1; }

export ASAN_OPTIONS=detect_leaks=${JZ_LEAKS:-1}:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
has unit && for t in "$build"/tests/test_* "$build"/asan/tests/test_*; do
	[ -x "$t" ] && count_cmocka "$t"
done
has cli && for t in tests/cli/test-*.sh; do
	[ -f "$t" ] && count_tap "$t" sh
done
has cli && for t in tests/cli/test_*.py; do
	[ -f "$t" ] && count_tap "$t" /usr/bin/python3
done
has tui && for t in tests/tui/test_*.py; do
	[ -f "$t" ] && count_tap "$t" /usr/bin/python3
done
has xlsx && for t in tests/xlsx/test_*.py; do
	[ -f "$t" ] && count_tap "$t" /usr/bin/python3
done
has deb && for t in tests/deb/test-*.sh; do	# make deb-test only
	[ -f "$t" ] && count_tap "$t" sh
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
