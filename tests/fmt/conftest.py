"""Shared helpers for the `auger fmt` tests: the binary, running it, and the corpus of policy files."""
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = sorted(ROOT.glob("examples/*.aug"))
CORPUS = EXAMPLES + sorted(ROOT.glob("examples/lib/*.aug")) + sorted(ROOT.glob("stdlib/std/*.aug"))


def auger_bin():
    path = os.environ.get("AUGER_BIN") or str(ROOT / "build" / "tools" / "auger")
    if not os.path.exists(path):
        pytest.fail(f"auger binary not found at {path} (set AUGER_BIN)")
    return path


def run(args, stdin=None, cwd=None, timeout=300):
    return subprocess.run([auger_bin(), *args], input=stdin, capture_output=True, text=True, cwd=cwd,
                          timeout=timeout)


def fmt_text(text):
    """The formatted text of `text` (via stdin); fails the test when fmt does not succeed."""
    r = run(["fmt", "-"], stdin=text)
    assert r.returncode == 0, f"fmt failed ({r.returncode}): {r.stderr}"
    return r.stdout
