#!/bin/sh
# Print check (not part of `make test`): every report, list and notice is
# exported from a demo store, converted to PDF by LibreOffice Calc headless
# (as a supervisor prints it), and each PDF is checked by check_pdf.py: page
# count, A4 orientation, the page footer, the header on every page, and no
# text line printed over another. PNGs of every first page are left in OUT
# to look at (pdftoppm).
#   sh tests/print/print-check.sh [OUT]      (default OUT: /tmp/jiuzhu-print)
# Needs libreoffice-calc-nogui, poppler-utils and a Chinese font
# (fonts-noto-cjk); as root they are installed with apt-get when missing.
cd "$(dirname "$0")/../.." || exit 1
OUT=${1:-/tmp/jiuzhu-print}
sh tests/deps.sh libreoffice-calc-nogui poppler-utils fonts-noto-cjk || exit 1
make -s jiuzhu || exit 1

rm -rf "$OUT" && mkdir -p "$OUT/xlsx" "$OUT/pdf" "$OUT/png" || exit 1
export JIUZHU_TODAY=2026-10-15 JIUZHU_USER=打印检查
DB="$OUT/demo.db"
JZ="./jiuzhu -c tuiconfig.ini --db $DB"
$JZ init --demo --households 300 >/dev/null || exit 1
sql() { sqlite3 "$DB" "$1"; }

# The reports (A4 landscape) ...
V=$(sql "SELECT v.name FROM entrustments e JOIN villages v ON v.id = e.village_id
	GROUP BY v.id ORDER BY count(*) DESC LIMIT 1")
$JZ export helper-ledger --village "$V" --from 2026-01-01 --to 2026-12-31 \
	-o "$OUT/xlsx/helper-ledger.xlsx" >/dev/null &&
$JZ export helper-quarterly --quarter 2026Q3 -o "$OUT/xlsx/helper-quarterly.xlsx" >/dev/null &&
$JZ export helper-roster -o "$OUT/xlsx/helper-roster.xlsx" >/dev/null &&
$JZ export cases -o "$OUT/xlsx/cases.xlsx" >/dev/null &&
$JZ export stats -o "$OUT/xlsx/stats.xlsx" >/dev/null || exit 1
# ... and what the screens print (A4 portrait): notice, publicity, announcement.
APP=$(sql "SELECT id FROM applications WHERE missing_items <> '' ORDER BY id LIMIT 1")
REFUSED=$(sql "SELECT id FROM applications WHERE state = 'refused' ORDER BY id LIMIT 1")
BATCH=$(sql "SELECT pe.batch_id FROM publicity_entries pe JOIN applications a
	ON a.id = pe.application_id GROUP BY pe.batch_id ORDER BY count(DISTINCT a.kind) DESC LIMIT 1")
BVILLAGE=$(sql "SELECT v.name FROM publicity_batches b JOIN villages v ON v.id = b.village_id
	WHERE b.id = $BATCH")
VID=$(sql "SELECT h.village_id FROM applications a JOIN households h ON h.id = a.household_id
	WHERE a.state = 'approved' GROUP BY h.village_id ORDER BY count(DISTINCT a.kind) DESC LIMIT 1")
AVILLAGE=$(sql "SELECT name FROM villages WHERE id = $VID")
$JZ notice missing "$APP" -o "$OUT/xlsx/notice.xlsx" >/dev/null &&
$JZ notice refusal "$REFUSED" -o "$OUT/xlsx/refusal.xlsx" >/dev/null &&
$JZ export publicity --village "$BVILLAGE" --batch "$BATCH" -o "$OUT/xlsx/publicity.xlsx" >/dev/null &&
$JZ export announcement --village "$AVILLAGE" -o "$OUT/xlsx/announcement.xlsx" >/dev/null || exit 1

# A profile of its own, so a LibreOffice the user has open does not interfere;
# a Chinese locale, so Chinese text takes the Chinese faces.
LANG=zh_CN.UTF-8 soffice -env:UserInstallation="file://$OUT/lo-profile" --headless \
	--convert-to pdf --outdir "$OUT/pdf" "$OUT"/xlsx/*.xlsx >/dev/null 2>&1
# One sheet, one page, per kind on the batch or in the village.
NPUB=$(sql "SELECT count(DISTINCT a.kind) FROM publicity_entries pe JOIN applications a
	ON a.id = pe.application_id WHERE pe.batch_id = $BATCH")
NANN=$(sql "SELECT count(DISTINCT a.kind) FROM applications a JOIN households h
	ON h.id = a.household_id WHERE a.state = 'approved' AND h.village_id = $VID")
NCASES=$(sql "SELECT count(*) FROM applications")
NSTATS=$(sql "SELECT count(*) FROM (SELECT 1 FROM applications a JOIN households h
	ON h.id = a.household_id GROUP BY h.village_id, a.kind, a.state)")

failed=0
check() {	# name orientation min max header
	f="$OUT/pdf/$1.pdf"
	if [ ! -f "$f" ]; then
		echo "not ok - $1: LibreOffice made no PDF"
		failed=1
		return
	fi
	/usr/bin/python3 tests/print/check_pdf.py "$f" "$2" "$3" "$4" "$5" || failed=1
	pdftoppm -png -r 60 -f 1 -l 2 "$f" "$OUT/png/$1"
}
check helper-ledger landscape 1 1 办理结果
check helper-quarterly landscape 1 1 办理结果
check helper-roster landscape 1 1 身份证号码
# At least 12 and at most 40 rows to a landscape page.
check cases landscape $(( (NCASES + 39) / 40 )) $(( (NCASES + 11) / 12 )) 身份证号码
check stats landscape $(( (NSTATS + 39) / 40 + 1 )) $(( (NSTATS + 11) / 12 + 1 )) 件数
check notice portrait 1 1 须补齐的材料
check refusal portrait 1 1 不予确认
check publicity portrait "$NPUB" "$NPUB" 初审意见
check announcement portrait "$NANN" "$NANN" 家庭人口
echo "PNG pages to look at: $OUT/png"
[ "$failed" -eq 0 ] && echo "print check: all passed" || echo "print check: FAILED"
exit "$failed"
