"""3 公示公布: on a demo store, a village with cases whose initial review is
done is picked with v and its list posted with P; the store then has those
cases in publicity for 7 calendar days and one batch with an entry each; the
.xlsx written next to the store has the names and nothing more (no ID
numbers, no addresses). A writes the announcement list of a village."""
import glob
import os
import re
import shutil
import sys

import openpyxl

sys.path.insert(0, os.path.dirname(__file__))
from tmuxterm import DemoStore, Tap, Term  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
JZ = os.path.join(ROOT, "jiuzhu")
CFG = os.path.join(ROOT, "tuiconfig.ini")
USER = "吴经办"
DAY = "2026-03-02"
FIRST = "2026-03-03"		# 7 calendar days from the day after posting (民法典 第二百零一条)
LAST = "2026-03-09"		# DAY + 1 .. DAY + 7
ID18 = re.compile(r"\d{17}[\dXx]")

tap = Tap()
store = DemoStore(200, DAY, USER)
tmp, db, env, cmd = store.tmp, store.db, store.env, store.cmd


q = store.q


def wait_all(t, *texts, timeout=10.0):
    return t.wait_all(*texts, timeout=timeout)


def pick_village(t, index, current):
    """The list opens on the current village."""
    t.type("v")
    t.wait_for("上下键 选择  Enter 确定")
    for _ in range((index - current) % len(villages)):
        t.keys("Down")
    t.keys("Enter")


def cells(path):
    wb = openpyxl.load_workbook(path)
    out = []
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            out += [str(c) for c in row if c is not None]
    return wb, out


villages = q("SELECT id, name FROM villages ORDER BY id")
ready = q("SELECT h.village_id, count(*) FROM applications a JOIN households h ON h.id = a.household_id "
          "WHERE a.state = 'reviewed' GROUP BY h.village_id ORDER BY count(*) DESC, h.village_id")
if not ready:
    tap.check(False, "the demo store has reviewed applications")
    sys.exit(1)
vid = ready[0][0]
vindex = [v for v, _ in villages].index(vid)
vname = villages[vindex][1]
# The screen opens on the first village (by id) with something to post.
start = min([v for v, _ in villages].index(v) for v, _ in ready)
apps = q("SELECT a.id, p.name, a.initial_opinion, h.address FROM applications a "
         "JOIN persons p ON p.id = a.applicant_id JOIN households h ON h.id = a.household_id "
         "WHERE a.state = 'reviewed' AND h.village_id = ? ORDER BY a.id", vid)
others = q("SELECT a.id FROM applications a JOIN households h ON h.id = a.household_id "
           "WHERE a.state = 'reviewed' AND h.village_id != ?", vid)
batches_before = q("SELECT count(*) FROM publicity_batches")[0][0]

t = Term(cmd, env=env)
try:
    t.wait_for("主菜单")
    t.type("3")
    s = wait_all(t, "公示公布", "待公示（已初审）", "公示中的名单", "P 张贴公示")
    tap.check("尚未完成" not in s, "menu item 3 opens the publicity screen", s)

    pick_village(t, vindex, start)
    s = wait_all(t, f"村（社区）：{vname}", f"待公示（已初审）{len(apps)} 件")
    shown = [n for _, n, _, _ in apps if n in s]
    tap.check(len(shown) >= min(len(apps), 5), "the village's reviewed cases are listed by name", s)
    tap.check(("拟纳入" in s) or ("拟不纳入" in s), "with their initial opinion", s)
    tap.check(not ID18.search(s), "no ID number on the screen", s)

    t.keys("F1")
    s = t.wait_for("7 个自然日")
    tap.check("身份证号码" in s and "监督举报电话" in s, "F1 explains the screen", s)
    t.keys("Escape")
    t.wait_for("P 张贴公示")

    t.type("P")
    s = wait_all(t, "请确认", vname, LAST)
    tap.check(f"{len(apps)} 件" in s, "P asks first, naming the village, count and end date", s)
    t.keys("Enter")
    s = wait_all(t, "公示名单已张贴", "公示表已写入")
    tap.check("公示名单-" in s and ".xlsx" in s, "the file's path is shown", s)
    t.type("x")
    s = wait_all(t, "待公示（已初审）0 件", LAST)
    tap.check(vname in s.split("公示中的名单")[1], "the new batch is listed with its end date", s)

    # The announcement list of a village with approved cases.
    ann = q("SELECT h.village_id FROM applications a JOIN households h ON h.id = a.household_id "
            "WHERE a.state IN ('approved', 'announced') GROUP BY h.village_id "
            "ORDER BY count(*) DESC LIMIT 1")
    ann_path = None
    if ann:
        aindex = [v for v, _ in villages].index(ann[0][0])
        pick_village(t, aindex, vindex)
        wait_all(t, f"村（社区）：{villages[aindex][1]}")
        t.type("A")
        s = t.wait_for("公布名单（")
        t.type("n")			# leave the states as they are
        t.wait_for("公布名单：")
        ann_path = os.path.join(tmp, f"公布名单-{villages[aindex][1]}-{DAY}.xlsx")

    t.keys("Escape")
    t.quit()
finally:
    t.close()

# The store.
rows = q("SELECT a.id, a.state, a.publicity_from, a.publicity_to FROM applications a "
         "WHERE a.id IN (%s)" % ",".join(str(a[0]) for a in apps))
tap.check(all(r[1] == "publicity" and r[2] == DAY and r[3] == LAST for r in rows) and len(rows) == len(apps),
          "store: every reviewed case of the village is in publicity, from today for 7 days", rows)
still = q("SELECT count(*) FROM applications WHERE state = 'reviewed' AND id IN (%s)"
          % ",".join(str(o[0]) for o in others)) if others else [(0,)]
tap.check(still[0][0] == len(others), "store: other villages' reviewed cases untouched", still)
b = q("SELECT id, village_id, posted_on, ends_on, posted_by FROM publicity_batches ORDER BY id DESC LIMIT 1")[0]
tap.check(q("SELECT count(*) FROM publicity_batches")[0][0] == batches_before + 1
          and b[1:] == (vid, DAY, LAST, USER), "store: one new batch row for the village, by the user", b)
entries = q("SELECT application_id, proposal FROM publicity_entries WHERE batch_id = ? ORDER BY application_id", b[0])
tap.check([e[0] for e in entries] == [a[0] for a in apps]
          and all(e[1] == a[2] for e, a in zip(entries, apps)),
          "store: one entry per case with its proposal", entries)
events = q("SELECT count(*) FROM case_events WHERE step = 'publicize' AND on_date = ? AND who = ?", DAY, USER)
tap.check(events[0][0] == len(apps), "store: a publicize event per case", events)

# The list as printed.
files = glob.glob(os.path.join(tmp, f"公示名单-{vname}-{DAY}-{b[0]}.xlsx"))
tap.check(len(files) == 1, "the publicity list is written next to the store", os.listdir(tmp))
if files:
    wb, text = cells(files[0])
    tap.check(all(any(n == c for c in text) for _, n, _, _ in apps), "the xlsx has every applicant's name", text)
    tap.check(not any(ID18.search(c) for c in text), "the xlsx has no ID number", text)
    addresses = [a[3] for a in apps if a[3]]
    tap.check(not any(addr in c for addr in addresses for c in text), "the xlsx has no address", text)
    ws = wb.worksheets[0]
    tap.check("审核确认公示" in str(ws["A1"].value), "title 「…审核确认公示」", ws["A1"].value)
    # A kind paid once (临时救助 …) has no 「/月」 in its amount's header.
    once = ("临时救助", "医疗救助", "就业救助", "住房救助", "教育救助", "灾害救助")
    amount = "拟救助金额（元）" if ws.title in once else "拟保障金额（元/月）"
    header = [c.value for c in ws[3]]
    tap.check(header[:5] == ["序号", "姓名", "家庭人口", "初审意见", amount], "the columns",
              (ws.title, header))
    tap.check(any(f"公示期：{FIRST} 至 {LAST}" in c for c in text), "the publicity period below the list", text)
    tap.check(any("监督举报电话" in c for c in text), "the complaint telephone below the list", text)
    tap.check(set(c for c in text if c in ("拟纳入", "拟不纳入")) == set(
        "拟纳入" if a[2] == "include" else "拟不纳入" for a in apps), "the opinions as words", text)
if ann_path is not None:
    ok = os.path.exists(ann_path)
    tap.check(ok, "A writes the announcement list", os.listdir(tmp))
    if ok:
        _, text = cells(ann_path)
        tap.check(not any(ID18.search(c) for c in text) and any("监督举报电话" in c for c in text),
                  "the announcement: no ID numbers, the complaint telephone", text)
shutil.rmtree(tmp, ignore_errors=True)
tap.exit()
