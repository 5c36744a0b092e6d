#!/bin/sh
# CLI tests of the native tools: build -> verify -> show on the bundled
# defaults, every refusal of the builder and the runner (each from real files,
# each asserting the exit code, the reason and that nothing changed).
#
#   tests/cli.sh BUILD_DIR SCRATCH_DIR
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
setup "$1" "$2"

# ---- the happy path on the bundled defaults ---------------------------------------
cd "$top"
run "$S/o" "$S/e" "$BUILD" -o "$S/kit.zip" --created $T
assert_rc "build on the bundled defaults" 0
id=$(sed -n 's/^kit identity: //p' "$S/o")
[ ${#id} = 64 ] && ok "builder prints a 64-hex identity" || not_ok "builder identity: '$id'"
grep -q "^rebuild:      acskit-build --label 'ACS root and Windows readiness manifests' --created $T\$" "$S/o" \
	&& ok "builder prints the rebuild command" || not_ok "rebuild line: $(cat "$S/o")"
ls "$S" | grep -q partial && not_ok "a partial file is left behind" || ok "no partial file left after a build"

run "$S/o" "$S/e" "$RUNNER" verify "$S/kit.zip"
assert_rc "verify the kit" 0
grep -q "^kit identity: $id\$" "$S/o" && ok "verify prints the builder's identity" || not_ok "verify identity"
run "$S/o" "$S/e" "$RUNNER" verify "$S/kit.zip" --expect "$id"
assert_rc "verify --expect with the right identity" 0
run "$S/o" "$S/e" "$RUNNER" verify "$S/kit.zip" --expect "$(echo "$id" | tr a-f A-F)"
assert_rc "verify --expect in capitals" 0
wrong=$(echo "$id" | sed 's/^./0/;t;s/^/x/'); [ "$wrong" = "$id" ] && wrong=$(echo "$id" | sed 's/^./1/')
run "$S/o" "$S/e" "$RUNNER" verify "$S/kit.zip" --expect "$wrong"
assert_rc "verify --expect with another identity" 4 "$S/e" "identity mismatch"
run "$S/o" "$S/e" "$RUNNER" verify "$S/kit.zip" --expect abc
assert_rc "verify --expect with a malformed identity" 2 "$S/e" "64 hex digits"

run "$S/o" "$S/e" "$RUNNER" show "$S/kit.zip"
assert_rc "show the kit" 0
for want in "kit identity: $id" "label:        ACS root and Windows readiness manifests" "created:      $T" \
	"SHA-256 5367f20c7ade0e2bca790915056d086b720c33c1fa2a2661acf787e3292e1270 (the pin)" \
	"SHA-1   F40042E2E5F7E8EF8189FED15519AECE42C3BFA2" \
	"  Windows 10 1803" "needs      an upgrade: no update brings ACS support" \
	"needs      UBR 2210 or later: KB5005625 (2021-09-21)" \
	"needs      KB5006743 (October 2021 monthly rollup), or KB5006728 (October 2021 security-only"; do
	grep -qF -- "$want" "$S/o" && ok "show prints '$want'" || not_ok "show lacks '$want'"
done
m=$(ls manifests/*.manifest | wc -l)
[ "$(grep -c '^    manifest   ' "$S/o")" = "$m" ] && ok "show lists all $m manifests" || not_ok "show manifest count"
grep -q "1488  5367f20c" "$S/o" && ok "show lists the root with size and SHA-256" || not_ok "show files"
# The reference chain, sorted by entry name, right after the root's lines.
cat >"$S/chain.want" <<'EOF'
              SHA-1   F40042E2E5F7E8EF8189FED15519AECE42C3BFA2 (the Windows thumbprint)
chain:        OpenJS Foundation (2026-09-20T00:34:18Z to 2026-09-23T00:34:18Z)
chain:        Microsoft ID Verified Code Signing PCA 2021 (2021-04-01T20:05:20Z to 2036-04-01T20:15:20Z)
chain:        Microsoft ID Verified CS EOC CA 04 (2026-03-26T18:11:31Z to 2031-03-26T18:11:31Z)

EOF
grep -A4 '^              SHA-1 ' "$S/o" | cmp -s - "$S/chain.want" && ok "show lists the reference chain after the root" \
	|| not_ok "show chain lines: $(grep -A4 '^              SHA-1 ' "$S/o" | tr '\n' '|')"
for f in leaf-openjs-foundation microsoft-id-verified-code-signing-pca-2021 microsoft-id-verified-cs-eoc-ca-04; do
	[ "$(unzip -p "$S/kit.zip" "payload/acs-chain/$f.cer" | sha256sum | cut -c1-64)" = \
	  "$(sha256sum <"$top/tests/data/acs-chain/$f.cer" | cut -c1-64)" ] \
		&& ok "the kit carries payload/acs-chain/$f.cer byte for byte" || not_ok "chain entry $f"
done

# ---- reproducibility ---------------------------------------------------------------
run "$S/o" "$S/e" "$BUILD" -o "$S/kit2.zip" --created $T
cmp -s "$S/kit.zip" "$S/kit2.zip" && ok "building twice gives a byte-identical zip" || not_ok "rebuild differs"
run "$S/o" "$S/e" env SOURCE_DATE_EPOCH=1767225600 "$BUILD" -o "$S/kit3.zip"
cmp -s "$S/kit.zip" "$S/kit3.zip" && ok "SOURCE_DATE_EPOCH gives the same kit as --created" \
	|| not_ok "SOURCE_DATE_EPOCH kit differs"

# ---- builder refusals: exit code, reason, and no output written ----------------------
mkdir -p "$S/in"
fresh_inputs() {
	rm -rf "$S/in/payload" "$S/in/manifests"
	cp -r "$top/payload" "$S/in/payload"
	cp -r "$top/manifests" "$S/in/manifests"
}
# build_refused DESC WANT_RC SUBSTRING: builds from $S/in over an existing output and
# checks the output is untouched and no partial file remains.
build_refused() {
	_desc=$1 _want=$2 _msg=$3
	shift 3
	printf 'previous kit\n' >"$S/out/kit.zip"
	before=$(snapshot "$S/out")
	run "$S/o" "$S/e" "$BUILD" -o "$S/out/kit.zip" --payload "$S/in/payload" --manifests "$S/in/manifests" \
		--created $T "$@"
	assert_rc "builder refuses: $_desc" "$_want" "$S/e" "$_msg"
	[ "$(snapshot "$S/out")" = "$before" ] && ok "builder refusal changed nothing: $_desc" \
		|| not_ok "builder refusal changed the output directory: $_desc"
}
mkdir -p "$S/out"
set_case() { fresh_inputs; }

set_case
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$S/lookalike.key" -days 3650 -outform der \
	-out "$S/lookalike.cer" -subj "/C=US/O=Microsoft Corporation/CN=Microsoft Identity Verification Root Certificate Authority 2020" \
	>/dev/null 2>&1
cp "$S/lookalike.cer" "$S/in/payload/microsoft-identity-verification-root-ca-2020.cer"
cmp -s "$S/lookalike.cer" "$top/payload/microsoft-identity-verification-root-ca-2020.cer" && not_ok "look-alike is the root?!"
build_refused "a look-alike root (same subject, other key)" 3 "not the pinned root"

set_case
rm "$S/in/payload/"*.cer
# These three name the input (the builder checks before packing), not a kit
# entry: the check of the written kit behind them would name entries.
build_refused "no certificate" 3 "no root certificate: $S/in/payload holds no *.cer"
set_case
cp "$top/payload/microsoft-identity-verification-root-ca-2020.cer" "$S/in/payload/copy.crt"
build_refused "two certificates" 3 "is another): a kit carries the root only"
# Issue 12: a certificate (or container) as a plain payload file, by content.
set_case
openssl x509 -inform DER -in "$top/payload/microsoft-identity-verification-root-ca-2020.cer" -out "$S/in/payload/root.pem"
build_refused "the root as PEM in a payload file" 3 "a payload file that holds certificates"
set_case
cp "$S/lookalike.cer" "$S/in/payload/notes.bin"
build_refused "a DER certificate named .bin" 3 "a payload file that holds certificates"
set_case
cp "$top/payload/microsoft-identity-verification-root-ca-2020.cer" "$S/in/payload/acs-chain/root.cer"
build_refused "the root among the reference chain" 3 "bad reference chain"
set_case
printf 'not a certificate\n' >"$S/in/payload/acs-chain/x.der"
build_refused "a reference-chain file that is not a certificate" 3 "bad reference chain"
set_case
for i in 1 2 3 4 5 6; do cp "$top/tests/data/acs-chain/leaf-openjs-foundation.cer" "$S/in/payload/acs-chain/copy$i.crt"; done
build_refused "nine reference-chain certificates" 3 "bad reference chain: more than 8"
set_case
printf 'x\n' >"$S/in/payload/acs-chain/notes.txt"
build_refused "a file other than a certificate in acs-chain/" 3 "only *.cer, *.crt and *.der files belong in"
set_case
mkdir "$S/in/payload/acs-chain/sub"
build_refused "a directory inside acs-chain/" 3 "not a regular file"
set_case
mkdir "$S/in/payload/other"
build_refused "a directory in the payload other than acs-chain/" 3 "not a regular file"
set_case
rm -r "$S/in/payload/acs-chain"
run "$S/o" "$S/e" "$BUILD" -o "$S/out/nochain.zip" --payload "$S/in/payload" --manifests "$S/in/manifests" --created $T
assert_rc "build without a reference chain (it is optional)" 0
run "$S/o" "$S/e" "$RUNNER" show "$S/out/nochain.zip"
assert_rc "show a kit without a reference chain" 0
grep -q '^chain:' "$S/o" && not_ok "show prints a chain for a kit without one" || ok "show prints no chain line without a chain"
rm -f "$S/out/nochain.zip"

set_case
printf 'colour: blue\n' >>"$S/in/manifests/win11.manifest"
build_refused "a manifest with an unknown key" 3 "win11.manifest:"
set_case
sed 's/^id: win11$/id: other/' "$top/manifests/win11.manifest" >"$S/in/manifests/win11.manifest"
build_refused "a manifest whose id is not its file name" 3 "$S/in/manifests/win11.manifest: its id differs from its file name"
set_case
sed 's/^id: win11$/id: win11-copy/' "$top/manifests/win11.manifest" >"$S/in/manifests/win11-copy.manifest"
build_refused "two manifests matching the same builds" 3 "manifests overlap"
set_case
rm "$S/in/manifests/"*
build_refused "no manifests" 3 "no manifests"
set_case
printf 'x\n' >"$S/in/manifests/notes.txt"
build_refused "a stray file among the manifests" 3 "only *.manifest files"
set_case
ln -s /etc/passwd "$S/in/payload/link.txt"
build_refused "a symbolic link in the payload" 3 "not a regular file"
set_case
printf 'x\n' >"$S/in/payload/con.txt"
build_refused "a reserved device name in the payload" 3 "reserved device name"
set_case
build_refused "an empty label" 2 "--label" --label ""
build_refused "a creation time that is no time" 2 "--created" --created 2026-02-30T00:00:00Z
build_refused "a creation time before 1980" 2 "1980" --created 1979-12-31T00:00:00Z
set_case
printf 'x\n' >"$S/in/payload/A.txt"
printf 'y\n' >"$S/in/payload/a.txt"
build_refused "two payload names that differ only in case" 3 "one file on Windows"
run "$S/o" "$S/e" "$BUILD" --payload "$S/none" -o "$S/out/x.zip"
assert_rc "builder: a payload directory that does not exist" 5 "$S/e" "cannot open the payload directory"
run "$S/o" "$S/e" "$BUILD" --bogus
assert_rc "builder: an unknown argument" 2 "$S/e" "unknown argument"
run "$S/o" "$S/e" "$BUILD" -o
assert_rc "builder: an option without its value" 2 "$S/e" "needs a value"
run "$S/o" "$S/e" "$BUILD" -o "$S/no/such/dir/kit.zip"
assert_rc "builder: an output directory that does not exist" 5 "$S/e" "cannot"

# ---- runner refusals: the hostile corpus ---------------------------------------------
python3 "$top/tests/mkkits.py" --payload "$top/payload" --manifests "$top/manifests" --out "$S/corpus" >"$S/corpus.count"
n=$(cat "$S/corpus.count")
[ "$n" -ge 60 ] && ok "hostile-kit generator made $n kits" || not_ok "generator made only $n kits"
cd "$S/corpus"
before=$(snapshot "$S/corpus")
while IFS="$(printf '\t')" read -r f code msg; do
	for verb in verify show; do
		run "$S/o" "$S/e" "$RUNNER" $verb "$f"
		if [ "$code" = 0 ]; then
			assert_rc "runner $verb accepts $f" 0
		else
			assert_rc "runner $verb refuses $f" "$code" "$S/e" "$msg"
			[ -s "$S/o" ] && not_ok "$verb $f printed on stdout while refusing"
			[ "$(wc -l <"$S/e")" = 1 ] || not_ok "$verb $f: the refusal is not one line"
		fi
	done
done <cases.tsv
[ "$(snapshot "$S/corpus")" = "$before" ] && ok "verify and show over the whole corpus wrote nothing" \
	|| not_ok "the corpus directory changed during verify/show"
cd "$top/tests/data/hostile"
while IFS="$(printf '\t')" read -r f code msg; do
	run "$S/o" "$S/e" "$RUNNER" verify "$f"
	if [ "$code" = 0 ]; then
		assert_rc "runner accepts fixed kit $f" 0
	else
		assert_rc "runner refuses fixed kit $f" "$code" "$S/e" "$msg"
	fi
done <cases.tsv
cd "$top"

run "$S/o" "$S/e" "$RUNNER" verify "$S/missing.zip"
assert_rc "runner: a kit that does not exist" 5 "$S/e" "cannot read"
run "$S/o" "$S/e" "$RUNNER" verify "$S"
assert_rc "runner: a directory instead of a kit" 5 "$S/e" "cannot read"
run "$S/o" "$S/e" "$RUNNER"
assert_rc "runner: no verb" 2
run "$S/o" "$S/e" "$RUNNER" frobnicate x.zip
assert_rc "runner: an unknown verb" 2 "$S/e" "unknown verb"
run "$S/o" "$S/e" "$RUNNER" verify
assert_rc "runner: verify without a kit" 2 "$S/e" "needs a kit"
run "$S/o" "$S/e" "$RUNNER" verify a.zip b.zip
assert_rc "runner: verify with two kits" 2 "$S/e" "takes one kit"
run "$S/o" "$S/e" "$RUNNER" verify "$S/kit.zip" --frob
assert_rc "runner: an unknown option" 2 "$S/e" "unknown option"
run "$S/o" "$S/e" "$RUNNER" --version
assert_rc "runner --version" 0
grep -q "^acskit-run 0\.1\.0 (crypto: OpenSSL" "$S/o" && ok "runner names its crypto backend" || not_ok "version line: $(cat "$S/o")"

# Issue 11: nothing the project ships says the proof shows more than it does.
# The check is live: it finds each variant of the old claim in a sample.
printf '%s\n' "proof:        this machine validates ACS signatures: yes" "the machine now verifies ACS signatures" \
	'  "proof": {' >"$S/claim.txt"
if [ "$(old_claim "$S/claim.txt" | wc -l)" = 3 ]; then
	ok "the old-claim check finds 'validates ACS signatures', its variants and the old JSON field in a sample"
else
	not_ok "the old-claim check missed a variant: $(old_claim "$S/claim.txt" | tr '\n' ' ')"
fi
if hits=$(old_claim README.md payload/README.md docs/*.md docs/*.1 docs/*.json runner/*.c platform/*.c scripts/*.sh); then
	not_ok "the docs or the runner still claim more than the proof shows: $(echo "$hits" | head -5 | tr '\n' ' ')"
else
	ok "no doc, man page, schema, script or runner source says the machine 'validates ACS signatures'"
fi

# Issue 14: the runner's language. Natively it follows LC_ALL, then
# LC_MESSAGES, then LANG (the first set one decides); --lang overrides, before
# the verb or after it. The JSON report is the same in every language.
jarun() { run "$S/o" "$S/e" env -u LC_ALL -u LC_MESSAGES -u LANG "$@"; }
jarun LANG=ja_JP.UTF-8 "$RUNNER" verify "$S/kit.zip"
[ "$RC" = 0 ] && grep -q '^キット ID:      [0-9a-f]\{64\}$' "$S/o" && grep -q '^検証:  ' "$S/o" \
	&& ok "LANG=ja_JP.UTF-8: verify speaks Japanese" || not_ok "LANG=ja_JP.UTF-8 verify: exit $RC $(head -3 "$S/o")"
jarun LANG=ja_JP.UTF-8 LC_ALL=C "$RUNNER" verify "$S/kit.zip"
grep -q '^kit identity: ' "$S/o" && ok "LC_ALL=C wins over LANG=ja_JP.UTF-8: English" || not_ok "LC_ALL=C: $(head -1 "$S/o")"
jarun LANG=C LC_MESSAGES=ja_JP.UTF-8 "$RUNNER" verify "$S/kit.zip"
grep -q '^キット ID:' "$S/o" && ok "LC_MESSAGES=ja_JP.UTF-8 wins over LANG=C: Japanese" || not_ok "LC_MESSAGES: $(head -1 "$S/o")"
jarun LANG=java "$RUNNER" verify "$S/kit.zip"
grep -q '^kit identity: ' "$S/o" && ok "LANG=java is not Japanese" || not_ok "LANG=java: $(head -1 "$S/o")"
jarun LANG=ja_JP.UTF-8 "$RUNNER" verify "$S/kit.zip" --lang en
grep -q '^kit identity: ' "$S/o" && ok "--lang en wins over LANG=ja_JP.UTF-8" || not_ok "--lang en: $(head -1 "$S/o")"
jarun LANG=C "$RUNNER" --lang ja show "$S/kit.zip"
[ "$RC" = 0 ] && grep -q '(Windows の拇印)' "$S/o" && grep -q 'マンスリー ロールアップ' "$S/o" && grep -q '^    対処 (英語) ' "$S/o" \
	&& ok "--lang ja before the verb: show in Japanese, the kit's advice labelled as English" || not_ok "--lang ja show: exit $RC $(head -3 "$S/o")"
jarun LANG=C "$RUNNER" --lang ja --help
[ "$RC" = 0 ] && grep -q '^使い方: acskit-run check' "$S/o" && grep -q -- '--lang ja|en' "$S/o" \
	&& ok "--lang ja --help: the usage in Japanese" || not_ok "--lang ja --help: $(head -2 "$S/o")"
jarun LANG=C "$RUNNER" --help
grep -q '^usage: acskit-run check' "$S/o" && grep -q '^language: --lang ja|en' "$S/o" \
	&& ok "--help in English names --lang" || not_ok "--help: $(head -2 "$S/o")"
jarun LANG=C "$RUNNER" verify "$S/kit.zip" --lang fr
assert_rc "--lang fr: refused" 2 "$S/e" "--lang takes ja or en, got 'fr'"
jarun LANG=C "$RUNNER" verify "$S/kit.zip" --lang
assert_rc "--lang without a value" 2 "$S/e" "--lang needs ja or en"
jarun LANG=C "$RUNNER" --lang ja verify "$S/kit.zip" --expect "$wrong"
assert_rc "--lang ja: a refusal in Japanese" 4 "$S/e" "拒否: $S/kit.zip: キット ID が一致しません"
# On Linux the Windows verbs refuse; the report's error stays English.
jarun LANG=ja_JP.UTF-8 "$RUNNER" remove --json "$S/ja.json"
assert_rc "LANG=ja_JP.UTF-8 remove on Linux: refused in Japanese" 2 "$S/e" "Windows でのみ動作します"
jarun LANG=C "$RUNNER" remove --json "$S/en.json"
if python3 - "$S/en.json" "$S/ja.json" <<'EOF5'
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
for d in (a, b):
    d.pop("time", None)
assert a == b, (a, b)
assert b["error"].startswith("remove assesses a Windows machine"), b["error"]
assert all(ord(c) < 128 for c in open(sys.argv[2], encoding="utf-8").read())
EOF5
then ok "the JSON report of a Japanese run is the English one (error in English, ASCII only)"
else not_ok "the JSON report differs with LANG=ja_JP.UTF-8: $(diff "$S/en.json" "$S/ja.json" | head -5 | tr '\n' ' ')"
fi
