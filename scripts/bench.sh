#!/bin/sh
# make bench: builds and verifies kits with generated payloads (1 GiB and
# 4.5 GiB of random bytes) and, in the same run, measures the standard tools on
# the same bytes: zip -0, zip -6, unzip -t, sha256sum, openssl dgst -sha256.
# Prints a table of times, throughputs, peak memory and ratios, and writes it to
# docs/benchmarks.md with the machine it ran on.
#
#   scripts/bench.sh BUILD_DIR [SIZES_IN_MIB]     default sizes: "1024 4608"
set -eu
B=$(cd "$1" && pwd)
SIZES=${2:-"1024 4608"}
top=$(cd "$(dirname "$0")/.." && pwd)
W="$B/bench"
OUT="$top/docs/benchmarks.md"
rm -rf "$W"
mkdir -p "$W"
cd "$W"
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

rows="$W/rows"
: >"$rows"
# measure LABEL MIB CMD...: runs CMD once, with the payload already in the page
# cache, and appends "label|mib|seconds|peak_kb" to the rows.
measure() {
	label=$1 mib=$2
	shift 2
	# No dirty pages left from the previous command: each one pays only for
	# its own writes (the builder's fsync would otherwise flush the others').
	sync
	"$TIME" -f "%e %M" -o "$W/t" "$@" >/dev/null 2>"$W/err" || { echo "bench: $label failed: $(cat "$W/err")" >&2; exit 1; }
	set -- $(tail -n 1 "$W/t")
	echo "$label|$mib|$1|$2" >>"$rows"
	printf '%-34s %6s MiB %8.2f s %8s KB\n' "$label" "$mib" "$1" "$2"
}

# ---- check under Wine: a kit with 4 GiB of packages against the same kit without ---------
# Issue 13: check hashes only the entries it reads (index, root, chain,
# manifests), so packages must not cost it time. Both kits carry the bundled
# payload and manifests; the big one adds BENCH_CHECK_MIB (default 4096) of
# stored .cab entries in 1 GiB files (zeros from sparse files: check never
# reads them, and verify hashes zeros as fast as any bytes). Each check runs
# five times, alternating, and the best of each counts (Wine's start-up
# varies); verify of the big kit is measured once for contrast.
check_bench() {
	cmib=${BENCH_CHECK_MIB:-4096}
	if ! command -v wine >/dev/null 2>&1 || [ ! -f "$B/win64/acskit-run.exe" ]; then
		echo "bench: check under Wine skipped (no wine or no build/win64/acskit-run.exe)" >&2
		return 0
	fi
	mkdir -p "$W/check/pkgs"
	left=$cmib i=0
	while [ "$left" -gt 0 ]; do
		piece=$((left > 1024 ? 1024 : left))
		truncate -s $((piece * 1048576)) "$W/check/pkgs/package-$i.cab"
		left=$((left - piece)) i=$((i + 1))
	done
	"$B/acskit-build" -o "$W/check/small.zip" --payload "$top/payload" --manifests "$top/manifests" \
		--created 2026-01-01T00:00:00Z >/dev/null
	"$B/acskit-build" -o "$W/check/big.zip" --payload "$top/payload" --manifests "$top/manifests" \
		--add "$W/check/pkgs" --created 2026-01-01T00:00:00Z >/dev/null
	rm -rf "$W/check/pkgs"
	export WINEPREFIX="$W/prefix" WINEDEBUG=-all WINEDLLOVERRIDES=winemenubuilder.exe=d HOME="$W/home"
	mkdir -p "$HOME"
	timeout 300 wineboot -i >/dev/null 2>&1 || true
	wineserver -w || true
	wineserver -p >/dev/null 2>&1 || true
	# check's exit code says what the machine needs (1, 7...): any code up to
	# 12 is a run that finished.
	for round in 1 2 3 4 5; do
		for k in small big; do
			sync
			"$TIME" -f "%e %M" -o "$W/t" sh -c "wine \"$B/win64/acskit-run.exe\" check \"$W/check/$k.zip\" --quiet --no-event; [ \$? -le 12 ]" \
				>/dev/null 2>"$W/err" || { echo "bench: check $k failed: $(cat "$W/err")" >&2; exit 1; }
			echo "$k $(tail -n 1 "$W/t")" >>"$W/check/times"
		done
	done
	ts=$(awk '$1 == "small" && (m == "" || $2 < m) { m = $2 } END { print m }' "$W/check/times")
	tb=$(awk '$1 == "big" && (m == "" || $2 < m) { m = $2 } END { print m }' "$W/check/times")
	ks=$(awk '$1 == "small" { print $3 }' "$W/check/times" | sort -n | tail -n 1)
	kb=$(awk '$1 == "big" { print $3 }' "$W/check/times" | sort -n | tail -n 1)
	sz=$(stat -c %s "$W/check/small.zip") bz=$(stat -c %s "$W/check/big.zip")
	echo "acskit-run.exe check (Wine), kit without packages|$((sz / 1048576))|$ts|$ks" >>"$rows"
	echo "acskit-run.exe check (Wine), kit with $cmib MiB of packages|$((bz / 1048576))|$tb|$kb" >>"$rows"
	printf '%-34s %6s MiB %8.2f s %8s KB\n' "check (Wine), no packages" $((sz / 1048576)) "$ts" "$ks"
	printf '%-34s %6s MiB %8.2f s %8s KB\n' "check (Wine), $cmib MiB packages" $((bz / 1048576)) "$tb" "$kb"
	CHECK_RATIO=$(awk -v a="$ts" -v b="$tb" 'BEGIN { printf "%.2f", b / a }')
	echo "check time, with / without $cmib MiB of packages: $CHECK_RATIO (target <= 1.2)"
	measure "acskit-run.exe verify (Wine), kit with $cmib MiB of packages" $((bz / 1048576)) \
		wine "$B/win64/acskit-run.exe" verify "$W/check/big.zip"
	wineserver -k >/dev/null 2>&1 || true
	rm -f "$W/check/big.zip"
}
CHECK_RATIO=""
if [ "${BENCH_ONLY:-}" = check ]; then
	# Only this measurement, printed; docs/benchmarks.md is left as it is.
	check_bench
	exit 0
fi

for mib in $SIZES; do
	# Random bytes: incompressible, as update packages are. The .cab name makes
	# the builder store it (it deflates only what compresses).
	# openssl rand takes at most 2^31-1 bytes at a time: 256 MiB pieces.
	: >"payload-$mib.cab"
	left=$mib
	while [ "$left" -gt 0 ]; do
		piece=$((left > 256 ? 256 : left))
		openssl rand $((piece * 1048576)) >>"payload-$mib.cab"
		left=$((left - piece))
	done
	sync
	cat "payload-$mib.cab" >/dev/null
	rm -f kit.zip z0.zip z6.zip
	measure "acskit-build (stored, SHA-256)" $mib "$B/acskit-build" -o kit.zip --payload "$top/payload" \
		--manifests "$top/manifests" --add "payload-$mib.cab" --created 2026-01-01T00:00:00Z
	measure "acskit-run verify" $mib "$B/acskit-run" verify kit.zip
	measure "zip -0" $mib zip -q -0 z0.zip "payload-$mib.cab"
	measure "zip -6" $mib zip -q -6 z6.zip "payload-$mib.cab"
	measure "unzip -t (acskit kit)" $mib unzip -tq kit.zip
	measure "sha256sum" $mib sha256sum "payload-$mib.cab"
	measure "openssl dgst -sha256" $mib openssl dgst -sha256 "payload-$mib.cab"
	if [ "$mib" = "$(echo $SIZES | cut -d' ' -f1)" ] && command -v wine >/dev/null 2>&1 && [ -f "$B/win64/acskit-run.exe" ]; then
		export WINEPREFIX="$W/prefix" WINEDEBUG=-all WINEDLLOVERRIDES=winemenubuilder.exe=d HOME="$W/home"
		mkdir -p "$HOME"
		timeout 300 wineboot -i >/dev/null 2>&1 || true
		wineserver -w || true
		wineserver -p >/dev/null 2>&1 || true
		measure "acskit-run.exe verify (Wine)" $mib wine "$B/win64/acskit-run.exe" verify kit.zip
		wineserver -k >/dev/null 2>&1 || true
	fi
	rm -f "payload-$mib.cab" kit.zip z0.zip z6.zip
done

check_bench

# ---- acskit-run summary over 10,000 machines' reports (one each) -------------------------
python3 "$top/tests/mkfleet.py" --out "$W/fleet" --expected "$W/fleet.json" --machines 10000 --older-max 0
fmib=$(du -sm "$W/fleet" | cut -f1)
nrep=$(find "$W/fleet" -name '*.json' | wc -l)
sync
measure "acskit-run summary, $nrep report files, --csv --html" "$fmib" \
	sh -c "\"$B/acskit-run\" summary \"$W/fleet\" --quiet --csv \"$W/fleet.csv\" --html \"$W/fleet.html\"; [ \$? -le 10 ]"
rm -rf "$W/fleet"

# ---- the table -------------------------------------------------------------------------
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
mem=$(awk '/MemTotal/{printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)
sha=$(grep -qw sha_ni /proc/cpuinfo && echo "with SHA extensions (sha_ni)" || echo "without SHA extensions")
exe=$(stat -c %s "$B/win64/acskit-run.exe" 2>/dev/null || echo "?")
exe32=$(stat -c %s "$B/win32/acskit-run.exe" 2>/dev/null || echo "?")
{
	echo "# Benchmarks"
	echo
	echo "Written by \`make bench\` ($(date -u +%Y-%m-%dT%H:%M:%SZ)). One run; every command reads a payload"
	echo "already in the page cache, so the figures are CPU and memory-copy bound, not disk bound."
	echo
	echo "- machine: $cpu, $(nproc) cores, $mem, $sha"
	echo "- $(uname -sr); $(openssl version); $(zip -v | sed -n 2p | sed 's/^ *//'); $(sha256sum --version | head -n 1)"
	echo "- payload: random bytes (incompressible), as a .cab, which the builder stores"
	echo "- acskit-run.exe: $exe bytes (x64), $exe32 bytes (x86)"
	echo
	echo "| command | payload | time (s) | MiB/s | peak memory (KB) |"
	echo "|---|---:|---:|---:|---:|"
	while IFS='|' read -r label mib secs kb; do
		rate=$(awk -v m="$mib" -v s="$secs" 'BEGIN { if (s > 0) printf "%.0f", m / s; else print "-" }')
		echo "| $label | $mib MiB | $secs | $rate | $kb |"
	done <"$rows"
	echo
	echo "## Ratios and targets"
	echo
	echo "| size | verify / openssl throughput (target >= 0.8) | build time / zip -0 time (target <= 1) | zip -6 time / build time (target >= 5) | build, verify peak memory (target < 16 MB) |"
	echo "|---:|---:|---:|---:|---:|"
	for mib in $SIZES; do
		v=$(awk -F'|' -v m=$mib '$1=="acskit-run verify" && $2==m {print $3}' "$rows")
		o=$(awk -F'|' -v m=$mib '$1=="openssl dgst -sha256" && $2==m {print $3}' "$rows")
		b=$(awk -F'|' -v m=$mib '$1=="acskit-build (stored, SHA-256)" && $2==m {print $3}' "$rows")
		z0=$(awk -F'|' -v m=$mib '$1=="zip -0" && $2==m {print $3}' "$rows")
		z6=$(awk -F'|' -v m=$mib '$1=="zip -6" && $2==m {print $3}' "$rows")
		bm=$(awk -F'|' -v m=$mib '$1=="acskit-build (stored, SHA-256)" && $2==m {print $4}' "$rows")
		vm=$(awk -F'|' -v m=$mib '$1=="acskit-run verify" && $2==m {print $4}' "$rows")
		awk -v m=$mib -v v=$v -v o=$o -v b=$b -v z0=$z0 -v z6=$z6 -v bm=$bm -v vm=$vm 'BEGIN {
			printf "| %d MiB | %.2f | %.2f | %.1f | %.1f MB, %.1f MB |\n", m, o / v, b / z0, z6 / b, bm / 1024, vm / 1024 }'
	done
	if [ -n "$CHECK_RATIO" ]; then
		echo
		echo "## check on a kit with packages (issue 13)"
		echo
		echo "\`acskit-run.exe check\` under Wine, best of five: with ${BENCH_CHECK_MIB:-4096} MiB of packages / without = **$CHECK_RATIO** (target <= 1.2): check hashes only the index, root, chain and manifests; \`verify\` reads every byte (its row above)."
	fi
	cat "$top/scripts/bench-notes.md"
} >"$OUT"
echo "bench: wrote $OUT"
