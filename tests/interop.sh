#!/bin/sh
# Interop: standard tools agree with the verifier. unzip -t, Python's zipfile
# and sha256sum -c --strict accept a good kit; the identity is the plain SHA-256
# of index.sha256; a kit written by an independent implementation (mkkits.py)
# verifies; where standard tools see a defect, the verifier refuses too.
#
#   tests/interop.sh BUILD_DIR SCRATCH_DIR
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
setup "$1" "$2"
cd "$top"

run "$S/o" "$S/e" "$B/acskit-build" -o "$S/kit.zip" --created 2026-01-01T00:00:00Z
assert_rc "build a kit" 0
id=$(sed -n 's/^kit identity: //p' "$S/o")

run "$S/o" "$S/e" unzip -t "$S/kit.zip"
assert_rc "unzip -t accepts the kit" 0
run "$S/o" "$S/e" python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); sys.exit(1 if z.testzip() else 0)' "$S/kit.zip"
assert_rc "Python zipfile testzip accepts the kit" 0
mkdir "$S/x"
(cd "$S/x" && unzip -q "$S/kit.zip")
run "$S/o" "$S/e" sh -c "cd '$S/x' && sha256sum -c --strict index.sha256"
assert_rc "sha256sum -c --strict index.sha256 checks every entry" 0
[ "$(grep -c ': OK$' "$S/o")" = "$(grep -c '^# entry: ' "$S/x/index.sha256")" ] \
	&& ok "sha256sum checked as many files as the index lists" || not_ok "sha256sum count"
[ "$(sha256sum "$S/x/index.sha256" | cut -d' ' -f1)" = "$id" ] \
	&& ok "the identity is sha256sum of index.sha256" || not_ok "identity differs from sha256sum of the index"
(cd "$S/x" && find . -type f ! -name index.sha256 | sed 's|^\./||' | LC_ALL=C sort) >"$S/files"
grep '^# entry: ' "$S/x/index.sha256" | cut -d' ' -f4 >"$S/listed"
cmp -s "$S/files" "$S/listed" && ok "the index lists exactly the files in the zip, in byte order" \
	|| not_ok "index and zip contents differ"
cmp -s "$S/x/payload/microsoft-identity-verification-root-ca-2020.cer" \
	"$top/payload/microsoft-identity-verification-root-ca-2020.cer" && ok "the root travels byte for byte" \
	|| not_ok "root bytes differ"
# Repacking with another zip tool keeps the identity: it names the content.
(cd "$S/x" && zip -q -X -D -r "$S/repacked.zip" index.sha256 payload manifests)
run "$S/o" "$S/e" "$B/acskit-run" verify "$S/repacked.zip" --expect "$id"
assert_rc "a kit repacked by Info-ZIP verifies with the same identity" 0

python3 tests/mkkits.py --payload payload --manifests manifests --out "$S/corpus" >/dev/null
run "$S/o" "$S/e" "$B/acskit-run" verify "$S/corpus/good.zip"
assert_rc "a kit written by an independent implementation (mkkits.py) verifies" 0
[ "$(sed -n 's/^kit identity: //p' "$S/o")" = "$(unzip -p "$S/corpus/good.zip" index.sha256 | sha256sum | cut -d' ' -f1)" ] \
	&& ok "its identity is the SHA-256 of its index" || not_ok "mkkits identity"
for f in crc-mismatch sha-mismatch overlap encrypted-bit0 notzip-truncated; do
	set +e
	unzip -tq "$S/corpus/$f.zip" >/dev/null 2>&1
	u=$?
	(cd "$S/corpus" && unzip -p "$f.zip" index.sha256 >/dev/null 2>&1 && rm -rf "$S/y" && mkdir "$S/y" && cd "$S/y" && \
		unzip -qo "$S/corpus/$f.zip" >/dev/null 2>&1 </dev/null && sha256sum -c --strict --quiet index.sha256 >/dev/null 2>&1)
	s=$?
	"$B/acskit-run" verify "$S/corpus/$f.zip" >/dev/null 2>&1
	a=$?
	set -e
	if [ $a = 3 ] && { [ $u != 0 ] || [ $s != 0 ]; }; then
		ok "$f: standard tools object (unzip -t $u, sha256sum -c $s) and the verifier refuses"
	else
		not_ok "$f: unzip -t $u, sha256sum -c $s, verifier $a"
	fi
done

# ---- a streaming reader sees what verify sees (issue 12) ---------------------------
# libarchive's streaming zip reader (bsdtar reading a pipe) trusts local headers
# alone. For every kit of the hostile corpus (and the fixed hostile kits) that
# verify accepts, it must list exactly the entries the verified index names
# (plus the index and its signature), and extract bytes that sha256sum -c
# --strict accepts: no entry hides from one reader in what the other skips.
if ! command -v bsdtar >/dev/null 2>&1; then
	not_ok "bsdtar is missing (Debian's libarchive-tools; scripts/deps.sh installs it)"
else
	agree=0 refused=0
	for k in "$S"/corpus/*.zip "$top"/tests/data/hostile/*.zip; do
		f=$(basename "$k")
		set +e
		"$B/acskit-run" verify "$k" >/dev/null 2>&1
		a=$?
		set -e
		if [ $a != 0 ]; then
			refused=$((refused + 1))
			continue
		fi
		set +e
		cat "$k" | bsdtar -tf - >"$S/bsd.list" 2>"$S/bsd.err"
		t=$?
		set -e
		unzip -p "$k" index.sha256 | sed -n 's/^# entry: [0-9]* //p' >"$S/idx.list"
		echo index.sha256 >>"$S/idx.list"
		unzip -Z1 "$k" | grep -qx 'index.sha256.sig' && echo index.sha256.sig >>"$S/idx.list"
		LC_ALL=C sort "$S/idx.list" -o "$S/idx.list"
		LC_ALL=C sort "$S/bsd.list" -o "$S/bsd.list"
		rm -rf "$S/bx" && mkdir "$S/bx"
		set +e
		cat "$k" | (cd "$S/bx" && bsdtar -xf -) 2>>"$S/bsd.err" && (cd "$S/bx" && sha256sum -c --strict --quiet index.sha256 >/dev/null 2>&1)
		x=$?
		set -e
		if [ $t = 0 ] && [ $x = 0 ] && cmp -s "$S/idx.list" "$S/bsd.list"; then
			agree=$((agree + 1))
		else
			not_ok "$f: verify accepts it, but a streaming bsdtar lists or extracts something else (list $t, extract+sha256sum $x): $(diff "$S/idx.list" "$S/bsd.list" | tr '\n' ' ' | head -c 300)"
		fi
	done
	[ $agree -ge 5 ] && ok "a streaming bsdtar lists and extracts exactly what verify accepted, in all $agree accepted kits ($refused refused)" \
		|| not_ok "only $agree accepted kits compared with bsdtar"
	# The cross-check has teeth: the review's carrier kits show bsdtar an entry
	# the central directory never names, and verify refuses them.
	for f in i12-zip64-carrier-two-fields i12-zip64-carrier-csize-only; do
		set +e
		cat "$S/corpus/$f.zip" | bsdtar -tf - 2>/dev/null | grep -qx 'payload/root.cer'
		hidden=$?
		"$B/acskit-run" verify "$S/corpus/$f.zip" >/dev/null 2>&1
		a=$?
		set -e
		[ $hidden = 0 ] && [ $a = 3 ] && ok "$f: a streaming bsdtar sees a hidden payload/root.cer, verify refuses the kit" \
			|| not_ok "$f: bsdtar hidden entry $hidden (want 0), verify $a (want 3)"
	done
fi
