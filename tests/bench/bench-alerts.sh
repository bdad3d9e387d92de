#!/bin/sh
# Benchmark of the deadline engine on a county-sized store (a script, not a
# test): every alert of a 100,000-household store
#   - from the command line: `jiuzhu alerts --format tsv` (and --village),
#     against `jiuzhu --version` and `jiuzhu calendar` (start-up and the
#     configuration alone) measured in the same run;
#   - on the screen: from the key 4 on the main menu to the first page of
#     4 时限预警 drawn, against the key 2 (审核审批, one keyset page of the
#     application list) in the same terminal.
# Median of RUNS runs (default 7). Target: under 200 ms for both.
#   sh tests/bench/bench-alerts.sh [STORE]
# Without STORE it builds /tmp/big9.db (init --demo --households 100000)
# once and reuses it; the day is fixed to 2026-12-21.
cd "$(dirname "$0")/../.." || exit 1
JZ=${JZ:-./jiuzhu}
RUNS=${RUNS:-7}
DB=${1:-/tmp/big9.db}
export JIUZHU_TODAY=2026-12-21 JIUZHU_USER=bench LANG=C.UTF-8

if [ ! -f "$DB" ]; then
	echo "building a 100,000-household demo store in $DB…"
	"$JZ" -c tuiconfig.ini --db "$DB" init --demo --households 100000 >/dev/null || exit 1
fi
"$JZ" -c tuiconfig.ini --db "$DB" alerts --format tsv >/dev/null || exit 1	# migrated, cached
echo "store: $DB, $(sqlite3 "$DB" 'SELECT count(*) FROM households') households," \
	"$(sqlite3 "$DB" 'SELECT count(*) FROM applications') applications," \
	"$(sqlite3 "$DB" 'SELECT count(*) FROM entrustments') entrustments;" \
	"$("$JZ" -c tuiconfig.ini --db "$DB" alerts --format tsv | wc -l) alerts"

# ms CMD…: wall-clock milliseconds of one run.
ms() {
	t0=$(date +%s%N)
	"$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
	echo $(( ($(date +%s%N) - t0) / 1000000 ))
}

# median: of the numbers on stdin.
median() {
	sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

: >/tmp/bench-alerts.$$
for i in $(seq "$RUNS"); do
	echo "version $(ms "$JZ" --version)"
	echo "calendar $(ms "$JZ" -c tuiconfig.ini --db "$DB" calendar --from 2026-12-21 --add 20)"
	echo "alerts $(ms "$JZ" -c tuiconfig.ini --db "$DB" alerts --format tsv)"
	echo "village $(ms "$JZ" -c tuiconfig.ini --db "$DB" alerts --format tsv --village 太平村)"
done >>/tmp/bench-alerts.$$
echo
echo "command line, median of $RUNS (ms):"
for k in version calendar alerts village; do
	printf '  %-34s %s\n' "$(case $k in version) echo 'jiuzhu --version (peer)';; calendar) echo 'jiuzhu calendar (peer)';;
		alerts) echo 'jiuzhu alerts --format tsv';; village) echo 'jiuzhu alerts --village 太平村';; esac)" \
		"$(awk -v k=$k '$1 == k { print $2 }' /tmp/bench-alerts.$$ | median)"
done
rm -f /tmp/bench-alerts.$$

echo
echo "screen at 80x24, key → first page drawn, median of $RUNS (ms):"
/usr/bin/python3 - "$JZ" "$DB" "$RUNS" <<'EOF'
import os, statistics, subprocess, sys, time, uuid
jz, db, runs = os.path.abspath(sys.argv[1]), sys.argv[2], int(sys.argv[3])
sock = "jz-bench-" + uuid.uuid4().hex[:8]
env = dict(os.environ, TERM="xterm-256color")


def tmux(*a):
    return subprocess.run(["tmux", "-L", sock] + list(a), capture_output=True, text=True, env=env).stdout


def wait(text, t0, limit=10.0):
    while True:
        s = tmux("capture-pane", "-p", "-t", "b")
        if text in s:
            return (time.monotonic() - t0) * 1000
        if time.monotonic() - t0 > limit:
            raise SystemExit(f"timed out waiting for {text!r}:\n{s}")
        time.sleep(0.002)


tmux("new-session", "-d", "-s", "b", "-x", "80", "-y", "24",
     "-e", "JIUZHU_TODAY=" + env["JIUZHU_TODAY"], "-e", "JIUZHU_USER=bench", "-e", "LANG=C.UTF-8",
     f"cd {os.getcwd()} && {jz} -c tuiconfig.ini --db {db}; sleep 30")
tmux("set-option", "-t", "b", "status", "off")
try:
    wait("主菜单", time.monotonic())
    times = {"4 时限预警": [], "2 审核审批 (peer)": [], "menu back (Esc, recount)": []}
    for _ in range(runs):
        for key, label, want in (("4", "4 时限预警", "—— 已逾期"), ("2", "2 审核审批 (peer)", "接收日期")):
            t0 = time.monotonic()
            tmux("send-keys", "-t", "b", key)
            times[label].append(wait(want, t0))
            t0 = time.monotonic()
            tmux("send-keys", "-t", "b", "Escape")
            times["menu back (Esc, recount)"].append(wait("1  受理登记", t0))
    floor = []
    for _ in range(runs):
        t0 = time.monotonic()
        tmux("capture-pane", "-p", "-t", "b")
        floor.append((time.monotonic() - t0) * 1000)
    for label, v in times.items():
        print(f"  {label:34s} {statistics.median(v):.0f}")
    print(f"  {'tmux capture-pane (floor)':34s} {statistics.median(floor):.0f}")
finally:
    tmux("kill-server")
EOF
echo
echo "target: under 200 ms for the command line and for the screen's first page"
