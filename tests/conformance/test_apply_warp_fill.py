"""`fill` of the bilinear warps through `auger apply`, byte for byte against torchvision 0.14.

torchvision's `_apply_grid_transform` blends a fill through an extra mask channel only when `fill is not None`:
F.rotate / F.affine (and autoaugment's `_apply_op`) default to fill=None, where grid_sample's zero padding is the
whole story, while a given fill (0 included) is blended as `v * m + (1 - m) * fill`. The two differ along the
border of a bilinear warp. rotate, affine and shear_x/y without `fill` must be the fill=None result, with `fill`
the mask blend; perspective (RandomPerspective, which always passes a fill) blends its default 0. Both execution
paths (`--path reference` and the fused kernels) are compared, on a 131 x 97 photo (odd sides).
"""
import json
import os
import subprocess

import numpy as np
import pytest
import torch
import torchvision.transforms.functional as F
from PIL import Image
from torchvision.transforms import InterpolationMode
from torchvision.transforms.autoaugment import _apply_op

BILINEAR = InterpolationMode.BILINEAR


def _pairs(flat):
    return [[int(flat[i]), int(flat[i + 1])] for i in range(0, 8, 2)]


# (statement, torchvision on the CHW tensor and the statement's recorded arguments)
CASES = {
    "rotate_default_fill": ("rotate(angle: 23deg, interp: bilinear)",
                            lambda t, a: F.rotate(t, 23.0, BILINEAR)),
    "rotate_fill_0": ("rotate(angle: 23deg, interp: bilinear, fill: 0)",
                      lambda t, a: F.rotate(t, 23.0, BILINEAR, fill=[0.0] * 3)),
    "rotate_fill_rgb": ("rotate(angle: -37deg, interp: bilinear, fill: [10, 200, 30])",
                        lambda t, a: F.rotate(t, -37.0, BILINEAR, fill=[10.0, 200.0, 30.0])),
    "rotate_expand_default_fill": ("rotate(angle: 61deg, interp: bilinear, expand: true)",
                                   lambda t, a: F.rotate(t, 61.0, BILINEAR, expand=True)),
    "rotate_nearest_default_fill": ("rotate(angle: 23deg)", lambda t, a: F.rotate(t, 23.0)),
    "affine_default_fill": ("affine(angle: 12deg, translate: [5, -3], scale: 0.9, shear: [7deg, -4deg], "
                            "interp: bilinear)",
                            lambda t, a: F.affine(t, 12.0, [5.0, -3.0], 0.9, [7.0, -4.0], BILINEAR)),
    "affine_fill": ("affine(angle: 12deg, translate: [5, -3], scale: 0.9, shear: [7deg, -4deg], "
                    "interp: bilinear, fill: 77)",
                    lambda t, a: F.affine(t, 12.0, [5.0, -3.0], 0.9, [7.0, -4.0], BILINEAR, fill=[77.0] * 3)),
    "shear_x_default_fill": ("shear_x(amount: 0.27, interp: bilinear)",
                             lambda t, a: _apply_op(t, "ShearX", 0.27, BILINEAR, None)),
    "shear_y_default_fill": ("shear_y(amount: -0.31, interp: bilinear)",
                             lambda t, a: _apply_op(t, "ShearY", -0.31, BILINEAR, None)),
    "translate_x_default_fill": ("translate_x(px: 17, interp: bilinear)",
                                 lambda t, a: _apply_op(t, "TranslateX", 17.0, BILINEAR, None)),
    "perspective_default_fill": ("perspective(distortion: 0.4)",
                                 lambda t, a: F.perspective(t, _pairs(a["startpoints"]), _pairs(a["endpoints"]),
                                                            BILINEAR, fill=[0.0] * 3)),
}


@pytest.fixture(scope="module")
def photo(tmp_path_factory):
    """A real photo cropped to 131 x 97, as a PNG file and as a CHW uint8 tensor."""
    import skimage.data

    hwc = np.ascontiguousarray(skimage.data.chelsea()[37:134, 50:181])
    path = tmp_path_factory.mktemp("warp_fill") / "chelsea.png"
    Image.fromarray(hwc).save(path)
    return str(path), torch.from_numpy(np.ascontiguousarray(hwc.transpose(2, 0, 1)))


@pytest.fixture(scope="module")
def kernel_cache(tmp_path_factory):
    """$AUGER_CACHE_DIR, else one for this module: the fused kernels compile once."""
    return os.environ.get("AUGER_CACHE_DIR") or str(tmp_path_factory.mktemp("kernels"))


@pytest.mark.parametrize("path", ["reference", "fused"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_bilinear_warp_fill_matches_torchvision(auger_bin, tmp_path, photo, kernel_cache, case, path):
    statement, torchvision = CASES[case]
    src, tensor = photo
    policy = tmp_path / "p.aug"
    policy.write_text("sample S {\n  image: image(rgb)\n}\n\npolicy p on S {\n  " + statement + "\n}\n")
    out = tmp_path / "out"
    env = dict(os.environ, AUGER_CACHE_DIR=kernel_cache)
    proc = subprocess.run([auger_bin, "apply", str(policy), "--policy", "p", "--path", path, "--seed", "5",
                           "--out", str(out), src], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    ours = np.asarray(Image.open(out / "chelsea.png").convert("RGB")).transpose(2, 0, 1)
    (args,) = json.loads((out / "chelsea.json").read_text())["params"].values()
    ref = torchvision(tensor, args).numpy()
    assert ours.shape == ref.shape
    off = np.abs(ours.astype(np.int16) - ref.astype(np.int16)).max(axis=0)
    assert not off.any(), (f"{statement} ({path}): {int((off > 0).sum())} of {off.size} pixels differ from "
                           f"torchvision, by up to {int(off.max())}")
