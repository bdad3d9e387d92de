"""Drive the real ./jiuzhu in a real terminal: tmux send-keys / capture-pane.

Every wait is a wait-for-text with a deadline, never a bare sleep.
"""
import os
import subprocess
import sys
import time
import uuid


class Term:
    def __init__(self, command, env=None, width=80, height=24):
        self.name = "jz-" + uuid.uuid4().hex[:8]
        self.sock = "jz-test-" + self.name
        environ = dict(os.environ)
        environ.update(env or {})
        environ.setdefault("LANG", "C.UTF-8")
        environ["TERM"] = environ.get("TERM_FOR_TEST", "xterm-256color")
        self.env = environ
        args = ["tmux", "-L", self.sock, "-f", "/dev/null", "new-session", "-d",
                "-s", self.name, "-x", str(width), "-y", str(height)]
        for k in ("LANG", "LC_ALL", "JIUZHU_TODAY", "JIUZHU_USER", "NO_COLOR", "TERM"):
            if k in environ:
                args += ["-e", f"{k}={environ[k]}"]
        args += [command + "; echo EXITED=$?; sleep 30"]
        subprocess.run(args, check=True, env=environ)
        self._tmux("set-option", "-t", self.name, "status", "off")
        self._tmux("resize-window", "-t", self.name, "-x", str(width), "-y", str(height))

    def _tmux(self, *args, check=True):
        return subprocess.run(["tmux", "-L", self.sock] + list(args), check=check,
                              capture_output=True, text=True, env=self.env)

    def screen(self):
        return self._tmux("capture-pane", "-p", "-t", self.name).stdout

    def keys(self, *keys):
        """tmux key names: Enter, Escape, Up, Down, Tab, F1, BSpace …"""
        self._tmux("send-keys", "-t", self.name, *keys)

    def type(self, text):
        self._tmux("send-keys", "-t", self.name, "-l", text)

    def resize(self, width, height):
        self._tmux("resize-window", "-t", self.name, "-x", str(width), "-y", str(height))

    def signal(self, sig):
        pid = self._tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").stdout.strip()
        # The pane runs sh -c "jiuzhu …; echo": signal jiuzhu, the shell's child.
        kids = subprocess.run(["pgrep", "-P", pid], capture_output=True, text=True).stdout.split()
        for k in kids:
            os.kill(int(k), sig)

    def settled(self, s, deadline):
        """The screen once two captures in a row agree: a screen caught
        half drawn (the text wanted is there, the rest not yet) is not
        returned to a check."""
        while time.monotonic() < deadline:
            time.sleep(0.01)
            again = self.screen()
            if again == s:
                return s
            s = again
        return s

    def wait_for(self, text, timeout=10.0, absent=False):
        """Waits until `text` is on the screen (or gone, if absent)."""
        deadline = time.monotonic() + timeout
        while True:
            s = self.screen()
            if (text in s) != absent:
                return self.settled(s, deadline)
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {'absence of ' if absent else ''}"
                                     f"{text!r}; screen was:\n{s}")
            time.sleep(0.02)

    def pick(self, index):
        """In a picker (ui_pick): once it is open, Down `index` times, Enter."""
        self.wait_for("上下键 选择  Enter 确定")
        for _ in range(index):
            self.keys("Down")
        self.keys("Enter")

    def quit(self):
        """From the main menu: q, and the program ends with status 0."""
        self.wait_for("主菜单")
        self.type("q")
        self.wait_for("EXITED=0")

    def wait_all(self, *texts, timeout=10.0):
        """Waits until every text is on the (settled) screen."""
        deadline = time.monotonic() + timeout
        while True:
            s = self.screen()
            if all(x in s for x in texts):
                return self.settled(s, deadline)
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {texts!r}; screen was:\n{s}")
            time.sleep(0.02)

    def close(self):
        self._tmux("kill-server", check=False)


class Tap:
    """Prints ok / not ok lines, as tests/run.sh counts them."""

    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, cond, what, detail=""):
        self.n += 1
        if cond:
            print(f"ok {self.n} - {what}", flush=True)
        else:
            self.failed += 1
            print(f"not ok {self.n} - {what}", flush=True)
            for line in str(detail).splitlines():
                print(f"#   {line}", flush=True)

    def exit(self):
        """The test's status: 1 if any check failed."""
        sys.exit(1 if self.failed else 0)

    def step(self, what, fn):
        """Runs fn(); an exception is a failure with its message."""
        try:
            fn()
            self.check(True, what)
        except Exception as exc:  # noqa: BLE001 - report any failure as a test failure
            self.check(False, what, exc)


ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
JZ = os.path.join(ROOT, "jiuzhu")
CFG = os.path.join(ROOT, "tuiconfig.ini")


def step_key(screen, label):
    """The digit the 可办理 line of a case or entrustment gives to `label`."""
    import re
    lines = screen.splitlines()
    start = next((i for i, l in enumerate(lines) if "可办理：" in l), None)
    if start is None:
        raise AssertionError("no 可办理 line:\n" + screen)
    m = re.search(r"(\d) " + re.escape(label), "\n".join(lines[start:]))
    if m is None:
        raise AssertionError(f"step {label!r} not offered:\n{screen}")
    return m.group(1)


def complete_checklist(t, q, app_id):
    """On a case screen: Tab to the materials, Space on every one; Tab to
    the authorisations, Space and 纸质签字 on every one; Tab back to the
    timeline. Returns how many are left unticked or unsigned (q queries
    the store)."""
    n_mat = q("SELECT count(*) FROM application_materials WHERE application_id = ?", app_id)[0][0]
    n_auth = q("SELECT count(*) FROM authorisations WHERE application_id = ?", app_id)[0][0]
    t.keys("Tab")
    for i in range(n_mat):
        t.keys("Space")
        if i + 1 < n_mat:
            t.keys("Down")
    t.keys("Tab")
    for i in range(n_auth):
        t.keys("Space")
        t.wait_for("授权书签署方式")
        t.keys("Enter")
        t.wait_for("授权书签署方式", absent=True)
        if i + 1 < n_auth:
            t.keys("Down")
    t.keys("Tab")
    return q("SELECT (SELECT count(*) FROM application_materials WHERE application_id = ?1 AND NOT present)"
             " + (SELECT count(*) FROM authorisations WHERE application_id = ?1 AND NOT signed)", app_id)[0][0]


class DemoStore:
    """A temporary store with demo households, the day and user fixed; `cmd`
    opens the program on it, `q` queries it directly with Python's sqlite3."""

    def __init__(self, households, today, user, name="t.db"):
        import sqlite3
        import subprocess
        import tempfile
        self._sqlite3 = sqlite3
        self.tmp = tempfile.mkdtemp(prefix="jz-tui.")
        self.db = os.path.join(self.tmp, name)
        self.env = {"JIUZHU_TODAY": today, "JIUZHU_USER": user, "LANG": "C.UTF-8"}
        subprocess.run([JZ, "-c", CFG, "--db", self.db, "init", "--demo", "--households",
                        str(households)], check=True, capture_output=True,
                       env=dict(os.environ, **self.env))
        self.cmd = f"cd {ROOT} && {JZ} -c {CFG} --db {self.db}"

    def q(self, sql, *args):
        con = self._sqlite3.connect(self.db)
        try:
            return con.execute(sql, args).fetchall()
        finally:
            con.close()

    def close(self):
        import shutil
        shutil.rmtree(self.tmp, ignore_errors=True)
