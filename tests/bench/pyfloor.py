#!/usr/bin/python3
"""Python XlsxWriter (constant_memory) writing the same cells as floor.c:
the export's own, read from the TSV that xlsxcells.py made of it (reading
is part of the run). Bare like floor.c: a number format for dates and
money, nothing else (so no blank cells, which are only a border).
Usage: pyfloor.py FILE CELLS.tsv"""
import sys

import xlsxwriter


def unescape(s):
    return s.replace("\\\\", "\0").replace("\\t", "\t").replace("\\n", "\n").replace("\0", "\\")


def main():
    path, cells = sys.argv[1], sys.argv[2]
    wb = xlsxwriter.Workbook(path, {"constant_memory": True, "tmpdir": "."})
    ws = wb.add_worksheet()
    fmt = {"d": wb.add_format({"num_format": "yyyy-mm-dd"}),
           "m": wb.add_format({"num_format": "0.00"})}
    with open(cells, encoding="utf-8") as f:
        for r, line in enumerate(f):
            for c, v in enumerate(line.rstrip("\n").split("\t")):
                t = v[:1]
                if t == "s":
                    ws.write_string(r, c, unescape(v[1:]) if "\\" in v else v[1:])
                elif t and t != "b":
                    ws.write_number(r, c, float(v[1:]), fmt.get(t))
    wb.close()


main()
