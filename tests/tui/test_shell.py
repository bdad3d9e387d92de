"""The shell: main menu, digits and arrows, help, a part not built yet,
too-small terminal, resizing, NO_COLOR, a non-UTF-8 locale, quitting and
the terminal restored after SIGHUP."""
import os
import shutil
import signal
import sys

sys.path.insert(0, os.path.dirname(__file__))
from tmuxterm import DemoStore, Tap, Term  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
JZ = os.path.join(ROOT, "jiuzhu")
CFG = os.path.join(ROOT, "tuiconfig.ini")
tap = Tap()
store = DemoStore(40, "2026-11-20", "测试员")
tmp, db, env, cmd = store.tmp, store.db, store.env, store.cmd

t = Term(cmd, env=env)
try:
    s = t.wait_for("主菜单")
    tap.check(all(x in s for x in ["1  受理登记", "2  审核审批", "3  公示公布", "4  时限预警",
                                    "5  帮办代办", "6  台账报表", "7  统计查询", "8  系统设置"]),
              "the main menu lists the eight parts in order", s)
    tap.check("澄溪镇" in s.splitlines()[0] and "2026-11-20" in s.splitlines()[0],
              "the top line shows the office and the date", s)
    tap.check("测试员" in s.splitlines()[0], "the top line shows the user", s)
    tap.check("逾期" in s.splitlines()[0], "the top line shows the overdue count", s)
    tap.check("F10/q" in s.splitlines()[-1] or "F10/q" in s, "the bottom line shows the keys", s)

    t.keys("F1")
    s = t.wait_for("按任意键继续")
    tap.check("数字" in s, "F1 shows help for the menu", s)
    t.keys("Enter")
    t.wait_for("按任意键继续", absent=True)
    t.type("?")
    t.wait_for("按任意键继续")
    tap.check(True, "? shows help too")
    t.keys("Space")
    t.wait_for("按任意键继续", absent=True)

    t.type("3")
    s = t.wait_for("待公示（已初审）")
    tap.check("公示公布" in s and "尚未完成" not in s, "menu item 3 opens the publicity screen", s)
    t.keys("Escape")
    t.wait_for("1  受理登记")
    tap.check(True, "Esc goes back to the menu")

    t.keys("Home", "Down", "Down", "Down", "Enter")
    s = t.wait_for("时限预警")
    tap.check("到期日" in s and "事项" in s, "arrows + Enter open 4 时限预警", s)
    t.keys("Escape")
    t.wait_for("1  受理登记")

    t.resize(60, 20)
    s = t.wait_for("终端太小")
    tap.check("80x24" in s, "a small terminal is told the minimum size", s)
    t.resize(100, 30)
    s = t.wait_for("1  受理登记")
    tap.check(True, "growing the terminal brings the menu back")
    t.resize(80, 24)
    t.wait_for("1  受理登记")
    t.type("q")
    s = t.wait_for("EXITED=0")
    tap.check(True, "q on the main menu quits with status 0")
finally:
    t.close()

# Monochrome: NO_COLOR still draws the menu with a visible selection.
t = Term(cmd, env=dict(env, NO_COLOR="1"))
try:
    s = t.wait_for("主菜单")
    tap.check("受理登记" in s, "NO_COLOR draws the menu", s)
    t.keys("F10")
    t.wait_for("EXITED=0")
    tap.check(True, "F10 quits")
finally:
    t.close()

# SIGHUP (a lost SSH connection): the program leaves, the shell is usable.
t = Term(cmd, env=env)
try:
    t.wait_for("主菜单")
    t.signal(signal.SIGHUP)
    s = t.wait_for("EXITED=")
    tap.check("主菜单" not in s, "after SIGHUP the terminal is restored (alternate screen left)", s)
finally:
    t.close()

# A locale that cannot show Chinese gets a plain message, not garbage.
t = Term(cmd, env=dict(env, LANG="C", LC_ALL="C"))
try:
    s = t.wait_for("EXITED=1")
    tap.check("LANG=zh_CN.UTF-8" in s, "a non-UTF-8 locale is told what to set", s)
finally:
    t.close()

shutil.rmtree(tmp)
tap.exit()
