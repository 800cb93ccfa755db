#!/usr/bin/python3
"""make_corpus.py — an ImageNet-like JPEG corpus for the image-kernels benchmark.

Builds N JPEGs (default 400) from photos shipped in Debian packages — opencv-doc's example data
(/usr/share/doc/opencv-doc/examples/data) and python3-skimage's bundled images (skimage.data) — by
random crops, rescales and flips of the source photos, so that every system under test reads the same,
realistic input without downloading anything:

  * sizes like ImageNet's training set: shorter side 300..500 (most often 333..375), longer side
    mostly 4/3..3/2 of it (500x375, 500x333 are the typical ImageNet shapes); ~20 % portrait,
    ~10 % near-square;
  * ~3 % grayscale-looking (grey content, stored as 3-channel JPEG like most of ImageNet's);
  * baseline JPEG, quality 90, 4:2:0 chroma subsampling (what ImageNet's JPEGs mostly are);
  * class sub-folders (default 10: n00000000 .. n00000009), files NAME.jpg.

Deterministic: the same arguments and the same source photos give the same pixels (the JPEG bytes also
depend on the installed libjpeg). Idempotent: the manifest `.manifest.json` in the output folder records
the arguments and the sources' hashes; when it matches and every file is there, nothing is written.

Usage:  /usr/bin/python3 bench/make_corpus.py [--out DIR] [--n 400] [--classes 10] [--seed 0] [--quality 90]
Needs:  python3-pil, python3-numpy; opencv-doc and/or python3-skimage for the photos.
"""

import argparse
import hashlib
import io
import json
import os
import random
import shutil
import sys

import numpy as np
from PIL import Image, ImageOps

GENERATOR_VERSION = 1
MANIFEST = ".manifest.json"
OPENCV_DATA = "/usr/share/doc/opencv-doc/examples/data"

# Natural photographs (not logos, charts or synthetic renders) among opencv-doc's example data.
OPENCV_PHOTOS = [
    "aero1.jpg", "aero3.jpg", "aloeL.jpg", "aloeR.jpg", "apple.jpg", "baboon.jpg", "board.jpg",
    "building.jpg", "butterfly.jpg", "ela_original.jpg", "fruits.jpg", "graf1.png", "home.jpg",
    "left.jpg", "leuvenA.jpg", "leuvenB.jpg", "licenseplate_motion.jpg", "messi5.jpg", "orange.jpg",
    "pca_test1.jpg", "rubberwhale1.png", "smarties.png", "squirrel_cls.jpg", "starry_night.jpg",
    "stuff.jpg",
]
# skimage.data images that ship with python3-skimage (no download needed).
SKIMAGE_PHOTOS = [
    "astronaut", "coffee", "chelsea", "rocket", "hubble_deep_field", "immunohistochemistry", "retina",
]
# (Grey sources are left out: the grey share is set by make_image, about 3 %.)


def load_sources():
    """[(name, RGB PIL image, sha256 of its pixels)] in a fixed order."""
    out = []
    for f in OPENCV_PHOTOS:
        p = os.path.join(OPENCV_DATA, f)
        if os.path.exists(p):
            with Image.open(p) as im:
                out.append(("opencv-doc:" + f, im.convert("RGB")))
    try:
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import skimage.data as skd
        for f in SKIMAGE_PHOTOS:
            try:
                a = getattr(skd, f)()
            except Exception:  # an image that needs a download, or another skimage version
                continue
            if a.dtype != np.uint8:
                continue
            out.append(("skimage:" + f, Image.fromarray(a).convert("RGB")))
    except ImportError:
        pass
    res = []
    for name, im in out:
        if min(im.size) < 240:
            continue
        h = hashlib.sha256(np.asarray(im).tobytes()).hexdigest()[:16]
        res.append((name, im, h))
    return res


def target_shape(rng):
    """(width, height) drawn like ImageNet's training images."""
    u = rng.random()
    if u < 0.55:
        short = rng.choice([333, 334, 375, 375, 375, 332, 340, 360])
        long_ = 500
    elif u < 0.80:
        short = rng.randint(300, 500)
        long_ = int(round(short * rng.uniform(4 / 3, 1.5)))
    else:
        short = rng.randint(300, 500)
        long_ = int(round(short * rng.uniform(1.0, 4 / 3)))
    portrait = rng.random() < 0.20
    return (short, long_) if portrait else (long_, short)


def make_image(src, rng):
    """A random crop of `src` with a target aspect ratio and size, rescaled, maybe flipped / greyed."""
    tw, th = target_shape(rng)
    sw, sh = src.size
    aspect = tw / th
    # The largest crop of that aspect inside the source, then 45..100 % of its area.
    cw = min(sw, sh * aspect)
    ch = cw / aspect
    f = rng.uniform(0.45, 1.0) ** 0.5
    cw, ch = max(32.0, cw * f), max(32.0, ch * f)
    x0 = rng.uniform(0, sw - cw)
    y0 = rng.uniform(0, sh - ch)
    im = src.resize((tw, th), Image.BICUBIC, box=(x0, y0, x0 + cw, y0 + ch))
    if rng.random() < 0.5:
        im = ImageOps.mirror(im)
    if rng.random() < 0.03:
        im = im.convert("L").convert("RGB")
    return im


def manifest_for(args, sources):
    return {
        "generator": "bench/make_corpus.py",
        "version": GENERATOR_VERSION,
        "n": args.n,
        "classes": args.classes,
        "seed": args.seed,
        "quality": args.quality,
        "sources": [[name, h] for name, _, h in sources],
    }


def class_name(c):
    return "n%08d" % c


def file_list(args):
    return [os.path.join(class_name(i % args.classes), "%s_%05d.jpg" % (class_name(i % args.classes), i))
            for i in range(args.n)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".corpus"),
                    help="output folder (default: bench/.corpus)")
    ap.add_argument("--n", type=int, default=400, help="number of JPEGs (default 400)")
    ap.add_argument("--classes", type=int, default=10, help="number of class sub-folders (default 10)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--quality", type=int, default=90, help="JPEG quality (default 90)")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    if args.n < 1 or args.classes < 1:
        ap.error("--n and --classes must be positive")

    sources = load_sources()
    if len(sources) < 4:
        sys.exit("make_corpus.py: found %d source photos; install opencv-doc and/or python3-skimage" % len(sources))
    manifest = manifest_for(args, sources)
    files = file_list(args)
    mpath = os.path.join(args.out, MANIFEST)

    if os.path.exists(mpath):
        try:
            with open(mpath) as f:
                old = json.load(f)
        except (OSError, ValueError):
            old = None
        if old is not None and {k: v for k, v in old.items() if k != "stats"} == manifest \
                and all(os.path.exists(os.path.join(args.out, p)) for p in files):
            if not args.quiet:
                print("corpus up to date: %s (%d JPEGs, %d classes)" % (args.out, args.n, args.classes))
            return
        # Ours but stale: remove what an earlier run of this script wrote (class folders and manifest).
        for d in os.listdir(args.out):
            if d.startswith("n") and d[1:].isdigit() and os.path.isdir(os.path.join(args.out, d)):
                shutil.rmtree(os.path.join(args.out, d))
        os.remove(mpath)
    elif os.path.isdir(args.out) and os.listdir(args.out):
        sys.exit("make_corpus.py: %s is not empty and has no %s; refusing to write into it" % (args.out, MANIFEST))

    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    total_bytes = 0
    shorts, aspects, portrait, grey = [], [], 0, 0
    for i, rel in enumerate(files):
        name, src, _ = sources[rng.randrange(len(sources))]
        im = make_image(src, random.Random(rng.getrandbits(64)))
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=args.quality, subsampling="4:2:0", optimize=False, progressive=False)
        data = buf.getvalue()
        path = os.path.join(args.out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path + ".tmp", "wb") as f:
            f.write(data)
        os.replace(path + ".tmp", path)
        total_bytes += len(data)
        w, h = im.size
        shorts.append(min(w, h))
        aspects.append(max(w, h) / min(w, h))
        portrait += h > w
        a = np.asarray(im, dtype=np.int16)
        grey += int(np.abs(a[..., 0] - a[..., 1]).max() <= 2 and np.abs(a[..., 1] - a[..., 2]).max() <= 2)

    stats = {
        "bytes": total_bytes,
        "mean_kib": round(total_bytes / args.n / 1024, 1),
        "shorter_side_mean": round(float(np.mean(shorts)), 1),
        "aspect_mean": round(float(np.mean(aspects)), 3),
        "portrait": portrait,
        "grey": grey,
    }
    manifest["stats"] = stats
    with open(mpath + ".tmp", "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    os.replace(mpath + ".tmp", mpath)
    if not args.quiet:
        print("corpus written: %s — %d JPEGs in %d classes from %d source photos; mean %.1f KiB, shorter side "
              "mean %.0f px, aspect mean %.2f, %d portrait, %d grey"
              % (args.out, args.n, args.classes, len(sources), stats["mean_kib"], stats["shorter_side_mean"],
                 stats["aspect_mean"], portrait, grey))


if __name__ == "__main__":
    main()
