#!/bin/sh
# Source rules of the project a compiler does not enforce (docs/testing.md):
# no unbounded string functions (strcpy, strcat, sprintf, vsprintf, gets) in
# any C file, the Windows test helpers included: snprintf or memcpy with a
# known size instead; no _WIN32 conditional outside platform/ (one file per
# OS there). Each rule fails with the file and line.
#
#   tests/sources.sh
. tests/lib.sh

files=$(find common platform runner kit-builder tests fuzz -name '*.[ch]' | sort)
hits=$(grep -nE '\b(strcpy|strcat|sprintf|vsprintf|gets)[[:space:]]*\(' $files /dev/null |
	grep -vE '\b(snprintf|vsnprintf|fgets)[[:space:]]*\(' || true)
if [ -z "$hits" ]; then
	ok "no strcpy, strcat, sprintf, vsprintf or gets in $(echo "$files" | wc -l) C files"
else
	not_ok "banned string functions: $(echo "$hits" | tr '\n' ' ')"
fi
hits=$(grep -nE '^[[:space:]]*#[[:space:]]*(if|ifdef|ifndef|elif).*_WIN32' $files /dev/null | grep -v '^platform/' || true)
if [ -z "$hits" ]; then
	ok "no _WIN32 conditional outside platform/"
else
	not_ok "_WIN32 conditionals outside platform/: $(echo "$hits" | tr '\n' ' ')"
fi
