"""ops.md §7, last line: the fused path and the reference path agree within the conformance tolerance on every
stdlib transform and every example policy, across many seeds (auger-difftest runs both on the same resolved
ops: u8 equal on >= 99.9% of values and off by at most 1 elsewhere; f32 within 1e-5, or one u8 step carried
through `normalize`, on the same share)."""
import json
import os
import subprocess

import numpy as np
import pytest

from conftest import ROOT

SEEDS = int(os.environ.get("AUGER_DIFF_SEEDS", "500"))

HEADER = """import std.vision
sample S { image: image(rgb) }
"""

TRANSFORMS = {
    "rand_augment": "rand_augment(n: 2, magnitude: 9)",
    "rand_augment_strong": "rand_augment(n: 3, magnitude: 27)",
    "trivial_augment": "trivial_augment()",
    "auto_augment_imagenet": "auto_augment(policy: imagenet)",
    "auto_augment_cifar10": "auto_augment(policy: cifar10)",
    "auto_augment_svhn": "auto_augment(policy: svhn)",
    "color_jitter": "color_jitter(brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1)",
    "geometry_zoo": """one_of {
    rotate(angle: uniform(-40deg, 40deg), interp: choice(nearest, bilinear), fill: [10, 200, 30])
    affine(angle: uniform(-20deg, 20deg), translate: [randint(-9, 9), 5%], scale: uniform(0.8, 1.2),
           shear: [uniform(-10deg, 10deg), 0deg], interp: bilinear)
    perspective(distortion: uniform(0.1, 0.6))
    seq { pad(px: randint(1, 12), mode: choice(constant, reflect, edge)) random_crop(size: 80) }
    seq { resize(shorter: randint(60, 140)) center_crop(size: 72) }
    seq { vflip() crop(x: 3, y: 5, w: 70, h: 61) }
  }
  hflip() @p(0.5)
  one_of { brightness(factor: uniform(0.5, 1.5)) gamma(g: uniform(0.5, 2)) hue(shift: uniform(-0.3, 0.3))
           grayscale() invert() gaussian_blur(kernel: 5, sigma: uniform(0.1, 2)) sharpness(factor: uniform(0, 3)) }""",
    "store_chain": """random_resized_crop(size: 64)
  cutout(size: 12, count: 2, fill: 128) @p(0.5)
  to_float()
  normalize(mean: imagenet_mean, std: imagenet_std)
  random_erasing(value: 0) @p(0.5)""",
}

EXAMPLES = [
    ("imagenet.aug", "train"), ("imagenet.aug", "eval"),
    ("detection.aug", "train"), ("detection.aug", "train_randaug"), ("detection.aug", "eval"),
    ("pose.aug", "train"), ("pose.aug", "eval"),
    ("segmentation.aug", "train"), ("segmentation.aug", "eval"),
    ("mixup_cutmix.aug", "train"), ("mixup_cutmix.aug", "eval"),
    ("captioning.aug", "train"), ("captioning.aug", "eval"),
]


@pytest.fixture(scope="module")
def difftest():
    path = os.environ.get("AUGER_DIFFTEST", os.path.join(ROOT, "build/tests/harness/difftest/auger-difftest"))
    if not os.path.exists(path):
        pytest.skip(f"{path} not built (set AUGER_DIFFTEST)")
    return path


@pytest.fixture(scope="module")
def small_photos(tmp_path_factory):
    """Two real photos at small odd sizes: many seeds stay fast, odd extents exercise vector tails."""
    import skimage.data
    from PIL import Image

    d = tmp_path_factory.mktemp("small")
    out = []
    for name, arr in {"cat": skimage.data.chelsea()[40:137, 90:221],            # 97x131
                      "coffee": skimage.data.coffee()[120:251, 200:303]}.items():  # 131x103
        p = d / f"{name}.png"
        Image.fromarray(np.ascontiguousarray(arr)).save(p)
        out.append(str(p))
    return out


def run_difftest(difftest, file, policy, photos, *extra):
    # --alternate: seed s runs on photo s mod 2, so 500 seeds are 500 samples over both photos (CI time).
    proc = subprocess.run([difftest, file, "--policy", policy, "--seeds", str(SEEDS), "--alternate", *extra, *photos],
                          capture_output=True, text=True)
    assert proc.returncode in (0, 1), proc.stderr
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    assert summary["samples"] == SEEDS
    assert summary["failures"] == 0, f"{summary}\n{proc.stderr[-3000:]}"
    return summary


@pytest.mark.parametrize("name", sorted(TRANSFORMS))
def test_stdlib_transform(difftest, small_photos, tmp_path, name):
    f = tmp_path / f"{name}.aug"
    f.write_text(HEADER + "policy p on S {\n  " + TRANSFORMS[name] + "\n}\n")
    run_difftest(difftest, str(f), "p", small_photos)


@pytest.mark.parametrize("file,policy", EXAMPLES)
def test_example_policy(difftest, small_photos, file, policy):
    run_difftest(difftest, os.path.join(ROOT, "examples", file), policy, small_photos)
