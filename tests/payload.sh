#!/bin/sh
# Large payloads: --add, the manifest 'package' field, extract (verified bytes
# only, through a temp file), and ZIP64 (an entry and a kit over 4 GiB, from a
# sparse file).
#
#   tests/payload.sh BUILD_DIR SCRATCH_DIR
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
setup "$1" "$2"

# ---- --add and package --------------------------------------------------------------
mkdir -p "$S/add" "$S/m"
head -c 300000 /dev/urandom >"$S/add/windows6.1-kb5006743-x64.msu"
printf 'notes\n' >"$S/add/notes.txt"
cp manifests/*.manifest "$S/m/"
printf 'package: x64 KB5006743 payload/windows6.1-kb5006743-x64.msu\n' >>"$S/m/win7sp1-server2008r2.manifest"
# The package is random bytes, so unsigned: where osslsigncode is on PATH the
# builder refuses it without --allow-package (tests/packages.sh tests that).
ALLOW="--allow-package payload/windows6.1-kb5006743-x64.msu"
run "$S/o" "$S/e" "$BUILD" -o "$S/kit.zip" --manifests "$S/m" --add "$S/add" --created $T $ALLOW
assert_rc "build with --add DIR and a manifest naming a package" 0
run "$S/o" "$S/e" "$RUNNER" verify "$S/kit.zip"
assert_rc "verify a kit with packages" 0
unzip -Z1 "$S/kit.zip" | grep -qx 'payload/windows6.1-kb5006743-x64.msu' && ok "--add packs payload/<file name>" \
	|| not_ok "package entry missing"
[ "$(unzip -Zv "$S/kit.zip" payload/windows6.1-kb5006743-x64.msu | sed -n 's/^  compression method: *//p')" = "none (stored)" ] \
	&& ok ".msu is stored, not deflated" || not_ok ".msu compression: $(unzip -Zv "$S/kit.zip" payload/windows6.1-kb5006743-x64.msu | grep 'compression method')"
[ "$(unzip -Zv "$S/kit.zip" payload/notes.txt | sed -n 's/^  compression method: *//p')" = "deflated" ] \
	&& ok ".txt is deflated" || not_ok ".txt not deflated"
run "$S/o" "$S/e" "$RUNNER" show "$S/kit.zip"
grep -q "^    package    KB5006743 x64 in payload/windows6.1-kb5006743-x64.msu\$" "$S/o" \
	&& ok "show prints the manifest's package line" || not_ok "show lacks the package line"
run "$S/o" "$S/e" "$BUILD" -o "$S/kit-file.zip" --manifests "$S/m" --add "$S/add/windows6.1-kb5006743-x64.msu" \
	--add "$S/add/notes.txt" --created $T $ALLOW
assert_rc "build with --add FILE twice" 0
cmp -s "$S/kit.zip" "$S/kit-file.zip" && ok "--add FILE and --add DIR give the same kit" || not_ok "--add file/dir kits differ"
run "$S/o" "$S/e" "$BUILD" -o "$S/bad.zip" --manifests "$S/m" --created $T
assert_rc "a manifest naming a package the kit does not carry" 3 "$S/e" "which is not among the files packed"
[ -e "$S/bad.zip" ] && not_ok "a refused build left bad.zip" || ok "the refused build wrote nothing"
run "$S/o" "$S/e" "$BUILD" -o "$S/bad.zip" --add "$S/add/notes.txt" --add "$S/add/notes.txt" --created $T
assert_rc "the same file added twice" 3 "$S/e" "duplicate entry name"
run "$S/o" "$S/e" "$BUILD" -o "$S/bad.zip" --add "$S/none.msu" --created $T
assert_rc "--add of a file that does not exist" 5 "$S/e" "cannot read"
run "$S/o" "$S/e" "$BUILD" -o "$S/bad.zip" --add /dev/null --created $T
assert_rc "--add of a device" 3 "$S/e" "not a regular file"
mkfifo "$S/fifo.cab"
run "$S/o" "$S/e" timeout 20 "$BUILD" -o "$S/bad.zip" --add "$S/fifo.cab" --created $T
assert_rc "--add of a FIFO is refused at once (no wait for a writer)" 3 "$S/e" "not a regular file"
printf 'x\n' >"$S/con.txt"
run "$S/o" "$S/e" "$BUILD" -o "$S/bad.zip" --add "$S/con.txt" --created $T
assert_rc "--add of a file with a reserved name" 3 "$S/e" "reserved device name"

# ---- extract ------------------------------------------------------------------------
mkdir "$S/to"
run "$S/o" "$S/e" "$RUNNER" extract "$S/kit.zip" windows6.1-kb5006743-x64.msu payload/notes.txt --to "$S/to"
assert_rc "extract two entries (by file name and by entry name)" 0
cmp -s "$S/to/windows6.1-kb5006743-x64.msu" "$S/add/windows6.1-kb5006743-x64.msu" && cmp -s "$S/to/notes.txt" "$S/add/notes.txt" \
	&& ok "extracted bytes equal the originals" || not_ok "extracted bytes differ"
[ "$(ls -A "$S/to" | wc -l)" = 2 ] && ok "extract left no temporary file" || not_ok "extract left: $(ls -A "$S/to")"
before=$(snapshot "$S/to")
run "$S/o" "$S/e" "$RUNNER" extract "$S/kit.zip" notes.txt --to "$S/to"
assert_rc "extract again: the file is there with the same bytes" 0
grep -q "^present: " "$S/o" && [ "$(snapshot "$S/to")" = "$before" ] && ok "a second extract changes nothing" \
	|| not_ok "second extract changed the directory"
printf 'changed\n' >"$S/to/notes.txt"
before=$(snapshot "$S/to")
run "$S/o" "$S/e" "$RUNNER" extract "$S/kit.zip" notes.txt --to "$S/to"
assert_rc "extract over a file with other bytes" 5 "$S/e" "exists with other content"
[ "$(snapshot "$S/to")" = "$before" ] && ok "a file with other bytes is not overwritten" || not_ok "the other file changed"
if [ "$(id -u)" = 0 ]; then
	skip "extract next to an unreadable file (running as root, which reads every file)"
else
	printf 'secret\n' >"$S/to/windows6.1-kb5006743-x64.msu.x" && rm -f "$S/to/windows6.1-kb5006743-x64.msu"
	cp "$S/add/notes.txt" "$S/to/locked" && chmod 000 "$S/to/locked"
	mv "$S/to/locked" "$S/to/windows6.1-kb5006743-x64.msu"
	run "$S/o" "$S/e" "$RUNNER" extract "$S/kit.zip" windows6.1-kb5006743-x64.msu --to "$S/to"
	assert_rc "extract over a file it cannot read" 5 "$S/e" "cannot read"
	chmod 644 "$S/to/windows6.1-kb5006743-x64.msu"
	cmp -s "$S/to/windows6.1-kb5006743-x64.msu" "$S/add/notes.txt" && ok "the unreadable file was not replaced" \
		|| not_ok "the unreadable file was replaced"
fi
run "$S/o" "$S/e" "$RUNNER" extract "$S/kit.zip" nothing.msu --to "$S/to"
assert_rc "extract of a name the kit does not hold" 2 "$S/e" "no entry 'nothing.msu'"
run "$S/o" "$S/e" "$RUNNER" extract "$S/kit.zip" notes.txt
assert_rc "extract without --to" 2 "$S/e" "--to DIR"
run "$S/o" "$S/e" "$RUNNER" extract "$S/kit.zip" notes.txt --to "$S/none"
assert_rc "extract into a directory that does not exist" 5 "$S/e" "not a directory"
run "$S/o" "$S/e" "$RUNNER" verify "$S/kit.zip" --to "$S/to"
assert_rc "verify takes no --to" 2 "$S/e" "no --to"

# extract never replaces what is at the target when it renames (issue 12): a
# dangling symlink there (which the first check, reading through it, does not
# see) stays as it is, exit 5; and a name near the 255-byte limit extracts
# (the temp name no longer grows with it).
mkdir -p "$S/to3"
ln -s "$S/to3/nowhere" "$S/to3/notes.txt"
run "$S/o" "$S/e" "$RUNNER" extract "$S/kit.zip" notes.txt --to "$S/to3"
assert_rc "extract onto a dangling symlink" 5 "$S/e" "is there now"
[ -L "$S/to3/notes.txt" ] && [ "$(readlink "$S/to3/notes.txt")" = "$S/to3/nowhere" ] && [ ! -e "$S/to3/nowhere" ] \
	&& [ "$(ls -A "$S/to3")" = "notes.txt" ] && ok "the symlink is left as it was, nothing written through it, no temp file" \
	|| not_ok "extract replaced or followed the symlink: $(ls -lA "$S/to3")"
long=$(printf 'a%.0s' $(seq 1 243)).txt
mkdir -p "$S/addlong" "$S/to4"
printf 'long\n' >"$S/addlong/$long"
run "$S/o" "$S/e" "$BUILD" -o "$S/long.zip" --add "$S/addlong" --created $T
assert_rc "build a kit with a 247-byte file name (payload/ + 247 = 255 bytes)" 0
run "$S/o" "$S/e" "$RUNNER" extract "$S/long.zip" "$long" --to "$S/to4"
assert_rc "extract a file whose name is 247 bytes" 0
cmp -s "$S/to4/$long" "$S/addlong/$long" && [ "$(ls -A "$S/to4" | wc -l)" = 1 ] \
	&& ok "the long-named file has its bytes, and no temp file is left" || not_ok "long name: $(ls -A "$S/to4")"

# A kit whose stored package changed after it was built (CRC fixed, index not):
# extract must refuse and leave nothing behind.
python3 - "$S/kit.zip" "$S/tampered.zip" <<'PY'
import sys, zipfile
src, dst = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], "w")
for i in src.infolist():
    data = src.read(i)
    if i.filename.endswith(".msu"):
        data = data[:1000] + bytes([data[1000] ^ 1]) + data[1001:]
    j = zipfile.ZipInfo(i.filename, i.date_time)
    j.compress_type, j.create_system, j.external_attr = i.compress_type, i.create_system, i.external_attr
    dst.writestr(j, data)
dst.close()
PY
mkdir "$S/to2"
run "$S/o" "$S/e" "$RUNNER" extract "$S/tampered.zip" windows6.1-kb5006743-x64.msu --to "$S/to2"
assert_rc "extract of a tampered package" 3 "$S/e" "SHA-256 mismatch"
[ -z "$(ls -A "$S/to2")" ] && ok "a refused extract leaves nothing behind" || not_ok "refused extract left: $(ls -A "$S/to2")"

# ---- ZIP64: an entry and a kit over 4 GiB, from a sparse file ------------------------
free_kb=$(df -Pk "$S" | awk 'NR==2{print $4}')
if [ "$free_kb" -lt 12000000 ]; then
	skip "ZIP64 over 4 GiB (needs 12 GB free in $S, has $((free_kb / 1000000)) GB)"
	exit 0
fi
mkdir "$S/big"
truncate -s 4500000000 "$S/big/update.cab"
printf 'after the big one\n' >"$S/big/zz-after.txt"
run "$S/o" "$S/e" "$BUILD" -o "$S/big.zip" --add "$S/big" --created $T
assert_rc "build a kit with a 4.5 GB entry" 0
size=$(stat -c %s "$S/big.zip")
[ "$size" -gt 4294967296 ] && ok "the kit is over 4 GiB ($size bytes)" || not_ok "kit size $size"
python3 - "$S/big.zip" >"$S/zi" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for i in z.infolist():
    print(i.filename, i.file_size, i.header_offset)
PY
grep -q "^payload/update.cab 4500000000 " "$S/zi" && awk '$3 > 4294967296' "$S/zi" | grep -q . \
	&& ok "Python's zipfile reads the ZIP64 sizes and offsets" || not_ok "zipfile: $(cat "$S/zi")"
run "$S/o" "$S/e" "$RUNNER" verify "$S/big.zip"
assert_rc "verify the 4.5 GB kit" 0
mkdir "$S/bigout"
run "$S/o" "$S/e" "$RUNNER" extract "$S/big.zip" update.cab zz-after.txt --to "$S/bigout"
assert_rc "extract the 4.5 GB entry and the one after it" 0
[ "$(stat -c %s "$S/bigout/update.cab")" = 4500000000 ] && cmp -s "$S/bigout/zz-after.txt" "$S/big/zz-after.txt" \
	&& ok "extracted sizes and bytes are right" || not_ok "extracted ZIP64 entries differ"
unzip -p "$S/big.zip" index.sha256 >"$S/big.idx"
want=$(sed -n 's/^\([0-9a-f]\{64\}\)  payload\/update.cab$/\1/p' "$S/big.idx")
[ "$(openssl dgst -sha256 -r "$S/bigout/update.cab" | cut -c1-64)" = "$want" ] \
	&& ok "openssl's SHA-256 of the extracted 4.5 GB file equals the index" || not_ok "SHA-256 of update.cab differs"
rm -rf "$S/big" "$S/big.zip" "$S/bigout"
