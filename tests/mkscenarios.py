#!/usr/bin/env python3
"""mkscenarios.py - machine states for testing `acskit-run check` under Wine.

usage: python3 tests/mkscenarios.py --out DIR [--root FILE.cer]
       python3 tests/mkscenarios.py --list

Writes one scenario per emulated Windows machine, for a fresh 64-bit Wine prefix:

  DIR/<name>.reg     "Windows Registry Editor Version 5.00", ASCII, CRLF. Import it
                     with the 64-bit tool, which worked with Wine 8.0:
                       wine reg import DIR/<name>.reg /reg:64
                     (once wine32 is installed, `wine reg` is the 32-bit tool: keep
                     /reg:64, or use `/usr/lib/wine/wine64 regedit /S FILE`).
                     It takes effect for the next process started.
  DIR/<name>.files/  files to copy over the prefix's drive_c (cp -a DIR/<name>.files/.
                     "$WINEPREFIX/drive_c/"); today only
                     windows/servicing/Packages/<identity>.mum. Absent when the
                     scenario has no files (XP, Server 2003).
  DIR/scenarios.tsv  a header line starting with "#", then one line per scenario:
                     name, manifest_id, update_verdict, check_exit, root_state,
                     confidence (update.confidence the report must give, or "-"
                     when the scenario does not say), first (the KB of the first
                     missing prerequisite the report must name, or "-"),
                     description (tab separated; description is free text).

What each .reg sets (on top of whatever the prefix had: every value it depends on
is written or deleted, so importing one scenario over another is also exact):
  - HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion, in the 64-bit view and
    again under Wow6432Node (real Windows has both): CurrentVersion "maj.min"
    ("10.0" on Windows 10+, because Wine's RtlGetVersion reads only this; real
    Windows 10 says "6.3" there and adds CurrentMajorVersionNumber /
    CurrentMinorVersionNumber, which are written too), CurrentBuildNumber and
    CurrentBuild, CSDVersion (service pack; deleted when there is none), UBR
    (builds >= 10240 only, else deleted), ProductName (Windows 11 says "Windows 10
    ...", as on real machines), EditionID, InstallationType (deleted before 6.1,
    which did not have it), DisplayVersion (20H2 and later) and ReleaseId (1511
    to 2004, frozen at "2009" after), each deleted where real Windows lacks it.
  - HKLM\\System\\CurrentControlSet\\Control\\Windows CSDVersion = SP << 8 (0x100 SP1,
    0x200 SP2, 0x300 SP3, else 0) and ...\\Control\\ProductOptions ProductType
    (WinNT workstation, ServerNT server, LanmanNT domain controller).
  - The Component Based Servicing tree: deleted, then one key per package under
    ...\\Component Based Servicing\\Packages\\<identity> with DWORD CurrentState
    (0x70 installed, 0x80 permanent, 0x60 install pending, 0x50 superseded, 0x40
    staged). Every scenario with CBS (all but XP and Server 2003, which had none)
    also holds unrelated packages the runner must skip: prerequisites
    (KB4474419, KB4538483), older rollups at 0x50 (KB4056894 on 7), language
    packs, servicing stacks.
  - Reboot markers (deleted unless planted): key ...\\Component Based
    Servicing\\RebootPending, key HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\
    WindowsUpdate\\Auto Update\\RebootRequired, value PendingFileRenameOperations
    (REG_MULTI_SZ) under HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager.
  - The root (SHA-1 F40042E2...BFA2) is deleted from Root, AuthRoot, Group Policy
    Root and Enterprise Root, then planted in at most one of AuthRoot
    (HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\AuthRoot), Group Policy
    (HKLM\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\Root) or Enterprise
    (HKLM\\SOFTWARE\\Microsoft\\EnterpriseCertificates\\Root), as
    Certificates\\<SHA1>\\Blob = one serialized property element: DWORD 0x20
    (CERT_CERT_PROP_ID), DWORD 1, DWORD length, DER (little-endian).
  - The root is likewise deleted from the three physical stores of LocalMachine
    Disallowed (Microsoft Learn, "System Store Locations": ...\\SystemCertificates\\
    Disallowed under HKLM\\SOFTWARE\\Microsoft, HKLM\\SOFTWARE\\Policies\\Microsoft,
    and HKLM\\SOFTWARE\\Microsoft\\EnterpriseCertificates\\Disallowed), then
    planted in one of them where the scenario distrusts it (the same Blob). The
    root_state column then reads "distrusted-local", "distrusted-grouppolicy" or
    "distrusted-enterprise", after "+" when the root is also in a root store;
    check exits 11 there (7 where no update exists).
  - DisableRootAutoUpdate (HKLM\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\
    AuthRoot) and RootDirURL (HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\
    AuthRoot\\AutoUpdate): deleted, or set where the scenario says.

.mum files are minimal package manifests, UTF-8 with a BOM as Windows writes them:
<assembly><assemblyIdentity .../><package identifier="KBnnnnnnn" ...>. Legacy
(6.x) rollups always get one except in the "*-no-mum*" scenarios. Windows 10+ LCUs
get one only when the KB of that build.UBR is a known fact (../shared/facts:
e.g. 17763.2210 = KB5005625); on Windows 10+ the verdict comes from build.UBR,
so the runner must not need a .mum there.

Package identities: Package_for_KB<n>~31bf3856ad364e35~amd64~~6.x.y.z for hotfixes
and security-only updates (with Package_1_for_KB<n> sub-packages), and
Package_for_RollupFix~31bf3856ad364e35~amd64~~<build>.<rev>.<n>.<m> for rollups
and LCUs. Only 7601.24002 (KB4056894) and 7601.25740 (KB5006743, probable) are
from the facts; the other legacy rollup revisions are invented, increasing with
date. The Windows 10+ revisions are the UBR itself.

check_exit is what `acskit-run check KIT` exits with on that machine: 7 when the
verdict is no-update or not-covered; else 1 when the root is not trusted
(root_state absent) or the verdict is missing; else 10 pending-reboot; else 8
undetermined; else 0. It assumes the kit built from this repository's manifests/
and payload/, and a fresh prefix, whose Root store does not hold this root.

Wine 8.0 (Debian) findings, from importing scenarios into a fresh 64-bit prefix:
  - Nothing but these registry values is needed for the version: after the
    import, the next process's RtlGetVersion gives the scenario's
    major.minor.build, service pack (CSDVersion string and number) and product
    type (checked for 7 SP1, 2008 R2, 2008 SP2 6002/6003, Vista, 8, 2012, 8.1,
    2019, 2022, 10 1809/22H2, 11, 2025, 2003, XP). `wine cmd /c ver` shows
    major.minor.build only ("Microsoft Windows 6.0.6002"). Do not set
    HKCU\Software\Wine\Version: it overrides the registry. A fresh prefix is
    6.1.7601 SP1 workstation.
  - `wine wmic os get ProductType` says 1 on every server: Wine's WMI does not
    read it; do not use it to check a scenario.
  - hex(7) (and hex(2)) data in an ASCII .reg file is read as ANSI bytes and
    widened by Wine even under the 5.00 header, so multi_sz() writes single-byte
    strings (see there). A UTF-16 .reg with a BOM would take UTF-16 bytes.
  - The blobs are read by Wine's crypt32: CertOpenStore(CERT_STORE_PROV_SYSTEM_
    REGISTRY) finds the root in LOCAL_MACHINE "AuthRoot" and in
    LOCAL_MACHINE_GROUP_POLICY "Root"; LOCAL_MACHINE_ENTERPRISE is a stub in Wine
    ("CRYPT_SysRegOpenStoreW CERT_SYSTEM_STORE_LOCAL_MACHINE_ENTERPRISE: stub",
    fails), while CERT_STORE_PROV_REG on an HKEY opened at
    HKLM\SOFTWARE\Microsoft\EnterpriseCertificates\Root reads it.
  - Wine's chain engine trusts only the Root (.Default) store: with the root
    planted in AuthRoot, Group Policy or Enterprise, CertGetCertificateChain
    (HCCE_LOCAL_MACHINE) on the root itself still reports
    CERT_TRUST_IS_UNTRUSTED_ROOT, whereas the same blob under
    ...\SystemCertificates\Root\Certificates gives a trusted chain. On Windows
    all four are part of the logical Root store. So the check_exit 0 / 8 / 10 of
    the authroot / grouppolicy / enterprise scenarios is Windows' answer; under
    Wine a runner whose proof is a chain build gets 1 there.

Python 3 standard library only. Output is deterministic.
"""

import argparse
import hashlib
import os
import shutil
import struct
import sys

# ---------------------------------------------------------------------------
# Registry paths
# ---------------------------------------------------------------------------

HKLM = "HKEY_LOCAL_MACHINE"
CV = HKLM + r"\SOFTWARE\Microsoft\Windows NT\CurrentVersion"
CV32 = HKLM + r"\SOFTWARE\Wow6432Node\Microsoft\Windows NT\CurrentVersion"
CTRL_WINDOWS = HKLM + r"\SYSTEM\CurrentControlSet\Control\Windows"
PRODUCT_OPTIONS = HKLM + r"\SYSTEM\CurrentControlSet\Control\ProductOptions"
SESSION_MANAGER = HKLM + r"\SYSTEM\CurrentControlSet\Control\Session Manager"
CBS = HKLM + r"\SOFTWARE\Microsoft\Windows\CurrentVersion\Component Based Servicing"
WU_REBOOT = HKLM + r"\SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired"
STORE_ROOT = HKLM + r"\SOFTWARE\Microsoft\SystemCertificates\Root"
STORE_AUTHROOT = HKLM + r"\SOFTWARE\Microsoft\SystemCertificates\AuthRoot"
STORE_GPO = HKLM + r"\SOFTWARE\Policies\Microsoft\SystemCertificates\Root"
STORE_ENTERPRISE = HKLM + r"\SOFTWARE\Microsoft\EnterpriseCertificates\Root"
POLICY_AUTHROOT = HKLM + r"\SOFTWARE\Policies\Microsoft\SystemCertificates\AuthRoot"
AUTOUPDATE = HKLM + r"\SOFTWARE\Microsoft\SystemCertificates\AuthRoot\AutoUpdate"

ROOT_STORES = {"authroot": STORE_AUTHROOT, "grouppolicy": STORE_GPO, "enterprise": STORE_ENTERPRISE}
DIS_STORES = {"local": HKLM + r"\SOFTWARE\Microsoft\SystemCertificates\Disallowed",
              "grouppolicy": HKLM + r"\SOFTWARE\Policies\Microsoft\SystemCertificates\Disallowed",
              "enterprise": HKLM + r"\SOFTWARE\Microsoft\EnterpriseCertificates\Disallowed"}
ROOT_STATES = ("absent", "authroot", "grouppolicy", "enterprise")
VERDICTS = ("satisfied", "missing", "pending-reboot", "undetermined", "no-update", "not-covered")

CERT_CERT_PROP_ID = 0x20
TOKEN = "31bf3856ad364e35"

INSTALLED, PERMANENT, PENDING, SUPERSEDED, STAGED = 0x70, 0x80, 0x60, 0x50, 0x40

# ---------------------------------------------------------------------------
# Operating systems
# ---------------------------------------------------------------------------


class OS:
    """One Windows version as the registry shows it."""

    def __init__(self, ver, build, product, name, edition, itype=None, sp=0,
                 ubr=None, display=None, release=None):
        self.ver = ver              # "6.1", "10.0"
        self.build = build          # 7601
        self.product = product      # WinNT / ServerNT / LanmanNT
        self.name = name            # ProductName
        self.edition = edition      # EditionID, or None
        self.itype = itype          # InstallationType, or None
        self.sp = sp                # service pack number
        self.ubr = ubr              # UBR (builds >= 10240)
        self.display = display      # DisplayVersion
        self.release = release      # ReleaseId
        assert (ubr is not None) == (build >= 10240)

    def major(self):
        return int(self.ver.split(".")[0])


def win10(build, ubr, name="Windows 10 Pro", edition="Professional", product="WinNT",
          itype=None, display=None, release=None):
    if itype is None:
        itype = "Client" if product == "WinNT" else "Server"
    return OS("10.0", build, product, name, edition, itype, 0, ubr, display, release)


def win7(sp=1, build=7601):
    return OS("6.1", build, "WinNT", "Windows 7 Professional", "Professional", "Client", sp)


def s2008r2():
    return OS("6.1", 7601, "ServerNT", "Windows Server 2008 R2 Standard", "ServerStandard", "Server", 1)


def s2008(build, sp=2):
    return OS("6.0", build, "ServerNT", "Windows Server (R) 2008 Standard", "ServerStandard", None, sp)


def we8s():
    """Windows Embedded 8 Standard: ProductName as the product is named; the
    EditionID here is illustrative (the runner does not read it)."""
    return OS("6.2", 9200, "WinNT", "Windows Embedded 8 Standard", "Embedded", "Client")


def vista():
    return OS("6.0", 6002, "WinNT", "Windows Vista (TM) Business", "Business", None, 2)


def win8():
    return OS("6.2", 9200, "WinNT", "Windows 8 Pro", "Professional", "Client")


def s2012():
    return OS("6.2", 9200, "ServerNT", "Windows Server 2012 Standard", "ServerStandard", "Server")


def win81():
    return OS("6.3", 9600, "WinNT", "Windows 8.1 Pro", "Professional", "Client")


def s2012r2():
    return OS("6.3", 9600, "ServerNT", "Windows Server 2012 R2 Standard", "ServerStandard", "Server")


def xp():
    return OS("5.1", 2600, "WinNT", "Microsoft Windows XP", None, None, 3)


def s2003():
    return OS("5.2", 3790, "ServerNT", "Microsoft Windows Server 2003 R2", None, None, 2)


# ---------------------------------------------------------------------------
# Packages
# ---------------------------------------------------------------------------

NO_MUM = object()  # a rollup whose .mum is deliberately not written


class Pkg:
    def __init__(self, identity, state, kb=None, release_type="Security Update"):
        self.identity = identity
        self.state = state
        self.kb = kb                # KB for the .mum; None: no .mum; NO_MUM: omitted on purpose
        self.release_type = release_type


def kbpkg(kb, ver, state=INSTALLED, sub=0, release_type="Security Update"):
    """Package_for_KBn (sub=0) or Package_<sub>_for_KBn, version like 6.1.1.3."""
    prefix = "Package_for_" if sub == 0 else "Package_%d_for_" % sub
    return Pkg("%s%s~%s~amd64~~%s" % (prefix, kb, TOKEN, ver), state, kb, release_type)


def rollup(ver, kb, state=INSTALLED):
    """Package_for_RollupFix with version ver ("7601.25740.1.4"); kb None: no .mum."""
    return Pkg("Package_for_RollupFix~%s~amd64~~%s" % (TOKEN, ver), state, kb)


def langpack(osver, kind="Client"):
    return Pkg("Microsoft-Windows-%s-LanguagePack-Package~%s~amd64~en-US~%s" % (kind, TOKEN, osver),
               PERMANENT)


# Windows 10+ LCUs whose KB is a known fact (../shared/facts/acs-readiness.md).
LCU_KB = {
    (20348, 261): "KB5005619", (20348, 288): "KB5006699",
    (17763, 2210): "KB5005625", (17763, 2237): "KB5006672",
    (18363, 1830): "KB5005624", (18363, 1854): "KB5006667",
    (19041, 1266): "KB5005611", (19042, 1266): "KB5005611", (19043, 1266): "KB5005611",
    (19041, 1288): "KB5006670", (19042, 1288): "KB5006670", (19043, 1288): "KB5006670",
    (19044, 1586): "KB5011487",
    (14393, 4704): "KB5006669", (10240, 19086): "KB5006675",
}


def lcu(build, ubr, state=INSTALLED, n="1.9"):
    return rollup("%d.%d.%s" % (build, ubr, n), LCU_KB.get((build, ubr)), state)


def win10_base(o):
    """Unrelated packages of a Windows 10+ machine: language pack, servicing
    stack, the previous LCU superseded."""
    b, u = o.build, o.ubr
    older = max(1, u - 100)
    return [
        langpack("10.0.%d.1" % b, "Client" if o.product == "WinNT" else "Server"),
        Pkg("Package_for_ServicingStack_%d~%s~amd64~~%d.%d.1.1" % (older, TOKEN, b, older), INSTALLED),
        lcu(b, older, SUPERSEDED, "1.6"),
    ]


# Windows 7 / 2008 R2 rollups (identity version, KB).
W7_ROLLUP_2018 = ("7601.24002.1.4", "KB4056894")
W7_ROLLUP_OCT2021 = ("7601.25740.1.4", "KB5006743")
W7_ROLLUP_JAN2023 = ("7601.26321.1.7", "KB5022338")
W7_ROLLUP_JAN2024 = ("7601.26910.1.5", "KB5034169")


def win7_base(o):
    return [
        langpack("6.1.7601.17514", "Client" if o.product == "WinNT" else "Server"),
        kbpkg("KB976902", "6.1.1.17514", PERMANENT, release_type="Update"),
        kbpkg("KB4474419", "6.1.3.2", release_type="Update"),
        kbpkg("KB4538483", "6.1.1.2", release_type="Update"),
        rollup(*W7_ROLLUP_2018, state=SUPERSEDED),
    ]


def s2008_base():
    return [
        langpack("6.0.6001.18000", "Server"),
        kbpkg("KB4474419", "6.0.1.3", release_type="Update"),
        kbpkg("KB2999226", "6.0.1.1", release_type="Update"),
    ]


def s2012_base():
    return [
        langpack("6.2.9200.16384", "Server"),
        kbpkg("KB2999226", "6.2.1.1", release_type="Update"),
        rollup("9200.22340.1.6", "KB4056896", SUPERSEDED),
    ]


def win81_base():
    return [
        langpack("6.3.9600.16384"),
        kbpkg("KB2919355", "6.3.1.14", release_type="Update"),
        rollup("9600.18895.1.8", "KB4056895", SUPERSEDED),
    ]


def vista_win8_base(o):
    return [langpack("%s.%d.16384" % (o.ver, o.build))]


# ---------------------------------------------------------------------------
# Scenarios
# ---------------------------------------------------------------------------


class Scenario:
    def __init__(self, name, manifest, verdict, os_, pkgs=(), root="absent", reboot=(),
                 disable_auto=False, root_dir_url=None, desc="", distrust=None, conf="-", first="-"):
        assert verdict in VERDICTS and root in ROOT_STATES
        assert distrust is None or distrust in DIS_STORES
        assert conf in ("-", "confirmed", "single-source", "inferred")
        self.conf, self.first = conf, first
        assert set(reboot) <= {"cbs", "wu", "renames"}
        self.name, self.manifest, self.verdict, self.os = name, manifest, verdict, os_
        self.pkgs, self.root, self.reboot = list(pkgs), root, tuple(reboot)
        self.disable_auto, self.root_dir_url, self.desc = disable_auto, root_dir_url, desc
        self.distrust = distrust

    def root_state(self):
        if not self.distrust:
            return self.root
        d = "distrusted-" + self.distrust
        return d if self.root == "absent" else self.root + "+" + d

    def check_exit(self):
        if self.verdict in ("no-update", "not-covered"):
            return 7
        if self.distrust:
            return 11
        if self.root == "absent" or self.verdict == "missing":
            return 1
        if self.verdict == "pending-reboot":
            return 10
        if self.verdict == "undetermined":
            return 8
        return 0


def scenarios():
    S = []

    def add(*a, **k):
        S.append(Scenario(*a, **k))

    def w10(name, manifest, verdict, o, extra=(), **k):
        add(name, manifest, verdict, o, win10_base(o) + [lcu(o.build, o.ubr)] + list(extra), **k)

    # --- Windows 11 and new servers: native ---
    w10("win11-23h2", "win11", "satisfied",
        win10(22631, 4460, display="23H2", release="2009"), desc="Windows 11 23H2, 22631.4460: native")
    w10("win11-24h2", "win11", "satisfied",
        win10(26100, 2314, display="24H2", release="2009"), desc="Windows 11 24H2, 26100.2314 workstation: native")
    w10("server2025", "server2025-23h2", "satisfied",
        win10(26100, 2314, "Windows Server 2025 Datacenter", "ServerDatacenter", "ServerNT",
              display="24H2", release="2009"), desc="Windows Server 2025, 26100.2314 server: native")
    w10("server-23h2", "server2025-23h2", "satisfied",
        win10(25398, 1251, "Windows Server Datacenter", "ServerDatacenterACor", "ServerNT", "Server Core",
              display="23H2", release="2009"), desc="Windows Server 23H2 (Server Core), 25398.1251: native")
    # --- Server 2022 ---
    s22 = lambda ubr: win10(20348, ubr, "Windows Server 2022 Standard", "ServerStandard", "ServerNT",
                            display="21H2", release="2009")
    w10("server2022-ubr261", "server2022", "satisfied", s22(261), desc="Server 2022 at 20348.261 (KB5005619): the minimum")
    w10("server2022-ubr200", "server2022", "missing", s22(200), desc="Server 2022 at 20348.200: below .261")
    # --- Windows 10 ---
    w10("win10-22h2", "win10-22h2", "satisfied", win10(19045, 5131, display="22H2", release="2009"),
        desc="Windows 10 22H2, 19045.5131: native")
    w10("win10-21h2-ubr1500", "win10-21h2", "satisfied",
        win10(19044, 1500, "Windows 10 Enterprise LTSC 2021", "EnterpriseS", display="21H2", release="2009"),
        desc="Windows 10 21H2 at 19044.1500: native, with a warning naming KB5011487 (one source's minimum .1586)")
    w10("win10-21h2-ubr2000", "win10-21h2", "satisfied",
        win10(19044, 2000, display="21H2", release="2009"), desc="Windows 10 21H2 at 19044.2000: native, no warning")
    for build, disp, rel, label in ((19041, None, "2004", "2004"), (19042, "20H2", "2009", "20h2"),
                                    (19043, "21H1", "2009", "21h1")):
        w10("win10-%s-ubr1266" % label, "win10-2004-21h1", "satisfied", win10(build, 1266, display=disp, release=rel),
            desc="Windows 10 %s at %d.1266 (KB5005611): the minimum" % (label.upper(), build))
        w10("win10-%s-ubr1000" % label, "win10-2004-21h1", "missing", win10(build, 1000, display=disp, release=rel),
            desc="Windows 10 %s at %d.1000: below .1266" % (label.upper(), build))
    w10("win10-1909-ubr1830", "win10-1909", "satisfied", win10(18363, 1830, release="1909"),
        desc="Windows 10 1909 at 18363.1830 (KB5005624): the minimum")
    w10("win10-1909-ubr1500", "win10-1909", "missing", win10(18363, 1500, release="1909"),
        desc="Windows 10 1909 at 18363.1500: below .1830")
    ltsc19 = lambda ubr: win10(17763, ubr, "Windows 10 Enterprise LTSC 2019", "EnterpriseS", release="1809")
    w10("win10-1809-ubr1577", "win10-1809-server2019", "missing", ltsc19(1577),
        desc="Windows 10 1809 LTSC at 17763.1577: below .2210")
    w10("win10-1809-ubr2210", "win10-1809-server2019", "satisfied", ltsc19(2210),
        desc="Windows 10 1809 LTSC at 17763.2210 (KB5005625): the minimum")
    w10("win10-1809-ubr1577-pending", "win10-1809-server2019", "pending-reboot", ltsc19(1577),
        extra=[lcu(17763, 2237, PENDING)], reboot=("cbs",),
        desc="Windows 10 1809 at 17763.1577 with LCU 17763.2237 (KB5006672) at 0x60 and RebootPending")
    w10("server2019-core-ubr2237", "win10-1809-server2019", "satisfied",
        win10(17763, 2237, "Windows Server 2019 Datacenter", "ServerDatacenter", "ServerNT", "Server Core",
              release="1809"),
        desc="Server 2019 Server Core at 17763.2237 (KB5006672)")
    ltsb16 = lambda ubr: win10(14393, ubr, "Windows 10 Enterprise 2016 LTSB", "EnterpriseS", release="1607")
    s16 = lambda ubr: win10(14393, ubr, "Windows Server 2016 Standard", "ServerStandard", "ServerNT", release="1607")
    w10("win10-1607-ubr4704", "win10-1607-server2016", "satisfied", ltsb16(4704),
        desc="Windows 10 1607 LTSB at 14393.4704 (KB5006669): the minimum")
    w10("win10-1607-ubr4000", "win10-1607-server2016", "missing", ltsb16(4000),
        desc="Windows 10 1607 LTSB at 14393.4000: below .4704")
    w10("server2016-ubr4704", "win10-1607-server2016", "satisfied", s16(4704),
        desc="Server 2016 at 14393.4704 (KB5006669)")
    w10("server2016-ubr4000", "win10-1607-server2016", "missing", s16(4000),
        desc="Server 2016 at 14393.4000: below .4704")
    ltsb15 = lambda ubr: win10(10240, ubr, "Windows 10 Enterprise 2015 LTSB", "EnterpriseS")
    w10("win10-1507-ubr19086", "win10-1507", "satisfied", ltsb15(19086),
        desc="Windows 10 1507 LTSB at 10240.19086 (KB5006675): the minimum")
    w10("win10-1507-ubr18000", "win10-1507", "missing", ltsb15(18000),
        desc="Windows 10 1507 LTSB at 10240.18000: below .19086")

    # --- No update exists ---
    for build, ubr, rel, mid in ((10586, 1540, "1511", "win10-1511"), (15063, 2679, "1703", "win10-1703"),
                                 (16299, 2166, "1709", "win10-1709"), (17134, 2208, "1803", "win10-1803"),
                                 (18362, 1256, "1903", "win10-1903")):
        w10("win10-%s" % rel, mid, "no-update", win10(build, ubr, release=rel),
            desc="Windows 10 %s (%d.%d): no update exists" % (rel, build, ubr))
    add("win8", "win8", "no-update", win8(), vista_win8_base(win8()),
        desc="Windows 8 (6.2.9200 workstation): no update exists")
    add("vista", "vista", "no-update", vista(), vista_win8_base(vista()),
        desc="Windows Vista SP2 (6.0.6002 workstation): no update exists")
    add("server2003", "server2003-xp64", "no-update", s2003(),
        desc="Windows Server 2003 R2 SP2 (5.2.3790 server, no CBS): no update exists")
    add("xp", "xp", "no-update", xp(), desc="Windows XP SP3 (5.1.2600, no CBS): no update exists")
    # --- Not covered ---
    w10("win10-preview-18000", "-", "not-covered", win10(18000, 1000, release="1903"),
        desc="10.0.18000 workstation, an Insider preview build no manifest matches")

    # --- Windows 7 SP1 / 2008 R2 ---
    def w7(name, verdict, pkgs, o=None, **k):
        o = o or win7()
        add(name, "win7sp1-server2008r2", verdict, o, win7_base(o) + list(pkgs), **k)

    so_oct = [kbpkg("KB5006728", "6.1.1.3"), kbpkg("KB5006728", "6.1.1.3", sub=1)]
    w7("win7-rollup-oct2021", "satisfied", [rollup(*W7_ROLLUP_OCT2021)],
       desc="Windows 7 SP1 with the October 2021 rollup KB5006743 (RollupFix + .mum)")
    w7("win7-seconly-oct2021", "satisfied", so_oct,
       desc="Windows 7 SP1 with the October 2021 security-only update KB5006728 (two packages)")
    w7("win7-rollup-jan2023", "satisfied", [rollup(*W7_ROLLUP_JAN2023)],
       desc="Windows 7 SP1 with the later rollup KB5022338 (2023-01)")
    w7("win7-seconly-jan2023", "missing",
       [kbpkg("KB5022339", "6.1.1.2"), kbpkg("KB5022339", "6.1.1.2", sub=1)],
       desc="Windows 7 SP1 with only the later security-only update KB5022339: does not count")
    w7("win7-rollup-oct2021-pending", "pending-reboot", [rollup(*W7_ROLLUP_OCT2021, state=PENDING)], reboot=("cbs",),
       desc="Windows 7 SP1, KB5006743 at 0x60 (install pending) and RebootPending")
    w7("win7-nothing", "missing", [], desc="Windows 7 SP1 with no relevant update (only KB4474419, KB4538483, old rollup 0x50)")
    w7("win7-rollup-no-mum", "undetermined", [rollup(W7_ROLLUP_OCT2021[0], NO_MUM)],
       desc="Windows 7 SP1 with an installed RollupFix whose .mum is absent: its KB is unknown")
    add("win7-old-rollup-superseded", "win7sp1-server2008r2", "missing", win7(),
        [langpack("6.1.7601.17514"), rollup(*W7_ROLLUP_2018, state=SUPERSEDED)],
        desc="Windows 7 SP1 with only the 2018 rollup KB4056894, superseded (0x50)")
    w7("server2008r2-rollup-jan2024", "satisfied", [rollup(*W7_ROLLUP_JAN2024)], o=s2008r2(),
       desc="Server 2008 R2 SP1 (ServerNT) with rollup KB5034169 (2024-01)")
    w7("win7-noautoroot", "missing", [], disable_auto=True, root_dir_url="file://\\\\fs01\\ctl",
       desc="Windows 7 SP1, DisableRootAutoUpdate=1 and RootDirURL set, no update, no root")

    # --- Server 2008 SP2 ---
    add("server2008sp2-seconly-oct2021", "server2008sp2", "satisfied", s2008(6002),
        s2008_base() + [kbpkg("KB5006715", "6.0.1.2"), kbpkg("KB5006715", "6.0.1.2", sub=1)],
        desc="Server 2008 SP2 (6.0.6002) with the October 2021 security-only update KB5006715")
    add("server2008sp2-6003-rollup-oct2021", "server2008sp2", "satisfied", s2008(6003),
        s2008_base() + [rollup("6003.21251.1.4", "KB5006736")],
        desc="Server 2008 SP2 (6.0.6003) with the October 2021 rollup KB5006736")

    # --- Server 2012, 8.1, 2012 R2 ---
    add("server2012-rollup-oct2021", "server2012", "satisfied", s2012(),
        s2012_base() + [rollup("9200.23490.1.6", "KB5006739")],
        desc="Server 2012 with the October 2021 rollup KB5006739")
    add("server2012-nothing", "server2012", "missing", s2012(), s2012_base(),
        desc="Server 2012 with no relevant update (old rollup KB4056896 at 0x50)")
    add("win81-rollup-oct2021", "win81-server2012r2", "satisfied", win81(),
        win81_base() + [rollup("9600.20144.1.6", "KB5006714")],
        desc="Windows 8.1 with the October 2021 rollup KB5006714")
    add("server2012r2-rollup-kb5130000", "win81-server2012r2", "undetermined", s2012r2(),
        win81_base() + [rollup("9600.23400.1.3", "KB5130000")],
        desc="Server 2012 R2 with a rollup whose .mum says KB5130000, newer than every rollup the kit knows")

    # --- Issue 10: the faults the review of the manifests found ---
    # 1. An out-of-band update never meets the requirement on its own.
    w7("win7-seconly-oob-only", "missing", [kbpkg("KB5010798", "6.1.1.0"), kbpkg("KB5010798", "6.1.1.0", sub=1)],
       conf="confirmed",
       desc="fault 1: Windows 7 SP1 on the security-only track with only the January 2022 OOB KB5010798")
    add("server2012-oob-only", "server2012", "missing", s2012(),
        s2012_base() + [kbpkg("KB5021652", "6.2.1.0")], conf="confirmed",
        desc="fault 1: Server 2012 with only the November 2022 OOB KB5021652")
    # 2. A verdict resting on a fact Microsoft has not confirmed says so.
    add("server2012r2-rollup-unconfirmed", "win81-server2012r2", "satisfied", s2012r2(),
        win81_base() + [rollup("9600.23338.1.3", "KB5120385")], conf="inferred",
        desc="fault 2: Server 2012 R2 with only KB5120385 (2026-08, not confirmed by Microsoft): satisfied, inferred")
    w10("win10-21h2-ubr1288", "win10-21h2", "satisfied",
        win10(19044, 1288, "Windows 10 Enterprise LTSC 2021", "EnterpriseS", display="21H2", release="2009"),
        conf="inferred", desc="faults 2 and 9: Windows 10 21H2 at its first build: native by inference, warning below .1586")
    # 3. Windows Embedded 8 Standard is checked like Server 2012.
    add("embedded8-rollup-oct2021", "embedded8-standard", "satisfied", we8s(),
        vista_win8_base(we8s()) + [rollup("9200.23490.1.6", "KB5006739")], conf="inferred",
        desc="fault 3: Windows Embedded 8 Standard with the Server 2012 October 2021 rollup KB5006739")
    add("embedded8-nothing", "embedded8-standard", "missing", we8s(), vista_win8_base(we8s()),
        desc="fault 3: Windows Embedded 8 Standard with no relevant update")
    # 4. Windows Server 2004 / 20H2 are covered; Server 1909 has no update.
    s20h2 = lambda ubr: win10(19042, ubr, "Windows Server Datacenter", "ServerDatacenterACor", "ServerNT",
                              "Server Core", display="20H2", release="2009")
    w10("server-20h2-ubr1266", "win10-2004-21h1", "satisfied", s20h2(1266), conf="confirmed",
        desc="fault 4: Windows Server, version 20H2 (Server Core) at 19042.1266 (KB5005611)")
    w10("server-2004-ubr1000", "win10-2004-21h1", "missing",
        win10(19041, 1000, "Windows Server Standard", "ServerStandardACor", "ServerNT", "Server Core", release="2004"),
        desc="fault 4: Windows Server, version 2004 at 19041.1000: below .1266")
    w10("server-1909", "server-1909", "no-update",
        win10(18363, 1556, "Windows Server Datacenter", "ServerDatacenterACor", "ServerNT", "Server Core",
              release="1909"),
        conf="inferred", desc="fault 4: Windows Server, version 1909 (18363.1556): no update exists")
    # 5. A missing service pack or KB2919355 is named first.
    add("win7-rtm", "win7sp1-server2008r2", "missing", win7(sp=0, build=7600),
        [langpack("6.1.7600.16385")], first="KB976932", desc="fault 5: Windows 7 RTM (7600): install SP1 (KB976932) first")
    add("server2008-sp1", "server2008sp2", "missing", s2008(6001, sp=1),
        [langpack("6.0.6001.18000", "Server")], first="KB948465", desc="fault 5: Server 2008 (6001, SP1): install SP2 (KB948465) first")
    add("win81-no-kb2919355", "win81-server2012r2", "missing", win81(),
        [langpack("6.3.9600.16384"), rollup("9600.16452.1.8", "KB2887595", SUPERSEDED)],
        first="KB2919355", desc="fault 5: Windows 8.1 without KB2919355: install it first")

    # --- The root planted ---
    w10("win10-22h2-root-authroot", "win10-22h2", "satisfied", win10(19045, 5131, display="22H2", release="2009"),
        root="authroot", desc="Windows 10 22H2 with the root in AuthRoot: ready")
    w10("server2022-ubr261-root-grouppolicy", "server2022", "satisfied", s22(261), root="grouppolicy",
        desc="Server 2022 at .261 with the root in the Group Policy Root store: ready")
    w7("win7-rollup-oct2021-root-enterprise", "satisfied", [rollup(*W7_ROLLUP_OCT2021)], root="enterprise",
       desc="Windows 7 SP1 with KB5006743 and the root in the Enterprise Root store: ready")
    # Root trusted, so the other exit codes show.
    w7("win7-rollup-oct2021-pending-root-authroot", "pending-reboot",
       [rollup(*W7_ROLLUP_OCT2021, state=PENDING)], reboot=("cbs",), root="authroot",
       desc="as win7-rollup-oct2021-pending, root in AuthRoot")
    w7("win7-rollup-no-mum-root-authroot", "undetermined", [rollup(W7_ROLLUP_OCT2021[0], NO_MUM)], root="authroot",
       desc="as win7-rollup-no-mum, root in AuthRoot")
    w7("win7-nothing-root-authroot", "missing", [], root="authroot",
       desc="as win7-nothing, root in AuthRoot: the update is still missing")
    add("server2012-rollup-oct2021-pending-wu", "server2012", "pending-reboot", s2012(),
        s2012_base() + [rollup("9200.23490.1.6", "KB5006739", PENDING)], reboot=("wu",), root="authroot",
        desc="Server 2012, KB5006739 at 0x60 and WindowsUpdate RebootRequired, root in AuthRoot")
    add("win81-rollup-oct2021-pending-renames", "win81-server2012r2", "pending-reboot", win81(),
        win81_base() + [rollup("9600.20144.1.6", "KB5006714", PENDING)], reboot=("renames",), root="grouppolicy",
        desc="Windows 8.1, KB5006714 at 0x60 and PendingFileRenameOperations, root in Group Policy Root")
    add("server2012r2-rollup-kb5130000-root-authroot", "win81-server2012r2", "undetermined", s2012r2(),
        win81_base() + [rollup("9600.23400.1.3", "KB5130000")], root="authroot",
        desc="as server2012r2-rollup-kb5130000, root in AuthRoot")
    w10("win10-1903-root-authroot", "win10-1903", "no-update", win10(18362, 1256, release="1903"), root="authroot",
        desc="Windows 10 1903 with the root in AuthRoot: still no update exists")

    # --- The root explicitly distrusted (Disallowed): check says so, apply refuses ---
    w10("win10-22h2-distrust-local", "win10-22h2", "satisfied", win10(19045, 5131, display="22H2", release="2009"),
        distrust="local", desc="Windows 10 22H2 with the root in LocalMachine Disallowed: distrusted")
    w10("server2022-ubr261-distrust-grouppolicy", "server2022", "satisfied", s22(261), distrust="grouppolicy",
        desc="Server 2022 at .261 with the root in the Group Policy Disallowed store: distrusted")
    w7("win7-nothing-distrust-enterprise", "missing", [], distrust="enterprise",
       desc="Windows 7 SP1 without the update, the root in the Enterprise Disallowed store: distrusted")
    w10("win10-22h2-root-authroot-distrust-local", "win10-22h2", "satisfied",
        win10(19045, 5131, display="22H2", release="2009"), root="authroot", distrust="local",
        desc="Windows 10 22H2 with the root in AuthRoot and in Disallowed: the distrust wins")
    return S


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------


def q(s):
    assert all(32 <= ord(c) < 127 for c in s), s
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def hexdata(kind, data, name):
    """regedit's hex form, wrapped at 80 columns with backslash continuations."""
    head = q(name) + "=" + kind + ":"
    parts = ["%02x" % b for b in data]
    lines, cur = [], head
    for i, p in enumerate(parts):
        tok = p + ("," if i + 1 < len(parts) else "")
        if len(cur) + len(tok) > 77:
            lines.append(cur + "\\")
            cur = "  "
        cur += tok
    lines.append(cur)
    return lines


def multi_sz(strings):
    """REG_MULTI_SZ data for hex(7) in an ASCII .reg file. Wine (8.0) widens
    hex(2)/hex(7) bytes of a file without a UTF-16 BOM as ANSI, whatever the
    header says: UTF-16 bytes here would be stored as "\\\0?\0..." So the
    strings go in as single bytes, NUL-separated, and Wine stores UTF-16."""
    return b"".join(s.encode("ascii") + b"\0" for s in strings) + b"\0"


def mum_text(p):
    name, ver = p.identity.split("~")[0], p.identity.split("~")[-1]
    n = p.kb[2:]
    return (
        '\ufeff<?xml version="1.0" encoding="utf-8" standalone="yes"?>\r\n'
        '<assembly xmlns="urn:schemas-microsoft-com:asm.v3" manifestVersion="1.0" '
        'description="Fix for %s" displayName="default" company="Microsoft Corporation" '
        'copyright="Microsoft Corporation" supportInformation="http://support.microsoft.com/?kbid=%s">\r\n'
        '  <assemblyIdentity name="%s" version="%s" processorArchitecture="amd64" language="neutral" '
        'buildType="release" publicKeyToken="%s" />\r\n'
        '  <package identifier="%s" releaseType="%s" restart="possible">\r\n'
        '    <parent buildCompare="EQ" revisionCompare="GE" integrate="separate" disposition="detect">\r\n'
        '      <assemblyIdentity name="Microsoft-Windows-Foundation-Package" version="0.0.0.0" '
        'processorArchitecture="amd64" language="neutral" buildType="release" publicKeyToken="%s" />\r\n'
        '    </parent>\r\n'
        '    <update name="%s">\r\n'
        '      <package integrate="hidden">\r\n'
        '        <assemblyIdentity name="%s-1" version="%s" processorArchitecture="amd64" language="neutral" '
        'buildType="release" publicKeyToken="%s" />\r\n'
        '      </package>\r\n'
        '    </update>\r\n'
        '  </package>\r\n'
        '</assembly>\r\n'
    ) % (p.kb, n, name, ver, TOKEN, p.kb, p.release_type, TOKEN, n, name, ver, TOKEN)


def reg_text(sc, der):
    o = sc.os
    sha1 = hashlib.sha1(der).hexdigest().upper()
    L = ["Windows Registry Editor Version 5.00", "",
         "; acskit scenario %s: %s" % (sc.name, sc.desc),
         "; expected: manifest %s, verdict %s, check exit %d, root %s" % (sc.manifest, sc.verdict,
                                                                           sc.check_exit(), sc.root_state()), ""]

    def key(path, values=()):
        L.append("[%s]" % path)
        for v in values:
            L.extend(v if isinstance(v, list) else [v])
        L.append("")

    def sz(n, v):
        return "%s=-" % q(n) if v is None else "%s=%s" % (q(n), q(v))

    def dw(n, v):
        return "%s=-" % q(n) if v is None else "%s=dword:%08x" % (q(n), v)

    ten = o.major() >= 10
    cv = [
        sz("CurrentVersion", o.ver),
        dw("CurrentMajorVersionNumber", 10 if ten else None),
        dw("CurrentMinorVersionNumber", 0 if ten else None),
        sz("CurrentBuildNumber", str(o.build)),
        sz("CurrentBuild", str(o.build)),
        sz("CSDVersion", "Service Pack %d" % o.sp if o.sp else None),
        dw("UBR", o.ubr),
        sz("ProductName", o.name),
        sz("EditionID", o.edition),
        sz("InstallationType", o.itype),
        sz("DisplayVersion", o.display),
        sz("ReleaseId", o.release),
    ]
    key(CV, cv)
    key(CV32, cv)
    key(CTRL_WINDOWS, [dw("CSDVersion", o.sp << 8)])
    key(PRODUCT_OPTIONS, [sz("ProductType", o.product)])

    # Servicing: replace the whole tree.
    L.append("[-%s]" % CBS)
    L.append("")
    if o.major() >= 6:
        key(CBS)
        key(CBS + r"\Packages")
        for p in sorted(sc.pkgs, key=lambda p: p.identity):
            key(CBS + "\\Packages\\" + p.identity, [dw("CurrentState", p.state)])
        if "cbs" in sc.reboot:
            key(CBS + r"\RebootPending")
    else:
        assert not sc.pkgs and not sc.reboot
    L.append("[-%s]" % WU_REBOOT)
    L.append("")
    if "wu" in sc.reboot:
        key(WU_REBOOT)
    if "renames" in sc.reboot:
        key(SESSION_MANAGER, [hexdata("hex(7)", multi_sz(
            [r"\??\C:\Windows\SoftwareDistribution\Download\sxs.tmp", "",
             r"\??\C:\Windows\WinSxS\Temp\PendingRenames\x.dll", r"!\??\C:\Windows\System32\x.dll"]),
            "PendingFileRenameOperations")])
    else:
        key(SESSION_MANAGER, [sz("PendingFileRenameOperations", None)])

    # The root: nowhere, then where the scenario puts it.
    for store in (STORE_ROOT, STORE_AUTHROOT, STORE_GPO, STORE_ENTERPRISE) + tuple(DIS_STORES.values()):
        L.append("[-%s\\Certificates\\%s]" % (store, sha1))
    L.append("")
    blob = struct.pack("<III", CERT_CERT_PROP_ID, 1, len(der)) + der
    if sc.root != "absent":
        key(ROOT_STORES[sc.root] + "\\Certificates\\" + sha1, [hexdata("hex", blob, "Blob")])
    if sc.distrust:
        key(DIS_STORES[sc.distrust] + "\\Certificates\\" + sha1, [hexdata("hex", blob, "Blob")])

    key(POLICY_AUTHROOT, [dw("DisableRootAutoUpdate", 1 if sc.disable_auto else None)])
    key(AUTOUPDATE, [sz("RootDirURL", sc.root_dir_url)])
    return "\r\n".join(L) + "\r\n"


def write_all(out, der):
    os.makedirs(out, exist_ok=True)
    rows = ["#name\tmanifest_id\tupdate_verdict\tcheck_exit\troot_state\tconfidence\tfirst\tdescription"]
    for sc in scenarios():
        with open(os.path.join(out, sc.name + ".reg"), "w", encoding="ascii", newline="") as f:
            f.write(reg_text(sc, der))
        fdir = os.path.join(out, sc.name + ".files")
        if os.path.isdir(fdir):
            shutil.rmtree(fdir)
        for p in sc.pkgs:
            if p.kb is None or p.kb is NO_MUM:
                continue
            d = os.path.join(fdir, "windows", "servicing", "Packages")
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, p.identity + ".mum"), "w", encoding="utf-8", newline="") as f:
                f.write(mum_text(p))
        rows.append("\t".join([sc.name, sc.manifest, sc.verdict, str(sc.check_exit()), sc.root_state(), sc.conf, sc.first, sc.desc]))
    with open(os.path.join(out, "scenarios.tsv"), "w", encoding="ascii", newline="") as f:
        f.write("\n".join(rows) + "\n")
    return len(rows) - 1


# ---------------------------------------------------------------------------
# Self-check: the expected verdicts against the manifests themselves
# ---------------------------------------------------------------------------


def load_manifests(d):
    ms = []
    for fn in sorted(os.listdir(d)):
        if not fn.endswith(".manifest"):
            continue
        m = {"rollup": [], "_lines": []}
        for line in open(os.path.join(d, fn), encoding="utf-8"):
            line = line.rstrip("\n")
            if not line or line.startswith("#") or ": " not in line:
                continue
            k, v = line.split(": ", 1)
            if k == "rollup":
                # "KBn date [oob] [confidence tags]": an oob update never counts
                w = v.split()
                if not (len(w) > 2 and w[2] == "oob"):
                    m["rollup"].append(w[0])
            else:
                m.setdefault(k, v)
        ms.append(m)
    return ms


def build_matches(spec, build):
    for part in spec.split(","):
        part = part.strip()
        if part.endswith("+"):
            if build >= int(part[:-1]):
                return True
        elif "-" in part:
            lo, hi = part.split("-")
            if int(lo) <= build <= int(hi):
                return True
        elif build == int(part):
            return True
    return False


def expected_verdict(ms, sc):
    """An independent reading of the manifests (what the runner should conclude)."""
    o = sc.os
    prod = "workstation" if o.product == "WinNT" else "server"
    hits = [m for m in ms if m["match-version"] == o.ver and build_matches(m["match-build"], o.build)
            and m["match-product"] in ("any", prod)
            and o.name.startswith(m.get("match-product-name", ""))]
    # a row narrowed by a product name wins over the broad one
    narrow = [m for m in hits if "match-product-name" in m]
    hits = narrow or hits
    if not hits:
        return "-", "not-covered"
    assert len(hits) == 1, [m["id"] for m in hits]
    m = hits[0]
    req = m["requirement"]
    if req == "no-update":
        return m["id"], "no-update"
    if req == "native":
        return m["id"], "satisfied"
    if req == "build-ubr":
        if o.ubr >= int(m["min-ubr"]):
            return m["id"], "satisfied"
        for p in sc.pkgs:
            ver = p.identity.split("~")[-1].split(".")
            if p.identity.startswith("Package_for_RollupFix") and p.state == PENDING \
                    and int(ver[0]) == o.build and int(ver[1]) >= int(m["min-ubr"]):
                return m["id"], "pending-reboot" if sc.reboot else "missing"
        return m["id"], "missing"
    assert req == "legacy-kb"
    good = {m["rollup-oct2021"], m["security-only-oct2021"]} | set(m["rollup"])
    newest = max(int(k[2:]) for k in m["rollup"])
    verdict = "missing"
    for p in sc.pkgs:
        if p.state not in (INSTALLED, PERMANENT, PENDING):
            continue
        kb = p.kb
        if p.identity.startswith("Package_for_RollupFix"):
            if kb is NO_MUM or kb is None:
                v = "undetermined"
            elif kb in good:
                v = "satisfied"
            elif int(kb[2:]) > newest:
                v = "undetermined"
            else:
                v = "missing"
        else:
            v = "satisfied" if kb in good else "missing"
        if v == "satisfied" and p.state == PENDING:
            v = "pending-reboot" if sc.reboot else "missing"
        rank = ("missing", "undetermined", "pending-reboot", "satisfied")
        if rank.index(v) > rank.index(verdict):
            verdict = v
    return m["id"], verdict


def self_check(manifests_dir):
    ms = load_manifests(manifests_dir)
    bad = 0
    names = set()
    for sc in scenarios():
        assert sc.name not in names, sc.name
        names.add(sc.name)
        mid, v = expected_verdict(ms, sc)
        if (mid, v) != (sc.manifest, sc.verdict):
            print("self-check: %s: table says %s/%s, manifests say %s/%s"
                  % (sc.name, sc.manifest, sc.verdict, mid, v), file=sys.stderr)
            bad += 1
    return bad


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    top = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", help="output directory")
    ap.add_argument("--root", default=os.path.join(top, "payload", "microsoft-identity-verification-root-ca-2020.cer"),
                    help="the root certificate (DER)")
    ap.add_argument("--manifests", default=os.path.join(top, "manifests"),
                    help="manifests to check the expected verdicts against")
    ap.add_argument("--list", action="store_true", help="print the scenario names and exit")
    a = ap.parse_args()
    if a.list:
        for sc in scenarios():
            print(sc.name)
        return 0
    if not a.out:
        ap.error("--out DIR is required (or --list)")
    if self_check(a.manifests):
        return 1
    with open(a.root, "rb") as f:
        der = f.read()
    if der[:1] != b"\x30":
        print("mkscenarios: %s is not a DER certificate" % a.root, file=sys.stderr)
        return 1
    print(write_all(a.out, der))
    return 0


if __name__ == "__main__":
    sys.exit(main())
