"""台账报表 and 统计查询 through the screens: export the case register and
the quarterly ledger into a temporary directory, read the files back with
openpyxl and compare with the store; a count on the statistics screen
equals the store's."""
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

import openpyxl

sys.path.insert(0, os.path.dirname(__file__))
from tmuxterm import Tap, Term  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
JZ = os.path.join(ROOT, "jiuzhu")
CFG = os.path.join(ROOT, "tuiconfig.ini")
tap = Tap()
tmp = tempfile.mkdtemp(prefix="jz-reports.")
db = os.path.join(tmp, "t.db")
out = os.path.join(tmp, "out")
os.mkdir(out)
env = {"JIUZHU_TODAY": "2026-11-20", "JIUZHU_USER": "测试员"}
subprocess.run([JZ, "-c", CFG, "--db", db, "init", "--demo", "--households", "60"],
               check=True, capture_output=True, env=dict(os.environ, **env))
con = sqlite3.connect(db)
n_cases = con.execute("SELECT count(*) FROM applications").fetchone()[0]
n_quarter = con.execute("SELECT count(*) FROM entrustments e JOIN villages v ON v.id = e.village_id "
                        "JOIN townships t ON t.id = v.township_id WHERE t.name = '澄溪镇' "
                        "AND e.received_on BETWEEN '2026-10-01' AND '2026-12-31'").fetchone()[0]
n_paid, paid = con.execute("SELECT count(*), coalesce(sum(amount), 0) FROM applications "
                           "WHERE state IN ('approved', 'announced')").fetchone()
cmd = f"cd {ROOT} && {JZ} -c {CFG} --db {db}"


def rows_of(path):
    return list(openpyxl.load_workbook(path).worksheets[0].iter_rows(values_only=True))


def total_row(s):
    return [line.split() for line in s.splitlines() if line.strip().startswith("合计")]


def wait_total(t, cond, timeout=10.0):
    """Waits until the 合计 row satisfies cond (the screen may be half drawn)."""
    deadline = time.monotonic() + timeout
    while True:
        s = t.screen()
        rows = total_row(s)
        if (rows and cond(rows[0])) or time.monotonic() > deadline:
            return s, rows[0] if rows else []
        time.sleep(0.02)


def set_path(t, path):
    """The file name is the last field: clear it, type, Enter exports."""
    t.keys("C-u")
    t.type(path)
    t.keys("Enter")


t = Term(cmd, env=env)
try:
    t.wait_for("主菜单")
    t.type("6")
    s = t.wait_for("选择要导出的报表")
    tap.check(all(x in s for x in ["社会救助申请案件登记簿", "帮办代办工作台账", "helper-quarterly",
                                    "helper-roster", "统计汇总"]),
              "6 lists the reports of the reports directory", s)

    # The case register: every parameter optional; the file goes to the temp dir.
    t.keys("Enter")
    s = t.wait_for("案件登记簿.xlsx")  # the file name is drawn last
    tap.check("开始日期" in s and "村（社区）" in s and "*季度" not in s,
              "the case register asks for village and dates, not a quarter", s)
    tap.check("救助申请案件登记簿" in s and tmp in s,
              "the default file name is Chinese and in the store's directory", s)
    t.keys("Down", "Down", "Down")
    cases = os.path.join(out, "cases.xlsx")
    set_path(t, cases)
    s = t.wait_for(f"已导出 {n_cases} 行")
    tap.check(cases in s, f"the screen says {n_cases} rows were exported", s)
    rows = rows_of(cases)
    tap.check(rows[0][0] == "社会救助申请案件登记簿", "cases: the title cell", rows[0][0])
    tap.check(rows[2][:3] == ("序号", "村（社区）", "申请人"), "cases: the header row", rows[2])
    tap.check(len(rows) - 3 == n_cases, f"cases: {n_cases} data rows, as in the store",
              len(rows) - 3)

    # Back to the list, then the quarterly ledger: a quarter and a township.
    t.keys("Escape")
    t.wait_for("选择要导出的报表")
    t.type("3")
    t.keys("Enter")
    s = t.wait_for("2026Q4.xlsx")
    tap.check("2026Q4" in s and "澄溪镇" in s, "the quarterly ledger defaults to this quarter "
              "and the office's township", s)
    t.keys("Enter")
    s = t.wait_for("Esc 取消")
    tap.check("2025Q1" in s and "2026Q4" in s, "the quarter picker offers the last 8 quarters", s)
    t.keys("Enter")
    t.wait_for("选择季度", absent=True)
    t.keys("Tab", "Tab")
    quarterly = os.path.join(out, "季度台账.xlsx")
    set_path(t, quarterly)
    s = t.wait_for(f"已导出 {n_quarter} 行")
    tap.check(quarterly in s, f"the screen says {n_quarter} rows", s)
    rows = rows_of(quarterly)
    tap.check(rows[0][0] == "社会救助申请事项帮办代办工作台账", "quarterly: the title cell", rows[0][0])
    tap.check(rows[2][:3] == ("序号", "乡镇\n（街道）", "村\n（社区）"), "quarterly: the header row",
              rows[2])
    data = [r for r in rows[3:] if isinstance(r[0], int)]
    tap.check(len(data) == n_quarter and n_quarter > 0,
              f"quarterly: {n_quarter} data rows, as in the store", len(data))

    # An unwritable place: the message in Chinese, nothing written.
    set_path(t, "/nonexistent-dir/x.xlsx")
    s = t.wait_for("不存在")
    tap.check("目录 /nonexistent-dir 不存在" in s, "a missing directory is said plainly", s)

    t.keys("Escape")
    t.wait_for("选择要导出的报表")
    t.keys("Escape")
    t.wait_for("1  受理登记")

    # Statistics: the third table's 合计 row equals the store's count and sum.
    t.type("7")
    s = t.wait_for("共 ")  # the line under the table is drawn last
    tap.check("合计" in s and "太平村" in s, "7 shows counts by village", s)
    t.keys("Tab", "Tab")
    want = f"{paid // 100}.{paid % 100:02d}"
    s, row = wait_total(t, lambda r: str(n_paid) in r and want in r)
    tap.check(str(n_paid) in row and want in row,
              f"the 合计 row shows {n_paid} cases and {want} yuan", s)
    t.keys("Tab", "End")
    s, row = wait_total(t, lambda r: r[-1] == str(n_cases))
    tap.check(row and row[-1] == str(n_cases) and "左边还有列" in s,
              f"End shows the grand total {n_cases} of applications", s)
    t.keys("Escape")
    t.wait_for("1  受理登记")
    t.type("q")
    t.wait_for("EXITED=0")
    tap.check(True, "quits cleanly")
finally:
    t.close()
    shutil.rmtree(tmp, ignore_errors=True)

tap.exit()
