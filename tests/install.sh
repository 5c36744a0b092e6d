#!/bin/sh
# apply installs the update packages a kit carries (issue 13), under Wine.
#
# Packages are made at test time like Microsoft's: a .msu is a cabinet (gcab)
# holding the update cabinet, its .xml and pkgProperties.txt, signed with
# osslsigncode and a test certificate made with openssl (fixed dates); one
# prerequisite is a bare .cab, which goes to DISM. Wine's own wusa.exe
# cannot install such a package and Wine has no DISM, so a recording
# stand-in (tests/win/wusa-standin.c) sits at their real path,
# C:\windows\system32, in this suite's throwaway prefix only: it logs its
# command line and the SHA-256 of the file it got, exits with the code the
# case chooses, and leaves the CBS state a real install leaves. Each case
# asserts on that log, the exit code, the receipt (wine reg query) and the
# JSON report.
#
#   tests/install.sh BUILD_DIR SCRATCH_DIR
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
setup "$1" "$2"

for tool in wine gcab osslsigncode openssl; do
	if ! command -v $tool >/dev/null 2>&1; then
		skip "apply with update packages ($tool is not installed; scripts/deps.sh installs it)"
		exit 0
	fi
done
export WINEDEBUG=-all HOME="$S/home"
# Wine runs its builtin wusa.exe unless told to load the file at the path.
export WINEDLLOVERRIDES="winemenubuilder.exe=d;wusa.exe=n;dism.exe=n"
# A directory of the user's own at the front of every Wine program's PATH:
# the installers must not get it (their PATH is the system's).
export WINEPATH='C:\acskit-user-bin'
# And compatibility shims of the user's choosing, which the installers must
# not inherit.
export __COMPAT_LAYER=RunAsInvoker

unset DISPLAY || true
mkdir -p "$HOME"
exe="$B/win64/acskit-run.exe"
standin="$B/win64/tests/wusa-standin.exe"
SCHEMA="$top/docs/report.schema.json"

# ---- a test CA (fixed dates, tests/lib.sh) and a signer named like Microsoft's
ca="$S/ca"
test_ca "$ca" "acskit test update CA" && test_ca_signer "$ca" cs "/O=Microsoft Corporation/CN=acskit test update signer" ||
	{ not_ok "openssl could not make the test signing certificate"; exit 1; }

# mkcab KB ARCH OUT: the update cabinet (an update.mum naming the KB).
mkcab() {
	_c="$S/src/$1-$2"
	mkdir -p "$_c"
	printf '<?xml version="1.0" encoding="utf-8"?>\r\n<assembly xmlns="urn:schemas-microsoft-com:asm.v3" manifestVersion="1.0">\r\n<package identifier="%s" releaseType="Security Update"/></assembly>\r\n' \
		"$1" >"$_c/update.mum"
	(cd "$_c" && gcab -c "$3" update.mum)
}
# mkmsu KB ARCH OUT: a .msu as Microsoft ships it, signed.
mkmsu() {
	_n="Windows6.1-$1-$2"
	_d="$S/src/$1-$2-msu"
	mkdir -p "$_d"
	mkcab "$1" "$2" "$_d/$_n.cab"
	printf '<?xml version="1.0"?><unattend xmlns="urn:schemas-microsoft-com:unattend"><servicing><package action="install"><assemblyIdentity name="Package_for_%s"/></package></servicing></unattend>' \
		"$1" >"$_d/$_n.xml"
	printf 'Applicability Info="Windows 7.0 Client SP1;Windows 7.0 Server Core SP1"\r\nKB Article Number="%s"\r\n' \
		"$(echo "$1" | tr -d KB)" >"$_d/$_n-pkgProperties.txt"
	(cd "$_d" && gcab -c -n unsigned.msu "$_n.cab" "$_n.xml" "$_n-pkgProperties.txt")
	osslsigncode sign -certs "$ca/cs.pem" -key "$ca/cs.key" -h sha256 -n "$1" -in "$_d/unsigned.msu" -out "$3" \
		>/dev/null 2>&1
}

mkdir -p "$S/pay" "$S/man"
cp -a payload/. "$S/pay/"
cp -a manifests/. "$S/man/"
SSU=windows6.1-kb4490628-x64.msu SHA2=windows6.1-kb4474419-v3-x64.cab ROLL=windows6.1-kb5006743-x64.msu
ROLL86=windows6.1-kb5006743-x86.msu
if mkmsu KB4490628 x64 "$S/pay/$SSU" && mkcab KB4474419 x64 "$S/pay/$SHA2" && mkmsu KB5006743 x64 "$S/pay/$ROLL" &&
   mkmsu KB5006743 x86 "$S/pay/$ROLL86" &&
   osslsigncode verify -in "$S/pay/$SSU" -CAfile "$ca/ca.pem" >/dev/null 2>&1 &&
   gcab -l "$S/pay/$ROLL" | grep -q 'Windows6.1-KB5006743-x64.cab'; then
	ok "packages made like Microsoft's: signed .msu (cabinet of update .cab, .xml, pkgProperties) and a bare .cab"
else
	not_ok "gcab/osslsigncode could not make the test packages"
	exit 1
fi
sha() { sha256sum "$1" | cut -d' ' -f1; }
# The x86 rollup first: a runner that took the first line for the row would
# pick it on x64.
cat >>"$S/man/win7sp1-server2008r2.manifest" <<EOF
package: x86 KB5006743 payload/$ROLL86
package: x64 KB4490628 payload/$SSU
package: x64 KB4474419 payload/$SHA2
package: x64 KB5006743 payload/$ROLL
EOF
# The builder checks each package's signature (tests/packages.sh): the test
# signer is named like Microsoft's and trusted through --package-ca; the bare
# .cab is unsigned and packed with --allow-package, as an operator would.
"$BUILD" -o "$S/kit.zip" --payload "$S/pay" --manifests "$S/man" --created $T --package-ca "$ca/ca.pem" \
	--allow-package "payload/$SHA2" >/dev/null ||
	{ not_ok "acskit-build refused the kit with packages"; exit 1; }
"$BUILD" -o "$S/nopkg.zip" --created $T >/dev/null
# A kit whose chosen package is an .exe (a service pack's kind): acskit hands
# only .msu and .cab to an installer.
mkdir -p "$S/pay-exe" "$S/man-exe"
cp -a payload/. "$S/pay-exe/"
cp -a manifests/. "$S/man-exe/"
printf 'MZ not an update\n' >"$S/pay-exe/windows6.1-kb4490628-x64.exe"
echo "package: x64 KB4490628 payload/windows6.1-kb4490628-x64.exe" >>"$S/man-exe/win7sp1-server2008r2.manifest"
"$BUILD" -o "$S/exe.zip" --payload "$S/pay-exe" --manifests "$S/man-exe" --created $T \
	--allow-package payload/windows6.1-kb4490628-x64.exe >/dev/null ||
	{ not_ok "acskit-build refused the kit with an .exe package"; exit 1; }
# A tampered kit: one byte of the stored rollup changed (the zip's CRC is
# fixed up, so only the index's SHA-256 can tell).
python3 - "$S/kit.zip" "$S/tampered.zip" "payload/$ROLL" <<'EOF'
import sys, zipfile
src, dst, name = sys.argv[1:4]
zin = zipfile.ZipFile(src)
with zipfile.ZipFile(dst, "w") as zout:
    for i in zin.infolist():
        data = zin.read(i.filename)
        if i.filename == name:
            data = data[:-40] + bytes([data[-40] ^ 1]) + data[-39:]
        zout.writestr(i, data)
EOF

python3 tests/mkscenarios.py --out "$S/scn" --root payload/microsoft-identity-verification-root-ca-2020.cer >/dev/null ||
	{ not_ok "tests/mkscenarios.py failed"; exit 1; }

export WINEPREFIX="$S/prefix"
timeout 300 wineboot -i >/dev/null 2>&1 || true
wineserver -w || true
wineserver -p >/dev/null 2>&1 </dev/null || true
sys32="$WINEPREFIX/drive_c/windows/system32"
# Wine's own wusa.exe first, on the servicing stack .msu: it installs only
# packages whose .xml names assemblies it finds as .manifest files, and even
# then it writes no Component Based Servicing package state, which is what
# the runner reads back. So it cannot show an install here; say so if that
# ever changes.
cp "$S/pay/$SSU" "$WINEPREFIX/drive_c/wine-wusa-test.msu"
set +e
WINEDLLOVERRIDES=winemenubuilder.exe=d timeout 60 wine 'C:\windows\system32\wusa.exe' 'C:\wine-wusa-test.msu' /quiet /norestart >/dev/null 2>&1 </dev/null
wrc=$?
set -e
if [ "$wrc" != 0 ]; then
	ok "Wine's own wusa.exe cannot install the test .msu (exit $wrc, no CBS state): the recording stand-in plays wusa and DISM"
else
	note "Wine's own wusa.exe returned 0 on the test .msu: check whether it now writes CBS package state"
	ok "Wine's own wusa.exe accepted the test .msu (exit 0); the stand-in still plays it, since the runner reads CBS state"
fi
rm -f "$WINEPREFIX/drive_c/wine-wusa-test.msu"
# Keep Wine's builtin aside, in this prefix only.
[ -f "$sys32/wusa.exe" ] && mv "$sys32/wusa.exe" "$sys32/wusa.exe.wine"
cp "$standin" "$sys32/wusa.exe"
cp "$standin" "$sys32/dism.exe"
LOG="$WINEPREFIX/drive_c/acskit-standin/log.txt"
CBS='HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing'
TOKEN=31bf3856ad364e35

reg64() { timeout 60 wine reg "$@" /reg:64 >/dev/null 2>&1; }
# value KEY NAME: one registry value's data, "" if none.
value() {
	timeout 60 wine reg query "$1" /v "$2" /reg:64 2>/dev/null | tr -d '\r' |
		awk -v n="$2" '$1 == n {print $3}'
}
field() {
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."):
    d = d[int(k)] if isinstance(d, list) else d[k]
print(d)' "$1" "$2" 2>/dev/null || echo "?"
}
# actions FILE...: "action result detail" of each action, one per line.
actions() {
	python3 -c '
import json, sys
for f in sys.argv[1:]:
    for a in json.load(open(f))["actions"]:
        print(a["action"], a["result"], a["detail"][:60])' "$@" 2>/dev/null
}

# fresh CODES...: Windows 7 SP1 x64 with nothing (win7-nothing without
# KB4474419), no receipt, an empty stand-in log, and the stand-in's codes.
fresh() {
	_want=$(tr -d '\r' <"$S/scn/win7-nothing.reg" | sed -n 's/^"CurrentBuildNumber"="\(.*\)"$/\1/p' | head -n 1)
	for _try in 1 2; do
		timeout 60 wine reg import "$S/scn/win7-nothing.reg" /reg:64 >/dev/null 2>&1 || not_ok "reg import failed"
		[ "$(value 'HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion' CurrentBuildNumber)" = "$_want" ] && break
	done
	reg64 delete "$CBS\\Packages\\Package_for_KB4474419~$TOKEN~amd64~~6.1.3.2" /f || true
	[ -z "${NOESU:-}" ] || reg64 delete "$CBS\\Packages\\Package_for_KB4538483~$TOKEN~amd64~~6.1.1.2" /f || true
	reg64 delete 'HKLM\SOFTWARE\acskit' /f || true
	rm -rf "$WINEPREFIX/drive_c/windows/servicing/Packages" "$WINEPREFIX/drive_c/acskit-standin"
	mkdir -p "$WINEPREFIX/drive_c/windows/servicing/Packages" "$WINEPREFIX/drive_c/acskit-standin"
	if [ -d "$S/scn/win7-nothing.files" ]; then cp -a "$S/scn/win7-nothing.files/." "$WINEPREFIX/drive_c/"; fi
	: >"$WINEPREFIX/drive_c/acskit-standin/codes.txt"
	for _c in "$@"; do echo "$_c" | tr '=' ' ' >>"$WINEPREFIX/drive_c/acskit-standin/codes.txt"; done
}
# logged N: the stand-in ran N times; logline I FIELD: field (1 exe, 2
# command line, 3 SHA-256, 4 KB, 5 code) of run I.
logged() { [ "$(cat "$LOG" 2>/dev/null | wc -l)" = "$1" ]; }
logline() { sed -n "${1}p" "$LOG" 2>/dev/null | tr -d '\r' | cut -f"$2"; }
leftovers() { ls -d "$WINEPREFIX/drive_c/windows/temp"/acskit-* 2>/dev/null | wc -l; }

# ---- Windows 7 x64 with nothing: prerequisites, restart, resume ------------
fresh KB4490628=3010
# check says what apply would install, and runs nothing.
wine_run "$S/o" "$S/e" "$exe" check "$S/kit.zip"
if [ "$RC" = 1 ] && [ ! -s "$LOG" ] && [ "$(grep -c 'missing: apply installs it' "$S/o")" = 3 ] &&
   grep -q '^packages:     KB4490628 prerequisite x64 ' "$S/o"; then
	ok "check lists the three packages apply would install, in order, and runs no installer"
else
	not_ok "check with packages: exit $RC: $(grep -E '^(packages|  )' "$S/o" | head -c 500)"
fi
wine_run "$S/o" "$S/e" "$exe" apply "$S/kit.zip" --json "$S/r1.json"
cp "$S/o" "$S/r1.txt"
pk='HKLM\SOFTWARE\acskit\Packages'
if [ "$RC" = 10 ] && logged 1 && [ "$(logline 1 1)" = wusa.exe ] && [ "$(logline 1 3)" = "$(sha "$S/pay/$SSU")" ] &&
   logline 1 2 | grep -qi '^"C:\\windows\\system32\\wusa.exe" "C:\\windows\\Temp\\acskit-[^"]*\\windows6.1-kb4490628-x64.msu" /quiet /norestart$' &&
   [ "$(field "$S/r1.json" outcome)" = pending-reboot ] && grep -q "restart, then run apply again" "$S/o" &&
   [ "$(value "$pk\\KB4490628" ExitCode)" = 0xbc2 ] && [ "$(value "$pk\\KB4490628" Sha256)" = "$(sha "$S/pay/$SSU")" ] &&
   [ "$(value 'HKLM\SOFTWARE\acskit' UpdatesStatus)" = restart-needed ] &&
   [ "$(value 'HKLM\SOFTWARE\acskit' UpdatesLeft)" = KB4474419,KB5006743 ] &&
   [ "$(value 'HKLM\SOFTWARE\acskit' RootAdded)" = 0x1 ] && [ "$(leftovers)" = 0 ] &&
   ! grep -q '^installing ' "$S/r1.txt"; then
	ok "win7 x64, nothing installed: the servicing stack update first (wusa by full path, /quiet /norestart, the kit's SHA-256), 3010 stops the run: exit 10, 'restart, then run apply again', receipt Packages\\KB4490628 ExitCode 3010, UpdatesLeft KB4474419,KB5006743; extraction directory removed; no progress line (output is a file)"
else
	not_ok "first run: exit $RC, log: $(cat "$LOG" 2>/dev/null | head -c 400), ExitCode $(value "$pk\\KB4490628" ExitCode), left $(value 'HKLM\SOFTWARE\acskit' UpdatesLeft), leftovers $(leftovers): $(head -c 300 "$S/e") $(grep -E '^(packages|action|result)' "$S/o" | head -c 600)"
fi
# Without the restart, the next run installs nothing: the servicing stack is
# still pending.
wine_run "$S/o" "$S/e" "$exe" apply "$S/kit.zip" --json "$S/r1b.json"
if [ "$RC" = 10 ] && logged 1 && actions "$S/r1b.json" | grep -q '^install-package unchanged KB4490628'; then
	ok "run again before the restart: KB4490628 is install pending, nothing else runs, exit 10"
else
	not_ok "before the restart: exit $RC, $(wc -l <"$LOG") runs: $(actions "$S/r1b.json" | tr '\n' ' ')"
fi
# CBS already reads the servicing stack as installed, but Windows has not
# restarted since the run that asked for it (the receipt's UpdatesAt is after
# the start of Windows, GetTickCount64): still no installer runs.
reg64 add "$CBS\\Packages\\Package_for_KB4490628~$TOKEN~amd64~~6.1.1.0" /v CurrentState /t REG_DWORD /d 0x70 /f
at_before=$(value 'HKLM\SOFTWARE\acskit' UpdatesAt)
wine_run "$S/o" "$S/e" "$exe" apply "$S/kit.zip" --json "$S/r1c.json"
if [ "$RC" = 10 ] && logged 1 && [ -n "$at_before" ] && [ "$(value 'HKLM\SOFTWARE\acskit' UpdatesAt)" = "$at_before" ] && actions "$S/r1c.json" | grep -q "^install-package unchanged KB4474419 (x64, prerequisite): not installed: acskit's last" &&
   grep -q "and Windows has been running since" "$S/o" && [ "$(field "$S/r1c.json" outcome)" = pending-reboot ]; then
	ok "run again before the restart, the package already reading as installed in CBS: the receipt's restart-needed is newer than Windows' start, so nothing runs, exit 10, UpdatesAt kept"
else
	not_ok "restart owed, CBS installed: exit $RC, $(wc -l <"$LOG") runs: $(actions "$S/r1c.json" | tr '\n' ' ')"
fi
# The restart: what Windows finishes at boot (the package becomes installed,
# the marker goes), and Windows starts after the last apply: under Wine the
# start cannot move, so the receipt's UpdatesAt moves before it instead.
reg64 delete "$CBS\\RebootPending" /f
reg64 add 'HKLM\SOFTWARE\acskit' /v UpdatesAt /t REG_SZ /d 2000-01-01T00:00:00Z /f
echo "KB5006743 3010" >>"$WINEPREFIX/drive_c/acskit-standin/codes.txt"
wine_run "$S/o" "$S/e" "$exe" apply "$S/kit.zip" --json "$S/r2.json"
cp "$S/o" "$S/r2.txt"
if [ "$RC" = 10 ] && logged 3 && [ "$(logline 2 1)" = dism.exe ] && [ "$(logline 2 4)" = KB4474419 ] &&
   logline 2 2 | grep -qi '^"C:\\windows\\system32\\dism.exe" /Online /Add-Package "/PackagePath:C:\\windows\\Temp\\acskit-[^"]*\\windows6.1-kb4474419-v3-x64.cab" "/ScratchDir:C:\\windows\\Temp\\acskit-[^"]*" /Quiet /NoRestart$' &&
   [ "$(logline 2 3)" = "$(sha "$S/pay/$SHA2")" ] && [ "$(logline 3 4)" = KB5006743 ] &&
   [ "$(logline 3 3)" = "$(sha "$S/pay/$ROLL")" ] && [ "$(field "$S/r2.json" update.verdict)" = pending-reboot ] &&
   [ "$(value "$pk\\KB4474419" ExitCode)" = 0x0 ] && [ "$(value "$pk\\KB5006743" ExitCode)" = 0xbc2 ] &&
   [ "$(value 'HKLM\SOFTWARE\acskit' UpdatesStatus)" = restart-needed ] && [ "$(value 'HKLM\SOFTWARE\acskit' UpdatesLeft)" = "" ] &&
   ! grep -q "$(sha "$S/pay/$ROLL86")" "$LOG" && grep -q "KB5006743 (x86): for another architecture" "$S/o"; then
	ok "after the restart apply resumes: KB4474419 through DISM (.cab), then the rollup KB5006743 (x64, the kit's SHA-256); ends pending restart (exit 10, verdict pending-reboot); the x86 rollup never used"
else
	not_ok "second run: exit $RC, log: $(cat "$LOG" | cut -f1,4,5 | tr '\n' ' '), verdict $(field "$S/r2.json" update.verdict): $(head -c 300 "$S/e") $(grep -E '^(packages|  |action|result)' "$S/o" | head -c 800)"
fi
# The installers' environment and directory (platform/plat_win32_install.c):
# TEMP and TMP are a tmp directory inside the package's admin-only directory
# (DISM's scratch directory too), never the user's %TEMP%; PATH the system
# directories (not the user's WINEPATH entry), SystemRoot and windir the
# Windows directory; the current directory System32. Who owns the package
# file and what the installer creates (Administrators, S-1-5-32-544, on
# Windows) is not asserted: Wine reports the Unix user's SID for every file
# whatever the descriptor asked (recorded below; Windows checklist 13.6).
if out=$(python3 - "$LOG" <<'EOF2'
import sys
lines = [l.rstrip("\r\n").split("\t") for l in open(sys.argv[1], encoding="utf-8", errors="replace") if l.strip()]
assert len(lines) == 3, len(lines)
for f in lines:
    name, cmd, temp, tmp, path, cwd, root, windir, owner, made = f[0], f[1], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12]
    comspec, drive, compat = f[13], f[14], f[15]
    assert comspec.lower() == "c:\\windows\\system32\\cmd.exe" and drive.lower() == "c:", (comspec, drive)
    assert compat == "-", ("__COMPAT_LAYER", compat)
    if name.lower() == "dism.exe":
        pkg = cmd.split('"/PackagePath:')[1].split('"')[0]
        scratch = cmd.split('"/ScratchDir:')[1].split('"')[0]
        assert scratch.lower() == pkg.rsplit("\\", 1)[0].lower() + "\\tmp", (scratch, pkg)
    else:
        pkg = cmd.split('"')[3]
    d = pkg.rsplit("\\", 1)[0]
    assert "\\temp\\acskit-" in d.lower(), d
    assert temp.lower() == d.lower() + "\\tmp" and tmp.lower() == temp.lower(), (name, temp, tmp, d)
    assert path.lower().startswith("c:\\windows\\system32;c:\\windows;") and "acskit-user-bin" not in path.lower(), path
    assert cwd.lower().rstrip("\\") == "c:\\windows\\system32", cwd
    assert root.lower() == "c:\\windows" and windir.lower() == "c:\\windows", (root, windir)
print("ok")
EOF2
); then
	ok "the installers ran with TEMP and TMP a tmp directory inside the package's admin-only one (DISM's /ScratchDir too), PATH the system's (no WINEPATH entry), SystemRoot and windir C:\\windows, ComSpec and SystemDrive the system's, no __COMPAT_LAYER, in System32"
	note "owners as Wine reports them: package file $(cut -f12 "$LOG" | head -n 1), the installer's TEMP file $(cut -f13 "$LOG" | head -n 1)"
else
	not_ok "installers' environment: $(echo "$out" | tail -2 | tr '\n' ' ') $(cut -f1,6-13 "$LOG" | head -3 | tr '\n' ' ')"
fi
if out=$(python3 -c '
import json, sys
import jsonschema
v = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
for f in sys.argv[2:]:
    for e in v.iter_errors(json.load(open(f))):
        print(f, "/".join(map(str, e.absolute_path)), e.message[:200])
' "$SCHEMA" "$S/r1.json" "$S/r1b.json" "$S/r2.json" 2>&1) && [ -z "$out" ] &&
   [ "$(actions "$S/r2.json" | grep -c '^install-package done')" = 2 ]; then
	ok "the reports validate against docs/report.schema.json and list each package as an install-package action"
else
	not_ok "report schema: $out $(actions "$S/r2.json" | tr '\n' ' ')"
fi
# A package is hashed when it is extracted: the report names what was read.
if field "$S/r2.json" kit.entries_read | grep -q "payload/$ROLL" &&
   ! field "$S/r2.json" kit.entries_read | grep -q "payload/$ROLL86"; then
	ok "kit.entries_read names the rollup apply extracted and hashed, not the x86 one it left alone"
else
	not_ok "kit.entries_read: $(field "$S/r2.json" kit.entries_read)"
fi

# --restart is the only way apply restarts Windows: without it no restart
# action (the runs above); with it, after a package that needs one, Windows
# is asked (Wine's InitiateSystemShutdownExW accepts and does nothing).
if actions "$S/r1.json" "$S/r2.json" | grep -q '^restart'; then
	not_ok "an apply without --restart asked for a restart: $(actions "$S/r2.json" | tr '\n' ' ')"
else
	ok "without --restart, apply never asks Windows to restart (exit 10 runs above)"
fi
fresh KB4490628=3010
wine_run "$S/o" "$S/e" "$exe" apply "$S/kit.zip" --restart --json "$S/restart.json"
if [ "$RC" = 10 ] && logged 1 && actions "$S/restart.json" | grep -q '^restart done Windows restarts in 60 seconds'; then
	ok "--restart: after the package that needs it, Windows is asked to restart in 60 s (restart action done), exit 10"
else
	not_ok "--restart: exit $RC: $(actions "$S/restart.json" | tr '\n' ' ') $(head -c 300 "$S/e")"
fi

# ---- the installer's other answers -----------------------------------------
# case NAME WANT_RC WANT_RUNS WANT_TEXT CODES...
case_codes() {
	_name=$1 _rc=$2 _runs=$3 _text=$4
	shift 4
	fresh "$@"
	wine_run "$S/o" "$S/e" "$exe" apply "$S/kit.zip" --json "$S/$_name.json"
	if [ "$RC" = "$_rc" ] && logged "$_runs" && grep -qF -- "$_text" "$S/o" && [ "$(leftovers)" = 0 ]; then
		ok "$_name: exit $RC after $_runs installer run(s): '$_text'"
	else
		not_ok "$_name: exit $RC want $_rc, $(cat "$LOG" 2>/dev/null | wc -l) runs want $_runs, text '$_text': $(head -c 300 "$S/e") $(grep -E '^(packages|action|result)' "$S/o" | head -c 600)"
	fi
}
case_codes already-installed 0 3 "already installed" KB4490628=0x240006
[ "$(value "$pk\\KB4490628" ExitCode)" = "" ] && [ "$(value "$pk\\KB5006743" ExitCode)" = 0x0 ] &&
	[ "$(field "$S/already-installed.json" outcome)" = ready ] &&
	ok "already installed (0x240006): not recorded as installed by acskit; the rest installs; ready" ||
	not_ok "already installed: receipt KB4490628 '$(value "$pk\\KB4490628" ExitCode)', outcome $(field "$S/already-installed.json" outcome)"
NOESU=1 case_codes not-applicable 13 3 "not applicable to this machine" KB5006743=0x80240017
unset NOESU
grep -q "a prerequisite may be missing (KB4538483 not confirmed on this machine)" "$S/o" &&
	[ "$(value 'HKLM\SOFTWARE\acskit' UpdatesLeft)" = KB5006743 ] && [ "$(field "$S/not-applicable.json" outcome)" = install-failed ] &&
	ok "not applicable (0x80240017): names the prerequisite neither on the machine nor in the kit (KB4538483, ESU preparation) or a superseding update" ||
	not_ok "not applicable: $(grep -E '^action' -A3 "$S/o" | head -c 500), left $(value 'HKLM\SOFTWARE\acskit' UpdatesLeft)"
# An unchecked prerequisite the installer finds not applicable (an old
# servicing stack update a later one superseded): not a failure; the run goes
# on to the next packages.
case_codes superseded-prerequisite 0 3 "not applicable to this machine (a prerequisite acskit cannot check" KB4490628=0x80240017
[ "$(value "$pk\\KB4490628" ExitCode)" = "" ] && [ "$(value "$pk\\KB5006743" ExitCode)" = 0x0 ] &&
	[ "$(field "$S/superseded-prerequisite.json" outcome)" = ready ] &&
	actions "$S/superseded-prerequisite.json" | grep -q '^install-package unchanged KB4490628 (x64, prerequisite): ' &&
	grep -q 'KB4490628 (x64, prerequisite): .* exit 0x80240017: not applicable' "$S/o" &&
	ok "an unchecked prerequisite not applicable (0x80240017): recorded unchanged, not in the receipt; KB4474419 and the rollup install; ready" ||
	not_ok "superseded prerequisite: receipt '$(value "$pk\\KB4490628" ExitCode)', outcome $(field "$S/superseded-prerequisite.json" outcome): $(actions "$S/superseded-prerequisite.json" | tr '\n' ' ' | head -c 600)"
# The last package installed with a restart needed (0x00240005, after which
# the stand-in leaves CBS as it was, so the update reads as still missing):
# the installer's answer decides, exit 10 pending restart, not action-needed.
case_codes restart-at-end 10 3 "restart Windows: the installer of KB5006743 asked for it" KB5006743=0x240005
[ "$(field "$S/restart-at-end.json" outcome)" = pending-reboot ] && [ "$(field "$S/restart-at-end.json" update.verdict)" = missing ] &&
	ok "the last package needs a restart (0x00240005): outcome pending-reboot (exit 10), whatever the machine read again says (update: missing)" ||
	not_ok "restart at the end: outcome $(field "$S/restart-at-end.json" outcome), verdict $(field "$S/restart-at-end.json" update.verdict), summary $(field "$S/restart-at-end.json" summary)"
# The skipped prerequisite is the likeliest cause when the update does not
# apply either: the hint names it, and the summary's left list does not
# count it as still to install.
case_codes superseded-then-not-applicable 13 3 "a prerequisite may be missing (KB4490628" KB4490628=0x80240017 KB5006743=0x80240017
[ "$(field "$S/superseded-then-not-applicable.json" outcome)" = install-failed ] &&
	field "$S/superseded-then-not-applicable.json" summary | grep -q 'left to install: KB5006743$' &&
	ok "a skipped prerequisite then the update not applicable: the hint names the skipped KB4490628; left to install: KB5006743 only" ||
	not_ok "skipped then not applicable: summary $(field "$S/superseded-then-not-applicable.json" summary)"
case_codes installer-failed 13 1 "failed: exit 0x80070005" KB4490628=0x80070005
[ "$(field "$S/installer-failed.json" exit_code)" = 13 ] && [ "$(value 'HKLM\SOFTWARE\acskit' UpdatesStatus)" = failed ] &&
	ok "installer failure: exit 13 in the report, UpdatesStatus failed" ||
	not_ok "installer failure: report exit $(field "$S/installer-failed.json" exit_code), status $(value 'HKLM\SOFTWARE\acskit' UpdatesStatus)"
case_codes busy 14 1 "another installation is in progress" KB4490628=1618
[ "$(field "$S/busy.json" outcome)" = installer-busy ] && ok "1618: outcome installer-busy, exit 14" ||
	not_ok "1618: outcome $(field "$S/busy.json" outcome)"

# A file changed after extraction (the stand-in, running as the first
# installer, appends a byte to the other extracted files): the check just
# before use stops the next installer.
fresh
: >"$WINEPREFIX/drive_c/acskit-standin/tamper"
wine_run "$S/o" "$S/e" "$exe" apply "$S/kit.zip" --json "$S/changed.json"
if [ "$RC" = 13 ] && logged 1 && grep -q "no longer has the size and SHA-256 of the kit's index; its installer was not run" "$S/e" &&
   [ "$(value 'HKLM\SOFTWARE\acskit' UpdatesLeft)" = KB4474419,KB5006743 ] && [ "$(leftovers)" = 0 ]; then
	ok "a package changed on disk after extraction: found just before its installer, which does not run (exit 13)"
else
	not_ok "changed after extraction: exit $RC, $(cat "$LOG" 2>/dev/null | wc -l) runs: $(head -c 300 "$S/e")"
fi

# The fleet summary reads these reports: a failed or blocked install needs
# someone (exit 1), and is counted under its own word.
# (One machine: the summary keeps its latest report, so one run each.)
run "$S/o" "$S/e" "$RUNNER" summary "$S/installer-failed.json"
cp "$S/o" "$S/sum1"
rc1=$RC
run "$S/o" "$S/e" "$RUNNER" summary "$S/busy.json"
if [ "$rc1" = 1 ] && [ "$RC" = 1 ] && grep -q "install-failed 1" "$S/sum1" && grep -q "installer-busy 1" "$S/o"; then
	ok "acskit-run summary takes the install reports: install-failed 1, installer-busy 1, exit 1"
else
	not_ok "summary of install reports: exit $rc1/$RC: $(head -c 300 "$S/e") $(grep outcomes "$S/sum1" "$S/o")"
fi

# ---- refused before any installer runs, nothing changed --------------------
fresh
wine_run "$S/o" "$S/e" "$exe" apply "$S/tampered.zip"
if [ "$RC" = 3 ] && [ ! -s "$LOG" ] && [ -z "$(value 'HKLM\SOFTWARE\acskit' KitIdentity)" ] && [ "$(leftovers)" = 0 ]; then
	ok "tampered package: refused (exit 3) before any installer ran (stand-in log empty), no receipt, nothing left in %SystemRoot%\\Temp"
else
	not_ok "tampered: exit $RC, log $(cat "$LOG" 2>/dev/null | wc -l), receipt '$(value 'HKLM\SOFTWARE\acskit' KitIdentity)': $(head -c 300 "$S/e")"
fi
# A .cab where the system has no DISM (Vista, Server 2008): refused before
# the root or any package, not after them.
fresh
mv "$sys32/dism.exe" "$S/dism.exe.away"
wine_run "$S/o" "$S/e" "$exe" apply "$S/kit.zip" --json "$S/nodism.json"
mv "$S/dism.exe.away" "$sys32/dism.exe"
if [ "$RC" = 13 ] && [ ! -s "$LOG" ] && [ -z "$(value 'HKLM\SOFTWARE\acskit' KitIdentity)" ] && [ "$(leftovers)" = 0 ] &&
   grep -q "^acskit-run: refused: KB4474419 (payload/windows6.1-kb4474419-v3-x64.cab) needs dism.exe, which this Windows does not have" "$S/e" &&
   [ "$(field "$S/nodism.json" outcome)" = install-failed ]; then
	ok "a .cab and no dism.exe: refused (exit 13, install-failed) before the root or any installer, nothing left"
else
	not_ok "no dism.exe: exit $RC, log $(cat "$LOG" 2>/dev/null | wc -l), receipt '$(value 'HKLM\SOFTWARE\acskit' KitIdentity)', outcome $(field "$S/nodism.json" outcome): $(head -c 300 "$S/e")"
fi
fresh
wine_run "$S/o" "$S/e" "$B/win64/tests/unelevated.exe" "$exe" apply "$S/kit.zip"
if [ "$RC" = 6 ] && [ ! -s "$LOG" ] && grep -q "needs an elevated administrator" "$S/e"; then
	ok "non-elevated apply: refused (exit 6), no installer ran"
else
	not_ok "non-elevated: exit $RC, log $(cat "$LOG" 2>/dev/null | wc -l): $(head -c 300 "$S/e")"
fi
fresh
wine_run "$S/o" "$S/e" "$exe" apply "$S/kit.zip" --no-updates --json "$S/noupd.json"
if [ "$RC" = 1 ] && [ ! -s "$LOG" ] && ! actions "$S/noupd.json" | grep -q install-package &&
   [ "$(value 'HKLM\SOFTWARE\acskit' RootAdded)" = 0x1 ]; then
	ok "--no-updates: the root only, no installer ran, exit 1 (the update is still missing)"
else
	not_ok "--no-updates: exit $RC, log $(cat "$LOG" 2>/dev/null | wc -l): $(actions "$S/noupd.json" | tr '\n' ' ')"
fi
fresh
wine_run "$S/o" "$S/e" "$exe" apply "$S/nopkg.zip" --json "$S/nopkg.json"
if [ "$RC" = 1 ] && [ ! -s "$LOG" ] && [ "$(actions "$S/nopkg.json" | cut -d' ' -f1,2 | tr '\n' ' ')" = "add-root done write-receipt done " ] &&
   ! grep -q '^packages:' "$S/o"; then
	ok "a kit without packages: today's apply (add-root, write-receipt), no installer, exit 1"
else
	not_ok "package-less kit: exit $RC, $(actions "$S/nopkg.json" | tr '\n' ' ')"
fi
fresh
wine_run "$S/o" "$S/e" "$exe" apply "$S/exe.zip"
if [ "$RC" = 3 ] && [ ! -s "$LOG" ] && grep -q "is neither a .msu nor a .cab" "$S/e" &&
   [ -z "$(value 'HKLM\SOFTWARE\acskit' KitIdentity)" ]; then
	ok "a chosen package that is neither .msu nor .cab: refused (exit 3) before anything is written"
else
	not_ok ".exe package: exit $RC, log $(cat "$LOG" 2>/dev/null | wc -l): $(head -c 300 "$S/e")"
fi
# ---- the update already there: apply installs nothing -----------------------
# win7-rollup-jan2023 has the January 2023 rollup and no servicing stack
# update in CBS: the prerequisites serve only a missing update, so none runs.
fresh
timeout 60 wine reg import "$S/scn/win7-rollup-jan2023.reg" /reg:64 >/dev/null 2>&1 || not_ok "reg import failed"
if [ -d "$S/scn/win7-rollup-jan2023.files" ]; then cp -a "$S/scn/win7-rollup-jan2023.files/." "$WINEPREFIX/drive_c/"; fi
wine_run "$S/o" "$S/e" "$exe" apply "$S/kit.zip" --json "$S/satisfied.json"
if [ "$RC" = 0 ] && [ ! -s "$LOG" ] && [ "$(field "$S/satisfied.json" update.verdict)" = satisfied ] &&
   ! actions "$S/satisfied.json" | grep -q install-package &&
   grep -q 'KB4490628 (x64): not needed: the update is satisfied' "$S/o"; then
	ok "update already satisfied (January 2023 rollup, no SSU in CBS): no installer runs, the SSU is listed as not needed, exit 0"
else
	not_ok "satisfied: exit $RC, log $(cat "$LOG" 2>/dev/null | wc -l), verdict $(field "$S/satisfied.json" update.verdict): $(grep -E '^(packages|  |result)' "$S/o" | head -c 600)"
fi

# ---- in Japanese (issue 14): the same first run as above with --lang ja --
# The text says what was done and what is left in Japanese; the JSON report
# stays the English one (fleet tools parse it the same everywhere).
fresh KB4490628=3010
wine_run "$S/o" "$S/e" "$exe" apply "$S/kit.zip" --lang ja --json "$S/ja.json"
same=$(python3 -c '
import json, re, sys
def norm(f):
    d = json.load(open(f))
    keep = {k: d[k] for k in ("outcome", "summary", "exit_code")}
    keep["actions"] = [re.sub(r"acskit-[0-9A-Za-z-]+", "acskit-X", a["detail"]) for a in d["actions"]]
    return keep
a, b = norm(sys.argv[1]), norm(sys.argv[2])
print("same" if a == b and open(sys.argv[2], "rb").read().isascii() else "differ: %r %r" % (a, b))' \
	"$S/r1.json" "$S/ja.json" 2>&1)
if [ "$RC" = 10 ] && logged 1 && grep -q '^パッケージ:     KB4490628 prerequisite x64 ' "$S/o" &&
   grep -q 'インストール済み、再起動が必要' "$S/o" && grep -q '再起動してから、もう一度 apply を実行してください' "$S/o" &&
   [ "$same" = same ]; then
	ok "apply --lang ja: the packages, what was installed and 'restart, then run apply again' in Japanese; the JSON report is the English run's (outcome, summary, actions), ASCII only"
else
	not_ok "apply --lang ja: exit $RC, json $same: $(grep -E '^(パッケージ|  |結果)' "$S/o" | head -c 600)"
fi
# After the installers the verdict is read again: the Japanese text says the
# new one too (its assessment is redone from the same facts), not the one
# from before the installs.
fresh
wine_run "$S/o" "$S/e" "$exe" apply "$S/kit.zip" --lang ja --json "$S/ja-all.json"
if [ "$RC" = 0 ] && [ "$(field "$S/ja-all.json" update.verdict)" = satisfied ] &&
   grep -q '^更新プログラム: 要件を満たしています: ' "$S/o" && ! grep -q '^更新プログラム: 不足' "$S/o"; then
	ok "apply --lang ja installing all three packages: the Japanese update: line gives the verdict after the installs (satisfied), like the JSON"
else
	not_ok "apply --lang ja, all installed: exit $RC, verdict $(field "$S/ja-all.json" update.verdict): $(grep '^更新プログラム' "$S/o" | head -c 300)"
fi
wineserver -k || true
