#!/usr/bin/env python3
"""mutate.py - the project's mutation run over a reviewed list of mutants.

usage: python3 tests/mutate.py [--list FILE] [--work DIR] [--check] [ID ...]

Each mutant of the list (tests/mutants.txt) is one small change to one source
file: an exact pattern that must occur exactly once in that file, and its
replacement. For each (or each ID given), in a scratch copy of the tree
(DIR/src, default build/mutate/src; the working tree is never touched):
the file is mutated, what the named suites need is rebuilt, and only those
suites run (tests/run.sh with SUITES). A mutant is killed if a suite fails
or the build fails; it survived if they all pass. The file is restored
before the next mutant.

Before any mutant, every pattern is checked (exactly once in its file, and
not equal to its replacement) so the list cannot rot silently: a mismatch is
an error (exit 2) that names the line. --check stops there. Then the named
suites run once on the unmutated copy: they must pass, or a "kill" would
prove nothing (exit 2).

Prints one line per mutant ("killed", "SURVIVED", "equivalent: not run"),
then "N killed, N survived; score P% of M" and exits 0 if the score is at
least MUTATE_MIN percent (default 95), else 1.

List format (tests/mutants.txt): one mutant per line, fields separated by
TABs: id, file, suites (space-separated names from tests/run.sh, and
NAME=VALUE words passed to them in the environment, e.g.
MACHINE_SCENARIOS=a,b to keep the machine suite's scenario loop short),
pattern, replacement, and an optional note. In pattern and replacement, \\t and \\n
stand for a tab and a newline, and \\\\ for a backslash. A suites field of
"equivalent" marks a mutant argued equivalent in its note: its pattern is
still checked, it is not run and not counted. Lines starting with # and
blank lines are ignored.
"""

import argparse
import os
import shutil
import subprocess
import sys
import time

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
WINE_SUITES = {"wine", "machine", "imports", "install"}
NATIVE_SUITES = {"assess", "text", "names", "index", "manifest", "hash", "zip", "json", "oom", "cli", "interop",
                 "payload", "signing", "replay", "messages"}


def unescape(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            n = s[i + 1]
            out.append({"t": "\t", "n": "\n", "\\": "\\"}.get(n, c + n))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


class Mutant:
    def __init__(self, lineno, fields):
        self.line = lineno
        self.id, self.file, suites, pat, rep = fields[:5]
        self.note = fields[5] if len(fields) > 5 else ""
        self.equivalent = suites.strip() == "equivalent"
        words = [] if self.equivalent else suites.split()
        self.suites = [w for w in words if "=" not in w]
        self.env = dict(w.split("=", 1) for w in words if "=" in w)
        self.pattern, self.replacement = unescape(pat), unescape(rep)


def load(path):
    mutants, errors = [], []
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) < 5:
                errors.append("%s:%d: %d fields, want at least 5 (TAB-separated)" % (path, n, len(fields)))
                continue
            m = Mutant(n, fields)
            bad = [s for s in m.suites if s not in WINE_SUITES | NATIVE_SUITES]
            if bad:
                errors.append("%s:%d: %s: unknown suite %s" % (path, n, m.id, " ".join(bad)))
            if not m.equivalent and not m.suites:
                errors.append("%s:%d: %s: no suite named" % (path, n, m.id))
            if m.equivalent and not m.note:
                errors.append("%s:%d: %s: an equivalent mutant needs the argument in its note" % (path, n, m.id))
            mutants.append(m)
    ids = [m.id for m in mutants]
    for i in sorted({i for i in ids if ids.count(i) > 1}):
        errors.append("%s: id %s is used twice" % (path, i))
    return mutants, errors


def check_patterns(mutants, root, path):
    errors = []
    for m in mutants:
        p = os.path.join(root, m.file)
        try:
            with open(p, encoding="utf-8") as f:
                text = f.read()
        except OSError as e:
            errors.append("%s:%d: %s: %s" % (path, m.line, m.id, e))
            continue
        n = text.count(m.pattern)
        if n != 1:
            errors.append("%s:%d: %s: the pattern occurs %d times in %s, not exactly once: %r"
                          % (path, m.line, m.id, n, m.file, m.pattern[:80]))
        if m.pattern == m.replacement:
            errors.append("%s:%d: %s: the replacement is the pattern" % (path, m.line, m.id))
    return errors


def copy_tree(src_root, dst):
    """The working tree's files (tracked and untracked, not ignored) into dst;
    build/third_party is linked, not copied."""
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                           cwd=src_root, check=True, stdout=subprocess.PIPE).stdout.split(b"\0")
    want = set()
    for f in files:
        if not f:
            continue
        name = f.decode()
        want.add(name)
        s, d = os.path.join(src_root, name), os.path.join(dst, name)
        if not os.path.isfile(s):
            continue
        os.makedirs(os.path.dirname(d), exist_ok=True)
        # Copy only what changed, so the scratch build stays incremental;
        # with a new mtime (not copy2): a file a killed run left mutated must
        # come back newer than the objects built from the mutant.
        if not os.path.exists(d) or open(s, "rb").read() != open(d, "rb").read():
            shutil.copy(s, d)
    os.makedirs(os.path.join(dst, "build"), exist_ok=True)
    tp = os.path.join(dst, "build", "third_party")
    if not os.path.exists(tp):
        os.symlink(os.path.join(src_root, "build", "third_party"), tp)


# What each suite runs, so a mutant rebuilds only that.
SUITE_TARGETS = {"assess": ["build/tests/test_assess"], "text": ["build/tests/test_text"],
                 "names": ["build/tests/test_names"], "index": ["build/tests/test_index"],
                 "manifest": ["build/tests/test_manifest"], "hash": ["build/tests/test_hash"],
                 "zip": ["build/tests/test_zip"], "json": ["build/tests/test_json"],
                 "oom": ["build/tests/test_oom"], "replay": ["replay"], "messages": ["build/tests/test_messages"],
                 "cli": ["native"], "interop": ["native"], "payload": ["native"], "signing": ["native"],
                 "imports": ["win"], "wine": ["native", "win"], "machine": ["native", "win"],
                 "install": ["native", "win"]}


def build(src, suites, log):
    targets = []
    for s in suites:
        targets += [t for t in SUITE_TARGETS.get(s, ["native", "unit", "replay"]) if t not in targets]
    r = subprocess.run(["make", "-j2", "-s"] + targets, cwd=src, stdout=log, stderr=subprocess.STDOUT)
    return r.returncode == 0


def run_suites(src, suites, log, extra_env=None):
    env = dict(os.environ, SUITES=" ".join(suites), **(extra_env or {}))
    r = subprocess.run(["sh", "tests/run.sh", "build"], cwd=src, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT)
    log.write(r.stdout)
    last = r.stdout.decode(errors="replace").strip().splitlines()[-1:] or [""]
    return r.returncode == 0, last[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--list", default=os.path.join(TOP, "tests", "mutants.txt"))
    ap.add_argument("--work", default=os.path.join(TOP, "build", "mutate"))
    ap.add_argument("--check", action="store_true", help="only check that every pattern matches once")
    ap.add_argument("ids", nargs="*")
    a = ap.parse_args()

    mutants, errors = load(a.list)
    errors += check_patterns(mutants, TOP, a.list)
    unknown = set(a.ids) - {m.id for m in mutants}
    errors += ["no mutant %s in %s" % (i, a.list) for i in sorted(unknown)]
    if errors:
        sys.stderr.write("mutate: the list does not fit the tree:\n  " + "\n  ".join(errors) + "\n")
        return 2
    live = [m for m in mutants if not m.equivalent]
    print("mutate: %d mutants (%d argued equivalent), every pattern found exactly once"
          % (len(mutants), len(mutants) - len(live)))
    if a.check:
        return 0
    chosen = [m for m in mutants if not a.ids or m.id in a.ids]
    src = os.path.join(os.path.abspath(a.work), "src")
    logs = os.path.join(os.path.abspath(a.work), "logs")
    os.makedirs(logs, exist_ok=True)
    copy_tree(TOP, src)

    # The baseline: every suite the chosen mutants name passes unmutated, as
    # they run it (a suite that mutants run only with an environment, e.g. a
    # short machine loop, is run with each of those environments below).
    base = sorted({s for m in chosen if not m.env for s in m.suites})
    with open(os.path.join(logs, "baseline.log"), "wb") as log:
        if not build(src, sorted({s for m in chosen for s in m.suites}), log):
            sys.stderr.write("mutate: the unmutated copy does not build (see %s)\n" % log.name)
            return 2
        ok, last = run_suites(src, base, log) if base else (True, "no suite without an environment")
        if not ok:
            sys.stderr.write("mutate: the unmutated copy fails its suites (%s): %s\n" % (" ".join(base), last))
            return 2
        print("baseline: %s pass (%s)" % (" ".join(base), last))
        # Each environment a mutant runs its suites with must pass unmutated
        # too, or a short run could "kill" every mutant that uses it.
        runs = sorted({(tuple(m.suites), tuple(sorted(m.env.items()))) for m in chosen if m.env})
        for suites, env in runs:
            ok, last = run_suites(src, list(suites), log, dict(env))
            what = "%s with %s" % (" ".join(suites), " ".join("%s=%s" % kv for kv in env))
            if not ok:
                sys.stderr.write("mutate: the unmutated copy fails %s: %s\n" % (what, last))
                return 2
            print("baseline: %s pass (%s)" % (what, last))

    killed, survived = [], []
    for m in chosen:
        if m.equivalent:
            print("%-28s equivalent: not run (%s)" % (m.id, m.note))
            continue
        path = os.path.join(src, m.file)
        with open(path, encoding="utf-8") as f:
            orig = f.read()
        start = time.time()
        try:
            with open(path, "w", encoding="utf-8") as f:
                f.write(orig.replace(m.pattern, m.replacement, 1))
            with open(os.path.join(logs, m.id + ".log"), "wb") as log:
                if not build(src, m.suites, log):
                    ok, why = False, "the build fails"
                else:
                    ok, why = run_suites(src, m.suites, log, m.env)
        finally:
            with open(path, "w", encoding="utf-8") as f:
                f.write(orig)
        secs = int(time.time() - start)
        if ok:
            survived.append(m)
            print("%-28s SURVIVED  %s (%s) %ds" % (m.id, m.file, " ".join(m.suites), secs))
        else:
            killed.append(m)
            print("%-28s killed    %s (%s: %s) %ds" % (m.id, m.file, " ".join(m.suites), why, secs))
        sys.stdout.flush()
    # Leave the scratch build as the tree is, for the next run.
    with open(os.path.join(logs, "restore.log"), "wb") as log:
        build(src, base, log)
    total = len(killed) + len(survived)
    score = 100.0 * len(killed) / total if total else 100.0
    print("%d killed, %d survived; score %.1f%% of %d" % (len(killed), len(survived), score, total))
    for m in survived:
        print("  survived: %s %s: %r -> %r" % (m.id, m.file, m.pattern, m.replacement))
    return 0 if score >= float(os.environ.get("MUTATE_MIN", "95")) else 1


if __name__ == "__main__":
    sys.exit(main())
