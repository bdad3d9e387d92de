"""2 审核审批 on a demo store of 300 households: incremental search by a
2-character name fragment, by pinyin initials and by the last digits of an
ID number; the village, kind and state filters. Expected rows are computed
here from the store with SQL and from Unicode's Unihan readings."""
import bz2
import os
import re
import shutil
import sys
import time
import unicodedata

sys.path.insert(0, os.path.dirname(__file__))
from tmuxterm import DemoStore, Tap, Term  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
JZ = os.path.join(ROOT, "jiuzhu")
CFG = os.path.join(ROOT, "tuiconfig.ini")
UNIHAN = "/usr/share/unicode/Unihan_Readings.txt.bz2"
OPEN = "a.state NOT IN ('withdrawn','refused','announced','approved')"
ROW = re.compile(r"^(\S+)\s+(\d{4}\*+\d{3}[\dX])\s+(\S+)\s+(\S+)\s+(\S+)\s+(\d{4}-\d\d-\d\d)")

tap = Tap()
TODAY = "2026-11-20"
store = DemoStore(300, TODAY, "赵经办")
tmp, db, env, cmd = store.tmp, store.db, store.env, store.cmd


q = store.q


def mask(idn):
    return idn[:4] + "*" * 10 + idn[14:]


def rows(screen):
    """(name, masked id, village, kind, state) of each list row on the screen."""
    out = []
    for line in screen.splitlines()[4:]:
        m = ROW.match(line)
        if m:
            out.append(m.groups()[:5])
    return out


def wait_rows(t, pred, what, timeout=10.0):
    """Waits until the list rows satisfy pred (the list redraws as one types)."""
    deadline = time.monotonic() + timeout
    while True:
        s = t.screen()
        r = rows(s)
        if pred(r, s):
            return r, s
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}; screen was:\n{s}")
        time.sleep(0.02)


def expected(where, *args):
    """Open applications (name, masked id) whose household matches `where` on persons m."""
    r = q("SELECT p.name, p.id_number FROM applications a JOIN persons p ON p.id = a.applicant_id "
          f"WHERE {OPEN} AND a.household_id IN (SELECT m.household_id FROM persons m WHERE {where})", *args)
    return {(n, mask(i)) for n, i in r}


def initials_table(chars):
    """Every initial letter any Unihan reading gives each character."""
    fields = {"kMandarin", "kHanyuPinyin", "kXHC1983", "kTGHZ2013", "kHanyuPinlu"}
    table = {c: set() for c in chars}
    with bz2.open(UNIHAN, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.startswith("U+"):
                continue
            cp, field, value = line.rstrip("\n").split("\t", 2)
            c = chr(int(cp[2:], 16))
            if c not in table or field not in fields:
                continue
            for word in re.split(r"[\s,:]+", value):
                word = unicodedata.normalize("NFD", word)
                if word and word[0].isalpha() and not word[0].isdigit():
                    letter = word[0].lower()
                    if "a" <= letter <= "z":
                        table[c].add(letter)
    return table


def initial_strings(name, table):
    out = {""}
    for c in name:
        if c == "·":
            continue
        out = {s + i for s in out for i in (table.get(c) or {"?"})}
    return out


open_apps = q("SELECT p.name, p.id_number, a.state FROM applications a JOIN persons p ON p.id = a.applicant_id "
              f"WHERE {OPEN} AND length(p.name) = 3 ORDER BY a.id")
assert open_apps, "the demo store has open applications of 3-character names"

t = Term(cmd, env=env)
try:
    t.wait_for("主菜单")
    t.type("2")
    base, s = wait_rows(t, lambda r, s: len(r) > 0, "the application list")
    tap.check(all(st not in ("已确认", "已公布", "不予确认", "视为放弃") for *_, st in base),
              "the list opens on 未办结 applications", s)
    n_open = q(f"SELECT count(*) FROM applications a WHERE {OPEN}")[0][0]

    # A 2-character fragment: the 2nd and 3rd characters of an applicant's name.
    name, idn, _ = open_apps[len(open_apps) // 2]
    frag = name[1:3]
    want = expected("m.name LIKE ?", f"%{frag}%")
    t.type("/")
    t.wait_for("搜索：")
    t.type(frag)
    got, s = wait_rows(t, lambda r, s: f"搜索：{frag}" in s and (name, mask(idn)) in {x[:2] for x in r},
                       f"{name} after typing {frag}")
    tap.check(True, f"typing {frag!r} shows {name}")
    if len(want) <= len(base):
        tap.check({x[:2] for x in got} == want,
                  f"the rows are exactly the open applications of households with '{frag}' in a name",
                  f"got {sorted(x[:2] for x in got)}\nwant {sorted(want)}")
    else:
        tap.check({x[:2] for x in got} <= want, f"every row has '{frag}' in its household", s)
    t.keys("Escape")			# clears the search
    wait_rows(t, lambda r, s: len(r) == len(base) and "搜索：" + frag not in s, "the cleared list")

    # Pinyin initials: computed here from Unihan, all readings.
    all_names = [r[0] for r in q("SELECT name FROM persons")]
    table = initials_table(set("".join(all_names)))
    plain = [a for a in open_apps if all(len(table.get(c, ())) == 1 for c in a[0])] or open_apps
    name, idn, _ = min(plain, key=lambda a: sum(
        any(s.startswith(p) for s in initial_strings(n, table) for p in initial_strings(a[0], table))
        for n in all_names))		# the applicant whose initials are rarest
    prefix = sorted(initial_strings(name, table))[0]
    hh_match = {n for n in all_names if any(s.startswith(prefix) for s in initial_strings(n, table))}
    want = expected("m.name IN (SELECT value FROM json_each(?))", __import__("json").dumps(sorted(hh_match)))
    t.type("/")
    t.type(prefix)
    got, s = wait_rows(t, lambda r, s: f"搜索：{prefix}" in s and (name, mask(idn)) in {x[:2] for x in r},
                       f"{name} after typing {prefix}")
    tap.check(True, f"typing the initials {prefix!r} shows {name}")
    tap.check({x[:2] for x in got} <= want,
              "every row belongs to a household with a member of those initials (any reading)",
              f"got {sorted(x[:2] for x in got)}\nwant ⊇ {sorted(want)}")
    tap.check(len(got) < len(base) or n_open <= len(base), "the initials narrow the list", s)
    t.keys("Escape")
    wait_rows(t, lambda r, s: len(r) == len(base) and "搜索：" + prefix not in s, "the cleared list")

    # The last 4 digits of an applicant's ID number.
    name, idn, _ = open_apps[-1]
    tail = idn[-4:]
    want = expected("m.id_number LIKE ?", f"%{tail}")
    t.type("/")
    t.type(tail)
    got, s = wait_rows(t, lambda r, s: f"搜索：{tail}" in s and (name, mask(idn)) in {x[:2] for x in r},
                       f"{name} after typing {tail}")
    tap.check(True, f"typing the last 4 ID digits {tail} shows {name}")
    tap.check({x[:2] for x in got} == want, "the rows are the households with an ID ending so",
              f"got {sorted(x[:2] for x in got)}\nwant {sorted(want)}")
    t.keys("Enter")			# leave the search, keep the rows
    t.keys("Enter")			# open the case
    s = t.wait_for("可办理")
    tap.check(name in s.splitlines()[1], "Enter opens the found case", s)
    t.keys("Escape")
    t.wait_for("搜索：" + tail)
    t.type("/")
    t.keys("Escape")
    wait_rows(t, lambda r, s: len(r) == len(base) and "搜索：" + tail not in s, "the cleared list")

    # t: state filter. The picker lists 全部, 未办结, then the states in order.
    states = ["已接收", "待补材料", "视为放弃", "已受理", "调查中", "已初审", "公示中",
              "报县审批", "已确认", "不予确认", "已公布"]
    labels = ["全部", "未办结"] + states
    t.type("t")
    t.wait_for("按状态筛选")
    for _ in range(labels.index("公示中") - labels.index("未办结")):
        t.keys("Down")
    t.keys("Enter")
    n_pub = q("SELECT count(*) FROM applications WHERE state = 'publicity'")[0][0]
    got, s = wait_rows(t, lambda r, s: "状态：公示中" in s, "the 公示中 filter")
    # A case whose 7 days are over is still in that state, shown 「待确认」.
    ended = {r[0] for r in q("SELECT p.name FROM applications a JOIN persons p ON p.id = a.applicant_id "
                             "WHERE a.state = 'publicity' AND a.publicity_to < ?", TODAY)}
    tap.check(len(got) == min(n_pub, len(base))
              and all(x[4] == ("待确认" if x[0] in ended else "公示中") for x in got),
              f"t → 公示中 shows only 公示中 rows ({n_pub} in the store), 待确认 once their 7 days ended", s)
    t.type("t")
    t.wait_for("按状态筛选")
    t.keys("Home")			# not a picker key: stays where it was
    for _ in range(labels.index("公示中")):
        t.keys("Up")
    t.keys("Enter")
    n_all = q("SELECT count(*) FROM applications")[0][0]
    got, s = wait_rows(t, lambda r, s: "状态：全部" in s, "the 全部 filter")
    tap.check(len(got) == min(n_all, len(base)), "t → 全部 fills the page", s)
    closed = ("已公布", "已确认", "不予确认", "视为放弃")
    t.keys("End")		# closed applications have no due date: they sort last
    got, s = wait_rows(t, lambda r, s: any(x[4] in closed for x in r), "closed applications after End")
    tap.check(True, "t → 全部 lists closed applications too (End shows them)")
    t.keys("Home")
    wait_rows(t, lambda r, s: not any(x[4] in closed for x in r), "the top of the list again")

    # k: kind filter.
    kinds = re.findall(r"^\[(\w+)\]\s*\nname\s*=\s*(.+)\s*\n(?:short\s*=\s*(.+))?",
                       open(os.path.join(ROOT, "forms", "catalogue", "kinds.ini"), encoding="utf-8").read(), re.M)
    code, kname, short = kinds[0]
    short = short or kname
    t.type("k")
    t.wait_for("按救助类别筛选")
    t.keys("Down", "Enter")
    n_kind = q("SELECT count(*) FROM applications WHERE kind = ?", code)[0][0]
    got, s = wait_rows(t, lambda r, s: f"类别：{short}" in s, f"the {short} filter")
    tap.check(len(got) == min(n_kind, len(base)) and all(x[3] == short for x in got),
              f"k → {kname} shows only {short} rows ({n_kind} in the store)", s)

    # v: village filter, on top of the kind.
    village = q("SELECT name FROM villages ORDER BY id LIMIT 1")[0][0]
    t.type("v")
    t.wait_for("按村（社区）筛选")
    t.keys("Down", "Enter")
    n_v = q("SELECT count(*) FROM applications a JOIN households h ON h.id = a.household_id "
            "JOIN villages v ON v.id = h.village_id WHERE v.name = ? AND a.kind = ?", village, code)[0][0]
    got, s = wait_rows(t, lambda r, s: f"村：{village}" in s, f"the {village} filter")
    tap.check(len(got) == min(n_v, len(base)) and all(x[2] == village and x[3] == short for x in got),
              f"v → {village} (and {short}) shows only its rows ({n_v} in the store)", s)
    t.keys("Escape")
    t.wait_for("主菜单")
    t.type("q")
    s = t.wait_for("EXITED=")
    tap.check("EXITED=0" in s, "q quits with status 0", s)
except AssertionError as exc:
    tap.check(False, "the search session ran to the end", exc)
finally:
    t.close()

shutil.rmtree(tmp)
tap.exit()
