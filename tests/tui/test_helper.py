"""5 帮办代办: the roster flags a village without a helper agent; an
entrustment with Chinese names is registered through the form and taken
through handling → feedback → rating → filing by its digit keys; the store
then holds the state, the rating and the dates."""
import os
import re
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(__file__))
from tmuxterm import DemoStore, Tap, Term, step_key  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
JZ = os.path.join(ROOT, "jiuzhu")
CFG = os.path.join(ROOT, "tuiconfig.ini")
USER = "周帮办"
DAY = "2026-03-02"		# a Monday; + 5 working days = 2026-03-09
FORM = "带 * 的必须填写"
CLIENT = "欧阳秀英"

tap = Tap()
store = DemoStore(40, DAY, USER)
tmp, db, env, cmd = store.tmp, store.db, store.env, store.cmd


q = store.q


def wait_all(t, *texts, timeout=10.0):
    return t.wait_all(*texts, timeout=timeout)



def new_entrustment(t, client):
    """n, the form, the village vname and the client's name typed."""
    t.type("n")
    t.wait_for("帮办代办委托登记")
    t.wait_for(FORM)
    t.keys("Space")
    t.pick(villages.index(vname))
    t.keys("Tab")
    t.type(client)


def run_step(t, label, fill, state_label):
    s = t.wait_for("可办理：")
    t.type(step_key(s, label))
    t.wait_for(FORM)
    fill()
    t.keys("F2")
    return wait_all(t, "状态：" + state_label, "可办理：")


villages = [v for (v,) in q("SELECT name FROM villages ORDER BY id")]
without = [v for (v,) in q("SELECT name FROM villages v WHERE NOT EXISTS (SELECT 1 FROM staff s "
                           "WHERE s.village_id = v.id AND s.role = 'agent' AND s.active)")]
vname, aname = q("SELECT v.name, s.name FROM staff s JOIN villages v ON v.id = s.village_id "
                 "WHERE s.role = 'agent' AND s.active ORDER BY v.id, s.id LIMIT 1")[0]
vid = q("SELECT id FROM villages WHERE name = ?", vname)[0][0]
# The agent picker: the client's village's agents first, each with its village.
agent_labels = [n for (n,) in q("SELECT s.name || '（' || v.name || '）' FROM staff s "
                                "JOIN villages v ON v.id = s.village_id WHERE s.role = 'agent' "
                                "AND s.active ORDER BY s.village_id IS NOT ?, v.id, s.name, s.id", vid)]
alabel = f"{aname}（{vname}）"
other_vname, other_aname = q("SELECT v.name, s.name FROM staff s JOIN villages v ON v.id = s.village_id "
                             "WHERE s.role = 'agent' AND s.active AND s.village_id <> ? "
                             "ORDER BY v.id, s.name, s.id LIMIT 1", vid)[0]
other_label = f"{other_aname}（{other_vname}）"
CLIENT2 = "司马光"
kinds = re.findall(r"^name\s*=\s*(.+)$",
                   open(os.path.join(ROOT, "forms", "catalogue", "kinds.ini"), encoding="utf-8").read(), re.M)
before = q("SELECT count(*) FROM entrustments")[0][0]

t = Term(cmd, env=env)
try:
    t.wait_for("主菜单")
    t.type("5")
    s = wait_all(t, "帮办代办员名册", "村（社区）")
    tap.check(len(without) == 1 and "【未配备帮办代办员】" in s and without[0] in s,
              "the roster flags the village without a helper agent", s)
    tap.check(aname in s and vname in s, "the roster lists an agent with the village", s)
    tap.check(f"{len(without)} 个村（社区）未配备帮办代办员" in s, "the top line counts the gaps", s)
    tap.check(not re.search(r"\d{17}[\dX]", s), "ID numbers are masked in the roster", s)

    t.keys("Tab")
    s = wait_all(t, "委托人", "受理日期", "办理时限", "第 1 页")
    tap.check("已归档" in s or "办理中" in s or "已登记" in s, "Tab shows the entrustment list", s)

    new_entrustment(t, CLIENT)
    t.keys("Tab", "Tab")			# client ID number left empty
    t.type("13912345678")
    t.keys("Tab", "Space")
    t.pick(kinds.index("临时救助"))
    t.keys("Tab", "Tab", "Space")		# channel stays 电话; agent
    s = t.wait_for("上下键 选择  Enter 确定")
    tap.check(s.find(alabel) >= 0 and s.find(alabel) < s.find(other_label),
              "the picker lists the client's village's agents first, with their village", s)
    t.pick(agent_labels.index(alabel))
    s = wait_all(t, CLIENT, "临时救助", alabel)
    t.keys("F2")
    s = wait_all(t, "可办理：", "委托 ", CLIENT)
    tap.check("已登记" in s and "2026-03-09" in s, "the new entrustment opens: 已登记, due 2026-03-09", s)
    tap.check(q("SELECT count(*) FROM entrustments")[0][0] == before + 1,
              "one entrustment row was added")
    eid = q("SELECT max(id) FROM entrustments")[0][0]

    s = run_step(t, "材料齐全，开始办理", lambda: None, "办理中")
    tap.check("距办理时限还有" in s, "handling shows the working days left", s)

    def feedback():
        t.keys("Tab")
        t.type("材料已送镇社事办窗口，已受理")
    s = run_step(t, "反馈办理结果", feedback, "已反馈")
    tap.check("材料已送镇社事办窗口" in s, "the result is shown", s)

    def rate():
        t.keys("Space")
        t.pick(1)
        t.wait_for("基本满意")
    s = run_step(t, "征询委托人评价", rate, "已评价")
    tap.check("基本满意" in s, "the rating is shown", s)
    s = run_step(t, "办结归档", lambda: None, "已归档")
    tap.check("已办结归档" in s, "a filed entrustment offers no more steps", s)

    t.keys("Escape")
    s = wait_all(t, "第 1 页", CLIENT)
    tap.check("已归档" in s.splitlines()[3], "back in the list the new entrustment is first, filed", s)

    # An agent of another village: a warning; going back saves nothing.
    count = q("SELECT count(*) FROM entrustments")[0][0]
    new_entrustment(t, CLIENT2)
    t.keys("Tab", "Tab", "Tab", "Space")
    t.pick(kinds.index("临时救助"))
    t.keys("Tab", "Tab", "Space")
    t.pick(agent_labels.index(other_label))
    t.wait_for(other_label)
    t.keys("F2")
    s = t.wait_for("仍然选择")
    tap.check(other_aname in s and other_vname in s and vname in s,
              "choosing another village's agent warns, naming both villages", s)
    t.type("n")
    s = t.wait_for("未保存")
    tap.check("请重新选择帮办代办员" in s and q("SELECT count(*) FROM entrustments")[0][0] == count,
              "going back keeps the form open and saves nothing", s)
    t.keys("F2")
    t.wait_for("仍然选择")
    t.type("y")
    s = wait_all(t, "可办理：", CLIENT2)
    r2 = q("SELECT s.name, v.name FROM entrustments e JOIN staff s ON s.id = e.agent_id "
           "JOIN villages v ON v.id = e.village_id WHERE e.id = (SELECT max(id) FROM entrustments)")
    tap.check(r2 == [(other_aname, vname)], "accepting the warning saves the other village's agent", r2)
    t.keys("Escape")
    wait_all(t, "第 1 页", CLIENT2)

    # Deactivating that agent: its open entrustments pass to another, picked
    # from a list with the same village's agents first.
    roster = []
    for (v_id,) in q("SELECT id FROM villages ORDER BY id"):
        ids = [a for (a,) in q("SELECT id FROM staff WHERE village_id = ? AND role = 'agent' AND active "
                               "ORDER BY id", v_id)]
        roster += ids or [None]
    other_id = q("SELECT agent_id FROM entrustments WHERE id = (SELECT max(id) FROM entrustments)")[0][0]
    heir, heir_name = q("SELECT a.id, a.name FROM staff a JOIN villages v ON v.id = a.village_id "
                        "WHERE a.role = 'agent' AND a.active AND a.id <> ?1 ORDER BY a.village_id IS NOT "
                        "(SELECT village_id FROM staff WHERE id = ?1), v.id, a.name, a.id LIMIT 1",
                        other_id)[0]
    open_before = q("SELECT id FROM entrustments WHERE agent_id = ? AND state NOT IN ('filed', "
                    "'out_of_scope') ORDER BY id", other_id)
    t.keys("Tab")
    t.wait_for("在岗帮办代办员")
    for _ in range(roster.index(other_id)):
        t.keys("Down")
    t.type("d")
    s = t.wait_for("移交给")
    tap.check(f"{other_aname} 的 {len(open_before)} 件未办结委托移交给" in s and heir_name in s,
              "d on an agent with open entrustments asks to whom they pass", s)
    t.keys("Enter")
    t.wait_for("请确认")
    t.type("y")
    s = t.wait_for("未办结的委托已移交")
    moved = q("SELECT id FROM entrustments WHERE agent_id = ? ORDER BY id", heir)
    tap.check(all(r in moved for r in open_before)
              and q("SELECT active FROM staff WHERE id = ?", other_id) == [(0,)],
              "the agent is inactive and every open entrustment is the chosen agent's", moved)
    t.keys("Escape")
    t.quit()
finally:
    t.close()

con = sqlite3.connect(db)
con.row_factory = sqlite3.Row
r = dict(con.execute("SELECT e.*, v.name AS village, s.name AS agent FROM entrustments e "
                     "JOIN villages v ON v.id = e.village_id JOIN staff s ON s.id = e.agent_id "
                     "WHERE e.id = ?", (eid,)).fetchone())
audit = con.execute("SELECT action, who FROM audit_log WHERE tbl = 'entrustments' AND row_id = ? "
                    "ORDER BY id", (eid,)).fetchall()
con.close()
tap.check(r["state"] == "filed", "store: state filed", r)
tap.check(r["rating"] == "基本满意", "store: rating 基本满意", r)
tap.check(r["client_name"] == CLIENT and r["client_phone"] == "13912345678" and r["channel"] == "phone"
          and r["matter"] == "linshi", "store: client, phone, channel phone, matter linshi", r)
tap.check(r["village"] == vname and r["agent"] == aname, "store: village and agent", r)
tap.check(r["received_on"] == DAY and r["due_on"] == "2026-03-09" and r["replied_on"] == DAY
          and r["filed_on"] == DAY, "store: received, due (+5 working days), replied and filed dates", r)
tap.check(r["result"] == "材料已送镇社事办窗口，已受理", "store: the result", r)
tap.check([tuple(a) for a in audit] == [("insert", USER)] + [("update", USER)] * 4,
          "store: one insert and four audited updates by the user", audit)
tap.exit()
