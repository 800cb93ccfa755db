"""Fixtures for `auger apply` tests: the binary and a few real photos written as files."""
import os
import subprocess

import numpy as np
import pytest

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "../.."))


@pytest.fixture(scope="session")
def auger_bin():
    path = os.environ.get("AUGER_BIN", os.path.join(ROOT, "build/tools/auger"))
    if not os.path.exists(path):
        pytest.skip(f"{path} not built (set AUGER_BIN)")
    return path


@pytest.fixture(scope="session")
def photo_files(tmp_path_factory):
    """Real photos (python3-skimage's data) at odd sizes, as PNG files: name -> path."""
    import skimage.data
    from PIL import Image

    d = tmp_path_factory.mktemp("photos")
    crops = {
        "cat": skimage.data.chelsea()[20:283, 30:427],       # 263x397
        "coffee": skimage.data.coffee()[50:351, 100:577],    # 301x477
        "astro": skimage.data.astronaut()[0:333, 101:356],   # 333x255 (portrait)
    }
    out = {}
    for name, arr in crops.items():
        path = d / f"{name}.png"
        Image.fromarray(np.ascontiguousarray(arr)).save(path)
        out[name] = str(path)
    return out


@pytest.fixture
def apply(auger_bin, tmp_path):
    """apply(policy_file, inputs, *flags) -> output dir; asserts success."""
    counter = [0]

    def run(policy_file, inputs, *flags, expect=0):
        counter[0] += 1
        out = tmp_path / f"out{counter[0]}"
        proc = subprocess.run([auger_bin, "apply", policy_file, "--out", str(out), *flags, *inputs],
                              capture_output=True, text=True)
        assert proc.returncode == expect, proc.stderr
        return out if expect == 0 else proc

    return run
