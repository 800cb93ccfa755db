#!/usr/bin/env python3
"""Every diagnostic code in compiler/diag/diag_kinds.def is triggered by some lit test.

A code counts as covered when a FileCheck directive in a comment (`# CHECK:`, `# CHECK-NEXT:`, any upper-case
prefix: `# SELF:`, `# DIR-NEXT:`, …) in a test under tests/lit, outside `Inputs/` folders, names it as
`[E0302]`/`[W0801]` (the brief and text formats), or as `"code": "E0302"` / `"ruleId": "E0302"` (json and
sarif). A `*-NOT:` directive does not count: it says the code must be absent.

Usage: check_coverage.py SOURCE_ROOT. Exits 1, listing the uncovered codes, when some code has no test.
"""
import os
import re
import sys

# Codes that no input can trigger, each with the reason. Nothing else may be listed here.
ALLOWLIST = {
    "E0001": "internal error: reported only when auger itself fails (an exception in the parser or checker), "
             "which no valid or invalid input is meant to cause",
}

DIAG = re.compile(r'^\s*DIAG\(\s*\w+\s*,\s*"([EW]\d{4})"')
# `# CHECK:`, `# CHECK-NEXT:`, `; FOO-SAME:`, `// BAR-DAG:` …: a FileCheck directive in a comment; group 2 is
# the suffix (a `-NOT` one does not count).
DIRECTIVE = re.compile(r'^\s*(?:#+|;+|//)\s*([A-Z][A-Z0-9_]*)((?:-[A-Z0-9]+)*):')
CODE = re.compile(r'\[([EW]\d{4})\]|"(?:code|ruleId)"\s*:\s*"([EW]\d{4})"')


def declared_codes(root):
    path = os.path.join(root, "compiler", "diag", "diag_kinds.def")
    codes = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = DIAG.match(line)
            if m:
                codes.append(m.group(1))
    if not codes:
        sys.exit(f"check_coverage: no DIAG(...) entries found in {path}")
    return codes


def checked_codes(lit_dir):
    found = {}
    for dirpath, dirnames, filenames in os.walk(lit_dir):
        dirnames[:] = sorted(d for d in dirnames if d != "Inputs" and not d.startswith("."))
        for name in sorted(filenames):
            if not (name.endswith(".aug") or name.endswith(".test")):
                continue
            path = os.path.join(dirpath, name)
            with open(path, encoding="utf-8", errors="replace") as f:
                for line in f:
                    m = DIRECTIVE.match(line)
                    if not m or "-NOT" in m.group(2) or m.group(1) in ("RUN", "REQUIRES", "UNSUPPORTED", "XFAIL"):
                        continue
                    rest = line[m.end():]
                    for c in CODE.finditer(rest):
                        code = c.group(1) or c.group(2)
                        found.setdefault(code, os.path.relpath(path, lit_dir))
    return found


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: check_coverage.py SOURCE_ROOT")
    root = sys.argv[1]
    codes = declared_codes(root)
    found = checked_codes(os.path.join(root, "tests", "lit"))
    missing = [c for c in codes if c not in found and c not in ALLOWLIST]
    stale = [c for c in ALLOWLIST if c not in codes]
    allowed_but_tested = [c for c in ALLOWLIST if c in found]
    for c in codes:
        where = found.get(c) or ("allowlisted: " + ALLOWLIST[c] if c in ALLOWLIST else "NOT COVERED")
        print(f"{c}: {where}")
    ok = True
    if missing:
        ok = False
        print(f"error: {len(missing)} diagnostic code(s) with no lit test naming them in a CHECK line: "
              + ", ".join(missing), file=sys.stderr)
        print("       add a test under tests/lit that triggers each one (see tests/lit/types/unit_missing.aug)",
              file=sys.stderr)
    if stale:
        ok = False
        print("error: allowlisted code(s) no longer in diag_kinds.def: " + ", ".join(stale), file=sys.stderr)
    if allowed_but_tested:
        ok = False
        print("error: allowlisted code(s) that a test does trigger; remove them from the allowlist: "
              + ", ".join(allowed_but_tested), file=sys.stderr)
    if ok:
        print(f"all {len(codes)} diagnostic codes covered ({len(ALLOWLIST)} allowlisted)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
