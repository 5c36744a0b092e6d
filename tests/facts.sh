#!/bin/sh
# The facts suite: the manifests pass the lint, docs/facts.md is what the
# manifests say (generated, never edited), and the lint is live: a manifest
# that lists an out-of-band update as a monthly rollup is refused.
#
#   tests/facts.sh BUILD_DIR SCRATCH_DIR
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
setup "$1" "$2"
cd "$top"

run "$S/o" "$S/e" "$BUILD" lint
assert_rc "acskit-build lint passes on manifests/" 0
grep -q "^lint:         [0-9]* manifests in manifests pass\$" "$S/o" \
	&& ok "lint says how many manifests pass" || not_ok "lint output: $(cat "$S/o")"

run "$S/o" "$S/e" "$BUILD" facts -o "$S/facts.md"
assert_rc "acskit-build facts writes the facts" 0
if cmp -s "$S/facts.md" docs/facts.md; then
	ok "docs/facts.md is what the manifests say"
else
	not_ok "docs/facts.md is stale: run 'make facts' and commit it ($(diff docs/facts.md "$S/facts.md" | head -c 300))"
fi
for id in $(sed -n 's/^id: //p' manifests/*.manifest); do
	grep -q "^## .* (\`$id\`)\$" "$S/facts.md" || { not_ok "facts.md has no section for $id"; continue; }
done
ok "facts.md has a section per manifest"
for kb in $(sed -n 's/^rollup: \(KB[0-9]*\) .*/\1/p' manifests/*.manifest | sort -u); do
	grep -q "| rollup | $kb " "$S/facts.md" || not_ok "facts.md does not list $kb"
done
ok "facts.md lists every rollup the manifests name"

# The lint is live: each rule refuses its bad manifest, named with its line.
mkdir -p "$S/m"
for case in rollup-oob-as-monthly:18:"not a second Tuesday" kb-twice-in-row:17:"appears twice" \
	rollup-out-of-order:17:"release order" basis-missing:0:"no 'basis: rollups' line" \
	basis-confirmed-no-microsoft:15:"needs a source of kind microsoft" source-unused:13:"cited by no basis" \
	oct2021-not-confirmed:15:"must be confirmed by Microsoft" format-version-1:2:"older format"; do
	name=${case%%:*} rest=${case#*:} line=${rest%%:*} want=${rest#*:}
	rm -f "$S/m"/*.manifest
	sed "s/^id: .*/id: $name/" "tests/data/manifest-bad/$name.manifest" >"$S/m/$name.manifest"
	run "$S/o" "$S/e" "$BUILD" lint --manifests "$S/m"
	assert_rc "lint refuses $name at line $line" 3 "$S/e" "$name.manifest:$line: "
	grep -qF -- "$want" "$S/e" && ok "lint says why: $want" || not_ok "lint on $name: $(cat "$S/e")"
	run "$S/o" "$S/e" "$BUILD" -o "$S/k.zip" --manifests "$S/m"
	assert_rc "the builder refuses $name too" 3 "$S/e" "$want"
done
