"""The rules each step checks, at 80x24 on a demo store dated 2026-12-21
(the holiday calendar ends with 2026):

- a second application of a kind for a household that has one open is
  refused at intake, naming it;
- a case in publicity gets an objection (with its objector), a 民主评议, a
  new initial review, and is posted again: the publicity screen and the
  printed list mark it 「第二次公示」;
- a due date in 2027 is provisional: 「（暂按周末计算）」 on the case screen,
  「暂」 in the application list;
- a week later (a new session), that case's publicity has ended: it is
  「待确认」, not overdue, and not in 时限预警."""
import datetime
import os
import shutil
import subprocess
import sys

import openpyxl

sys.path.insert(0, os.path.dirname(__file__))
from tmuxterm import DemoStore, Tap, Term, step_key  # noqa: E402

USER = "钱经办"
DAY = "2026-12-21"
DAY2 = "2026-12-29"		# the second publicity (12-22 … 12-28) has ended
FORM = "带 * 的必须填写"

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
tap = Tap()
store = DemoStore(300, DAY, USER)
tmp, db, env, cmd = store.tmp, store.db, store.env, store.cmd
q = store.q


def find(t, idn):
    """In a list with a search line: / the ID number, Enter."""
    t.type("/")
    t.type(idn)
    t.keys("Enter")


def open_case(t, idn, name):
    """2 审核审批, the case found by the applicant's ID number."""
    t.type("2")
    t.wait_for("搜索：")
    find(t, idn)
    t.wait_for(name)
    t.keys("Enter")
    return t.wait_all("可办理：", "入户调查记录")


def weekdays_after(day, n):
    """n Monday-to-Friday days after day: the count with weekends only."""
    d = datetime.date.fromisoformat(day)
    while n:
        d += datetime.timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d.isoformat()


# A household with an open 低保 application.
dup = q("SELECT a.id, p.name, p.id_number FROM applications a JOIN persons p ON p.id = a.applicant_id "
        "WHERE a.kind = 'dibao' AND a.state IN ('received', 'accepted', 'investigating') ORDER BY a.id LIMIT 1")
# A case in publicity, to object to.
pub = q("SELECT a.id, p.name, p.id_number, h.village_id FROM applications a "
        "JOIN persons p ON p.id = a.applicant_id JOIN households h ON h.id = a.household_id "
        "WHERE a.state = 'publicity' AND (SELECT count(*) FROM case_events e WHERE e.application_id = a.id "
        "AND e.step = 'publicize') = 1 ORDER BY a.accepted_on DESC, a.id LIMIT 1")
# An open case accepted this month: its total limit falls in 2027.
late = q("SELECT a.id, p.name, p.id_number, a.accepted_on, a.delegated FROM applications a "
         "JOIN persons p ON p.id = a.applicant_id WHERE a.state IN ('accepted', 'investigating', 'reviewed') "
         "AND a.kind <> 'tekun' "  # 特困 has its own limits ([limits.tekun])
         "AND a.accepted_on >= '2026-12-01' AND a.special_extension = 0 ORDER BY a.id LIMIT 1")
for what, rows in (("an open 低保 case", dup), ("a case in publicity", pub),
                   ("an open case accepted in December", late)):
    tap.check(bool(rows), f"the demo store has {what}")
if not (dup and pub and late):
    sys.exit(1)

t = Term(cmd, env=env)
try:
    t.wait_for("主菜单")

    # ---- one application of a kind per household ----
    app, name, idn = dup[0]
    n_before = q("SELECT count(*) FROM applications")[0][0]
    t.type("1")
    t.wait_for("n 登记新家庭")
    find(t, idn)
    t.wait_for(name)
    t.keys("Enter")
    t.wait_for("家庭成员")
    t.type("n")
    t.wait_for("救助申请")
    t.wait_for(FORM)
    t.keys("Space")
    t.wait_for("上下键 选择  Enter 确定")
    t.keys("Enter")			# the first kind: 最低生活保障
    t.wait_for("最低生活保障")
    t.keys("F2")
    s = t.wait_for("未保存")
    tap.check("该户已有一件最低生活保障申请" in s and f"编号 {app}" in s,
              "a second 低保 application for the household is refused, naming the open one", s)
    tap.check(q("SELECT count(*) FROM applications")[0][0] == n_before, "and nothing is saved")
    t.keys("Escape")
    t.wait_for("家庭成员")
    t.keys("Escape")
    t.wait_for("n 登记新家庭")
    t.keys("Escape")
    t.wait_for("主菜单")

    # ---- an objection, a 民主评议, the second publicity ----
    app, name, idn, vid = pub[0]
    s = open_case(t, idn, name)
    t.type(step_key(s, "公示有异议，重新调查"))
    t.wait_for(FORM)
    for x in ("本组村民孙某", "反映该户有经营收入"):
        t.keys("Tab")
        t.type(x)
    t.keys("F2")
    s = t.wait_all("状态：调查中", "可办理：")
    o = q("SELECT objector, received_on FROM objections WHERE application_id = ? ORDER BY id DESC LIMIT 1", app)
    tap.check(o == [("本组村民孙某", DAY)], "the objection is recorded with the objector and the day", o)
    t.type("m")
    t.wait_for(FORM)
    t.keys("Tab")
    t.type("村民代表 9 人")
    t.keys("Tab")
    t.type("经营收入不稳定，维持原意见")
    t.keys("F2")
    t.wait_for("已保存民主评议记录")
    s = t.wait_for("可办理：")
    t.type(step_key(s, "提出初审意见"))
    t.wait_for(FORM)
    t.keys("Tab", "Space")
    t.wait_for("上下键 选择  Enter 确定")
    t.keys("Down", "Enter")		# 拟不纳入
    t.keys("F2")
    t.wait_all("状态：已初审", "可办理：")
    t.keys("Escape")
    t.wait_for("搜索：")
    t.keys("Escape")
    t.wait_for("主菜单")

    villages = [v for (v,) in q("SELECT id FROM villages ORDER BY id")]
    vname = q("SELECT name FROM villages WHERE id = ?", vid)[0][0]
    ready = [v for (v,) in q("SELECT DISTINCT h.village_id FROM applications a JOIN households h "
                             "ON h.id = a.household_id WHERE a.state = 'reviewed'")]
    start = min(villages.index(v) for v in ready)
    t.type("3")
    t.wait_for("P 张贴公示")
    t.type("v")
    t.wait_for("上下键 选择  Enter 确定")
    for _ in range((villages.index(vid) - start) % len(villages)):
        t.keys("Down")
    t.keys("Enter")
    s = t.wait_all(f"村（社区）：{vname}", name)
    row = next((line for line in s.splitlines() if name in line), "")
    tap.check("第二次公示" in row, "the publicity screen marks the case 第二次公示", s)
    t.type("P")
    t.wait_for("请确认")
    t.keys("Enter")
    t.wait_for("公示表已写入")
    t.type("x")
    t.wait_for("待公示（已初审）0 件")
    t.keys("Escape")
    t.wait_for("主菜单")
    batch = q("SELECT max(id) FROM publicity_batches")[0][0]
    path = os.path.join(tmp, f"公示名单-{vname}-{DAY}-{batch}.xlsx")
    tap.check(os.path.exists(path), "the list is written", os.listdir(tmp))
    if os.path.exists(path):
        wb = openpyxl.load_workbook(path)
        marked = {}
        for ws in wb.worksheets:
            head = None
            for r in ws.iter_rows(values_only=True):
                if "姓名" in r and "备注" in r:
                    head = r
                elif head is not None and r[head.index("姓名")] is not None:
                    marked[r[head.index("姓名")]] = r[head.index("备注")]
        tap.check(marked.get(name) == "第二次公示", "the printed list marks the case 第二次公示 in 备注", marked)
        others = [v for k, v in marked.items() if k != name]
        first = q("SELECT count(*) FROM publicity_entries pe JOIN applications a ON a.id = pe.application_id "
                  "WHERE pe.batch_id = ? AND (SELECT count(*) FROM case_events e WHERE e.application_id = a.id "
                  "AND e.step = 'publicize') = 1", batch)[0][0]
        tap.check(sum(1 for v in others if not v) == first, "cases posted for the first time are not marked",
                  marked)

    # ---- a due date past the holiday calendar ----
    app, name, idn, accepted, delegated = late[0]
    total = 20 if delegated else 25
    due = weekdays_after(accepted, total)
    s = open_case(t, idn, name)
    tap.check(f"审核确认办结 {due}（暂按周末计算）" in s,
              f"the case screen says the 2027 due date {due} is provisional", s)
    t.keys("Escape")
    t.wait_for("搜索：")
    next_due = q("SELECT next_due_on FROM applications WHERE id = ?", app)[0][0]
    s = t.wait_for(name)
    row = next((line for line in s.splitlines() if line.startswith(name[:2])), "")
    tap.check(next_due < "2027" or f"{next_due}暂" in row, "the list marks a 2027 due date 暂", (next_due, row))
    t.keys("Escape")
    t.wait_for("主菜单")

    t.type("q")
    s = t.wait_for("EXITED=")
    tap.check("EXITED=0" in s, "q quits with status 0", s)
finally:
    t.close()

# ---- a week later: 待确认 after publicity, not in 时限预警 ----
app, name, idn, vid = pub[0]
a = q("SELECT publicity_to, next_due_on, next_due_what FROM applications WHERE id = ?", app)[0]
tap.check(a[0] == "2026-12-28" and a[2] != "公示期满" and a[1] > DAY2,
          "posted again on 12-21: publicity to 12-28; the next deadline is the (extended) confirmation limit", a)
t = Term(cmd, env=dict(env, JIUZHU_TODAY=DAY2))
try:
    t.wait_for("主菜单")
    s = open_case(t, idn, name)
    tap.check("状态：待确认（第二次公示）" in s and "期限：待确认 " in s and "公示期满" not in s.split("办理经过")[0],
              "after its 7 days the case shows 待确认 (第二次公示)", s)
    tap.check("已逾期" not in s.split("期限：")[1].split("办理经过")[0], "and nothing is overdue", s)
    t.keys("Escape")
    s = t.wait_for("搜索：")
    row = next((line for line in s.splitlines() if line.startswith(name[:2])), "")
    tap.check("待确认" in row, "the application list shows 待确认", s)
    t.keys("Escape")
    t.wait_for("主菜单")
    # 时限预警 lists what `jiuzhu alerts` lists: the case is there only as 待确认, not overdue.
    t.type("4")
    s = t.wait_for("已逾期")
    out = subprocess.run([os.path.join(ROOT, "jiuzhu"), "-c", os.path.join(ROOT, "tuiconfig.ini"),
                          "--db", db, "alerts", "--format", "tsv"], check=True, capture_output=True,
                         text=True, env={**os.environ, **env, "JIUZHU_TODAY": DAY2}).stdout
    mine = [r.split("\t") for r in out.splitlines() if r.split("\t")[5] == str(app)]
    tap.check(all(int(r[1]) >= 0 for r in mine) and all("待确认" in r[2] for r in mine),
              "时限预警 does not list it as overdue", mine)
    t.keys("Escape")
    t.wait_for("主菜单")
    t.type("q")
    t.wait_for("EXITED=")
finally:
    t.close()

shutil.rmtree(tmp, ignore_errors=True)
tap.exit()
