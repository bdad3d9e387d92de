#!/usr/bin/python3
"""End-to-end tests of `jiuzhu export`: builds a demo store, exports every
report, reads each file back with openpyxl and compares it with the store
(queried here independently with Python's sqlite3). Prints TAP-like lines
"ok N - what" / "not ok N - what" for tests/run.sh.

Environment: JZ = the binary (default ./jiuzhu), JZ_XLSX_DB = use this
existing store instead of building a demo one. Run from the source root."""

import datetime
import os
import re
import resource
import shutil
import signal
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
TMP = tempfile.mkdtemp(prefix="jz-xlsx.")
ENV = dict(os.environ, JIUZHU_TODAY="2026-10-15", JIUZHU_USER="测试员")
n = 0
failed = 0


def ok(cond, what, *detail):
    global n, failed
    n += 1
    if cond:
        print(f"ok {n} - {what}")
    else:
        failed += 1
        print(f"not ok {n} - {what}")
        for d in detail:
            print(f"#   {d}")
    sys.stdout.flush()
    return cond


def run(*args, cfg="tuiconfig.ini", preexec=None):
    p = subprocess.run([JZ, "-c", cfg, "--db", DB, *args], env=ENV, capture_output=True,
                       text=True, preexec_fn=preexec)
    return p.returncode, p.stdout, p.stderr


def make_store():
    given = os.environ.get("JZ_XLSX_DB")
    if given:
        return given
    db = os.path.join(TMP, "x.db")
    p = subprocess.run([JZ, "-c", "tuiconfig.ini", "--db", db, "init", "--demo",
                        "--households", "300"], env=ENV, capture_output=True, text=True)
    if p.returncode != 0:
        print(f"not ok 1 - init --demo builds the test store\n#   {p.stderr.strip()}")
        sys.exit(1)
    return db


DB = make_store()
con = sqlite3.connect(DB)


def q(sql, *args):
    return con.execute(sql, args).fetchall()


def q1(sql, *args):
    return q(sql, *args)[0][0]


def export(report, *params, name=None):
    out = os.path.join(TMP, (name or report) + ".xlsx")
    rc, so, se = run("export", report, *params, "-o", out)
    ok(rc == 0 and os.path.exists(out), f"export {report} {' '.join(params)} succeeds",
       f"status {rc}", se.strip())
    ok(se == "", f"export {report}: nothing on stderr when it is not a terminal", se.strip())
    return openpyxl.load_workbook(out) if os.path.exists(out) else None


def rows_of(ws):
    return list(ws.iter_rows(values_only=True))


def check_print(ws, report, title_rows):
    ps = ws.page_setup
    ok(ps.orientation == "landscape", f"{report}: landscape", ps.orientation)
    ok(str(ps.paperSize) == "9", f"{report}: A4 paper (9)", ps.paperSize)
    ok(ws.print_title_rows == f"$1:${title_rows}", f"{report}: title and header rows repeat",
       ws.print_title_rows)
    footer = ws.oddFooter.center.text or ""
    ok("&P" in footer and "&N" in footer, f"{report}: page footer has &P and &N", footer)
    ok(ws.sheet_properties.pageSetUpPr.fitToPage and str(ps.fitToWidth or 1) == "1"
       and str(ps.fitToHeight) == "0", f"{report}: fit to one page wide",
       ps.fitToWidth, ps.fitToHeight)


def check_table(ws, report, title, headers, subtitle=None):
    rows = rows_of(ws)
    ok(rows[0][0] == title, f"{report}: title is 「{title}」", rows[0][0])
    h = 1
    if subtitle is not None:
        ok(rows[1][0] == subtitle, f"{report}: subtitle 「{subtitle}」", rows[1][0])
        h = 2
    ok(list(rows[h]) == headers, f"{report}: header cells in the seed's order", rows[h])
    check_print(ws, report, h + 1)
    return rows[h + 1:]


def mask(s):
    return s[:4] + "*" * (len(s) - 8) + s[-4:]


def check_fonts(ws, report):
    ok(fonts(ws) == {"SimSun"}, f"{report}: every written cell names SimSun (宋体)", fonts(ws))


def check_heights(ws, report):
    ok(not short_rows(ws), f"{report}: no row lower than its text needs", short_rows(ws)[:5])


# ---- 附件1 village ledger ----
# Headers exactly as seed 004 prints them (brackets and line breaks included).
SEED_KIND = ("帮办代办事项内容（最低生活保障、特困人员供养、临时救助、医疗救助、就业救助、住房救助、"
             "教育救助、灾害救助）")
LEDGER = ["序号", "委托人姓名", "帮办代办员姓名", SEED_KIND, "受理时间", "办理时限",
          "办理结果", "回复时间", "备注"]
FROM, TO = "2026-07-01", "2026-09-30"
village, cnt = q("SELECT v.name, count(*) FROM entrustments e JOIN villages v ON v.id = e.village_id "
                 "WHERE e.received_on BETWEEN ? AND ? GROUP BY v.id ORDER BY 2 DESC LIMIT 1",
                 FROM, TO)[0]
wb = export("helper-ledger", "--village", village, "--from", FROM, "--to", TO)
town = q1("SELECT t.name FROM villages v JOIN townships t ON t.id = v.township_id WHERE v.name = ?",
          village)
# The seed's 「乡镇（街道）」 is where the township's name goes; the period is shown.
data = check_table(wb.active, "helper-ledger", f"{town}社会救助申请事项帮办代办工作台账",
                   LEDGER, f"村（社区）：{village}　　时间：{FROM} 至 {TO}")
ok(town and "乡镇（街道）" not in rows_of(wb.active)[0][0], "helper-ledger: the title names the township",
   rows_of(wb.active)[0][0])
ws = wb.active
check_fonts(ws, "helper-ledger")
check_heights(ws, "helper-ledger")

# 办理结果 (column 7): a long result wraps and gets a taller row, a short one
# does not — in a village and year that has both.
LONG, SHORT = "材料已送乡镇窗口，正在审核，已告知委托人", "已办结"
both = q("SELECT v.name FROM entrustments e JOIN villages v ON v.id = e.village_id "
         "WHERE e.received_on BETWEEN '2026-01-01' AND '2026-12-31' GROUP BY v.id "
         "HAVING sum(e.result = ?) > 0 AND sum(coalesce(e.result, '') IN ('', ?) "
         "AND coalesce(e.note, '') = '') > 0 ORDER BY v.id LIMIT 1", LONG, SHORT)
if ok(both, "the demo store has a village with a long and a short 办理结果 in 2026"):
    wb = export("helper-ledger", "--village", both[0][0], "--from", "2026-01-01", "--to",
                "2026-12-31", name="ledger-2026")
    ws = wb.active
    rows = rows_of(ws)
    wrapped = [i + 1 for i, r in enumerate(rows) if i >= 3 and r[6] == LONG]
    one_line = [i + 1 for i, r in enumerate(rows) if i >= 3 and isinstance(r[0], int)
                and r[6] in (SHORT, None) and not r[8]]
    ok(wrapped and all(row_height(ws, r) >= 2 * 11 * 1.2 for r in wrapped),
       f"helper-ledger: a long 办理结果 (「{LONG}」) gets a row two lines high",
       [(r, row_height(ws, r)) for r in wrapped])
    ok(one_line and all(row_height(ws, r) < 2 * 11 * 1.2 for r in one_line),
       "helper-ledger: a short 办理结果 keeps a one-line row",
       [(r, row_height(ws, r)) for r in one_line])
    check_heights(ws, "helper-ledger 2026")

ok(len(data) == cnt and cnt > 0, f"helper-ledger: {cnt} rows, as in the store", len(data))
ok([r[0] for r in data] == list(range(1, cnt + 1)), "helper-ledger: 序号 counts 1…n")
first = q("SELECT e.client_name, e.received_on, e.due_on FROM entrustments e JOIN villages v "
          "ON v.id = e.village_id WHERE v.name = ? AND e.received_on BETWEEN ? AND ? "
          "ORDER BY e.received_on, e.id LIMIT 1", village, FROM, TO)[0]
ok(data[0][1] == first[0], "helper-ledger: first row is the first entrustment", data[0][1], first[0])
ok(isinstance(data[0][4], datetime.datetime)
   and data[0][4].date().isoformat() == first[1], "helper-ledger: 受理时间 is a real date",
   repr(data[0][4]))
ok(all(isinstance(r[4], datetime.datetime) for r in data)
   and all(r[5] is None or isinstance(r[5], datetime.datetime) for r in data),
   "helper-ledger: every 受理时间/办理时限 cell is a date")
kinds = {"最低生活保障", "特困人员供养", "临时救助", "医疗救助", "就业救助", "住房救助", "教育救助",
         "灾害救助"}
ok(all(r[3] in kinds for r in data), "helper-ledger: 事项 shown as one of the eight kinds",
   {r[3] for r in data})

# ---- 附件2 quarterly ledger ----
QUART = ["序号", "乡镇\n（街道）", "村\n（社区）", "委托人姓名", "帮办代办员姓名", SEED_KIND,
         "受理时间", "办理时限", "办理结果", "回复时间", "备注"]
NOTE = "注：每季度（6月25日、9月25日、12月25日前）各报送一次。"


def head_text():
    """The audit chain's head as the ledger prints it, read here from the store:
    the head when the file was written, just before the export itself was
    recorded (an `exports` row, audited too)."""
    i, h = q("SELECT id, lower(hex(hash)) FROM audit_log WHERE id < "
             "(SELECT max(id) FROM audit_log WHERE tbl = 'exports') ORDER BY id DESC LIMIT 1")[0]
    return f"（数据库审计链头：第 {i} 条 {h[:16]}）"


wb = export("helper-quarterly", "--quarter", "2026Q3")
ws = wb.active
data = check_table(ws, "helper-quarterly", "社会救助申请事项帮办代办工作台账", QUART,
                   subtitle=rows_of(ws)[1][0])
cnt = q1("SELECT count(*) FROM entrustments WHERE received_on BETWEEN ? AND ?", FROM, TO)
ok(len(data) == cnt + 2, f"helper-quarterly: {cnt} rows + footer + note", len(data))
foot, note = data[-2][0] or "", data[-1][0] or ""
ok(re.search("分管领导：.*经办人：.*联系电话：", foot) is not None,
   "helper-quarterly: footer 分管领导/经办人/联系电话 in order", foot)
ok(note == NOTE + head_text(), "helper-quarterly: the seed's note, then the audit chain's head",
   note)
check_fonts(ws, "helper-quarterly")
check_heights(ws, "helper-quarterly")
ok(row_height(ws, 3) >= lines_needed(SEED_KIND, col_width(ws, 6)) * 11 * 1.2 and
   lines_needed(SEED_KIND, col_width(ws, 6)) >= 3,
   "helper-quarterly: the header row is as tall as the seed's long 事项内容 header",
   row_height(ws, 3), col_width(ws, 6))
ok(all(isinstance(r[6], datetime.datetime) and FROM <= r[6].date().isoformat() <= TO
       for r in data[:-2]), "helper-quarterly: 受理时间 dates all within 2026Q3")
township = q1("SELECT name FROM townships ORDER BY id LIMIT 1")
wb = export("helper-quarterly", "--quarter", "2026Q3", "--township", township, name="q-town")
cnt_t = q1("SELECT count(*) FROM entrustments e JOIN villages v ON v.id = e.village_id "
           "JOIN townships t ON t.id = v.township_id WHERE t.name = ? "
           "AND e.received_on BETWEEN ? AND ?", township, FROM, TO)
ok(wb.active.max_row == 3 + cnt_t + 2, f"helper-quarterly --township: {cnt_t} rows",
   wb.active.max_row)

# ---- 附件3 roster ----
ROSTER = ["序号", "乡镇\n（街道）", "村（社区）", "姓名", "身份证号码", "电话",
          "人员类别（社区工作者、社会工作者、救助协理员、网格员、社会救助购买服务等人员）", "备注"]
wb = export("helper-roster")
data = check_table(wb.active, "helper-roster", "社会救助帮办代办工作人员名单", ROSTER)
check_fonts(wb.active, "helper-roster")
check_heights(wb.active, "helper-roster")
agents = q("SELECT id_number FROM staff WHERE role = 'agent' AND active = 1")
bare = [r[0] for r in q("SELECT v.name FROM villages v WHERE NOT EXISTS (SELECT 1 FROM staff s "
                        "WHERE s.village_id = v.id AND s.role = 'agent' AND s.active = 1)")]
ok(len(data) == len(agents) + len(bare), f"helper-roster: {len(agents)} agents + {len(bare)} "
   "villages without one", len(data))
ok(len(bare) > 0 and all(any(r[2] == v and r[7] == "未配备帮办代办员" and r[3] is None
                             for r in data) for v in bare),
   "helper-roster: a village without an agent is listed as 未配备帮办代办员", bare)
ids = sorted(r[4] for r in data if r[4])
ok(ids == sorted(a[0] for a in agents if a[0]), "helper-roster: full ID numbers")

# ---- 转办台账: every referral by department, with its reply dates ----
REFERRALS = ["序号", "承办部门", "转办事项", "求助人", "村（社区）", "求助事项", "转办日期",
             "答复时限", "反馈日期", "办理结果", "反馈人", "状态"]
RFROM, RTO = "2026-01-01", "2026-10-15"
township = q1("SELECT name FROM townships ORDER BY id LIMIT 1")
wb = export("referral-ledger", "--from", RFROM, "--to", RTO, "--township", township)
data = check_table(wb.active, "referral-ledger", f"{township}社会救助转办事项台账", REFERRALS,
                   f"转办时间：{RFROM} 至 {RTO}")
check_fonts(wb.active, "referral-ledger")
check_heights(wb.active, "referral-ledger")
want = q("SELECT r.department, r.item, q.name, v.name, q.need, r.referred_on, r.due_on, r.result_on, "
         "r.result, r.replied_by, r.state FROM referrals r JOIN help_requests q ON q.id = r.request_id "
         "JOIN villages v ON v.id = r.village_id WHERE r.referred_on BETWEEN ? AND ? "
         "ORDER BY r.department, r.referred_on, r.id", RFROM, RTO)
body = data[:-1]			# the signature line closes the table
ok(len(body) == len(want) and len(want) >= 5, f"referral-ledger: {len(want)} referrals, as in the store",
   len(body))


def day(v):
    return v.strftime("%Y-%m-%d") if isinstance(v, datetime.datetime) else v


def status(w):
    if w[10] == "withdrawn":
        return "已撤回"
    if w[10] == "replied":
        return "逾期反馈" if w[7] > w[6] else "已反馈"
    return "未反馈"


bad = [(r, w) for r, w in zip(body, want)
       if (r[1], r[2], r[3], r[4], r[5]) != w[:5]
       or (day(r[6]), day(r[7]), day(r[8])) != w[5:8]
       or (r[9], r[10]) != w[8:10] or r[11] != status(w)]
ok(not bad, "referral-ledger: each row's department, item, person, dates, result, who and state",
   *bad[:3])
ok({status(w) for w in want} >= {"已反馈", "逾期反馈", "未反馈", "已撤回"},
   "referral-ledger: the demo covers answered, late, waiting and withdrawn referrals",
   {status(w) for w in want})
ok(all(isinstance(r[6], datetime.datetime) for r in body), "referral-ledger: dates are Excel dates")

# ---- case register ----
CASES = ["序号", "村（社区）", "申请人", "身份证号码", "救助类别", "申请渠道", "状态", "接收日期",
         "受理日期", "开始调查日期", "初审日期", "公示开始日期", "决定日期", "金额（元）"]
wb = export("cases")
ws = wb.active
data = check_table(ws, "cases", "社会救助申请案件登记簿", CASES, subtitle=rows_of(ws)[1][0])
cnt = q1("SELECT count(*) FROM applications")
ok(len(data) == cnt and cnt > 0, f"cases: {cnt} rows, as in the store", len(data))
want = sorted(mask(r[0]) for r in q("SELECT p.id_number FROM applications a JOIN persons p "
                                    "ON p.id = a.applicant_id"))
got = sorted(r[3] for r in data)
ok(got == want and all(re.fullmatch(r"\d{4}\*{10}[0-9X]{4}", g) for g in got),
   "cases: ID numbers masked (4 + 4)", got[:3])
states = {"已接收", "待补材料", "视为放弃", "已受理", "调查中", "已初审", "公示中", "报县审批",
          "已确认", "不予确认", "已公布"}
ok({r[6] for r in data} <= states, "cases: states shown in Chinese", {r[6] for r in data})
dated = all(all(c is None or isinstance(c, datetime.datetime) for c in r[7:13]) for r in data)
ok(dated, "cases: every date column holds real dates")
money = q1("SELECT coalesce(sum(amount), 0) FROM applications") / 100
ok(abs(sum(r[13] or 0 for r in data) - money) < 0.005, "cases: 金额 in yuan sums as the store",
   money)
nf = [c.number_format for c in ws["N"][3:] if c.value is not None]
ok(nf and set(nf) == {"0.00"}, "cases: money cells formatted 0.00", set(nf))
check_fonts(ws, "cases")
check_heights(ws, "cases")

# ---- statistics with a chart ----
wb = export("stats")
data = check_table(wb.worksheets[0], "stats", "社会救助申请统计汇总",
                   ["序号", "村（社区）", "救助类别", "状态", "件数", "金额合计（元）"],
                   subtitle=rows_of(wb.worksheets[0])[1][0])
groups = q1("SELECT count(*) FROM (SELECT 1 FROM applications a JOIN households h "
            "ON h.id = a.household_id GROUP BY h.village_id, a.kind, a.state)")
ok(len(data) == groups, f"stats: {groups} groups", len(data))
ok(sum(r[4] for r in data) == q1("SELECT count(*) FROM applications"), "stats: counts add up")
ok(len(wb.worksheets) == 2 and len(wb.worksheets[1]._charts) == 1,
   "stats: a native Excel chart on the second sheet")

# ---- a due date past the holiday calendar prints as provisional ----
prov = os.path.join(TMP, "prov.db")
src = sqlite3.connect(DB)
dst = sqlite3.connect(prov)
dst.create_function("jz_guard", 0, lambda: None)  # a test's copy: write past the guard
src.backup(dst)
src.close()
last_year = max(int(y) for y in re.findall(r"(?m)^y(20\d\d)\s*=", open("tuiconfig.ini",
                                                                   encoding="utf-8").read()))
late_due = f"{last_year + 1}-01-18"
eid, evillage = dst.execute("SELECT e.id, v.name FROM entrustments e JOIN villages v ON v.id = e.village_id "
                            "ORDER BY e.id LIMIT 1").fetchone()
dst.execute("UPDATE entrustments SET due_on = ?, received_on = ? WHERE id = ?", (late_due, FROM, eid))
dst.commit()
dst.close()
saved, DB = DB, prov
wb = export("helper-ledger", "--village", evillage, "--from", FROM, "--to", TO, name="prov")
DB = saved
cells = [c.value for row in wb.active.iter_rows() for c in row]
ok(f"{late_due}（暂按周末计算）" in cells,
   f"helper-ledger: a 办理时限 in {last_year + 1}, past the holiday calendar, prints as provisional",
   [c for c in cells if isinstance(c, str) and c.startswith(str(last_year + 1))])

# ---- usage errors: exit 2, message names the option ----
for args, opt, what in [
        (["helper-quarterly", "--quarter", "2026Q5"], "--quarter", "bad quarter"),
        (["helper-ledger", "--village", "没有这个村", "--from", FROM, "--to", TO], "--village",
         "unknown village"),
        (["helper-ledger", "--village", village, "--from", TO, "--to", FROM], "--from",
         "from after to"),
        (["helper-ledger", "--village", village, "--from", "2026-13-01", "--to", TO], "--from",
         "bad date"),
        (["helper-ledger", "--from", FROM, "--to", TO], "--village", "missing --village"),
        (["nope"], "nope", "unknown report")]:
    out = os.path.join(TMP, "usage.xlsx")
    rc, so, se = run("export", *args, "-o", out)
    ok(rc == 2 and opt in se and not os.path.exists(out), f"usage error ({what}): exit 2 naming {opt}",
       f"status {rc}", se.strip())
rc, so, se = run("export", "cases")
ok(rc == 2 and "-o" in se, "usage error (no -o): exit 2", se.strip())

# ---- unwritable targets: exit 1, clear message, no file left ----
rc, so, se = run("export", "cases", "-o", "/proc/x.xlsx")
ok(rc == 1 and "/proc/x.xlsx" in se and not os.path.exists("/proc/x.xlsx"),
   "unwritable /proc/x.xlsx: exit 1, no file", f"status {rc}", se.strip())
rc, so, se = run("export", "cases", "-o", os.path.join(TMP, "no-such-dir", "x.xlsx"))
ok(rc == 1 and "目录不存在" in se, "missing directory: exit 1 with 目录不存在", se.strip())
if os.geteuid() != 0:
    ro = os.path.join(TMP, "ro")
    os.mkdir(ro, 0o555)
    rc, so, se = run("export", "cases", "-o", os.path.join(ro, "x.xlsx"))
    ok(rc == 1 and os.listdir(ro) == [], "read-only directory: exit 1, nothing left", se.strip())
else:
    ok(True, "read-only directory # SKIP running as root")


def small_disk():
    """A file-size limit stands in for a full disk: writes fail (EFBIG)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


# A copy of the store with enough applications for an export well over the
# limit (the store's WAL index needs 32 KiB, so the limit cannot be tiny).
big = os.path.join(TMP, "big.db")
src = sqlite3.connect(DB)
dst = sqlite3.connect(big)
dst.create_function("jz_guard", 0, lambda: None)  # a test's copy: write past the guard
src.backup(dst)
src.close()
cols = [r[1] for r in dst.execute("PRAGMA table_info(applications)") if r[1] != "id"]
while dst.execute("SELECT count(*) FROM applications").fetchone()[0] < 4000:
    dst.execute(f"INSERT INTO applications ({','.join(cols)}) SELECT {','.join(cols)} "
                "FROM applications")
dst.commit()
dst.close()
full = os.path.join(TMP, "full")
os.mkdir(full)
shutil.copy(os.path.join(TMP, "cases.xlsx"), os.path.join(full, "old.xlsx"))
saved, DB = DB, big
rc, so, se = run("export", "cases", "-o", os.path.join(full, "old.xlsx"), preexec=small_disk)
DB = saved
left = sorted(os.listdir(full))
same = open(os.path.join(full, "old.xlsx"), "rb").read() == open(os.path.join(TMP, "cases.xlsx"),
                                                                   "rb").read()
ok(rc == 1 and left == ["old.xlsx"] and same and "失败" in se,
   "write fails midway (disk full): exit 1, old file intact, no temp file", f"status {rc}",
   se.strip(), left)

# ---- a report file that writes is refused, naming file and line ----
cfgdir = os.path.join(TMP, "cfg")
rdir = os.path.join(cfgdir, "reports")
shutil.copytree("reports", rdir)
cfg = open("tuiconfig.ini", encoding="utf-8").read()
cfg = re.sub(r"(?m)^forms = .*$", f"forms = {ROOT}/forms", cfg)
cfg = re.sub(r"(?m)^reports = .*$", f"reports = {rdir}", cfg)
cfgpath = os.path.join(cfgdir, "tuiconfig.ini")
open(cfgpath, "w", encoding="utf-8").write(cfg)
before = q1("SELECT count(*) FROM applications")
for query, what in [("DELETE FROM applications", "DELETE"),
                    ("WITH x AS (SELECT 1) DELETE FROM applications", "WITH … DELETE")]:
    bad = os.path.join(rdir, "zz-bad.ini")
    open(bad, "w", encoding="utf-8").write(
        "; bad\n[report]\nid = bad\ntitle = 坏报表\n"
        f"query = {query}\n[column.1]\nheader = 甲\n")
    rc, so, se = run("export", "cases", "-o", os.path.join(TMP, "bad.xlsx"), cfg=cfgpath)
    ok(rc == 1 and "zz-bad.ini" in se and "第 5 行" in se,
       f"report with a {what} query refused, naming file and line", f"status {rc}", se.strip())
ok(q1("SELECT count(*) FROM applications") == before, "the refused queries changed nothing")
os.unlink(bad)
rc, so, se = run("report", "list", cfg=cfgpath)
ok(rc == 0 and "helper-quarterly" in so and "--quarter" in so, "report list shows ids and params",
   so[:200])

# ---- the quarterly ledger's note follows [quarterly] due ----
open(cfgpath, "w", encoding="utf-8").write(re.sub(r"(?m)^due = .*$", "due = 03-31, 09-30", cfg))
out = os.path.join(TMP, "q-due.xlsx")
rc, so, se = run("export", "helper-quarterly", "--quarter", "2026Q3", "-o", out, cfg=cfgpath)
note = rows_of(openpyxl.load_workbook(out).active)[-1][0] if rc == 0 else se.strip()
ok(note == "注：每季度（3月31日、9月30日前）各报送一次。" + head_text(),
   "helper-quarterly: the note says tuiconfig.ini's [quarterly] due dates", note)

# ---- many rows (a 4,000-row register): every one, in the store's order ----
saved, DB = DB, big
bigcon = sqlite3.connect(big)
want = [(name, mask(idn)) for name, idn in bigcon.execute(
    "SELECT p.name, p.id_number FROM applications a JOIN households h ON h.id = a.household_id "
    "JOIN villages v ON v.id = h.village_id JOIN persons p ON p.id = a.applicant_id ORDER BY a.id")]
bigcon.close()
fast = os.path.join(TMP, "fast.xlsx")
rc, so, se = run("export", "cases", "-o", fast)
got = [(r[2], r[3]) for r in rows_of(openpyxl.load_workbook(fast).active)[3:]] if rc == 0 else []
ok(rc == 0 and len(want) >= 4000 and got == want,
   f"cases of {len(want)} rows: every row, in the store's order", f"status {rc}", se.strip(),
   len(got), next(((i, g, w) for i, (g, w) in enumerate(zip(got, want)) if g != w), None))

# ---- [export] compression: the level of every part, cells unchanged ----
open(cfgpath, "w", encoding="utf-8").write(re.sub(r"(?m)^compression = .*$", "compression = 9", cfg))
small = os.path.join(TMP, "small.xlsx")
rc, so, se = run("export", "cases", "-o", small, cfg=cfgpath)
size_fast, size_small = os.path.getsize(fast), os.path.getsize(small) if rc == 0 else 0
ok(rc == 0 and size_fast > size_small * 1.1,
   "[export] compression: level 9 makes a smaller file than the default 1",
   f"status {rc}", se.strip(), size_fast, size_small)
cells = rows_of(openpyxl.load_workbook(fast).active)
cells9 = rows_of(openpyxl.load_workbook(small).active) if rc == 0 else []
ok(cells == cells9, "[export] compression: the same cells at either level")
open(cfgpath, "w", encoding="utf-8").write(re.sub(r"(?m)^compression = .*$", "compression = 0", cfg))
none = os.path.join(TMP, "none.xlsx")
rc, so, se = run("export", "cases", "-o", none, cfg=cfgpath)
ok(rc != 0 and "[export] compression" in se and "超出范围" in se and not os.path.exists(none),
   "[export] compression = 0: refused, naming the key", f"status {rc}", se.strip())
DB = saved

shutil.rmtree(TMP, ignore_errors=True)
sys.exit(1 if failed else 0)
