#!/usr/bin/env python3
"""baselines.py — the image-kernels benchmark's reference libraries, augmentation only, one thread.

Measures samples/s of the two benchmark pipelines on images already decoded in memory (decoding is done
once, before any timing, so JPEG decode speed does not mix in):

  randaugment:  RandomResizedCrop(224) → RandomHorizontalFlip → RandAugment(2, 9)              → float → Normalize
  colorjitter:  RandomResizedCrop(224) → RandomHorizontalFlip → ColorJitter(.4, .4, .4, .1)    → float → Normalize

Systems (each gives a float32 [3, 224, 224] torch tensor, ImageNet-normalised):
  torchvision_pil     PIL.Image RGB in; RandomResizedCrop(224), RandomHorizontalFlip(), RandAugment(2, 9) or
                      ColorJitter(.4, .4, .4, .1), ToTensor(), Normalize(mean, std)
  torchvision_tensor  uint8 CHW tensor in; the same transforms with antialias=True in the crop's resize
                      (the PIL backend and Auger always antialias), then ConvertImageDtype(float), Normalize
  albumentations      (colorjitter only) HWC uint8 numpy in; A.RandomResizedCrop(size=(224, 224)),
                      A.HorizontalFlip(), A.ColorJitter(.4, .4, .4, .1, p=1), A.Normalize(), ToTensorV2()
                      — Albumentations' defaults: bilinear resize without antialiasing, and ToTensorV2 returns
                      a non-contiguous CHW view (both favour it)
Informational variants (not what the other systems compute; --variants to include them):
  torchvision_tensor_noaa  the tensor backend with torchvision 0.14's default antialias=None (no antialiasing)
  albumentations_area      Albumentations with area_for_downscale="image" (INTER_AREA when shrinking)

Each (pipeline, system) runs for --warmup seconds untimed, then for --seconds seconds; the rate is samples
over elapsed wall time (perf_counter), with the CPU time (process_time) alongside. Threads: torch, OpenCV and
OpenMP are set to one thread; pin the process to one core with `taskset -c 0` for the one-core numbers.

Usage:  bench/.venv/bin/python bench/baselines.py [--corpus bench/.corpus] [--seconds 3] [--json-out FILE]
Prints one JSON object on stdout (or to --json-out) and a progress line per measurement on stderr.
"""

import os

for _v in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_v, "1")
os.environ.setdefault("NO_ALBUMENTATIONS_UPDATE", "1")   # no network look-up at import

import argparse
import glob
import json
import platform
import random
import sys
import time
import warnings

import numpy as np
from PIL import Image

warnings.filterwarnings("ignore")

import torch  # noqa: E402
import torchvision  # noqa: E402
import torchvision.transforms as T  # noqa: E402

MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)
PIPELINES = ("randaugment", "colorjitter")
SYSTEMS = ("torchvision_pil", "torchvision_tensor", "albumentations")
VARIANTS = ("torchvision_tensor_noaa", "albumentations_area")


def augment_op(pipeline):
    if pipeline == "randaugment":
        return T.RandAugment(num_ops=2, magnitude=9)
    return T.ColorJitter(brightness=0.4, contrast=0.4, saturation=0.4, hue=0.1)


def build(pipeline, system):
    """(callable on one input, which input kind it takes) or None when the system lacks the pipeline."""
    if system == "torchvision_pil":
        t = T.Compose([T.RandomResizedCrop(224), T.RandomHorizontalFlip(), augment_op(pipeline),
                       T.ToTensor(), T.Normalize(MEAN, STD)])
        return t, "pil"
    if system in ("torchvision_tensor", "torchvision_tensor_noaa"):
        aa = True if system == "torchvision_tensor" else None
        t = T.Compose([T.RandomResizedCrop(224, antialias=aa), T.RandomHorizontalFlip(), augment_op(pipeline),
                       T.ConvertImageDtype(torch.float), T.Normalize(MEAN, STD)])
        return t, "tensor"
    if system in ("albumentations", "albumentations_area"):
        if pipeline != "colorjitter":
            return None
        import albumentations as A
        from albumentations.pytorch import ToTensorV2
        rrc = dict(size=(224, 224))
        if system == "albumentations_area":
            rrc["area_for_downscale"] = "image"
        c = A.Compose([A.RandomResizedCrop(**rrc), A.HorizontalFlip(p=0.5),
                       A.ColorJitter(brightness=0.4, contrast=0.4, saturation=0.4, hue=0.1, p=1.0),
                       A.Normalize(mean=MEAN, std=STD), ToTensorV2()])
        return (lambda a: c(image=a)["image"]), "numpy"
    raise ValueError(system)


def load_corpus(corpus, limit):
    files = sorted(glob.glob(os.path.join(corpus, "**", "*.jpg"), recursive=True)
                   + glob.glob(os.path.join(corpus, "**", "*.jpeg"), recursive=True)
                   + glob.glob(os.path.join(corpus, "**", "*.JPEG"), recursive=True))
    if limit:
        files = files[:limit]
    if not files:
        sys.exit("baselines.py: no JPEGs under %s (run bench/make_corpus.py)" % corpus)
    pils = []
    for f in files:
        with Image.open(f) as im:
            pils.append(im.convert("RGB"))
    return files, pils


def measure(fn, inputs, seconds, warmup):
    n = len(inputs)
    i = 0
    t_end = time.perf_counter() + warmup
    while time.perf_counter() < t_end or i < 2:
        fn(inputs[i % n])
        i += 1
    count = 0
    c0 = time.process_time()
    t0 = time.perf_counter()
    t_end = t0 + seconds
    while True:
        fn(inputs[i % n])
        i += 1
        count += 1
        t = time.perf_counter()
        if t >= t_end:
            break
    c1 = time.process_time()
    wall = t - t0
    cpu = c1 - c0
    return {"samples": count, "seconds": round(wall, 3), "cpu_seconds": round(cpu, 3),
            "samples_per_s": round(count / wall, 1), "ms_per_sample": round(1000 * wall / count, 3),
            # Less sensitive to other processes sharing the core (cpu_seconds < seconds shows them).
            "samples_per_cpu_s": round(count / cpu, 1) if cpu > 0 else None}


def versions():
    v = {"python": platform.python_version(), "numpy": np.__version__, "torch": torch.__version__,
         "torchvision": torchvision.__version__, "PIL": Image.__version__ if hasattr(Image, "__version__") else
         __import__("PIL").__version__}
    try:
        import albumentations
        import cv2
        v["albumentations"] = albumentations.__version__
        v["cv2"] = cv2.__version__
    except ImportError as e:
        v["albumentations"] = None
        v["albumentations_error"] = str(e)
    return v


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=os.path.join(here, ".corpus"))
    ap.add_argument("--images", type=int, default=0, help="use the first N images only (default: all)")
    ap.add_argument("--seconds", type=float, default=3.0, help="timed seconds per measurement (default 3)")
    ap.add_argument("--warmup", type=float, default=1.0, help="untimed seconds before each (default 1)")
    ap.add_argument("--pipelines", default=",".join(PIPELINES))
    ap.add_argument("--systems", default=",".join(SYSTEMS))
    ap.add_argument("--variants", action="store_true", help="also measure " + ", ".join(VARIANTS))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json-out", help="write the JSON here instead of stdout")
    args = ap.parse_args()

    torch.set_num_threads(1)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass
    try:
        import cv2
        cv2.setNumThreads(1)
        cv2.ocl.setUseOpenCL(False)
    except ImportError:
        pass
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)

    pipelines = [p for p in args.pipelines.split(",") if p]
    systems = [s for s in args.systems.split(",") if s] + (list(VARIANTS) if args.variants else [])
    for p in pipelines:
        if p not in PIPELINES:
            ap.error("unknown pipeline %r" % p)
    for s in systems:
        if s not in SYSTEMS + VARIANTS:
            ap.error("unknown system %r" % s)

    files, pils = load_corpus(args.corpus, args.images)
    inputs = {"pil": pils}
    if any(s.startswith("torchvision_tensor") for s in systems):
        inputs["tensor"] = [torch.from_numpy(np.asarray(im)).permute(2, 0, 1).contiguous() for im in pils]
    if any(s.startswith("albumentations") for s in systems):
        inputs["numpy"] = [np.ascontiguousarray(np.asarray(im)) for im in pils]

    out = {
        "what": "augment-only samples/s on decoded images, one thread",
        "corpus": os.path.abspath(args.corpus),
        "images": len(files),
        "mean_pixels": round(float(np.mean([im.size[0] * im.size[1] for im in pils]))),
        "seconds": args.seconds,
        "warmup": args.warmup,
        "affinity": sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "torch_threads": torch.get_num_threads(),
        "versions": versions(),
        "results": {},
    }
    for p in pipelines:
        res = out["results"].setdefault(p, {})
        for s in systems:
            try:
                b = build(p, s)
            except ImportError as e:
                res[s] = {"error": "not installed: %s" % e}
                print("%-12s %-26s n/a (%s)" % (p, s, e), file=sys.stderr)
                continue
            if b is None:
                continue
            fn, kind = b
            y = fn(inputs[kind][0])
            if tuple(y.shape) != (3, 224, 224) or y.dtype != torch.float32:
                raise SystemExit("baselines.py: %s/%s gave %s %s" % (p, s, tuple(y.shape), y.dtype))
            r = measure(fn, inputs[kind], args.seconds, args.warmup)
            res[s] = r
            print("%-12s %-26s %8.1f samples/s  (%.3f ms/sample, %d samples)"
                  % (p, s, r["samples_per_s"], r["ms_per_sample"], r["samples"]), file=sys.stderr)
        tv = {s: res[s]["samples_per_s"] for s in ("torchvision_pil", "torchvision_tensor")
              if s in res and "samples_per_s" in res[s]}
        if tv:
            best = max(tv, key=tv.get)
            res["torchvision_best"] = {"system": best, "samples_per_s": tv[best]}

    text = json.dumps(out, indent=1)
    if args.json_out:
        with open(args.json_out, "w") as f:
            f.write(text + "\n")
    else:
        print(text)


if __name__ == "__main__":
    main()
