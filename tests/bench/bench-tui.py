#!/usr/bin/python3
"""Screen speed on a county-sized store (a script, not a test).

    /usr/bin/python3 tests/bench/bench-tui.py [STORE]

Builds a 100,000-household demo store (or uses STORE), then drives ./jiuzhu
in tmux at 80x24 and prints:
  - start-up: launch → "主菜单" on the screen (median of 5);
  - keystroke → screen change for scrolling the application list (Down, PgDn,
    End/Home) and for incremental search (a name fragment, pinyin initials,
    ID digits), median and p90;
  - the same for every other big list: 0 在册管理 (scrolling, the village
    picker, search by a name fragment and by pinyin initials), z 求助转办
    (the requests and, after Tab, the referrals: scrolling, the state and
    department filters — these lists have no search), 4 时限预警 (scrolling,
    the rule filter) and 5 帮办代办's 委托事项 (scrolling, the state filter);
    a filter is timed from the Enter that picks it to the list redrawn;
  - VmRSS / VmHWM of the jiuzhu process after all of it.
A case's investigation records (Enter on a case, then its records) hold a
few rows each (at most 64) and page over nothing: they are not timed.
Each time is measured from `tmux send-keys` until capture-pane shows the
change. That includes tmux's own work and our polling, so the same is
measured for a trivial change (a character echoed by `cat` in the same tmux)
and printed as the floor; times are printed raw and minus the floor.
Targets: start-up < 100 ms, each keystroke < 20 ms, RSS < 20 MB.
"""
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
import uuid

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
JZ = os.path.join(ROOT, "jiuzhu")
CFG = os.path.join(ROOT, "tuiconfig.ini")
TODAY = "2026-11-20"
ENV = dict(os.environ, JIUZHU_TODAY=TODAY, JIUZHU_USER="基准测试", LANG="C.UTF-8", TERM="xterm-256color")


class Tmux:
    def __init__(self):
        self.sock = "jz-bench-" + uuid.uuid4().hex[:8]
        self.name = "bench"
        subprocess.run(["tmux", "-L", self.sock, "-f", "/dev/null", "new-session", "-d", "-s", self.name,
                        "-x", "80", "-y", "24", "sh"], check=True, env=ENV)
        self.run("set-option", "-t", self.name, "status", "off")
        self.run("resize-window", "-t", self.name, "-x", "80", "-y", "24")

    def run(self, *args):
        return subprocess.run(["tmux", "-L", self.sock] + list(args), capture_output=True, text=True,
                              env=ENV).stdout

    def screen(self, attrs=False):
        return self.run("capture-pane", "-p", *(["-e"] if attrs else []), "-t", self.name)

    def keys(self, *k):
        self.run("send-keys", "-t", self.name, *k)

    def type(self, text):
        self.run("send-keys", "-t", self.name, "-l", text)

    def wait(self, pred, timeout=30.0, attrs=False):
        deadline = time.monotonic() + timeout
        while True:
            s = self.screen(attrs)
            if pred(s):
                return s
            if time.monotonic() > deadline:
                raise RuntimeError("timed out; screen was:\n" + s)

    def timed(self, send, pred, attrs=False):
        """ms from sending to the screen satisfying pred (polled as fast as tmux answers)."""
        t0 = time.perf_counter()
        send()
        s = self.wait(pred, attrs=attrs)
        return (time.perf_counter() - t0) * 1000, s

    def pane_pid(self):
        return int(self.run("display-message", "-p", "-t", self.name, "#{pane_pid}").strip())

    def close(self):
        self.run("kill-server")


def stats(xs):
    xs = sorted(xs)
    p90 = xs[min(len(xs) - 1, int(round(0.9 * (len(xs) - 1))))]
    return statistics.median(xs), p90


def width(text):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def line(what, xs, floor, target):
    med, p90 = stats(xs)
    ok = "ok  " if med - floor < target else "SLOW"
    print(f"  {ok} {what + ' ' * max(0, 34 - width(what))} n={len(xs):<3} median {med:7.1f} ms  p90 {p90:7.1f} ms   "
          f"minus floor: median {med - floor:7.1f}  p90 {p90 - floor:7.1f}   (target < {target} ms)")


def child_pid(shell_pid):
    out = subprocess.run(["pgrep", "-P", str(shell_pid)], capture_output=True, text=True).stdout.split()
    return int(out[0]) if out else None


def memory(pid):
    vals = {}
    with open(f"/proc/{pid}/status") as f:
        for l in f:
            k, _, v = l.partition(":")
            if k in ("VmRSS", "VmHWM"):
                vals[k] = int(v.split()[0])
    return vals


def changed_after(tm, send, attrs=True):
    """ms from send() to any change of the screen (colours included)."""
    before = tm.screen(attrs)
    return tm.timed(send, lambda s: s != before, attrs=attrs)[0]


def scroll(tm, fmed, what, down=60, pgdn=20, ends=5):
    """Down, PgDn, then End/Home in turn, each timed to the screen's change."""
    d = [changed_after(tm, lambda: tm.keys("Down")) for _ in range(down)]
    p = [changed_after(tm, lambda: tm.keys("PageDown")) for _ in range(pgdn)]
    e = []
    for _ in range(ends):
        e.append(changed_after(tm, lambda: tm.keys("End")))
        e.append(changed_after(tm, lambda: tm.keys("Home")))
    line(f"{what}: Down ({down})", d, fmed, 20)
    line(f"{what}: PgDn ({pgdn})", p, fmed, 20)
    line(f"{what}: End / Home ({ends} each)", e, fmed, 20)
    return d + p + e


def pick(tm, key, title, moves, times):
    """Opens a filter's picker with key, presses each of moves (it starts on
    the current choice and wraps round) and times the Enter that picks one
    until the list is redrawn without the picker."""
    tm.type(key)
    tm.wait(lambda s: title in s)
    for k in moves:
        before = tm.screen(True)
        tm.keys(k)
        tm.wait(lambda s, b=before: s != b, attrs=True)
    times.append(tm.timed(lambda: tm.keys("Enter"), lambda s: title not in s)[0])


def filters(tm, fmed, what, key, title, choices):
    """The next `choices` items of a filter in turn, then back to 全部."""
    times = []
    for _ in range(choices):
        pick(tm, key, title, ["Down"], times)
    pick(tm, key, title, ["Up"] * choices, [])
    line(f"{what} ({len(times)} choices)", times, fmed, 20)
    return times


def search_list(tm, fmed, what, text, shows, n=5):
    """Incremental search typed n times: each keystroke until the search
    line shows it and the rows are redrawn; then Esc."""
    times = []
    for _ in range(n):
        tm.type("/")
        tm.wait(lambda s: "搜索：" in s)
        for i in range(len(text)):
            part = text[:i + 1]
            before = tm.screen()
            times.append(tm.timed(lambda c=text[i]: tm.type(c),
                                  lambda s, p=part, b=before: f"搜索：{p}" in s and s != b)[0])
        found = shows in tm.screen()
        tm.keys("Escape")
        tm.wait(lambda s: f"搜索：{text}" not in s)
    line(f"{what} x{n}", times, fmed, 20)
    if not found:
        print(f"  note: {shows} was not on the screen after typing {text!r}")
    return times


def open_from_menu(tm, key, ready):
    tm.type(key)
    tm.wait(ready)


def back_to_menu(tm):
    for _ in range(4):
        if "主菜单" in tm.screen():
            return
        tm.keys("Escape")
        time.sleep(0.05)
    tm.wait(lambda s: "主菜单" in s)


def other_lists(tm, fmed, roll_name):
    print("\n0 在册管理 (the rolls: 在册, not ended, by applicant):")
    open_from_menu(tm, "0", lambda s: "村：全部" in s and "复核/认证" in s)
    allx = scroll(tm, fmed, "rolls")
    allx += filters(tm, fmed, "rolls: village picker (v, Enter)", "v", "按村（社区）筛选", 3)
    allx += search_list(tm, fmed, f"rolls: search {roll_name[1:3]} (of {roll_name})", roll_name[1:3],
                        roll_name)
    allx += search_list(tm, fmed, "rolls: search pinyin initials zs", "zs", "搜索：zs")
    line("rolls: every keystroke", allx, fmed, 20)
    back_to_menu(tm)

    print("\nz 求助转办 (requests, newest first; Tab: the referrals):")
    open_from_menu(tm, "z", lambda s: "求助日期" in s and "筛选 村：" in s)
    allx = scroll(tm, fmed, "requests")
    allx += filters(tm, fmed, "requests: by state (t, Enter)", "t", "按状态筛选", 3)
    allx += filters(tm, fmed, "requests: by village (v, Enter)", "v", "按村（社区）筛选", 3)
    tm.wait(lambda s: "求助日期" in s)
    allx.append(tm.timed(lambda: tm.type("\t"), lambda s: "筛选 部门：" in s)[0])
    allx += scroll(tm, fmed, "referrals")
    allx += filters(tm, fmed, "referrals: by department (b, Enter)", "b", "按部门筛选", 4)
    allx += filters(tm, fmed, "referrals: by state (t, Enter)", "t", "按状态筛选", 3)
    line("求助转办: every keystroke (Tab included)", allx, fmed, 20)
    back_to_menu(tm)

    print("\n4 时限预警 (every deadline due or overdue, grouped):")
    t0 = time.perf_counter()
    open_from_menu(tm, "4", lambda s: "对象：全部" in s and "—— " in s)
    print(f"  (opened in {(time.perf_counter() - t0) * 1000:.0f} ms: every alert is computed when it opens "
          "and again for each filter; bench-alerts.sh times that against its 200 ms target)")
    allx = scroll(tm, fmed, "alerts")
    allx += filters(tm, fmed, "alerts: by rule (r, Enter)", "r", "按规则筛选", 3)
    line("alerts: every keystroke", allx, fmed, 20)
    back_to_menu(tm)

    print("\n5 帮办代办 → Tab 委托事项 (the helper agents' ledger of entrustments):")
    open_from_menu(tm, "5", lambda s: "Tab 委托事项" in s)
    tab = tm.timed(lambda: tm.type("\t"), lambda s: "委托人" in s)[0]
    allx = [tab] + scroll(tm, fmed, "entrustments")
    allx += filters(tm, fmed, "entrustments: by state (t, Enter)", "t", "按状态筛选", 3)
    line("帮办代办: every keystroke (Tab included)", allx, fmed, 20)
    back_to_menu(tm)


def main():
    tmp = None
    if len(sys.argv) > 1:
        db = os.path.abspath(sys.argv[1])
    else:
        db = None
    if db is None or not os.path.exists(db):
        if db is None:
            tmp = tempfile.mkdtemp()
            db = os.path.join(tmp, "county.db")
        t0 = time.perf_counter()
        subprocess.run([JZ, "-c", CFG, "--db", db, "init", "--demo", "--households", "100000"],
                       check=True, capture_output=True, env=ENV)
        print(f"built {db}: 100,000 households in {time.perf_counter() - t0:.1f} s")
    con = sqlite3.connect(db)
    n_hh, n_p, n_a = (con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                      for t in ("households", "persons", "applications"))
    open_sql = "a.state NOT IN ('withdrawn','refused','announced','approved')"
    name, idn = con.execute("SELECT p.name, p.id_number FROM applications a JOIN persons p ON p.id = a.applicant_id "
                            f"WHERE {open_sql} AND length(p.name) = 3 ORDER BY a.id LIMIT 1 OFFSET 500").fetchone()
    # A household on the rolls (not ended), by its applicant's name, as the roll list shows it.
    roll_name = con.execute("SELECT p.name FROM rolls r JOIN applications a ON a.id = r.application_id "
                            "JOIN persons p ON p.id = a.applicant_id WHERE r.state <> 'ended' "
                            "AND length(p.name) = 3 ORDER BY r.id LIMIT 1 OFFSET 100").fetchone()[0]
    con.close()
    print(f"store: {n_hh} households, {n_p} persons, {n_a} applications; "
          f"size {os.path.getsize(db) / 1e6:.0f} MB")
    cmd = f"cd {ROOT} && {JZ} -c {CFG} --db {db}"

    tm = Tmux()
    try:
        tm.wait(lambda s: "$" in s or "#" in s, timeout=5)
        # The floor: a character echoed by cat, same tmux, same polling.
        tm.type("cat\n")
        time.sleep(0.3)
        floor = []
        for i in range(40):
            ch = "abcdefghijklmnopqrstuvwxyz"[i % 26]
            marker = f"{ch}{i}"
            ms, _ = tm.timed(lambda: tm.type(marker), lambda s, m=marker: m in s)
            floor.append(ms)
            tm.keys("Enter")
        tm.keys("C-c")
        tm.keys("clear", "Enter")
        fmed, fp90 = stats(floor)
        poll = []
        for _ in range(40):
            t0 = time.perf_counter()
            tm.screen()
            poll.append((time.perf_counter() - t0) * 1000)
        print(f"\nfloor (tmux send-keys → capture-pane shows a char echoed by cat): median {fmed:.1f} ms, "
              f"p90 {fp90:.1f} ms; one capture-pane call alone: median {statistics.median(poll):.1f} ms")
        print("  (every time below includes this floor; 'minus floor' subtracts the floor's median)")

        # Start-up, median of 5.
        starts = []
        for _ in range(5):
            ms, _ = tm.timed(lambda: (tm.type(cmd), tm.keys("Enter")), lambda s: "主菜单" in s and "受理登记" in s)
            starts.append(ms)
            tm.type("q")
            tm.wait(lambda s: "主菜单" not in s)
        print("\nstart-up (launch → 主菜单 on the screen):")
        line("start-up", starts, fmed, 100)

        tm.type(cmd)
        tm.keys("Enter")
        tm.wait(lambda s: "主菜单" in s)
        pid = child_pid(tm.pane_pid())
        tm.type("2")
        tm.wait(lambda s: "搜索：" in s and "申请人" in s and "翻动" in s)

        def changed_after(send, attrs=True):
            before = tm.screen(attrs)
            return tm.timed(send, lambda s: s != before, attrs=attrs)

        print("\nscrolling the application list (未办结, sorted by due date):")
        down, pgdn, ends = [], [], []
        for _ in range(60):
            down.append(changed_after(lambda: tm.keys("Down"))[0])
        for _ in range(20):
            pgdn.append(changed_after(lambda: tm.keys("PageDown"))[0])
        for _ in range(5):
            ends.append(changed_after(lambda: tm.keys("End"))[0])
            ends.append(changed_after(lambda: tm.keys("Home"))[0])
        line("Down (60: highlight, then scroll)", down, fmed, 20)
        line("PgDn (20)", pgdn, fmed, 20)
        line("End / Home (5 each)", ends, fmed, 20)

        print(f"\nincremental search (each keystroke until the search line and rows are redrawn):")

        def search(text):
            out = []
            tm.type("/")
            tm.wait(lambda s: True)
            for i in range(len(text)):
                part = text[:i + 1]
                before = tm.screen()
                ms, s = tm.timed(lambda c=text[i]: tm.type(c),
                                 lambda s, p=part: f"搜索：{p}" in s and s != before
                                 and ("申请人" in s))
                out.append(ms)
            found = name in tm.screen() or idn[-4:] in tm.screen()
            tm.keys("Escape")
            tm.wait(lambda s: f"搜索：{text}" not in s)
            return out, found

        def repeat(text, n=5):
            times, firsts, found = [], [], True
            for _ in range(n):
                ts, ok = search(text)
                times += ts
                firsts.append(ts[0])
                found = found and ok
            return times, firsts, found

        frag = name[1:3]
        t_frag, f_frag, ok1 = repeat(frag)
        line(f"name fragment {frag} (of {name}) x5", t_frag, fmed, 20)
        line(f"  of which the first character", f_frag, fmed, 20)
        t_init, f_init, _ = repeat("zs")
        line("pinyin initials zs x5", t_init, fmed, 20)
        line("  of which the first key, z", f_init, fmed, 20)
        t_id, f_id, ok3 = repeat(idn[-4:])
        line(f"ID digits {idn[-4:]} x5", t_id, fmed, 20)
        line("  of which the first digit", f_id, fmed, 20)
        both = t_frag + t_init + t_id
        line("all search keystrokes", both, fmed, 20)
        if not ok1:
            print(f"  note: {name} was not on the first page after typing {frag!r}")

        tm.keys("Escape")
        tm.wait(lambda s: "主菜单" in s)
        other_lists(tm, fmed, roll_name)

        mem = memory(pid)
        rss, hwm = mem.get("VmRSS", 0) / 1024, mem.get("VmHWM", 0) / 1024
        print(f"\nmemory of jiuzhu (pid {pid}) after every list: VmRSS {rss:.1f} MB, "
              f"VmHWM {hwm:.1f} MB   ({'ok' if hwm < 20 else 'OVER'}: target < 20 MB)")
        tm.keys("F10")
    finally:
        tm.close()
    if tmp:			# the store it built, and the screens' daily backup of it
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
