#!/usr/bin/env python3
"""gpu_peers.py — Kornia 0.9 and DALI 2.4 on the images of bench/.gpu/throughput.plan, beside auger's GPU number
(bench/gpu_check.sh runs it on the GPU machine; docs/cuda.md).

Each system takes the same 256 decoded 224x224 u8 images, held in page-locked host memory, through
RandomResizedCrop(224, scale [0.08, 1], ratio [3/4, 4/3]) + horizontal flip + ColorJitter(.4, .4, .4, .1) +
normalize (ImageNet mean/std) into a float32 batch on the GPU, synchronised after each batch, as
auger_gpu_check's throughput does (the host-to-device copy counted for all). A system that cannot be imported or
fails is reported with why, never skipped silently. Prints a table and the ratios auger / peer against the
issue's target (>= 50,000 images/s on one H100 and ahead of both); --json-out writes the same as JSON.

Kornia needs a CUDA build of torch (the GPU image's python3 has one; Debian's torch 1.13 is CPU-only: there this
script measures nothing and says so). Kornia's wheels travel in bench/.gpu/wheels (bench/gpu_prepare.py
--wheels); DALI's wheel (nvidia-dali-cuda130, several hundred MB) is larger than the device tool carries, so DALI
runs only where it is installed.
"""

import argparse
import json
import struct
import sys
import time

import numpy as np

MEAN = [0.485, 0.456, 0.406]
STD = [0.229, 0.224, 0.225]


def plan_images(path):
    """The distinct images of a planned batch (runtime/gpu/plan_io.cpp: magic, count, then c, h, w, u8 vector)
    and the sample -> image index, as [N, 3, H, W] uint8."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"AUGERGP1":
        raise SystemExit(f"{path}: not a planned batch")
    pos = 8
    (n,) = struct.unpack_from("<Q", data, pos)
    pos += 8
    images = []
    for _ in range(n):
        c, h, w = struct.unpack_from("<iii", data, pos)
        pos += 12
        (size,) = struct.unpack_from("<Q", data, pos)
        pos += 8
        images.append(np.frombuffer(data, np.uint8, size, pos).reshape(c, h, w))
        pos += size
    (samples,) = struct.unpack_from("<Q", data, pos)
    pos += 8
    index = []
    for _ in range(samples):
        (klen,) = struct.unpack_from("<Q", data, pos)
        pos += 8 + klen
        (k,) = struct.unpack_from("<i", data, pos)
        index.append(k)
        pos += 4
        for _axis in range(2):  # taps: int32 taps, then index (i32), weight (f32), add (u8) vectors
            pos += 4
            for width in (4, 4, 1):
                (m,) = struct.unpack_from("<Q", data, pos)
                pos += 8 + m * width
        (j,) = struct.unpack_from("<Q", data, pos)
        pos += 8 + 12 * j + 28  # jitter ops; the store: bool + padding, mean[3], std[3]
    return np.stack([images[k] for k in index])


def timed(run, seconds, sync):
    for _ in range(3):
        run()
    sync()
    start, batches = time.perf_counter(), 0
    while True:
        run()
        sync()
        batches += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds and batches >= 5:
            return batches, elapsed


def kornia_rate(batch, seconds):
    import torch
    import kornia
    import kornia.augmentation as K
    if not torch.cuda.is_available():
        raise RuntimeError(f"torch {torch.__version__} has no CUDA device (Debian's torch 1.13 is CPU-only)")
    host = torch.from_numpy(batch).pin_memory()
    aug = K.AugmentationSequential(
        K.RandomResizedCrop((224, 224), scale=(0.08, 1.0), ratio=(3 / 4, 4 / 3)),
        K.RandomHorizontalFlip(),
        K.ColorJitter(0.4, 0.4, 0.4, 0.1, p=1.0),
        K.Normalize(mean=torch.tensor(MEAN), std=torch.tensor(STD)),
    ).cuda()
    out = {}

    def run():
        x = host.cuda(non_blocking=True).float().div_(255)
        out["y"] = aug(x)

    batches, elapsed = timed(run, seconds, torch.cuda.synchronize)
    return {"version": kornia.__version__, "torch": torch.__version__, "batches": batches, "seconds": elapsed,
            "images_per_s": batches * len(batch) / elapsed, "shape": list(out["y"].shape)}


def dali_rate(batch, seconds):
    import nvidia.dali as dali
    import nvidia.dali.fn as fn
    import nvidia.dali.types as types
    hwc = [np.ascontiguousarray(b.transpose(1, 2, 0)) for b in batch]

    @dali.pipeline_def(batch_size=len(hwc), num_threads=8, device_id=0, prefetch_queue_depth=1)
    def pipe():
        x = fn.external_source(name="x", device="cpu", layout="HWC").gpu()
        x = fn.random_resized_crop(x, size=(224, 224), random_area=[0.08, 1.0], random_aspect_ratio=[3 / 4, 4 / 3])
        x = fn.color_twist(x, brightness=fn.random.uniform(range=[0.6, 1.4]),
                           contrast=fn.random.uniform(range=[0.6, 1.4]),
                           saturation=fn.random.uniform(range=[0.6, 1.4]), hue=fn.random.uniform(range=[-36, 36]))
        return fn.crop_mirror_normalize(x, dtype=types.FLOAT, output_layout="CHW", mirror=fn.random.coin_flip(),
                                        mean=[m * 255 for m in MEAN], std=[s * 255 for s in STD])

    p = pipe()
    p.build()

    def run():
        p.feed_input("x", hwc)
        p.run()

    batches, elapsed = timed(run, seconds, lambda: None)  # run() returns finished outputs
    return {"version": dali.__version__, "batches": batches, "seconds": elapsed,
            "images_per_s": batches * len(hwc) / elapsed}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plan", default="bench/.gpu/throughput.plan")
    ap.add_argument("--auger", help="auger_gpu_check throughput's JSON")
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--json-out")
    a = ap.parse_args()
    batch = plan_images(a.plan)
    result = {"batch": len(batch), "image": list(batch.shape[1:]), "systems": {}}
    if a.auger:
        try:
            with open(a.auger) as f:
                result["systems"]["auger"] = json.load(f)
        except (OSError, ValueError) as e:
            result["systems"]["auger"] = {"error": f"no auger result: {e}"}
        pipelined = result["systems"]["auger"].get("pipelined_images_per_s")
        if pipelined:  # batches queued back to back: the host packs the next while the GPU runs this one
            result["systems"]["auger_pipelined"] = {"images_per_s": pipelined}
    for name, fn in [("kornia", kornia_rate), ("dali", dali_rate)]:
        try:
            result["systems"][name] = fn(batch, a.seconds)
        except Exception as e:  # noqa: BLE001 - each peer reports why it did not run
            result["systems"][name] = {"error": f"{type(e).__name__}: {e}"}
    ours = result["systems"].get("auger", {}).get("images_per_s")
    print(f"batch {len(batch)} x {list(batch.shape[1:])} u8, RRC + flip + ColorJitter + normalize, images/s:")
    for name, r in result["systems"].items():
        rate = r.get("images_per_s")
        line = f"  {name:16s} {rate:12.1f}" if rate else f"  {name:16s}          n/a  ({r.get('error')})"
        if rate and ours and not name.startswith("auger"):
            line += f"   auger / {name} = {ours / rate:.2f}x"
            result["systems"][name]["auger_ratio"] = ours / rate
        print(line)
    if ours:
        verdict = "MET" if ours >= 50000 else "NOT MET"
        print(f"target >= 50,000 images/s on one H100 (synchronised per batch): {ours:.0f} ({verdict}; the card is "
              "in gpu_check.log)")
        result["target_50k"] = ours >= 50000
    if a.json_out:
        with open(a.json_out, "w") as f:
            json.dump(result, f, indent=1)
    return 0 if ours else 1


if __name__ == "__main__":
    sys.exit(main())
