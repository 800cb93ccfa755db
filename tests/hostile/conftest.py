"""Fixtures for the hostile-input suite: the `auger` binary, the Python module's path, a small image folder.

Every test here feeds auger something an adversarial or careless user would (paths that escape, aliasing keys,
foreign folders, endless files, deep chains, absurd sizes) and checks for a clear error, a documented exit code
and nothing written where it must not be. A missing binary fails the test: a skip is not a pass.
"""
import os
import subprocess

import numpy as np
import pytest

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "../.."))


@pytest.fixture(scope="session")
def auger_bin():
    path = os.environ.get("AUGER_BIN", os.path.join(ROOT, "build/tools/auger"))
    assert os.path.exists(path), f"{path} not built (set AUGER_BIN)"
    return path


@pytest.fixture
def run_auger(auger_bin):
    """Runs auger with a timeout (a hang is a failure, not a stuck suite); returns the CompletedProcess."""

    def run(*args, timeout=120, **kw):
        return subprocess.run([auger_bin, *map(str, args)], capture_output=True, text=True, timeout=timeout, **kw)

    return run


@pytest.fixture(scope="session")
def photo(tmp_path_factory):
    """One small RGB JPEG (a crop of python3-skimage's chelsea)."""
    import skimage.data
    from PIL import Image

    path = tmp_path_factory.mktemp("photo") / "cat.jpg"
    Image.fromarray(np.ascontiguousarray(skimage.data.chelsea()[:96, :128])).save(path, quality=90)
    return str(path)
