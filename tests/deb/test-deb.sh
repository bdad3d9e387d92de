#!/bin/sh
# The .deb packages (make deb-test): their fields, contents and lintian's
# findings; then install, upgrade over the older build, remove and purge in
# scratch roots (dpkg --root: the maintainer scripts run chrooted there, as
# on a real system), checking the shared-server layout, that the program
# runs from the installed files, and that the store and an edited
# configuration are kept. Needs root (dpkg --root, chroot).
#   JZ_DEB_OLD, JZ_DEB_NEW  the two packages, same architecture
. tests/cli/lib.sh
OLD=${JZ_DEB_OLD:?}
NEW=${JZ_DEB_NEW:?}

# expect_status_of STATUS what LOG: a step that must succeed.
expect_status_of() {
	if [ "$1" -eq 0 ]; then ok "$2"; else not_ok "$2" "status $1" "$(tail -n 20 "$3")"; fi
}

# field DEB NAME
field() { dpkg-deb -f "$1" "$2"; }
ARCH=$(field "$NEW" Architecture)
NEWV=$(field "$NEW" Version)
OLDV=$(field "$OLD" Version)

# ---- Fields, contents, lintian ----
expect_eq "$(field "$NEW" Package)" jiuzhu "the package is called jiuzhu"
case $(basename "$NEW") in "jiuzhu_${NEWV}_${ARCH}.deb") ok "the file is named jiuzhu_VERSION_ARCH.deb" ;;
	*) not_ok "the file is named jiuzhu_VERSION_ARCH.deb" "$(basename "$NEW")" ;; esac
dpkg --compare-versions "$OLDV" lt "$NEWV" && ok "the older build's version sorts first ($OLDV < $NEWV)" ||
	not_ok "the older build's version sorts first" "$OLDV, $NEWV"
deps=$(field "$NEW" Depends)
for lib in libc6 libncursesw6 libsqlite3-0 libxlsxwriter4 libiniparser1 libpcre2-8-0 libsodium23 libnettle8 passwd; do
	case ", $deps" in *", $lib "* | *", $lib,"* | *", $lib") ok "Depends names $lib" ;;
		*) not_ok "Depends names $lib" "Depends: $deps" ;; esac
done

dpkg-deb -I "$NEW" >"$TMP/info"
for f in conffiles postinst postrm md5sums; do
	grep -q " $f " "$TMP/info" && ok "the control area has $f" || not_ok "the control area has $f" "$(cat "$TMP/info")"
done
dpkg-deb --ctrl-tarfile "$NEW" | tar -xO ./conffiles >"$TMP/conffiles"
expect_eq "$(cat "$TMP/conffiles")" /etc/jiuzhu/tuiconfig.ini "the configuration is the one conffile"

dpkg-deb -c "$NEW" >"$TMP/list"
# has MODE PATH what
has() {
	if grep -qE "^$1 root/root +[0-9]+ [0-9-]+ [0-9:]+ \./$2\$" "$TMP/list"; then ok "$3"; else
		not_ok "$3" "no $1 ./$2 in dpkg-deb -c"; fi
}
has -rwxr-xr-x usr/bin/jiuzhu "the program, 0755 root:root (setgid comes from postinst)"
has -rw-r--r-- usr/share/man/man1/jiuzhu.1.gz "the man page, compressed"
has -rw-r--r-- etc/jiuzhu/tuiconfig.ini "the configuration under /etc/jiuzhu"
has -rw-r--r-- usr/share/doc/jiuzhu/copyright "the copyright file"
for f in forms/*.ini forms/catalogue/* reports/*.ini; do
	grep -q "\./usr/share/jiuzhu/$f\$" "$TMP/list" || { not_ok "every file of forms/ and reports/" "missing $f"; break; }
done && ok "every file of forms/ and reports/"
if grep -qE '\./(usr/local|var|home|tmp)/' "$TMP/list"; then
	not_ok "nothing under /usr/local, /var, /home or /tmp" "$(grep -E '\./(usr/local|var|home|tmp)/' "$TMP/list")"
else ok "nothing under /usr/local, /var, /home or /tmp (the store directory is made by postinst)"; fi

mkdir "$TMP/x"
dpkg-deb -x "$NEW" "$TMP/x"
expect_eq "$(grep '^path' "$TMP/x/etc/jiuzhu/tuiconfig.ini")" "path = /var/lib/jiuzhu/jiuzhu.db" \
	"the installed configuration puts the store in /var/lib/jiuzhu"
case $ARCH in amd64) want=x86-64 ;; arm64) want=aarch64 ;; *) want=$ARCH ;; esac
case $(file -b "$TMP/x/usr/bin/jiuzhu") in *"$want"*stripped*) case $(file -b "$TMP/x/usr/bin/jiuzhu") in
	*"not stripped"*) not_ok "the program is $want code, stripped" "$(file -b "$TMP/x/usr/bin/jiuzhu")" ;;
	*) ok "the program is $want code, stripped" ;; esac ;;
	*) not_ok "the program is $want code, stripped" "$(file -b "$TMP/x/usr/bin/jiuzhu")" ;; esac

# lintian: every error and warning fixed; the one remaining note explained:
#   package-contains-documentation-outside-usr-share-doc regions.txt — it is
#   the region-code table the program reads, not documentation.
lintian --pedantic --display-info "$NEW" 2>/dev/null | grep -v -e '^N:' \
	-e 'I: jiuzhu: package-contains-documentation-outside-usr-share-doc \[usr/share/jiuzhu/forms/catalogue/regions.txt\]' \
	>"$TMP/lintian"
if [ -s "$TMP/lintian" ]; then not_ok "lintian finds nothing unexplained" "$(cat "$TMP/lintian")"
else ok "lintian finds nothing unexplained (--pedantic --display-info)"; fi

# ---- Scratch roots ----
[ "$(id -u)" = 0 ] || { not_ok "install tests need root (dpkg --root, chroot)"; exit 1; }
. tests/deb/scratch-root.sh

# dpkg_in ROOT ARGS…: dpkg run inside the root, so that it and the
# maintainer scripts see the root's own accounts; its libraries are not
# registered there, hence --force-depends. A .deb is copied in first.
dpkg_in() {
	r=$1; shift
	for a in "$@"; do case $a in *.deb) cp "$a" "$r/tmp/" ;; esac; done
	chroot "$r" dpkg --log=/dev/null --force-depends --force-architecture \
		$(for a in "$@"; do case $a in *.deb) echo "/tmp/$(basename "$a")" ;; *) echo "$a" ;; esac; done) \
		>"$TMP/dpkg" 2>&1
}
# in ROOT UID GID CMD…: a command inside the root as that account.
in_root() {
	r=$1 u=$2 g=$3; shift 3
	chroot "$r" setpriv --reuid="$u" --regid="$g" --clear-groups env HOME=/home/clerk USER=clerk \
		JIUZHU_TODAY=2026-07-01 "$@"
}
# jz ROOT CMD…: the installed program as the clerk (uid 1000, not in the
# group). A foreign binary runs under qemu, which the setgid bit cannot
# reach: there the clerk gets the group explicitly.
jz() {
	r=$1; shift
	if [ "$ARCH" = "$(dpkg --print-architecture)" ]; then
		in_root "$r" 1000 1000 /usr/bin/jiuzhu "$@"
	else
		in_root "$r" 1000 "$(gid_of "$r")" "/usr/bin/$QEMU" /usr/bin/jiuzhu "$@"
	fi
}
gid_of() { awk -F: '$1 == "jiuzhu" { print $3 }' "$1/etc/group"; }
# mode_of PATH: mode, owner and group as ls shows them, names from the root.
mode_of() { stat -c '%a %U:%G' "$1" 2>/dev/null; }

R=$TMP/root
scratch_root "$R" "$NEW"

dpkg_in "$R" -i "$OLD"; expect_status_of $? "the older build installs" "$TMP/dpkg"
gid=$(gid_of "$R")
[ -n "$gid" ] && ok "postinst made the jiuzhu group ($gid)" || not_ok "postinst made the jiuzhu group" "$(cat "$R/etc/group")"
expect_eq "$(stat -c '%a %u %g' "$R/usr/bin/jiuzhu")" "2755 0 $gid" "the program is setgid jiuzhu (2755 root:jiuzhu)"
expect_eq "$(chroot "$R" dpkg-statoverride --list /usr/bin/jiuzhu)" "root jiuzhu 2755 /usr/bin/jiuzhu" \
	"through dpkg-statoverride, so upgrades keep it"
expect_eq "$(stat -c '%a %u %g' "$R/var/lib/jiuzhu")" "2770 0 $gid" "the store directory is 2770 root:jiuzhu"

run jz "$R" --version; expect_out "jiuzhu $OLDV" "the installed older build runs ($ARCH)"
run jz "$R" init --demo --households 20
expect_status 0 "the clerk makes a store with the installed configuration (/etc/jiuzhu, no -c)"
DB=$R/var/lib/jiuzhu/jiuzhu.db
[ -f "$DB" ] && ok "the store is in /var/lib/jiuzhu" || not_ok "the store is in /var/lib/jiuzhu" "$(ls -la "$R/var/lib/jiuzhu")"
expect_eq "$(stat -c %g "$DB")" "$gid" "the store file belongs to the group"
run in_root "$R" 1001 1001 cat /var/lib/jiuzhu/jiuzhu.db
expect_status 1 "another account cannot read the store file directly"
households=$(sql "$DB" "SELECT count(*) FROM households")
expect_eq "$households" 20 "the store holds the 20 households"
run jz "$R" export cases -o /tmp/cases.xlsx; expect_status 0 "an export runs from the installed reports"

# The office edits its configuration; the upgrade must keep it.
sed -i 's/^complaint_phone = .*/complaint_phone = 023-70000000/' "$R/etc/jiuzhu/tuiconfig.ini"
dpkg_in "$R" -i "$NEW"; expect_status_of $? "the newer build installs over the older" "$TMP/dpkg"
expect_eq "$(chroot "$R" dpkg-query -W -f='${Version}' jiuzhu)" "$NEWV" "dpkg now has the newer version"
run jz "$R" --version; expect_out "jiuzhu $NEWV" "the upgraded program runs"
expect_eq "$(grep '^complaint_phone' "$R/etc/jiuzhu/tuiconfig.ini")" "complaint_phone = 023-70000000" \
	"the edited configuration is kept on upgrade"
expect_eq "$(sql "$DB" "SELECT count(*) FROM households")" "$households" "the store is kept on upgrade"
expect_eq "$(stat -c '%a %u %g' "$R/usr/bin/jiuzhu")" "2755 0 $gid" "the upgraded program is still setgid"
run jz "$R" check; expect_status 0 "check passes on the kept store after the upgrade"

dpkg_in "$R" -r jiuzhu; expect_status_of $? "remove" "$TMP/dpkg"
[ ! -e "$R/usr/bin/jiuzhu" ] && ok "remove takes the program" || not_ok "remove takes the program"
expect_eq "$(grep '^complaint_phone' "$R/etc/jiuzhu/tuiconfig.ini" 2>&1)" "complaint_phone = 023-70000000" \
	"remove keeps the edited configuration"
expect_eq "$(sql "$DB" "SELECT count(*) FROM households")" "$households" "remove keeps the store"

dpkg_in "$R" -P jiuzhu; expect_status_of $? "purge" "$TMP/dpkg"
[ ! -e "$R/etc/jiuzhu/tuiconfig.ini" ] && ok "purge takes the configuration" || not_ok "purge takes the configuration"
expect_eq "$(sql "$DB" "SELECT count(*) FROM households")" "$households" "purge never takes the store's data"
expect_eq "$(gid_of "$R")" "$gid" "purge keeps the group the store's files belong to"
grep -q "数据已保留" "$TMP/dpkg" && ok "purge says the data was kept" || not_ok "purge says the data was kept" "$(cat "$TMP/dpkg")"
expect_eq "$(chroot "$R" dpkg-statoverride --list /usr/bin/jiuzhu)" "" "purge drops the setgid override"

dpkg_in "$R" -i "$NEW"; expect_status_of $? "reinstall over a kept store" "$TMP/dpkg"
expect_eq "$(gid_of "$R")" "$gid" "the reinstall uses the same group"
run jz "$R" check; expect_status 0 "the reinstalled program opens the kept store"

# A second root: a store directory made by hand before the package came,
# and no store at purge time.
R2=$TMP/root2
scratch_root "$R2" "$NEW"
install -d -m 750 "$R2/var/lib/jiuzhu"
echo 旧数据 >"$R2/var/lib/jiuzhu/keep.db"
dpkg_in "$R2" -i "$NEW"; expect_status_of $? "install where a store directory exists" "$TMP/dpkg"
expect_eq "$(stat -c '%a %u %g' "$R2/var/lib/jiuzhu")" "750 0 0" "an existing store directory is left as it was"
expect_eq "$(cat "$R2/var/lib/jiuzhu/keep.db")" 旧数据 "and its files are untouched"
dpkg_in "$R2" -P jiuzhu; expect_status_of $? "purge" "$TMP/dpkg"
expect_eq "$(cat "$R2/var/lib/jiuzhu/keep.db")" 旧数据 "purge keeps the files"

R3=$TMP/root3
scratch_root "$R3" "$NEW"
dpkg_in "$R3" -i "$NEW" && dpkg_in "$R3" -P jiuzhu; expect_status_of $? "install and purge with no store" "$TMP/dpkg"
[ ! -e "$R3/var/lib/jiuzhu" ] && ok "purge takes an empty store directory" || not_ok "purge takes an empty store directory"
expect_eq "$(gid_of "$R3")" "" "and then the group"
