#!/usr/bin/python3
"""The notices handed to an applicant, written by `jiuzhu notice` and read
back with openpyxl cell by cell: the one-time notice (一次性告知书) names
the kind, prints each missing item on its own row exactly as stored — an
item with 、 inside brackets stays one row — the deadline and a receipt
line; the refusal notice (不予确认通知书) names the applicant, the kind,
the reason, the remedies with their time limits, the office and the day.
Prints TAP-like lines for tests/run.sh. Run from the source root."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

import openpyxl

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
os.chdir(ROOT)
JZ = os.path.abspath(os.environ.get("JZ", "./jiuzhu"))
TMP = tempfile.mkdtemp(prefix="jz-notice.")
TODAY = "2026-10-15"
ENV = dict(os.environ, JIUZHU_TODAY=TODAY, JIUZHU_USER="测试员")
DB = os.path.join(TMP, "n.db")
n = 0
failed = 0


def ok(cond, what, *detail):
    global n, failed
    n += 1
    print(f"{'ok' if cond else 'not ok'} {n} - {what}")
    if not cond:
        failed += 1
        for d in detail:
            print(f"#   {d}")
    sys.stdout.flush()
    return cond


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


def cfg(key):
    for line in open("tuiconfig.ini", encoding="utf-8"):
        k, _, v = line.partition("=")
        if k.strip() == key:
            return v.strip()
    return None


def kind_name(code):
    sec = None
    for line in open("forms/catalogue/kinds.ini", encoding="utf-8"):
        line = line.strip()
        if line.startswith("["):
            sec = line[1:-1]
        elif sec == code and line.startswith("name"):
            return line.partition("=")[2].strip()
    return code


def lines_of(ws):
    """Every non-empty cell, row by row."""
    return [[c for c in r if c is not None] for r in ws.iter_rows(values_only=True)]


rc, _, se = run("init", "--demo", "--households", "200")
if not ok(rc == 0, "init --demo builds the test store", se):
    sys.exit(1)
TOWNSHIP, COUNTY, PHONE = cfg("township"), cfg("county"), cfg("complaint_phone")

# ---- the one-time notice ----
case = q("SELECT a.id, p.name, v.name, a.kind, a.missing_notice_on, a.missing_deadline "
         "FROM applications a JOIN persons p ON p.id = a.applicant_id "
         "JOIN households h ON h.id = a.household_id JOIN villages v ON v.id = h.village_id "
         "WHERE a.state = 'missing' ORDER BY a.id LIMIT 1")
if not ok(bool(case), "the demo store has a case waiting for materials"):
    sys.exit(1)
app, name, village, kind, on, deadline = case[0]
# The list as case.c stores it (a JSON array, one element per item), with
# items that hold 、 and ， inside their brackets. Written here so that the
# test does not depend on which materials the demo happened to pick.
items = ["户口簿复印件", "家庭收入证明（工资、经营、财产性收入等）", "残疾人证或疾病诊断证明（如有，含复印件、原件）"]
con = sqlite3.connect(DB)
con.create_function("jz_guard", 0, lambda: None)  # the test's own write, past the program's guard
con.execute("UPDATE applications SET missing_items = ? WHERE id = ?", (json.dumps(items, ensure_ascii=False), app))
con.commit()
con.close()

out = os.path.join(TMP, "告知书.xlsx")
rc, so, se = run("notice", "missing", str(app), "-o", out)
ok(rc == 0 and os.path.exists(out), "notice missing writes the one-time notice", rc, se)
ws = openpyxl.load_workbook(out).worksheets[0]
rows = lines_of(ws)
ok(rows[0] == ["社会救助申请材料一次性告知书"], "title", rows[0])
sub = rows[1][0] if rows[1] else ""
ok(name in sub and village in sub and f"申请事项：{kind_name(kind)}" in sub and on in sub,
   "the subtitle names the applicant, village, kind of assistance and the day", sub)
ok(rows[2] == ["序号", "须补齐的材料"], "header", rows[2])
body = [r for r in rows[3:] if len(r) == 2 and isinstance(r[0], int)]
ok(body == [[i + 1, x] for i, x in enumerate(items)],
   "one row per stored item, never split at 、 inside brackets", body)
tail = [r[0] for r in rows[3 + len(body):] if r]
ok(any(f"请于 {deadline} 前补齐" in t for t in tail), "the deadline below the list", tail)
ok(any(TOWNSHIP in t and "人民政府" in t for t in tail) and any(PHONE in t for t in tail),
   "the office and the complaint telephone", tail)
ok(tail and tail[-1].startswith("申请人签收：") and "日期：" in tail[-1], "ends with the receipt line", tail)
ok(ws.page_setup.orientation == "portrait" and str(ws.page_setup.paperSize) == "9",
   "A4 portrait, to hand over", ws.page_setup.orientation)

# A case without a one-time notice: refused, no file.
none = q("SELECT id FROM applications WHERE missing_items IS NULL ORDER BY id LIMIT 1")[0][0]
bad = os.path.join(TMP, "无.xlsx")
rc, so, se = run("notice", "missing", str(none), "-o", bad)
ok(rc == 1 and "没有一次性告知" in se and not os.path.exists(bad),
   "a case without a one-time notice: exit 1, a message, no file", rc, se)

# ---- the refusal notice ----
ref = q("SELECT a.id, p.name, p.id_number, v.name, a.kind, a.refusal_reason, a.decided_on, "
        "a.refusal_notified_on, a.delegated FROM applications a JOIN persons p ON p.id = a.applicant_id "
        "JOIN households h ON h.id = a.household_id JOIN villages v ON v.id = h.village_id "
        "WHERE a.state = 'refused' ORDER BY a.refusal_notified_on IS NULL DESC, a.id LIMIT 1")
if ok(bool(ref), "the demo store has a refused case"):
    app, name, idn, village, kind, reason, decided, notified, delegated = ref[0]
    out = os.path.join(TMP, "不予确认.xlsx")
    rc, so, se = run("notice", "refusal", str(app), "-o", out)
    ok(rc == 0 and os.path.exists(out), "notice refusal writes the refusal notice", rc, se)
    ws = openpyxl.load_workbook(out).worksheets[0]
    rows = lines_of(ws)
    ok(rows[0] == ["社会救助不予确认通知书"], "title", rows[0])
    ok(rows[1] == [f"{name}："], "addressed to the applicant", rows[1])
    facts = {r[0]: r[1] for r in rows[3:] if len(r) == 2}
    ok(facts.get("申请人") == name and facts.get("村（社区）") == village
       and facts.get("申请事项") == kind_name(kind) and facts.get("决定日期") == decided
       and facts.get("不予确认的理由") == reason,
       "applicant, village, kind, day of the decision and the reason", facts)
    masked = facts.get("身份证号码", "")
    ok(masked[:4] == idn[:4] and masked[-4:] == idn[-4:] and idn not in str(rows),
       "the ID number masked", masked)
    decider = f"{TOWNSHIP}人民政府" if delegated else f"{COUNTY}民政局"
    ok(facts.get("决定机关") == decider, "the deciding office", facts.get("决定机关"))
    text = [r[0] for r in rows if len(r) == 1]
    ok(any("行政复议" in t and "六十日" in t for t in text) and any("行政诉讼" in t and "六个月" in t for t in text),
       "the right to administrative review (60 days) and litigation (6 months)", text)
    ok(any("有异议" in t for t in text), "the right to object", text)
    day = notified or TODAY
    ok(any(TOWNSHIP in t and "人民政府" in t and t.endswith(day) for t in text),
       f"the office and the day ({day})", text)
    ok(text[-1].startswith("申请人签收：") and "日期：" in text[-1], "ends with the receipt line", text)

# A case not refused: no refusal notice.
other = q("SELECT id FROM applications WHERE state <> 'refused' ORDER BY id LIMIT 1")[0][0]
rc, so, se = run("notice", "refusal", str(other), "-o", bad)
ok(rc == 1 and "不予确认" in se and not os.path.exists(bad), "a case not refused: exit 1, no file", rc, se)
rc, so, se = run("notice", "refusal", "-o", bad)
ok(rc == 2 and "用法" in se, "a missing application number is a usage error (exit 2)", rc, se)

shutil.rmtree(TMP, ignore_errors=True)
sys.exit(1 if failed else 0)
