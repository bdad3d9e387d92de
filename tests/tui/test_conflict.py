"""Two clerks on one case at 80x24 (issue 10): both open it; the second
takes 受理 first; the first clerk's save is refused naming who changed it
and when, and what the first clerk typed stays on the form (and in a draft
after Esc) to look at and apply again."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from tmuxterm import DemoStore, Tap, Term, step_key  # noqa: E402

tap = Tap()
store = DemoStore(300, "2026-11-20", "测试员")
rows = store.q("SELECT p.name FROM applications a JOIN persons p ON p.id = a.applicant_id "
               "WHERE a.state = 'received' AND (SELECT count(*) FROM persons x "
               "WHERE x.name = p.name) = 1 "
               # 受理 needs every material and authorisation (issue 8)
               "AND NOT EXISTS (SELECT 1 FROM application_materials m WHERE m.application_id = a.id "
               "AND NOT m.present) AND NOT EXISTS (SELECT 1 FROM authorisations z "
               "WHERE z.application_id = a.id AND NOT z.signed) ORDER BY a.id LIMIT 1")
name = rows[0][0]
(other,) = store.q("SELECT name FROM staff WHERE login = 'clerk1'")[0]


def open_case(t):
    t.wait_for("主菜单")
    t.type("2")
    t.wait_for("申请人")
    t.type("/")
    t.type(name)
    t.keys("Enter")
    t.wait_for(name)
    t.keys("Enter")
    return t.wait_all("可办理：", name)


a = Term(store.cmd, env=store.env)
b = Term(store.cmd, env=dict(store.env, JIUZHU_USER="clerk1"))
try:
    s = open_case(a)
    a.type(step_key(s, "受理（材料齐全）"))
    a.wait_for("办理日期")
    a.keys("Tab")
    a.type("甲核对了户口簿")
    s = open_case(b)
    b.type(step_key(s, "受理（材料齐全）"))
    b.wait_for("办理日期")
    b.keys("F2")
    b.wait_for("状态：已受理")
    tap.check(True, "the second clerk takes 受理 first")
    a.keys("F2")
    s = a.wait_for("修改，请查看最新内容")
    tap.check(f"{other}（clerk1）于 20" in s,
              "the refused save names who changed the case and when", s)
    tap.check("甲核对了户口簿" in s and "办理日期" in s, "the form stays open with what was typed", s)
    (state,) = store.q("SELECT state FROM applications a JOIN persons p ON p.id = a.applicant_id "
                       "WHERE p.name = ?", name)[0]
    tap.check(state == "accepted", "the store holds the second clerk's step only", state)
    a.keys("Escape")
    s = a.wait_for("状态：已受理")
    tap.check("受理（材料齐全）" not in s, "back on the case, the latest state shows", s)
    drafts = store.q("SELECT count(*) FROM drafts WHERE owner = '测试员' AND data LIKE ?",
                     "%甲核对了户口簿%")
    tap.check(drafts == [(1,)], "what was typed is kept as a draft to apply again", drafts)
finally:
    a.close()
    b.close()
    store.close()

print(f"1..{tap.n}")
tap.exit()
