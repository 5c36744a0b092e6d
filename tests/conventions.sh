#!/bin/sh
# The conventions a packager or admin relies on before reading the README:
# `make install` with PREFIX and DESTDIR puts the tools, the man pages and the
# bundled payload and manifests in place; the installed builder makes a kit
# from any directory (the same kit as the checkout's); the installed runner
# verifies it; `man -l` renders both pages; `make uninstall` takes it all
# away. CI runs this after `make -j2` (it needs the native tools built).
#
#   tests/conventions.sh BUILD_DIR SCRATCH_DIR
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
setup "$1" "$2"
set +e
pass=0 fail=0
check() { if [ "$1" = 0 ]; then ok "$2"; pass=$((pass + 1)); else not_ok "$2"; fail=$((fail + 1)); fi; }
mk() { make -s -C "$top" B="$B" "$@" >"$S/make.log" 2>&1; }

P="$S/prefix"
mk install PREFIX="$P"; check $? "make install PREFIX=$P"
for f in bin/acskit-run bin/acskit-build share/man/man1/acskit-run.1 share/man/man1/acskit-build.1 \
         share/acskit/payload/microsoft-identity-verification-root-ca-2020.cer share/acskit/payload/README.md; do
	[ -f "$P/$f" ]; check $? "installed $f"
done
n_repo=$(ls "$top"/manifests/*.manifest | wc -l)
n_inst=$(ls "$P"/share/acskit/manifests/*.manifest | wc -l)
[ "$n_repo" = "$n_inst" ]; check $? "installed all $n_repo manifests (found $n_inst)"
n_repo=$(find "$top/payload" -type f | wc -l)
n_inst=$(find "$P/share/acskit/payload" -type f | wc -l)
[ "$n_repo" = "$n_inst" ]; check $? "installed all $n_repo payload files, reference chain included (found $n_inst)"

# The installed builder, from a directory with no payload/ or manifests/.
mkdir -p "$S/elsewhere"
(cd "$S/elsewhere" && "$P/bin/acskit-build" -o kit.zip --created $T >"$S/o" 2>"$S/e"); check $? "installed acskit-build makes a kit from another directory"
id_inst=$(sed -n 's/^kit identity: //p' "$S/o")
(cd "$top" && "$P/bin/acskit-build" -o "$S/checkout.zip" --created $T >"$S/o2" 2>"$S/e")
id_repo=$(sed -n 's/^kit identity: //p' "$S/o2")
[ -n "$id_inst" ] && [ "$id_inst" = "$id_repo" ]; check $? "the installed copies give the checkout's kit (identity $id_inst)"
grep -q -- "--payload '$P/share/acskit/payload' --manifests '$P/share/acskit/manifests'" "$S/o"
check $? "the rebuild line names the installed directories"
(cd "$S/elsewhere" && "$P/bin/acskit-run" verify kit.zip --expect "$id_inst" >"$S/o" 2>"$S/e"); check $? "installed acskit-run verifies that kit"
mkdir -p "$S/elsewhere/mine"
cp -R "$top/manifests" "$S/elsewhere/mine/manifests"
rm "$S/elsewhere/mine/manifests/xp.manifest"
(cd "$S/elsewhere" && "$P/bin/acskit-build" -o kit2.zip --created $T --manifests mine/manifests >"$S/o" 2>"$S/e"); check $? "--manifests still overrides the installed copy"
"$P/bin/acskit-run" show "$S/elsewhere/kit2.zip" >"$S/o" 2>&1
grep -q ' manifests/server2003-xp64.manifest$' "$S/o" && ! grep -q ' manifests/xp.manifest$' "$S/o"; check $? "the kit built with --manifests lacks the manifest left out"
(cd "$S/elsewhere" && "$P/bin/acskit-build" -o kit3.zip --payload nowhere >"$S/o" 2>"$S/e")
[ $? = 5 ] && grep -q 'nowhere' "$S/e"; check $? "--payload to a missing directory fails (exit 5) and names it"

for page in acskit-run acskit-build; do
	MANWIDTH=80 man -l "$P/share/man/man1/$page.1" >"$S/man.txt" 2>"$S/man.err" && grep -q 'EXIT STATUS' "$S/man.txt" && ! [ -s "$S/man.err" ]
	check $? "man -l renders $page(1) with its EXIT STATUS section and no warnings"
done

# DESTDIR stages the tree without touching PREFIX itself.
mk install DESTDIR="$S/stage" PREFIX=/usr; check $? "make install DESTDIR=$S/stage PREFIX=/usr"
[ -x "$S/stage/usr/bin/acskit-build" ] && [ -f "$S/stage/usr/share/acskit/manifests/win11.manifest" ] && [ ! -e /usr/share/acskit ]
check $? "DESTDIR holds the staged tree, /usr/share/acskit is untouched"

mk uninstall PREFIX="$P"; check $? "make uninstall PREFIX=$P"
left=$(find "$P" -type f | wc -l)
[ "$left" = 0 ]; check $? "uninstall leaves no file ($left left)"

# Put the build back to the default PREFIX, so what make check runs next is the
# builder a plain `make` gives.
mk native
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
