"""在册管理 at 80x24 on a demo store: menu item 0 lists the households on the
rolls; a 特困 household's file opens with Enter; a review (r) that ends
support records the visit, sets the next review a year on (tekun = 12
months) and starts the 7-day publicity of the end; the leader's
confirmation before it is over is refused with the date; p prints the
household's file (户档案), read back cell by cell; g prints the village's
特困人员终止供养公示 (reports/tekun-end.ini) through 6 导出报表 with the
village filled in, read back cell by cell; a late re-certification (a)
makes the roll due again 12 months after it; m narrows the list to those
due for re-certification this month and p prints that list. The day
after the publicity, 4 时限预警 shows the end on the roll (k 在册); Enter
opens the 户档案, where the leader confirms it and the alert goes."""
import glob
import os
import re
import sys

import openpyxl

sys.path.insert(0, os.path.dirname(__file__))
from tmuxterm import DemoStore, Tap, Term  # noqa: E402

DAY = "2026-06-30"
ID18 = re.compile(r"\d{17}[\dXx]")

tap = Tap()
store = DemoStore(300, DAY, "吴经办")
q = store.q



rows = q("SELECT r.id, p.name, r.household_id FROM rolls r JOIN applications a ON a.id = r.application_id "
         "JOIN persons p ON p.id = a.applicant_id WHERE r.kind = 'tekun' AND r.state = 'active' "
         "AND (SELECT count(*) FROM persons x WHERE x.name = p.name) = 1 ORDER BY r.id")
if not rows:
    tap.check(False, "the demo store has a 特困 household on the rolls")
    sys.exit(1)
rid, name, hh = rows[0]
low = q("SELECT r.id, p.name, r.amount FROM rolls r JOIN applications a ON a.id = r.application_id "
        "JOIN persons p ON p.id = a.applicant_id WHERE r.kind = 'dibao' AND r.state = 'active' "
        "AND (SELECT count(*) FROM persons x WHERE x.name = p.name) = 1 ORDER BY r.id")
listed = q("SELECT count(*) FROM rolls WHERE state <> 'ended'")[0][0]
reviews = q("SELECT count(*) FROM reviews WHERE roll_id = ?", rid)[0][0]

t = Term(store.cmd, env=store.env)
try:
    t.wait_for("主菜单")
    s = t.wait_for("在册管理")
    tap.check(" 0  在册管理" in s, "the menu's tenth item is 0 在册管理", s)
    t.type("0")
    s = t.wait_all("村：全部", "在册起", "复核 ")
    tap.check(not ID18.search(s), "no ID number on the rolls screen", s)
    tap.check(f"共 {listed}" in s or listed <= 18, "the list holds the households not ended", s)

    t.type("/")
    t.type(name)
    s = t.wait_for(name)
    t.keys("Enter")
    t.keys("Enter")
    s = t.wait_all("户档案", "特困", "【在册】", "r 复核")
    tap.check("纳入在册" in s and "公布" in s, "the file shows the case's steps and the enrolment", s)

    t.type("r")
    t.wait_for("复核人员")
    t.keys("Tab")
    t.type("李经办、王村干")
    t.keys("Tab")
    t.type("本人已由子女接回赡养")
    t.keys("Tab", "Space")
    t.pick(3)				# 终止
    t.keys("Tab", "Space")
    t.pick(2)				# 特困供养人员
    t.keys("Tab", "Tab")
    t.type("有法定赡养人且具备赡养能力")
    t.keys("F2")
    s = t.wait_all("【终止公示中】", "终止公示至 2026-07-07")
    tap.check("复核" in s and "本人已由子女接回赡养" in s, "the review is in the file's history", s)
    tap.check(q("SELECT state, end_publicity_to FROM rolls WHERE id = ?", rid) == [("end_pending", "2026-07-07")],
              "the store has the end under publicity until 2026-07-07")
    tap.check(q("SELECT count(*) FROM reviews WHERE roll_id = ?", rid)[0][0] == reviews + 1,
              "one review row was added")
    tap.check(q("SELECT next_review_on FROM households WHERE id = ?", hh) == [("2027-06-30",)],
              "the next review is a year on (tekun = 12 months)")

    t.type("1")
    t.wait_for("办理日期")
    t.keys("F2")
    s = t.wait_for("公示期满后才能确认终止")
    tap.check("2026-07-07" in s, "confirming the end before the publicity is over is refused", s)
    tap.check(q("SELECT state FROM rolls WHERE id = ?", rid) == [("end_pending",)], "and nothing changed")
    t.keys("Escape")
    t.wait_for("已暂存")

    t.type("p")
    s = t.wait_for("已导出户档案")
    files = glob.glob(os.path.join(store.tmp, "户档案-*.xlsx"))
    tap.check(len(files) == 1, "p writes the file next to the store", files)
    if files:
        tap.check((os.stat(files[0]).st_mode & 0o077) == 0, "readable by its owner only")
        wb = openpyxl.load_workbook(files[0])
        tap.check(wb.sheetnames == ["在册情况", "档案记录"], "two sheets", wb.sheetnames)
        ws = wb["在册情况"]
        tap.check("社会救助户档案" in str(ws["A1"].value), "titled 户档案", ws["A1"].value)
        tap.check(name in str(ws["A2"].value), "the subtitle names the head", ws["A2"].value)
        hdr = [c.value for c in ws[3]]
        tap.check(hdr[:4] == ["救助类别", "保障金额（元/月）", "在册起", "状态"], "the header", hdr)
        row = [c.value for c in ws[4]]
        tap.check(row[0] == "特困人员救助供养" or "特困" in str(row[0]), "the 特困 row", row)
        tap.check(row[3] == "终止公示中" and "2026-07-07" in str(row[6]), "its state and the publicity", row)
        amount = q("SELECT amount FROM rolls WHERE id = ?", rid)[0][0]
        tap.check(abs(row[1] - amount / 100) < 0.001, "the amount in yuan", row)
        ev = [[c.value for c in r] for r in wb["档案记录"].iter_rows(min_row=4)]
        tap.check(any(r[1] == "复核" and "本人已由子女接回赡养" in str(r[2]) for r in ev),
                  "the history sheet has the review", ev[-3:])
        tap.check(any(r[1] == "在册" and "终止公示中" in str(r[2]) for r in ev),
                  "and the end under publicity", ev[-3:])
        text = " ".join(str(c) for ws in wb.worksheets for r in ws.iter_rows(values_only=True) for c in r if c)
        tap.check(not ID18.search(text), "no ID number in the file")

    # The notice posted in the village for the 7 days.
    village, idn = q("SELECT v.name, p.id_number FROM rolls r JOIN villages v ON v.id = r.village_id "
                     "JOIN applications a ON a.id = r.application_id JOIN persons p ON p.id = a.applicant_id "
                     "WHERE r.id = ?", rid)[0]
    pending = q("SELECT count(*) FROM rolls r JOIN villages v ON v.id = r.village_id "
                "WHERE r.state = 'end_pending' AND v.name = ?", village)[0][0]
    t.type("g")
    s = t.wait_all("特困人员终止供养公示", village, ".xlsx")
    t.keys("F2")			# the default file, in the store's directory
    s = t.wait_for(f"已导出 {pending} 行")
    files = glob.glob(os.path.join(store.tmp, "*终止供养公示*.xlsx"))
    notice = files[0] if len(files) == 1 else ""
    tap.check(notice and (os.stat(notice).st_mode & 0o077) == 0,
              "g exports the village's notice, readable by its owner only", (s, files))
    if notice:
        rows_n = [r for r in openpyxl.load_workbook(notice).active.iter_rows(values_only=True)]
        tap.check(rows_n[0][0] == "特困人员终止供养公示" and village in str(rows_n[1][0]),
                  "the notice's title and village", rows_n[:2])
        tap.check(list(rows_n[2]) == ["序号", "姓名", "身份证号码", "救助类别", "供养起始日期",
                                      "终止供养原因", "公示开始", "公示结束"], "its header", rows_n[2])
        mine = [r for r in rows_n[3:] if r[1] == name]
        tap.check(len(mine) == 1 and mine[0][2] == idn[:4] + "*" * 10 + idn[-4:]
                  and mine[0][5] == "有法定赡养人且具备赡养能力"
                  and mine[0][6].strftime("%Y-%m-%d") == DAY
                  and mine[0][7].strftime("%Y-%m-%d") == "2026-07-07",
                  "the ended person's row: masked ID, reason, publicity 2026-06-30 to 2026-07-07", mine)
        tap.check(len(rows_n) - 5 == pending, "one row per end under publicity in the village",
                  rows_n)
        tap.check("监督举报电话" in str(rows_n[-2][0]) and "盖章" in str(rows_n[-1][0]),
                  "the objection line and the office's seal line", rows_n[-2:])
    t.keys("Escape")
    t.wait_for("选择要导出的报表")
    t.keys("Escape")
    s = t.wait_all("户档案", name, "p 打印户档案")
    tap.check("g 打印公示" in s and "Esc 返回" in s, "the file under publicity offers g on its key line, which fits 80 columns", s)

    t.keys("Escape")
    t.wait_for("m 本月待认证")

    # An amount change waits for the leader's confirmation (the user is both).
    lid, lname, lamount = low[0]
    new = 95000 if lamount != 95000 else 96000
    t.type("/")
    t.wait_for("搜索：")
    for _ in name:
        t.keys("BSpace")
    t.type(lname)
    t.wait_for(lname)
    t.keys("Enter")
    t.keys("Enter")
    t.wait_all("户档案", lname, "1 调整金额")
    t.type("1")
    t.wait_for("调整后月金额")
    t.keys("Tab")
    t.type(f"{new // 100}")
    t.keys("Tab")
    t.type("儿子外出务工有固定收入")
    t.keys("F2")
    s = t.wait_all("【调整待确认】", f"拟调整为 {new // 100}.00 元")
    tap.check(q("SELECT state, amount, new_amount FROM rolls WHERE id = ?", lid) ==
              [("change_pending", lamount, new)], "the change waits; the amount is still the old one")
    t.type("1")				# 确认调整, the leader's
    t.wait_for("办理日期")
    t.keys("F2")
    s = t.wait_all("【在册】", f"{new // 100}.00 元/月")
    tap.check(q("SELECT state, amount, new_amount FROM rolls WHERE id = ?", lid) == [("active", new, None)],
              "confirmed: the new amount is the amount")
    tap.check("确认调整" in s, "the file's history shows the confirmation", s)
    # A re-certification made a year ago (entered late): due again this month.
    t.type("a")
    t.wait_for("认证方式")
    t.keys("C-u")
    t.type("2025-06-15")
    t.keys("Tab", "Space")
    t.pick(1)				# 视频认证
    t.wait_for("视频认证")
    t.keys("F2")
    s = t.wait_all("已记录资格认证", "下次认证 2026-06-15")
    tap.check(q("SELECT recert_due_on FROM rolls WHERE id = ?", lid) == [("2026-06-15",)],
              "the roll's next re-certification is [alerts] recert_months (12) after the check", s)
    t.keys("Escape")
    t.wait_for("m 本月待认证")
    t.type("/")
    t.wait_for("搜索：")
    t.keys("Escape")		# the search cleared
    t.type("m")
    s = t.wait_for("本月待资格认证：2026-06")
    due = q("SELECT count(*) FROM rolls r WHERE r.state <> 'ended' AND coalesce((SELECT next_due_on FROM "
            "recertifications c WHERE c.application_id = r.application_id ORDER BY c.id DESC LIMIT 1), "
            "date(r.since_on, '+12 months')) <= '2026-06-31'")[0][0]
    shown = len([ln for ln in s.splitlines() if "认证 20" in ln])
    tap.check(due >= 1 and shown == min(due, 17) and lname in s,
              f"m lists the {due} due this month or before", s)
    # p prints what is shown: the month's list, from the 1st to the 30th.
    t.type("p")
    s = t.wait_all("待遇资格认证到期名单", "2026-06-01", "2026-06-30", "导出到文件")
    t.keys("F2")
    s = t.wait_for(f"已导出 {due} 行")
    files = glob.glob(os.path.join(store.tmp, "*认证到期名单*.xlsx"))
    tap.check(len(files) == 1, "p under m exports the month's re-certification list", (s, files))
    if files:
        got = [r for r in openpyxl.load_workbook(files[0]).active.iter_rows(min_row=4, values_only=True)
               if isinstance(r[0], int)]
        tap.check(any(r[2] == lname and r[7].strftime("%Y-%m-%d") == "2026-06-15" for r in got),
                  "the list has the household checked a year ago, due 2026-06-15", got)
    t.keys("Escape")
    t.wait_for("选择要导出的报表")
    t.keys("Escape")
    s = t.wait_all("本月待资格认证：2026-06", "p 打印")
    tap.check("Esc 返回" in s, "the rolls' key line offers p and fits 80 columns", s)
finally:
    t.close()

# The day after the publicity: 4 时限预警 asks the leader to confirm the
# end; Enter opens the 户档案, where 1 confirms it and the alert is gone.
env = dict(store.env, JIUZHU_TODAY="2026-07-08")
t = Term(store.cmd, env=env)
try:
    t.wait_for("主菜单")
    t.type("4")
    t.wait_all("到期日", "事项")
    t.type("k")
    t.pick(3)				# 全部, 申请, 委托, 在册
    s = t.wait_for("对象：在册")
    rows_a = [ln for ln in s.splitlines() if "在册 " in ln and "—" not in ln]
    line = next((ln for ln in rows_a if name in ln), "")
    tap.check("特困终止" in line and "2026-07-08" in line,
              "the alert of the end under publicity is due the day after it, on the roll", s)
    for _ in range(s.splitlines().index(line) - s.splitlines().index(rows_a[0]) + 1):
        t.keys("Down")
    t.keys("Enter")
    s = t.wait_all("户档案", name, "【终止公示中】", "1 确认终止")
    t.type("1")
    t.wait_for("继续填写它吗")		# the refused try of 06-30 was kept
    t.type("n")
    t.wait_for("办理日期")
    t.keys("F2")
    s = t.wait_all("【已终止】", "2026-07-08 终止")
    tap.check(q("SELECT state, ended_on FROM rolls WHERE id = ?", rid) == [("ended", "2026-07-08")],
              "Enter on the alert opens the 户档案, where the leader confirms the end")
    t.keys("Escape")
    s = t.wait_all("对象：在册", "到期日")
    tap.check(not any(name in ln and "特困终止" in ln for ln in s.splitlines()),
              "and the alert is gone", s)
    t.keys("Escape")
    t.quit()
finally:
    t.close()
    store.close()
tap.exit()
