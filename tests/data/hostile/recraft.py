#!/usr/bin/env python3
# usage: python3 tests/data/hostile/recraft.py TOP BUILD_DIR [WORK_DIR]
"""Re-crafts three fixed hostile kits of tests/data/hostile with the current
manifests: builds a good kit from the same payload, then reapplies each kit's
defect (a ZIP64 end record and locator; a README deflate stream with bytes after
its end or cut short, copied byte for byte from the old kit)."""
import struct, subprocess, sys, zipfile, os, shutil
top, bld = sys.argv[1], sys.argv[2]
H = os.path.join(top, 'tests/data/hostile')
tmp = sys.argv[3] if len(sys.argv) > 3 else 'build/recraft'
shutil.rmtree(tmp, ignore_errors=True); os.makedirs(tmp + '/payload')
old = zipfile.ZipFile(os.path.join(H, 'zip64-end-valid.zip'))
for n in ('payload/README.md', 'payload/microsoft-identity-verification-root-ca-2020.cer'):
    open(os.path.join(tmp, n), 'wb').write(old.read(n))
label = 'ACS root and Windows readiness manifests'
subprocess.run([bld + '/acskit-build', '-o', tmp + '/good.zip', '--payload', tmp + '/payload',
                '--manifests', os.path.join(top, 'manifests'), '--label', label,
                '--created', '2026-01-01T00:00:00Z'], check=True, stdout=subprocess.DEVNULL)
good = open(tmp + '/good.zip', 'rb').read()

def entries(b):
    eocd = b.rfind(b'PK\x05\x06')
    n, cdsize, cdoff = struct.unpack('<HII', b[eocd + 10:eocd + 20])
    out, p = [], cdoff
    for _ in range(n):
        nl, el, cl = struct.unpack('<HHH', b[p + 28:p + 34])
        off = struct.unpack('<I', b[p + 42:p + 46])[0]
        csize = struct.unpack('<I', b[p + 20:p + 24])[0]
        name = b[p + 46:p + 46 + nl]
        lnl, lel = struct.unpack('<HH', b[off + 26:off + 30])
        out.append(dict(name=name, cen=b[p:p + 46 + nl + el + cl], loc=b[off:off + 30 + lnl + lel + csize]))
        p += 46 + nl + el + cl
    return out, b[eocd:]

def assemble(es, eocd_tmpl, zip64=False):
    body, cen = b'', b''
    for e in es:
        c = bytearray(e['cen']); c[42:46] = struct.pack('<I', len(body))
        body += e['loc']; cen += bytes(c)
    cdoff, cdsize, n = len(body), len(cen), len(es)
    out = body + cen
    eocd = bytearray(eocd_tmpl)
    eocd[8:12] = struct.pack('<HH', n, n); eocd[12:16] = struct.pack('<I', cdsize)
    if zip64:
        z64off = len(out)
        out += (b'PK\x06\x06' + struct.pack('<QHHIIQQQQ', 44, 0x0314, 45, 0, 0, n, n, cdsize, cdoff))
        out += b'PK\x06\x07' + struct.pack('<IQI', 0, z64off, 1)
        eocd[16:20] = struct.pack('<I', 0xFFFFFFFF)
    else:
        eocd[16:20] = struct.pack('<I', cdoff)
    return out + bytes(eocd)

ges, geocd = entries(good)
# zip64-end-valid: the good kit with a ZIP64 end record and locator, the end
# record's offset at 0xFFFFFFFF (defer to ZIP64), as the old one had.
open(os.path.join(H, 'zip64-end-valid.zip'), 'wb').write(assemble(ges, geocd, zip64=True))
# rv-j1, rv-j2: the README entry (local header and data, central record) of the old kit.
for name in ('rv-j1.zip', 'rv-j2.zip'):
    oes, _ = entries(open(os.path.join(H, name), 'rb').read())
    readme = [e for e in oes if e['name'] == b'payload/README.md'][0]
    es = [readme if e['name'] == b'payload/README.md' else e for e in ges]
    open(os.path.join(H, name), 'wb').write(assemble(es, geocd))
