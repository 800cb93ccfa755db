"""Helpers shared by the documentation tests: the auger binary, ```aug blocks and their markers, running checks.

A fenced block may be preceded (on the line just before the fence) by an HTML comment that says how to use it:

    <!-- fragment -->                       not a complete file (docs/language.md only): skipped
    <!-- example: wrong -->                 docs/diagnostics.md: triggers its section's code
    <!-- example: right file=a.aug -->      ... checks clean; `file=` names the file it is written to
    <!-- example: wrong stdlib -->          a stdlib primitives file, added to a copy of stdlib/std
    <!-- example: wrong check=x.aug -->     run `auger check` on that path instead of the example's file
"""
import json
import os
import pathlib
import re
import shutil
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
STDLIB = REPO / "stdlib" / "std"
DOC_PRIMS = "prims_zz_doc.aug"  # sorts after every real prims file

_FENCE = re.compile(r"^```(\S*)\s*$")
_MARKER = re.compile(r"^<!--\s*(.*?)\s*-->\s*$")


def auger_bin():
    path = os.environ.get("AUGER_BIN")
    if not path:
        pytest.fail("AUGER_BIN is not set: point it at the auger binary, e.g. AUGER_BIN=build/tools/auger "
                    "/usr/bin/python3 -m pytest tests/docs (CTest sets it)", pytrace=False)
    if not os.access(path, os.X_OK):
        pytest.fail(f"AUGER_BIN={path} is not an executable file", pytrace=False)
    return os.path.abspath(path)


class Block:
    def __init__(self, lang, text, line, marker):
        self.lang = lang      # the fence's info string: "aug", "console", ""
        self.text = text      # the block's content, ending in a newline
        self.line = line      # 1-based line of the opening fence
        self.marker = marker  # the HTML comment's content on the line before the fence, or None

    def attrs(self):
        """Parses `example: ROLE [flag] [key=value] …` into (role, flags, values)."""
        m = re.match(r"example:\s*(\S+)\s*(.*)$", self.marker or "")
        if not m:
            return None, set(), {}
        flags, values = set(), {}
        for tok in m.group(2).replace(",", " ").split():
            if "=" in tok:
                k, v = tok.split("=", 1)
                values[k] = v
            else:
                flags.add(tok)
        return m.group(1), flags, values


def fenced_blocks(path):
    """Every fenced block of a Markdown file, in order."""
    lines = pathlib.Path(path).read_text(encoding="utf-8").splitlines()
    out, i = [], 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        start = i
        marker = None
        if start > 0:
            mm = _MARKER.match(lines[start - 1].strip())
            marker = mm.group(1) if mm else None
        j = i + 1
        while j < len(lines) and lines[j].strip() != "```":
            j += 1
        out.append(Block(m.group(1), "\n".join(lines[start + 1:j]) + "\n", start + 1, marker))
        i = j + 1
    return out


def run_check(cwd, target, stdlib=None, extra=()):
    """Runs `auger check --format json TARGET` in `cwd`; returns (diagnostics, completed process)."""
    cmd = [auger_bin(), "check", "--format", "json", *extra]
    if stdlib:
        cmd += ["--stdlib", str(stdlib)]
    cmd.append(str(target))
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "NO_COLOR": "1"})
    try:
        data = json.loads(proc.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"`{' '.join(cmd)}` printed no JSON (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}",
                    pytrace=False)
    return data["diagnostics"], proc


def stdlib_copy(tmp_path, prims_text):
    """A copy of stdlib/std with `prims_text` added as an extra primitives file; returns its folder."""
    dest = tmp_path / "stdlib"
    shutil.copytree(STDLIB, dest)
    (dest / DOC_PRIMS).write_text(prims_text, encoding="utf-8")
    return dest


def describe(diags):
    return "\n".join(f"  {d['file']}:{d['line']}:{d['column']}: {d['severity']}[{d['code']}]: {d['message']}"
                     for d in diags) or "  (no diagnostics)"
