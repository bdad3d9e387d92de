"""求助转办 at 80x24: a request for help from a village informant is
registered through the form, referred to 县医保局's 医疗救助 (department, then
item), due 10 working days later; on a later day, unanswered, 4 时限预警
shows it overdue; the reply is recorded late from the referral list, which
marks it 逾期; the alert is gone and the request is closed. The store holds
each step."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from tmuxterm import DemoStore, Tap, Term  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
USER = "窗口经办"
DAY = "2026-03-02"		# a Monday; + 10 working days = 2026-03-16
LATE = "2026-03-18"
FORM = "带 * 的必须填写"
NAME = "欧阳秀英"
ITEMS = open(os.path.join(ROOT, "forms", "catalogue", "referral-items.ini"), encoding="utf-8").read()
departments = re.findall(r"^name\s*=\s*(.+)$", ITEMS, re.M)

tap = Tap()
store = DemoStore(30, DAY, USER)
q = store.q
villages = [v for (v,) in q("SELECT name FROM villages ORDER BY id")]



def open_referrals(t):
    t.wait_for("主菜单")
    s = t.wait_for("求助转办")
    t.type("z")
    return t.wait_all("求助登记", "转办事项", "求助日期")


t = Term(store.cmd, env=store.env)
try:
    s = t.wait_for("主菜单")
    tap.check(" z  求助转办" in s, "the menu offers 求助转办 on the key z", s)
    s = open_referrals(t)
    t.type("n")
    t.wait_for("求助信息登记")
    t.wait_for(FORM)
    t.keys("Space")
    t.pick(1)				# the second village
    t.keys("Tab")
    t.type(NAME)
    t.keys("Tab", "Tab")		# ID number unknown
    t.type("13912345678")
    t.keys("Tab")
    t.type("住院费用高，需要医疗救助")
    t.keys("Tab", "Space")
    t.pick(2)				# 三级信息员
    t.keys("Tab")
    t.type("网格员李梅")
    t.wait_for("网格员李梅")
    t.keys("F2")
    s = t.wait_all("求助 ", NAME, "尚未转办")
    tap.check("三级信息员 网格员李梅" in s and "已登记" in s,
              "the new request opens with its source, registered", s)
    rid = q("SELECT max(id) FROM help_requests")[0][0]

    t.type("r")
    s = t.wait_for("转办到哪个部门")
    t.pick(departments.index("县医保局"))
    s = t.wait_for("县医保局 的事项")
    tap.check("医疗救助" in s, "the department's catalogue items are offered", s)
    t.keys("Enter")
    s = t.wait_for("选好了，转办这 1 项")
    t.keys("Enter")
    s = t.wait_all("已转办 1 项", "县医保局", "2026-03-16")
    tap.check("待反馈" in s and "已转办" in s, "the referral is listed, due 2026-03-16, waiting", s)
    tap.check(q("SELECT department, item, referred_on, due_on, state, village_id FROM referrals "
                "WHERE request_id = ?", rid)
              == [("县医保局", "医疗救助", DAY, "2026-03-16", "referred",
                   q("SELECT id FROM villages WHERE name = ?", villages[1])[0][0])],
              "the store holds the referral with its reply date and village")
    t.keys("Escape")
    t.wait_for("求助日期")
    t.keys("Escape")
    t.quit()
finally:
    t.close()

# Two days past the reply date, still unanswered.
env = dict(store.env, JIUZHU_TODAY=LATE)
t = Term(store.cmd, env=env)
try:
    t.wait_for("主菜单")
    t.type("4")
    t.wait_all("已逾期", "对象：全部")
    t.type("k")				# only the referrals' alerts
    t.pick(5)
    s = t.wait_all("对象：转办", NAME)
    rows = [l for l in s.splitlines() if re.search(r"转办 \d+", l)]
    tap.check(rows and all("转办反馈" in l for l in rows), "k 转办 leaves only the referrals' alerts", s)
    line = next((l for l in rows if NAME in l), "")
    tap.check(line.startswith("逾期") and "2026-03-16" in line and "逾2工日" in line,
              "4 时限预警 shows the unanswered referral overdue by 2 working days", s)
    # The list opens on the group's heading: one Down per line above ours.
    for _ in range(rows.index(line) + 1):
        t.keys("Down")
    t.keys("Enter")
    s = t.wait_all("求助 ", NAME, "县医保局")
    tap.check("已转办" in s, "Enter on the referral's alert opens its request", s)
    t.keys("Escape")
    t.wait_for("时限预警")
    t.keys("Escape")
    open_referrals(t)
    t.keys("Tab")
    s = t.wait_all("答复时限", "反馈日期", "县医保局")
    t.type("f")
    t.wait_for("登记部门反馈")
    t.wait_for(FORM)
    t.keys("Tab")
    t.type("已纳入医疗救助，报销3200元")
    t.keys("Tab")
    t.type("县医保局陈静")
    t.wait_for("县医保局陈静")
    t.keys("F2")
    s = t.wait_all("已登记转办", "2026-03-18 逾期")
    tap.check("已反馈" in s, "the referral list shows the late reply marked 逾期", s)
    tap.check(q("SELECT state, result_on, replied_by, result FROM referrals WHERE request_id = ?",
                rid) == [("replied", LATE, "县医保局陈静", "已纳入医疗救助，报销3200元")],
              "the store holds the reply: result, date, who")
    t.keys("Enter")
    t.wait_all("求助 ", NAME)
    t.type("c")
    t.wait_for("求助办结")
    t.wait_for(FORM)
    t.keys("Tab")
    t.type("已电话告知")
    t.keys("F2")
    s = t.wait_all("已办结", "已电话告知")
    tap.check(q("SELECT state, closed_on FROM help_requests WHERE id = ?", rid) == [("closed", LATE)],
              "the request is closed once every referral is answered")
    t.keys("Escape")
    t.keys("Escape")
    t.wait_for("主菜单")
    t.type("4")
    s = t.wait_for("时限预警")
    t.wait_for("已逾期")
    s = t.screen()
    tap.check(not any(NAME in l and "转办" in l for l in s.splitlines()),
              "the answered referral is no longer alerted", s)
    t.keys("Escape")
    t.quit()
finally:
    t.close()
    store.close()
tap.exit()
