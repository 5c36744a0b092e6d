#!/bin/sh
# Makes a delay-load import library for one system DLL, so acskit-run.exe
# loads it only when first called, after the entry point has restricted the
# DLL search to System32 (issue 12: a bcrypt.dll or crypt32.dll beside the exe
# on the medium must never load into an elevated apply). GNU ld has no
# /DELAYLOAD; mingw's dlltool --output-delaylib makes the same thunks.
#
# Exports only the functions tests/win-imports.allow lists for the DLL (the
# reviewed Windows 7 floor), with their stdcall decorations taken from
# mingw-w64's own import library (i686 needs them; x86_64 has none).
#
#   scripts/delaylib.sh CROSS_PREFIX DLL OUT.a     e.g. i686-w64-mingw32- bcrypt build/win32/libbcrypt-delay.a
set -eu
prefix=$1 dll=$2 out=$3
top=$(cd "$(dirname "$0")/.." && pwd)
lib=$("${prefix}gcc" -print-file-name="lib$dll.a")
[ -f "$lib" ] || { echo "delaylib: no import library lib$dll.a for ${prefix}gcc" >&2; exit 1; }
def="$out.def"
{
	echo "LIBRARY $dll.dll"
	echo "EXPORTS"
	grep -i "^$dll\.dll!" "$top/tests/win-imports.allow" | cut -d! -f2 | while read -r fn; do
		sym=$("${prefix}nm" "$lib" 2>/dev/null | sed -n "s/^.* I __imp__\{0,1\}\($fn\(@[0-9]*\)\{0,1\}\)\$/\1/p" | head -n 1)
		[ -n "$sym" ] || { echo "delaylib: $fn is not in $lib" >&2; exit 1; }
		echo "$sym"
	done
} >"$def"
case "$prefix" in
i686*) kill=-k ;;
*) kill= ;;
esac
"${prefix}dlltool" $kill --input-def "$def" --dllname "$dll.dll" --output-delaylib "$out"
