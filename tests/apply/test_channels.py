"""`image(gray)` and `image(rgba)` fields keep their channels, as language.md §4 declares them ("HWC u8 pixels as
decoded"): a gray field is PIL's convert('L') of any file (1 channel), an RGBA field convert('RGBA') (alpha kept,
255 where the file has none). The ops then agree with torchvision 0.14 on those tensors, on both paths; the
outputs are 1- and 4-channel PNGs and [1|4, H, W] arrays. (The Python side: python/tests/test_channels.py.)"""
import glob
import os

import numpy as np
import pytest
import torch
import torchvision.transforms.functional as F
from PIL import Image

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "../.."))

GRAY = """
sample G { image: image(gray) }
policy color on G deterministic {
  resize(size: [40, 50])
  brightness(factor: 1.3)
  contrast(factor: 0.7)
  saturation(factor: 1.5)
  hue(shift: 0.1)
  sharpness(factor: 2.0)
  posterize(bits: 5)
  solarize(threshold: 128)
  autocontrast()
  equalize()
}
policy geometry on G deterministic {
  rotate(angle: 20deg)
  gaussian_blur(kernel: 5, sigma: 1.2)
  center_crop(size: 30)
  to_float()
  normalize(mean: [0.5], std: [0.25])
}
"""

RGBA = """
sample R { image: image(rgba) }
policy geometry on R deterministic {
  resize(size: [40, 50])
  rotate(angle: 20deg)
  hflip()
  pad(px: 3)
}
policy warp on R deterministic {
  affine(angle: 10deg, translate: [2, 3], scale: 1.1, shear: [5deg, 0deg])
  to_float()
}
policy color on R deterministic {
  brightness(factor: 1.2)
}
"""


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, photo_files):
    """A colour PNG, a colour JPEG, a gray PNG and an RGBA PNG with a real alpha gradient."""
    d = tmp_path_factory.mktemp("channels")
    cat = np.asarray(Image.open(photo_files["cat"]).convert("RGB"))[:90, :120]
    Image.fromarray(cat).save(d / "colour.png")
    Image.fromarray(cat).save(d / "photo.jpg", quality=90)
    Image.fromarray(cat).convert("L").save(d / "gray.png")
    alpha = np.tile(np.linspace(0, 255, cat.shape[1]).astype(np.uint8), (cat.shape[0], 1))
    Image.fromarray(np.dstack([cat, alpha]), "RGBA").save(d / "alpha.png")
    return {p.stem: str(p) for p in d.iterdir()}


def tensor(path, mode):
    a = np.array(Image.open(path).convert(mode))
    return torch.from_numpy(a[None] if a.ndim == 2 else a.transpose(2, 0, 1).copy())


def png(path):
    a = np.asarray(Image.open(path))
    return a[None] if a.ndim == 2 else a.transpose(2, 0, 1)


@pytest.mark.parametrize("path", ["fused", "reference"])
def test_gray_field_is_one_channel_and_matches_torchvision(apply, tmp_path, inputs, path):
    (tmp_path / "g.aug").write_text(GRAY)
    files = [inputs[k] for k in ("colour", "photo", "gray")]  # a colour JPEG too: PIL's luma of its RGB
    out = apply(str(tmp_path / "g.aug"), files, "--policy", "color", "--path", path)
    geo = apply(str(tmp_path / "g.aug"), files, "--policy", "geometry", "--path", path)
    for f in files:
        stem = os.path.splitext(os.path.basename(f))[0]
        t = tensor(f, "L")
        x = F.resize(t, [40, 50], antialias=True)
        x = F.adjust_contrast(F.adjust_brightness(x, 1.3), 0.7)
        x = F.adjust_hue(F.adjust_saturation(x, 1.5), 0.1)  # no-ops on one channel, as in torchvision
        x = F.equalize(F.autocontrast(F.solarize(F.posterize(F.adjust_sharpness(x, 2.0), 5), 128)))
        got = png(out / f"{stem}.png")
        assert got.shape == (1, 40, 50), stem
        np.testing.assert_array_equal(got, x.numpy(), err_msg=stem)
        y = F.center_crop(F.gaussian_blur(F.rotate(t, 20.0), [5, 5], [1.2, 1.2]), [30, 30])
        y = F.normalize(y.float() / 255, [0.5], [0.25])
        arr = np.load(geo / f"{stem}.npy")
        assert arr.shape == (1, 30, 30)
        np.testing.assert_allclose(arr, y.numpy(), rtol=0, atol=1e-5, err_msg=stem)


@pytest.mark.parametrize("path", ["fused", "reference"])
def test_rgba_field_keeps_alpha_through_geometry(apply, tmp_path, inputs, path):
    (tmp_path / "r.aug").write_text(RGBA)
    files = [inputs["alpha"], inputs["photo"]]  # a JPEG has no alpha: 255
    out = apply(str(tmp_path / "r.aug"), files, "--policy", "geometry", "--path", path)
    aff = apply(str(tmp_path / "r.aug"), files, "--policy", "warp", "--path", path)
    for f in files:
        stem = os.path.splitext(os.path.basename(f))[0]
        t = tensor(f, "RGBA")
        x = F.pad(F.hflip(F.rotate(F.resize(t, [40, 50], antialias=True), 20.0)), 3)
        got = png(out / f"{stem}.png")
        assert got.shape == (4, 46, 56)
        np.testing.assert_array_equal(got, x.numpy(), err_msg=stem)
        y = F.affine(t, angle=10.0, translate=[2, 3], scale=1.1, shear=[5.0, 0.0]).float() / 255
        np.testing.assert_allclose(np.load(aff / f"{stem}.npy"), y.numpy(), rtol=0, atol=1e-5, err_msg=stem)
    assert png(out / "alpha.png")[3].min() == 0 and png(out / "alpha.png")[3].max() > 200  # the gradient survives


def test_colour_op_on_rgba_is_that_inputs_error(apply, tmp_path, inputs):
    (tmp_path / "r.aug").write_text(RGBA)
    proc = apply(str(tmp_path / "r.aug"), [inputs["alpha"]], "--policy", "color", expect=3)
    assert "brightness" in proc.stderr and "4 channels" in proc.stderr
