#!/bin/sh
# acskit-run summary over a generated fleet (tests/mkfleet.py): 1,200
# machines' reports of every outcome, older reports to supersede, a clone,
# schema /1 reports, other kits, and broken and foreign files. Checks the
# counts, the superseding, --expect, the CSV, the exit codes, and renders the
# HTML page in headless Chromium (the counts in its DOM, a PNG screenshot).
#
#   tests/summary.sh BUILD_DIR SCRATCH_DIR
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
setup "$1" "$2"

F="$S/fleet"
python3 tests/mkfleet.py --out "$F" --expected "$S/expected.json" || { not_ok "tests/mkfleet.py failed"; exit 1; }
KIT=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["kit"])' "$S/expected.json")
# exp KEY: a value from the generator's expectations.
exp() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."): d=d[k]
print(d)' "$S/expected.json" "$1"; }

run "$S/o" "$S/e" "$RUNNER" summary "$F" --expect "$KIT" --csv "$S/fleet.csv" --html "$S/fleet.html"
want=$(exp exit_code)
[ "$RC" = "$want" ] && ok "summary of $(exp files) files: exit $RC (some machines need action)" \
	|| not_ok "summary exit $RC, want $want: $(head -c 300 "$S/e")"

# The counts: the generator computed them on its own, by the documented rules.
if python3 - "$S/o" "$S/expected.json" <<'EOF2'
import json, re, sys
out = open(sys.argv[1], encoding="utf-8").read()
e = json.load(open(sys.argv[2]))
bad = []
line = lambda tag: re.search(r"^%s:\s+(.*)$" % tag, out, re.M).group(1)
got = dict((w, int(n)) for w, n in re.findall(r"([a-z-]+) (\d+)", line("outcomes")))
want = {k: v for k, v in e["outcomes"].items() if v}
if got != want: bad.append(f"outcomes {got} != {want}")
rows = dict((l.rsplit(" ", 1)[0].strip(), int(l.rsplit(" ", 1)[1])) for l in line("OS rows").split(", "))
if rows != e["rows"]: bad.append(f"rows {rows} != {e['rows']}")
miss = dict((l.rsplit(" ", 1)[0].strip(), int(l.rsplit(" ", 1)[1])) for l in line("missing").split(", "))
want_miss = dict(e["kbs"], root=e["root_missing"])
if miss != want_miss: bad.append(f"missing {miss} != {want_miss}")
m = re.search(r"^machines:\s+(\d+) \(from (\d+) reports; (\d+) older reports superseded\)", out, re.M)
if not m or tuple(map(int, m.groups())) != (e["machines"], e["reports"], e["superseded"]):
    bad.append(f"machines line {m and m.groups()} != {(e['machines'], e['reports'], e['superseded'])}")
m = re.search(r"^kit:\s+(\d+) machines? checked with another kit", out, re.M)
if not m or int(m.group(1)) != e["other_kit"]: bad.append(f"other kit {m and m.group(1)} != {e['other_kit']}")
m = re.search(r"^files:\s+(\d+) read, (\d+) refused", out, re.M)
if not m or tuple(map(int, m.groups())) != (e["files"], len(e["refused"])): bad.append(f"files {m and m.groups()}")
if f"{e['unidentified']} reports of schema acskit-report/1 carry no machine identity" not in out:
    bad.append("no line about the schema /1 reports")
print("\n".join(bad))
sys.exit(1 if bad else 0)
EOF2
then ok "counts per outcome, OS row and missing KB, machines, superseded reports, other kits and refused files match the generator's"
else not_ok "summary counts: $(python3 - "$S/o" "$S/expected.json" 2>&1 </dev/null | head -5)"
fi

# Each bad or foreign file is listed with its reason; the rest of the fleet is still read.
missing=""
for f in $(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["refused"]))' "$S/expected.json"); do
	why=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["refused"][sys.argv[2]])' "$S/expected.json" "$f")
	grep -F "refused:      $F/$f: " "$S/o" | grep -qF -- "$why" || missing="$missing $f($why)"
done
[ -z "$missing" ] && ok "every bad or foreign file ($(exp refused | tr ',' '\n' | wc -l)) is listed with its reason, none is fatal" \
	|| not_ok "refused files without their reason:$missing"
grep -q "README.txt" "$S/o" && not_ok "a file not named *.json was read" || ok "files not named *.json in a directory are not read"

# Per machine: the latest report wins; the table says how many it superseded.
if python3 - "$S/o" "$S/expected.json" <<'EOF2'
import json, re, sys
out = open(sys.argv[1], encoding="utf-8").read().splitlines()
e = json.load(open(sys.argv[2]))
rows = {}
for l in out[1:]:
    if not l.strip(): break
    rows.setdefault(l.split()[0], []).append(l)
bad = []
for m in e["machine_list"]:
    if not m["name"]: continue
    got = rows.get(m["name"], [])
    if len(got) != 1: bad.append(f"{m['name']}: {len(got)} rows"); continue
    cols = re.split(r"\s{2,}| (?=\d{4}-\d\d-\d\dT)", got[0])
    if m["outcome"] not in got[0].split(): bad.append(f"{m['name']}: outcome not {m['outcome']}: {got[0]}")
    if m["missing"] and m["missing"] not in got[0]: bad.append(f"{m['name']}: missing not {m['missing']}: {got[0]}")
    if m["other_kit"] != ("OTHER KIT" in got[0]): bad.append(f"{m['name']}: other kit flag wrong: {got[0]}")
for n in e["names_differ"]:
    if "names differ under one machine ID" not in rows.get(n, [""])[0]: bad.append(f"{n}: clone not flagged")
if any(l.startswith("CLONE-A ") for l in out): bad.append("CLONE-A listed: the clone's older report was not superseded")
print("\n".join(bad[:5]))
sys.exit(1 if bad else 0)
EOF2
then ok "per machine: the latest report's outcome and what is missing, --expect flags, the clone under one MachineGuid"
else not_ok "per-machine rows: $(python3 - "$S/o" "$S/expected.json" 2>&1 </dev/null | head -3)"
fi

# The latest report wins by its time, not by file order: a newer "ready"
# named to sort first, an older "action-needed" named to sort last.
mkdir -p "$S/two"
python3 - "$S/two" "$KIT" <<'EOF2'
import json, sys
sys.path.insert(0, "tests")
import mkfleet
h = {"computer_name": "PC-T", "dns_hostname": None, "domain": None, "domain_type": None, "machine_id": "guid-t",
     "machine_id_source": "HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MachineGuid"}
new = mkfleet.report("acskit-report/2", h, 200, "ready", mkfleet.ROWS[0], True, "satisfied", sys.argv[2])
old = mkfleet.report("acskit-report/2", h, 100, "action-needed", mkfleet.ROWS[0], False, "missing", sys.argv[2])
json.dump(new, open(sys.argv[1] + "/a.json", "w"))
json.dump(old, open(sys.argv[1] + "/z.json", "w"))
EOF2
run "$S/o" "$S/e" "$RUNNER" summary "$S/two/z.json" "$S/two/a.json"
[ "$RC" = 0 ] && grep -q "^PC-T .* ready .* 1 older" "$S/o" && grep -q "^machines:     1 (from 2 reports; 1 older" "$S/o" \
	&& ok "the newer report wins whatever the file order (exit 0: the machine is ready)" \
	|| not_ok "superseding by time: exit $RC $(head -3 "$S/o")"

# Exit codes by what the fleet's latest reports say.
subset() { # DIR OUTCOME... : copies the latest reports of machines with these outcomes
	python3 - "$F" "$S/expected.json" "$@" <<'EOF2'
import json, os, shutil, sys
src, e, dst, want = sys.argv[1], json.load(open(sys.argv[2])), sys.argv[3], set(sys.argv[4:])
os.makedirs(dst, exist_ok=True)
names = {m["name"] for m in e["machine_list"] if m["outcome"] in want and m["name"] and not m["other_kit"]}
for root, _, files in os.walk(src):
    for f in files:
        if f.endswith(".json") and "-".join(f.split("-")[:2]) in names:
            d = json.load(open(os.path.join(root, f)))
            if d["outcome"] in want and (d.get("kit") or {}).get("identity", e["kit"]) == e["kit"]:
                shutil.copy(os.path.join(root, f), dst)
EOF2
}
subset "$S/x-ready" ready
run "$S/o" "$S/e" "$RUNNER" summary "$S/x-ready" --expect "$KIT"
assert_rc "summary: every machine ready" 0
for pair in "pending-reboot 10" "undetermined 8" "error 8" "done 8" "not-fixable 7" "not-covered 7" "action-needed 1"; do
	set -- $pair
	subset "$S/x-$1" ready "$1"
	run "$S/o" "$S/e" "$RUNNER" summary "$S/x-$1"
	assert_rc "summary: ready machines and some $1" "$2"
done
cp "$F"/site-0/bad/*.json "$S/x-ready/"
run "$S/o" "$S/e" "$RUNNER" summary "$S/x-ready"
[ "$RC" = 0 ] && grep -q "refused" "$S/o" && ok "bad files beside ready machines: listed, exit still 0" || not_ok "bad files change the exit code: $RC"
run "$S/o" "$S/e" "$RUNNER" summary "$F/site-0/bad"
assert_rc "summary: no valid report at all" 3 "$S/e" "no valid acskit report among 19 files"
subset "$S/x-other" ready
python3 - "$S/x-other" <<'EOF2'
import glob, json, sys
f = sorted(glob.glob(sys.argv[1] + "/*.json"))[0]
d = json.load(open(f)); d["kit"]["identity"] = "1" * 64; json.dump(d, open(f, "w"))
EOF2
run "$S/o" "$S/e" "$RUNNER" summary "$S/x-other" --expect "$KIT"
[ "$RC" = 4 ] && grep -q "^kit:          1 machine checked with another kit" "$S/o" \
	&& ok "summary --expect: a ready fleet with one machine on another kit (exit 4)" || not_ok "--expect: exit $RC $(grep '^kit:' "$S/o")"
run "$S/o" "$S/e" "$RUNNER" summary "$S/x-other"
assert_rc "summary without --expect: the same fleet is ready" 0
run "$S/o" "$S/e" "$RUNNER" summary "$S/nonexistent"
assert_rc "summary: a path that does not exist" 5 "$S/e" "cannot read"
run "$S/o" "$S/e" "$RUNNER" summary
assert_rc "summary without reports" 2 "$S/e" "needs report files"
run "$S/o" "$S/e" "$RUNNER" summary "$F" --expect nothex
assert_rc "summary --expect with a bad identity" 2 "$S/e" "64 lowercase hex digits"
run "$S/o" "$S/e" "$RUNNER" summary "$S/x-ready" --csv "$S/nodir/x.csv"
assert_rc "summary --csv into a missing directory" 5 "$S/e" "cannot write the csv"

# CSV: one row per machine, the outcomes as counted, formulas defused.
mkdir -p "$S/evil"
python3 - "$S/evil" "$KIT" <<'EOF2'
import json, sys
sys.path.insert(0, "tests")
import mkfleet
for i, n in enumerate(["=HYPERLINK(\"http://x\")", "<script>alert(1)</script>", "a\u202eb\x1b[31m"]):
    h = {"computer_name": n, "dns_hostname": None, "domain": None, "domain_type": None, "machine_id": "evil-%d" % i,
         "machine_id_source": "/etc/machine-id"}
    json.dump(mkfleet.report("acskit-report/2", h, 100, "ready", mkfleet.ROWS[0], True, "satisfied", sys.argv[2]),
              open(sys.argv[1] + "/e%d.json" % i, "w"))
EOF2
run "$S/o" "$S/e" "$RUNNER" summary "$S/evil" --csv "$S/evil.csv" --html "$S/evil.html"
if python3 - "$S/fleet.csv" "$S/expected.json" "$S/evil.csv" <<'EOF2'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
e = json.load(open(sys.argv[2]))
bad = []
if len(rows) != e["machines"]: bad.append(f"{len(rows)} rows, want {e['machines']}")
got = {}
for r in rows: got[r["outcome"]] = got.get(r["outcome"], 0) + 1
if got != {k: v for k, v in e["outcomes"].items() if v}: bad.append(f"outcomes {got}")
if sum(r["other_kit"] == "yes" for r in rows) != e["other_kit"]: bad.append("other_kit column")
if sum(int(r["superseded"]) for r in rows) != e["superseded"]: bad.append("superseded column")
evil = [r["machine"] for r in csv.DictReader(open(sys.argv[3], newline="", encoding="utf-8"))]
if "'=HYPERLINK(\"http://x\")" not in evil: bad.append(f"formula not defused: {evil}")
print("; ".join(bad)); sys.exit(1 if bad else 0)
EOF2
then ok "CSV: one row per machine, outcome, other-kit and superseded columns as counted; a formula cell is defused"
else not_ok "CSV: $(python3 - "$S/fleet.csv" "$S/expected.json" "$S/evil.csv" 2>&1 </dev/null | head -3)"
fi
grep -q "$(printf '\033')" "$S/o" && not_ok "an escape character from a report reached the terminal" \
	|| ok "control and bidi characters from a report are not printed as they are"

# HTML: self-contained and escaped.
if grep -qiE '(src|href)=|url\(|@import' "$S/fleet.html"; then
	not_ok "the page refers to something outside itself: $(grep -oiE '(src|href)=[^ >]*|url\([^)]*' "$S/fleet.html" | head -3)"
else
	ok "the page loads nothing: no src, href, url() or @import"
fi
grep -qF "&lt;script&gt;alert(1)&lt;/script&gt;" "$S/evil.html" && ! grep -qF "<script>alert(1)" "$S/evil.html" \
	&& ok "text from a report is escaped in the page" || not_ok "unescaped text in the page"

# Rendered by a real browser: the counts in the page's text, and a PNG.
CHROME=""
for c in chromium chromium-browser; do command -v "$c" >/dev/null 2>&1 && { CHROME=$c; break; }; done
if [ -z "$CHROME" ]; then
	skip "rendering the summary page in headless Chromium (chromium is not installed; scripts/deps.sh installs it)"
else
	export HOME="$S/home"; mkdir -p "$HOME"
	cflags="--headless --no-sandbox --disable-gpu --no-first-run --disable-extensions --user-data-dir=$S/chrome"
	timeout 120 "$CHROME" $cflags --dump-dom "file://$S/fleet.html" >"$S/dom.html" 2>"$S/chrome.err" || true
	if python3 - "$S/dom.html" "$S/expected.json" <<'EOF2'
import json, re, sys
from html.parser import HTMLParser
dom = open(sys.argv[1], encoding="utf-8").read()
e = json.load(open(sys.argv[2]))
bad = []
for o, n in e["outcomes"].items():
    m = re.search(r'id="count-%s">(\d+)<' % o, dom)
    if not m or int(m.group(1)) != n: bad.append(f"{o}: {m and m.group(1)} != {n}")
if len(re.findall(r"<tr>", dom.split('id="machines"')[1].split("</table>")[0])) != e["machines"] + 1:
    bad.append("machine rows")
if "%d machines from %d reports" % (e["machines"], e["reports"]) not in dom: bad.append("totals line")
if "<svg" not in dom: bad.append("no svg")
print("; ".join(bad)); sys.exit(1 if bad else 0)
EOF2
	then ok "headless Chromium renders the page with the right counts per outcome, machine rows and totals"
	else not_ok "Chromium DOM: $(python3 - "$S/dom.html" "$S/expected.json" 2>&1 </dev/null | head -3) $(tail -c 300 "$S/chrome.err")"
	fi
	timeout 120 "$CHROME" $cflags --window-size=1280,2400 --screenshot="$S/fleet.png" "file://$S/fleet.html" \
		>/dev/null 2>>"$S/chrome.err" || true
	if [ -s "$S/fleet.png" ] && [ "$(head -c 8 "$S/fleet.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] \
	   && [ "$(stat -c %s "$S/fleet.png")" -gt 20000 ]; then
		ok "headless Chromium renders the page to a PNG ($(stat -c %s "$S/fleet.png") bytes, build/test-logs' scratch: $S/fleet.png)"
	else
		not_ok "no PNG from Chromium: $(tail -c 300 "$S/chrome.err")"
	fi
fi

# The Windows exe gives the same answer, byte for byte, on the same fleet.
# Issue 14: the table in Japanese (headers padded by display width), the
# CSV and HTML files the same bytes as in English (but for the HTML's
# "Generated <time>", which moves when the two runs straddle a second), the
# same exit code.
run "$S/o" "$S/e" "$RUNNER" summary "$F" --expect "$KIT" --csv "$S/en.csv" --html "$S/en.html"
en_rc=$RC
cp "$S/o" "$S/en.txt"
run "$S/o" "$S/e" "$RUNNER" summary "$F" --expect "$KIT" --csv "$S/ja.csv" --html "$S/ja.html" --lang ja
if [ "$RC" = "$en_rc" ] && head -n 1 "$S/o" | grep -q '^コンピューター   OS                         結果            不足 ' \
   && grep -q '^コンピューター: [0-9]* 台 (レポート [0-9]* 件から' "$S/o" && cmp -s "$S/en.csv" "$S/ja.csv" \
   && [ "$(sed 's/Generated [0-9TZ:-]* by/Generated by/' "$S/en.html")" = "$(sed 's/Generated [0-9TZ:-]* by/Generated by/' "$S/ja.html")" ] \
   && [ "$(sed -n '2,/^$/p' "$S/o" | wc -l)" = "$(sed -n '2,/^$/p' "$S/en.txt" | wc -l)" ]; then
	ok "summary --lang ja: the table and totals in Japanese, the same rows and exit code ($RC); CSV and HTML byte-identical to English"
else
	not_ok "summary --lang ja: exit $RC (English $en_rc): $(head -n 2 "$S/o") $(cmp "$S/en.csv" "$S/ja.csv") $(cmp "$S/en.html" "$S/ja.html")"
fi

if ! command -v wine >/dev/null 2>&1; then
	skip "summary with acskit-run.exe under Wine (wine is not installed; scripts/deps.sh installs wine64)"
elif [ ! -f "$B/win64/acskit-run.exe" ]; then
	skip "summary with acskit-run.exe under Wine (build/win64/acskit-run.exe is not built: make win)"
else
	export WINEPREFIX="$S/prefix" WINEDEBUG=-all WINEDLLOVERRIDES=winemenubuilder.exe=d HOME="$S/home"
	unset DISPLAY || true
	mkdir -p "$HOME"
	timeout 300 wineboot -i >/dev/null 2>&1 || true
	run "$S/lo" "$S/le" "$RUNNER" summary "$F" --expect "$KIT" --csv "$S/l.csv"
	wine_run "$S/wo" "$S/we" "$B/win64/acskit-run.exe" summary "$F" --expect "$KIT" --csv "$S/w.csv"
	if [ "$RC" = "$(exp exit_code)" ] && cmp -s "$S/lo" "$S/wo" && cmp -s "$S/l.csv" "$S/w.csv" && [ "$CR" = 0 ]; then
		ok "acskit-run.exe summary under Wine: the same table, counts, CSV and exit code ($RC) as on Linux"
	else
		not_ok "Windows summary differs: exit $RC $(diff "$S/lo" "$S/wo" | head -5) $(head -c 200 "$S/we")"
	fi
	wineserver -k >/dev/null 2>&1 || true
	wineserver -w >/dev/null 2>&1 || true
fi
