"""Shared fixtures of the conformance tests: real photos (from Debian packages) at odd sizes, and runners for
`auger-refop` (one reference op on a .npy image) with the tolerance of ops.md §7."""
import json
import os
import subprocess
import tempfile

import numpy as np
import pytest

OPENCV_DATA = "/usr/share/doc/opencv-doc/examples/data"


def _load_photos():
    import skimage.data

    photos = {
        "chelsea": skimage.data.chelsea(),    # 300x451
        "coffee": skimage.data.coffee(),      # 400x600
        "astronaut": skimage.data.astronaut(),
    }
    # Odd sizes on purpose: crops that are neither square nor even nor multiples of the vector width.
    crops = {
        "chelsea_97x131": photos["chelsea"][37:134, 50:181],
        "coffee_201x333": photos["coffee"][100:301, 150:483],
        "astronaut_257x190": photos["astronaut"][11:268, 160:350],
        "chelsea_full": photos["chelsea"],
    }
    return {k: np.ascontiguousarray(v.transpose(2, 0, 1)) for k, v in crops.items()}  # CHW uint8


@pytest.fixture(scope="session")
def photos():
    """name -> CHW uint8 array of a real photo."""
    return _load_photos()


def _binary(env, default):
    path = os.environ.get(env, default)
    if not os.path.exists(path):
        pytest.skip(f"{path} not built (set {env})")
    return path


@pytest.fixture(scope="session")
def refop_bin():
    return _binary("AUGER_REFOP", os.path.join(os.path.dirname(__file__), "../../build/tests/harness/refop/auger-refop"))


@pytest.fixture(scope="session")
def auger_bin():
    return _binary("AUGER_BIN", os.path.join(os.path.dirname(__file__), "../../build/tools/auger"))


@pytest.fixture
def refop(refop_bin, tmp_path):
    """refop(op, chw_array, key=value…, _seed=0, _key='sample') -> (output array, resolved args dict)."""

    counter = [0]

    def run(op, image, _seed=0, _key="sample", **args):
        counter[0] += 1
        src = tmp_path / f"in{counter[0]}.npy"
        dst = tmp_path / f"out{counter[0]}.npy"
        np.save(src, np.ascontiguousarray(image))
        argv = [refop_bin, op, str(src), str(dst), "--seed", str(_seed), "--key", _key]
        for k, v in args.items():
            if isinstance(v, bool):
                v = "true" if v else "false"
            elif isinstance(v, (list, tuple)):
                v = "[" + ",".join(repr(float(x)) for x in v) + "]"
            argv.append(f"{k}={v}")
        proc = subprocess.run(argv, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        return np.load(dst), json.loads(proc.stdout)

    return run


def assert_conforms(ours, ref, what=""):
    """ops.md §7: u8 identical on >= 99.9% of pixels and off by at most 1 elsewhere; f32 within 1e-5."""
    ours = np.asarray(ours)
    ref = np.asarray(ref)
    assert ours.shape == ref.shape, f"{what}: shape {ours.shape} != reference {ref.shape}"
    if ref.dtype == np.uint8:
        assert ours.dtype == np.uint8, f"{what}: dtype {ours.dtype}"
        diff = np.abs(ours.astype(np.int16) - ref.astype(np.int16))
        frac = float((diff == 0).mean())
        assert diff.max() <= 1 and frac >= 0.999, (
            f"{what}: {100 * (1 - frac):.3f}% of values differ, max difference {diff.max()}")
    else:
        np.testing.assert_allclose(ours, ref, atol=1e-5, rtol=0, err_msg=what)
