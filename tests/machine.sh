#!/bin/sh
# check, apply and remove under Wine, on emulated machines.
#
# One Wine prefix per run and arch, booted once (the template); each scenario
# of tests/mkscenarios.py is a .reg import (plus .mum files) over it, which
# sets or deletes every value the runner reads, the root stores and policy
# included, so scenarios do not leak into each other. For each: the exit code,
# the manifest and the update verdict of `check`, and the JSON report against
# docs/report.schema.json. Then apply/remove: the root lands in
# LocalMachine\Root with friendly name and EKU, the proof flips from no to yes,
# the receipt appears; a second apply changes nothing; a root in AuthRoot or
# Group Policy means no store write; tampered and look-alike kits, and a
# non-elevated caller, are refused with nothing written; remove restores the
# store and leaves alone a root acskit did not add.
#
#   tests/machine.sh BUILD_DIR SCRATCH_DIR
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
setup "$1" "$2"

# On Linux the Windows verbs say so and touch nothing.
run "$S/o" "$S/e" "$RUNNER" check "$S/none.zip"
assert_rc "Linux: check is refused as Windows-only" 2 "$S/e" "runs only on Windows"
run "$S/o" "$S/e" "$RUNNER" remove --json "$S/linux.json"
assert_rc "Linux: remove is refused as Windows-only" 2 "$S/e" "runs only on Windows"
# Even that report says which host and binary wrote it.
if python3 - "$S/linux.json" "$(uname -n)" "$(sha256sum "$RUNNER" | cut -d' ' -f1)" <<'EOF3'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema"] == "acskit-report/2", d["schema"]
assert d["host"]["computer_name"] == sys.argv[2][:63], d["host"]
assert d["runner"]["sha256"] == sys.argv[3], d["runner"]
EOF3
then ok "Linux: the report names the host ($(uname -n)) and the runner's SHA-256"
else not_ok "Linux: host/runner in the report: $(cat "$S/linux.json")"
fi

if ! command -v wine >/dev/null 2>&1; then
	skip "check/apply/remove under Wine (wine is not installed; scripts/deps.sh installs wine64)"
	exit 0
fi
export WINEDEBUG=-all WINEDLLOVERRIDES=winemenubuilder.exe=d HOME="$S/home"
unset DISPLAY || true
mkdir -p "$HOME"
ROOT_SHA1=F40042E2E5F7E8EF8189FED15519AECE42C3BFA2
SCHEMA="$top/docs/report.schema.json"

"$BUILD" -o "$S/kit.zip" --created $T >/dev/null
mkdir -p "$S/nochain-payload"
cp payload/README.md payload/microsoft-identity-verification-root-ca-2020.cer "$S/nochain-payload/"
"$BUILD" -o "$S/nochain.zip" --created $T --payload "$S/nochain-payload" >/dev/null
# Issue 13: check and apply hash only the entries they use. A kit with a
# 2 MiB stored package no manifest of this machine reads (past 1 MiB, so
# only its SHA-256 covers it), then one changed byte in that package, and one
# changed byte in the root (an entry check uses).
mkdir -p "$S/i13"
python3 -c 'import sys; sys.stdout.buffer.write(b"ACSKIT-UNUSED-PACKAGE-0" + bytes(2 * 1048576))' >"$S/i13/filler.cab"
"$BUILD" -o "$S/i13/big.zip" --created $T --add "$S/i13/filler.cab" >/dev/null
python3 - "$S/i13" payload/microsoft-identity-verification-root-ca-2020.cer <<'EOF2'
import sys
d = sys.argv[1]
kit = open(f"{d}/big.zip", "rb").read()
assert kit.count(b"ACSKIT-UNUSED-PACKAGE-0") == 1
open(f"{d}/unused-changed.zip", "wb").write(kit.replace(b"ACSKIT-UNUSED-PACKAGE-0", b"ACSKIT-UNUSED-PACKAGE-1"))
root = open(sys.argv[2], "rb").read()
assert kit.count(root) == 1
open(f"{d}/root-changed.zip", "wb").write(kit.replace(root, root[:-1] + bytes([root[-1] ^ 1])))
EOF2
python3 tests/mkscenarios.py --out "$S/scn" --root payload/microsoft-identity-verification-root-ca-2020.cer >/dev/null ||
	{ not_ok "tests/mkscenarios.py failed"; exit 1; }
python3 tests/mkkits.py --payload payload --manifests manifests --out "$S/hostile" >/dev/null ||
	{ not_ok "tests/mkkits.py failed"; exit 1; }
# The root in LocalMachine\Root with an EKU property that is an empty list
# (Windows' "disable all purposes"), as a .reg over a scenario.
python3 - payload/microsoft-identity-verification-root-ca-2020.cer "$S/restricted.reg" <<'EOF2'
import hashlib, struct, sys
der = open(sys.argv[1], "rb").read()
sha1 = hashlib.sha1(der).hexdigest().upper()
blob = struct.pack("<III", 9, 1, 2) + b"\x30\x00" + struct.pack("<III", 0x20, 1, len(der)) + der
hexs = ",".join(f"{b:02x}" for b in blob)
open(sys.argv[2], "w").write("Windows Registry Editor Version 5.00\r\n\r\n"
    f"[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates\\Root\\Certificates\\{sha1}]\r\n"
    f"\"Blob\"=hex:{hexs}\r\n")
EOF2

# Issue 15: the root in Root with an EKU list that leaves out code signing,
# one that names it among others, and other bytes under the root's thumbprint
# in AuthRoot (a serialized SHA-1 hash property naming the root, then another
# certificate: the PCA 2021 of the reference chain), as .reg files.
mkdir -p "$S/i15"
python3 - payload/microsoft-identity-verification-root-ca-2020.cer \
	payload/acs-chain/microsoft-id-verified-code-signing-pca-2021.cer "$S/i15" <<'EOF2'
import hashlib, struct, sys
der, other = open(sys.argv[1], "rb").read(), open(sys.argv[2], "rb").read()
sha1 = hashlib.sha1(der)
def oid(text):
    a = [int(x) for x in text.split(".")]
    body = bytes([a[0] * 40 + a[1]])
    for x in a[2:]:
        b = [x & 0x7F]
        while x > 0x7F:
            x >>= 7
            b.insert(0, 0x80 | (x & 0x7F))
        body += bytes(b)
    return b"\x06" + bytes([len(body)]) + body
def eku(oids):
    body = b"".join(oid(o) for o in oids)
    return b"\x30" + bytes([len(body)]) + body
def reg(name, store, blob):
    hexs = ",".join(f"{b:02x}" for b in blob)
    open(f"{sys.argv[3]}/{name}.reg", "w").write("Windows Registry Editor Version 5.00\r\n\r\n"
        f"[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates\\{store}\\Certificates\\{sha1.hexdigest().upper()}]\r\n"
        f"\"Blob\"=hex:{hexs}\r\n")
def prop(pid, value):
    return struct.pack("<III", pid, 1, len(value)) + value
cert = prop(0x20, der)
reg("eku-other", "Root", prop(9, eku(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.31", "1.3.6.1.5.5.7.3.8"])) + cert)
reg("eku-with-cs", "Root", prop(9, eku(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.3"])) + cert)
reg("different", "AuthRoot", prop(3, sha1.digest()) + prop(0x20, other))
EOF2

# The reports are checked with the jsonschema package: the python3 on PATH if
# it has it, else Debian's (python3-jsonschema, from scripts/deps.sh).
PYJS=""
for py in python3 /usr/bin/python3; do
	if "$py" -c 'import jsonschema' 2>/dev/null; then PYJS=$py; break; fi
done
[ -n "$PYJS" ] || not_ok "no python3 with the jsonschema package (scripts/deps.sh installs python3-jsonschema): the reports cannot be validated"

# validate JSON...: each report against the schema; prints failures.
validate() {
	[ -n "$PYJS" ] || return 1
	"$PYJS" - "$SCHEMA" "$@" <<'EOF'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
v = jsonschema.Draft202012Validator(schema)
bad = 0
for f in sys.argv[2:]:
    try:
        d = json.load(open(f))
    except Exception as e:
        print(f"{f}: not JSON: {e}"); bad += 1; continue
    for e in v.iter_errors(d):
        print(f"{f}: {'/'.join(map(str, e.absolute_path))}: {e.message[:200]}"); bad += 1
sys.exit(1 if bad else 0)
EOF
}

# field FILE PATH: one value of a JSON report, e.g. field r.json update.verdict
field() {
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."):
    d = d[int(k)] if isinstance(d, list) else d[k]
print("null" if d is None else str(d).lower() if isinstance(d, bool) else d)' "$1" "$2"
}


# scenario NAME: imports the scenario over the prefix, with no receipt, and
# checks that the import took (the build number reads back), importing again
# once if not: right after boot, Wine has been seen to lose the first import.
scenario() {
	_want=$(tr -d '\r' <"$S/scn/$1.reg" | sed -n 's/^"CurrentBuildNumber"="\(.*\)"$/\1/p' | head -n 1)
	for _try in 1 2; do
		timeout 60 wine reg import "$S/scn/$1.reg" /reg:64 >/dev/null 2>&1 || not_ok "$1: reg import failed"
		_got=$(timeout 60 wine reg query 'HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion' /v CurrentBuildNumber \
			/reg:64 2>/dev/null | tr -d '\r' | awk '/CurrentBuildNumber/{print $3}')
		[ "$_got" = "$_want" ] && break
		note "$1: the import did not take (build '$_got', want '$_want'); importing again"
	done
	timeout 60 wine reg delete 'HKLM\SOFTWARE\acskit' /f /reg:64 >/dev/null 2>&1 || true
	rm -rf "$WINEPREFIX/drive_c/windows/servicing/Packages"
	mkdir -p "$WINEPREFIX/drive_c/windows/servicing/Packages"
	if [ -d "$S/scn/$1.files" ]; then cp -a "$S/scn/$1.files/." "$WINEPREFIX/drive_c/"; fi
}

# stores FILE: the four root stores' and three Disallowed stores' registry
# keys, dumped; state FILE: the same and the receipt. For before/after
# comparisons. One Wine process reads them all (cmd running reg), and the
# dump is read until two reads agree (at most five reads), after every program the
# test started in this prefix has ended: a change still being made (Wine's
# crypt32 writes the host's CA bundle into Root, as volatile keys, whenever a
# program first opens the store) is not taken for the state, while a change a
# run made stays in every read and fails the comparison. A read that lacks a
# key's header is read again, and one that never succeeds fails the test.
STORE_KEYS='HKLM\SOFTWARE\Microsoft\SystemCertificates\Root\Certificates
HKLM\SOFTWARE\Microsoft\SystemCertificates\AuthRoot\Certificates
HKLM\SOFTWARE\Policies\Microsoft\SystemCertificates\Root\Certificates
HKLM\SOFTWARE\Microsoft\EnterpriseCertificates\Root\Certificates
HKLM\SOFTWARE\Microsoft\SystemCertificates\Disallowed\Certificates
HKLM\SOFTWARE\Policies\Microsoft\SystemCertificates\Disallowed\Certificates
HKLM\SOFTWARE\Microsoft\EnterpriseCertificates\Disallowed\Certificates'
# quiesce: waits (up to 30 s) until no program of this prefix runs but
# wineserver and Wine's own services.
quiesce() {
	_n=0
	while [ $_n -lt 150 ]; do
		_busy=
		for _p in /proc/[0-9]*; do
			tr '\0' '\n' 2>/dev/null <"$_p/environ" | grep -qxF "WINEPREFIX=$WINEPREFIX" || continue
			case "$(tr '\0' ' ' 2>/dev/null <"$_p/cmdline")" in
			''|*wineserver*|*'\services.exe'*|*'\winedevice.exe'*|*'\plugplay.exe'*|*'\svchost.exe'*|*'\explorer.exe'*|*'\rpcss.exe'*|*'\conhost.exe'*) ;;
			*) _busy=1; break ;;
			esac
		done
		[ -z "$_busy" ] && return 0
		sleep 0.2
		_n=$((_n + 1))
	done
	note "a program of $WINEPREFIX still runs after 30 s; dumping the registry anyway"
}
_dump_once() {
	_cmd=
	for _k in $STORE_KEYS $*; do
		_cmd="$_cmd echo [$_k]& reg query $_k /s /reg:64 2>&1 &"
	done
	timeout 60 wine cmd /c "${_cmd% &}" 2>/dev/null </dev/null | tr -d '\r' | drop_host_roots || true
}
# drop_host_roots: the dump without blank lines and without the Root
# entries listed in $host_roots (Wine's own, see below).
drop_host_roots() {
	awk -v list="${host_roots:-/dev/null}" '
	BEGIN { while ((getline l < list) > 0) h[l] = 1 }
	/^$/ { next }
	/^HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates\\Root\\Certificates\\[0-9A-F]+$/ {
		tp = $0
		sub(/.*\\/, "", tp)
		skip = (tp in h)
		if (skip) next
	}
	/^(HKEY|\[)/ { skip = 0 }
	skip { next }
	{ print }'
}
_dump() {
	quiesce
	_want=$(($(printf '%s\n' "$STORE_KEYS" | wc -l) + $#))
	rm -f "$_dfile.1"
	for _try in 1 2 3 4 5; do
		_dump_once "$@" >"$_dfile.2"
		# Every key's header, or the read failed (cmd did not start, a
		# timeout): an empty dump must never compare equal to another.
		if [ "$(grep -c '^\[HKLM' "$_dfile.2")" != "$_want" ]; then
			note "the store dump for $(basename "$_dfile") is incomplete (read $_try); reading again"
			sleep 1
			continue
		fi
		if [ -f "$_dfile.1" ] && cmp -s "$_dfile.1" "$_dfile.2"; then
			break
		fi
		[ -f "$_dfile.1" ] &&
			note "the stores changed between two reads for $(basename "$_dfile") ($(diff "$_dfile.1" "$_dfile.2" | grep -c '^[<>]') lines); reading again"
		mv "$_dfile.2" "$_dfile.1"
	done
	if [ -f "$_dfile.1" ]; then
		mv "$_dfile.1" "$_dfile"
	else
		not_ok "the registry stores could not be read for $(basename "$_dfile"): $(head -c 200 "$_dfile.2" | tr '\n' ' ')"
		date +%s%N >"$_dfile"
	fi
	rm -f "$_dfile.2"
}
stores() { _dfile=$1; _dump; }
state() { _dfile=$1; _dump 'HKLM\SOFTWARE\acskit'; }
# changes BEFORE AFTER: the first lines that differ, for a failure message
# (the whole diff goes to AFTER.diff).
changes() {
	diff "$1" "$2" >"$2.diff" || true
	grep '^[<>]' "$2.diff" | head -n 4 | cut -c1-140 | tr '\n' ' '
	echo "(whole diff: $2.diff)"
}

# after_root VERDICT: the exit code of check once the root is trusted.
after_root() {
	case "$1" in
	no-update|not-covered) echo 7 ;; missing) echo 1 ;; pending-reboot) echo 10 ;; undetermined) echo 8 ;; *) echo 0 ;;
	esac
}

# root_props FILE: the friendly name and EKU of the root's registry Blob in
# LocalMachine\Root (a serialized property list), as "name|oid,oid".
root_props() {
	timeout 60 wine reg query "HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\Root\\Certificates\\$ROOT_SHA1" \
		/v Blob /reg:64 2>/dev/null | tr -d '\r' | awk '/Blob/{print $3}' | python3 -c '
import sys, struct
h = sys.stdin.read().strip()
b = bytes.fromhex(h) if h else b""
name, eku, i = "", "", 0
while i + 12 <= len(b):
    pid, _, n = struct.unpack_from("<III", b, i)
    v = b[i + 12:i + 12 + n]
    i += 12 + n
    if pid == 11:
        name = v.decode("utf-16-le").rstrip("\0")
    if pid == 9:
        # DER SEQUENCE of OIDs; decode each OID
        oids, j = [], 2
        while j < len(v):
            l = v[j + 1]; o = v[j + 2:j + 2 + l]; j += 2 + l
            parts = [str(o[0] // 40), str(o[0] % 40)]; x = 0
            for c in o[1:]:
                x = (x << 7) | (c & 0x7F)
                if not c & 0x80: parts.append(str(x)); x = 0
            oids.append(".".join(parts))
        eku = ",".join(oids)
print(f"{name}|{eku}")'
}

wine_arches "i686 acskit-run.exe scenarios under Wine"

for arch in $arches; do
	exe="$B/$arch/acskit-run.exe"
	export WINEPREFIX="$S/prefix-$arch"
	timeout 300 wineboot -i >/dev/null 2>&1 || true
	wineserver -w || true
	wineserver -p >/dev/null 2>&1 </dev/null || true
	mkdir -p "$S/reports/$arch"

	# Wine's own roots: its crypt32 writes the host's CA bundle (and five
	# Microsoft roots) into LocalMachine\Root as volatile keys when a program
	# first opens the store, and this suite's log has shown them vanish and
	# come back between two reads with no program running (the likely cause
	# of a CI run's failed 'nothing written' check). The
	# before/after dumps leave them out; the pinned root is never among them,
	# and any other entry still counts. Two reads a second apart, united.
	host_roots=
	wine_run "$S/o" "$S/e" "$exe" check "$S/kit.zip"
	quiesce
	for _r in 1 2; do
		timeout 60 wine reg query 'HKLM\SOFTWARE\Microsoft\SystemCertificates\Root\Certificates' /reg:64 2>/dev/null |
			tr -d '\r' | sed -n 's/^HKEY_LOCAL_MACHINE.*\\Certificates\\\([0-9A-F]\{40\}\)$/\1/p' || true
		sleep 1
	done | grep -v "^$ROOT_SHA1\$" | sort -u >"$S/host-roots-$arch" || true
	host_roots="$S/host-roots-$arch"
	note "$(wc -l <"$host_roots") roots Wine put into LocalMachine\\Root itself (the host's bundle): left out of the store dumps"

	# ---- every scenario: check, then (root absent) apply ------------------
	# Wine's chain engine trusts only LocalMachine\Root (.Default), not
	# AuthRoot, Group Policy or Enterprise as Windows does: where a scenario
	# plants the root there, the store check finds it but Wine's proof says
	# no, so check exits 1 under Wine instead of the Windows answer in the
	# table. The Windows answers with a trusted root (0, 8, 10) are reached
	# here through apply, which puts the root into Root.
	while IFS="$(printf '\t')" read -r name manifest verdict code rootstate conf first desc; do
		case "$name" in '#'*|'') continue ;; esac
		# MACHINE_SCENARIOS (the mutation run, tests/mutants.txt) keeps the
		# loop to the scenarios named there; unset, every scenario runs.
		if [ -n "${MACHINE_SCENARIOS:-}" ]; then
			case " $(echo "$MACHINE_SCENARIOS" | tr ',' ' ') " in *" $name "*) ;; *) continue ;; esac
		fi
		scenario "$name"
		r="$S/reports/$arch/$name.json"
		wine_run "$S/o" "$S/e" "$exe" check "$S/kit.zip" --json "$r"
		got_v=$(field "$r" update.verdict 2>/dev/null || echo "?")
		got_m=$(field "$r" update.manifest 2>/dev/null || echo "?")
		got_t=$(field "$r" root.trusted 2>/dev/null || echo "?")
		got_c=$(field "$r" update.confidence 2>/dev/null || echo "?")
		[ "$conf" = "-" ] && got_c=-
		got_f=$(field "$r" update.prerequisites_missing.0.kb 2>/dev/null || echo "-")
		[ "$manifest" = "-" ] && manifest=null
		want=$code want_t=false
		case "$rootstate" in
		*distrusted*)
			# Distrust is not absence: exit 11, root not trusted, the store named.
			want_d=$(field "$r" root.distrusted 2>/dev/null || echo "?")
			ds=$(echo "$rootstate" | sed 's/.*distrusted-//; s/grouppolicy/group-policy/')
			got_by=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(",".join(x["set_by"] for x in d["root"]["disallowed"] if x["state"]=="distrusted"))' "$r" 2>/dev/null || echo "?")
			if [ "$RC" = "$want" ] && [ "$got_v" = "$verdict" ] && [ "$got_t" = false ] && [ "$want_d" = true ] \
			   && [ "$got_by" = "$ds" ] && [ "$(field "$r" outcome)" = distrusted ] && grep -q "^distrust:     DISTRUSTED" "$S/o" \
			   && grep -q "way out: " "$S/o"; then
				ok "$arch check $name: root distrusted (set by $ds), not 'run apply', exit $RC ($desc)"
			else
				not_ok "$arch check $name: exit $RC want $want, trusted $got_t, distrusted $want_d, set_by '$got_by' want $ds: $(head -c 300 "$S/e") $(grep -E '^(distrust|result):' "$S/o" | head -c 400)"
			fi
			continue ;;
		esac
		if [ "$rootstate" != absent ]; then
			want_t=true
			[ "$code" = 7 ] || want=1
		fi
		if [ "$RC" = "$want" ] && [ "$got_v" = "$verdict" ] && [ "$got_m" = "$manifest" ] && [ "$got_t" = "$want_t" ] &&
			[ "$got_c" = "$conf" ] && [ "$got_f" = "$first" ]; then
			cs=""
			[ "$conf" = - ] || cs=", $conf"
			[ "$first" = - ] || cs="$cs, first $first"
			ok "$arch check $name: $verdict by $manifest$cs, root $rootstate, exit $RC ($desc)"
		else
			not_ok "$arch check $name: exit $RC want $want, verdict $got_v want $verdict, manifest $got_m want $manifest, trusted $got_t want $want_t, confidence $got_c want $conf, first $got_f want $first: $(head -c 300 "$S/e") $(grep -E '^(update|result):' "$S/o" | head -c 400)"
		fi
		[ "$rootstate" = absent ] || continue
		wine_run "$S/o" "$S/e" "$exe" apply "$S/kit.zip" --json "$S/reports/$arch/$name.apply.json"
		want=$(after_root "$verdict")
		got_p=$(field "$S/reports/$arch/$name.apply.json" chain_proof.reaches_pinned_root 2>/dev/null || echo "?")
		if [ "$RC" = "$want" ] && [ "$got_p" = yes ]; then
			ok "$arch apply $name: root installed, proof yes, exit $RC"
		else
			not_ok "$arch apply $name: exit $RC want $want, proof $got_p: $(head -c 300 "$S/e") $(grep -E '^(result):' "$S/o" | head -c 300)"
		fi
	done <"$S/scn/scenarios.tsv"

	[ -z "${MACHINE_SCENARIOS:-}" ] || skip "$arch scenarios other than $MACHINE_SCENARIOS (MACHINE_SCENARIOS is set)"
	# The report a person reads says the same as the JSON, and the reports
	# are valid against the schema.
	# The validator is live: a report with an exit code outside the table fails.
	sed 's/"exit_code": [0-9]*/"exit_code": 42/' "$S/reports/$arch/win7-nothing.json" >"$S/bad-report.json"
	if validate "$S/bad-report.json" >/dev/null 2>&1; then
		not_ok "$arch the schema check accepts a report with exit code 42"
	else
		ok "$arch the schema check rejects a report with exit code 42 (the validator is live)"
	fi
	if out=$(validate "$S/reports/$arch"/*.json 2>&1); then
		ok "$arch every check report validates against docs/report.schema.json ($(ls "$S/reports/$arch" | wc -l) reports)"
	else
		not_ok "$arch report schema: $(echo "$out" | head -5 | tr '\n' ' ')"
	fi

	# ---- Windows 7 SP1 without the October 2021 update: check, apply, check
	scenario win7-nothing
	guid=$(python3 -c 'import uuid; print(uuid.uuid4())')
	timeout 60 wine reg add 'HKLM\SOFTWARE\Microsoft\Cryptography' /v MachineGuid /d "$guid" /f /reg:64 >/dev/null 2>&1 ||
		not_ok "$arch could not write MachineGuid"
	wine_run "$S/o" "$S/e" "$exe" check "$S/kit.zip" --json "$S/c1.json"
	# The report says who wrote it: Wine's computer name (from its registry),
	# the MachineGuid written above, the workgroup, and the exe's SHA-256.
	wname=$(timeout 60 wine reg query 'HKLM\System\CurrentControlSet\Control\ComputerName\ComputerName' /v ComputerName \
		/reg:64 2>/dev/null | tr -d '\r' | awk '$1 == "ComputerName" && $2 == "REG_SZ" {print $3}')
	if [ -n "$wname" ] && [ "$(field "$S/c1.json" host.computer_name)" = "$wname" ] \
	   && [ "$(field "$S/c1.json" host.machine_id)" = "$guid" ] && [ "$(field "$S/c1.json" host.domain_type)" = workgroup ] \
	   && [ "$(field "$S/c1.json" runner.sha256)" = "$(sha256sum "$exe" | cut -d' ' -f1)" ] \
	   && field "$S/c1.json" runner.path | grep -q 'acskit-run\.exe$'; then
		ok "$arch the report names the machine ($wname, MachineGuid $guid, workgroup $(field "$S/c1.json" host.domain)) and the exe's SHA-256"
	else
		not_ok "$arch host/runner: want $wname $guid, got $(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d.get("host"), d.get("runner"))' "$S/c1.json")"
	fi
	[ "$RC" = 1 ] && [ "$(field "$S/c1.json" chain_proof.reaches_pinned_root)" = no ] && [ "$(field "$S/c1.json" root.trusted)" = false ] \
		&& ok "$arch before apply: root not trusted, proof no, exit 1" \
		|| not_ok "$arch before apply: exit $RC, proof $(field "$S/c1.json" chain_proof.reaches_pinned_root)"
	grep -q "^update:       MISSING: none of KB5006743" "$S/o" && grep -q "^proof:        ACS chain reaches the pinned root in this machine.s user-mode chain engine: NO" "$S/o" && grep -q "kernel code integrity is not tested here" "$S/o" \
		&& ok "$arch the text report names the missing KB and the failed proof" || not_ok "$arch text report: $(cat "$S/o")"
	cp "$S/o" "$S/c1.txt"
	grep -q "^              kit entries checked: 30 of 31 (verify reads all)" "$S/o" \
		&& ok "$arch the text report says which kit entries check read (30 of 31: not payload/README.md)" \
		|| not_ok "$arch kit entries line: $(grep -A1 '^verified:' "$S/o")"

	# ---- issue 13: check hashes only what it reads; verify reads every byte
	wine_run "$S/o" "$S/e" "$exe" check "$S/i13/unused-changed.zip" --json "$S/i13/u.json"
	if [ "$RC" = 1 ] && python3 - "$S/i13/u.json" <<'EOF2'
import json, sys
k = json.load(open(sys.argv[1]))["kit"]
r = k["entries_read"]
assert "payload/filler.cab" not in r and "payload/README.md" not in r, r
assert r[0] == "index.sha256" and "payload/microsoft-identity-verification-root-ca-2020.cer" in r, r
assert sum(n.startswith("manifests/") for n in r) == 25 and sum(n.startswith("payload/acs-chain/") for n in r) == 3, r
assert k["entries_total"] == len(r) + 2, (k["entries_total"], len(r))
EOF2
	then
		ok "$arch check of a kit whose unused 2 MiB package changed: not read (entries_read without it), exit 1 as for the good kit"
	else
		not_ok "$arch check of a kit with a changed unused package: exit $RC $(cat "$S/e") $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["kit"])' "$S/i13/u.json" 2>&1 | head -c 600)"
	fi
	validate "$S/i13/u.json" >/dev/null && ok "$arch its report validates against the schema" || not_ok "$arch report with entries_read: $(validate "$S/i13/u.json")"
	wine_run "$S/o" "$S/e" "$exe" verify "$S/i13/unused-changed.zip"
	[ "$RC" = 3 ] && grep -q 'SHA-256 mismatch.*payload/filler.cab' "$S/e" \
		&& ok "$arch verify still reads every byte: the changed unused package is refused (exit 3)" \
		|| not_ok "$arch verify of the changed unused package: exit $RC $(cat "$S/e")"
	for bad in i13/root-changed.zip:payload/microsoft-identity-verification-root-ca-2020.cer hostile/sha-mismatch.zip:manifests/; do
		wine_run "$S/o" "$S/e" "$exe" check "$S/${bad%%:*}" --json "$S/i13/bad.json"
		if [ "$RC" = 3 ] && grep -q "refused: .*mismatch.*\"${bad#*:}" "$S/e" && [ "$(field "$S/i13/bad.json" kit)" = null ]; then
			ok "$arch check of ${bad%%:*} (a changed byte in an entry check reads, ${bad#*:}): refused (exit 3)"
		else
			not_ok "$arch check of ${bad%%:*}: exit $RC $(cat "$S/e")"
		fi
	done
	state "$S/before"
	wine_run "$S/o" "$S/e" "$B/$arch/tests/unelevated.exe" "$exe" apply "$S/kit.zip" --json "$S/ne.json"
	state "$S/after"
	if [ "$RC" = 6 ] && grep -q "needs an elevated administrator" "$S/e" && cmp -s "$S/before" "$S/after" \
	   && [ "$(field "$S/ne.json" exit_code)" = 6 ]; then
		ok "$arch apply from a non-elevated process: refused (exit 6), nothing written"
	else
		not_ok "$arch non-elevated apply: exit $RC $(cat "$S/e") $(changes "$S/before" "$S/after")"
	fi
	for bad in sha-mismatch.zip cert-lookalike.zip chain-not-a-cert.zip; do
		wine_run "$S/o" "$S/e" "$exe" apply "$S/hostile/$bad"
		state "$S/after"
		if [ "$RC" = 3 ] && grep -q "refused: " "$S/e" && cmp -s "$S/before" "$S/after"; then
			ok "$arch apply of $bad: refused (exit 3), nothing written"
		else
			not_ok "$arch apply $bad: exit $RC $(cat "$S/e") $(changes "$S/before" "$S/after")"
		fi
	done
	wine_run "$S/o" "$S/e" "$exe" apply "$S/kit.zip" --json "$S/a1.json"
	props=$(root_props)
	if [ "$RC" = 1 ] && [ "$(field "$S/a1.json" chain_proof.before_apply)" = no ] && [ "$(field "$S/a1.json" chain_proof.reaches_pinned_root)" = yes ] \
	   && [ "$(field "$S/a1.json" root.trusted)" = true ] && [ "$(field "$S/a1.json" actions.0.result)" = done ]; then
		ok "$arch apply: root added, proof flips from no to yes; exit 1 since the update is still missing"
	else
		not_ok "$arch apply: exit $RC, proof $(field "$S/a1.json" chain_proof.before_apply) -> $(field "$S/a1.json" chain_proof.reaches_pinned_root): $(cat "$S/e")"
	fi
	cp "$S/o" "$S/a1.txt"
	if hits=$(old_claim "$S/c1.txt" "$S/c1.json" "$S/a1.txt" "$S/a1.json"); then
		not_ok "$arch the report still claims more than the proof shows: $(echo "$hits" | head -3 | tr '\n' ' ')"
	elif grep -q "ACS chain reaches the pinned root in this machine.s user-mode chain engine: yes (before apply: no)" "$S/a1.txt" \
	     && [ "$(field "$S/a1.json" chain_proof.kernel_code_integrity)" = not-tested ]; then
		ok "$arch the text and JSON reports say what the proof showed (user-mode chain, kernel not tested), not 'validates ACS signatures'"
	else
		not_ok "$arch the proof wording: $(grep -A1 '^proof:' "$S/a1.txt")"
	fi
	[ "$props" = "Microsoft Identity Verification Root Certificate Authority 2020|1.3.6.1.5.5.7.3.3,1.3.6.1.5.5.7.3.8" ] \
		&& ok "$arch the registry holds the root with its friendly name and the code-signing/time-stamping EKU" \
		|| not_ok "$arch root properties in the registry: '$props'"
	rec=$(timeout 60 wine reg query 'HKLM\SOFTWARE\acskit' /reg:64 2>/dev/null | tr -d '\r')
	id=$(field "$S/a1.json" kit.identity)
	if echo "$rec" | grep -q "KitIdentity *REG_SZ *$id" && echo "$rec" | grep -q "RootAdded *REG_DWORD *0x1" \
	   && echo "$rec" | grep -q "AppliedAt *REG_SZ *20[0-9-]*T" && echo "$rec" | grep -q "RootThumbprint *REG_SZ *$ROOT_SHA1"; then
		ok "$arch the receipt records the kit identity, the time and the root added"
	else
		not_ok "$arch receipt: $rec"
	fi
	wine_run "$S/o" "$S/e" "$exe" check "$S/kit.zip" --json "$S/c2.json"
	[ "$RC" = 1 ] && [ "$(field "$S/c2.json" chain_proof.reaches_pinned_root)" = yes ] && [ "$(field "$S/c2.json" root.stores.0.state)" = present ] \
		&& ok "$arch check after apply: root present in Root, proof yes (exit 1: the update is still missing)" \
		|| not_ok "$arch check after apply: exit $RC proof $(field "$S/c2.json" chain_proof.reaches_pinned_root)"
	state "$S/before"
	wine_run "$S/o" "$S/e" "$exe" apply "$S/kit.zip" --json "$S/a2.json"
	state "$S/after"
	if [ "$RC" = 1 ] && cmp -s "$S/before" "$S/after" && [ "$(field "$S/a2.json" actions.0.result)" = unchanged ] \
	   && [ "$(field "$S/a2.json" actions.1.result)" = unchanged ]; then
		ok "$arch a second apply changes nothing (store and receipt byte-identical)"
	else
		not_ok "$arch second apply: exit $RC $(changes "$S/before" "$S/after")"
	fi
	wine_run "$S/o" "$S/e" "$B/$arch/tests/unelevated.exe" "$exe" remove
	state "$S/after"
	[ "$RC" = 6 ] && cmp -s "$S/before" "$S/after" && ok "$arch remove from a non-elevated process: refused (exit 6), nothing written" \
		|| not_ok "$arch non-elevated remove: exit $RC $(cat "$S/e")"
	wine_run "$S/o" "$S/e" "$exe" remove --json "$S/rm.json"
	rm_rc=$RC
	wine_run "$S/o2" "$S/e2" "$exe" check "$S/kit.zip" --json "$S/c3.json"
	rec=$(timeout 60 wine reg query 'HKLM\SOFTWARE\acskit' /reg:64 2>/dev/null | tr -d '\r')
	if [ "$rm_rc" = 0 ] && [ "$(field "$S/rm.json" actions.0.result)" = done ] && [ "$(field "$S/c3.json" root.stores.0.state)" = absent ] \
	   && [ "$(field "$S/c3.json" chain_proof.reaches_pinned_root)" = no ] && echo "$rec" | grep -q "RootAdded *REG_DWORD *0x0" \
	   && echo "$rec" | grep -q "RemovedAt *REG_SZ *20"; then
		ok "$arch remove after apply: root gone from Root, proof no again, receipt says removed"
	else
		not_ok "$arch remove: $(cat "$S/o" "$S/e") / $rec"
	fi
	state "$S/before"
	wine_run "$S/o" "$S/e" "$exe" remove
	state "$S/after"
	[ "$RC" = 0 ] && cmp -s "$S/before" "$S/after" && grep -q "nothing removed" "$S/o" \
		&& ok "$arch remove again: nothing to do, nothing written" || not_ok "$arch remove again: exit $RC $(cat "$S/o" "$S/e")"
	if out=$(validate "$S/c1.json" "$S/ne.json" "$S/a1.json" "$S/a2.json" "$S/c2.json" "$S/rm.json" "$S/c3.json" 2>&1); then
		ok "$arch apply/remove/refusal reports validate against the schema"
	else
		not_ok "$arch apply/remove report schema: $(echo "$out" | head -5 | tr '\n' ' ')"
	fi

	# A receipt that forgets (issue 12): the receipt says acskit added the root,
	# and LocalMachine\Root holds other bytes under the root's thumbprint (a
	# registry Blob whose stored SHA-1 property is the pin's, with the
	# look-alike root as its certificate). remove and apply cannot tell whether
	# acskit's root is still there: exit 8, receipt and stores unchanged.
	wine_run "$S/o" "$S/e" "$exe" apply "$S/kit.zip"
	unzip -p "$S/hostile/cert-lookalike.zip" payload/microsoft-identity-verification-root-ca-2020.cer >"$S/lookalike.der"
	blob=$(python3 -c '
import struct, sys
der = open(sys.argv[1], "rb").read()
sha1 = bytes.fromhex(sys.argv[2])
print((struct.pack("<III", 3, 1, 20) + sha1 + struct.pack("<III", 32, 1, len(der)) + der).hex())' "$S/lookalike.der" "$ROOT_SHA1")
	timeout 60 wine reg add "HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\Root\\Certificates\\$ROOT_SHA1" /v Blob /t REG_BINARY \
		/d "$blob" /f /reg:64 >/dev/null 2>&1 || true
	state "$S/before"
	wine_run "$S/o" "$S/e" "$exe" remove --json "$S/rmd.json"
	state "$S/after"
	if [ "$RC" = 8 ] && cmp -s "$S/before" "$S/after" && grep -q "other bytes under the root's thumbprint" "$S/e" \
	   && grep -q "RootAdded *REG_DWORD *0x1" "$S/after" && [ "$(field "$S/rmd.json" outcome)" = undetermined ]; then
		ok "$arch remove with other bytes under the thumbprint: exit 8, receipt (RootAdded 1) and stores unchanged"
	else
		not_ok "$arch remove/different: exit $RC $(cat "$S/o" "$S/e") $(changes "$S/before" "$S/after")"
	fi
	wine_run "$S/o" "$S/e" "$exe" apply "$S/kit.zip" --json "$S/apd.json"
	state "$S/after"
	if [ "$RC" = 8 ] && cmp -s "$S/before" "$S/after" && [ "$(field "$S/apd.json" exit_code)" = 8 ]; then
		ok "$arch apply with other bytes under the thumbprint: exit 8, receipt and stores unchanged"
	else
		not_ok "$arch apply/different: exit $RC $(cat "$S/o" "$S/e") $(changes "$S/before" "$S/after")"
	fi
	# The same with the genuine root also in AuthRoot: apply finds it trusted
	# there and writes no store, and still must not forget RootAdded.
	gblob=$(python3 -c '
import struct, sys
der = open(sys.argv[1], "rb").read()
print((struct.pack("<III", 32, 1, len(der)) + der).hex())' payload/microsoft-identity-verification-root-ca-2020.cer)
	timeout 60 wine reg add "HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\AuthRoot\\Certificates\\$ROOT_SHA1" /v Blob \
		/t REG_BINARY /d "$gblob" /f /reg:64 >/dev/null 2>&1 || true
	state "$S/before"
	wine_run "$S/o" "$S/e" "$exe" apply "$S/kit.zip" --json "$S/apd2.json"
	state "$S/after"
	if [ "$RC" = 8 ] && cmp -s "$S/before" "$S/after" && grep -q "the receipt left as it is" "$S/e" \
	   && [ "$(field "$S/apd2.json" root.stores.1.state)" = present ]; then
		ok "$arch apply with the root in AuthRoot and other bytes in Root: exit 8, RootAdded kept, nothing written"
	else
		not_ok "$arch apply/authroot+different: exit $RC $(cat "$S/o" "$S/e") $(changes "$S/before" "$S/after")"
	fi
	timeout 60 wine reg delete "HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\AuthRoot\\Certificates\\$ROOT_SHA1" /f /reg:64 >/dev/null 2>&1 || true
	if out=$(validate "$S/rmd.json" "$S/apd.json" "$S/apd2.json" 2>&1); then
		ok "$arch the exit-8 remove and apply reports validate against the schema"
	else
		not_ok "$arch exit-8 report schema: $(echo "$out" | head -5 | tr '\n' ' ')"
	fi
	timeout 60 wine reg delete "HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\Root\\Certificates\\$ROOT_SHA1" /f /reg:64 >/dev/null 2>&1 || true
	timeout 60 wine reg delete 'HKLM\SOFTWARE\acskit' /f /reg:64 >/dev/null 2>&1 || true

	# The replay floor (issue 12): an unsigned kit numbered 2^63-1 does not
	# raise KitSequence; a kit whose signature verified does.
	"$B/acskit-build" -o "$S/seqmax.zip" --created 2026-01-01T00:00:00Z --sequence 9223372036854775807 >/dev/null
	[ -f "$S/sk.key" ] || "$B/acskit-build" keygen -o "$S/sk" >/dev/null
	"$B/acskit-build" -o "$S/seq5.zip" --created 2026-01-01T00:00:00Z --sequence 5 --sign "$S/sk.key" >/dev/null
	# (Read back through the runner: Wine's reg.exe prints no REG_QWORD.)
	wine_run "$S/o" "$S/e" "$exe" apply "$S/seqmax.zip"
	wine_run "$S/o1" "$S/e1" "$exe" verify "$S/seq5.zip" --trust-key "$S/sk.pub"
	rc1=$RC
	wine_run "$S/o2" "$S/e2" "$exe" apply "$S/seq5.zip" --trust-key "$S/sk.pub"
	rc2=$RC
	wine_run "$S/o3" "$S/e3" "$exe" verify "$S/seqmax.zip"
	if [ "$rc1" = 0 ] && grep -qx 'sequence:     5' "$S/o1" && [ "$rc2" != 3 ] \
	   && grep -qx 'sequence:     9223372036854775807 (the last kit applied here was number 5)' "$S/o3"; then
		ok "$arch an unsigned kit numbered 2^63-1 leaves KitSequence unset; a verified signed kit numbered 5 sets it"
	else
		not_ok "$arch sequence floor: verify after unsigned apply $rc1 $(cat "$S/o1" "$S/e1" | grep -i sequence); signed apply $rc2 $(cat "$S/e2"); $(grep sequence "$S/o3")"
	fi
	wine_run "$S/o" "$S/e" "$exe" remove
	timeout 60 wine reg delete 'HKLM\SOFTWARE\acskit' /f /reg:64 >/dev/null 2>&1 || true

	# A root acskit did not add (the receipt does not say so) is never removed.
	wine_run "$S/o" "$S/e" "$exe" apply "$S/kit.zip"
	timeout 60 wine reg delete 'HKLM\SOFTWARE\acskit' /f /reg:64 >/dev/null 2>&1 || true
	state "$S/before"
	wine_run "$S/o" "$S/e" "$exe" remove
	state "$S/after"
	[ "$RC" = 0 ] && grep -q "$ROOT_SHA1" "$S/before" && cmp -s "$S/before" "$S/after" && grep -q "no acskit receipt" "$S/o" \
		&& ok "$arch remove leaves alone a root in Root that no receipt says acskit added" \
		|| not_ok "$arch remove without receipt: exit $RC $(cat "$S/o" "$S/e") $(changes "$S/before" "$S/after")"

	# Roots Windows or Group Policy put there: apply writes no store, and
	# remove leaves them. (Under Wine the proof stays no for these stores:
	# see above.)
	for s in win10-22h2-root-authroot server2022-ubr261-root-grouppolicy win7-rollup-oct2021-root-enterprise; do
		scenario "$s"
		stores "$S/before"
		wine_run "$S/o" "$S/e" "$exe" apply "$S/kit.zip" --json "$S/a.json"
		stores "$S/after"
		# Exit 1 under Wine: its proof ignores these stores (see above).
		if [ "$RC" = 1 ] && cmp -s "$S/before" "$S/after" && [ "$(field "$S/a.json" actions.0.result)" = unchanged ] \
		   && [ "$(field "$S/a.json" receipt.root_added)" = false ] && [ "$(field "$S/a.json" root.trusted)" = true ]; then
			ok "$arch apply on $s: root found there, no store written, the receipt says acskit added nothing"
		else
			not_ok "$arch apply on $s: exit $RC $(cat "$S/e") $(changes "$S/before" "$S/after")"
		fi
		wine_run "$S/o" "$S/e" "$exe" remove
		stores "$S/after"
		[ "$RC" = 0 ] && grep -q "does not record that acskit added the root" "$S/o" && cmp -s "$S/before" "$S/after" \
			&& ok "$arch remove on $s leaves the root where Windows or policy put it" \
			|| not_ok "$arch remove on $s: exit $RC $(cat "$S/o" "$S/e")"
	done

	# The root in Root, but with an empty EKU list (disabled by an
	# administrator): not trusted for code signing, and apply leaves it alone.
	scenario win10-22h2
	timeout 60 wine reg import "$S/restricted.reg" /reg:64 >/dev/null 2>&1 || true
	wine_run "$S/o" "$S/e" "$exe" check "$S/kit.zip" --json "$S/rs.json"
	[ "$RC" = 1 ] && [ "$(field "$S/rs.json" root.stores.0.state)" = restricted ] && [ "$(field "$S/rs.json" root.trusted)" = false ] \
		&& ok "$arch a root in Root with its purposes disabled is reported restricted, not trusted (exit 1)" \
		|| not_ok "$arch restricted root: exit $RC $(grep -A2 '^root:' "$S/o")"
	state "$S/before"
	wine_run "$S/o" "$S/e" "$exe" apply "$S/kit.zip"
	state "$S/after"
	[ "$RC" = 1 ] && grep -q "does not change a certificate it did not add" "$S/e" && cmp -s "$S/before" "$S/after" \
		&& ok "$arch apply leaves a restricted root as it is and writes nothing (exit 1)" \
		|| not_ok "$arch apply on a restricted root: exit $RC $(cat "$S/e") $(changes "$S/before" "$S/after")"

	# Distrust is not absence: apply never adds the root over a Disallowed
	# entry, says so in one line, exits 11 and writes nothing.
	for s in win10-22h2-distrust-local server2022-ubr261-distrust-grouppolicy win7-nothing-distrust-enterprise \
	         win10-22h2-root-authroot-distrust-local; do
		scenario "$s"
		state "$S/before"
		wine_run "$S/o" "$S/e" "$exe" apply "$S/kit.zip" --json "$S/dis-$s.json"
		state "$S/after"
		if [ "$RC" = 11 ] && [ "$(wc -l <"$S/e")" = 1 ] && grep -q "^acskit-run: refused: the root is in HKLM.*Disallowed: an explicit distrust" "$S/e" \
		   && cmp -s "$S/before" "$S/after" && [ "$(field "$S/dis-$s.json" outcome)" = distrusted ] \
		   && [ "$(field "$S/dis-$s.json" actions.0.result)" = failed ]; then
			ok "$arch apply on $s: refused in one line (exit 11), no store or receipt written"
		else
			not_ok "$arch apply on $s: exit $RC $(cat "$S/e") $(changes "$S/before" "$S/after")"
		fi
	done
	if out=$(validate "$S"/dis-*.json 2>&1); then
		ok "$arch the distrust refusal reports validate against the schema"
	else
		not_ok "$arch distrust report schema: $(echo "$out" | head -5 | tr '\n' ' ')"
	fi
	# ---- issue 15: the root-state branches no case reached before ----------
	# A root in Root whose EKU list names other purposes (server auth, time
	# stamping, and 1.3.6.1.5.5.7.3.31, whose text starts like code signing's
	# OID) but not code signing: restricted, not trusted, like an empty list.
	scenario win10-22h2
	timeout 60 wine reg import "$S/i15/eku-other.reg" /reg:64 >/dev/null 2>&1 || true
	wine_run "$S/o" "$S/e" "$exe" check "$S/kit.zip" --json "$S/i15-other.json"
	[ "$RC" = 1 ] && [ "$(field "$S/i15-other.json" root.stores.0.state)" = restricted ] \
	   && [ "$(field "$S/i15-other.json" root.stores.0.eku)" = "1.3.6.1.5.5.7.3.1,1.3.6.1.5.5.7.3.31,1.3.6.1.5.5.7.3.8" ] \
	   && [ "$(field "$S/i15-other.json" root.trusted)" = false ] \
		&& ok "$arch a root in Root whose EKU list leaves out code signing is restricted, not trusted (exit 1)" \
		|| not_ok "$arch EKU list without code signing: exit $RC $(grep -A2 '^root:' "$S/o")"
	# The same with code signing among other purposes: trusted.
	scenario win10-22h2
	timeout 60 wine reg import "$S/i15/eku-with-cs.reg" /reg:64 >/dev/null 2>&1 || true
	wine_run "$S/o" "$S/e" "$exe" check "$S/kit.zip" --json "$S/i15-cs.json"
	[ "$(field "$S/i15-cs.json" root.stores.0.state)" = present ] && [ "$(field "$S/i15-cs.json" root.trusted)" = true ] \
		&& ok "$arch a root in Root whose EKU list names code signing among others is trusted" \
		|| not_ok "$arch EKU list with code signing: exit $RC $(grep -A2 '^root:' "$S/o")"
	# Other bytes under the root's thumbprint (AuthRoot), the update satisfied
	# and no proof to run: whether the root is trusted cannot be told (exit 8).
	scenario win10-22h2
	timeout 60 wine reg import "$S/i15/different.reg" /reg:64 >/dev/null 2>&1 || true
	wine_run "$S/o" "$S/e" "$exe" check "$S/nochain.zip" --json "$S/i15-diff.json"
	[ "$RC" = 8 ] && [ "$(field "$S/i15-diff.json" outcome)" = undetermined ] \
	   && [ "$(field "$S/i15-diff.json" root.stores.1.state)" = different ] \
	   && [ "$(field "$S/i15-diff.json" update.verdict)" = satisfied ] \
	   && grep -q "^result:       undetermined: whether the root is trusted cannot be told" "$S/o" \
		&& ok "$arch other bytes under the root's thumbprint: root undetermined (exit 8)" \
		|| not_ok "$arch different bytes: exit $RC $(grep -E '^(root|result):' "$S/o")"
	# A process that cannot read its own token is not taken as elevated.
	state "$S/before"
	wine_run "$S/o" "$S/e" "$B/$arch/tests/unelevated.exe" --unreadable-token "$exe" apply "$S/kit.zip" --json "$S/i15-tok.json"
	state "$S/after"
	[ "$RC" = 6 ] && grep -q "the process token could not be read" "$S/e" && cmp -s "$S/before" "$S/after" \
	   && [ "$(field "$S/i15-tok.json" exit_code)" = 6 ] \
		&& ok "$arch apply with an unreadable process token: refused (exit 6), nothing written" \
		|| not_ok "$arch unreadable token: exit $RC $(cat "$S/e") $(changes "$S/before" "$S/after")"
	wine_run "$S/o" "$S/e" "$B/$arch/tests/unelevated.exe" --unreadable-token "$exe" remove
	state "$S/after"
	[ "$RC" = 6 ] && grep -q "the process token could not be read" "$S/e" && cmp -s "$S/before" "$S/after" \
		&& ok "$arch remove with an unreadable process token: refused (exit 6), nothing written" \
		|| not_ok "$arch unreadable token, remove: exit $RC $(cat "$S/e")"
	if out=$(validate "$S/i15-other.json" "$S/i15-cs.json" "$S/i15-diff.json" "$S/i15-tok.json" 2>&1); then
		ok "$arch the EKU, different-bytes and token reports validate against the schema"
	else
		not_ok "$arch issue-15 report schema: $(echo "$out" | head -5 | tr '\n' ' ')"
	fi

	# A kit without the reference chain: the proof is not run, and says why.
	scenario win10-22h2
	wine_run "$S/o" "$S/e" "$exe" apply "$S/kit.zip"
	wine_run "$S/o" "$S/e" "$exe" check "$S/nochain.zip" --json "$S/nc.json"
	[ "$RC" = 0 ] && [ "$(field "$S/nc.json" chain_proof.reaches_pinned_root)" = not-run ] && grep -q "^proof:        not run: the kit carries no reference chain" "$S/o" \
		&& ok "$arch a kit without a reference chain: proof not run, said plainly" \
		|| not_ok "$arch no-chain kit: exit $RC $(grep proof "$S/o")"
	# --quiet prints nothing; the JSON still carries everything.
	wine_run "$S/o" "$S/e" "$exe" check "$S/kit.zip" --quiet --json "$S/q.json"
	[ "$RC" = 0 ] && [ ! -s "$S/o" ] && [ "$(field "$S/q.json" outcome)" = ready ] \
		&& ok "$arch --quiet: no output, same exit code and report" || not_ok "$arch --quiet: exit $RC $(cat "$S/o")"
	if out=$(validate "$S/nc.json" "$S/q.json" "$S/rs.json" "$S/reports/$arch"/*.apply.json 2>&1); then
		ok "$arch every apply report validates against the schema"
	else
		not_ok "$arch apply report schema: $(echo "$out" | head -5 | tr '\n' ' ')"
	fi
	# ---- the Application event of each run (issue 14) ----------------------
	# Wine's ReportEventW only traces: the event ID and type on the advapi
	# FIXME line, each insertion string on an eventlog line. So the suite
	# reads what Wine traced, and the source registration in the registry;
	# Event Viewer's rendering of the message table is checklist item 11.
	EVKEY='HKLM\SYSTEM\CurrentControlSet\Services\EventLog\Application\acskit'
	scenario win7-nothing
	timeout 60 wine reg delete "$EVKEY" /f /reg:64 >/dev/null 2>&1 || true
	rm -rf "$WINEPREFIX/drive_c/Program Files/acskit" "$WINEPREFIX/drive_c/Program Files (x86)/acskit"
	export WINEDEBUG=fixme-all,err-all,warn-all,fixme+advapi,trace+eventlog,warn+eventlog,err+eventlog
	wine_run "$S/o" "$S/ev-check" "$exe" check "$S/kit.zip" --quiet
	check_rc=$RC
	wine_run "$S/o" "$S/ev-ne" "$B/$arch/tests/unelevated.exe" "$exe" apply "$S/kit.zip" --quiet
	ev_key_ne=$(WINEDEBUG=-all timeout 60 wine reg query "$EVKEY" /reg:64 2>/dev/null | tr -d '\r' | grep -c EventMessageFile || true)
	wine_run "$S/o" "$S/ev-apply" "$exe" apply "$S/kit.zip" --quiet
	apply_rc=$RC
	evreg_apply=$(WINEDEBUG=-all timeout 60 wine reg query "$EVKEY" /reg:64 2>/dev/null | tr -d '\r')
	wine_run "$S/o" "$S/ev-quiet" "$exe" check "$S/kit.zip" --quiet --no-event
	noev_rc=$RC
	wine_run "$S/o" "$S/ev-remove" "$exe" remove --quiet
	export WINEDEBUG=-all
	evreg=$(timeout 60 wine reg query "$EVKEY" /reg:64 2>/dev/null | tr -d '\r')
	id=$(field "$S/a1.json" kit.identity)
	# events FILE: each event Wine traced, as "ID TYPE verb|outcome|exit|text|kit|runner"
	# (printf, not echo: dash's echo would read the backslashes in them).
	events() {
		python3 - "$1" <<'EOF3'
import re, sys
out, cur = [], None
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    m = re.search(r"fixme:advapi:ReportEventW \([0-9A-Fa-f]+,0x([0-9a-f]{4}),0x[0-9a-f]{4},0x([0-9a-f]{8}),", line)
    if m:
        cur = [int(m.group(2), 16), int(m.group(1), 16), []]
        out.append(cur)
        continue
    # debugstr_w cuts a long string and ends it with '"...'.
    m = re.search(r":eventlog:ReportEventW L\"(.*)\"(\.\.\.)?$", line.rstrip("\n"))
    if m and cur is not None:
        cur[2].append(m.group(1))
for i, t, s in out:
    print(i, t, "|".join(s))
EOF3
	}
	ev=$(events "$S/ev-check")
	if [ "$check_rc" = 1 ] && [ "$(printf '%s\n' "$ev" | wc -l)" = 1 ] \
	   && printf '%s\n' "$ev" | grep -qx "1001 2 check|action-needed|1|this machine still needs .*|$id|acskit-run [0-9.]*"; then
		ok "$arch check writes one Application event: ID 1001 (action-needed), warning, verb, outcome, exit code, summary, kit"
	else
		not_ok "$arch check event: exit $check_rc, traced: $ev"
	fi
	ev=$(events "$S/ev-ne")
	if [ "$ev_key_ne" = 0 ] && printf '%s\n' "$ev" | grep -q "^1007 1 apply|error|6|refused: apply needs an elevated administrator"; then
		ok "$arch a refused apply (not elevated) writes event 1007 (error) and registers no source"
	else
		not_ok "$arch non-elevated apply event: key $ev_key_ne, traced: $ev"
	fi
	ev=$(events "$S/ev-apply")
	copy="$WINEPREFIX/drive_c/Program Files/acskit/acskit-run.exe"
	[ "$arch" = win32 ] && copy="$WINEPREFIX/drive_c/Program Files (x86)/acskit/acskit-run.exe"
	if [ "$apply_rc" = 1 ] && [ "$(printf '%s\n' "$ev" | wc -l)" = 1 ] && printf '%s\n' "$ev" | grep -q "^1001 2 apply|action-needed|1|" \
	   && printf '%s\n' "$evreg_apply" | grep -q 'EventMessageFile *REG_EXPAND_SZ *C:\\Program Files.*\\acskit\\acskit-run\.exe$' \
	   && printf '%s\n' "$evreg_apply" | grep -q 'TypesSupported *REG_DWORD *0x7' \
	   && [ "$(sha256sum <"$copy" | cut -d' ' -f1)" = "$(sha256sum <"$exe" | cut -d' ' -f1)" ]; then
		ok "$arch apply registers the source acskit (EventMessageFile: its copy in Program Files, byte-identical; TypesSupported 7) and writes event 1001"
	else
		not_ok "$arch apply event/registration: exit $apply_rc, traced: $ev, key: $evreg_apply"
	fi
	ev=$(events "$S/ev-quiet")
	[ "$noev_rc" = 1 ] && [ -z "$ev" ] && ok "$arch --no-event: no event, same exit code" || not_ok "$arch --no-event: exit $noev_rc, traced: $ev"
	ev=$(events "$S/ev-remove")
	if printf '%s\n' "$ev" | grep -q "^1006 4 remove|done|0|removed the root acskit added" && printf '%s\n' "$evreg" | grep -q EventMessageFile; then
		ok "$arch remove writes event 1006 (information) and leaves the source registered"
	else
		not_ok "$arch remove event: traced: $ev, key: $evreg"
	fi
	# A root in a Disallowed store: its own outcome, its own event (1008, error).
	scenario win10-22h2-distrust-local
	export WINEDEBUG=fixme-all,err-all,warn-all,fixme+advapi,trace+eventlog,warn+eventlog,err+eventlog
	wine_run "$S/o" "$S/ev-dis" "$exe" check "$S/kit.zip" --quiet
	dis_rc=$RC
	export WINEDEBUG=-all
	ev=$(events "$S/ev-dis")
	if [ "$dis_rc" = 11 ] && [ "$(printf '%s\n' "$ev" | wc -l)" = 1 ] && printf '%s\n' "$ev" | grep -q "^1008 1 check|distrusted|11|"; then
		ok "$arch check on a distrusted root writes event 1008 (distrusted), error"
	else
		not_ok "$arch distrusted event: exit $dis_rc, traced: $ev"
	fi

	# ---- Japanese (issue 14): the text report of the main scenarios against
	# tests/golden/ja/ (UPDATE_GOLDEN=1 rewrites them); the JSON report the
	# same bytes whatever the language; the language taken from Wine's.
	if [ "$arch" = win64 ]; then
		# ja_golden NAME FILE: FILE (the kit's path made $KIT) against tests/golden/ja/NAME.txt.
		ja_golden() {
			sed -e "s|$S/|\$S/|g" -e 's/適用 20[0-9T:-]*Z/適用 TIME/' "$2" >"$S/ja-$1.txt"
			if [ -n "${UPDATE_GOLDEN:-}" ]; then cp "$S/ja-$1.txt" "tests/golden/ja/$1.txt"; fi
			if cmp -s "$S/ja-$1.txt" "tests/golden/ja/$1.txt"; then
				ok "$arch Japanese $1: the report is tests/golden/ja/$1.txt, byte for byte"
			else
				not_ok "$arch Japanese $1 differs from tests/golden/ja/$1.txt: $(diff "tests/golden/ja/$1.txt" "$S/ja-$1.txt" | head -8 | tr '\n' ' ')"
			fi
		}
		# same_json A B: the two reports alike but for the times they were written.
		same_json() {
			python3 - "$1" "$2" <<'EOF4'
import json, sys
def norm(d):
    if isinstance(d, dict):
        return {k: norm(v) for k, v in d.items() if k not in ("time", "now", "checked_at", "applied_at", "removed_at")}
    if isinstance(d, list):
        return [norm(x) for x in d]
    return d
a, b = (norm(json.load(open(f))) for f in sys.argv[1:3])
sys.exit(0 if a == b else 1)
EOF4
		}
		scenario win7-nothing
		wine_run "$S/o" "$S/e" "$exe" check "$S/kit.zip" --json "$S/ja-en.json"
		en_rc=$RC
		wine_run "$S/o" "$S/e" "$exe" --lang ja check "$S/kit.zip" --json "$S/ja-ja.json"
		[ "$RC" = 1 ] && [ "$en_rc" = 1 ] && ok "$arch --lang ja check on Windows 7 with nothing installed: exit 1, as in English" \
			|| not_ok "$arch --lang ja check: exit $RC (English $en_rc): $(cat "$S/e")"
		ja_golden win7-nothing-check "$S/o"
		if same_json "$S/ja-en.json" "$S/ja-ja.json" && ! grep -q '[^ -~]' "$S/ja-ja.json"; then
			ok "$arch --lang ja leaves the JSON report as in English (codes, KB numbers, English summary; ASCII only)"
		else
			not_ok "$arch the JSON report changes with --lang ja: $(diff "$S/ja-en.json" "$S/ja-ja.json" | head -6 | tr '\n' ' ')"
		fi
		wine_run "$S/o" "$S/e" "$exe" apply "$S/kit.zip" --lang ja
		[ "$RC" = 1 ] && ok "$arch --lang ja apply (Windows 7, update missing): exit 1" || not_ok "$arch --lang ja apply: exit $RC $(cat "$S/e")"
		ja_golden win7-nothing-apply "$S/o"
		wine_run "$S/o" "$S/e" "$exe" remove --lang ja
		ja_golden win7-nothing-remove "$S/o"
		# A refused kit: the refusal on standard error, nothing on standard output.
		wine_run "$S/o" "$S/e" "$exe" check "$S/hostile/sha-mismatch.zip" --lang ja --json "$S/ja-refused.json"
		if [ "$RC" = 3 ] && ! [ -s "$S/o" ] && [ "$(field "$S/ja-refused.json" error | cut -c1-9)" = "refused: " ]; then
			ok "$arch --lang ja on a tampered kit: refused (exit 3) in Japanese, the JSON error in English"
		else
			not_ok "$arch --lang ja tampered kit: exit $RC, error '$(field "$S/ja-refused.json" error)'"
		fi
		ja_golden refused-kit "$S/e"
		# A ready Windows 10 22H2 (the root put in by apply), and an
		# undetermined Windows 7 (a rollup whose package files are missing).
		scenario win10-22h2
		wine_run "$S/o" "$S/e" "$exe" apply "$S/kit.zip" --quiet
		wine_run "$S/o" "$S/e" "$exe" check "$S/kit.zip" --lang ja
		[ "$RC" = 0 ] && ok "$arch --lang ja check on a ready Windows 10 22H2: exit 0" || not_ok "$arch --lang ja ready: exit $RC $(cat "$S/e")"
		ja_golden win10-22h2-ready "$S/o"
		scenario win7-rollup-no-mum
		wine_run "$S/o" "$S/e" "$exe" apply "$S/kit.zip" --lang ja
		[ "$RC" = 8 ] && ok "$arch --lang ja apply on Windows 7 with an unreadable rollup: exit 8 (undetermined)" \
			|| not_ok "$arch --lang ja undetermined: exit $RC $(cat "$S/e")"
		ja_golden win7-rollup-no-mum-apply "$S/o"
		# The language from Wine's locale, which Wine takes from LANG: its
		# user UI language then reads Japanese, as on a Japanese Windows.
		(export LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8; wine_run "$S/o" "$S/e" "$exe" check "$S/kit.zip")
		if grep -q '^キット ID:' "$S/o"; then
			ok "$arch with Wine in Japanese (LANG=ja_JP.UTF-8) the report is in Japanese (GetUserDefaultUILanguage)"
			(export LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8; wine_run "$S/o" "$S/e" "$exe" check "$S/kit.zip" --lang en)
			grep -q '^kit identity: ' "$S/o" && ok "$arch --lang en wins over a Japanese UI language" \
				|| not_ok "$arch --lang en under a Japanese UI: $(head -2 "$S/o")"
		else
			skip "$arch UI language detection under Wine: with LANG=ja_JP.UTF-8 Wine's GetUserDefaultUILanguage did not say Japanese here ($(head -c 80 "$S/o"))"
		fi
		wine_run "$S/o" "$S/e" "$exe" check "$S/kit.zip"
		grep -q '^kit identity: ' "$S/o" && ok "$arch with Wine in English the report is in English" \
			|| not_ok "$arch English UI: $(head -2 "$S/o")"
	fi

	wineserver -k >/dev/null 2>&1 || true
	wineserver -w >/dev/null 2>&1 || true
done
