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
