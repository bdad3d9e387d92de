"""4 时限预警 at 80x24: groups by urgency, one line per obligation of every
kind, colour and (NO_COLOR) a textual mark, filters by object, village and
rule, Enter opens the right record; the top line counts what the engine
counts; the case screen shows every running clock. Checked against
`jiuzhu alerts --format tsv` and the store."""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from tmuxterm import CFG, JZ, DemoStore, Tap, Term  # noqa: E402

tap = Tap()
DAY = "2026-12-21"
store = DemoStore(120, DAY, "测试员")


def tsv():
    out = subprocess.run([JZ, "-c", CFG, "--db", store.db, "alerts", "--format", "tsv"],
                         check=True, capture_output=True, text=True,
                         env=dict(os.environ, **store.env)).stdout
    return [line.split("\t") for line in out.splitlines()]


rows = tsv()
late = [r for r in rows if int(r[1]) < 0]
today = [r for r in rows if r[0] == DAY]


def item_lines(s):
    """The screen's item lines (not headings): mark, due date, … ."""
    return [l for l in s.splitlines() if re.match(r"^(逾期|今天|本周|稍后|已办) \d{4}-\d\d-\d\d", l)]


def open_alerts(t):
    t.wait_for("主菜单")
    t.type("4")
    return t.wait_all("到期日", "事项")


def pick(t, title, moves):
    """Moves the pick list's highlight from the current choice (the list
    opens on it) `moves` rows down (negative: up), then Enter."""
    t.wait_for(title)
    t.keys(*(["Down"] * moves if moves > 0 else ["Up"] * -moves), "Enter")
    t.wait_for(title, absent=True)


t = Term(store.cmd, env=store.env)
try:
    s = open_alerts(t)
    top = s.splitlines()[0]
    tap.check(f"逾期 {len(late)} " in top and f"今日到期 {len(today)}" in top,
              f"the top line counts {len(late)} overdue and {len(today)} due today, as the engine", top)
    tap.check("—— 已逾期" in s and "—— 本周到期" in s, "the list is grouped by urgency", s)
    lines = item_lines(s)
    tap.check(len(lines) >= 10, "one line per obligation fills the page", s)
    first = lines[0].split()
    tap.check(first[0] == "逾期" and first[1] == rows[0][0], "overdue first, earliest due date first", s)
    objs = {r[4] for r in rows}
    tap.check({"申请", "委托", "报表"} <= objs and all(o in s for o in ("申请 ", "委托 ", "报表 ")),
              "applications, entrustments and the ledger are all on the screen", s)
    tap.check(all(len(l) <= 80 for l in s.splitlines()), "nothing is wider than 80 columns", s)
    coloured = t._tmux("capture-pane", "-p", "-e", "-t", t.name).stdout
    tap.check(re.search(r"\x1b\[[0-9;]*31m", coloured) is not None and "逾期" in coloured,
              "overdue lines are red", coloured[:2000])
    t.keys("Down")
    s = t.wait_for("；" if "尚未导出" not in lines[0] else "尚未导出")
    status = s.splitlines()[-2]
    tap.check(rows[0][2] in status, "the status line gives the selected line's rule in words", status)

    # Filter: entrustments only; Enter opens that entrustment.
    t.type("k")
    pick(t, "按对象筛选", 2)
    s = t.wait_for("对象：委托")
    lines = item_lines(s)
    tap.check(lines and all("委托 " in l for l in lines), "k 委托 keeps only entrustments", s)
    n_ent = len([r for r in rows if r[4] == "委托"])
    tap.check(len(lines) == n_ent if n_ent <= 15 else len(lines) >= 15,
              f"as many as the engine lists ({n_ent})", s)
    num = re.search(r"委托 (\d+)", lines[0]).group(1)
    t.keys("Down", "Enter")
    s = t.wait_for(f"委托 {num} ")
    tap.check("办理时限" in s, f"Enter opens entrustment {num}", s)
    t.keys("Escape")
    t.wait_for("对象：委托")

    # Applications; Enter opens the case, which shows every running clock.
    t.type("k")
    pick(t, "按对象筛选", -1)
    s = t.wait_for("对象：申请")
    lines = item_lines(s)
    tap.check(lines and all("申请 " in l for l in lines), "k 申请 keeps only applications", s)
    num = re.search(r"申请 (\d+)", lines[0]).group(1)
    t.keys("Down", "Enter")
    s = t.wait_for(f"申请 {num} ")
    tap.check("案件办理" in s.splitlines()[0], f"Enter opens case {num}", s)
    want = [r[0] for r in rows if r[4] == "申请" and r[5] == num]
    clocks = "\n".join(s.splitlines()[4:6])
    tap.check("期限：" in clocks and "已逾期" in clocks and all(d in clocks for d in want),
              f"the case screen shows its clocks ({', '.join(want)}), overdue ones said", clocks)
    t.keys("Escape")
    t.wait_for("对象：申请")

    # Village and rule filters.
    t.type("k")
    pick(t, "按对象筛选", -1)
    t.wait_for("对象：全部")
    t.type("v")
    pick(t, "按村（社区）筛选", 2)
    s = t.wait_for("村：太平村")
    lines = item_lines(s)
    n_v = len([r for r in rows if r[3] == "太平村"])
    tap.check(len(lines) == min(n_v, 15) and all("太平村" in l for l in lines) and "报表 " not in s,
              f"v 太平村 keeps that village's {n_v} lines (no township report)", s)
    t.type("v")
    pick(t, "按村（社区）筛选", -2)
    t.wait_for("村：全部")
    t.type("r")
    pick(t, "按规则筛选", 1)
    s = t.wait_for("规则：受理")
    lines = item_lines(s)
    n_accept = len([r for r in rows if r[2].startswith("受理：")])
    tap.check(len(lines) == n_accept and all(" 受理 " in l for l in lines),
              f"r 受理 keeps the {n_accept} acceptance deadlines", s)

    # The report: Enter opens 台账报表 on the ledger and its quarter.
    t.type("r")
    pick(t, "按规则筛选", -1)
    t.type("k")
    pick(t, "按对象筛选", 4)
    s = t.wait_for("对象：报表")
    q = re.search(r"报表 (\d{4}Q\d)", s).group(1)
    t.keys("Down", "Enter")
    s = t.wait_all("台账报表", q)
    tap.check("季度" in s, f"Enter on the ledger opens its export for {q}", s)
    t.keys("Escape")
finally:
    t.close()

# Monochrome: the mark is a word, and nothing is coloured.
t = Term(store.cmd, env=dict(store.env, NO_COLOR="1"))
try:
    s = open_alerts(t)
    lines = item_lines(s)
    # (Which later groups fit on the first page depends on how many are overdue.)
    tap.check(lines and lines[0].startswith("逾期 ") and any(l.startswith(("今天 ", "本周 ")) for l in lines)
              and all(l.split()[0] in ("逾期", "今天", "本周", "稍后") for l in lines),
              "NO_COLOR: each line starts with its urgency in words", s)
    plain = t._tmux("capture-pane", "-p", "-e", "-t", t.name).stdout
    tap.check(re.search(r"\x1b\[[0-9;]*3[1-7]m", plain) is None, "NO_COLOR: no colour at all", plain[:1500])
finally:
    t.close()
    store.close()
