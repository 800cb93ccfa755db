"""Fixtures of the label property tests (tests/labels): the `auger` Python module and binary, torchvision_replay
(tests/apply) for the independent mask replay, and a session-wide tally printed at the end of the run.

CTest runs these with PYTHONPATH=build/python (the module `auger`), AUGER_CACHE_DIR inside the build tree (fused
kernels compiled by the CLI block) and AUGER_BIN, as python/tests does."""
import importlib.util
import os
from collections import defaultdict

import pytest

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "../.."))


def _load_replay():
    """tests/apply/torchvision_replay.py as a module (not via sys.path: tests/apply has its own conftest)."""
    spec = importlib.util.spec_from_file_location("torchvision_replay",
                                                  os.path.join(ROOT, "tests/apply/torchvision_replay.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REPLAY = _load_replay()

# What the checks looked at, summed over the session and printed by pytest_terminal_summary (pytest -q hides the
# tests' own output).
STATS = defaultdict(float)
MAXIMA = defaultdict(float)


def tally(name, n=1):
    STATS[name] += n


def record_max(name, value):
    MAXIMA[name] = max(MAXIMA[name], float(value))


def pytest_terminal_summary(terminalreporter):
    if not STATS and not MAXIMA:
        return
    terminalreporter.section("label properties")
    for name in sorted(STATS):
        terminalreporter.write_line(f"{name}: {int(STATS[name])}")
    for name in sorted(MAXIMA):
        terminalreporter.write_line(f"{name}: {MAXIMA[name]:.3f}")


@pytest.fixture(scope="session")
def auger_bin():
    path = os.environ.get("AUGER_BIN", os.path.join(ROOT, "build/tools/auger"))
    if not os.path.exists(path):
        pytest.fail(f"{path} not built (set AUGER_BIN)")
    return path
