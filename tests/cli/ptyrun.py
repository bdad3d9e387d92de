#!/usr/bin/python3
"""ptyrun.py OUT ERR CMD...: runs CMD with its standard error on a
pseudo-terminal (as on a clerk's screen) and its standard output on the
file OUT; what the terminal showed goes to the file ERR. Exits with CMD's
status."""
import os
import pty
import subprocess
import sys

out_path, err_path, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
master, slave = pty.openpty()
with open(out_path, "wb") as out:
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=slave)
os.close(slave)
shown = b""
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:  # EIO: the last writer closed the terminal
        break
    if not chunk:
        break
    shown += chunk
os.close(master)
with open(err_path, "wb") as err:
    err.write(shown)
sys.exit(proc.wait())
