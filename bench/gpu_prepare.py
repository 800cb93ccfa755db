#!/usr/bin/python3
"""gpu_prepare.py — makes bench/.gpu, what bench/gpu_check.sh needs on a GPU machine (docs/cuda.md, bench/README.md).

The GPU machines lent to sessions run another OS image with none of auger's Debian libraries and no package
registry, so auger is not built there: this script, run on a machine with auger's build, prepares

  bench/.gpu/auger_gpu_check      the GPU kernels, their executor and the Halide runtime in one program that needs
                                  only libc and libstdc++ (runtime/gpu/check)
  bench/.gpu/conf_*.plan          conformance batches: 12 decoded photos (examples/data, 320 px wide), each
                                  sample's plan (its draws as Policy.apply draws them for its key) and the CPU path's
                                  results (Policy.apply), for three policies: colorjitter (RRC + flip + ColorJitter +
                                  to_float + normalize), a u8 one (bicubic RRC, flips, strong jitter), imagenet eval
  bench/.gpu/throughput.plan      256 samples of 224x224 decoded images (64 distinct, cut from bench/.corpus when it
                                  exists, else examples/data) planned with bench/policies/colorjitter.aug
  bench/.gpu/wheels/              Kornia 0.9 and kornia-rs wheels for the GPU machine's Python (--wheels; needs PyPI)

and lists bench/.gpu in .git/info/exclude (it is never committed; the device tool's `carry` takes it along).

Usage:  /usr/bin/python3 bench/gpu_prepare.py [--build DIR] [--no-build] [--wheels]
"""

import argparse
import glob
import os
import subprocess
import sys

import numpy as np

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), ".."))
OUT = os.path.join(ROOT, "bench", ".gpu")

U8_POLICY = os.path.join(ROOT, "bench", "policies", "gpu_u8.aug")


def photos(pattern, n, width=None, square=None):
    from PIL import Image
    files = sorted(glob.glob(pattern))[:n]
    out = []
    for f in files:
        im = Image.open(f).convert("RGB")
        if width:
            im = im.resize((width, max(1, round(im.height * width / im.width))), Image.BILINEAR)
        if square:
            side = min(im.size)
            left, top = (im.width - side) // 2, (im.height - side) // 2
            im = im.crop((left, top, left + side, top + side)).resize((square, square), Image.BILINEAR)
        out.append(np.ascontiguousarray(np.asarray(im)))
    return out


def expected(policy, images, keys, epoch):
    rows = []
    for image, key in zip(images, keys):
        out = policy.apply({"image": image}, key=key, epoch=epoch)["image"]
        rows.append(out.transpose(2, 0, 1) if out.dtype == np.uint8 else out)
    return np.stack(rows).astype(np.float32)


def write(augmenter, path, images, keys, epoch, policy=None):
    want = expected(policy, images, keys, epoch) if policy else np.zeros(0, np.float32)
    planar = {}  # one CHW array per distinct image: the file stores each once
    chw = [planar.setdefault(id(i), np.ascontiguousarray(i.transpose(2, 0, 1))) for i in images]
    augmenter.write_plans(path, chw, keys, epoch, want)
    print(f"  {os.path.relpath(path, ROOT)}: {len(keys)} samples, {os.path.getsize(path) / 1e6:.1f} MB")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--wheels", action="store_true", help="download Kornia's wheels for the GPU machine (PyPI)")
    a = ap.parse_args()
    if not a.no_build:
        subprocess.run(["ninja", "-C", a.build, "auger_gpu_check", "_auger"], check=True)
    sys.path.insert(0, os.path.join(a.build, "python"))
    import auger
    from auger import _auger

    os.makedirs(OUT, exist_ok=True)
    exe = os.path.join(OUT, "auger_gpu_check")
    subprocess.run(["cp", os.path.join(a.build, "runtime", "auger_gpu_check"), exe], check=True)
    subprocess.run(["strip", exe], check=True)
    data = os.path.join(ROOT, "examples", "data", "*", "*.jpg")
    small = photos(data, 12, width=320)
    u8_path = U8_POLICY
    policies = {
        "colorjitter": auger.load(os.path.join(ROOT, "bench", "policies", "colorjitter.aug"), "train", seed=17),
        "u8": auger.load(u8_path, "train", seed=18),
        "eval": auger.load(os.path.join(ROOT, "examples", "imagenet.aug"), "eval"),
    }
    print("conformance batches (CPU path's results from Policy.apply):")
    for name, policy in policies.items():
        g = _auger.GpuAugmenter(policy._impl, True)
        write(g, os.path.join(OUT, f"conf_{name}.plan"), small, [f"{name}-{i}" for i in range(len(small))], 2, policy)

    corpus = os.path.join(ROOT, "bench", ".corpus", "*", "*.jpg")
    distinct = photos(corpus if glob.glob(corpus) else data, 64, square=224)
    images = [distinct[i % len(distinct)] for i in range(256)]
    g = _auger.GpuAugmenter(policies["colorjitter"]._impl, True)
    print("throughput batch:")
    write(g, os.path.join(OUT, "throughput.plan"), images, [f"t{i}" for i in range(256)], 0)

    if a.wheels:
        wheels = os.path.join(OUT, "wheels")
        platforms = [f"--platform=manylinux_2_{n}_x86_64" for n in (17, 27, 28, 31, 34, 35)] + [
            "--platform=manylinux2014_x86_64"]
        for spec in ["kornia==0.9.0", "kornia-rs==0.2.0"]:
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                            "--python-version", "3.12", "--implementation", "cp", *platforms, "-d", wheels, spec],
                           check=True)
    exclude = os.path.join(ROOT, ".git", "info", "exclude")
    with open(exclude, "a+") as f:
        f.seek(0)
        if "/bench/.gpu/" not in f.read().split():
            f.write("/bench/.gpu/\n")
    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(OUT) for f in fs)
    print(f"bench/.gpu: {total / 2**20:.1f} MiB (the device tool carries 64 MiB with the working tree)")


if __name__ == "__main__":
    main()
