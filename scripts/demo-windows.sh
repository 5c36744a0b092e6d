#!/bin/sh
# The whole story on an emulated machine: in a throwaway Wine prefix set up as
# Windows 7 SP1 without the October 2021 update (tests/mkscenarios.py,
# scenario win7-nothing), acskit-run.exe checks, applies and checks again.
#
#   scripts/demo-windows.sh BUILD_DIR KIT
set -eu
B=$(cd "$1" && pwd)
kit=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
if ! command -v wine >/dev/null 2>&1; then
	echo "demo: wine is not installed (scripts/deps.sh installs wine64); skipping the Windows part"
	exit 0
fi
d="$B/demo/windows"
rm -rf "$d"
mkdir -p "$d/home"
export WINEPREFIX="$d/prefix" WINEDEBUG=-all WINEDLLOVERRIDES=winemenubuilder.exe=d HOME="$d/home"
unset DISPLAY || true
echo "demo: booting a throwaway Wine prefix in $WINEPREFIX"
timeout 300 wineboot -i >/dev/null 2>&1 || true
wineserver -w || true
python3 tests/mkscenarios.py --out "$d/scn" --root payload/microsoft-identity-verification-root-ca-2020.cer >/dev/null
timeout 60 wine reg import "$d/scn/win7-nothing.reg" /reg:64 >/dev/null 2>&1
cp -a "$d/scn/win7-nothing.files/." "$WINEPREFIX/drive_c/" 2>/dev/null || true
echo "demo: the prefix now emulates Windows 7 SP1 without the October 2021 update and without the root"

step() {
	echo
	echo "\$ acskit-run.exe $*"
	set +e
	timeout 120 wine "$B/win64/acskit-run.exe" "$@" >"$d/out" 2>&1 </dev/null
	rc=$?
	set -e
	tr -d '\r' <"$d/out"
	echo "(exit $rc)"
}
step check "$kit" --json "$d/check-before.json"
step apply "$kit" --json "$d/apply.json"
step check "$kit" --json "$d/check-after.json"
wineserver -k >/dev/null 2>&1 || true
echo
echo "demo: JSON reports in $d/*.json; the prefix is $WINEPREFIX (delete it at will)"
