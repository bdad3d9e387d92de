#!/usr/bin/python3
"""Python XlsxWriter (constant_memory) writing the same cells as floor.c.
Usage: pyfloor.py FILE ROWS TYPES"""
import datetime
import sys

import xlsxwriter

path, rows, types = sys.argv[1], int(sys.argv[2]), sys.argv[3]
wb = xlsxwriter.Workbook(path, {"constant_memory": True, "tmpdir": "."})
ws = wb.add_worksheet()
text = wb.add_format({"border": 1, "text_wrap": True})
date = wb.add_format({"border": 1, "num_format": "yyyy-mm-dd"})
num = wb.add_format({"border": 1})
money = wb.add_format({"border": 1, "num_format": "0.00"})
words = ["澄溪镇", "太平村", "张三丰", "李秀英", "医疗救助", "已送乡镇窗口办理", "5002**********1234"]
for r in range(rows):
    d = datetime.datetime(2026, 7, 1 + r % 28)
    for c, t in enumerate(types):
        if t == "n":
            ws.write_number(r, c, r, num)
        elif t == "d":
            ws.write_datetime(r, c, d, date)
        elif t == "m":
            ws.write_number(r, c, 650.5, money)
        else:
            ws.write_string(r, c, words[(r + c) % 7], text)
wb.close()
