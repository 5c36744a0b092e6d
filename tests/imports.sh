#!/bin/sh
# The Windows exes import only system DLLs, only functions on the reviewed
# allow-list (tests/win-imports.allow, Windows 7 / Server 2008 SP2 floor), and
# declare a subsystem version that Windows 7 loads.
#
#   tests/imports.sh EXE...
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/lib.sh"
OBJDUMP=${OBJDUMP:-x86_64-w64-mingw32-objdump}
allow="$top/tests/win-imports.allow"
for exe in "$@"; do
	name=$(basename "$(dirname "$exe")")/$(basename "$exe")
	if [ ! -f "$exe" ]; then
		not_ok "$name: not built"
		continue
	fi
	imports=$($OBJDUMP -p "$exe" | awk '/^\tDLL Name:/{dll=tolower($3); next}
		dll && /^\t[0-9a-f]+\t +[0-9]+  [A-Za-z_]/{print dll"!"$3} /^$/{dll=""}' | sort -u)
	[ -n "$imports" ] || { not_ok "$name: no imports read"; continue; }
	bad=$(printf '%s\n' "$imports" | grep -vxF -f "$allow" || true)
	[ -z "$bad" ] && ok "$name: all $(printf '%s\n' "$imports" | wc -l) imports are on the reviewed list" \
		|| not_ok "$name: imports not on the list: $(echo $bad)"
	dlls=$(printf '%s\n' "$imports" | cut -d! -f1 | sort -u | tr '\n' ' ')
	other=$(printf '%s\n' "$imports" | cut -d! -f1 | sort -u | grep -vxE 'kernel32.dll|msvcrt.dll|bcrypt.dll|crypt32.dll|advapi32.dll|ntdll.dll|wintrust.dll|netapi32.dll' || true)
	[ -z "$other" ] && ok "$name: only system DLLs ($dlls)" || not_ok "$name: non-system DLLs: $other"
	# The tools (not the test helpers) load bcrypt, crypt32, wintrust and netapi32 only through
	# delay-load thunks, from System32, never at start from beside the exe.
	case "$(basename "$exe")" in acskit-*)
		static=$(printf '%s\n' "$imports" | cut -d! -f1 | sort -u | grep -xE 'bcrypt.dll|crypt32.dll|wintrust.dll|netapi32.dll' || true)
		text=$(strings -n 6 "$exe")
		if [ -z "$static" ] && printf '%s\n' "$text" | grep -qx 'bcrypt.dll' && printf '%s\n' "$text" | grep -qx 'crypt32.dll' \
			&& printf '%s\n' "$text" | grep -qx 'SetDefaultDllDirectories'; then
			ok "$name: bcrypt.dll, crypt32.dll, wintrust.dll and netapi32.dll are not in the import table (delay-loaded), SetDefaultDllDirectories looked up at run time"
		else
			not_ok "$name: static imports of non-KnownDLLs: $static (or no delay-load names / SetDefaultDllDirectories lookup)"
		fi
	esac
	maj=$($OBJDUMP -p "$exe" | awk '/^MajorSubsystemVersion/{print $2}')
	min=$($OBJDUMP -p "$exe" | awk '/^MinorSubsystemVersion/{print $2}')
	if [ "$maj" -lt 6 ] || { [ "$maj" = 6 ] && [ "$min" -le 1 ]; }; then
		ok "$name: subsystem version $maj.$min loads on Windows 7"
	else
		not_ok "$name: subsystem version $maj.$min is newer than Windows 7 (6.1)"
	fi
	# The application manifest and the version resource (platform/win32res/).
	want_guids="e2011457-1546-43c5-a5fe-008deee3d3f0 35138b9a-5d96-4fbd-8e2d-a2440225f93a 4a2f28e3-53b9-4441-ba9c-d69d4a4a6e38 1f676c76-80e1-4239-95bb-83d0f6d0da78 8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a"
	text=$(strings -n 8 "$exe")
	missing=""
	for g in $want_guids; do printf '%s\n' "$text" | grep -q "supportedOS Id=\"{$g}\"" || missing="$missing $g"; done
	if [ -z "$missing" ] && printf '%s\n' "$text" | grep -q 'requestedExecutionLevel level="asInvoker"'; then
		ok "$name: application manifest: asInvoker and the supportedOS GUIDs of Vista to Windows 11"
	else
		not_ok "$name: application manifest lacks asInvoker or supportedOS:$missing"
	fi
	version=$(sed -n 's/^#define ACSKIT_VERSION "\(.*\)"$/\1/p' "$top/common/version.h")
	wide=$(strings -e l "$exe")
	if printf '%s\n' "$wide" | grep -qx "FileVersion" && printf '%s\n' "$wide" | grep -qx "$version" &&
	   printf '%s\n' "$wide" | grep -qx "$(basename "$exe")"; then
		ok "$name: version resource: FileVersion $version, OriginalFilename $(basename "$exe")"
	else
		not_ok "$name: no version resource with FileVersion $version"
	fi
	size=$(stat -c %s "$exe")
	note "$name: $size bytes"
done
