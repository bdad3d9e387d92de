"""Correcting records in 1 受理登记, at 80x24: a son saved with a daughter's
ID number (the relation/sex warning accepted), then corrected — a number
already in another household is refused naming that record, the right one
brings its birth date and sex; the household's village corrected; a member
who died marked as left (kept, shown apart); a household registered by
mistake deleted after confirmation, one with an application refused. Each
stage is checked on the screen and in the store (audit rows included)."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from tmuxterm import DemoStore, Tap, Term  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CFG = os.path.join(ROOT, "tuiconfig.ini")
USER = "孙经办"
DAY = "2026-03-02"
FORM = "带 * 的必须填写"
RELATIONS = ["户主", "配偶", "子", "女"]

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECKS = "10X98765432"


def id_number(region, birth, seq):
    """GB 11643 with its MOD 11-2 check character, computed here."""
    body = f"{region}{birth}{seq:03d}"
    return body + CHECKS[sum(int(c) * w for c, w in zip(body, WEIGHTS)) % 11]


HEAD = id_number("500231", "19660101", 17)		# male
SON_WRONG = id_number("500231", "19920808", 24)	# female: typed by mistake
SON = id_number("500231", "19930909", 35)		# male
MISTAKE = id_number("500231", "19770707", 41)	# male

tap = Tap()
store = DemoStore(20, DAY, USER)
q = store.q
villages = [v.strip() for v in
            re.search(r"^villages\s*=\s*(.*)$", open(CFG, encoding="utf-8").read(), re.M)
            .group(1).replace("，", ",").split(",")]
taken_name, taken_id, taken_hh = q("SELECT name, id_number, household_id FROM persons ORDER BY id LIMIT 1")[0]
busy_hh, busy_app, busy_received = q("SELECT household_id, id, received_on FROM applications "
                                     "WHERE state = 'received' AND household_id IN (SELECT household_id "
                                     "FROM applications GROUP BY household_id HAVING count(*) = 1) "
                                     "ORDER BY id LIMIT 1")[0]
EARLIER = "2026-02-20"


def q1(sql, *args):
    rows = q(sql, *args)
    return rows[0][0] if rows else None



def new_household(t, village_ix, address, name, idn):
    t.type("n")
    t.wait_for("登记家庭")
    t.wait_for(FORM)
    t.keys("Space")
    t.pick(village_ix)
    t.keys("Tab")
    t.type(address)
    t.keys("Tab")
    t.type("13812345678")
    t.keys("F2")
    t.wait_all("先登记户主", FORM)
    t.type(name)
    t.keys("Tab")
    t.type(idn)
    t.keys("F2")
    s = t.wait_for("已登记家庭")
    return s, q1("SELECT max(id) FROM households")


def audit(tbl, row_id):
    return q("SELECT action, who FROM audit_log WHERE tbl = ? AND row_id = ? ORDER BY id", tbl, row_id)


t = Term(store.cmd, env=store.env)
try:
    t.wait_for("主菜单")
    t.type("1")
    t.wait_for("n 登记新家庭")
    s, hid = new_household(t, 0, "太平村2组7号", "钱大海", HEAD)
    tap.check("钱大海" in s and villages[0] in s, "a new household opens with its head", s)

    # A son with a daughter's number: the relation/sex warning, accepted.
    t.type("a")
    t.wait_for(FORM)
    t.type("钱小海")
    t.keys("Tab")
    t.type(SON_WRONG)
    t.keys("Tab", "Space")
    t.pick(RELATIONS.index("子"))
    t.wait_for("子")
    t.keys("F2")
    s = t.wait_for("仍然保存吗")
    tap.check("“子”应为男性" in s and "女性" in s, "子 with a female ID number is warned about", s)
    t.type("y")
    s = t.wait_for("已登记成员 钱小海")
    son = q1("SELECT id FROM persons WHERE id_number = ?", SON_WRONG)
    tap.check(q("SELECT sex, birth_date FROM persons WHERE id = ?", son) == [("F", "1992-08-08")],
              "accepted, the member is saved as the number says (女, 1992-08-08)")

    # Correct him: e on the member, the form filled with what is stored.
    t.keys("Down")
    t.type("e")
    s = t.wait_all("更正户号", FORM)
    tap.check("钱小海" in s and SON_WRONG in s, "e opens the member's form filled with his values", s)
    t.keys("Tab", "C-u")
    t.type(taken_id)
    t.keys("F2")
    s = t.wait_for("未保存")
    tap.check("已登记在" in s and taken_name in s and str(taken_hh) in s,
              "a number held in another household is refused, naming that person and household", s)
    tap.check(q1("SELECT id_number FROM persons WHERE id = ?", son) == SON_WRONG, "and nothing changed")
    t.keys("C-u")
    t.type(SON)
    t.keys("F2")
    s = t.wait_for("已更正成员 钱小海")
    tap.check("1993-09-09" in s and re.search(r"钱小海.*男.*1993-09-09", s) is not None,
              "the list shows the birth date and sex of the new number", s)
    tap.check(q("SELECT id_number, sex, birth_date, relation FROM persons WHERE id = ?", son)
              == [(SON, "M", "1993-09-09", "子")], "the store holds the new number, 男, 1993-09-09")
    tap.check(audit("persons", son) == [("insert", USER), ("update", USER)],
              "one audited update by the user", audit("persons", son))

    # The household's village.
    t.type("h")
    s = t.wait_all("更正户号", FORM)
    tap.check(villages[0] in s and "太平村2组7号" in s, "h opens the household form filled in", s)
    t.keys("Space")
    t.pick(2)
    t.wait_for(villages[2])
    t.keys("F2")
    s = t.wait_for("已更正户号")
    tap.check(f"户号 {hid}  {villages[2]}" in s, "the household now shows the corrected village", s)
    tap.check(q1("SELECT v.name FROM households h JOIN villages v ON v.id = h.village_id WHERE h.id = ?",
                 hid) == villages[2], "and the store has it")
    tap.check(audit("households", hid) == [("insert", USER), ("update", USER)],
              "the household's update is audited", audit("households", hid))

    # The son died: marked as left, kept.
    t.type("l")
    s = t.wait_all("成员离开本户", FORM)
    tap.check("钱小海" in s, "l opens the leaving form for the selected member", s)
    t.keys("Tab", "Space")
    t.pick(1)				# 迁出, 死亡, 其他
    t.wait_for("死亡")
    t.keys("F2")
    s = t.wait_for(f"已死亡 {DAY}")
    tap.check("钱小海" in s, "the member stays on the screen, marked 已死亡 with the date", s)
    tap.check(q("SELECT left_on, left_reason FROM persons WHERE id = ?", son) == [(DAY, "died")],
              "the store keeps him, marked died on the day")
    t.keys("Escape")
    t.wait_for("n 登记新家庭")

    # A household registered by mistake: deleted after confirmation.
    s, wrong = new_household(t, 1, "登记错了", "孙错登", MISTAKE)
    t.type("x")
    s = t.wait_for("请确认")
    tap.check(f"删除户号 {wrong}" in s, "x asks before deleting", s)
    t.type("y")
    s = t.wait_for(f"已删除户号 {wrong}")
    tap.check("n 登记新家庭" in s, "deleted, the screen goes back to the list", s)
    tap.check(q1("SELECT count(*) FROM households WHERE id = ?", wrong) == 0
              and q1("SELECT count(*) FROM persons WHERE id_number = ?", MISTAKE) == 0,
              "the household and its head are gone from the store")
    tap.check([a for (a, _) in audit("households", wrong)] == ["insert", "delete"],
              "the audit log keeps the deletion", audit("households", wrong))

    # A household with an application is not deleted.
    t.type("/")
    t.type(str(q1("SELECT id_number FROM persons WHERE household_id = ? AND is_head", busy_hh))[-6:])
    t.keys("Enter")
    t.keys("Enter")
    t.wait_for("救助申请")
    t.type("x")
    s = t.wait_for("不能删除")
    tap.check(q1("SELECT count(*) FROM households WHERE id = ?", busy_hh) == 1,
              "a household with an application is refused and kept", s)

    # Its application's received date, corrected before any decision.
    t.keys("Tab")
    t.type("e")
    s = t.wait_all("更正申请", FORM)
    tap.check(busy_received in s, "e on the application opens its facts filled in", s)
    t.keys("Tab", "Tab", "Tab", "C-u")
    t.type(EARLIER)
    t.keys("F2")
    s = t.wait_for("已更正申请")
    tap.check(f"接收 {EARLIER}" in s, "the list shows the corrected received date", s)
    tap.check(q1("SELECT received_on FROM applications WHERE id = ?", busy_app) == EARLIER
              and q1("SELECT step FROM case_events WHERE application_id = ? ORDER BY id DESC LIMIT 1",
                     busy_app) == "correct", "the store has it, with a timeline row")
    t.keys("Escape")
    t.keys("Escape")
    t.quit()
finally:
    t.close()
    store.close()
tap.exit()
