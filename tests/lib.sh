# Shared helpers for the shell test suites. Each result is one line:
# "ok - ...", "not ok - ..." or "skip - ... (why)"; tests/run.sh counts them.

ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; }
skip() { echo "skip - $*"; }
note() { echo "# $*"; }

# run OUT ERR CMD...: runs CMD, stdout to OUT, stderr to ERR; sets RC.
run() {
	_o=$1 _e=$2
	shift 2
	set +e
	"$@" >"$_o" 2>"$_e"
	RC=$?
	set -e
}

# snapshot DIR: a listing of every file below DIR with size, mtime and SHA-256,
# to prove a command changed nothing.
snapshot() {
	(cd "$1" && find . -type f -print0 | sort -z | xargs -0 -r stat -c '%n %s %Y' ;
	 cd "$1" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum)
}

# assert_rc DESC WANT [ERRFILE SUBSTRING]: checks RC and that ERRFILE holds SUBSTRING.
assert_rc() {
	_d=$1 _w=$2
	if [ "$RC" != "$_w" ]; then
		not_ok "$_d: exit $RC, want $_w: $(head -c 300 "${3:-/dev/null}" | tr '\n' ' ')"
		return 0
	fi
	if [ -n "${3:-}" ] && ! grep -qF -- "$4" "$3"; then
		not_ok "$_d: exit $RC but the message lacks '$4': $(head -c 300 "$3" | tr '\n' ' ')"
		return 0
	fi
	ok "$_d (exit $RC)"
}

# setup BUILD_DIR SCRATCH_DIR: sets B (absolute build dir), S (a fresh,
# absolute scratch dir), BUILD and RUNNER (the native tools) and T (a fixed
# creation time), and moves to the top of the tree.
setup() {
	B=$(cd "$1" && pwd)
	rm -rf "$2"
	mkdir -p "$2"
	S=$(cd "$2" && pwd)
	BUILD="$B/acskit-build"
	RUNNER="$B/acskit-run"
	T=2026-01-01T00:00:00Z
	cd "$top"
}

# wine_run OUT ERR EXE ARGS...: like run, through Wine with a time limit, CRs
# dropped (there should be none: the tools write bytes, not text mode).
wine_run() {
	_o=$1 _e=$2
	shift 2
	set +e
	timeout 120 wine "$@" >"$_o.raw" 2>"$_e.raw" </dev/null
	RC=$?
	set -e
	tr -d '\r' <"$_o.raw" >"$_o"
	tr -d '\r' <"$_e.raw" >"$_e"
	if grep -q "$(printf '\r')" "$_o.raw" "$_e.raw"; then CR=1; else CR=0; fi
}

# wine_arches WHAT: sets arches to "win64", or "win64 win32" when the i686
# exes run (wine32 installed); otherwise prints the skip for WHAT with why.
wine_arches() {
	arches="win64"
	if timeout 60 wine "$B/win32/acskit-run.exe" --version 2>/dev/null </dev/null | grep -q '^acskit-run '; then
		arches="win64 win32"
	else
		# scripts/deps.sh tried wine32 and wrote down why it is not here.
		why="wine32 is not installed"
		[ -s "${TP:-build/third_party}/wine32.status" ] && why=$(head -n 1 "${TP:-build/third_party}/wine32.status")
		[ "$why" != installed ] || why="wine32 is installed, but the i686 acskit-run.exe --version did not run"
		skip "$1 ($why; the i686 exes are built and import-checked)"
	fi
}

# old_claim FILE...: prints the lines that make the claim issue 11 withdrew
# ("this machine validates ACS signatures" and its variants): the proof shows
# only that an ACS chain reaches the pinned root in the user-mode chain engine.
OLD_CLAIM_RE='(validat|verif)[a-z]*[ _-]+(acs|azure code signing)[ _-]+sig|machine[ _-]+(now[ _-]+)?(validates|verifies)[ _-]+acs|validates_acs|"proof"[ ]*:'
old_claim() {
	grep -inE "$OLD_CLAIM_RE" "$@" 2>/dev/null
}

# test_ca DIR CN: a test CA in DIR (DIR/ca.pem, DIR/ca.key, DIR/ca.cnf) with
# fixed dates (2026-01-01 to 2036-01-01), so its certificates are the same
# every run but for the keys. Fails when openssl does. For checkfile.sh,
# packages.sh and install.sh, which sign test files with osslsigncode.
test_ca() {
	mkdir -p "$1/new"
	: >"$1/index.txt"
	echo 1000 >"$1/serial"
	cat >"$1/ca.cnf" <<EOF_CA
[ca]
default_ca = test
[test]
dir = $1
database = $1/index.txt
new_certs_dir = $1/new
serial = $1/serial
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[any]
commonName = supplied
organizationName = optional
[req]
distinguished_name = dn
prompt = no
[dn]
CN = $2
[v3_ca]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[v3_cs]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = codeSigning
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF_CA
	openssl req -new -newkey rsa:2048 -nodes -keyout "$1/ca.key" -out "$1/ca.csr" -config "$1/ca.cnf" 2>/dev/null &&
		openssl ca -batch -selfsign -config "$1/ca.cnf" -keyfile "$1/ca.key" -in "$1/ca.csr" -out "$1/ca.pem" \
			-extensions v3_ca -startdate 20260101000000Z -enddate 20360101000000Z >/dev/null 2>&1
}

# test_ca_signer DIR NAME SUBJECT: a code-signing certificate DIR/NAME.pem
# (key DIR/NAME.key) for SUBJECT ("/O=.../CN=...") from DIR's test CA.
test_ca_signer() {
	openssl req -new -newkey rsa:2048 -nodes -keyout "$1/$2.key" -out "$1/$2.csr" -subj "$3" 2>/dev/null &&
		openssl ca -batch -config "$1/ca.cnf" -cert "$1/ca.pem" -keyfile "$1/ca.key" -in "$1/$2.csr" -out "$1/$2.pem" \
			-extensions v3_cs -startdate 20260101000000Z -enddate 20360101000000Z >/dev/null 2>&1
}
