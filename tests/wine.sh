#!/bin/sh
# The Windows builds under Wine: acskit-run.exe verify/show give the same exit
# code, stdout and stderr as the Linux build on the good kit and on every kit of
# the hostile corpus; acskit-build.exe writes a kit byte-identical to the Linux
# builder's; the CNG/CryptoAPI backend passes the hash and certificate tests.
# The i686 exes run when wine32 is installed, and the skip says so when not.
#
#   tests/wine.sh BUILD_DIR SCRATCH_DIR
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
setup "$1" "$2"

if ! command -v wine >/dev/null 2>&1; then
	skip "Windows builds under Wine (wine is not installed; scripts/deps.sh installs wine64)"
	exit 0
fi
export WINEPREFIX="$S/prefix" WINEDEBUG=-all WINEDLLOVERRIDES=winemenubuilder.exe=d HOME="$S/home"
unset DISPLAY || true
mkdir -p "$HOME"
# One prefix for the run. Its first process starts background services that
# inherit stdout, so boot it with output to /dev/null and wait for it.
timeout 300 wineboot -i >/dev/null 2>&1 || true
wineserver -w || true
# Keep one wineserver for the whole run: a client that connects while the last
# server is shutting down now and then exits 1 without a word (seen here about
# once in 130 calls), which would read as a failing test.
wineserver -p >/dev/null 2>&1 </dev/null || true
trap 'wineserver -k >/dev/null 2>&1 || true' EXIT


cd "$top"
"$B/acskit-build" -o "$S/linux.zip" --created $T >/dev/null
python3 tests/mkkits.py --payload payload --manifests manifests --out "$S/corpus" >/dev/null
cp "$S/linux.zip" "$S/corpus/built.zip"
printf 'built.zip\t0\t\n' >>"$S/corpus/cases.tsv"

wine_arches "i686 exes under Wine"

for arch in $arches; do
	exe="$B/$arch/acskit-run.exe"
	wine_run "$S/o" "$S/e" "$exe" --version
	grep -q "crypto: Windows CNG and CryptoAPI" "$S/o" && ok "$arch acskit-run.exe runs and uses CNG/CryptoAPI" \
		|| not_ok "$arch acskit-run.exe --version: $(cat "$S/o" "$S/e")"

	# Same answers as Linux, case by case.
	cd "$S/corpus"
	same=0 differ=0
	while IFS="$(printf '\t')" read -r f code msg; do
		for verb in verify show; do
			run "$S/lo" "$S/le" "$B/acskit-run" $verb "$f"
			lrc=$RC
			wine_run "$S/wo" "$S/we" "$exe" $verb "$f"
			# verify and show never exit 1; an exit 1 with no output at all is
			# Wine's client losing its server (seen once in CI right after the
			# prefix was made, despite wineserver -p): say so and run it again.
			if [ "$RC" = 1 ] && [ ! -s "$S/wo" ] && [ ! -s "$S/we" ]; then
				note "$arch $verb $f: exit 1 with no output (Wine lost its server); running it again"
				wine_run "$S/wo" "$S/we" "$exe" $verb "$f"
			fi
			if [ "$RC" = "$lrc" ] && [ "$RC" = "$code" ] && cmp -s "$S/lo" "$S/wo" && cmp -s "$S/le" "$S/we" && [ $CR = 0 ]; then
				same=$((same + 1))
			else
				differ=$((differ + 1))
				not_ok "$arch $verb $f: Linux exit $lrc, Windows exit $RC (want $code): $(diff "$S/le" "$S/we" | head -3 | tr '\n' ' ') $(diff "$S/lo" "$S/wo" | head -3 | tr '\n' ' ')"
			fi
		done
	done <cases.tsv
	[ $differ = 0 ] && ok "$arch acskit-run.exe: $same verify/show runs over the corpus match the Linux build (exit code, stdout, stderr)"
	cd "$top"

	# The Windows builder writes the same bytes as the Linux builder.
	wine_run "$S/o" "$S/e" "$B/$arch/acskit-build.exe" -o "$S/$arch.zip" --payload payload --manifests manifests --created $T
	[ "$RC" = 0 ] && ok "$arch acskit-build.exe builds a kit" || not_ok "$arch acskit-build.exe: exit $RC: $(cat "$S/e")"
	cmp -s "$S/linux.zip" "$S/$arch.zip" && ok "$arch acskit-build.exe writes a kit byte-identical to the Linux build" \
		|| not_ok "$arch kit differs from the Linux kit"
	ls "$S" | grep -q partial && not_ok "$arch builder left a partial file" || true

	# extract: the same verified bytes, through a temp file, on Windows too.
	rm -rf "$S/x-$arch"
	mkdir -p "$S/x-$arch"
	wine_run "$S/o" "$S/e" "$B/$arch/acskit-run.exe" extract "$S/linux.zip" README.md \
		microsoft-identity-verification-root-ca-2020.cer --to "$S/x-$arch"
	if [ "$RC" = 0 ] && cmp -s "$S/x-$arch/README.md" payload/README.md && \
	   cmp -s "$S/x-$arch/microsoft-identity-verification-root-ca-2020.cer" payload/microsoft-identity-verification-root-ca-2020.cer && \
	   [ "$(ls -A "$S/x-$arch" | wc -l)" = 2 ]; then
		ok "$arch acskit-run.exe extract writes the verified bytes and nothing else"
	else
		not_ok "$arch extract: exit $RC: $(cat "$S/e") $(ls -A "$S/x-$arch")"
	fi
	wine_run "$S/o" "$S/e" "$B/$arch/acskit-run.exe" extract "$S/linux.zip" README.md --to "$S/x-$arch"
	[ "$RC" = 0 ] && grep -q '^present: ' "$S/o" && ok "$arch extract again leaves the verified file as it is" \
		|| not_ok "$arch second extract: exit $RC $(cat "$S/o" "$S/e")"

	# Refusal and no output, on Windows too.
	mkdir -p "$S/bad/payload"
	cp -r manifests "$S/bad/manifests"
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$S/k.pem" -days 3650 -outform der -out "$S/bad/payload/root.cer" \
		-subj "/C=US/O=Microsoft Corporation/CN=Microsoft Identity Verification Root Certificate Authority 2020" >/dev/null 2>&1
	wine_run "$S/o" "$S/e" "$B/$arch/acskit-build.exe" -o "$S/bad.zip" --payload "$S/bad/payload" --manifests "$S/bad/manifests" --created $T
	if [ "$RC" = 3 ] && grep -q "not the pinned root" "$S/e" && [ ! -e "$S/bad.zip" ]; then
		ok "$arch acskit-build.exe refuses a look-alike root and writes nothing"
	else
		not_ok "$arch look-alike: exit $RC, $(cat "$S/e")"
	fi

	# Signed kits: CNG verifies what OpenSSL signed; keys from --trust-key and
	# from the policy key Group Policy would write.
	if [ ! -f "$S/sign.key" ]; then
		"$B/acskit-build" keygen -o "$S/sign" >/dev/null
		"$B/acskit-build" keygen -o "$S/other" >/dev/null
		"$B/acskit-build" -o "$S/signed.zip" --sign "$S/sign.key" --created $T >/dev/null
	fi
	fp=$(openssl pkey -pubin -in "$S/sign.pub" -outform der | sha256sum | cut -c1-64)
	wine_run "$S/o" "$S/e" "$B/$arch/acskit-run.exe" verify "$S/signed.zip" --trust-key "$S/sign.pub" --require-signature
	[ "$RC" = 0 ] && grep -q "^signature:    valid, by key $fp " "$S/o" \
		&& ok "$arch CNG verifies an OpenSSL-made signature (--trust-key)" || not_ok "$arch signed verify: $RC $(cat "$S/o" "$S/e")"
	wine_run "$S/o" "$S/e" "$B/$arch/acskit-run.exe" verify "$S/signed.zip" --trust-key "$S/other.pub"
	[ "$RC" = 3 ] && grep -q "bad signature" "$S/e" && ok "$arch refuses a kit signed by an untrusted key" \
		|| not_ok "$arch untrusted key: $RC $(cat "$S/e")"
	b64=$(openssl pkey -pubin -in "$S/sign.pub" -outform der | base64 -w0)
	wine reg add 'HKLM\SOFTWARE\Policies\acskit' /v RequireSignature /t REG_DWORD /d 1 /f /reg:64 >/dev/null 2>&1 || true
	wine_run "$S/o" "$S/e" "$B/$arch/acskit-run.exe" verify "$S/linux.zip"
	[ "$RC" = 3 ] && grep -q "unsigned kit: a signature is required" "$S/e" \
		&& ok "$arch policy RequireSignature refuses an unsigned kit" || not_ok "$arch policy require: $RC $(cat "$S/o" "$S/e")"
	wine reg add 'HKLM\SOFTWARE\Policies\acskit' /v TrustedKeys /t REG_MULTI_SZ /d "$b64" /f /reg:64 >/dev/null 2>&1 || true
	wine_run "$S/o" "$S/e" "$B/$arch/acskit-run.exe" verify "$S/signed.zip"
	[ "$RC" = 0 ] && grep -q "^signature:    valid, by key $fp (policy TrustedKeys #1)" "$S/o" \
		&& ok "$arch policy TrustedKeys supplies the signer's key" || not_ok "$arch policy keys: $RC $(cat "$S/o" "$S/e")"
	"$B/acskit-build" -o "$S/expired.zip" --created $T --expires 2026-02-01T00:00:00Z >/dev/null
	wine reg add 'HKLM\SOFTWARE\Policies\acskit' /v RequireSignature /t REG_DWORD /d 0 /f /reg:64 >/dev/null 2>&1 || true
	wine reg add 'HKLM\SOFTWARE\Policies\acskit' /v RefuseExpired /t REG_DWORD /d 1 /f /reg:64 >/dev/null 2>&1 || true
	wine_run "$S/o" "$S/e" "$B/$arch/acskit-run.exe" verify "$S/expired.zip"
	[ "$RC" = 3 ] && grep -q "expired kit" "$S/e" && ok "$arch policy RefuseExpired refuses an expired kit" \
		|| not_ok "$arch policy expired: $RC $(cat "$S/o" "$S/e")"
	wine reg delete 'HKLM\SOFTWARE\Policies\acskit' /f /reg:64 >/dev/null 2>&1 || true
	wine_run "$S/o" "$S/e" "$B/$arch/acskit-run.exe" verify "$S/linux.zip"
	[ "$RC" = 0 ] && ok "$arch without the policy key, an unsigned kit is accepted again" || not_ok "$arch after policy: $RC"
	# A policy value present but malformed refuses (exit 12, the value named);
	# it is never read as "not set" (issue 12: each of these let a kit through).
	pol() { wine reg add 'HKLM\SOFTWARE\Policies\acskit' "$@" /f /reg:64 >/dev/null 2>&1 || true; }
	polcase() { # DESC KIT WANT-PHRASE
		wine_run "$S/o" "$S/e" "$B/$arch/acskit-run.exe" verify "$2"
		[ "$RC" = 12 ] && grep -qF "malformed policy value HKLM\\SOFTWARE\\Policies\\acskit\\$3" "$S/e" && [ "$(wc -l <"$S/e")" = 1 ] \
			&& [ ! -s "$S/o" ] && ok "$arch policy $1: refused (exit 12), one line naming the value" \
			|| not_ok "$arch policy $1: exit $RC $(cat "$S/o" "$S/e")"
		wine reg delete 'HKLM\SOFTWARE\Policies\acskit' /f /reg:64 >/dev/null 2>&1 || true
	}
	pol /v RequireSignature /t REG_SZ /d 1
	polcase 'RequireSignature as REG_SZ "1", unsigned kit' "$S/linux.zip" "RequireSignature: a REG_SZ, where a REG_DWORD"
	pol /v RequireSignature /t REG_DWORD /d 2
	polcase 'RequireSignature REG_DWORD 2' "$S/linux.zip" "RequireSignature: 2, where 0 or 1"
	"$B/acskit-build" -o "$S/signed-other.zip" --sign "$S/other.key" --created $T >/dev/null
	pol /v TrustedKeys /t REG_SZ /d "$b64"
	polcase 'TrustedKeys as REG_SZ, a kit signed by another key' "$S/signed-other.zip" "TrustedKeys: a REG_SZ, where a REG_MULTI_SZ"
	# An empty first string (hiding the keys after it) needs raw bytes: a .reg file.
	hex=$(printf '%s' "$b64" | od -An -v -tx1 | tr -s ' \n' ' ' | sed 's/^ //; s/ $//; s/ /,00,/g; s/$/,00/')
	printf 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\acskit]\r\n"TrustedKeys"=hex(7):00,00,%s,00,00,00,00\r\n' "$hex" >"$S/emptyfirst.reg"
	wine reg import "$S/emptyfirst.reg" /reg:64 >/dev/null 2>&1 || true
	polcase 'TrustedKeys with an empty first string, a kit signed by another key' "$S/signed-other.zip" "TrustedKeys: string 1 is empty"
	pol /v TrustedKeys /t REG_MULTI_SZ /d "not-base64!"
	polcase 'TrustedKeys string that is not base64' "$S/signed-other.zip" "TrustedKeys: string 1 is not base64"
	pol /v RefuseExpired /t REG_SZ /d 1
	polcase 'RefuseExpired as REG_SZ "1", an expired kit' "$S/expired.zip" "RefuseExpired: a REG_SZ"
	pol /v RequireSignature /t REG_DWORD /d 1
	pol /v TrustedKeys /t REG_MULTI_SZ /d "$b64"
	wine_run "$S/o" "$S/e" "$B/$arch/acskit-run.exe" verify "$S/signed.zip"
	[ "$RC" = 0 ] && ok "$arch a well-formed policy (REG_DWORD 1, REG_MULTI_SZ key) still verifies a kit its key signed" \
		|| not_ok "$arch well-formed policy: $RC $(cat "$S/o" "$S/e")"
	wine reg delete 'HKLM\SOFTWARE\Policies\acskit' /f /reg:64 >/dev/null 2>&1 || true
	# The receipt apply leaves: a kit older than the last one applied is refused.
	"$B/acskit-build" -o "$S/seq7.zip" --created $T --sequence 7 >/dev/null
	"$B/acskit-build" -o "$S/seq9.zip" --created $T --sequence 9 >/dev/null
	wine reg add 'HKLM\SOFTWARE\acskit' /v KitSequence /t REG_QWORD /d 9 /f /reg:64 >/dev/null 2>&1 || true
	wine reg add 'HKLM\SOFTWARE\acskit' /v KitIdentity /t REG_SZ /d 0123abcd /f /reg:64 >/dev/null 2>&1 || true
	wine_run "$S/o" "$S/e" "$B/$arch/acskit-run.exe" verify "$S/seq7.zip"
	[ "$RC" = 3 ] && grep -q "older kit: number 7, but number 9, kit 0123abcd was applied here" "$S/e" \
		&& ok "$arch a kit older than the receipt's is refused" || not_ok "$arch older kit: $RC $(cat "$S/o" "$S/e")"
	wine_run "$S/o" "$S/e" "$B/$arch/acskit-run.exe" verify "$S/seq7.zip" --allow-older
	[ "$RC" = 0 ] && grep -q "^sequence:     7 (the last kit applied here was number 9), OLDER: allowed by --allow-older" "$S/o" \
		&& ok "$arch --allow-older accepts it and says so" || not_ok "$arch allow-older: $RC $(cat "$S/o" "$S/e")"
	wine_run "$S/o" "$S/e" "$B/$arch/acskit-run.exe" verify "$S/seq9.zip"
	[ "$RC" = 0 ] && ok "$arch the same number as the receipt's is accepted" || not_ok "$arch seq 9: $RC $(cat "$S/e")"
	wine_run "$S/o" "$S/e" "$B/$arch/acskit-run.exe" verify "$S/linux.zip"
	[ "$RC" = 0 ] && grep -q "^sequence:     none (the last kit applied here was number 9)" "$S/o" \
		&& ok "$arch a kit without a number is reported, not compared" || not_ok "$arch no seq: $RC $(cat "$S/o" "$S/e")"
	wine reg delete 'HKLM\SOFTWARE\acskit' /f /reg:64 >/dev/null 2>&1 || true

	# Keys and signatures made with CNG, checked with OpenSSL.
	rm -f "$S/winkey-$arch.key" "$S/winkey-$arch.pub" "$S/winsigned-$arch.zip"
	wine_run "$S/o" "$S/e" "$B/$arch/acskit-build.exe" keygen -o "$S/winkey-$arch"
	if [ "$RC" = 0 ] && [ "$(openssl pkey -in "$S/winkey-$arch.key" -pubout 2>/dev/null)" = "$(cat "$S/winkey-$arch.pub")" ]; then
		ok "$arch acskit-build.exe keygen writes a key pair openssl reads"
	else
		not_ok "$arch keygen: $RC $(cat "$S/e")"
	fi
	wine_run "$S/o" "$S/e" "$B/$arch/acskit-build.exe" -o "$S/winsigned-$arch.zip" --sign "$S/winkey-$arch.key" --created $T
	wid=$(sed -n 's/^kit identity: //p' "$S/o")
	run "$S/lo" "$S/le" "$B/acskit-run" verify "$S/winsigned-$arch.zip" --trust-key "$S/winkey-$arch.pub" --require-signature
	[ "$RC" = 0 ] && [ -n "$wid" ] && [ "$wid" = "$(sed -n 's/^kit identity: //p' "$S/lo")" ] \
		&& ok "$arch a kit signed by acskit-build.exe (CNG) verifies on Linux (OpenSSL)" || not_ok "$arch CNG-signed kit: $RC $(cat "$S/le")"
	rm -rf "$S/audit-$arch"
	mkdir "$S/audit-$arch"
	(cd "$S/audit-$arch" && unzip -q "$S/winsigned-$arch.zip")
	openssl dgst -sha256 -verify "$S/winkey-$arch.pub" -signature "$S/audit-$arch/index.sha256.sig" \
		"$S/audit-$arch/index.sha256" >/dev/null 2>&1 && ok "$arch and openssl dgst -verify accepts it" \
		|| not_ok "$arch openssl refuses the CNG signature"
	wine_run "$S/o" "$S/e" "$B/$arch/acskit-build.exe" -o "$S/winsigned2-$arch.zip" --sign "$S/sign.key" --created $T
	[ "$RC" = 0 ] && ok "$arch acskit-build.exe signs with a key made by OpenSSL" || not_ok "$arch sign with OpenSSL key: $RC $(cat "$S/e")"
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$S/p384.key" 2>/dev/null
	wine_run "$S/o" "$S/e" "$B/$arch/acskit-build.exe" -o "$S/bad-$arch.zip" --sign "$S/p384.key" --created $T
	[ "$RC" = 3 ] && grep -q "not a P-256 private key" "$S/e" && [ ! -e "$S/bad-$arch.zip" ] \
		&& ok "$arch acskit-build.exe refuses a P-384 key before building" || not_ok "$arch P-384: $RC $(cat "$S/e")"

	# DLL planting (issue 12): a bcrypt.dll, crypt32.dll, wintrust.dll and netapi32.dll beside the exe,
	# with Wine told to prefer native DLLs, never load into acskit-run.exe; the
	# control, test_hash.exe (which imports bcrypt the ordinary way), loads the
	# planted one, which proves the plant would work without the protection.
	cross=x86_64-w64-mingw32-
	[ "$arch" = win32 ] && cross=i686-w64-mingw32-
	pd="$S/plant-$arch"
	rm -rf "$pd" && mkdir -p "$pd"
	if ${cross}gcc -shared -s -o "$pd/bcrypt.dll" tests/win/plant.c 2>"$S/e" && cp "$pd/bcrypt.dll" "$pd/crypt32.dll" && cp "$pd/bcrypt.dll" "$pd/wintrust.dll" \
	   && cp "$pd/bcrypt.dll" "$pd/netapi32.dll"; then
		cp "$B/$arch/acskit-run.exe" "$B/$arch/tests/test_hash.exe" "$pd/"
		saved=$WINEDLLOVERRIDES
		export WINEDLLOVERRIDES="winemenubuilder.exe=d;bcrypt,crypt32,wintrust,netapi32=n,b"
		wine_run "$S/o" "$S/e" "$pd/acskit-run.exe" verify "$S/signed.zip" --trust-key "$S/sign.pub" --require-signature
		prc=$RC
		wine_run "$S/o2" "$S/e2" "$pd/acskit-run.exe" show "$S/corpus/chain-none.zip"
		src=$RC
		# check names the machine in its report: the workgroup comes from netapi32.
		wine_run "$S/o4" "$S/e4" "$pd/acskit-run.exe" check "$S/corpus/chain-none.zip" --json "$S/plant-$arch.json" --no-event
		crc=$RC
		host=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["host"]["domain_type"])' "$S/plant-$arch.json" 2>/dev/null || true)
		planted=$(ls "$pd" | grep '^planted-' || true)
		wine_run "$S/o3" "$S/e3" "$pd/test_hash.exe" payload/microsoft-identity-verification-root-ca-2020.cer \
			tests/data/acs-chain/microsoft-id-verified-code-signing-pca-2021.cer
		control=$(ls "$pd" | grep -x 'planted-bcrypt.dll.txt' || true)
		export WINEDLLOVERRIDES="$saved"
		[ "$prc" = 0 ] && [ "$src" = 0 ] && [ -n "$host" ] && [ -z "$planted" ] \
			&& ok "$arch a planted bcrypt.dll, crypt32.dll, wintrust.dll and netapi32.dll beside acskit-run.exe are not loaded (verify with CNG signature check, show, check naming the $host; check exit $crc)" \
			|| not_ok "$arch DLL planting: verify $prc, show $src, check $crc (host '$host'), planted: $planted $(cat "$S/e" "$S/e2" "$S/e4")"
		[ -n "$control" ] && ok "$arch control: test_hash.exe, importing bcrypt.dll statically, loads the planted one" \
			|| not_ok "$arch control: the planted bcrypt.dll was not loaded by test_hash.exe either (the test proves nothing)"
	else
		not_ok "$arch cannot build the planted DLL: $(cat "$S/e")"
	fi

	# The CNG/CryptoAPI backend against the same vectors and certificates.
	if [ -f "$B/$arch/tests/test_hash.exe" ]; then
		wine_run "$S/o" "$S/e" "$B/$arch/tests/test_hash.exe" payload/microsoft-identity-verification-root-ca-2020.cer \
			tests/data/acs-chain/microsoft-id-verified-code-signing-pca-2021.cer
		sed "s/^ok - /ok - $arch CNG: /; s/^not ok - /not ok - $arch CNG: /" "$S/o" | grep -E '^(not )?ok - '
		[ "$RC" = 0 ] || not_ok "$arch test_hash.exe exit $RC"
	else
		not_ok "$arch test_hash.exe was not built"
	fi
done
