#!/usr/bin/python3
"""Checks one printed file, a PDF made by LibreOffice from an .xlsx:
   check_pdf.py FILE.pdf landscape|portrait MIN_PAGES MAX_PAGES HEADER_TEXT
- the page count lies in [MIN_PAGES, MAX_PAGES] and the footer says
  「第 k 页 共 N 页」 with N that count, on every page;
- every page is A4 in the given orientation;
- HEADER_TEXT (a header cell) is on every page (title rows repeat);
- no text line overlaps another: a row lower than its wrapped text prints
  its lines over the next row's (pdftotext -bbox-layout gives each line's box).
Prints TAP-like lines "ok"/"not ok"; exit 1 on a failure."""

import re
import subprocess
import sys

PDF, ORIENT, LO, HI, HEADER = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
NAME = PDF.rsplit("/", 1)[-1]
A4 = (595.3, 841.9)
failed = 0


def ok(cond, what, *detail):
    global failed
    print(f"{'ok' if cond else 'not ok'} - {NAME}: {what}")
    if not cond:
        failed += 1
        for d in detail:
            print(f"#   {d}")
    return cond


def pages():
    """[(width, height, [(xmin, ymin, xmax, ymax, text), …])] per page."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", PDF, "-"], capture_output=True,
                         text=True, check=True).stdout
    out = []
    for m in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xml, re.S):
        lines = []
        for ln in re.finditer(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                              r'yMax="([\d.]+)">(.*?)</line>', m.group(3), re.S):
            words = re.findall(r"<word[^>]*>(.*?)</word>", ln.group(5))
            lines.append(tuple(float(ln.group(i)) for i in range(1, 5)) + (" ".join(words),))
        out.append((float(m.group(1)), float(m.group(2)), lines))
    return out


def overlaps(lines):
    """Pairs of lines whose boxes share more than a sliver: 1 pt across and
    a quarter of the lower line's height down (line boxes of one cell touch)."""
    bad = []
    for i, a in enumerate(lines):
        for b in lines[i + 1:]:
            ix = min(a[2], b[2]) - max(a[0], b[0])
            iy = min(a[3], b[3]) - max(a[1], b[1])
            if ix > 1 and iy > 0.25 * min(a[3] - a[1], b[3] - b[1]):
                bad.append((a[4], b[4], round(iy, 1)))
    return bad


ps = pages()
n = len(ps)
ok(LO <= n <= HI, f"{n} pages (expected {LO}–{HI})")
want = A4[::-1] if ORIENT == "landscape" else A4
sizes = {(round(w, 1), round(h, 1)) for w, h, _ in ps}
ok(all(abs(w - want[0]) < 2 and abs(h - want[1]) < 2 for w, h, _ in ps),
   f"every page A4 {ORIENT}", sizes)
texts = ["".join(t for *_, t in lines).replace(" ", "") for _, _, lines in ps]
footers = [re.search(r"第(\d+)页共(\d+)页", t) for t in texts]
ok(all(f and int(f.group(1)) == k + 1 and int(f.group(2)) == n for k, f in enumerate(footers)),
   "every page's footer says 第 k 页 共 N 页", [f.group(0) if f else None for f in footers])
head = HEADER.replace(" ", "")
ok(all(head in t for t in texts), f"「{HEADER}」 on every page (title rows repeat)",
   [k + 1 for k, t in enumerate(texts) if head not in t])
bad = [(k + 1, o) for k, (_, _, lines) in enumerate(ps) for o in overlaps(lines)]
ok(not bad, "no text line overlaps another", *bad[:5])
sys.exit(1 if failed else 0)
