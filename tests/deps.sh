#!/bin/sh
# Installs the Debian packages given as arguments that are not installed yet.
# As root it runs apt-get; otherwise it prints the exact line to run.
# A package written NAME:ARCH (a cross build's library) first needs ARCH
# added to dpkg's architectures.
missing=""
archs=""
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
	case $p in
	*:*)	a=${p#*:}
		dpkg --print-foreign-architectures | grep -qx "$a" ||
			case " $archs " in *" $a "*) ;; *) archs="$archs $a" ;; esac ;;
	esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "正在安装缺少的软件包：$missing"
	export DEBIAN_FRONTEND=noninteractive
	for a in $archs; do dpkg --add-architecture "$a"; done
	[ -n "$archs" ] && apt-get update -q >/dev/null 2>&1
	apt-get install -y -q $missing >/dev/null 2>&1 || {
		apt-get update -q >/dev/null 2>&1
		apt-get install -y -q $missing || { echo "安装失败：apt-get install$missing" >&2; exit 1; }
	}
else
	echo "缺少软件包。请以 root 身份运行：" >&2
	line=""
	for a in $archs; do line="${line}sudo dpkg --add-architecture $a && "; done
	[ -n "$archs" ] && line="${line}sudo apt-get update && "
	echo "  ${line}sudo apt-get install$missing" >&2
	exit 1
fi
