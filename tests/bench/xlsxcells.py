#!/usr/bin/python3
"""The cells of an .xlsx file's first sheet as TSV, for floor.c and
pyfloor.py to write again: one line per row (row 1 first, every row up to
the last), one field per column, a field being its type letter and value:
  s<text>    text; backslash, tab and line break written \\\\ \\t \\n
  n<number>  a number (formatted as the export formats it, or not)
  m<number>  money: a number in 0.00
  d<serial>  a date: its Excel day number, shown yyyy-mm-dd
  b          a blank cell with a format (a border): only the format
  (empty)    no cell
Usage: xlsxcells.py FILE.xlsx OUT.tsv"""
import datetime
import sys

import openpyxl

EPOCH = datetime.datetime(1899, 12, 30)


def field(c):
    v = c.value
    if v is None:
        return "b" if getattr(c, "has_style", False) else ""
    if isinstance(v, datetime.datetime):
        return "d%d" % (v - EPOCH).days
    if isinstance(v, (int, float)):
        return ("m%r" if c.number_format == "0.00" else "n%r") % v
    s = str(v).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
    return "s" + s


def main():
    wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
    ws = wb.worksheets[0]
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        for row in ws.iter_rows():
            out.write("\t".join(field(c) for c in row).rstrip("\t") + "\n")
    wb.close()


main()
