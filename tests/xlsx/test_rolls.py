#!/usr/bin/python3
"""The rolls' reports read back cell by cell against the store (queried here
with Python's sqlite3): 在册花名册 (rolls: by kind, ID numbers masked, the
monthly amount, suspended ones marked, ended ones left out), 待遇资格认证到期
名单 (recert-due: due in the month or overdue), 动态管理复核计划
(review-plan) and 特困人员终止供养公示 (tekun-end: a village's ends under
publicity). Prints TAP-like lines for tests/run.sh."""
import datetime
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

import openpyxl

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
os.chdir(ROOT)
JZ = os.path.abspath(os.environ.get("JZ", "./jiuzhu"))
TMP = tempfile.mkdtemp(prefix="jz-rolls.")
DAY = "2026-10-15"
ENV = dict(os.environ, JIUZHU_TODAY=DAY, JIUZHU_USER="测试员")
DB = os.path.join(TMP, "t.db")
ID18 = re.compile(r"\d{17}[\dXx]")
n = failed = 0


def ok(cond, what, *detail):
    global n, failed
    n += 1
    print(f"{'ok' if cond else 'not ok'} {n} - {what}", flush=True)
    if not cond:
        failed += 1
        for d in detail:
            print(f"#   {d}", flush=True)


def run(*args):
    p = subprocess.run([JZ, "-c", "tuiconfig.ini", "--db", DB, *args], env=ENV,
                       capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def q(sql, *args):
    con = sqlite3.connect(DB)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def data_rows(path):
    ws = openpyxl.load_workbook(path).worksheets[0]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4)]
    return ws, [r for r in rows if isinstance(r[0], int)]


def day(v):
    return v.date().isoformat() if isinstance(v, datetime.datetime) else v


def month_end(ym):
    import calendar
    y, m = int(ym[:4]), int(ym[5:7])
    return f"{ym}-{calendar.monthrange(y, m)[1]:02d}"


def masked(idn):
    return idn[:4] + "*" * (len(idn) - 8) + idn[-4:]


try:
    rc, so, se = run("init", "--demo", "--households", "1500")
    ok(rc == 0, "a demo store of 1,500 households", se)

    # 在册花名册
    out = os.path.join(TMP, "rolls.xlsx")
    rc, so, se = run("export", "rolls", "--to", DAY, "-o", out)
    ok(rc == 0, "export rolls", se)
    want = q("SELECT r.kind, v.name, p.name, p.id_number, r.amount, r.since_on, r.state "
             "FROM rolls r JOIN applications a ON a.id = r.application_id "
             "JOIN persons p ON p.id = a.applicant_id JOIN villages v ON v.id = r.village_id "
             "WHERE r.since_on <= ? AND (r.ended_on IS NULL OR r.ended_on > ?) "
             "ORDER BY r.kind, v.id, p.name, r.id", DAY, DAY)
    ended = q("SELECT count(*) FROM rolls WHERE ended_on <= ?", DAY)[0][0]
    ws, rows = data_rows(out)
    ok(len(want) > 20 and ended > 0, "the demo has households on the rolls and some ended",
       len(want), ended)
    ok(len(rows) == len(want), "one row per household on the rolls, none ended", len(rows), len(want))
    ok("在册花名册" in str(ws["A1"].value) and DAY in str(ws["A2"].value), "title and date",
       ws["A1"].value, ws["A2"].value)
    ok([c.value for c in ws[3]][:8] == ["序号", "救助类别", "村（社区）", "户主（申请人）", "身份证号码",
                                        "家庭人数", "月保障金额（元）", "在册起"], "the header",
       [c.value for c in ws[3]])
    bad = [(r, w) for r, w in zip(rows, want)
           if r[2] != w[1] or r[3] != w[2] or r[4] != masked(w[3]) or abs(r[6] - w[4] / 100) > 1e-6
           or day(r[7]) != w[5] or (w[6] == "suspended") != (r[8] == "暂停")]
    ok(not bad, "each row: village, name, masked ID, amount in yuan, since, 暂停 marked", bad[:2])
    kinds = [r[1] for r in rows]
    runs = [k for i, k in enumerate(kinds) if i == 0 or kinds[i - 1] != k]
    ok(len(runs) == len(set(kinds)) > 1 and "最低生活保障" in kinds,
       "rows grouped by kind, with the kind's name", runs)
    text = " ".join(str(c) for r in ws.iter_rows(values_only=True) for c in r if c)
    ok(not ID18.search(text), "no whole ID number")

    # 资格认证到期名单: the month of the latest due date; all before it count too.
    DUE = """coalesce((SELECT c.next_due_on FROM recertifications c WHERE
             c.application_id = r.application_id ORDER BY c.id DESC LIMIT 1),
             date(r.since_on, '+12 months'))"""
    dues = sorted(d for (d,) in q(f"SELECT {DUE} FROM rolls r WHERE r.state <> 'ended'"))
    month = dues[len(dues) // 2][:7]
    end = month_end(month)
    out = os.path.join(TMP, "recert.xlsx")
    rc, so, se = run("export", "recert-due", "--from", month + "-01", "--to", end, "-o", out)
    ok(rc == 0, "export recert-due", se)
    want = q("SELECT p.name, coalesce((SELECT c.next_due_on FROM recertifications c WHERE "
             "c.application_id = r.application_id ORDER BY c.id DESC LIMIT 1), "
             "date(r.since_on, '+12 months')) AS due FROM rolls r JOIN applications a ON "
             "a.id = r.application_id JOIN persons p ON p.id = a.applicant_id "
             "WHERE r.state <> 'ended' AND due <= ? ORDER BY r.village_id, p.name, r.id", end)
    ws, rows = data_rows(out)
    ok(0 < len(want) < len(dues) and len(rows) == len(want), "those due by the month's end, not the others",
       len(rows), len(want), len(dues))
    ok([(r[2], day(r[7])) for r in rows] == want, "name and due date of each", rows[:2], want[:2])
    ok("认证人" in " ".join(str(c.value) for r in ws.iter_rows() for c in r if c.value),
       "the signature line below")

    # 复核计划: the month of the middle next review date.
    nexts = sorted(d for (d,) in q("SELECT h.next_review_on FROM rolls r JOIN households h ON "
                                   "h.id = r.household_id WHERE r.state <> 'ended'"))
    end = month_end(nexts[len(nexts) // 2][:7])
    out = os.path.join(TMP, "plan.xlsx")
    rc, so, se = run("export", "review-plan", "--from", end[:8] + "01", "--to", end, "-o", out)
    ok(rc == 0, "export review-plan", se)
    want = q("SELECT DISTINCT h.next_review_on, p.name FROM rolls r JOIN applications a ON "
             "a.id = r.application_id JOIN persons p ON p.id = a.applicant_id JOIN households h ON "
             "h.id = r.household_id WHERE r.state <> 'ended' AND h.next_review_on <= ? "
             "ORDER BY h.next_review_on, r.village_id, p.name, r.id", end)
    ws, rows = data_rows(out)
    ok(0 < len(rows) < len(nexts) and [(day(r[1]), r[3]) for r in rows] == want,
       "the households due for review by the month's end, in date order", rows[:2], want[:2])

    # 终止供养公示: the village with the most ends of 特困 support under publicity.
    village, count = q("SELECT v.name, count(*) FROM rolls r JOIN villages v ON v.id = r.village_id "
                       "WHERE r.state = 'end_pending' GROUP BY v.id ORDER BY 2 DESC, v.id LIMIT 1")[0]
    out = os.path.join(TMP, "tekun-end.xlsx")
    rc, so, se = run("export", "tekun-end", "--village", village, "-o", out)
    ok(rc == 0 and f"{count} 行" in so, "export tekun-end for a village", so, se)
    want = q("SELECT p.name, p.id_number, r.end_reason, r.end_publicity_from, r.end_publicity_to, r.kind "
             "FROM rolls r JOIN villages v ON v.id = r.village_id JOIN applications a ON "
             "a.id = r.application_id JOIN persons p ON p.id = a.applicant_id "
             "WHERE r.state = 'end_pending' AND v.name = ? ORDER BY r.end_publicity_from, p.name, r.id",
             village)
    ws, rows = data_rows(out)
    ok(len(rows) == count and all(w[5] == "tekun" for w in want), "one row per 特困 end under publicity",
       len(rows), want)
    ok([(r[1], r[2], r[5], day(r[6]), day(r[7])) for r in rows]
       == [(w[0], masked(w[1]), w[2], w[3], w[4]) for w in want],
       "name, masked ID, reason and the publicity's first and last day", rows[:2], want[:2])
    ok(all((datetime.date.fromisoformat(w[4]) - datetime.date.fromisoformat(w[3])).days == 7 for w in want),
       "each publicity is 7 days from the day after posting ([limits.tekun], [periods])", want)
    ok(village in str(ws["A2"].value) and "公示" in str(ws["A1"].value), "title and village",
       ws["A1"].value, ws["A2"].value)
    rc, so, se = run("export", "tekun-end", "-o", os.path.join(TMP, "x.xlsx"))
    ok(rc == 2 and "--village" in se, "tekun-end without --village: a usage error naming it", rc, se)

    rc, so, se = run("export", "rolls", "-o", os.path.join(TMP, "x.xlsx"))
    ok(rc == 2 and "--to" in se, "rolls without --to: a usage error naming it", rc, se)
finally:
    shutil.rmtree(TMP, ignore_errors=True)
sys.exit(1 if failed else 0)
