"""Who is at the keyboard, on the screens at 80x24 (issue 10): in shared
mode the first run makes the administrator set a password (stars on the
screen, no default), an administrator sets a clerk's password on 9 人员管理,
the clerk logs in (a wrong password slows the next attempt; $JIUZHU_USER
gives nothing) and sees only a clerk's menu; an unknown login is told who
they are and that they have no role, and is offered nothing."""
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from tmuxterm import CFG, JZ, ROOT, Tap, Term  # noqa: E402

tap = Tap()
tmp = tempfile.mkdtemp(prefix="jz-login.")
db = os.path.join(tmp, "s.db")
shared = os.path.join(tmp, "shared.ini")
with open(CFG, encoding="utf-8") as f, open(shared, "w", encoding="utf-8") as out:
    for line in f:
        if line.startswith("mode") and "local" in line:
            line = "mode = shared\n"
        elif line.split("=")[0].strip() in ("forms", "reports"):
            key = line.split("=")[0].strip()
            line = f"{key} = {os.path.join(ROOT, key)}\n"
        out.write(line)

env = {"JIUZHU_TODAY": "2026-11-20", "JIUZHU_USER": "boss", "LANG": "C.UTF-8"}
full = dict(os.environ, **env)
# Made in local mode by the account "boss": an administrator with no password.
subprocess.run([JZ, "-c", CFG, "--db", db, "init"], check=True, capture_output=True, env=full)
subprocess.run([JZ, "-c", CFG, "--db", db, "user", "add", "clerk9", "--name", "钱九",
                "--role", "clerk"], check=True, capture_output=True, env=full)
# Then moved to a network share: a store of shared mode has a rollback journal
# (the journal mode is the store's own, see jiuzhu check).
_con = __import__("sqlite3").connect(db)
_con.execute("PRAGMA journal_mode = DELETE")
_con.close()


def q(sql):
    import sqlite3
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


cmd = f"cd {ROOT} && {JZ} -c {shared} --db {db}"
t = Term(cmd, env=env)
try:
    s = t.wait_for("设置系统管理员密码")
    tap.check("没有默认密码" in s, "the first run asks for the administrator's password: none by default", s)
    account = subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip()
    tap.check(account in s and "boss" not in s.split("\n", 1)[1],
              "the login offered is the account's, not $JIUZHU_USER's", s)
    t.keys("Up", "C-u")   # the cursor starts on the password; the login is above
    t.type("boss")
    t.keys("Tab")
    t.type("boss-pass-1")
    t.keys("Tab")
    t.type("boss-pass-2")
    s = t.wait_for("*" * 11)
    tap.check("boss-pass" not in s, "passwords show as stars", s)
    t.keys("Enter")
    s = t.wait_for("两次输入的新密码不一致")
    tap.check(True, "two different passwords are refused")
    t.type("boss-pass-1")
    t.keys("Tab")
    t.type("boss-pass-1")
    t.keys("Enter")
    s = t.wait_for("主菜单")
    top = s.splitlines()[0]
    tap.check("boss" in top and "分管领导等" in top, "the administrator is logged in, named on the top line", s)
    tap.check("人员管理" in s, "and is offered 人员管理", s)
    hashed = q("SELECT password_hash LIKE '$argon2id$%' FROM staff WHERE login = 'boss'")
    tap.check(hashed == [(1,)], "the password is kept as an argon2id hash", hashed)

    # 9 人员管理: set the clerk's password.
    t.type("9")
    s = t.wait_all("人员管理", "clerk9", "钱九")
    tap.check("未设" in s, "the staff list shows who has no password yet", s)
    t.keys("Home", "Down")   # the rows are in login order: boss, clerk9
    t.type("p")
    s = t.wait_for("设置密码")
    tap.check("clerk9" in s, "p opens the password screen for the selected login", s)
    t.type("clerk-pass-9")
    t.keys("Tab")
    t.type("clerk-pass-9")
    t.keys("Enter")
    s = t.wait_for("已设置 clerk9 的密码")
    tap.check(q("SELECT password_hash IS NOT NULL FROM staff WHERE login = 'clerk9'") == [(1,)],
              "the clerk's password is set in the store")
    t.keys("Escape")
    t.quit()
    tap.check(True, "q quits")
finally:
    t.close()

# The clerk logs in; $JIUZHU_USER=boss gives nothing.
t = Term(cmd, env=env)
try:
    s = t.wait_for("登录名")
    tap.check("shared" in s, "shared mode opens on the login screen", s)
    t.keys("Up", "C-u")
    t.type("clerk9")
    t.keys("Tab")
    t.type("not-the-password")
    t.keys("Enter")
    s = t.wait_for("登录名或密码不正确")
    tap.check("主菜单" not in s, "a wrong password is refused", s)
    t.type("clerk-pass-9")
    t.keys("Enter")
    s = t.wait_for("秒后再试")
    tap.check("主菜单" not in s, "the right one at once must wait: failures are slowed", s)
    # The wait is real time: sleep until it is over (not a synchronisation).
    (until,) = q("SELECT wait_until FROM login_attempts WHERE login = 'clerk9'")[0]
    time.sleep(max(0.0, until / 1000 - time.time()) + 0.2)
    t.type("clerk-pass-9")
    t.keys("Enter")
    s = t.wait_for("主菜单")
    top = s.splitlines()[0]
    tap.check("钱九（经办人）" in top, "the clerk is logged in as a clerk", s)
    tap.check("人员管理" not in s and "受理登记" in s, "and is offered a clerk's menu only", s)
    t.type("q")
    t.wait_for("EXITED=0")
finally:
    t.close()

# Local mode (a store of its own), an unknown login: who they are, no role,
# nothing offered.
local_db = os.path.join(tmp, "l.db")
subprocess.run([JZ, "-c", CFG, "--db", local_db, "init"], check=True, capture_output=True, env=full)
t = Term(f"cd {ROOT} && {JZ} -c {CFG} --db {local_db}", env=dict(env, JIUZHU_USER="outsider"))
try:
    s = t.wait_for("没有任何角色")
    tap.check("outsider" in s and "不在工作人员名单中" in s, "an unknown login is told who they are", s)
    tap.check("受理登记" not in s and "审核审批" not in s, "and is offered nothing", s)
    t.type("2")
    s = t.wait_for("没有任何角色")
    tap.check("申请人" not in s, "a digit opens nothing", s)
    t.type("q")
    t.wait_for("EXITED=0")
finally:
    t.close()

print(f"1..{tap.n}")
tap.exit()
