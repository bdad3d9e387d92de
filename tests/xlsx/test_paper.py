#!/usr/bin/python3
"""The files the screens print — the publicity list, the announcement list,
the one-time notice — written from a demo store by the program's own commands
(jiuzhu export publicity|announcement, jiuzhu notice)
(made by `make units`) and read back with openpyxl: portrait A4, SimSun in
every cell, the amount's header by kind (临时救助 is paid once: no 「/月」),
and no note or line clipped by a row lower than its text.
Prints TAP-like lines for tests/run.sh. Run from the source root."""

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

import openpyxl

sys.path.insert(0, os.path.dirname(__file__))
from printed import col_width, fonts, lines_needed, row_height, short_rows  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
os.chdir(ROOT)
JZ = os.path.abspath(os.environ.get("JZ", "./jiuzhu"))
TMP = tempfile.mkdtemp(prefix="jz-paper.")
ENV = dict(os.environ, JIUZHU_TODAY="2026-10-15", JIUZHU_USER="测试员")
n = failed = 0


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


def widths(ws):
    return [col_width(ws, c) for c in range(1, ws.max_column + 1)]


def check_sheet(ws, what):
    ok(ws.page_setup.orientation == "portrait" and str(ws.page_setup.paperSize) == "9",
       f"{what}: A4 portrait (a notice board's sheet)", ws.page_setup.orientation)
    ok(fonts(ws) == {"SimSun"}, f"{what}: every written cell names SimSun (宋体)", fonts(ws))
    ok(not short_rows(ws), f"{what}: no title, row or note lower than its text needs",
       *short_rows(ws)[:3])


def write(*args):
    """Runs `jiuzhu ARGS -o OUT` (OUT is the last argument) and opens the file."""
    out = args[-1]
    p = subprocess.run([JZ, "-c", "tuiconfig.ini", "--db", DB, *args[:-1], "-o", out], env=ENV,
                       capture_output=True, text=True)
    ok(p.returncode == 0 and os.path.exists(out), f"jiuzhu {' '.join(args[:2])} writes the file",
       p.stderr.strip())
    return openpyxl.load_workbook(out) if os.path.exists(out) else None


DB = os.path.join(TMP, "p.db")
p = subprocess.run([JZ, "-c", "tuiconfig.ini", "--db", DB, "init", "--demo", "--households", "300"],
                   env=ENV, capture_output=True, text=True)
if not ok(p.returncode == 0, "init --demo builds the test store", p.stderr.strip()):
    sys.exit(1)
con = sqlite3.connect(DB)
con.create_function("jz_guard", 0, lambda: None)  # the test's own writes, past the program's guard


def q(sql, *args):
    return con.execute(sql, args).fetchall()


# ---- the publicity list: one sheet per kind, the amount's header by kind ----
batch = q("SELECT pe.batch_id, (SELECT v.name FROM publicity_batches b JOIN villages v "
          "ON v.id = b.village_id WHERE b.id = pe.batch_id) FROM publicity_entries pe JOIN applications a "
          "ON a.id = pe.application_id GROUP BY pe.batch_id "
          "HAVING sum(a.kind = 'linshi') > 0 ORDER BY count(DISTINCT a.kind) DESC LIMIT 1")
if ok(batch, "the demo store has a publicity batch with 临时救助"):
    wb = write("export", "publicity", "--village", batch[0][1], "--batch", str(batch[0][0]),
               os.path.join(TMP, "公示.xlsx"))
    heads = {ws.title: [c.value for c in ws[3]] for ws in wb.worksheets}
    # The amount is the fifth column (a 备注 column follows it: 第二次公示).
    ok(heads.get("临时救助", [None] * 5)[4] == "拟救助金额（元）",
       "publicity: 临时救助's amount header is 拟救助金额（元）, no 「/月」", heads.get("临时救助"))
    # Every other sheet by its kind: paid once (seed's 一次性) or monthly.
    once = ("临时救助", "医疗救助", "就业救助", "住房救助", "教育救助", "灾害救助")
    want = {t: "拟救助金额（元）" if t in once else "拟保障金额（元/月）" for t in heads}
    ok(all(heads[t][4] == want[t] for t in heads),
       "publicity: each sheet's amount header follows its kind (「/月」 only for monthly ones)",
       {t: heads[t][4] for t in heads})
    for ws in wb.worksheets:
        check_sheet(ws, f"publicity {ws.title}")
    # The period note is the first line under the table; it must show whole.
    ws = wb.worksheets[0]
    note = next(r for r in range(1, ws.max_row + 1)
                if str(ws.cell(r, 1).value or "").startswith("公示期"))
    need = lines_needed(ws.cell(note, 1).value, sum(widths(ws)))
    ok(need >= 2 and row_height(ws, note) >= need * 11 * 1.2,
       f"publicity: the {need}-line period note has a row {need} lines high (was 24 pt, clipped)",
       row_height(ws, note), ws.cell(note, 1).value)

# ---- the announcement list ----
village = q("SELECT h.village_id, (SELECT name FROM villages WHERE id = h.village_id) "
            "FROM applications a JOIN households h ON h.id = a.household_id "
            "WHERE a.state = 'approved' GROUP BY h.village_id "
            "HAVING sum(a.kind = 'linshi') > 0 ORDER BY count(DISTINCT a.kind) DESC LIMIT 1")
if ok(village, "the demo store has a village with an approved 临时救助"):
    wb = write("export", "announcement", "--village", village[0][1], os.path.join(TMP, "公布.xlsx"))
    heads = {ws.title: [c.value for c in ws[3]] for ws in wb.worksheets}
    ok(heads.get("临时救助", [None])[-1] == "救助金额（元）",
       "announcement: 临时救助's amount header is 救助金额（元）, no 「/月」", heads)
    ok(all(h[-1] == "保障金额（元/月）" for t, h in heads.items() if t in ("低保", "特困")),
       "announcement: 低保/特困 keep 保障金额（元/月）", heads)
    for ws in wb.worksheets:
        check_sheet(ws, f"announcement {ws.title}")

# ---- the one-time notice: a long item wraps and its row grows ----
app = q("SELECT id FROM applications WHERE missing_items <> '' ORDER BY id LIMIT 1")
if ok(app, "the demo store has a one-time notice"):
    # One item, with no separator in it: how the list is split is not this test's business.
    long_item = ("家庭财产申报表（存款房产车辆有价证券商业保险等全部财产由每位成年家庭成员"
                 "逐项填写并签字确认）")
    con.execute("UPDATE applications SET missing_items = json_array(?) WHERE id = ?", (long_item, app[0][0]))
    con.commit()
    wb = write("notice", "missing", str(app[0][0]), os.path.join(TMP, "告知书.xlsx"))
    ws = wb.active
    check_sheet(ws, "notice")
    rows = {ws.cell(r, 2).value: r for r in range(4, ws.max_row + 1)}
    need = lines_needed(long_item, widths(ws)[1])
    ok(long_item in rows and need >= 2 and row_height(ws, rows[long_item]) >= need * 11 * 1.2,
       f"notice: a long item's row is {need} lines high", rows.get(long_item))

con.close()
shutil.rmtree(TMP, ignore_errors=True)
sys.exit(1 if failed else 0)
