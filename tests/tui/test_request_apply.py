"""一门受理 at 80x24: a request for help from someone whose household is
registered becomes its application on the request's own screen: n opens the
household's application form with the person who asked as applicant, F2
saves the application and the request's link to it together and opens the
case screen; back on the request, 关联申请 names it and n is refused. A
request with no household is told where to register it first."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from tmuxterm import DemoStore, Tap, Term  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
USER = "窗口经办"
DAY = "2026-03-02"
FORM = "带 * 的必须填写"
KINDS = open(os.path.join(ROOT, "forms", "catalogue", "kinds.ini"), encoding="utf-8").read()
kinds = re.findall(r"^name\s*=\s*(.+)$", KINDS, re.M)
LINSHI = kinds.index("临时救助")

tap = Tap()
store = DemoStore(30, DAY, USER)
q = store.q
# A head of a household with no application at all, and one with none
# registered: the two requests of the test.
name, idn, house, village = q(
    "SELECT p.name, p.id_number, p.household_id, v.name FROM persons p "
    "JOIN households h ON h.id = p.household_id JOIN villages v ON v.id = h.village_id "
    "WHERE p.is_head AND p.left_on IS NULL AND NOT EXISTS (SELECT 1 FROM applications a "
    "WHERE a.household_id = p.household_id) ORDER BY p.id LIMIT 1")[0]
villages = [v for (v,) in q("SELECT name FROM villages ORDER BY id")]



def register(t, who, id_number, need):
    """The request form from the referral lists: village, name, ID, need."""
    t.type("n")
    t.wait_for("求助信息登记")
    t.wait_for(FORM)
    t.keys("Space")
    t.pick(villages.index(village))
    t.keys("Tab")
    t.type(who)
    t.keys("Tab")
    t.type(id_number)
    t.keys("Tab", "Tab")
    t.type(need)
    t.wait_for(need)
    t.keys("F2")
    return t.wait_all("求助 ", who, "尚未转办")


t = Term(store.cmd, env=store.env)
try:
    t.wait_for("主菜单")
    t.type("z")
    t.wait_all("求助登记", "转办事项")
    s = register(t, name, idn, "家中失火，生活困难")
    rid = q("SELECT max(id) FROM help_requests")[0][0]
    tap.check(q("SELECT household_id FROM help_requests WHERE id = ?", rid) == [(house,)],
              "the request is of the household the ID number names", q("SELECT * FROM help_requests WHERE id = ?", rid))
    tap.check("n 登记为救助申请" in s, "the request says n registers its application", s)
    t.type("n")
    s = t.wait_all("救助申请", f"求助 {rid} 登记为救助申请", f"申请人 {name}")
    t.wait_for(FORM)
    t.keys("Space")
    t.pick(LINSHI)
    t.wait_for("临时救助")
    t.keys("F2")
    s = t.wait_all("可办理：", "已关联求助登记")
    app = q("SELECT max(id) FROM applications")[0][0]
    tap.check(q("SELECT household_id, applicant_id, kind, channel, received_on FROM applications "
                "WHERE id = ?", app)
              == [(house, q("SELECT id FROM persons WHERE id_number = ?", idn)[0][0], "linshi",
                   "window", DAY)],
              "F2 registers the application of the household, the person who asked applying",
              q("SELECT * FROM applications WHERE id = ?", app))
    tap.check(q("SELECT application_id FROM help_requests WHERE id = ?", rid) == [(app,)],
              "the request is linked to its application")
    tap.check([a for (a,) in q("SELECT who FROM audit_log WHERE tbl = 'help_requests' AND row_id = ? "
                               "AND action = 'update'", rid)] == [USER],
              "the link is audited as the clerk's")
    t.keys("Escape")
    s = t.wait_all("关联申请：", f"申请 {app}")
    tap.check("已接收" in s, "the request names its application and its state", s)
    t.type("n")
    s = t.wait_for(f"求助已关联申请 {app}")
    tap.check(q("SELECT count(*) FROM applications WHERE household_id = ?", house) == [(1,)],
              "a second n registers nothing", s)
    t.keys("Escape")
    t.wait_all("求助登记", "转办事项")
    # Someone not registered: the request cannot become an application here.
    s = register(t, "路过群众", "", "询问低保政策")
    tap.check("求助人未登记为家庭成员" in s, "a request with no household says so", s)
    before = q("SELECT count(*) FROM applications")
    t.type("n")
    s = t.wait_for("请先在“1 受理登记”中登记其家庭")
    tap.check(q("SELECT count(*) FROM applications") == before and "救助申请" not in s,
              "n on it says where to register the household first, and opens no form", s)
    t.keys("Escape")
    t.wait_for("求助登记")
    t.keys("Escape")
    t.quit()
finally:
    t.close()
    store.close()
tap.exit()
