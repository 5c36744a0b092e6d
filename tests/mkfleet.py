#!/usr/bin/env python3
"""Makes a fleet of acskit-run JSON reports for `acskit-run summary`.

    python3 tests/mkfleet.py --out DIR --expected FILE [--machines N] [--seed S] [--older-max K]

Writes N machines' reports (default 1200) under DIR/site-*/ (and some at the
top), every outcome of docs/report.md: ready, action-needed (the root, the
update, or both), pending-reboot, undetermined, not-fixable, not-covered,
error (a refused kit) and done (remove). About a fifth of the machines also
have one to three older reports that the summary must supersede; some used
another kit (for --expect); some have no MachineGuid (keyed by computer name);
two computers share one MachineGuid (a clone); some reports are of schema
acskit-report/1 (no host: each its own machine). Then broken and foreign
files, each with the reason phrase the summary must give, and files the
summary must not read at all (not *.json).

FILE gets what the summary must find, computed here by the rules of
docs/runbook.md ("Fleet summary"), independently of the C code: the counts
per outcome, OS row and missing KB, machines, superseded reports, other-kit
machines, refused files with their reasons, and the exit code.

Every well-formed report follows docs/report.schema.json (the test validates
a sample with jsonschema when it is installed).
"""
import argparse
import json
import os
import random
import uuid

KIT = "f92e2ae926075b100704d03d50be3cc831d216e344bb283ebebee3650029dee7"
OTHER_KIT = "0" * 63 + "1"
ROOT_SHA1 = "F40042E2E5F7E8EF8189FED15519AECE42C3BFA2"
ROOT_SHA256 = "5367f20c7ade0e2bca790915056d086b720c33c1fa2a2661acf787e3292e1270"
ROOT_CN = "Microsoft Identity Verification Root Certificate Authority 2020"

# (machine.name, version, product type, manifest id, requirement, the KB that is missing when it is)
ROWS = [
    ("Windows 7 SP1", "6.1.7601", "workstation", "win7sp1-server2008r2", "legacy-kb", "KB5006743"),
    ("Windows Server 2012", "6.2.9200", "server", "server2012", "legacy-kb", "KB5006739"),
    ("Windows 8.1", "6.3.9600", "workstation", "win81-server2012r2", "legacy-kb", "KB5006714"),
    ("Windows Server 2008 SP2", "6.0.6003", "server", "server2008sp2", "legacy-kb", "KB5006736"),
    ("Windows 10 1809", "10.0.17763", "workstation", "win10-1809-server2019", "build-ubr", "KB5005625"),
    ("Windows 10 22H2", "10.0.19045", "workstation", "win10-22h2", "native", None),
    ("Windows 11 23H2", "10.0.22631", "workstation", "win11", "native", None),
]
NO_UPDATE = ("Windows 10 1703", "10.0.15063", "workstation", "win10-1703", "no-update", None)
UNCOVERED = ("Windows 10 26H9", "10.0.29999", "workstation", None, None, None)

OUTCOMES = ["ready", "action-needed", "pending-reboot", "undetermined", "not-fixable", "not-covered", "distrusted",
            "done", "error"]
EXIT = {"ready": 0, "action-needed": 1, "pending-reboot": 10, "undetermined": 8, "not-fixable": 7,
        "not-covered": 7, "distrusted": 11, "done": 0, "error": 3}


def iso(t):
    d, s = divmod(t, 86400)
    import datetime
    return (datetime.datetime(2026, 1, 1) + datetime.timedelta(days=d, seconds=s)).strftime("%Y-%m-%dT%H:%M:%SZ")


def stores(trusted):
    out = []
    for name, key in (("Root", "HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\Root"),
                      ("AuthRoot", "HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\AuthRoot"),
                      ("Group Policy Root", "HKLM\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\Root"),
                      ("Enterprise Root", "HKLM\\SOFTWARE\\Microsoft\\EnterpriseCertificates\\Root")):
        present = trusted and name == "Root"
        out.append({"store": name, "registry": key, "state": "present" if present else "absent", "error": None,
                    "friendly_name": ROOT_CN if present else None, "eku_property": "list" if present else None,
                    "eku": "1.3.6.1.5.5.7.3.3,1.3.6.1.5.5.7.3.8" if present else None})
    return out


def report(schema, host, when, outcome, row, trusted, verdict, kit, verb="check"):
    """One report, shaped as acskit-run writes it."""
    name, version, ptype, manifest, req, kb = row
    major, minor, build = (int(x) for x in version.split("."))
    r = {"schema": schema, "tool": "acskit-run 0.1.0"}
    if schema == "acskit-report/2":
        r["host"] = host
        r["runner"] = {"path": "E:\\acskit\\acskit-run.exe", "sha256": "ab" * 32, "error": None}
    r.update({"verb": verb, "time": iso(when)})
    assessed = outcome not in ("error", "done")
    r["kit"] = None if not assessed else {
        "path": "E:\\kit.zip", "identity": kit, "label": "Site kit", "created": "2026-01-01T00:00:00Z",
        "signature": "none: the kit is unsigned", "sequence": None, "expires": None}
    r["machine"] = None if not assessed else {
        "name": name, "version": version, "major": major, "minor": minor, "build": build,
        "product_type": ptype, "service_pack": 0, "ubr": None, "product_name": name, "edition_id": None,
        "installation_type": None, "display_version": None, "csd_version": None, "architecture": "x64",
        "process_architecture": "x64", "reboot_markers_unreadable": False, "reboot_pending": []}
    r["update"] = None if not assessed else {
        "verdict": verdict, "manifest": manifest, "requirement": req, "reason": "generated",
        "by": None, "minimum": kb if req in ("legacy-kb", "build-ubr") else None, "newest_known_rollup": None,
        "warning": None, "hint": None, "cbs_error": None, "evidence": [], "advice": []}
    r["root"] = {"subject": ROOT_CN if assessed else None, "sha1": ROOT_SHA1, "sha256": ROOT_SHA256,
                 "trusted": None if outcome == "error" else trusted,
                 "stores": [] if outcome == "error" else stores(trusted),
                 "auto_update_disabled": None if outcome == "error" else False, "root_dir_url": None}
    r["chain_proof"] = None if not assessed else {
        "reaches_pinned_root": "yes" if trusted else "no", "engine": "user-mode", "revocation_checked": False,
        "network_used": False, "kernel_code_integrity": "not-tested", "time": "2026-09-21T12:34:18Z",
        "policy_error": "0x00000000" if trusted else "0x800B0109", "ends_at_pinned_root": trusted,
        "reason": None, "before_apply": None, "chain": []}
    r["actions"] = []
    r["receipt"] = None
    r["outcome"] = outcome
    r["summary"] = "generated report: " + outcome
    r["error"] = "refused: E:\\kit.zip: generated" if outcome == "error" else None
    r["exit_code"] = EXIT[outcome]
    return r


def state_for(outcome, rnd):
    """(row, root trusted, update verdict) for an outcome."""
    row = rnd.choice(ROWS)
    if outcome == "ready":
        return row, True, "satisfied"
    if outcome == "action-needed":
        if row[5] is None:
            return row, False, "satisfied"
        return row, rnd.choice([(False, "missing"), (True, "missing"), (False, "satisfied")])
    if outcome == "pending-reboot":
        return row, True, "pending-reboot"
    if outcome == "undetermined":
        return row, True, "undetermined"
    if outcome == "not-fixable":
        return NO_UPDATE, False, "no-update"
    if outcome == "not-covered":
        return UNCOVERED, False, "not-covered"
    if outcome == "distrusted":
        return row, False, "satisfied"
    return row, rnd.choice([True, False]), "satisfied"  # done, error


def fix_state(st):
    row, rest = st[0], st[1:]
    if len(rest) == 1:  # action-needed with a chosen pair
        return row, rest[0][0], rest[0][1]
    return (row,) + tuple(rest)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--expected", required=True)
    ap.add_argument("--machines", type=int, default=1200)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--older-max", type=int, default=3, help="older reports per machine, at most (0: none)")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    sites = [os.path.join(a.out, "site-%d" % i) for i in range(3)] + [a.out]
    for s in sites:
        os.makedirs(s, exist_ok=True)
    exp = {"outcomes": {o: 0 for o in OUTCOMES}, "rows": {}, "kbs": {}, "root_missing": 0, "machines": 0,
           "reports": 0, "superseded": 0, "other_kit": 0, "unidentified": 0, "refused": {}, "names_differ": [],
           "machine_list": []}
    seq = 0

    def write(obj, name, site=None):
        nonlocal seq
        seq += 1
        path = os.path.join(site or rnd.choice(sites), "%s-%05d.json" % (name, seq))
        with open(path, "w", encoding="utf-8") as f:
            json.dump(obj, f, indent=2)
            f.write("\n")
        return path

    def count_latest(outcome, row, trusted, verdict, kit, name, ident):
        exp["machines"] += 1
        exp["outcomes"][outcome] += 1
        label = row[3] or row[0]
        if outcome in ("error", "done"):
            label = "(not read)"
        exp["rows"][label] = exp["rows"].get(label, 0) + 1
        root_missing = trusted is False and outcome not in ("done", "error")
        if root_missing:
            exp["root_missing"] += 1
        missing = []
        if root_missing:
            missing.append("root (distrusted: Disallowed)" if outcome == "distrusted" else "root")
        if outcome not in ("done", "error"):
            if verdict == "missing":
                missing.append(row[5])
                exp["kbs"][row[5]] = exp["kbs"].get(row[5], 0) + 1
            elif verdict == "no-update":
                missing.append("an upgrade")
            elif verdict == "not-covered":
                missing.append("a kit that covers it")
        other = outcome not in ("done", "error") and kit != KIT
        if other:
            exp["other_kit"] += 1
        exp["machine_list"].append({"name": name, "id": ident, "outcome": outcome, "missing": ", ".join(missing),
                                    "other_kit": other})

    n = a.machines
    for i in range(n):
        outcome = OUTCOMES[i % len(OUTCOMES)]
        name = "PC-%04d" % i
        guid = str(uuid.UUID(int=rnd.getrandbits(128)))
        has_id = i % 50 != 7  # 2%: no MachineGuid readable, keyed by computer name
        host = {"computer_name": name, "dns_hostname": name.lower(), "domain": "site.example",
                "domain_type": "domain", "machine_id": guid if has_id else None,
                "machine_id_source": "HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MachineGuid"}
        t = 86400 * 300 + i * 7
        older = min(a.older_max, rnd.choice([0, 0, 0, 0, 1, 2, 3]))
        for k in range(older):
            o = rnd.choice(OUTCOMES)
            row, tr, v = fix_state(state_for(o, rnd))
            write(report("acskit-report/2", host, t - 86400 * (k + 1), o, row, tr, v, KIT,
                         "remove" if o == "done" else "check"), name)
            exp["reports"] += 1
            exp["superseded"] += 1
        row, tr, v = fix_state(state_for(outcome, rnd))
        kit = OTHER_KIT if i % 20 == 3 else KIT
        write(report("acskit-report/2", host, t, outcome, row, tr, v, kit,
                     "remove" if outcome == "done" else "apply" if i % 3 == 0 else "check"), name)
        exp["reports"] += 1
        count_latest(outcome, row, tr, v, kit, name, guid if has_id else None)

    # A clone: two computer names under one MachineGuid are one machine; the
    # later report wins and the summary says the names differ.
    guid = str(uuid.UUID(int=rnd.getrandbits(128)))
    for k, name in enumerate(("CLONE-A", "CLONE-B")):
        host = {"computer_name": name, "dns_hostname": None, "domain": "WORKGROUP", "domain_type": "workgroup",
                "machine_id": guid, "machine_id_source": "HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MachineGuid"}
        write(report("acskit-report/2", host, 86400 * 301 + k, "ready", ROWS[0], True, "satisfied", KIT), name)
        exp["reports"] += 1
    exp["superseded"] += 1
    count_latest("ready", ROWS[0], True, "satisfied", KIT, "CLONE-B", guid)
    exp["names_differ"].append("CLONE-B")

    # Schema /1 reports: no host, so each is its own machine.
    for i in range(10):
        write(report("acskit-report/1", None, 86400 * 200 + i, "action-needed", ROWS[0], False, "missing", KIT),
              "old-v1")
        exp["reports"] += 1
        exp["unidentified"] += 1
        count_latest("action-needed", ROWS[0], False, "missing", KIT, None, None)

    # Broken and foreign files: (file name, bytes, the reason the summary gives)
    good = report("acskit-report/2", {"computer_name": "X", "dns_hostname": None, "domain": None,
                                      "domain_type": None, "machine_id": "x",
                                      "machine_id_source": "/etc/machine-id"},
                  86400, "ready", ROWS[0], True, "satisfied", KIT)
    text = json.dumps(good, indent=2)

    def variant(**kw):
        d = json.loads(text)
        for k, v in kw.items():
            if v is ...:
                del d[k]
            else:
                d[k] = v
        return json.dumps(d).encode()
    bad = [
        ("truncated.json", text[: len(text) // 2].encode(), "not JSON"),
        ("empty.json", b"", "not JSON: line 1: unexpected end of text"),
        ("notes.json", b"collected by GPO on Monday\n", "not JSON"),
        ("array.json", b"[1, 2, 3]\n", "not a JSON object"),
        ("utf16.json", text.encode("utf-16"), "not JSON"),
        ("badutf8.json", text.replace('"Site kit"', '"Site \xff kit"').encode("latin-1"), "not valid UTF-8"),
        ("dupkey.json", b'{"schema": "acskit-report/2", "schema": "acskit-report/2"}', "duplicate member name"),
        ("trailing-comma.json", text.replace('\n}', ',\n}').encode(), "not JSON"),
        ("foreign.json", b'{"name": "some other tool", "version": 3}', "no \"schema\" string"),
        ("foreign-schema.json", variant(schema="inventory/7"), "foreign"),
        ("future.json", variant(schema="acskit-report/9"), "version this acskit-run does not know"),
        ("bad-exit.json", variant(exit_code=42), "\"exit_code\" is not an integer from 0 to 11"),
        ("mismatch-exit.json", variant(exit_code=1), "does not go with \"outcome\""),
        ("bad-outcome.json", variant(outcome="fine"), "\"outcome\" is not one of"),
        ("bad-time.json", variant(time="yesterday"), "\"time\" is not"),
        ("no-host.json", variant(host=...), "\"host\" is not an object"),
        ("bad-kit.json", variant(kit={"identity": "XYZ"}), "\"kit.identity\""),
        ("bad-tool.json", variant(tool="someone else 1.0"), "\"tool\""),
        ("big.json", b'{"schema": "acskit-report/2", "pad": "' + b"x" * (1 << 20) + b'"}', "larger than 1 MiB"),
    ]
    bad_dir = os.path.join(a.out, "site-0", "bad")
    os.makedirs(bad_dir, exist_ok=True)
    for fname, data, why in bad:
        p = os.path.join(bad_dir, fname)
        with open(p, "wb") as f:
            f.write(data)
        exp["refused"][os.path.relpath(p, a.out)] = why
    # Not read at all: the summary reads *.json only in a directory.
    with open(os.path.join(a.out, "site-1", "README.txt"), "w") as f:
        f.write("reports from site 1\n")
    o = exp["outcomes"]
    exp["exit_code"] = 1 if o["action-needed"] else 4 if exp["other_kit"] else 7 if (
        o["not-fixable"] or o["not-covered"]) else 11 if o["distrusted"] else 8 if (o["undetermined"] or o["error"] or o["done"]) else (
        10 if o["pending-reboot"] else 0)
    exp["exit_code_no_expect"] = 1 if o["action-needed"] else 7 if (
        o["not-fixable"] or o["not-covered"]) else 11 if o["distrusted"] else 8 if (o["undetermined"] or o["error"] or o["done"]) else (
        10 if o["pending-reboot"] else 0)
    exp["kit"] = KIT
    exp["files"] = exp["reports"] + len(bad)
    with open(a.expected, "w") as f:
        json.dump(exp, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
