#!/usr/bin/python3
"""Python XlsxWriter (constant_memory) writing the same cells as floor.c:
the export's own, read from the TSV that xlsxcells.py made of it (reading
is part of the run). Bare like floor.c: a number format for dates and
money, nothing else (so no blank cells, which are only a border). With
"bordered", as floor.c's: every cell with a thin border, text wrapped,
blank cells too — the same workbook the export writes, cell for cell.
Usage: pyfloor.py FILE CELLS.tsv [bordered]"""
import sys

import xlsxwriter


def unescape(s):
    return s.replace("\\\\", "\0").replace("\\t", "\t").replace("\\n", "\n").replace("\0", "\\")


def main():
    path, cells = sys.argv[1], sys.argv[2]
    border = {"border": 1} if sys.argv[3:] == ["bordered"] else None
    wb = xlsxwriter.Workbook(path, {"constant_memory": True, "tmpdir": "."})
    ws = wb.add_worksheet()
    fmt = {"d": wb.add_format({"num_format": "yyyy-mm-dd", **(border or {})}),
           "m": wb.add_format({"num_format": "0.00", **(border or {})})}
    if border:
        fmt["n"] = wb.add_format({"num_format": "0", **border})
        fmt["s"] = fmt["b"] = wb.add_format({"text_wrap": True, **border})
    with open(cells, encoding="utf-8") as f:
        for r, line in enumerate(f):
            for c, v in enumerate(line.rstrip("\n").split("\t")):
                t = v[:1]
                if t == "s":
                    ws.write_string(r, c, unescape(v[1:]) if "\\" in v else v[1:], fmt.get("s"))
                elif t == "b":
                    if border:
                        ws.write_blank(r, c, None, fmt["b"])
                elif t:
                    ws.write_number(r, c, float(v[1:]), fmt.get(t))
    wb.close()


main()
