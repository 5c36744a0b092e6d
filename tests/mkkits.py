#!/usr/bin/env python3
"""mkkits.py - build acskit test kits, independently of acskit-build.

usage: python3 tests/mkkits.py --payload DIR --manifests DIR --out OUTDIR
       python3 tests/mkkits.py --list KIT.zip     (raw central-directory dump)

Writes, following docs/kit-format.md:
  OUTDIR/good.zip     a kit that follows the spec exactly (every regular file of
                      the payload dir as payload/<name>, every regular file of
                      its acs-chain/ as payload/acs-chain/<name>, every
                      *.manifest as manifests/<name>, index.sha256 last; label "mkkits",
                      created 2026-01-01T00:00:00Z, builder "mkkits.py 1")
  OUTDIR/<case>.zip   three more good variants (one with a ZIP64 local header),
                      and one crafted kit per hostile case; the ZIP64
                      disagreements (zip64-*-lie.zip) come with honest twins
                      (zip64-*-good*.zip) written by their own small writer
  OUTDIR/cases.tsv    <file>\t<expected exit code>\t<expected message substring>
                      (file relative to OUTDIR; empty message for good kits)
and prints the number of cases (lines of cases.tsv) on stdout.

Every hostile kit is otherwise valid: its index lists every entry with the right
size and SHA-256 unless the case is about the index, so that only the targeted
check can refuse it. Zips are written byte by byte with struct (zipfile would
normalise some names); only zip64-index.zip is written by zipfile, whose
force_zip64 is the point of that case. Every kit written is then re-read by an
independent checker at the end of this file (a raw zip parser plus the rules of
the spec), which asserts that the intended defect is really in the bytes and
that no other defect is, except the companions the case table names as
unavoidable. If that self-check fails the script exits with status 1.

Python 3 standard library only, plus the openssl CLI (for a look-alike root).
"""

import argparse
import datetime
import hashlib
import io
import os
import re
import stat
import struct
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
import zlib

# ---------------------------------------------------------------------------
# Constants of the format
# ---------------------------------------------------------------------------

INDEX = b"index.sha256"
LABEL = b"mkkits"
CREATED = b"2026-01-01T00:00:00Z"
BUILDER = b"mkkits.py 1"
DOS_TIME = 0                                          # 00:00:00
DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 1        # 2026-01-01
MADE_BY = (3 << 8) | 20                               # Unix, spec 2.0
VERSION_NEEDED = 20
FILE_ATTR = (stat.S_IFREG | 0o644) << 16
DIR_ATTR = ((stat.S_IFDIR | 0o755) << 16) | 0x10      # Unix dir + MS-DOS dir bit
STORED_EXT = (b".cer", b".crt", b".der", b".msu", b".cab", b".zip", b".exe", b".7z")
CERT_EXT = (b".cer", b".crt", b".der")
CHAIN_DIR, CHAIN_MAX, CERT_MAX = b"payload/acs-chain/", 8, 65536
M_CHAIN = "bad reference chain"
BIDI = {0x061C, 0x200E, 0x200F} | set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))
MAX_RATIO, RATIO_ALLOWANCE = 200, 1 << 20             # deflated: usize <= 200 * csize + 1 MiB
PIN = "5367f20c7ade0e2bca790915056d086b720c33c1fa2a2661acf787e3292e1270"
ROOT_SUBJECT = ("C=US, O=Microsoft Corporation, "
                "CN=Microsoft Identity Verification Root Certificate Authority 2020")

SIG_LOCAL, SIG_CENTRAL, SIG_END = b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06"
LOCAL = struct.Struct("<4sHHHHHIIIHH")
CENTRAL = struct.Struct("<4sHHHHHHIIIHHHHHII")
END = struct.Struct("<4sHHHHIIH")


# ---------------------------------------------------------------------------
# Zip writer (struct only; every header field under the caller's control)
# ---------------------------------------------------------------------------

def default_method(name):
    return 0 if name.lower().endswith(STORED_EXT) else 8


def compress(data, method):
    if method == 0:
        return data
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


class Entry:
    """One zip entry. The header fields default to the truth about `data`;
    cases override them (in both the local and the central header)."""

    def __init__(self, name, data, method=None):
        self.name = name
        self.data = data
        self.method = default_method(name) if method is None else method
        self.hdr_method = None    # method written in the headers, if not .method
        self.flags = 0
        self.crc = None           # CRC-32 written in the headers, if not the real one
        self.usize = None         # uncompressed size written, if not the real one
        self.attr = FILE_ATTR
        self.alias_of = None      # write no local header; point at this entry's
        self.raw = None           # the bytes written as its data, if not compress(data)
        self.csize = None         # compressed size written, if not len(the bytes written)

    def stream(self):
        return compress(self.data, self.method) if self.raw is None else self.raw

    def header_fields(self, comp):
        return dict(
            flags=self.flags,
            method=self.method if self.hdr_method is None else self.hdr_method,
            crc=zlib.crc32(self.data) if self.crc is None else self.crc,
            csize=len(comp) if self.csize is None else self.csize,
            usize=len(self.data) if self.usize is None else self.usize)


def write_zip(entries):
    out = bytearray()
    offsets = {}
    streams = {id(e): e.stream() for e in entries}     # each compressed once
    for e in entries:
        if e.alias_of is not None:
            continue
        comp = streams[id(e)]
        f = e.header_fields(comp)
        offsets[id(e)] = len(out)
        out += LOCAL.pack(SIG_LOCAL, VERSION_NEEDED, f["flags"], f["method"],
                          DOS_TIME, DOS_DATE, f["crc"], f["csize"], f["usize"],
                          len(e.name), 0)
        out += e.name + comp
    cd_start = len(out)
    for e in entries:
        f = e.header_fields(streams[id(e)])
        out += CENTRAL.pack(SIG_CENTRAL, MADE_BY, VERSION_NEEDED, f["flags"],
                            f["method"], DOS_TIME, DOS_DATE, f["crc"], f["csize"],
                            f["usize"], len(e.name), 0, 0, 0, 0, e.attr,
                            offsets[id(e.alias_of or e)])
        out += e.name
    out += END.pack(SIG_END, 0, 0, len(entries), len(entries),
                    len(out) - cd_start, cd_start, 0)
    return bytes(out)


# ---------------------------------------------------------------------------
# Index and kit assembly
# ---------------------------------------------------------------------------

def make_index(pairs, label=LABEL, created=CREATED, builder=BUILDER,
               count=None, sizes=None, reverse=False):
    """index.sha256 for (name, data) pairs. Lines are written by hand, so any
    name (even one that breaks the name rules) is listed as it is."""
    pairs = sorted(pairs, key=lambda p: p[0], reverse=reverse)
    sizes = sizes or {}
    lines = [b"# acskit-index 1",
             b"# label: " + label,
             b"# created: " + created,
             b"# builder: " + builder,
             b"# entries: %d" % (len(pairs) if count is None else count)]
    for name, data in pairs:
        size = sizes.get(name, len(data))
        lines.append(b"# entry: %d %s" % (size, name))
        lines.append(hashlib.sha256(data).hexdigest().encode() + b"  " + name)
    return b"\n".join(lines) + b"\n"


def kit(files, listed=None, index=None, patch=None, method=None):
    """A kit holding `files` ((name, data) pairs, in index order) and then the
    index. listed: the pairs the index lists (default: files); index: the
    index bytes to use (default: made from listed; False: no index);
    patch(entries): edits the Entry list before it is written."""
    entries = [Entry(n, d, method) for n, d in sorted(files, key=lambda p: p[0])]
    if index is None:
        index = make_index(files if listed is None else listed)
    if index is not False:
        entries.append(Entry(INDEX, index, method))
    if patch:
        patch(entries)
    return write_zip(entries)


def entry(entries, name):
    found = [e for e in entries if e.name == name]
    assert len(found) == 1, name
    return found[0]


def without(pairs, name):
    return [p for p in pairs if p[0] != name]


def replaced(pairs, name, data):
    return [(n, data if n == name else d) for n, d in pairs]


# ---------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------

class Ctx:
    def __init__(self, payload_dir, manifest_dir, tmp):
        self.tmp = tmp
        self.payload = self.read_dir(payload_dir, b"payload/", lambda n: True)
        chain_dir = os.path.join(payload_dir, "acs-chain")
        if os.path.isdir(chain_dir):
            self.payload += self.read_dir(chain_dir, CHAIN_DIR, lambda n: True)
        self.manifests = self.read_dir(manifest_dir, b"manifests/",
                                       lambda n: n.endswith(".manifest"))
        for n, _ in self.payload + self.manifests:
            if name_problem(n):
                sys.exit("mkkits: input name %r breaks the name rules (%s)"
                         % (n, name_problem(n)))
        certs = [p for p in self.payload if is_cert(p[0])]
        if len(certs) != 1:
            sys.exit("mkkits: the payload dir must hold exactly one certificate (acs-chain/ aside)")
        self.chain = [p for p in self.payload if is_chain(p[0])]
        if not self.manifests:
            sys.exit("mkkits: no *.manifest in %s" % manifest_dir)
        self.cert = certs[0]
        self.manifest = self.manifests[0]

    @staticmethod
    def read_dir(path, prefix, want):
        pairs = []
        for n in sorted(os.listdir(path)):
            p = os.path.join(path, n)
            if want(n) and stat.S_ISREG(os.lstat(p).st_mode):
                with open(p, "rb") as f:
                    pairs.append((prefix + n.encode(), f.read()))
        return pairs

    def files(self):
        return self.payload + self.manifests

    def good(self, **kw):
        return kit(self.files(), **kw)


def is_chain(name):
    """A certificate of the reference chain: directly in payload/acs-chain/."""
    return (name.startswith(CHAIN_DIR) and b"/" not in name[len(CHAIN_DIR):]
            and len(name) > len(CHAIN_DIR) and name.lower().endswith(CERT_EXT))


def is_cert(name):
    """A root candidate: any other certificate under payload/."""
    return (name.startswith(b"payload/") and name.lower().endswith(CERT_EXT)
            and not is_chain(name))


def lookalike_root(tmp):
    """A self-signed root with the pinned root's subject and a fresh RSA key."""
    conf = os.path.join(tmp, "req.cnf")
    with open(conf, "w") as f:
        f.write("[req]\nprompt = no\nstring_mask = nombstr\n"
                "distinguished_name = dn\nx509_extensions = v3\n"
                "[dn]\nC = US\nO = Microsoft Corporation\n"
                "CN = Microsoft Identity Verification Root Certificate Authority 2020\n"
                "[v3]\nbasicConstraints = critical, CA:TRUE\n"
                "keyUsage = critical, digitalSignature, keyCertSign, cRLSign\n"
                "subjectKeyIdentifier = hash\n")
    out = os.path.join(tmp, "lookalike.cer")
    subprocess.run(["openssl", "req", "-x509", "-config", conf, "-newkey", "rsa:2048",
                    "-nodes", "-keyout", os.path.join(tmp, "lookalike.key"),
                    "-sha384", "-days", "7300", "-outform", "DER", "-out", out],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(out, "rb") as f:
        return f.read()


def self_signed(tmp, tag, dn):
    """A throwaway self-signed certificate (DER) with the [dn] lines given,
    UTF-8 kept as it is."""
    conf = os.path.join(tmp, tag + ".cnf")
    with open(conf, "w", encoding="utf-8") as f:
        f.write("[req]\nprompt = no\nutf8 = yes\nstring_mask = utf8only\n"
                "distinguished_name = dn\n[dn]\n" + dn)
    out = os.path.join(tmp, tag + ".cer")
    subprocess.run(["openssl", "req", "-x509", "-config", conf, "-newkey", "ec",
                    "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", os.path.join(tmp, tag + ".key"), "-days", "30",
                    "-outform", "DER", "-out", out],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(out, "rb") as f:
        return f.read()


# ---------------------------------------------------------------------------
# Cases. Each returns the bytes of one kit.
# ---------------------------------------------------------------------------

# -- good kits --

def good(ctx):
    return ctx.good()


def good_reordered(ctx):
    return ctx.good(patch=lambda es: es.reverse())     # index first, then z..a


def good_stored(ctx):
    return ctx.good(method=0)


# -- not a zip file --

def garbage(ctx):
    return b"".join(hashlib.sha256(b"garbage %d" % i).digest() for i in range(128))


def empty(ctx):
    return b""


def truncated(ctx):
    z = ctx.good()
    cd_size, cd_offset = read_end(z)[5:7]
    return z[:cd_offset + cd_size // 2]          # cut inside the central directory


# -- unsafe entry name: an extra entry, listed (by hand) in the index --

def extra_named(name, data=b"x\n", directory=False, utf8=False):
    def build(ctx):
        def patch(es):
            e = entry(es, name)
            if directory:
                e.attr, e.method = DIR_ATTR, 0
            if utf8:
                e.flags |= 0x800          # general-purpose bit 11: name is UTF-8
        return kit(ctx.files() + [(name, data)], patch=patch)
    return build


def nfc_nfd(ctx):
    """payload/e-acute twice, NFC (U+00E9) and NFD (e, U+0301), both listed:
    one name to a file system that normalises, two in the zip."""
    nfc, nfd = "payload/\u00e9", "payload/e\u0301"
    assert nfd != nfc and unicodedata.normalize("NFC", nfd) == nfc
    return kit(ctx.files() + [(nfc.encode("utf-8"), b"nfc\n"), (nfd.encode("utf-8"), b"nfd\n")])


# -- duplicate entry name --

def dup_same(ctx):
    others = [p for p in ctx.payload if not is_cert(p[0])]
    dup = others[0] if others else (b"payload/notes.txt", b"notes\n")
    listed = ctx.files() if others else ctx.files() + [dup]
    return kit(listed + [dup], listed=listed)          # two entries, listed once


def dup_case(ctx):
    files = [p for p in ctx.files() if p[0].lower() != b"payload/readme.md"]
    files += [(b"payload/README.md", b"# README\n"), (b"payload/readme.md", b"# readme\n")]
    return kit(files)


# -- unexpected entry / encryption / method --

def encrypted(bit):
    def build(ctx):
        def patch(es):
            entry(es, ctx.manifest[0]).flags |= bit
        return ctx.good(patch=patch)
    return build


def method12(ctx):
    def patch(es):
        entry(es, ctx.manifest[0]).hdr_method = 12      # data stays deflated
    return ctx.good(patch=patch)


# -- index coverage --

def not_listed(ctx):
    return kit(ctx.files() + [(b"payload/extra.txt", b"extra\n")], listed=ctx.files())


def missing(ctx):
    return kit(without(ctx.files(), ctx.manifest[0]), listed=ctx.files())


# -- sizes, hashes, CRC, overlap --

def size_index(ctx):
    name, data = ctx.manifest
    return ctx.good(index=make_index(ctx.files(), sizes={name: len(data) + 1}))


def size_central(ctx):
    name, data = ctx.cert
    assert default_method(name) == 0

    def patch(es):
        entry(es, name).usize = len(data) + 1           # compressed size stays true
    return ctx.good(patch=patch)


def sha_mismatch(ctx):
    name, data = ctx.manifest
    changed = flip_letter_in_advice(data)

    def patch(es):
        entry(es, name).method = 0                      # stored; CRC of changed data
    return kit(replaced(ctx.files(), name, changed), listed=ctx.files(), patch=patch)


def flip_letter_in_advice(data):
    """Swap the case of the last letter of the last advice line: still a valid
    manifest, one byte different."""
    start = data.rindex(b"\nadvice: ") + len(b"\nadvice: ")
    end = data.index(b"\n", start)
    for i in range(end - 1, start, -1):
        if chr(data[i]).isalpha():
            return data[:i] + bytes([data[i] ^ 0x20]) + data[i + 1:]
    raise AssertionError("no letter in the advice line")


def crc_wrong(ctx):
    def patch(es):
        e = entry(es, ctx.manifest[0])
        e.crc = zlib.crc32(e.data) ^ 0x5A5A5A5A
    return ctx.good(patch=patch)


def overlap(ctx):
    a, b = b"payload/a.txt", b"payload/b.txt"          # same length: minizip compares
    files = ctx.files() + [(a, b"overlap\n"), (b, b"overlap\n")]

    def patch(es):
        entry(es, b).alias_of = entry(es, a)            # b's record -> a's local header
    return kit(files, patch=patch)


# -- the index --

def no_index(ctx):
    return ctx.good(index=False)


def index_edit(edit):
    def build(ctx):
        return ctx.good(index=edit(make_index(ctx.files())))
    return build


def index_args(**kw):
    def build(ctx):
        return ctx.good(index=make_index(ctx.files(), **kw))
    return build


def uppercase_first_hash(idx):
    lines = idx.split(b"\n")
    i = next(i for i, l in enumerate(lines) if l and not l.startswith(b"#"))
    h, rest = lines[i][:64], lines[i][64:]
    assert h.upper() != h, "hash without a-f"
    lines[i] = h.upper() + rest
    return b"\n".join(lines)


def count_wrong(ctx):
    return ctx.good(index=make_index(ctx.files(), count=len(ctx.files()) + 1))


# -- certificates --

def lookalike(ctx):
    return kit(replaced(ctx.files(), ctx.cert[0], lookalike_root(ctx.tmp)))


def no_cert(ctx):
    return kit([p for p in ctx.files() if not is_cert(p[0])])


def two_certs(ext):
    def build(ctx):
        name, data = ctx.cert
        stem = name[:name.rindex(b".")]
        copy = stem + (b"-copy" if ext == name[len(stem):] else b"") + ext
        return kit(ctx.files() + [(copy, data)])
    return build


# -- the reference chain --

def chain_add(name, data_of):
    def build(ctx):
        return kit(ctx.files() + [(name, data_of(ctx))])
    return build


def chain_nine(ctx):
    """Nine chain entries: the real ones, then copies of the leaf."""
    leaf = next(d for n, d in ctx.chain if b"leaf" in n)
    extra = [(CHAIN_DIR + b"copy-%d.cer" % i, leaf) for i in range(CHAIN_MAX + 1 - len(ctx.chain))]
    return kit(ctx.files() + extra)


def chain_none(ctx):
    return kit([p for p in ctx.files() if not is_chain(p[0])])


def chain_first(ctx):
    return ctx.chain[0][1]


# -- manifests --

def unknown_key(ctx):
    name, data = ctx.manifest
    return kit(replaced(ctx.files(), name, data + b"colour: blue\n"))


def id_not_name(ctx):
    name, data = ctx.manifest
    other = b"manifests/mismatched-id.manifest"
    assert not data.count(b"\nid: mismatched-id\n")
    return kit(without(ctx.files(), name) + [(other, data)])


def no_manifests(ctx):
    return kit(ctx.payload)


def manifests_overlap(ctx):
    name, data = ctx.manifest
    dup, n = re.subn(rb"(?m)^id: .*$", b"id: dup", data)
    assert n == 1
    return kit(ctx.files() + [(b"manifests/dup.manifest", dup)])


# -- added cases: the container around the records --

def junk(n, seed):
    """n deterministic pseudo-random bytes without a zip signature in them."""
    out, i = b"", 0
    while len(out) < n:
        out += hashlib.sha256(b"%s %d" % (seed, i)).digest()
        i += 1
    out = out[:n]
    assert b"PK" not in out, seed
    return out


def central_record_at(z, name):
    """Offset of the central-directory record named `name` (writer side)."""
    cd_size, cd_offset = read_end(z)[5:7]
    p = cd_offset
    while p < cd_offset + cd_size:
        nlen, xlen, clen = struct.unpack_from("<HHH", z, p + 28)
        if z[p + CENTRAL.size:p + CENTRAL.size + nlen] == name:
            return p
        p += CENTRAL.size + nlen + xlen + clen
    raise AssertionError(name)


def cd_signature_garbage(ctx):
    z = bytearray(ctx.good())
    p = central_record_at(bytes(z), ctx.manifest[0])
    z[p:p + 4] = junk(4, b"cd signature")                  # end record untouched
    return bytes(z)


def prepended(ctx):
    return junk(100, b"prepended") + ctx.good()            # offsets as they were


def appended(ctx):
    return ctx.good() + junk(100, b"appended")


def zip_comment(ctx):
    z, comment = ctx.good(), b"a kit has no zip comment"
    return z[:-2] + struct.pack("<H", len(comment)) + comment


def end_count_high(ctx):
    z = ctx.good()
    rec = list(END.unpack(z[-END.size:]))
    rec[3] += 1                                            # entries on this disk
    rec[4] += 1                                            # entries in all
    return z[:-END.size] + END.pack(*rec)


# -- added cases: bombs and lying streams --

def overlap_bomb(ctx):
    """Five central records (names of equal length) at one local header."""
    names = [b"payload/bomb%d.txt" % i for i in range(1, 6)]
    data = b"overlap bomb\n" * 64
    files = ctx.files() + [(n, data) for n in names]

    def patch(es):
        for n in names[1:]:
            entry(es, n).alias_of = entry(es, names[0])
    return kit(files, patch=patch)


def ratio_bomb(ctx):
    return kit(ctx.files() + [(b"payload/zeros.bin", bytes(50 * 1000 * 1000))])


def stream_longer(ctx):
    """The deflate stream holds the manifest and more; headers and index say
    the manifest's size, CRC and hash."""
    name, data = ctx.manifest
    more = b"note: these bytes lie beyond the declared size\n"

    def patch(es):
        e = entry(es, name)
        e.raw = compress(data + more, 8)                   # crc, usize: of data
    return ctx.good(patch=patch)


def csize_short(ctx):
    """The whole stream is in the zip; both headers declare half of it."""
    name = ctx.manifest[0]

    def patch(es):
        e = entry(es, name)
        e.csize = len(e.stream()) // 2
    return ctx.good(patch=patch)


def stream_cut(ctx):
    """Only the first half of the stream is in the zip, and the headers say so."""
    name = ctx.manifest[0]

    def patch(es):
        e = entry(es, name)
        e.raw = e.stream()[:len(e.stream()) // 2]
    return ctx.good(patch=patch)


# -- added cases: the index --

def huge_index(ctx):
    """index.sha256 of 1.5 MiB: a valid index followed by comment lines of hex
    (incompressible enough to stay below the ratio limit)."""
    idx = make_index(ctx.files())
    n = ((3 << 19) - len(idx)) // 67 + 1                   # lines of 67 bytes
    pad = b"".join(b"# " + hashlib.sha256(b"%d" % i).hexdigest().encode() + b"\n"
                   for i in range(n))
    return ctx.good(index=idx + pad)


def size_index_1000(ctx):
    name, data = ctx.cert
    return ctx.good(index=make_index(ctx.files(), sizes={name: len(data) + 1000}))


def other_kits_index(ctx):
    """Kit A (label "kit-a") gives its index to kit B, whose manifest differs
    from kit A's in one byte."""
    name, data = ctx.manifest
    return kit(replaced(ctx.files(), name, flip_letter_in_advice(data)),
               index=make_index(ctx.files(), label=b"kit-a"))


# -- added cases: manifest text --

def manifest_append(line):
    def build(ctx):
        name, data = ctx.manifest
        return kit(replaced(ctx.files(), name, data + line))
    return build


# -- added case: ZIP64 --

def zip64_index(ctx):
    """A kit written by Python's zipfile, the index with force_zip64=True: its
    local header carries 0xFFFFFFFF sizes and a ZIP64 extra field with the real
    ones (the central record keeps the real sizes, no extra field)."""
    buf = io.BytesIO()
    files = sorted(ctx.files()) + [(INDEX, make_index(ctx.files()))]
    with zipfile.ZipFile(buf, "w", compresslevel=9) as zf:
        for name, data in files:
            zi = zipfile.ZipInfo(name.decode("ascii"), date_time=(2026, 1, 1, 0, 0, 0))
            zi.compress_type = (zipfile.ZIP_DEFLATED if default_method(name) == 8
                                else zipfile.ZIP_STORED)
            zi.create_system, zi.external_attr = 3, FILE_ATTR
            with zf.open(zi, "w", force_zip64=name == INDEX) as f:
                f.write(data)
    return buf.getvalue()


# ---------------------------------------------------------------------------
# The table: file, expected exit, expected message, builder, companions (other
# defects the independent checker may find in that kit, because they cannot be
# avoided; each is refused later than the targeted one)
# ---------------------------------------------------------------------------

M_ZIP = "not a zip file"
M_NAME = "unsafe entry name"
M_DUP = "duplicate entry name"
M_UNEXP = "unexpected entry"
M_ENC = "encrypted entry"
M_METHOD = "unsupported compression method"
M_UNLISTED = "not listed in the index"
M_MISSING = "listed in the index but missing"
M_SIZE = "size mismatch"
M_SHA = "SHA-256 mismatch"
M_CRC = "CRC mismatch"
M_OVERLAP = "overlapping entry data"
M_NOINDEX = "no index"
M_BADINDEX = "bad index"
M_PIN = "not the pinned root"
M_NOCERT = "no root certificate"
M_CERTS = "more than one certificate"
M_MANIFEST = "bad manifest"
M_NOMAN = "no manifests"
M_MANOVER = "manifests overlap"
M_CORRUPT = "corrupt entry data"
M_GAP = "bytes between entries that belong to none"
M_RATIO = "compression ratio too high"
M_BADCERT = "bad certificate"                      # the checker's name for it

# A name that breaks the name rules also breaks the index grammar (the index
# lists it); three of them are also outside payload/ and manifests/.
NAME_COMPANIONS = {M_BADINDEX}
OUTSIDE = {M_BADINDEX, M_UNEXP}

UNSAFE_NAMES = [
    ("dotdot-inside", b"payload/../x", NAME_COMPANIONS),
    ("dotdot-start", b"../x", OUTSIDE),
    ("absolute", b"/etc/x", OUTSIDE),
    ("backslash", b"payload\\x", OUTSIDE),
    ("drive", b"C:x", OUTSIDE),
    ("ads", b"payload/x:stream", NAME_COMPANIONS),
    ("device-con", b"payload/CON", NAME_COMPANIONS),
    ("device-con-ext", b"payload/con.txt", NAME_COMPANIONS),
    ("device-lpt1", b"payload/LPT1.log", NAME_COMPANIONS),
    ("trailing-dot", b"payload/x.", NAME_COMPANIONS),
    ("trailing-space", b"payload/x ", NAME_COMPANIONS),
    ("empty-segment", b"payload//x", NAME_COMPANIONS),
    ("control-char", b"payload/x\x01", NAME_COMPANIONS),
    ("non-ascii", "payload/\u00e9".encode("utf-8"), NAME_COMPANIONS),
    ("dot-segment", b"payload/./x", NAME_COMPANIONS),
    ("long-300", b"payload/" + b"a" * 292, NAME_COMPANIONS),
    # beyond the brief, from the same rule list:
    ("empty-name", b"", OUTSIDE),
    ("nine-segments", b"payload/a/b/c/d/e/f/g/h", NAME_COMPANIONS),
    ("device-nul-lower", b"payload/nul", NAME_COMPANIONS),
    ("del-char", b"payload/x\x7f", NAME_COMPANIONS),
    ("star", b"payload/a*b", NAME_COMPANIONS),
    # more traversal spellings:
    ("dotdot-backslash", b"..\\x", OUTSIDE),
    ("backslash-dotdot", b"payload\\..\\..\\x", OUTSIDE),
    ("unc-slash", b"//server/share/x", OUTSIDE),
    ("unc-backslash", b"\\\\server\\share\\x", OUTSIDE),
    ("ads-data", b"payload/x::$DATA", NAME_COMPANIONS),
    ("drive-backslash", b"C:\\x", OUTSIDE),
]

CASES = [
    ("good.zip", 0, "", good, set()),
    ("good-reordered.zip", 0, "", good_reordered, set()),
    ("good-stored.zip", 0, "", good_stored, set()),

    ("notzip-garbage.zip", 3, M_ZIP, garbage, set()),
    ("notzip-empty.zip", 3, M_ZIP, empty, set()),
    ("notzip-truncated.zip", 3, M_ZIP, truncated, set()),
] + [
    ("name-%s.zip" % tag, 3, M_NAME, extra_named(n), comp)
    for tag, n, comp in UNSAFE_NAMES
] + [
    ("name-utf8-flagged.zip", 3, M_NAME,
     extra_named("payload/\u00e9".encode("utf-8"), utf8=True), NAME_COMPANIONS),
    ("name-directory.zip", 3, M_NAME,
     extra_named(b"payload/x/", b"", directory=True), NAME_COMPANIONS),

    ("dup-same-file.zip", 3, M_DUP, dup_same, set()),
    ("dup-case.zip", 3, M_DUP, dup_case, set()),

    ("unexpected-other.zip", 3, M_UNEXP, extra_named(b"other/x.txt"), set()),
    ("unexpected-manifests-txt.zip", 3, M_UNEXP, extra_named(b"manifests/x.txt"), set()),

    ("encrypted-bit0.zip", 3, M_ENC, encrypted(0x01), set()),
    ("encrypted-bit6.zip", 3, M_ENC, encrypted(0x40), set()),
    ("method-bzip2.zip", 3, M_METHOD, method12, set()),

    ("not-listed.zip", 3, M_UNLISTED, not_listed, set()),
    ("missing.zip", 3, M_MISSING, missing, None),     # companions set in main()

    ("size-index.zip", 3, M_SIZE, size_index, set()),
    ("size-central.zip", 3, M_SIZE, size_central, set()),
    ("sha-mismatch.zip", 3, M_SHA, sha_mismatch, set()),
    ("crc-mismatch.zip", 3, M_CRC, crc_wrong, set()),
    ("overlap.zip", 3, M_OVERLAP, overlap, {"local name differs"}),

    ("no-index.zip", 3, M_NOINDEX, no_index, set()),
    ("index-no-magic.zip", 3, M_BADINDEX,
     index_edit(lambda i: i.replace(b"# acskit-index 1\n", b"", 1)), set()),
    ("index-crlf.zip", 3, M_BADINDEX,
     index_edit(lambda i: i.replace(b"\n", b"\r\n")), set()),
    ("index-uppercase-hash.zip", 3, M_BADINDEX, index_edit(uppercase_first_hash), set()),
    ("index-out-of-order.zip", 3, M_BADINDEX, index_args(reverse=True), set()),
    ("index-count-wrong.zip", 3, M_BADINDEX, count_wrong, set()),
    ("index-label-control.zip", 3, M_BADINDEX, index_args(label=b"mk\tkits"), set()),
    ("index-bad-date.zip", 3, M_BADINDEX,
     index_args(created=b"2026-02-30T00:00:00Z"), set()),
    # beyond the brief:
    ("index-label-del.zip", 3, M_BADINDEX, index_args(label=b"mk\x7fkits"), set()),
    ("index-no-final-lf.zip", 3, M_BADINDEX, index_edit(lambda i: i[:-1]), set()),
    ("index-trailing-space.zip", 3, M_BADINDEX,
     index_edit(lambda i: i.replace(b"\n# created", b" \n# created", 1)), set()),

    ("cert-lookalike.zip", 3, M_PIN, lookalike, set()),
    ("cert-none.zip", 3, M_NOCERT, no_cert, set()),
    ("cert-two-cer.zip", 3, M_CERTS, two_certs(b".cer"), set()),
    ("cert-two-crt.zip", 3, M_CERTS, two_certs(b".crt"), set()),
    ("cert-two-der.zip", 3, M_CERTS, two_certs(b".der"), set()),

    ("manifest-unknown-key.zip", 3, M_MANIFEST, unknown_key, set()),
    ("manifest-id-not-name.zip", 3, M_MANIFEST, id_not_name, set()),
    ("manifest-none.zip", 3, M_NOMAN, no_manifests, set()),
    ("manifest-overlap.zip", 3, M_MANOVER, manifests_overlap, set()),

    # Added cases.
    ("name-nfc-nfd.zip", 3, M_NAME, nfc_nfd, NAME_COMPANIONS),

    ("notzip-cd-signature.zip", 3, M_ZIP, cd_signature_garbage, set()),
    ("notzip-prepended.zip", 3, M_ZIP, prepended, set()),
    ("notzip-appended.zip", 3, M_ZIP, appended, set()),
    ("notzip-comment.zip", 3, M_ZIP, zip_comment, set()),
    ("notzip-end-count-high.zip", 3, M_ZIP, end_count_high, set()),

    ("overlap-bomb-5.zip", 3, M_OVERLAP, overlap_bomb, {"local name differs"}),
    ("ratio-zeros-50mb.zip", 3, M_RATIO, ratio_bomb, set()),
    # The checker compares the whole stream, so CRC and hash differ too; the
    # runner stops at the first byte beyond the declared size.
    ("stream-longer.zip", 3, M_SIZE, stream_longer, {M_CRC, M_SHA}),
    ("stream-csize-short.zip", 3, M_GAP, csize_short, {M_CORRUPT}),
    ("stream-cut.zip", 3, M_CORRUPT, stream_cut, set()),

    ("index-huge.zip", 3, M_BADINDEX, huge_index, set()),
    ("size-index-plus-1000.zip", 3, M_SIZE, size_index_1000, set()),
    ("sha-other-kits-index.zip", 3, M_SHA, other_kits_index, set()),

    ("manifest-long-line.zip", 3, M_MANIFEST,
     manifest_append(b"note: " + b"x" * 594 + b"\n"), set()),
    ("manifest-nul.zip", 3, M_MANIFEST, manifest_append(b"note: a\x00b\n"), set()),
    ("manifest-bad-utf8.zip", 3, M_MANIFEST,
     manifest_append(b"note: bad \xff\xfe utf-8\n"), set()),
    # beyond the brief: UTF-8 that only a strict decoder refuses
    ("manifest-utf8-overlong.zip", 3, M_MANIFEST,
     manifest_append(b"note: overlong \xc0\xaf slash\n"), set()),
    ("manifest-utf8-surrogate.zip", 3, M_MANIFEST,
     manifest_append(b"note: surrogate \xed\xa0\x80 half\n"), set()),

    ("zip64-index.zip", 0, "", zip64_index, set()),

    # The reference chain (payload/acs-chain/): optional, at most 8, each one
    # DER certificate with a printable CN that is not the root.
    ("chain-none.zip", 0, "", chain_none, set()),
    ("chain-not-a-cert.zip", 3, M_CHAIN,
     chain_add(CHAIN_DIR + b"not-a-cert.cer", lambda c: b"not a certificate\n"), set()),
    ("chain-is-the-root.zip", 3, M_CHAIN,
     chain_add(CHAIN_DIR + b"root.cer", lambda c: c.cert[1]), set()),
    ("chain-nine.zip", 3, M_CHAIN, chain_nine, set()),
    ("chain-trailing-byte.zip", 3, M_CHAIN,
     chain_add(CHAIN_DIR + b"trailing.der", lambda c: chain_first(c) + b"\x00"), set()),
    ("chain-empty.zip", 3, M_CHAIN, chain_add(CHAIN_DIR + b"empty.crt", lambda c: b""), set()),
    ("chain-too-large.zip", 3, M_CHAIN,
     chain_add(CHAIN_DIR + b"large.der", lambda c: chain_first(c) + bytes(CERT_MAX)), set()),
    ("chain-cn-bidi.zip", 3, M_CHAIN,
     chain_add(CHAIN_DIR + b"bidi.cer",
               lambda c: self_signed(c.tmp, "bidi", "CN = Contoso \u202eexe.txt\n")), set()),
    ("chain-no-cn.zip", 3, M_CHAIN,
     chain_add(CHAIN_DIR + b"no-cn.cer",
               lambda c: self_signed(c.tmp, "nocn", "O = No Common Name Ltd\n")), set()),
    # One level deeper is not the chain: a second root candidate.
    ("chain-nested.zip", 3, M_CERTS,
     chain_add(CHAIN_DIR + b"sub/pca.cer", chain_first), {M_BADCERT}),
]


# ---------------------------------------------------------------------------
# Issue 12 ("Hardening II"): cases of its own, kept apart from the table above.
# Each targets one class the attack review found; the checker's side is
# issue12_defects() below, called from analyse().
# ---------------------------------------------------------------------------

M_Z64_TWO_LOCAL = "a local extra field other than ZIP64"
M_Z64_TWO_CENTRAL = "a central-directory comment or extra field other than ZIP64"
M_Z64_LOCAL = "the local header's ZIP64 marks and fields do not match"
M_Z64_CENTRAL = "the central directory's ZIP64 marks and fields do not match"
Z64 = struct.Struct("<HH")


def z64_field(*values):
    return Z64.pack(1, 8 * len(values)) + b"".join(struct.pack("<Q", v) for v in values)


def write_zip_x(entries):
    """write_zip with extra fields and raw 32-bit sizes under the case's
    control: e.lx / e.cx (local / central extra bytes), e.l32 / e.c32
    ((csize, usize) written as they are in the local / central header)."""
    out, offsets = bytearray(), {}
    streams = {id(e): e.stream() for e in entries}
    for e in entries:
        comp = streams[id(e)]
        f = e.header_fields(comp)
        lc, lu = getattr(e, "l32", None) or (f["csize"], f["usize"])
        lx = getattr(e, "lx", b"")
        offsets[id(e)] = len(out)
        out += LOCAL.pack(SIG_LOCAL, 45 if lx else VERSION_NEEDED, f["flags"], f["method"],
                          DOS_TIME, DOS_DATE, f["crc"], lc, lu, len(e.name), len(lx))
        out += e.name + lx + comp
    cd_start = len(out)
    for e in entries:
        f = e.header_fields(streams[id(e)])
        cc, cu = getattr(e, "c32", None) or (f["csize"], f["usize"])
        cx = getattr(e, "cx", b"")
        out += CENTRAL.pack(SIG_CENTRAL, MADE_BY, 45 if cx else VERSION_NEEDED, f["flags"],
                            f["method"], DOS_TIME, DOS_DATE, f["crc"], cc, cu,
                            len(e.name), len(cx), 0, 0, 0, e.attr, offsets[id(e)])
        out += e.name + cx
    out += END.pack(SIG_END, 0, 0, len(entries), len(entries),
                    len(out) - cd_start, cd_start, 0)
    return bytes(out)


def kit_x(files, patch):
    entries = [Entry(n, d) for n, d in sorted(files, key=lambda p: p[0])]
    entries.append(Entry(INDEX, make_index(files)))
    patch(entries)
    return write_zip_x(entries)


CARRIER = b"payload/carrier.zip"
HIDDEN = b"payload/root.cer"


def carrier_data(ctx):
    """A stored entry's data that holds, after 64 bytes, a whole local header
    and data of HIDDEN (the look-alike root): a streaming reader that takes 64
    as the carrier's size lists HIDDEN, which the central directory never
    names."""
    pad = b"P" * 64
    fake = lookalike_root(ctx.tmp)
    hidden = LOCAL.pack(SIG_LOCAL, VERSION_NEEDED, 0, 0, DOS_TIME, DOS_DATE,
                        zlib.crc32(fake), len(fake), len(fake), len(HIDDEN), 0)
    return pad, pad + hidden + HIDDEN + fake


def zip64_carrier(two_fields):
    """The review's attack. two_fields: both sizes marked, a first ZIP64 field
    giving 64 (libarchive's) and a second the truth (acskit's old reading);
    else only the compressed size marked, the field's first 8 bytes 64
    (libarchive's reading) and its second the truth (acskit's old one)."""
    def build(ctx):
        pad, data = carrier_data(ctx)
        files = ctx.files() + [(CARRIER, data)]

        def patch(es):
            e = entry(es, CARRIER)
            if two_fields:
                e.l32 = (0xFFFFFFFF, 0xFFFFFFFF)
                e.lx = z64_field(len(pad), len(pad)) + z64_field(len(data), len(data))
            else:
                e.l32 = (0xFFFFFFFF, len(data))
                e.lx = z64_field(len(pad), len(data))
        return kit_x(files, patch)
    return build


def zip64_local(l32, fields):
    """The index's local header with the 32-bit sizes l32 (None: the real
    ones) and a ZIP64 field of `fields` (callables of the real sizes)."""
    def build(ctx):
        def patch(es):
            e = entry(es, INDEX)
            c, u = len(e.stream()), len(e.data)
            e.l32 = tuple(r if v is None else v for v, r in zip(l32, (c, u))) if l32 else None
            e.lx = z64_field(*[f(u, c) for f in fields])
        return kit_x(ctx.files(), patch)
    return build


def zip64_central(c32, cx):
    """The index's central record with the 32-bit sizes c32 (None: the real
    ones) and the extra field cx(real size)."""
    def build(ctx):
        def patch(es):
            e = entry(es, INDEX)
            e.c32 = c32
            e.cx = cx(len(e.data), len(e.stream()))
        return kit_x(ctx.files(), patch)
    return build


def zip64_good(ctx):
    """Both sizes of the index marked in both headers, with exactly the fields
    APPNOTE asks for: accepted."""
    def patch(es):
        e = entry(es, INDEX)
        e.l32 = e.c32 = (0xFFFFFFFF, 0xFFFFFFFF)
        e.lx = e.cx = z64_field(len(e.data), len(e.stream()))
    return kit_x(ctx.files(), patch)


MARK = 0xFFFFFFFF
ISSUE12_CASES = [
    # 1. ZIP64 fields that streaming readers read differently.
    ("i12-zip64-good-both-headers.zip", 0, "", zip64_good, set()),
    ("i12-zip64-carrier-two-fields.zip", 3, M_Z64_TWO_LOCAL, zip64_carrier(True),
     {"local header mismatch"}),
    ("i12-zip64-carrier-csize-only.zip", 3, M_Z64_LOCAL, zip64_carrier(False),
     {"local header mismatch"}),
    ("i12-zip64-local-unmarked-field.zip", 3, M_Z64_LOCAL,
     zip64_local(None, [lambda u, c: u, lambda u, c: c]), set()),
    ("i12-zip64-local-usize-only.zip", 3, M_Z64_LOCAL,
     zip64_local((None, MARK), [lambda u, c: u, lambda u, c: c]), {"local header mismatch"}),
    ("i12-zip64-local-field-long.zip", 3, M_Z64_LOCAL,
     zip64_local((MARK, MARK), [lambda u, c: u, lambda u, c: c, lambda u, c: 0]), set()),
    ("i12-zip64-local-field-short.zip", 3, M_Z64_LOCAL,
     zip64_local((MARK, MARK), [lambda u, c: u]), {"local header mismatch"}),
    ("i12-zip64-central-unmarked-field.zip", 3, M_Z64_CENTRAL,
     zip64_central(None, lambda u, c: z64_field(u)), set()),
    ("i12-zip64-central-two-fields.zip", 3, M_Z64_TWO_CENTRAL,
     zip64_central((MARK, MARK), lambda u, c: z64_field(u, c) + z64_field(u, c)), set()),
    ("i12-zip64-central-extra-value.zip", 3, M_Z64_CENTRAL,
     zip64_central((MARK, MARK), lambda u, c: z64_field(u, c, 0)), set()),
]


M_CERTFILE = "a payload file that holds certificates"
M_TOO_LARGE = "too large"
ROOT_CN = "Microsoft Identity Verification Root Certificate Authority 2020"


def ca_issued(tmp, tag, dn):
    """A certificate (DER) with the [dn] lines given, issued by a throwaway
    test CA (so not self-issued), UTF-8 kept as it is."""
    ca_key, ca_crt = os.path.join(tmp, "i12-ca.key"), os.path.join(tmp, "i12-ca.pem")
    if not os.path.exists(ca_crt):
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                        "ec_paramgen_curve:P-256", "-nodes", "-keyout", ca_key, "-subj",
                        "/CN=mkkits test CA", "-days", "30", "-out", ca_crt],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    conf = os.path.join(tmp, tag + ".cnf")
    with open(conf, "w", encoding="utf-8") as f:
        f.write("[req]\nprompt = no\nutf8 = yes\nstring_mask = utf8only\n"
                "distinguished_name = dn\n[dn]\n" + dn)
    key, csr, out = (os.path.join(tmp, tag + x) for x in (".key", ".csr", ".cer"))
    subprocess.run(["openssl", "req", "-new", "-config", conf, "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", csr],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(["openssl", "x509", "-req", "-in", csr, "-CA", ca_crt, "-CAkey", ca_key,
                    "-set_serial", "7", "-days", "30", "-outform", "DER", "-out", out],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(out, "rb") as f:
        return f.read()


def lookalike_as(ctx, form):
    """The look-alike root in another container: pem, p7b, pfx, sst."""
    der = lookalike_root(ctx.tmp)
    d = os.path.join(ctx.tmp, "i12-" + form)
    with open(d + ".der", "wb") as f:
        f.write(der)
    pem = subprocess.run(["openssl", "x509", "-inform", "DER", "-in", d + ".der"],
                         check=True, capture_output=True).stdout
    if form == "pem":
        return pem
    with open(d + ".pem", "wb") as f:
        f.write(pem)
    if form == "p7b":
        return subprocess.run(["openssl", "crl2pkcs7", "-nocrl", "-certfile", d + ".pem",
                               "-outform", "DER"], check=True, capture_output=True).stdout
    if form == "pfx":
        return subprocess.run(["openssl", "pkcs12", "-export", "-nokeys", "-in", d + ".pem",
                               "-passout", "pass:"], check=True, capture_output=True).stdout
    # A serialized store's layout: 0, "CERT", then elements (here: the DER
    # behind an element header, enough for the sniff and for certutil to try).
    return b"\0\0\0\0CERT" + struct.pack("<III", 0x20, 1, len(der)) + der


def payload_extra(name, data_of):
    def build(ctx):
        return kit(ctx.files() + [(name, data_of(ctx))])
    return build


def many_manifests(n, pad_lines):
    """n extra manifests (ids i12-NNN, Windows "9.9" builds NNN, no-update),
    each padded with pad_lines comment lines of 500 bytes."""
    def build(ctx):
        extra = []
        for i in range(n):
            mid = b"i12-%03d" % i
            body = (b"# " + b"p" * 498 + b"\n") * pad_lines + (
                b"format: acskit-manifest 2\nid: " + mid + b"\ntitle: Test " + mid +
                b"\nmatch-version: 9.9\nmatch-build: %d\nmatch-product: any\n"
                b"requirement: no-update\nsource: m inference mkkits\nbasis: row inferred m\n"
                b"checked: 2026-11-21\nadvice: none.\n" % (i + 1))
            extra.append((b"manifests/" + mid + b".manifest", body))
        return kit(ctx.files() + extra)
    return build


def index_lists_sig(ctx):
    sig = (CHAIN_DIR[:0] + b"index.sha256.sig", bytes(range(64)))
    return kit(ctx.files() + [sig])


HIDDEN_CHARS = [("u2028", "\u2028"), ("u200b", "\u200b"), ("ufeff", "\ufeff"),
                ("u00ad", "\u00ad"), ("u00a0", "\u00a0")]

ISSUE12_CASES += [
    # 6. Certificates riding along as payload files, by content.
    ("i12-cert-pem.zip", 3, M_CERTFILE,
     payload_extra(b"payload/root.pem", lambda c: lookalike_as(c, "pem")), set()),
    ("i12-cert-p7b.zip", 3, M_CERTFILE,
     payload_extra(b"payload/roots.p7b", lambda c: lookalike_as(c, "p7b")), set()),
    ("i12-cert-pfx.zip", 3, M_CERTFILE,
     payload_extra(b"payload/root.pfx", lambda c: lookalike_as(c, "pfx")), set()),
    ("i12-cert-sst.zip", 3, M_CERTFILE,
     payload_extra(b"payload/roots.sst", lambda c: lookalike_as(c, "sst")), set()),
    ("i12-cert-der-as-bin.zip", 3, M_CERTFILE,
     payload_extra(b"payload/root.bin", lambda c: lookalike_root(c.tmp)), set()),
    ("i12-cert-pem-in-text.zip", 3, M_CERTFILE,
     payload_extra(b"payload/notes.txt",
                   lambda c: b"Install this too:\n" + lookalike_as(c, "pem")), set()),
    ("i12-cert-p7b-as-txt.zip", 3, M_CERTFILE,
     payload_extra(b"payload/readme.txt", lambda c: lookalike_as(c, "p7b")), set()),
    # 6. Chain members that are roots, or pass for the root.
    ("i12-chain-self-issued.zip", 3, M_CHAIN,
     chain_add(CHAIN_DIR + b"self.cer",
               lambda c: self_signed(c.tmp, "i12self", "CN = Contoso Code Signing CA\n")), set()),
    ("i12-chain-root-subject.zip", 3, M_CHAIN,
     chain_add(CHAIN_DIR + b"rootname.cer",
               lambda c: ca_issued(c.tmp, "i12rootname",
                                   "C = US\nO = Microsoft Corporation\nCN = " + ROOT_CN + "\n")), set()),
    ("i12-chain-root-cn.zip", 3, M_CHAIN,
     chain_add(CHAIN_DIR + b"rootcn.cer",
               lambda c: ca_issued(c.tmp, "i12rootcn", "O = Contoso\nCN = " + ROOT_CN + "\n")), set()),
    # The CN rules, with a member that is not self-issued (the corpus's
    # chain-cn-bidi and chain-no-cn are self-signed, now refused first).
    ("i12-chain-cn-bidi-issued.zip", 3, M_CHAIN,
     chain_add(CHAIN_DIR + b"bidi.cer",
               lambda c: ca_issued(c.tmp, "i12bidi", "CN = Contoso \u202eexe.txt\n")), set()),
    ("i12-chain-cn-zwsp-issued.zip", 3, M_CHAIN,
     chain_add(CHAIN_DIR + b"zwsp.cer",
               lambda c: ca_issued(c.tmp, "i12zwsp", "CN = Micro\u200bsoft Code Signing PCA\n")), set()),
    ("i12-chain-issued-ok.zip", 0, "",
     chain_add(CHAIN_DIR + b"contoso.cer",
               lambda c: ca_issued(c.tmp, "i12ok", "CN = Contoso Code Signing PCA\n")), set()),
    # 8. Memory: many manifests, or large ones, each within its own limit.
    ("i12-manifests-257.zip", 3, M_TOO_LARGE, many_manifests(257 - 25, 0), {M_MANOVER}),
    ("i12-manifests-2mib.zip", 3, M_TOO_LARGE, many_manifests(36, 120), set()),
    # 9. A name that is, case-folded, a folder of another.
    ("i12-name-file-and-folder.zip", 3, M_NAME,
     lambda c: kit(c.files() + [(b"payload/sub", b"a\n"), (b"payload/sub/x.txt", b"b\n")]), set()),
    ("i12-name-file-and-folder-case.zip", 3, M_NAME,
     lambda c: kit(c.files() + [(b"payload/SUB", b"a\n"), (b"payload/sub/x.txt", b"b\n")]), set()),
    ("i12-name-manifest-folder.zip", 3, M_NAME,
     lambda c: kit(c.files() + [(b"payload/Manifests", b"a\n"), (b"payload/manifests/x.txt", b"b\n")]),
     set()),
    # 10. Echoed names: every byte outside printable ASCII escaped (cases.tsv
    # matches the escaped text, see ISSUE12_TSV_MSG); hidden characters in
    # labels and manifest text refused.
    ("i12-name-csi-8bit.zip", 3, M_NAME, extra_named(b"payload/x\x9b31m"), NAME_COMPANIONS),
    ("i12-name-c1-utf8.zip", 3, M_NAME, extra_named(b"payload/x\xc2\x9b31m"), NAME_COMPANIONS),
    ("i12-name-bidi.zip", 3, M_NAME, extra_named(b"payload/\xe2\x80\xaetxt.exe"), NAME_COMPANIONS),
] + [
    ("i12-label-%s.zip" % tag, 3, M_BADINDEX,
     index_args(label=("mk" + ch + "kits").encode("utf-8")), set())
    for tag, ch in HIDDEN_CHARS
] + [
    ("i12-manifest-%s.zip" % tag, 3, M_MANIFEST,
     manifest_append(("note: a" + ch + "b\n").encode("utf-8")), set())
    for tag, ch in HIDDEN_CHARS
] + [
    # 11. The index lists its own signature.
    ("i12-index-lists-sig.zip", 3, M_BADINDEX, index_lists_sig, {M_UNEXP}),
]

ISSUE12_TSV_MSG = {
    "i12-name-csi-8bit.zip": '"payload/x\\x9B31m"',
    "i12-name-c1-utf8.zip": '"payload/x\\xC2\\x9B31m"',
    "i12-name-bidi.zip": '"payload/\\xE2\\x80\\xAEtxt.exe"',
    "i12-name-file-and-folder.zip": 'unsafe entry name: "payload/sub": a file, and (case-folded) a folder',
    "i12-name-file-and-folder-case.zip": 'unsafe entry name: "payload/SUB": a file, and (case-folded) a folder',
}


def hidden_char(c):
    """C0/C1, DEL, and what issue 12 adds: format (Cf), separators (Zl, Zp),
    spaces other than U+0020 (Zs)."""
    o = ord(c)
    return (o < 0x20 or 0x7F <= o < 0xA0
            or unicodedata.category(c) in ("Cf", "Zl", "Zp")
            or (unicodedata.category(c) == "Zs" and c != " "))


_containers = {}


def cert_container(data):
    """Independent of the runner's sniff: what openssl or the formats' own
    magic say about a payload file."""
    key = hashlib.sha256(data).hexdigest()
    if key not in _containers:
        _containers[key] = cert_container_uncached(data)
    return _containers[key]


def cert_container_uncached(data):
    if re.search(rb"(^|\n)-----BEGIN ", data) or data[:8] == b"\0\0\0\0CERT":
        return True
    for cmd in (["openssl", "x509", "-inform", "DER", "-noout"],
                ["openssl", "pkcs7", "-inform", "DER", "-noout"],
                ["openssl", "pkcs12", "-info", "-nokeys", "-noout", "-passin", "pass:"]):
        if data[:1] == b"\x30" and subprocess.run(cmd, input=data, capture_output=True).returncode == 0:
            return True
    return False


def issue12_more_defects(recs, data):
    found = []
    names = [r["name"] for r in recs]
    folded = {n.lower() for n in names}
    for n in names:
        parts = n.split(b"/")
        if any(b"/".join(parts[:i]).lower() in folded for i in range(1, len(parts))):
            found.append(M_NAME)
    for n, d in data.items():
        if n.startswith(b"payload/") and not is_cert(n) and not is_chain(n) and cert_container(d):
            found.append(M_CERTFILE)
    mans = [n for n in names if n.startswith(b"manifests/") and n.endswith(b".manifest")]
    if len(mans) > 256 or sum(len(data.get(n, b"")) for n in mans) > 2097152:
        found.append(M_TOO_LARGE)
    return found


def issue12_zip_defects(z, recs):
    """APPNOTE 4.5.3, read raw: at most one ZIP64 field per header, holding
    exactly the values whose 32-bit fields are 0xFFFFFFFF (a local header: both
    sizes or none)."""
    found = []
    for r in recs:
        p = r["central_at"]
        _, _, _, _, _, _, _, _, cc, cu, nlen, xlen, _, disk, _, _, off = CENTRAL.unpack_from(z, p)
        cx = z[p + CENTRAL.size + nlen:p + CENTRAL.size + nlen + xlen]
        tags = list(extra_fields(cx))
        if any(t != 1 for t, _ in tags) or len(tags) > 1:
            found.append(M_Z64_TWO_CENTRAL)
        else:
            marks = [cu, cc, off].count(MARK)
            if disk or (marks == 0) != (not tags) or (tags and len(tags[0][1]) != 8 * marks):
                found.append(M_Z64_CENTRAL)
        o = r["offset"]
        lv = LOCAL.unpack_from(z, o)
        lc, lu, nlen, xlen = lv[7], lv[8], lv[9], lv[10]
        lx = z[o + LOCAL.size + nlen:o + LOCAL.size + nlen + xlen]
        tags = list(extra_fields(lx))
        if any(t != 1 for t, _ in tags) or len(tags) > 1:
            found.append(M_Z64_TWO_LOCAL)
        else:
            marks = [lu, lc].count(MARK)
            if marks == 1 or (marks == 0) != (not tags) or (tags and len(tags[0][1]) != 16):
                found.append(M_Z64_LOCAL)
    return found


def extra_fields(x):
    p = 0
    while p + 4 <= len(x):
        t, n = Z64.unpack_from(x, p)
        yield t, x[p + 4:p + 4 + n]
        p += 4 + n


CASES += ISSUE12_CASES


# ---------------------------------------------------------------------------
# Independent checker: a raw zip reader and the rules of docs/kit-format.md,
# sharing nothing with the writer above except the constants of the format.
# ---------------------------------------------------------------------------

class NotZip(Exception):
    pass


def read_end(z):
    """The end-of-central-directory record (as a tuple), or NotZip."""
    lowest = max(0, len(z) - END.size - 0xFFFF)   # the comment is at most 64 KiB
    for p in range(len(z) - END.size, lowest - 1, -1):
        if z[p:p + 4] == SIG_END:
            rec = END.unpack_from(z, p)
            if p + END.size + rec[7] == len(z):
                return rec + (p,)
    raise NotZip("no end of central directory")


def read_zip(z):
    """List of dicts, one per central-directory record, with the matching
    local header's fields under 'local'."""
    _, disk, cd_disk, n_here, n, cd_size, cd_off, _, end_pos = read_end(z)
    if disk or cd_disk or n_here != n or cd_off + cd_size != end_pos:
        raise NotZip("bad end record")
    recs, p = [], cd_off
    for _ in range(n):
        if z[p:p + 4] != SIG_CENTRAL or p + CENTRAL.size > end_pos:
            raise NotZip("bad central record")
        (_, made_by, need, flags, method, time, date, crc, csize, usize, nlen, xlen,
         clen, disk, iattr, eattr, off) = CENTRAL.unpack_from(z, p)
        name = z[p + CENTRAL.size:p + CENTRAL.size + nlen]
        x = z[p + CENTRAL.size + nlen:p + CENTRAL.size + nlen + xlen]
        usize, csize, off = zip64_values(x, [usize, csize, off])
        recs.append(dict(central_at=p, name=name, made_by=made_by, need=need, flags=flags,
                         method=method, time=time, date=date, crc=crc, csize=csize,
                         usize=usize, extra=xlen, comment=clen, iattr=iattr,
                         eattr=eattr, offset=off))
        p += CENTRAL.size + nlen + xlen + clen
    if p != end_pos:
        raise NotZip("central directory size")
    for r in recs:
        o = r["offset"]
        if z[o:o + 4] != SIG_LOCAL or o + LOCAL.size > cd_off:
            raise NotZip("bad local header")
        (_, need, flags, method, time, date, crc, csize, usize, nlen,
         xlen) = LOCAL.unpack_from(z, o)
        start = o + LOCAL.size + nlen + xlen
        usize, csize = zip64_values(z[o + LOCAL.size + nlen:start], [usize, csize])
        r["local"] = dict(name=z[o + LOCAL.size:o + LOCAL.size + nlen], flags=flags,
                          method=method, time=time, date=date, crc=crc, csize=csize,
                          usize=usize, extra=xlen, start=start, end=start + r["csize"])
    return recs


def zip64_values(extra, values):
    """values (sizes, offset) with each 0xFFFFFFFF replaced, in order, by the
    next 8 bytes of a ZIP64 extra field (tag 1), if extra holds one."""
    p = 0
    while p + 4 <= len(extra):
        tag, n = struct.unpack_from("<HH", extra, p)
        if tag == 1:
            body, out = extra[p + 4:p + 4 + n], []
            for v in values:
                if v == 0xFFFFFFFF and len(body) >= 8:
                    v, body = struct.unpack_from("<Q", body)[0], body[8:]
                out.append(v)
            return out
        p += 4 + n
    return values


DEVICES = {b"CON", b"PRN", b"AUX", b"NUL", b"CONIN$", b"CONOUT$"} | {
    b"%s%d" % (d, i) for d in (b"COM", b"LPT") for i in range(10)}


def name_problem(name):
    if not name or len(name) > 255:
        return "length"
    segs = name.split(b"/")
    if len(segs) > 8:
        return "too many segments"
    if name.startswith(b"/") or b"\\" in name:
        return "absolute or backslash"
    if b":" in name:
        return "drive or stream"
    for s in segs:
        if s in (b"", b".", b".."):
            return "empty, . or .. segment"
        if s.endswith((b".", b" ")):
            return "segment ends in dot or space"
        if s.split(b".")[0].upper() in DEVICES:
            return "device name"
    if any(c < 0x20 or c >= 0x7F for c in name):
        return "control or non-ASCII byte"
    if re.search(rb"[^A-Za-z0-9._/-]", name):
        return "character outside the set"
    return None


def name_allowed(name):
    return (name == INDEX or (name.startswith(b"payload/") and len(name) > 8)
            or (name.startswith(b"manifests/") and name.endswith(b".manifest")))


def parse_index(b):
    """{name: (size, sha256 hex)} or ValueError."""
    if len(b) > 1 << 20 or b"\r" in b or not b.endswith(b"\n"):
        raise ValueError("size, CR or final LF")
    lines = b[:-1].split(b"\n")
    head = [b"# acskit-index 1", b"# label: ", b"# created: ", b"# builder: ",
            b"# entries: "]
    if len(lines) < 5 or lines[0] != head[0] or not all(
            l.startswith(h) for l, h in zip(lines[1:5], head[1:])):
        raise ValueError("header")
    label = lines[1][len(head[1]):]
    text = label.decode("utf-8")                          # ValueError if not UTF-8
    if not 1 <= len(label) <= 200 or label != label.strip(b" ") or any(
            hidden_char(c) for c in text):
        raise ValueError("label")
    m = re.fullmatch(rb"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z", lines[2][len(head[2]):])
    if not m:
        raise ValueError("created")
    t = datetime.datetime(*map(int, m.groups()))      # ValueError if not a real date
    if not datetime.datetime(1980, 1, 1) <= t <= datetime.datetime(2107, 12, 31, 23, 59, 58):
        raise ValueError("created")
    if not re.fullmatch(rb"[\x20-\x7e]{1,64}", lines[3][len(head[3]):]):
        raise ValueError("builder")
    m = re.fullmatch(rb"[1-9][0-9]{0,4}", lines[4][len(head[4]):])
    n = int(m.group()) if m else 0
    if not 1 <= n <= 10000 or len(lines) != 5 + 2 * n:
        raise ValueError("entries")
    out, last = {}, None
    for i in range(5, len(lines), 2):
        m1 = re.fullmatch(rb"# entry: (0|[1-9][0-9]*) (.+)", lines[i], re.S)
        m2 = re.fullmatch(rb"([0-9a-f]{64})  (.+)", lines[i + 1], re.S)
        if not m1 or not m2 or m1.group(2) != m2.group(2):
            raise ValueError("entry lines")
        name = m1.group(2)
        if (int(m1.group(1)) >= 1 << 63 or name_problem(name) or name in (INDEX, INDEX + b".sig")
                or (last is not None and name <= last)):
            raise ValueError("entry %r" % name)
        out[name], last = (int(m1.group(1)), m2.group(1).decode()), name
    return out


MANIFEST_KEYS = {"format", "id", "title", "match-version", "match-build",
                 "match-product", "requirement", "min-ubr", "fix", "also-fixed-by",
                 "warn-below-ubr", "rollup-oct2021", "security-only-oct2021",
                 "rollup", "prerequisite", "source", "checked", "note", "advice",
                 "match-product-name", "basis"}


def parse_manifest(name, data):
    """(version, [(lo, hi)], product) or ValueError. Checks the lexical rules,
    the key set, format/id/match fields; not every conditional field rule."""
    if len(data) > 65536 or b"\r" in data or not data.endswith(b"\n"):
        raise ValueError("size, CR or final LF")
    fields = []
    for no, line in enumerate(data[:-1].decode("utf-8").split("\n"), 1):
        if len(line.encode()) > 512 or any(ord(c) < 0x20 or ord(c) == 0x7F for c in line) \
                or any(hidden_char(c) for c in line):
            raise ValueError("line %d: length or control" % no)
        if line == "" or line.startswith("#"):
            continue
        m = re.fullmatch(r"([a-z0-9-]+): (\S(?:.*\S)?)", line)
        if not m or m.group(1) not in MANIFEST_KEYS:
            raise ValueError("line %d: field" % no)
        fields.append(m.groups())
    if not fields or fields[0] != ("format", "acskit-manifest 2"):
        raise ValueError("format")
    f = {}
    for k, v in fields:
        f.setdefault(k, []).append(v)
    for k in ("id", "title", "match-version", "match-build", "match-product",
              "requirement", "checked"):
        if len(f.get(k, [])) != 1:
            raise ValueError("%s count" % k)
    for k in ("match-product-name",):
        if len(f.get(k, [])) > 1:
            raise ValueError("%s count" % k)
    for k in ("source", "advice"):
        if not f.get(k):
            raise ValueError("%s missing" % k)
    mid = f["id"][0]
    if (not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,39}", mid)
            or name != b"manifests/" + mid.encode() + b".manifest"):
        raise ValueError("id")
    if not re.fullmatch(r"\d+\.\d+", f["match-version"][0]):
        raise ValueError("match-version")
    builds = []
    for part in f["match-build"][0].split(", "):
        m = re.fullmatch(r"(\d+)(?:-(\d+)|(\+))?", part)
        if not m:
            raise ValueError("match-build")
        lo = int(m.group(1))
        hi = int(m.group(2)) if m.group(2) else 99999 if m.group(3) else lo
        if not lo <= hi <= 99999:
            raise ValueError("match-build range")
        builds.append((lo, hi))
    if f["match-product"][0] not in ("workstation", "server", "any"):
        raise ValueError("match-product")
    if f["requirement"][0] not in ("native", "build-ubr", "legacy-kb", "no-update"):
        raise ValueError("requirement")
    return (f["match-version"][0], builds, f["match-product"][0],
            f.get("match-product-name", [None])[0])


def manifests_collide(a, b):
    # A manifest narrowed by a product name may lie inside a broad one.
    (va, ba, pa, na), (vb, bb, pb, nb) = a, b
    return (va == vb and (pa == pb or "any" in (pa, pb)) and na == nb
            and any(lo1 <= hi2 and lo2 <= hi1 for lo1, hi1 in ba for lo2, hi2 in bb))


_verified = {}


def self_signed_ok(der):
    """openssl: parses as X.509, self-signed, signature valid."""
    key = hashlib.sha256(der).hexdigest()
    if key not in _verified:
        with tempfile.TemporaryDirectory() as d:
            der_p, pem_p = os.path.join(d, "c.der"), os.path.join(d, "c.pem")
            with open(der_p, "wb") as f:
                f.write(der)
            ok = subprocess.run(["openssl", "x509", "-inform", "DER", "-in", der_p,
                                 "-out", pem_p], capture_output=True).returncode == 0
            ok = ok and subprocess.run(
                ["openssl", "verify", "-no-CApath", "-no-CAstore", "-check_ss_sig",
                 "-CAfile", pem_p, pem_p], capture_output=True).returncode == 0
        _verified[key] = ok
    return _verified[key]


def analyse(z):
    """Every defect found in kit bytes z, in the order of the spec's steps,
    named by the runner's message (plus two checker-only kinds about
    local headers and 'bad certificate'). A deflate stream that does not end
    exactly at its compressed size is the runner's 'corrupt entry data'."""
    try:
        recs = read_zip(z)
    except NotZip:
        return [M_ZIP]
    if read_end(z)[7]:
        return [M_ZIP]                                # a zip comment
    found = []

    def add(m):
        if m not in found:
            found.append(m)

    # Step 1: container and name rules.
    seen = set()
    for r in recs:
        loc = r["local"]
        if name_problem(r["name"]):
            add(M_NAME)
        if r["name"].lower() in seen:
            add(M_DUP)
        seen.add(r["name"].lower())
        if not name_allowed(r["name"]):
            add(M_UNEXP)
        if r["flags"] & 0x41 or loc["flags"] & 0x41:
            add(M_ENC)
        if r["method"] not in (0, 8) or loc["method"] not in (0, 8):
            add(M_METHOD)
        if r["method"] == 8 and r["usize"] > RATIO_ALLOWANCE + MAX_RATIO * r["csize"]:
            add(M_RATIO)
        if any(loc[k] != r[k] for k in ("flags", "method", "crc", "csize", "usize")) \
                or len(loc["name"]) != len(r["name"]) or r["flags"] & 8:
            add("local header mismatch")
        if loc["name"] != r["name"]:
            add("local name differs")
    for m in issue12_zip_defects(z, recs):
        add(m)
    spans = sorted((r["offset"], r["local"]["end"]) for r in recs)
    if any(s2 < e1 for (s1, e1), (s2, e2) in zip(spans, spans[1:])):
        add(M_OVERLAP)
    elif any(s2 > e1 for (s1, e1), (s2, e2) in zip(spans, spans[1:])):
        add(M_GAP)

    # Step 2: the index.
    idx = [r for r in recs if r["name"] == INDEX]
    index = None
    if not idx:
        add(M_NOINDEX)
    else:
        try:
            index = parse_index(content(z, idx[0]))
        except (ValueError, UnicodeDecodeError):
            add(M_BADINDEX)

    # Step 3: index coverage.
    names = {r["name"] for r in recs if r["name"] != INDEX}
    if index is not None:
        if names - set(index):
            add(M_UNLISTED)
        if set(index) - names:
            add(M_MISSING)

    # Step 4: every entry's data.
    data = {}
    for r in recs:
        if r["method"] not in (0, 8):
            continue
        d = content(z, r)
        if d is None:
            add(M_CORRUPT)
            continue
        data[r["name"]] = d
        if len(d) != r["usize"]:
            add(M_SIZE)
        if zlib.crc32(d) != r["crc"]:
            add(M_CRC)
        if index is not None and r["name"] in index:
            size, sha = index[r["name"]]
            if size != len(d):
                add(M_SIZE)
            if sha != hashlib.sha256(d).hexdigest():
                add(M_SHA)

    for m in issue12_more_defects(recs, data):
        add(m)

    # Step 5: the certificate.
    certs = [n for n in names if is_cert(n)]
    if not certs:
        add(M_NOCERT)
    elif len(certs) > 1:
        add(M_CERTS)
    elif certs[0] in data and hashlib.sha256(data[certs[0]]).hexdigest() != PIN:
        add(M_PIN)
    for n in certs:
        if n in data and not self_signed_ok(data[n]):
            add(M_BADCERT)
    chain = [n for n in names if is_chain(n)]
    if len(chain) > CHAIN_MAX:
        add(M_CHAIN)
    for n in chain:
        if n in data and chain_problem(data[n]):
            add(M_CHAIN)

    # Step 6: manifests.
    mans = [n for n in names if n.startswith(b"manifests/") and n.endswith(b".manifest")]
    if not mans:
        add(M_NOMAN)
    parsed = []
    for n in (n for n in mans if n in data):
        try:
            parsed.append(parse_manifest(n, data[n]))
        except (ValueError, UnicodeDecodeError):
            add(M_MANIFEST)
    if any(manifests_collide(a, b) for i, a in enumerate(parsed) for b in parsed[i + 1:]):
        add(M_MANOVER)
    return found


def der_items(b):
    """[(tag, content)] of the DER elements that fill b, or ValueError."""
    out, p = [], 0
    while p < len(b):
        if len(b) - p < 2:
            raise ValueError("short")
        tag, n, p = b[p], b[p + 1], p + 2
        if n & 0x80:
            k = n & 0x7F
            if not 1 <= k <= 4 or len(b) - p < k:
                raise ValueError("length")
            n, p = int.from_bytes(b[p:p + k], "big"), p + k
        if len(b) - p < n:
            raise ValueError("content")
        out.append((tag, b[p:p + n]))
        p += n
    return out


def subject_cn(der):
    """The first CN of the subject, as text ("" if none)."""
    tbs = der_items(der_items(der_items(der)[0][1])[0][1])
    if tbs[0][0] == 0xA0:                                # [0] version
        tbs = tbs[1:]
    for _, rdn in der_items(tbs[4][1]):                 # serial, alg, issuer, validity, subject
        for _, atv in der_items(rdn):
            (_, oid), (tag, v) = der_items(atv)[:2]
            if oid == b"\x55\x04\x03":
                codec = {0x0C: "utf-8", 0x1E: "utf-16-be", 0x1C: "utf-32-be"}.get(tag, "latin-1")
                return v.decode(codec)
    return ""


_parsed = {}
_issued = {}


def chain_problem(der):
    """Why a chain entry breaks the rules, or None."""
    if len(der) > CERT_MAX:
        return "larger than 64 KiB"
    if hashlib.sha256(der).hexdigest() == PIN:
        return "the root"
    try:
        items = der_items(der)
        cn = subject_cn(der)
    except (ValueError, IndexError, UnicodeDecodeError):
        return "not one DER element"
    if len(items) != 1 or items[0][0] != 0x30:
        return "not one DER element"
    key = hashlib.sha256(der).hexdigest()
    if key not in _parsed:
        _parsed[key] = subprocess.run(["openssl", "x509", "-inform", "DER", "-noout"], input=der,
                                      capture_output=True).returncode == 0
    if not _parsed[key]:
        return "openssl cannot parse it"
    if not cn or any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 or ord(c) in BIDI for c in cn):
        return "CN missing or not printable"
    if any(hidden_char(c) for c in cn) or cn.lower() == ROOT_CN.lower():
        return "CN hidden characters, or the root's"
    if key not in _issued:
        subj = subprocess.run(["openssl", "x509", "-inform", "DER", "-noout", "-subject", "-issuer",
                               "-nameopt", "RFC2253"], input=der, capture_output=True).stdout.split(b"\n")
        _issued[key] = len(subj) >= 2 and subj[0][len(b"subject="):] == subj[1][len(b"issuer="):]
    if _issued[key]:
        return "self-issued"
    return None


def content(z, r):
    """The entry's data as the central directory describes it, or None if a
    deflate stream does not end exactly at the compressed size."""
    loc = r["local"]
    raw = z[loc["start"]:loc["end"]]
    if r["method"] == 0:
        return raw
    d = zlib.decompressobj(-15)
    try:
        out = d.decompress(raw) + d.flush()
    except zlib.error:
        return None
    return out if d.eof and not d.unused_data else None


def builder_style(z, stored=False, index_last=True):
    """The builder rules of section 1 that a reader does not check: problems."""
    recs, problems = read_zip(z), []
    if z[-2:] != b"\x00\x00":
        problems.append("zip comment")
    names = [r["name"] for r in recs]
    order = sorted(n for n in names if n != INDEX) + [INDEX]
    if index_last and names != order:
        problems.append("order")
    for r in recs:
        want = 0 if stored else default_method(r["name"])
        if (r["method"] != want or r["extra"] or r["comment"] or r["local"]["extra"]
                or r["made_by"] >> 8 != 3 or r["eattr"] != FILE_ATTR
                or (r["time"], r["date"]) != (DOS_TIME, DOS_DATE)
                or (r["local"]["time"], r["local"]["date"]) != (DOS_TIME, DOS_DATE)):
            problems.append("entry %r" % r["name"])
    return problems


def check_case(file, code, msg, z, companions):
    """Errors (empty if the kit is as intended)."""
    found = analyse(z)
    if code == 0:
        errs = ["defects %s" % found] if found else []
        try:
            with zipfile.ZipFile(io.BytesIO(z)) as zf:
                if zf.testzip() is not None:
                    errs.append("zipfile testzip failed")
        except zipfile.BadZipFile as e:
            errs.append("zipfile: %s" % e)
        if file.startswith("good"):                   # zip64-index.zip is zipfile's
            errs += builder_style(z, stored=file == "good-stored.zip",
                                  index_last=file != "good-reordered.zip")
        return errs
    errs = []
    if msg not in found:
        errs.append("intended defect %r not found (found %s)" % (msg, found))
    extra = [f for f in found if f != msg and f not in companions]
    if extra:
        errs.append("other defects %s" % extra)
    if msg != M_ZIP:
        try:
            read_zip(z)
        except NotZip as e:
            errs.append("not a zip: %s" % e)
    return errs



# ---------------------------------------------------------------------------
# ZIP64 disagreements (issue 15). Each lie has an honest twin, written by the
# same code with the same ZIP64 structures, that the runner must accept: so
# the refusal can only come from the one field that lies. A separate writer
# and checker (struct only), sharing nothing with the code above but the
# constants of the format.
# ---------------------------------------------------------------------------

SIG_END64, SIG_LOC64 = b"PK\x06\x06", b"PK\x06\x07"
END64 = struct.Struct("<4sQHHIIQQQQ")                 # 56 bytes
LOC64 = struct.Struct("<4sIQI")                       # 20 bytes
MARK32 = 0xFFFFFFFF


def z64_kit(ctx, local64=None, usize_delta=0, end64=False, classic=None, files=None, unlisted=()):
    """The good kit's entries (or files), written here, then unlisted
    (name, data) pairs the index does not list. local64: the one entry whose
    local header defers its sizes to a ZIP64 extra field, which gives the
    uncompressed size plus usize_delta; end64: a ZIP64 end record and locator
    before the classic one, whose fields are the real values unless classic
    ({'count', 'cd_size', 'cd_off'}) overrides them."""
    files = files if files is not None else ctx.files()
    files = sorted(files) + [(INDEX, make_index(files))] + list(unlisted)
    out, cd, offsets = bytearray(), bytearray(), []
    for name, data in files:
        method = default_method(name)
        comp = compress(data, method)
        crc = zlib.crc32(data)
        need, sizes, extra = VERSION_NEEDED, (len(comp), len(data)), b""
        if name == local64:
            need, sizes = 45, (MARK32, MARK32)
            extra = struct.pack("<HHQQ", 1, 16, len(data) + usize_delta, len(comp))
        offsets.append(len(out))
        out += LOCAL.pack(SIG_LOCAL, need, 0, method, DOS_TIME, DOS_DATE, crc,
                          sizes[0], sizes[1], len(name), len(extra)) + name + extra + comp
        cd += CENTRAL.pack(SIG_CENTRAL, MADE_BY, need, 0, method, DOS_TIME, DOS_DATE,
                           crc, len(comp), len(data), len(name), 0, 0, 0, 0, FILE_ATTR,
                           offsets[-1]) + name
    cd_off, n = len(out), len(files)
    out += cd
    real = dict(count=n, cd_size=len(cd), cd_off=cd_off)
    end = dict(real, **(classic or {}))
    if end64:
        z64_at = len(out)
        out += END64.pack(SIG_END64, 44, MADE_BY, 45, 0, 0, n, n, len(cd), cd_off)
        out += LOC64.pack(SIG_LOC64, 0, z64_at, 1)
    out += END.pack(SIG_END, 0, 0, end["count"], end["count"], end["cd_size"], end["cd_off"], 0)
    return bytes(out)


def z64_check(z, local64=None, usize_delta=0, end64=False, classic=None, files=None, unlisted=()):
    """Errors: reads z back and checks that it holds exactly the defects
    asked for (the lying fields) and that everything else is consistent."""
    errs = []
    end = END.unpack_from(z, len(z) - END.size)
    if end[0] != SIG_END or end[7] != 0:
        return ["no clean end record"]
    count, cd_size, cd_off = end[4], end[5], end[6]
    if end64:
        loc = LOC64.unpack_from(z, len(z) - END.size - LOC64.size)
        rec = END64.unpack_from(z, loc[2])
        if (loc[0], loc[1], loc[3]) != (SIG_LOC64, 0, 1) or loc[2] != len(z) - END.size - LOC64.size - END64.size:
            errs.append("ZIP64 locator")
        if rec[0] != SIG_END64 or rec[1] != 44 or rec[6] != rec[7] or rec[8] + rec[9] != loc[2]:
            errs.append("ZIP64 end record inconsistent")
        want = dict(count=rec[7], cd_size=rec[8], cd_off=rec[9])
        got = dict(count=count, cd_size=cd_size, cd_off=cd_off)
        lies = {k for k in want if got[k] != want[k]}
        if lies != set(classic or {}):
            errs.append("classic fields that differ: %s, want %s" % (sorted(lies), sorted(classic or {})))
        count, cd_size, cd_off = want["count"], want["cd_size"], want["cd_off"]
        cd_end = loc[2]
    else:
        cd_end = len(z) - END.size
    if cd_off + cd_size != cd_end:
        errs.append("central directory does not end where the end records begin")
    p, seen_lie = cd_off, 0
    for _ in range(count):
        (sig, _, _, _, method, _, _, crc, csize, usize, nlen, xlen, clen, _, _, _,
         off) = CENTRAL.unpack_from(z, p)
        name = z[p + CENTRAL.size:p + CENTRAL.size + nlen]
        p += CENTRAL.size + nlen + xlen + clen
        (lsig, _, _, lmethod, _, _, lcrc, lcsize, lusize, lnlen, lxlen) = LOCAL.unpack_from(z, off)
        x = z[off + LOCAL.size + lnlen:off + LOCAL.size + lnlen + lxlen]
        if lxlen:
            tag, xn, x_usize, x_csize = struct.unpack("<HHQQ", x)
            if (tag, xn, lcsize, lusize) != (1, 16, MARK32, MARK32):
                errs.append("%r: local extra is not a ZIP64 size field" % name)
            lcsize, lusize = x_csize, x_usize
        data = z[off + LOCAL.size + lnlen + lxlen:off + LOCAL.size + lnlen + lxlen + csize]
        if method == 8:
            data = zlib.decompress(data, -15)
        if (sig, lsig, lmethod, lcrc, lcsize) != (SIG_CENTRAL, SIG_LOCAL, method, crc, csize) \
                or zlib.crc32(data) != crc or len(data) != usize:
            errs.append("%r: inconsistent beyond the lie" % name)
        if lusize != usize:
            seen_lie += 1
            if name != local64 or lusize - usize != usize_delta:
                errs.append("%r: unexpected local size" % name)
    if p != cd_end:
        errs.append("central directory size")
    if seen_lie != (1 if usize_delta else 0):
        errs.append("%d local sizes lie, want %d" % (seen_lie, 1 if usize_delta else 0))
    return errs


def z64_cases(ctx):
    """(file, code, message, kit bytes, errors of the self-check) per case."""
    manifest = ctx.manifest[0]
    cases = [
        ("zip64-local-good.zip", 0, "", dict(local64=manifest)),
        # The compressed size agrees; only the uncompressed one lies.
        ("zip64-local-usize-lie.zip", 3, M_SIZE, dict(local64=manifest, usize_delta=1)),
        ("zip64-end-good.zip", 0, "", dict(end64=True)),
        ("zip64-end-good-marks.zip", 0, "",
         dict(end64=True, classic=dict(count=0xFFFF, cd_size=MARK32, cd_off=MARK32))),
        # The ZIP64 record is right (minizip reads it); the classic one lies.
        ("zip64-end-offset-lie.zip", 3, M_ZIP, dict(end64=True, classic=dict(cd_off=1))),
        ("zip64-end-size-lie.zip", 3, M_ZIP, dict(end64=True, classic=dict(cd_size=1))),
        ("zip64-end-count-lie.zip", 3, M_ZIP, dict(end64=True, classic=dict(count=1))),
    ]
    # Limits and cross-references a kit's content must keep, in kits whose zip
    # structure is honest (checked as above).
    ubr = [m for m in ctx.manifests if b"requirement: build-ubr" in m[1]][0]
    root = ctx.cert
    cases += [
        ("limit-signature-257.zip", 3, "bad signature: larger than 256 bytes", dict(unlisted=[(b"index.sha256.sig", bytes(257))])),
        ("limit-manifest-64k.zip", 3, "bad manifest: manifests/",
         dict(files=replaced(ctx.files(), ubr[0], ubr[1] + (b"# " + b"x" * 78 + b"\n") * 820))),
        ("limit-root-64k.zip", 3, "is larger than 65536 bytes", dict(files=replaced(ctx.files(), root[0], root[1] + bytes(65537 - len(root[1]))))),
        ("manifest-package-not-carried.zip", 3, "which the kit does not carry",
         dict(files=replaced(ctx.files(), ubr[0], ubr[1] + b"package: x64 KB5005625 payload/not-carried.msu\n"))),
    ]
    out = []
    for file, code, msg, kw in cases:
        z = z64_kit(ctx, **kw)
        check = dict(kw)
        if file.startswith("limit-signature"):
            check["unlisted"] = []        # the checker walks the listed entries
        if "classic" in check and code == 0:
            check["classic"] = {k for k, v in check["classic"].items()}
        errs = z64_check(z, **check)
        if code == 0:
            try:
                with zipfile.ZipFile(io.BytesIO(z)) as zf:
                    if zf.testzip() is not None:
                        errs.append("zipfile testzip failed")
            except zipfile.BadZipFile as e:
                errs.append("zipfile: %s" % e)
        out.append((file, code, msg, z, errs))
    return out


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

def list_zip(path):
    with open(path, "rb") as f:
        z = f.read()
    for r in read_zip(z):
        print("%r method=%d flags=%#x crc=%08x csize=%d usize=%d off=%d local=%r"
              % (r["name"], r["method"], r["flags"], r["crc"], r["csize"],
                 r["usize"], r["offset"], r["local"]["name"]))
    print("defects:", analyse(z) or "none")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--payload")
    ap.add_argument("--manifests")
    ap.add_argument("--out")
    ap.add_argument("--list", metavar="ZIP", help="dump a zip's central directory")
    a = ap.parse_args()
    if a.list:
        return list_zip(a.list)
    if not (a.payload and a.manifests and a.out):
        ap.error("--payload, --manifests and --out are required")
    os.makedirs(a.out, exist_ok=True)
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        ctx = Ctx(a.payload, a.manifests, tmp)
        rows = []
        for file, code, msg, build, companions in CASES:
            if companions is None:       # missing.zip: with one manifest, none left
                companions = {M_NOMAN} if len(ctx.manifests) == 1 else set()
            z = build(ctx)
            with open(os.path.join(a.out, file), "wb") as f:
                f.write(z)
            rows.append("%s\t%d\t%s\n" % (file, code, ISSUE12_TSV_MSG.get(file, msg)))
            failures += ["%s: %s" % (file, e) for e in check_case(file, code, msg, z, companions)]
        for file, code, msg, z, errs in z64_cases(ctx):
            with open(os.path.join(a.out, file), "wb") as f:
                f.write(z)
            rows.append("%s\t%d\t%s\n" % (file, code, msg))
            failures += ["%s: %s" % (file, e) for e in errs]
    with open(os.path.join(a.out, "cases.tsv"), "w") as f:
        f.writelines(rows)
    if failures:
        sys.stderr.write("mkkits: self-check failed:\n  " + "\n  ".join(failures) + "\n")
        return 1
    print(len(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
