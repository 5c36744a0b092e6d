#!/bin/sh
# Issue 13, kits that carry packages: the builder checks the Update Catalog
# SHA-1 in a package's file name against its bytes, and (where osslsigncode is
# on PATH) its Authenticode signature against the Microsoft rule of
# docs/kit-format.md ("Packages"); --allow-package packs one that fails and the
# index records it. The packages are made here: a .msu like Microsoft's (a
# cabinet holding an update cabinet and its .xml, with gcab), signed with
# osslsigncode by test certificates of a test CA (openssl, fixed dates).
#
#   tests/packages.sh BUILD_DIR SCRATCH_DIR
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
setup "$1" "$2"

mkdir -p "$S/m" "$S/p"
cp manifests/*.manifest "$S/m/"
# The manifest names the package by a fixed name; each case copies its file
# there. The catalog SHA-1 cases use their own names (below).
PKG=windows6.1-kb5006743-x64.msu
ENTRY=payload/$PKG
with_package() { # MANIFEST_DIR FILE_NAME: a copy of the manifests naming payload/FILE_NAME
	rm -rf "$1"; mkdir -p "$1"; cp manifests/*.manifest "$1/"
	printf 'package: x64 KB5006743 payload/%s\n' "$2" >>"$1/win7sp1-server2008r2.manifest"
}
with_package "$S/m" $PKG

# ---- without osslsigncode on PATH: packed, and the summary says not checked
head -c 100000 /dev/urandom >"$S/p/$PKG"
run "$S/o" "$S/e" env PATH=/nonexistent "$BUILD" -o "$S/nopath.zip" --manifests "$S/m" --add "$S/p/$PKG" --created $T
if [ "$RC" = 0 ] && grep -q "^package:      $ENTRY: signature not checked: osslsigncode not found\$" "$S/o" \
   && ! unzip -p "$S/nopath.zip" index.sha256 | grep -q '^# allowed-package'; then
	ok "osslsigncode not on PATH: the package is packed and the summary says 'signature not checked: osslsigncode not found'"
else
	not_ok "without osslsigncode: exit $RC $(cat "$S/o" "$S/e" | tr '\n' ' ' | head -c 600)"
fi

if ! command -v osslsigncode >/dev/null 2>&1 || ! command -v gcab >/dev/null 2>&1; then
	skip "package signature and catalog SHA-1 cases (osslsigncode or gcab is not installed; scripts/deps.sh installs both)"
	exit 0
fi
note "$(osslsigncode --version 2>&1 | head -n 1); $(gcab --version 2>&1 | head -n 1)"

# ---- a .msu made like Microsoft's: a cabinet holding the update cabinet and its .xml
mkdir -p "$S/msu/in"
head -c 200000 /dev/urandom >"$S/msu/in/update.mum"
(cd "$S/msu/in" && gcab -c ../Windows6.1-KB5006743-x64.cab update.mum)
printf '<?xml version="1.0"?><unattend><servicing><package action="install"/></servicing></unattend>\n' \
	>"$S/msu/Windows6.1-KB5006743-x64.xml"
(cd "$S/msu" && gcab -c unsigned.msu Windows6.1-KB5006743-x64.cab Windows6.1-KB5006743-x64.xml)
gcab -t "$S/msu/unsigned.msu" | grep -q 'Windows6.1-KB5006743-x64.cab' && ok "gcab made a .msu holding the update cabinet and its .xml" \
	|| not_ok "gcab: $(gcab -t "$S/msu/unsigned.msu" 2>&1 | head -3)"

# ---- a test CA (fixed dates) and two code-signing certificates: one whose
# subject says O=Microsoft Corporation (the rule's organisation, under a root
# only --package-ca trusts), one of another organisation.
ca="$S/ca"
if test_ca "$ca" "acskit test package CA" &&
   test_ca_signer "$ca" ms "/O=Microsoft Corporation/CN=Microsoft Windows (acskit test)" &&
   test_ca_signer "$ca" other "/O=acskit test vendor/CN=acskit test package signer" &&
   osslsigncode sign -certs "$ca/ms.pem" -key "$ca/ms.key" -h sha256 -in "$S/msu/unsigned.msu" -out "$S/msu/ms.msu" >/dev/null 2>&1 &&
   osslsigncode sign -certs "$ca/other.pem" -key "$ca/other.key" -h sha256 -in "$S/msu/unsigned.msu" -out "$S/msu/other.msu" >/dev/null 2>&1; then
	ok "a test CA (fixed dates) and two signers; osslsigncode signs the .msu with each"
else
	not_ok "the test CA or osslsigncode sign failed"
	exit 0
fi

# build NAME FILE [ARGS...]: builds $S/NAME.zip with FILE as the package
# payload/$PKG and the manifests naming it.
build() {
	_n=$1 _f=$2
	shift 2
	rm -f "$S/$_n.zip"
	cp "$_f" "$S/p/$PKG"
	run "$S/o" "$S/e" "$BUILD" -o "$S/$_n.zip" --manifests "$S/m" --add "$S/p/$PKG" --created $T "$@"
}
refused() { # DESC NAME PHRASE: exit 3 with PHRASE, and no kit (nor a partial one) written
	if [ "$RC" = 3 ] && grep -qF -- "$3" "$S/e" && [ "$(wc -l <"$S/e")" = 1 ] && ! ls "$S/$2.zip"* >/dev/null 2>&1; then
		ok "$1: refused in one line (exit 3), nothing written"
	else
		not_ok "$1: exit $RC, want 3 with '$3': $(cat "$S/e" | head -c 400); $(ls "$S/$2.zip"* 2>/dev/null)"
	fi
}
recorded() { # DESC NAME WHY: built, the index records WHY, show prints it, verify passes
	if [ "$RC" = 0 ] && unzip -p "$S/$2.zip" index.sha256 | grep -qxF "# allowed-package: $ENTRY $3" \
	   && grep -qF "package:      $ENTRY: $3; packed because of --allow-package (recorded in the index)" "$S/o" \
	   && "$RUNNER" show "$S/$2.zip" | grep -qxF "allowed:      $ENTRY: $3 (allowed by acskit-build --allow-package)" \
	   && "$RUNNER" verify "$S/$2.zip" >/dev/null; then
		ok "$1: packed with --allow-package, recorded in the index ('$3'), shown by show, verified"
	else
		not_ok "$1: exit $RC $(cat "$S/o" "$S/e" | tr '\n' ' ' | head -c 700) index: $(unzip -p "$S/$2.zip" index.sha256 2>/dev/null | grep '^# allowed')"
	fi
}

# ---- the Microsoft rule ---------------------------------------------------------------
build ms "$S/msu/ms.msu" --package-ca "$ca/ca.pem"
if [ "$RC" = 0 ] && grep -qxF "package:      $ENTRY: signed by Microsoft Windows (acskit test) (O=Microsoft Corporation), verified by osslsigncode" "$S/o" \
   && ! unzip -p "$S/ms.zip" index.sha256 | grep -q '^# allowed-package'; then
	ok "signed by O=Microsoft Corporation, chain to the --package-ca root: packed, the signer named in the summary, nothing recorded"
else
	not_ok "Microsoft-signed package: exit $RC $(cat "$S/o" "$S/e" | tr '\n' ' ' | head -c 600)"
fi
build ms-nochain "$S/msu/ms.msu"
refused "the same package against the system CA bundle (its root is not there)" ms-nochain \
	"signature does not verify: signer CN=Microsoft Windows (acskit test), O=Microsoft Corporation; to pack it anyway, --allow-package $ENTRY"
build unsigned "$S/msu/unsigned.msu" --package-ca "$ca/ca.pem"
refused "an unsigned package" unsigned "bad input: package $ENTRY ($S/p/$PKG): unsigned; to pack it anyway, --allow-package $ENTRY (the kit records it)"
build unsigned "$S/msu/unsigned.msu" --package-ca "$ca/ca.pem" --allow-package $ENTRY
recorded "an unsigned package" unsigned "unsigned"
grep -qF -- "--allow-package '$ENTRY'" "$S/o" && ok "the rebuild line carries --allow-package" || not_ok "rebuild line: $(grep rebuild "$S/o")"
build other "$S/msu/other.msu" --package-ca "$ca/ca.pem"
refused "a package signed by another organisation" other \
	"signed by CN=acskit test package signer, O=acskit test vendor, not Microsoft Corporation; to pack it anyway"
build other "$S/msu/other.msu" --package-ca "$ca/ca.pem" --allow-package $ENTRY
recorded "a package signed by another organisation" other "signed by CN=acskit test package signer, O=acskit test vendor, not Microsoft Corporation"
# One byte of the signed .msu changed (in the update cabinet's data): the
# signature no longer verifies.
python3 - "$S/msu/ms.msu" "$S/msu/changed.msu" <<'EOF2'
import sys
b = bytearray(open(sys.argv[1], "rb").read())
b[3000] ^= 1
open(sys.argv[2], "wb").write(b)
EOF2
build changed "$S/msu/changed.msu" --package-ca "$ca/ca.pem"
refused "a Microsoft-signed package with one byte changed" changed \
	"signature does not verify: the file's digest is not the signed one (changed after signing); to pack it anyway"
build typo "$S/msu/ms.msu" --package-ca "$ca/ca.pem" --allow-package payload/other.msu
if [ "$RC" = 2 ] && grep -qF -- "--allow-package payload/other.msu: no manifest's package line names this file" "$S/e" && [ ! -e "$S/typo.zip" ]; then
	ok "--allow-package naming no package: a usage error (exit 2), nothing written"
else
	not_ok "--allow-package typo: exit $RC $(cat "$S/e")"
fi
build notpayload "$S/msu/ms.msu" --allow-package manifests/vista.manifest
assert_rc "--allow-package of a name outside payload/" 2 "$S/e" "--allow-package: expected a payload entry name"

# ---- the Update Catalog SHA-1 in the file name ---------------------------------------------
sha=$(sha1sum "$S/msu/ms.msu" | cut -d' ' -f1)
good="windows6.1-kb5006743-x64_$sha.msu"
bad="windows6.1-kb5006743-x64_$(echo "$sha" | tr '0-9a-f' '1-9a-f0').msu"
for name in "$good" "$bad"; do
	mkdir -p "$S/cat"
	cp "$S/msu/ms.msu" "$S/cat/$name"
	with_package "$S/mc" "$name"
	rm -f "$S/cat.zip"
	run "$S/o" "$S/e" "$BUILD" -o "$S/cat.zip" --manifests "$S/mc" --add "$S/cat/$name" --created $T --package-ca "$ca/ca.pem"
	if [ "$name" = "$good" ]; then
		[ "$RC" = 0 ] && grep -qx "catalog SHA-1: 1 payload file name(s) carry an Update Catalog SHA-1; the bytes match" "$S/o" \
			&& ok "a package named with its right SHA-1 ($name) is packed, and the summary says the name's SHA-1 matched" \
			|| not_ok "right SHA-1: exit $RC $(cat "$S/o" "$S/e" | tr '\n' ' ' | head -c 500)"
	else
		refused "a package whose name carries another SHA-1" cat \
			"its name carries the Update Catalog SHA-1 $(echo "$sha" | tr '0-9a-f' '1-9a-f0'), its bytes have $sha (a damaged or different download)"
	fi
	rm -f "$S/cat/$name"
done
# A payload file that is no package is checked as well: the name decides.
printf 'notes\n' >"$S/cat/readme_0123456789abcdef0123456789abcdef01234567.txt"
run "$S/o" "$S/e" "$BUILD" -o "$S/cat.zip" --add "$S/cat/readme_0123456789abcdef0123456789abcdef01234567.txt" --created $T
refused "a plain payload file whose name carries a SHA-1 its bytes do not have" cat "its name carries the Update Catalog SHA-1 0123456789abcdef0123456789abcdef01234567"
