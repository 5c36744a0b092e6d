#!/bin/sh
# Signed kits: keygen, --sign, verification with --trust-key, openssl alone,
# and every refusal (unsigned where required, another key, a tampered
# signature, a signature moved from another kit, a malformed key).
#
#   tests/signing.sh BUILD_DIR SCRATCH_DIR
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
setup "$1" "$2"

run "$S/o" "$S/e" "$BUILD" keygen -o "$S/org"
assert_rc "keygen" 0
[ "$(stat -c %a "$S/org.key")" = 600 ] && ok "the private key is readable by its owner only" || not_ok "key mode $(stat -c %a "$S/org.key")"
openssl pkey -in "$S/org.key" -noout 2>/dev/null && openssl pkey -pubin -in "$S/org.pub" -noout 2>/dev/null \
	&& ok "openssl reads both keys" || not_ok "openssl cannot read the keys"
[ "$(openssl pkey -in "$S/org.key" -pubout)" = "$(cat "$S/org.pub")" ] && ok "the public key belongs to the private key" \
	|| not_ok "key pair mismatch"
fp=$(sed -n 's/^fingerprint:  //p' "$S/o")
[ "$fp" = "$(openssl pkey -pubin -in "$S/org.pub" -outform der | sha256sum | cut -c1-64)" ] \
	&& ok "the fingerprint is the SHA-256 of the DER public key" || not_ok "fingerprint $fp"
run "$S/o" "$S/e" "$BUILD" keygen -o "$S/org"
assert_rc "keygen refuses to overwrite a key" 5 "$S/e" "cannot create"
"$BUILD" keygen -o "$S/other" >/dev/null

run "$S/o" "$S/e" "$BUILD" -o "$S/signed.zip" --sign "$S/org.key" --created $T
assert_rc "build a signed kit" 0
grep -q "^signed by:    key $fp\$" "$S/o" && ok "the builder names the signing key" || not_ok "signed by: $(cat "$S/o")"
id=$(sed -n 's/^kit identity: //p' "$S/o")
"$BUILD" -o "$S/unsigned.zip" --created $T >"$S/o2"
[ "$(sed -n 's/^kit identity: //p' "$S/o2")" = "$id" ] && ok "signing does not change the kit identity" \
	|| not_ok "signed and unsigned identities differ"

run "$S/o" "$S/e" "$RUNNER" verify "$S/signed.zip" --trust-key "$S/org.pub" --require-signature
assert_rc "verify with the signer's key, signature required" 0
grep -q "^signature:    valid, by key $fp ($S/org.pub)\$" "$S/o" && ok "verify reports which key signed" \
	|| not_ok "signature line: $(grep signature: "$S/o")"
run "$S/o" "$S/e" "$RUNNER" verify "$S/signed.zip" --trust-key "$S/other.pub" --trust-key "$S/org.pub"
assert_rc "verify with two trusted keys, the second the signer" 0
run "$S/o" "$S/e" "$RUNNER" verify "$S/signed.zip"
assert_rc "verify a signed kit with no key given" 0
grep -q "^signature:    present, not checked: no trusted key given\$" "$S/o" && ok "the report says the signature was not checked" \
	|| not_ok "signature line: $(grep signature: "$S/o")"
run "$S/o" "$S/e" "$RUNNER" verify "$S/unsigned.zip"
assert_rc "an unsigned kit where no signature is required" 0
grep -q "^signature:    none: the kit is unsigned\$" "$S/o" && ok "the report says the kit is unsigned" || not_ok "unsigned line"
run "$S/o" "$S/e" "$RUNNER" show "$S/unsigned.zip" --require-signature
assert_rc "an unsigned kit where a signature is required" 3 "$S/e" "unsigned kit: a signature is required"
run "$S/o" "$S/e" "$RUNNER" verify "$S/signed.zip" --require-signature
assert_rc "a signature required but no trusted key given" 3 "$S/e" "no trusted key is given"
run "$S/o" "$S/e" "$RUNNER" verify "$S/signed.zip" --trust-key "$S/other.pub"
assert_rc "a kit signed by a key that is not trusted" 3 "$S/e" "not made by any of the 1 trusted key"
mkdir "$S/to"
run "$S/o" "$S/e" "$RUNNER" extract "$S/signed.zip" README.md --to "$S/to" --trust-key "$S/other.pub"
assert_rc "extract refuses a kit signed by an untrusted key" 3 "$S/e" "bad signature"
[ -z "$(ls -A "$S/to")" ] && ok "and writes nothing" || not_ok "extract wrote $(ls -A "$S/to")"

# Tampered signature, and a signature taken from another kit.
python3 - "$S/signed.zip" "$S/tampered.zip" <<'PY'
import sys, zipfile
src = zipfile.ZipFile(sys.argv[1])
def rewrite(out, change):
    dst = zipfile.ZipFile(out, "w")
    for i in src.infolist():
        data = change(i.filename, src.read(i))
        j = zipfile.ZipInfo(i.filename, i.date_time)
        j.compress_type, j.create_system, j.external_attr = i.compress_type, i.create_system, i.external_attr
        dst.writestr(j, data)
    dst.close()
def flip(name, data):
    return data[:-5] + bytes([data[-5] ^ 1]) + data[-4:] if name == "index.sha256.sig" else data
rewrite(sys.argv[2], flip)
PY
run "$S/o" "$S/e" "$RUNNER" verify "$S/tampered.zip" --trust-key "$S/org.pub"
assert_rc "a signature with one bit changed" 3 "$S/e" "bad signature"
"$BUILD" -o "$S/unsigned-other.zip" --created 2026-01-02T00:00:00Z >/dev/null
python3 - "$S/signed.zip" "$S/moved.zip" "$S/unsigned-other.zip" <<'PY'
import sys, zipfile
sig = zipfile.ZipFile(sys.argv[1]).read("index.sha256.sig")
other = zipfile.ZipFile(sys.argv[3])
dst = zipfile.ZipFile(sys.argv[2], "w")
for i in other.infolist():
    j = zipfile.ZipInfo(i.filename, i.date_time)
    j.compress_type, j.create_system, j.external_attr = i.compress_type, i.create_system, i.external_attr
    dst.writestr(j, other.read(i))
j = zipfile.ZipInfo("index.sha256.sig", (2026, 1, 1, 0, 0, 0))
j.create_system, j.external_attr = 3, 0o100644 << 16
dst.writestr(j, sig)
dst.close()
PY
run "$S/o" "$S/e" "$RUNNER" verify "$S/moved.zip" --trust-key "$S/org.pub"
assert_rc "a valid signature of another kit" 3 "$S/e" "not made by any of the 1 trusted key"
# The signer's own signature, r and s unchanged, with a BER long-form length:
# malformed, whatever key is trusted (not "another key's signature").
python3 - "$S/signed.zip" "$S/ber.zip" <<'PY'
import sys, zipfile
src = zipfile.ZipFile(sys.argv[1])
dst = zipfile.ZipFile(sys.argv[2], "w")
for i in src.infolist():
    data = src.read(i)
    if i.filename == "index.sha256.sig":
        assert data[0] == 0x30 and data[1] == len(data) - 2
        data = b"\x30\x81" + data[1:]
    j = zipfile.ZipInfo(i.filename, i.date_time)
    j.compress_type, j.create_system, j.external_attr = i.compress_type, i.create_system, i.external_attr
    dst.writestr(j, data)
dst.close()
PY
run "$S/o" "$S/e" "$RUNNER" verify "$S/ber.zip" --trust-key "$S/org.pub" --require-signature
assert_rc "the signer's signature re-encoded with a BER length" 3 "$S/e" "bad signature: malformed signature"
run "$S/o" "$S/e" "$RUNNER" verify "$S/ber.zip" --trust-key "$S/other.pub" --trust-key "$S/org.pub"
assert_rc "a BER signature is malformed for every key, not made by none" 3 "$S/e" "malformed signature"
printf 'not a key\n' >"$S/bad.pub"
run "$S/o" "$S/e" "$RUNNER" verify "$S/signed.zip" --trust-key "$S/bad.pub"
assert_rc "a trusted-key file that is no key" 2 "$S/e" "not a PEM public key"
openssl genpkey -algorithm ed25519 2>/dev/null | openssl pkey -pubout >"$S/ed.pub"
run "$S/o" "$S/e" "$RUNNER" verify "$S/signed.zip" --trust-key "$S/ed.pub"
assert_rc "a trusted key that is not P-256" 2 "$S/e" "not a P-256 public key"
run "$S/o" "$S/e" "$BUILD" -o "$S/x.zip" --sign "$S/org.pub" --created $T
assert_rc "--sign with a public key" 2 "$S/e" "not a PEM"
[ -e "$S/x.zip" ] && not_ok "a refused signed build wrote x.zip" || ok "a refused signed build wrote nothing"

# An auditor with openssl alone.
mkdir "$S/audit"
(cd "$S/audit" && unzip -q "$S/signed.zip")
run "$S/o" "$S/e" openssl dgst -sha256 -verify "$S/org.pub" -signature "$S/audit/index.sha256.sig" "$S/audit/index.sha256"
assert_rc "openssl dgst -verify checks the signature of index.sha256" 0
run "$S/o" "$S/e" sh -c "cd '$S/audit' && sha256sum -c --strict index.sha256"
assert_rc "and sha256sum -c the files it lists" 0
run "$S/o" "$S/e" openssl dgst -sha256 -verify "$S/other.pub" -signature "$S/audit/index.sha256.sig" "$S/audit/index.sha256"
assert_rc "openssl refuses the other key" 1

# ---- expiry and sequence ------------------------------------------------------------
run "$S/o" "$S/e" "$BUILD" -o "$S/old.zip" --created $T --expires 2026-02-01T00:00:00Z --sequence 7
assert_rc "build a kit with an expiry date and a sequence number" 0
grep -q "^rebuild: .* --expires 2026-02-01T00:00:00Z --sequence 7\$" "$S/o" && ok "rebuild: repeats them" \
	|| not_ok "rebuild line: $(grep rebuild "$S/o")"
run "$S/o" "$S/e" "$RUNNER" verify "$S/old.zip"
assert_rc "an expired kit is reported, not refused, by default" 0
grep -q "^expires:      2026-02-01T00:00:00Z, EXPIRED: this machine's clock says " "$S/o" && grep -q "^sequence:     7\$" "$S/o" \
	&& ok "verify shows the expiry warning and the sequence number" || not_ok "expiry lines: $(cat "$S/o")"
run "$S/o" "$S/e" "$RUNNER" show "$S/old.zip" --refuse-expired
assert_rc "--refuse-expired refuses an expired kit" 3 "$S/e" "expired kit: it expired 2026-02-01T00:00:00Z"
run "$S/o" "$S/e" "$BUILD" -o "$S/new.zip" --created $T --expires 2107-01-01T00:00:00Z
run "$S/o" "$S/e" "$RUNNER" verify "$S/new.zip" --refuse-expired
assert_rc "--refuse-expired accepts a kit that has not expired" 0
grep -q "^expires:      2107-01-01T00:00:00Z\$" "$S/o" && ok "a valid expiry date is shown plainly" || not_ok "expires line"
run "$S/o" "$S/e" "$BUILD" -o "$S/bad.zip" --created $T --expires 2025-01-01T00:00:00Z
assert_rc "an expiry before the creation time" 2 "$S/e" "after the creation time"
run "$S/o" "$S/e" "$BUILD" -o "$S/bad.zip" --created $T --sequence 007
assert_rc "a sequence number with leading zeros" 2 "$S/e" "--sequence"
