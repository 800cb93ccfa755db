"""Fixtures for `auger run` / `auger preview` tests: the binary, a small labelled image folder, a policy."""
import os
import subprocess

import numpy as np
import pytest

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "../.."))

# A small policy with every kind of draw the runtime must reproduce: a crop the decoder serves from a region,
# a flip, RandAugment's op choice, a float store.
POLICY = """
import std.vision
sample Photo {
  image: image(rgb)
  label: class(3)
}
policy train on Photo {
  random_resized_crop(size: 64)
  hflip() @p(0.5)
  rand_augment(n: 2, magnitude: 9)
  to_float()
  normalize(mean: imagenet_mean, std: imagenet_std)
}
policy small on Photo {
  random_resized_crop(size: 48)
  hflip() @p(0.5)
}
"""


@pytest.fixture(scope="session")
def auger_bin():
    path = os.environ.get("AUGER_BIN", os.path.join(ROOT, "build/tools/auger"))
    if not os.path.exists(path):
        pytest.skip(f"{path} not built (set AUGER_BIN)")
    return path


@pytest.fixture(scope="session")
def policy_file(tmp_path_factory):
    p = tmp_path_factory.mktemp("policy") / "runtest.aug"
    p.write_text(POLICY)
    return str(p)


@pytest.fixture(scope="session")
def image_folder(tmp_path_factory):
    """18 JPEGs in 3 class folders, crops of python3-skimage's photos at varied sizes and qualities."""
    import skimage.data
    from PIL import Image

    root = tmp_path_factory.mktemp("images")
    photos = [skimage.data.chelsea(), skimage.data.coffee(), skimage.data.astronaut(), skimage.data.rocket()]
    rng = np.random.default_rng(5)
    for c, cls in enumerate(["cat", "dog", "eel"]):
        (root / cls).mkdir()
        for i in range(6):
            arr = photos[(c + i) % len(photos)]
            h, w = arr.shape[:2]
            y, x = int(rng.integers(0, h // 4)), int(rng.integers(0, w // 4))
            ch, cw = int(rng.integers(h // 2, h - y)), int(rng.integers(w // 2, w - x))
            Image.fromarray(np.ascontiguousarray(arr[y:y + ch, x:x + cw])).save(
                root / cls / f"{cls}_{i:02d}.jpg", quality=int(rng.integers(70, 95)))
    return str(root)


@pytest.fixture
def run(auger_bin):
    """run(*args, expect=0, env=None) -> CompletedProcess of `auger run ...`."""

    def go(*args, expect=0, env=None):
        e = dict(os.environ)
        for v in ("RANK", "WORLD_SIZE", "OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE", "PMI_RANK", "PMI_SIZE",
                  "SLURM_PROCID", "SLURM_NTASKS"):
            e.pop(v, None)
        e.update(env or {})
        proc = subprocess.run([auger_bin, "run", *args], capture_output=True, text=True, env=e)
        assert proc.returncode == expect, proc.stderr
        return proc

    return go


def shard_bytes(out_dir):
    """{relative path: bytes} of every output file (the run's state folder and manifest aside)."""
    out = {}
    for dirpath, dirs, files in os.walk(out_dir):
        dirs[:] = [d for d in dirs if d != ".auger"]
        for f in files:
            if f == "manifest.json":
                continue
            p = os.path.join(dirpath, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, out_dir)] = fh.read()
    return out
