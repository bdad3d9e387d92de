"""Intake and the whole life of applications, driven like a new clerk would:
1 受理登记 → n 登记新家庭 → household form → members (a bad ID first, an ID
already in another household) → n new application → the case screen, every
state by its digit keys and step forms; a second case refused after an
objection; a third sent to the county. Drafts, resizing and a terminal too
small on the way. Each stage is checked on the screen and in the store."""
import datetime
import os
import subprocess
import re
import shutil
import sqlite3
import sys

import openpyxl

sys.path.insert(0, os.path.dirname(__file__))
from tmuxterm import DemoStore, Tap, Term, complete_checklist, step_key  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
JZ = os.path.join(ROOT, "jiuzhu")
CFG = os.path.join(ROOT, "tuiconfig.ini")
USER = "陈经办"
DAY1 = "2026-03-02"	# a Monday, no holiday near
DAY2 = (datetime.date.fromisoformat(DAY1) + datetime.timedelta(days=8)).isoformat()
FORM = "带 * 的必须填写"

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECKS = "10X98765432"


def id_number(region, birth, seq):
    """GB 11643 with its MOD 11-2 check character, computed here."""
    body = f"{region}{birth}{seq:03d}"
    return body + CHECKS[sum(int(c) * w for c, w in zip(body, WEIGHTS)) % 11]


def wrong_check(idn):
    return idn[:17] + ("0" if idn[17] != "0" else "1")


tap = Tap()
store = DemoStore(20, DAY1, USER)
tmp, db, env, cmd = store.tmp, store.db, store.env, store.cmd


q = store.q


def q1(sql, *args):
    rows = q(sql, *args)
    return rows[0][0] if rows else None


def app_row(app_id):
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    try:
        r = con.execute("SELECT * FROM applications WHERE id = ?", (app_id,)).fetchone()
        return dict(r) if r else {}
    finally:
        con.close()


def events(app_id):
    return q("SELECT step, from_state, to_state, on_date, who FROM case_events "
             "WHERE application_id = ? ORDER BY id", app_id)


def audit(tbl, row_id):
    return q("SELECT action, who FROM audit_log WHERE tbl = ? AND row_id = ? ORDER BY id", tbl, row_id)


def wait_all(t, *texts, timeout=10.0):
    return t.wait_all(*texts, timeout=timeout)



def run_step(t, label, fill, state_label):
    """On the case screen: the step's digit, its form, F2, the new state."""
    s = t.wait_for("可办理：")
    t.type(step_key(s, label))
    t.wait_for(FORM)
    fill()
    t.keys("F2")
    return wait_all(t, "状态：" + state_label, "可办理：", "入户调查记录")


def check_step(app_id, step, frm, to, what):
    """The store after a step: state, one new case_events row by USER, audit rows."""
    a = app_row(app_id)
    ev = events(app_id)
    last = ev[-1] if ev else None
    tap.check(a.get("state") == to, f"{what}: applications.state = {to}", a.get("state"))
    tap.check(last is not None and last[0] == step and last[1] == frm and last[2] == to
              and last[4] == USER, f"{what}: a case_events row {step} {frm}→{to} by {USER}", ev)
    au = audit("applications", app_id)
    tap.check(au and au[-1] == ("update", USER), f"{what}: audit_log update by {USER}", au)
    return a


villages = [v.strip() for v in
            re.search(r"^villages\s*=\s*(.*)$", open(CFG, encoding="utf-8").read(), re.M)
            .group(1).replace("，", ",").split(",")]
kinds = re.findall(r"^name\s*=\s*(.+)$",
                   open(os.path.join(ROOT, "forms", "catalogue", "kinds.ini"), encoding="utf-8").read(), re.M)
DIBAO = kinds.index("最低生活保障")

head_a = id_number("500231", "19650312", 15)	# male
spouse_a = id_number("500231", "19680705", 26)	# female
head_b = id_number("500231", "19700101", 33)
head_c = id_number("500231", "19550909", 47)
taken_name, taken_id, taken_hh = q("SELECT name, id_number, household_id FROM persons ORDER BY id LIMIT 1")[0]
apps = {}
households = {}


def new_household(t, village_ix, address, phone, draft_check=False):
    t.type("n")
    t.wait_for("登记家庭")
    t.wait_for(FORM)
    t.keys("Space")			# village: a choice, opens the picker
    t.wait_for("上下键 选择  Enter 确定")
    t.pick(village_ix)
    s = t.wait_for(villages[village_ix])
    t.keys("Tab")
    if draft_check:
        t.type(address[:3])
        t.keys("Escape")
        s = t.wait_for("已暂存")
        tap.check("登记家庭" in s, "Esc out of a half-filled form says the draft is kept", s)
        t.type("n")
        s = t.wait_for("继续填写")
        tap.check("登记家庭" in s, "reopening the form offers the draft (继续填写)", s)
        t.keys("Enter")
        s = t.wait_for(FORM)
        tap.check(villages[village_ix] in s and address[:3] in s,
                  "the draft is restored: village and the typed address", s)
        tap.check(q1("SELECT count(*) FROM drafts WHERE form = 'household' AND owner = ?", USER) == 1,
                  "the draft is in the store under the user's name")
        t.keys("Tab")			# village → address (cursor at end of restored text)
        t.keys("End")
        t.type(address[3:])
        # Resizing in the middle of a form keeps what was typed.
        t.resize(100, 30)
        s = t.wait_for(address)
        tap.check(FORM in s, "at 100x30 the form keeps the typed address", s)
        t.resize(80, 24)
        s = t.wait_for(address)
        tap.check(villages[village_ix] in s, "back at 80x24 the typed text is still there", s)
        t.resize(60, 20)
        s = t.wait_for("终端太小")
        tap.check("80x24" in s, "at 60x20 the form says the terminal is too small", s)
        t.resize(80, 24)
        s = wait_all(t, FORM, address)
        tap.check(FORM in s and address in s, "growing back brings the form with its text", s)
    else:
        t.type(address)
    t.keys("Tab")
    t.type(phone)
    t.keys("F2")
    # The household is saved only together with its head: the head's form.
    return t.wait_all("先登记户主", FORM)


def head_saved(t, name, idn):
    """Fills the head's form (relation preset 户主) and saves both."""
    fill_member(t, name, idn)
    t.keys("F2")
    s = t.wait_for("已登记家庭")
    return s, q1("SELECT max(id) FROM households")


def fill_member(t, name, idn, relation_ix=None):
    t.wait_for(FORM)
    t.type(name)
    t.keys("Tab")
    t.type(idn)
    t.keys("Tab")
    if relation_ix is not None:
        t.keys("Space")
        t.wait_for("上下键 选择  Enter 确定")
        t.pick(relation_ix)


def add_member(t, name, idn, relation_ix=None):
    t.type("a")
    t.wait_for("家庭成员")
    fill_member(t, name, idn, relation_ix)


def new_application(t, delegated_county=False):
    t.type("n")
    t.wait_for("救助申请")
    s = t.wait_for(FORM)
    t.keys("Space")
    t.wait_for("上下键 选择  Enter 确定")
    t.pick(DIBAO)
    s = t.wait_for("最低生活保障")
    if delegated_county:
        for _ in range(4):		# kind → channel → agent → received → delegated
            t.keys("Tab")
        t.keys("Right")
        s = t.wait_for("报县审批")
    tap.check("窗口" in s, "the channel defaults to 窗口", s)
    t.keys("F2")
    s = wait_all(t, "可办理：", "入户调查记录")
    return s, q1("SELECT max(id) FROM applications")


def investigate(t, app_id, income="800"):
    t.type("i")
    t.wait_for("家庭经济状况调查")
    t.wait_for(FORM)
    t.keys("Tab")
    t.type("张明、李芳")
    t.keys("Tab")
    t.type("入户查看，夫妻二人务农，无固定收入。邻居证实情况属实。")
    t.keys("Tab")
    t.type(income)
    t.keys("F2")
    s = t.wait_for("已保存入户调查记录")
    inv = q("SELECT visitors, monthly_income, visited_on FROM investigations WHERE application_id = ?", app_id)
    return s, inv


def review(t, opinion_ix, amount=None):
    def fill():
        t.keys("Tab")
        t.keys("Space")
        t.wait_for("上下键 选择  Enter 确定")
        t.pick(opinion_ix)
        if amount is not None:
            t.keys("Tab")
            t.type(amount)
    return fill


def nothing():
    pass


def typed(*texts):
    """Tab past the date, then type each text into the next fields."""
    def fill():
        for x in texts:
            t.keys("Tab")
            t.type(x)
    return fill


# ---------------- day 1 ----------------
t = Term(cmd, env=env)
try:
    t.wait_for("主菜单")
    t.type("1")
    s = t.wait_for("n 登记新家庭")
    tap.check("受理登记" in s, "1 opens 受理登记", s)

    addr_a = "太平村3组25号"
    households_before = q1("SELECT count(*) FROM households")
    s = new_household(t, 1, addr_a, "13812345678", draft_check=True)
    tap.check(q1("SELECT count(*) FROM households") == households_before,
              "F2 on the household form saves nothing yet: the head's form opens", s)

    # A bad check character first: refused beside the field, nothing saved.
    fill_member(t, "张三丰", wrong_check(head_a))
    s = t.wait_for("校验位")
    tap.check("校验位错误" in s and f"应为 {head_a[17]}" in s,
              "a wrong check character is explained beside the field", s)
    t.keys("F2")
    s = t.wait_for("未保存")
    tap.check(q1("SELECT count(*) FROM households") == households_before,
              "F2 with a bad head ID saves neither the household nor the head", s)
    # F2 put the cursor on the bad field: clear it and type the right number.
    t.keys("C-u")
    t.type(head_a)
    t.keys("F2")
    s = t.wait_for("已登记家庭")
    hid = q1("SELECT max(id) FROM households")
    households["a"] = hid
    tap.check(addr_a in s and villages[1] in s, "F2 saves the household with its head and opens it", s)
    row = q("SELECT v.name, h.address, h.phone, h.created_on FROM households h "
            "JOIN villages v ON v.id = h.village_id WHERE h.id = ?", hid)
    tap.check(row == [(villages[1], addr_a, "13812345678", DAY1)],
              "the household is in the store: village, address, phone, date", row)
    tap.check(audit("households", hid) == [("insert", USER)], "the household's audit row names the user",
              audit("households", hid))
    tap.check(q1("SELECT count(*) FROM drafts WHERE form IN ('household', 'household_head')") == 0,
              "saving the head discards both drafts")
    tap.check("张三丰" in s and "1965-03-12" in s and "男" in s and "户主" in s,
              "the head is listed with birth date and sex from the ID", s)
    row = q("SELECT name, id_number, sex, birth_date, relation, is_head FROM persons WHERE household_id = ?", hid)
    tap.check(row == [("张三丰", head_a, "M", "1965-03-12", "户主", 1)], "the head is in the store", row)
    tap.check(head_a not in s, "the full ID number is masked on the household screen", s)

    # An ID already in another household: refused, that record named.
    add_member(t, "阿依古丽·买买提", taken_id, relation_ix=1)
    t.wait_for("配偶")
    t.keys("F2")
    s = t.wait_for("未保存")
    tap.check("已登记在" in s and taken_name in s and str(taken_hh) in s,
              "an ID in another household is refused, naming that person and household", s)
    tap.check(q1("SELECT count(*) FROM persons WHERE household_id = ?", hid) == 1, "nothing saved", s)
    t.keys("Up")			# relation → ID number
    t.keys("C-u")
    t.type(spouse_a)
    t.keys("F2")
    s = t.wait_for("已登记成员 阿依古丽·买买提")
    tap.check("阿依古丽·买买提" in s and "女" in s and "配偶" in s, "a minority name with · is saved", s)
    row = q("SELECT name, sex, birth_date, relation, is_head FROM persons WHERE id_number = ?", spouse_a)
    tap.check(row == [("阿依古丽·买买提", "F", "1968-07-05", "配偶", 0)], "the spouse is in the store", row)

    # The application.
    s, app = new_application(t)
    apps["a"] = app
    a = app_row(app)
    tap.check("状态：已接收" in s and "张三丰" in s, "F2 opens the case screen in 已接收", s)
    tap.check(a.get("kind") == "dibao" and a.get("channel") == "window" and a.get("received_on") == DAY1
              and a.get("delegated") == 1 and a.get("created_by") == USER,
              "the application is in the store: dibao, window, received today, delegated", a)
    tap.check(events(app) == [("receive", None, "received", DAY1, USER)], "one receive event", events(app))
    tap.check(q1("SELECT count(*) FROM authorisations WHERE application_id = ?", app) == 2,
              "two adults, two authorisation rows")
    tap.check(audit("applications", app) == [("insert", USER)], "application audit row", audit("applications", app))

    # 受理 with nothing ticked and nothing signed is refused: 一次性告知 is the way.
    s = t.wait_for("可办理：")
    t.type(step_key(s, "受理（材料齐全）"))
    t.wait_for(FORM)
    t.keys("F2")
    s = t.wait_for("未保存")
    tap.check("材料不齐" in s and "一次性告知" in s, "受理 with the checklist incomplete is refused", s)
    tap.check(app_row(app)["state"] == "received", "and the state is unchanged")
    t.keys("Escape")
    s = t.wait_for("可办理：")

    # The one-time notice starts with the unticked items and unsigned authorisations.
    t.type(step_key(s, "一次性告知补齐材料"))
    t.wait_for(FORM)
    t.keys("Tab")
    s = t.wait_for("签字）")
    tap.check("核对授权书" in s and "签字）" in s,
              "the missing-materials field is prefilled from the checklist (unsigned authorisation last)", s)
    t.keys("C-u")
    t.type("户口簿复印件；家庭收入证明（工资、经营、财产性收入等）")
    t.keys("F2")
    s = wait_all(t, "状态：待补材料", "可办理：", "入户调查记录")
    a = check_step(app, "request_materials", "received", "missing", "一次性告知")
    tap.check(a["missing_items"] == '["户口簿复印件","家庭收入证明（工资、经营、财产性收入等）"]'
              and a["missing_notice_on"] == DAY1 and a["missing_deadline"] > DAY1,
              "missing items stored as a list (the bracketed item whole), notice date and deadline", a)
    tap.check("户口簿复印件" in s, "the case screen shows what is missing", s)
    # p prints it: one row per item, the bracketed one whole, the kind named.
    t.type("p")
    s = t.wait_for("已导出一次性告知书")
    path = os.path.join(os.path.dirname(db), f"一次性告知书-{app}.xlsx")
    if tap.check(os.path.exists(path), "p writes the one-time notice next to the store", s):
        rows = [[c for c in r if c is not None] for r in openpyxl.load_workbook(path).worksheets[0].iter_rows(values_only=True)]
        tap.check([r for r in rows if len(r) == 2 and isinstance(r[0], int)]
                  == [[1, "户口簿复印件"], [2, "家庭收入证明（工资、经营、财产性收入等）"]]
                  and "申请事项：最低生活保障" in rows[1][0] and rows[-1][0].startswith("申请人签收："),
                  "the printed notice: the items as typed, the kind, the receipt line", rows)

    tap.check(complete_checklist(t, q, app) == 0, "every material ticked and every adult signed from the screen")
    s = run_step(t, "材料已补齐，受理", nothing, "已受理")
    a = check_step(app, "accept", "missing", "accepted", "受理")
    tap.check(a["accepted_on"] == DAY1 and a["next_due_on"] is not None, "accepted_on and next due stored", a)
    tap.check("启动调查" in s, "the case screen shows the investigation deadline", s)

    s = run_step(t, "启动家庭经济状况调查", nothing, "调查中")
    a = check_step(app, "start_investigation", "accepted", "investigating", "启动调查")
    tap.check(a["investigation_started_on"] == DAY1, "investigation start date stored", a)

    s, inv = investigate(t, app)
    tap.check(inv == [("张明、李芳", 80000, DAY1)], "the investigation record: visitors, 800 元 = 80000 分", inv)
    tap.check("入户调查记录 1 条" in s, "the case screen counts the investigation", s)
    iid = q1("SELECT id FROM investigations WHERE application_id = ?", app)
    tap.check(audit("investigations", iid) == [("insert", USER)], "investigation audit row")
    # The records can be opened and read.
    t.type("r")
    s = t.wait_for("入户调查和民主评议记录 1 条")
    tap.check("张明、李芳" in s and "入户调查" in s, "r lists the investigation records", s)
    t.keys("Enter")
    s = t.wait_for("调查情况：")
    tap.check("夫妻二人务农" in s and "家庭月收入：800.00 元" in s and "附件 0 个" in s,
              "Enter shows the record in full with its attachments", s)
    t.keys("Escape")
    t.wait_for("入户调查和民主评议记录 1 条")
    t.keys("Escape")
    t.wait_for("可办理：")

    s = run_step(t, "提出初审意见", review(t, 0, "650"), "已初审")
    a = check_step(app, "initial_review", "investigating", "reviewed", "初审")
    tap.check(a["initial_opinion"] == "include" and a["proposed_amount"] == 65000
              and a["initial_review_on"] == DAY1, "opinion include, 650 元 = 65000 分", a)
    tap.check("拟纳入" in s and "650" in s, "the case screen shows the proposal", s)

    s = run_step(t, "在村（社区）公示", nothing, "公示中")
    a = check_step(app, "publicize", "reviewed", "publicity", "公示")
    end = (datetime.date.fromisoformat(DAY1) + datetime.timedelta(days=7)).isoformat()
    tap.check(a["publicity_from"] == DAY1 and a["publicity_to"] == end,
              f"publicity posted {DAY1}, 7 calendar days from the next day: until {end}", a)
    tap.check(a["next_due_what"] != "公示期满", "the end of publicity is not the case's next deadline", a)
    # Confirming now is refused: publicity has not ended. The amount
    # proposed at 初审 is already in the form.
    t.type(step_key(s, "确认同意（审批权限已下放）"))
    s = t.wait_for(FORM)
    tap.check("650.00" in s, "the confirmation form carries the proposed amount (650.00)", s)
    t.keys("F2")
    s = t.wait_for("未保存")
    tap.check("公示期" in s, "approving during publicity is refused with the reason", s)
    tap.check(app_row(app)["state"] == "publicity", "and the state is unchanged")
    t.keys("Escape")		# leaves a draft of the approval form
    t.wait_for("状态：公示中")
    t.keys("Escape")
    t.wait_for("家庭成员")
    t.keys("Escape")
    t.wait_for("n 登记新家庭")

    # Case 2: refused after an objection; case 3: to the county.
    new_household(t, 2, "大路村1组8号", "02374512346")
    s, hid = head_saved(t, "李秀英", head_b)
    households["b"] = hid
    s, app = new_application(t)
    apps["b"] = app
    complete_checklist(t, q, app)
    run_step(t, "受理（材料齐全）", nothing, "已受理")
    check_step(app, "accept", "received", "accepted", "案件2 受理")
    run_step(t, "启动家庭经济状况调查", nothing, "调查中")
    investigate(t, app, "1200")
    run_step(t, "提出初审意见", review(t, 0, "300"), "已初审")
    run_step(t, "在村（社区）公示", nothing, "公示中")
    s = run_step(t, "公示有异议，重新调查", typed("邻居赵某", "村民反映其子女有稳定收入"), "调查中")
    a = check_step(app, "objection", "publicity", "investigating", "案件2 异议")
    tap.check(a["special_extension"] == 1 and a["special_reason"] == "公示有异议" and a["special_on"] == DAY1,
              "an objection extends the time limit: reason and date recorded", a)
    obj = q("SELECT objector, content, received_on FROM objections WHERE application_id = ?", app)
    tap.check(obj == [("邻居赵某", "村民反映其子女有稳定收入", DAY1)], "the objection is recorded with the objector", obj)
    tap.check(f"特殊情况延期：公示有异议（{DAY1}）" in s, "the case screen shows the extension, its reason and day", s)
    # The old investigation does not answer the objection.
    t.type(step_key(s, "提出初审意见"))
    t.wait_for(FORM)
    review(t, 1)()
    t.keys("F2")
    s = t.wait_for("未保存")
    tap.check("民主评议" in s and "异议" in s, "初审 right after an objection is refused: needs a new record", s)
    tap.check(app_row(app)["state"] == "investigating", "and the state is unchanged")
    t.keys("Escape")		# the typed opinion is kept as a draft
    t.wait_for("可办理：")
    t.type("m")
    t.wait_for("民主评议")
    t.wait_for(FORM)
    t.keys("Tab")
    t.type("村党支部书记、村民代表等 7 人")
    t.keys("Tab")
    t.type("异议属实，子女有赡养能力")
    t.keys("F2")
    s = t.wait_for("已保存民主评议记录")
    d = q("SELECT held_on, participants, outcome FROM deliberations WHERE application_id = ?", app)
    tap.check(d == [(DAY1, "村党支部书记、村民代表等 7 人", "异议属实，子女有赡养能力")],
              "the 民主评议 record: day, who took part, outcome", d)
    s = t.wait_for("可办理：")
    t.type(step_key(s, "提出初审意见"))
    t.wait_for("继续填写")
    t.keys("Enter")
    t.wait_for(FORM)
    t.keys("F2")
    wait_all(t, "状态：已初审", "可办理：", "入户调查记录")
    a = check_step(app, "initial_review", "investigating", "reviewed", "案件2 再次初审")
    tap.check(a["initial_opinion"] == "exclude", "the new opinion is 拟不纳入", a)
    s = run_step(t, "在村（社区）公示", nothing, "公示中")
    tap.check("第二次公示" in s, "the repeated publicity is marked 第二次公示 on the case screen", s)
    t.keys("Escape")
    t.wait_for("家庭成员")
    t.keys("Escape")
    t.wait_for("n 登记新家庭")

    new_household(t, 3, "高峰村5组2号", "13987654321")
    s, hid = head_saved(t, "王德福", head_c)
    households["c"] = hid
    s, app = new_application(t, delegated_county=True)
    apps["c"] = app
    tap.check("报县审批" in s and app_row(app)["delegated"] == 0, "an application sent to the county", s)
    complete_checklist(t, q, app)
    run_step(t, "受理（材料齐全）", nothing, "已受理")
    run_step(t, "启动家庭经济状况调查", nothing, "调查中")
    investigate(t, app, "500")
    run_step(t, "提出初审意见", review(t, 0, "420.50"), "已初审")
    tap.check(app_row(app)["proposed_amount"] == 42050, "420.50 元 = 42050 分")
    run_step(t, "在村（社区）公示", nothing, "公示中")
    check_step(app, "publicize", "reviewed", "publicity", "案件3 公示")

    t.keys("F10")
    s = t.wait_for("EXITED=")
    tap.check("EXITED=0" in s, "F10 quits with status 0", s)
finally:
    t.close()


def open_case(t, name):
    """2 审核审批, / name, Enter, Enter: the case screen."""
    t.type("2")
    t.wait_for("搜索：")
    t.type("/")
    t.type(name)
    t.wait_for(name)
    t.keys("Enter")
    t.keys("Enter")
    return wait_all(t, "可办理：", "入户调查记录")


# ---------------- day 1 + 8: the store kept the state ----------------
env2 = dict(env, JIUZHU_TODAY=DAY2)
t = Term(cmd, env=env2)
try:
    s = t.wait_for("主菜单")
    tap.check(DAY2 in s.splitlines()[0], f"restarted on {DAY2}", s)
    s = open_case(t, "张三丰")
    tap.check("状态：待确认" in s and "待确认" in s.split("期限：")[1] and "公示期满" not in s.split("办理经过")[0],
              "after the 7 days case 1 shows 待确认 (not 公示中)", s)
    tap.check("已逾期" not in s.split("期限：")[1].split("\n")[0], "and nothing on its deadline line is overdue", s)
    top = s.splitlines()[0]
    # The top line counts what `jiuzhu alerts` lists as overdue; case 1 is not among them.
    out = subprocess.run([JZ, "-c", CFG, "--db", db, "alerts", "--format", "tsv"], check=True,
                         capture_output=True, text=True, env=dict(os.environ, **env2)).stdout
    late = [r.split("\t") for r in out.splitlines() if int(r.split("\t")[1]) < 0]
    tap.check(f"逾期 {len(late)} " in top and not any(r[5] == str(apps["a"]) for r in late) and
              q1("SELECT next_due_on >= ? FROM applications WHERE id = ?", DAY2, apps["a"]) == 1,
              "the top line's overdue count does not count it", (top, late))
    key = step_key(s, "确认同意（审批权限已下放）")
    t.type(key)
    s = t.wait_for("继续填写")
    tap.check("确认同意" in s, "the approval draft from day 1 is offered", s)
    t.keys("Enter")
    s = t.wait_for(FORM)
    tap.check("650" in s, "and restored with its amount", s)
    t.keys("Up", "Up", "Up")	# to the date field: it is the draft's day 1; make it today
    t.keys("C-u")
    t.type(DAY2)
    t.keys("F2")
    s = wait_all(t, "状态：已确认", "可办理：", "入户调查记录")
    a = check_step(apps["a"], "approve", "publicity", "approved", "确认同意")
    tap.check(a["decision"] == "approved" and a["amount"] == 65000 and a["decided_on"] == DAY2,
              "approved, 65000 分, decided today", a)
    tap.check("保障金额 650.00 元/月" in s or "650" in s, "the case screen shows the amount", s)
    s = run_step(t, "在村（社区）公布", nothing, "已公布")
    a = check_step(apps["a"], "announce", "approved", "announced", "公布")
    tap.check(a["announced_on"] == DAY2, "announced today", a)
    # A delegated approval is filed with the county (issue 9), then nothing is left.
    tap.check("报县民政局备案" in s and "报县备案 " in s, "an announced delegated case is to be filed with the county", s)
    s = run_step(t, "报县民政局备案", nothing, "已公布")
    s = t.wait_for("已办结")
    a = check_step(apps["a"], "file_county", "announced", "announced", "报县备案")
    tap.check(a["county_filed_on"] == DAY2, "filed with the county today", a)
    tap.check("可办理：已办结" in s and "期限：无" in s, "an announced and filed case has no more steps or clocks", s)
    ev = [e[0] for e in events(apps["a"])]
    tap.check(ev == ["receive", "request_materials", "accept", "start_investigation", "initial_review",
                     "publicize", "approve", "announce", "file_county"], "case 1 went through every state", ev)
    t.keys("Escape")
    t.wait_for("搜索：")
    t.keys("Escape")
    t.wait_for("主菜单")

    s = open_case(t, "李秀英")
    s = run_step(t, "不予确认（审批权限已下放）", typed("子女有赡养能力，家庭收入超过标准"), "不予确认")
    a = check_step(apps["b"], "refuse", "publicity", "refused", "不予确认")
    tap.check(a["decision"] == "refused" and a["refusal_reason"] == "子女有赡养能力，家庭收入超过标准",
              "refused with the reason", a)
    tap.check("书面告知不予确认" in s, "the refusal notice deadline is shown", s)
    t.type("w")
    s = t.wait_for("不予确认通知书")
    notice = os.path.join(os.path.dirname(db), f"不予确认通知书-{apps['b']}.xlsx")
    tap.check(os.path.exists(notice) and "已导出不予确认通知书" in s,
              "w writes the refusal notice next to the store", s)
    s = run_step(t, "书面告知申请人及理由", nothing, "不予确认")
    a = check_step(apps["b"], "notify_refusal", "refused", "refused", "书面告知")
    tap.check(a["refusal_notified_on"] == DAY2, "refusal notified today", a)
    offered = s.split("可办理：")[1].split("\n")[0]
    tap.check("书面告知" not in offered and "已办结" in offered and "已书面告知" in s,
              "once notified, the notice step is no longer offered", s)
    t.keys("Escape")
    t.wait_for("搜索：")
    t.keys("Escape")
    t.wait_for("主菜单")

    s = open_case(t, "王德福")
    # Not delegated: only the county submission (and an objection) is offered.
    tap.check("确认同意（审批权限已下放）" not in s and "报送县民政局审核确认" in s,
              "a non-delegated case in publicity is offered the county, not the township's approval", s)
    s = run_step(t, "报送县民政局审核确认", nothing, "报县审批")
    a = check_step(apps["c"], "send_county", "publicity", "county", "报县")
    tap.check(a["county_submitted_on"] == DAY2, "county submission date stored", a)
    s = t.wait_for("县级审核确认")
    tap.check("剩 10 个工作日" in s, "the county's 10-working-day limit is shown", s)
    t.type(step_key(s, "县民政局确认同意"))
    s = t.wait_for(FORM)
    tap.check("420.50" in s, "the county's confirmation form carries the proposed amount", s)
    t.keys("F2")
    wait_all(t, "状态：已确认", "可办理：", "入户调查记录")
    a = check_step(apps["c"], "approve", "county", "approved", "县确认")
    tap.check(a["amount"] == 42050 and a["decision"] == "approved", "county approved, 42050 分", a)
    t.keys("Escape")
    t.wait_for("搜索：")
    t.keys("Escape")
    t.wait_for("主菜单")
    tap.check(q1("SELECT count(*) FROM audit_log WHERE who = ?", USER) >= 40,
              "every change is in audit_log under the user's name",
              q1("SELECT count(*) FROM audit_log WHERE who = ?", USER))
    t.type("q")
    s = t.wait_for("EXITED=")
    tap.check("EXITED=0" in s, "q on the main menu quits with status 0", s)
finally:
    t.close()

shutil.rmtree(tmp)
tap.exit()
