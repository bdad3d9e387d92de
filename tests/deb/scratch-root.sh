# Scratch roots for tests/deb/test-deb.sh. No Debian mirror is reachable
# offline for debootstrap, so a root is built from this machine's own
# files: the few programs dpkg and the maintainer scripts run, the program's
# libraries (its own architecture's, with qemu for a foreign one), and the
# account files. Sourced; sets QEMU.
QEMU=

# copy_file ROOT PATH…: the files (symlinks followed) at the same paths.
copy_file() {
	r=$1; shift
	for f in "$@"; do [ -e "$r$f" ] || cp -L --parents "$f" "$r"; done
}

# copy_program ROOT NAME…: programs from PATH with the libraries ldd names.
copy_program() {
	r=$1; shift
	for p in "$@"; do
		path=$(command -v "$p") || { echo "scratch root: no $p here" >&2; return 1; }
		copy_file "$r" "$path"
		copy_file "$r" $(ldd "$path" 2>/dev/null | grep -o '/[^ ]*')
	done
}

# copy_foreign_libs ROOT MULTIARCH ELF: the libraries a foreign ELF needs,
# found by name in that architecture's directories, and their own.
copy_foreign_libs() {
	r=$1 ma=$2
	interp=$(readelf -l "$3" | sed -n 's/.*interpreter: \(.*\)]/\1/p')
	copy_file "$r" "$interp"
	todo=$(readelf -d "$3" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
	while [ -n "$todo" ]; do
		set -- $todo
		todo=
		for lib in "$@"; do
			for d in /lib/$ma /usr/lib/$ma; do
				[ -e "$d/$lib" ] || continue
				[ -e "$r$d/$lib" ] && break
				copy_file "$r" "$d/$lib"
				todo="$todo $(readelf -d "$d/$lib" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')"
				break
			done
		done
	done
}

# scratch_root DIR DEB: an empty dpkg database and the tools; the clerk
# (uid 1000) and another account (uid 1001), neither in group jiuzhu.
scratch_root() {
	r=$1 deb=$2
	mkdir -p "$r/usr/bin" "$r/usr/sbin" "$r/usr/lib" "$r/usr/lib64" "$r/etc" "$r/dev" \
		"$r/home/clerk" "$r/var/lib/dpkg/info" "$r/var/lib/dpkg/updates" "$r/var/log" "$r/tmp"
	for d in bin sbin lib lib64; do ln -s "usr/$d" "$r/$d"; done
	chmod 1777 "$r/tmp"
	: >"$r/var/lib/dpkg/status"
	mknod -m 666 "$r/dev/null" c 1 3
	printf 'root:x:0:0:root:/root:/bin/sh\nclerk:x:1000:1000::/home/clerk:/bin/sh\nother:x:1001:1001::/tmp:/bin/sh\n' \
		>"$r/etc/passwd"
	printf 'root:x:0:\nclerk:x:1000:\nother:x:1001:\n' >"$r/etc/group"
	printf 'root:*:19000:0:99999:7:::\nclerk:*:19000:0:99999:7:::\nother:*:19000:0:99999:7:::\n' >"$r/etc/shadow"
	printf 'root:*::\nclerk:!::\nother:!::\n' >"$r/etc/gshadow"
	chmod 640 "$r/etc/shadow" "$r/etc/gshadow"
	printf 'passwd: files\ngroup: files\nshadow: files\ngshadow: files\n' >"$r/etc/nsswitch.conf"
	cp /etc/login.defs "$r/etc/"
	chown 1000:1000 "$r/home/clerk"
	copy_program "$r" dash getent groupadd groupdel dpkg dpkg-deb dpkg-statoverride dpkg-query \
		dpkg-split tar rm diff install rmdir setpriv env cat ldconfig start-stop-daemon || return 1
	ln -s dash "$r/usr/bin/sh"
	# dpkg inside the root reads its own data files.
	copy_file "$r" /usr/share/dpkg/cputable /usr/share/dpkg/tupletable /usr/share/dpkg/abitable
	mkdir -p "$r.deb"
	dpkg-deb -x "$deb" "$r.deb"
	arch=$(dpkg-deb -f "$deb" Architecture)
	if [ "$arch" = "$(dpkg --print-architecture)" ]; then
		copy_file "$r" $(ldd "$r.deb/usr/bin/jiuzhu" | grep -o '/[^ ]*')
	else
		cpu=$(dpkg-architecture -a"$arch" -qDEB_HOST_GNU_CPU 2>/dev/null)
		QEMU=qemu-$cpu-static
		copy_program "$r" "$QEMU" || return 1
		copy_foreign_libs "$r" "$(dpkg-architecture -a"$arch" -qDEB_HOST_MULTIARCH 2>/dev/null)" \
			"$r.deb/usr/bin/jiuzhu"
	fi
	rm -rf "$r.deb"
}
