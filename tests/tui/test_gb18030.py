"""The screens in a GB18030 locale (the default of several SSH clients on
Chinese Windows): the program must draw in GB18030 while the store stays
UTF-8. The terminal here is pyte fed by pexpect, decoding GB18030."""
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

import pexpect
import pyte

sys.path.insert(0, os.path.dirname(__file__))
from tmuxterm import Tap  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
JZ = os.path.join(ROOT, "jiuzhu")
CFG = os.path.join(ROOT, "tuiconfig.ini")
tap = Tap()


def ensure_locale():
    """zh_CN.GB18030 is generated when missing (as root: CI machines)."""
    out = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()
    if "zh_cn.gb18030" in out:
        return True
    r = subprocess.run(["localedef", "-i", "zh_CN", "-f", "GB18030", "zh_CN.GB18030"],
                       capture_output=True)
    return r.returncode == 0


class Screen:
    def __init__(self, cmd, env):
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.Stream(self.screen)
        self.child = pexpect.spawn("/bin/sh", ["-c", cmd], env=env, dimensions=(24, 80),
                                   encoding="gb18030", codec_errors="replace")

    def pump(self):
        try:
            while True:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=0.05))
        except (pexpect.TIMEOUT, pexpect.EOF):
            pass

    def text(self):
        return "\n".join(self.screen.display)

    def wait_for(self, s, timeout=10):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump()
            if s in self.text():
                return self.text()
        raise AssertionError(f"timed out waiting for {s!r}; screen:\n{self.text()}")

    def send(self, s):
        self.child.send(s)


if not ensure_locale():
    tap.check(False, "the zh_CN.GB18030 locale can be generated (localedef)")
    sys.exit(1)

tmp = tempfile.mkdtemp()
db = os.path.join(tmp, "g.db")
env = dict(os.environ, JIUZHU_TODAY="2026-11-20", JIUZHU_USER="测试员")
subprocess.run([JZ, "-c", CFG, "--db", db, "init", "--demo", "--households", "30"],
               check=True, capture_output=True, env=env)
genv = dict(env, LANG="zh_CN.GB18030", LC_ALL="zh_CN.GB18030", TERM="xterm")
sc = Screen(f"{JZ} -c {CFG} --db {db}", genv)
try:
    s = sc.wait_for("主菜单")
    tap.check("受理登记" in s and "审核审批" in s, "the menu is drawn in GB18030", s)
    sc.send("1")
    sc.wait_for("登记新家庭")
    sc.send("n")
    sc.wait_for("家庭住址")
    sc.send(" ")                      # the village picker
    sc.wait_for("Enter 确定")
    sc.send("\r")
    sc.send("\t")
    sc.send("太平村二组十号")          # typed Chinese arrives as GB18030 bytes
    sc.send("\t")
    sc.send("13812345678")
    s = sc.wait_for("13812345678")
    tap.check("太平村二组十号" in s, "Chinese typed in GB18030 shows in the field", s)
    sc.send("\x1bOQ")                 # F2 (xterm SS3 form)
    sc.wait_for("先登记户主")          # saved together with its head
    sc.send("欧阳红梅")
    sc.send("\t")
    sc.send("11010519491231002X")
    sc.send("\x1bOQ")
    s = sc.wait_for("已登记家庭")
    tap.check("欧阳红梅" in s, "the household is saved with its head", s)
    sc.send("\x1b")
    sc.send("\x1b")
    sc.send("\x1b")
    sc.wait_for("主菜单")
    sc.send("q")
    sc.child.expect(pexpect.EOF, timeout=10)
    tap.check(True, "the program quits")
finally:
    sc.child.close(force=True)

con = sqlite3.connect(db)
row = con.execute("SELECT h.address, p.name FROM households h JOIN persons p ON p.household_id = h.id "
                  "ORDER BY h.id DESC LIMIT 1").fetchone()
tap.check(row is not None and row == ("太平村二组十号", "欧阳红梅"),
          "the store keeps UTF-8 text typed in a GB18030 terminal", row)
con.close()
shutil.rmtree(tmp)
tap.exit()
