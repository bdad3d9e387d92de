"""How a sheet prints, worked from the page rather than from the program:
a column of width w is 7w + 5 pixels (Excel's units); a Chinese character
of a pt-point font is pt * 4/3 pixels wide and a Latin one half of that;
a line of text needs at least 1.2 * pt points of height. Shared by the
tests of tests/xlsx (not a test itself)."""

import openpyxl

DEFAULT_ROW = 15.0


def lines_needed(text, width, pt=11):
    per_line = (width * 7 + 5 - 6) / (pt * 4 / 3)     # Chinese characters a line
    n = 0
    for part in str(text).split("\n"):
        w = sum(1 if ord(ch) < 0x800 else 2 for ch in part) / 2
        n += max(1, -(-w // per_line))
    return int(n)


def row_height(ws, r):
    h = ws.row_dimensions[r].height
    return h if h is not None else (ws.sheet_format.defaultRowHeight or DEFAULT_ROW)


def col_width(ws, c):
    return ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width


def fonts(ws):
    """The font names of the written cells."""
    return {c.font.name for row in ws.iter_rows() for c in row if c.value is not None}


def short_rows(ws):
    """(row, lines needed, height) of every row lower than its tallest text
    needs; a row merged across the table measures against the whole width."""
    out = []
    total = sum(col_width(ws, k) for k in range(1, ws.max_column + 1))
    for r in range(1, ws.max_row + 1):
        merged = any(m.min_row == r and m.min_col == 1 and m.max_col > 1
                     for m in ws.merged_cells.ranges)
        need, pt = 1, ws.cell(r, 1).font.sz or 11
        for c in range(1, ws.max_column + 1):
            v = ws.cell(r, c).value
            if isinstance(v, str):
                width = total if merged else col_width(ws, c)
                need = max(need, lines_needed(v, width, ws.cell(r, c).font.sz or 11))
        if row_height(ws, r) < need * pt * 1.2:
            out.append((r, need, row_height(ws, r)))
    return out
