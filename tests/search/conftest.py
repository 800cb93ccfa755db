"""Fixtures for `auger search` and `auger.search` (tests/search): the binary, policies with searchable domains,
and eval commands written as small Python scripts. A missing binary fails the test: a skip is not a pass."""
import json
import os
import subprocess
import sys
import textwrap

import pytest

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "../.."))

# An int range, a float interval, an angle (a unit), an enum and a bool: every kind of domain a search walks.
POLICY = """\
import std.vision

sample Photo {
  image: image(rgb)
  label: class(10)
}

policy train(magnitude: int in 0..30 = 9, p: float in [0, 1] = 0.5, angle: angle in [-30deg, 30deg] = 0deg,
             interp: interp = bilinear, expand: bool = false) on Photo {
  rand_augment(n: 2, magnitude: magnitude)
  rotate(angle: angle, expand: expand)
  resize(size: [32, 32], interp: interp)
  hflip() @p(p)
}

policy only_int(magnitude: int in 0..30 = 9) on Photo {
  rand_augment(n: 2, magnitude: magnitude)
}

policy nothing on Photo deterministic {
  hflip()
}
"""


@pytest.fixture(scope="session")
def auger_bin():
    path = os.environ.get("AUGER_BIN", os.path.join(ROOT, "build/tools/auger"))
    assert os.path.exists(path), f"{path} not built (set AUGER_BIN)"
    return path


@pytest.fixture
def policy_file(tmp_path):
    path = tmp_path / "search.aug"
    path.write_text(POLICY)
    return path


@pytest.fixture
def script(tmp_path):
    """script(body) -> a shell command running `body` (Python, with `args` the trial's AUGER_TRIAL_ARGS)."""

    def make(body, name="objective.py"):
        path = tmp_path / name
        path.write_text("import json, os, sys\nargs = json.loads(os.environ['AUGER_TRIAL_ARGS'])\n"
                        + textwrap.dedent(body))
        return f"{sys.executable} {path}"

    return make


@pytest.fixture
def search(auger_bin, policy_file):
    """search(*args) -> CompletedProcess of `auger search POLICY_FILE *args` (a hang fails, not sticks)."""

    def run(*args, timeout=300, cwd=None):
        return subprocess.run([auger_bin, "search", str(policy_file), *map(str, args)], capture_output=True,
                              text=True, timeout=timeout, cwd=cwd)

    return run


def result(proc):
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)
