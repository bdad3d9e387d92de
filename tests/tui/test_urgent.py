"""急难型临时救助 先行救助 at 80x24: on an urgent 临时救助 case not yet paid,
u records the amount paid first and the day; the case shows it, 4 时限预警
shows the paperwork due urgent_paperwork (5) working days after the day paid, and the
store holds amount (fen) and day. A second payment is refused with the
form kept open."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from tmuxterm import DemoStore, Tap, Term  # noqa: E402

DAY = "2026-03-02"		# Monday
PAID = "2026-02-27"		# Friday; + 5 working days (02-28 a make-up Saturday) = 2026-03-05
FORM = "带 * 的必须填写"

tap = Tap()
store = DemoStore(300, DAY, "窗口经办")
q = store.q
cases = q("SELECT a.id, p.id_number, p.name FROM applications a JOIN persons p ON p.id = a.applicant_id "
          "WHERE a.kind = 'linshi' AND a.urgent AND a.prepaid_on IS NULL AND a.decided_on IS NULL "
          "AND a.state <> 'withdrawn' ORDER BY a.id")
if not cases:
    print("not ok 1 - the demo store has an urgent 临时救助 case not yet paid: the test would prove nothing")
    sys.exit(1)
app, idn, name = cases[0]

t = Term(store.cmd, env=store.env)
try:
    t.wait_for("主菜单")
    t.type("2")
    t.wait_for("搜索：")
    t.type("/")
    t.type(idn)
    t.keys("Enter")
    t.wait_for(name)
    t.keys("Enter")
    s = t.wait_all("可办理：", f"申请 {app}")
    tap.check("急难" in s and "先行救助 " not in s and "u 先行救助" in s,
              "the urgent case shows 急难, not yet paid, and offers u 先行救助 beside its steps", s)
    t.type("u")
    t.wait_for("急难型临时救助先行救助")
    t.wait_for(FORM)
    t.type("1500")
    t.keys("Tab", "C-u")
    t.type(PAID)
    t.wait_for(PAID)
    t.keys("F2")
    s = t.wait_all("已登记先行救助", "5 个工作日")
    s = t.wait_for(f"先行救助 1500.00 元（{PAID}）")
    tap.check("u 先行救助" not in s, "the case shows the amount and day paid first, and no longer offers u", s)
    tap.check(q("SELECT prepaid_on, prepaid_amount FROM applications WHERE id = ?", app) == [(PAID, 150000)],
              "the store holds the day and the amount in fen")
    t.type("u")
    t.wait_for(FORM)
    t.type("200")
    t.keys("F2")
    s = t.wait_for("已于")
    tap.check(f"该申请已于 {PAID} 先行救助" in s and FORM in s, "a second payment is refused, the form kept", s)
    tap.check(q("SELECT prepaid_amount FROM applications WHERE id = ?", app) == [(150000,)],
              "the refused second payment changed nothing")
    t.keys("Escape")
    t.wait_for("可办理：")
    t.keys("Escape")
    t.wait_for("搜索：")
    t.keys("Escape")
    t.wait_for("主菜单")
    t.type("4")
    t.wait_for("时限预警")
    t.type("r")
    s = t.wait_for("按规则筛选")
    # The pick list is drawn over the alerts: its lines follow its title.
    lines = s.splitlines()
    title = next(i for i, l in enumerate(lines) if "按规则筛选" in l)
    start = next(i for i in range(title + 1, len(lines)) if " 全部 " in lines[i])
    k = next(i for i in range(start, len(lines)) if "先行救助补手续" in lines[i]) - start
    for _ in range(k):
        t.keys("Down")
    t.keys("Enter")
    s = t.wait_all("规则：先行救助补手续", name)
    line = next((l for l in s.splitlines() if name in l), "")
    tap.check("2026-03-05" in line and f"申请 {app}" in line,
              "4 时限预警 shows the paperwork due 5 working days after the payment", s)
    t.keys("Escape")
    t.quit()
finally:
    t.close()
    store.close()
tap.exit()
