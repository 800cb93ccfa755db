"""No kernel is compiled while samples wait: with an EMPTY kernel cache, every example policy with an image and
every stdlib augmentation family (RandAugment, TrivialAugment, AutoAugment's three policies) runs through
`auger run` under several seeds and copies, and the manifest says `kernels_compiled: 0` — the build's
ahead-of-time kernels (runtime/fused/kernel_catalog.h) cover every kernel the samples need — and nothing is written
to the cache folder."""
import glob
import json
import os
import re
import subprocess

import pytest

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "../.."))
EXAMPLE_DATA = os.path.join(ROOT, "examples", "data")

FAMILIES = """
import std.vision
sample Photo { image: image(rgb) }
policy ra on Photo {
  random_resized_crop(size: 96)
  hflip() @p(0.5)
  rand_augment(n: 3, magnitude: 15)
  to_float()
  normalize(mean: imagenet_mean, std: imagenet_std)
}
policy ta on Photo {
  random_resized_crop(size: 96)
  trivial_augment()
  to_float()
  normalize(mean: imagenet_mean, std: imagenet_std)
  random_erasing(noise: true) @p(0.5)
}
policy aa_imagenet on Photo {
  resize(size: 96)
  auto_augment(policy: imagenet)
  to_float()
}
policy aa_cifar10 on Photo {
  center_crop(size: 96)
  auto_augment(policy: cifar10)
  cutout(size: 16)
}
policy aa_svhn on Photo {
  auto_augment(policy: svhn)
  gaussian_blur(kernel: 3, sigma: uniform(0.1, 2.0))
  to_float()
}
"""


def image_policies():
    """(file, policy) for every policy of examples/*.aug whose schema has an image field."""
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, "examples", "*.aug"))):
        text = open(path).read()
        if not re.search(r":\s*image\(", text):
            continue
        out += [(path, p) for p in re.findall(r"^policy\s+(\w+)", text, re.M)]
    return out


def run_cold(auger_bin, policy_file, policy, seed, out, tmp_path):
    cache = tmp_path / f"cache-{policy}-{seed}"
    cache.mkdir()
    env = dict(os.environ, AUGER_CACHE_DIR=str(cache))
    p = subprocess.run([auger_bin, "run", policy_file, "--policy", policy, "--input", EXAMPLE_DATA, "--output",
                        str(out), "--seed", str(seed), "--copies", "2", "--workers", "2", "-q"],
                       capture_output=True, text=True, env=env)
    assert p.returncode == 0, p.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["written"] == 48, manifest
    return manifest, sorted(os.listdir(cache))


@pytest.mark.parametrize("policy_file,policy", image_policies(),
                         ids=lambda v: os.path.basename(v) if os.sep in str(v) else v)
def test_example_policies_compile_nothing(auger_bin, policy_file, policy, tmp_path):
    manifest, cached = run_cold(auger_bin, policy_file, policy, 11, tmp_path / "out", tmp_path)
    assert manifest["kernels_compiled"] == 0
    assert manifest["compile_seconds"] == 0
    assert all(p["metrics"]["kernels_compiled"] == 0 for p in manifest["processes"])
    assert cached == []


@pytest.mark.parametrize("policy", ["ra", "ta", "aa_imagenet", "aa_cifar10", "aa_svhn"])
@pytest.mark.parametrize("seed", [0, 3, 987654321])
def test_augmentation_families_compile_nothing(auger_bin, policy, seed, tmp_path):
    policy_file = tmp_path / "families.aug"
    policy_file.write_text(FAMILIES)
    manifest, cached = run_cold(auger_bin, str(policy_file), policy, seed, tmp_path / "out", tmp_path)
    assert manifest["kernels_compiled"] == 0
    assert cached == []
