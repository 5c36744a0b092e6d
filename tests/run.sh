#!/bin/sh
# Runs every test suite and ends with "N passed, N failed, N skipped".
# Each suite prints one line per result ("ok - ", "not ok - ", "skip - ");
# full logs go to build/test-logs/. Exit status 0 only if nothing failed.
#
#   tests/run.sh [BUILD_DIR]
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
B=${1:-build}
# The suites read the runner's English text: a Japanese session
# (LANG=ja_JP.UTF-8) would make acskit-run answer in Japanese. The suites
# that test the language set it themselves.
unset LC_ALL LC_MESSAGES LANGUAGE
case "${LANG:-}" in ja*) LANG=C.UTF-8; export LANG ;; esac
L="$B/test-logs"
W="$B/test-work"
rm -rf "$L" "$W"
mkdir -p "$L" "$W"
pass=0 fail=0 skipped=0

# SUITES (optional) names the suites to run, e.g. for the sanitizer build.
SUITES=${SUITES:-"assess filetrust policy text names index manifest facts hash zip json oom jsonread messages cli interop payload packages signing summary replay mutants sources imports wine machine install checkfile"}

suite() {
	name=$1
	shift
	case " $SUITES " in *" $name "*) ;; *) return 0 ;; esac
	start=$(date +%s)
	"$@" >"$L/$name.log" 2>&1
	rc=$?
	p=$(grep -c '^ok - ' "$L/$name.log")
	f=$(grep -c '^not ok - ' "$L/$name.log")
	s=$(grep -c '^skip - ' "$L/$name.log")
	# A suite that dies or exits non-zero without a failing line still fails.
	if [ $rc != 0 ] && [ "$f" = 0 ]; then
		echo "not ok - $name exited $rc: $(tail -n 3 "$L/$name.log" | tr '\n' ' ')" >>"$L/$name.log"
		f=1
	fi
	pass=$((pass + p))
	fail=$((fail + f))
	skipped=$((skipped + s))
	printf '%-14s %4d passed, %d failed, %d skipped (%ss)\n' "$name" "$p" "$f" "$s" $(($(date +%s) - start))
	grep -E '^(not ok|skip) - ' "$L/$name.log" | sed 's/^/    /'
}

suite assess    "$B/tests/test_assess" manifests
suite filetrust "$B/tests/test_filetrust"
suite policy    "$B/tests/test_policy"
suite text      "$B/tests/test_text"
suite names     "$B/tests/test_names"
suite index     "$B/tests/test_index"
suite manifest  "$B/tests/test_manifest" manifests tests/golden tests/data/manifest-bad
suite facts     tests/facts.sh "$B" "$W/facts"
suite hash      "$B/tests/test_hash" payload/microsoft-identity-verification-root-ca-2020.cer \
                tests/data/acs-chain/microsoft-id-verified-code-signing-pca-2021.cer
suite zip       "$B/tests/test_zip" payload manifests "$W"
suite json      "$B/tests/test_json"
suite oom       "$B/tests/test_oom" payload manifests "$W"
suite jsonread  "$B/tests/test_jsonread"
suite messages  "$B/tests/test_messages" common/assess.c common/filetrust.c runner/*.c
suite cli       tests/cli.sh "$B" "$W/cli"
suite interop   tests/interop.sh "$B" "$W/interop"
suite payload   tests/payload.sh "$B" "$W/payload"
suite packages  tests/packages.sh "$B" "$W/packages"
suite signing   tests/signing.sh "$B" "$W/signing"
suite mutants   sh -c 'python3 tests/mutate.py --check && echo "ok - every mutant of tests/mutants.txt matches its file exactly once"'
suite sources   sh tests/sources.sh
suite summary   tests/summary.sh "$B" "$W/summary"
suite replay    sh -c "for t in kit index manifest sig servicing json policy; do \"$B/fuzz/replay-\$t\" fuzz/corpus/\$t || exit 1; done"
suite imports   tests/imports.sh "$B/win64/acskit-run.exe" "$B/win64/acskit-build.exe" \
                "$B/win32/acskit-run.exe" "$B/win32/acskit-build.exe"
suite wine      tests/wine.sh "$B" "$W/wine"
suite machine   tests/machine.sh "$B" "$W/machine"
suite install   tests/install.sh "$B" "$W/install"
suite checkfile tests/checkfile.sh "$B" "$W/checkfile"

echo "logs: $L"
echo "$pass passed, $fail failed, $skipped skipped"
[ "$fail" = 0 ]
