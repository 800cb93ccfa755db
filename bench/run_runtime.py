#!/usr/bin/python3
"""run_runtime.py — the data-runtime benchmark in one command: decode + augment end to end with 2 workers.

  1. makes the JPEG corpora (bench/make_corpus.py): 400 images in bench/.corpus, 4,000 in bench/.corpus4000;
  2. sets up the baselines' venv (bench/setup_venv.sh → bench/.venv) when torch's DataLoader is to be measured
     there (Debian's torch is visible in it), and tries NVIDIA DALI (PyPI nvidia-dali-cuda130, CPU only) with --dali;
  3. runs, pinned to the same cores (taskset -c 0,1 by default), on the same JPEG files, one after another:
       torch DataLoader(ImageFolder(corpus, torchvision transforms), batch_size=B, num_workers=2)
           RandomResizedCrop(224) → RandomHorizontalFlip → RandAugment(2, 9) → ToTensor → Normalize
       auger bench bench/policies/randaugment.aug --workers 2 --json   (decode alone, end to end, peak RSS)
       auger.Loader(policy, source=corpus, batch_size=B, workers=2)    (when the Python module is built)
       DALI's CPU pipeline (device_id=None): file reader → decoders.image_random_crop (RandomResizedCrop's
           area/aspect defaults) → resize 224 → flip → auto_aug.rand_augment(n=2, m=9) → crop_mirror_normalize
           — only with --dali
  4. prints samples/s, the ratios end to end / DataLoader and end to end / decode alone against the issue's
     targets (≥ 3×, aim 4×; ≥ 80 %), and auger's peak RSS for 400 and 4,000 images.

Usage:  /usr/bin/python3 bench/run_runtime.py [--seconds 10] [--cores 0,1] [--auger build/tools/auger]
                                              [--python-module build/python] [--dali] [--json-out FILE]
"""

import argparse
import json
import os
import subprocess
import tempfile

from bench_util import pin, run_json  # bench/ is on sys.path: the script is there

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
POLICY = os.path.join(HERE, "policies", "randaugment.aug")


def make_corpus(out, n):
    subprocess.run(["/usr/bin/python3", os.path.join(HERE, "make_corpus.py"), "--out", out, "--n", str(n)],
                   check=True, stdout=subprocess.DEVNULL)


DATALOADER = r"""
import os, sys, time, json
os.environ.setdefault("OMP_NUM_THREADS", "1")
import torch, torchvision, torchvision.transforms as T
torch.set_num_threads(1)
corpus, batch, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
tf = T.Compose([T.RandomResizedCrop(224), T.RandomHorizontalFlip(), T.RandAugment(2, 9), T.ToTensor(),
                T.Normalize((0.485, 0.456, 0.406), (0.229, 0.224, 0.225))])
ds = torchvision.datasets.ImageFolder(corpus, transform=tf)
dl = torch.utils.data.DataLoader(ds, batch_size=batch, shuffle=True, num_workers=2, drop_last=False,
                                 persistent_workers=True, prefetch_factor=2)
it = iter(dl); next(it)  # workers started, first batch out of the way
n, start = 0, time.perf_counter()
while True:
    for b, y in it:
        n += b.shape[0]
    if time.perf_counter() - start >= seconds:
        break
    it = iter(dl)
print(json.dumps({"samples_per_s": n / (time.perf_counter() - start), "samples": n}))
"""

LOADER = r"""
import sys, time, json
sys.path.insert(0, sys.argv[4])
import auger
policy_file, corpus, batch, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[5])
policy = auger.load(policy_file, policy="train", seed=0)
loader = auger.Loader(policy, source=corpus, batch_size=batch, workers=2, shuffle=True)
n, epoch, start = 0, 0, None
while True:
    loader.set_epoch(epoch)
    for b in loader:
        if start is None:
            start = time.perf_counter()  # the first batch (kernel loading, worker start) is not timed
            continue
        n += b["image"].shape[0]
    epoch += 1
    if start is not None and time.perf_counter() - start >= seconds:
        break
print(json.dumps({"samples_per_s": n / (time.perf_counter() - start), "samples": n}))
"""

DALI = r"""
import sys, time, json
from nvidia.dali import pipeline_def, fn, types
from nvidia.dali.auto_aug import rand_augment
corpus, batch, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
@pipeline_def(batch_size=batch, num_threads=2, device_id=None, enable_conditionals=True)
def pipe():
    jpegs, labels = fn.readers.file(file_root=corpus, random_shuffle=True, name="r")
    images = fn.decoders.image_random_crop(jpegs, device="cpu", output_type=types.RGB)
    images = fn.resize(images, resize_x=224, resize_y=224)
    images = fn.flip(images, horizontal=fn.random.coin_flip())
    images = rand_augment.rand_augment(images, n=2, m=9)
    return fn.crop_mirror_normalize(images, dtype=types.FLOAT, output_layout="CHW",
                                    mean=[0.485 * 255, 0.456 * 255, 0.406 * 255],
                                    std=[0.229 * 255, 0.224 * 255, 0.225 * 255]), labels
p = pipe(); p.build(); p.run()
n, start = 0, time.perf_counter()
while time.perf_counter() - start < seconds:
    out = p.run(); n += batch
print(json.dumps({"samples_per_s": n / (time.perf_counter() - start), "samples": n}))
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--cores", default="0,1")
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--auger", default=os.path.join(ROOT, "build", "tools", "auger"))
    ap.add_argument("--python-module", default=os.path.join(ROOT, "build", "python"))
    ap.add_argument("--dali", action="store_true", help="pip-install NVIDIA DALI into bench/.venv and measure it")
    ap.add_argument("--json-out")
    args = ap.parse_args()

    c400, c4000 = os.path.join(HERE, ".corpus"), os.path.join(HERE, ".corpus4000")
    make_corpus(c400, 400)
    make_corpus(c4000, 4000)
    res = {}
    res["dataloader"] = run_json(pin(args.cores, ["/usr/bin/python3", "-c", DATALOADER, c400, str(args.batch),
                                                  str(args.seconds)]))
    for name, corpus in (("auger_400", c400), ("auger_4000", c4000)):
        res[name] = run_json(pin(args.cores, [args.auger, "bench", POLICY, "--policy", "train", "--input", corpus,
                                              "--workers", "2", "--seconds", str(args.seconds), "--json"]))
    if os.path.exists(os.path.join(args.python_module, "auger")):
        res["auger_loader"] = run_json(pin(args.cores, ["/usr/bin/python3", "-c", LOADER, POLICY, c400,
                                                        str(args.batch), args.python_module, str(args.seconds)]))
    if args.dali:
        venv_py = os.path.join(HERE, ".venv", "bin", "python")
        subprocess.run(["bash", os.path.join(HERE, "setup_venv.sh"), os.path.join(HERE, ".venv")], check=True)
        ok = subprocess.run([venv_py, "-m", "pip", "install", "-q", "nvidia-dali-cuda130"]).returncode == 0
        # From a file: DALI's conditionals (used by its RandAugment) read the pipeline's source code.
        script = os.path.join(tempfile.mkdtemp(), "dali_pipeline.py")
        with open(script, "w") as f:
            f.write(DALI)
        res["dali_cpu"] = run_json(pin(args.cores, [venv_py, script, c400, str(args.batch), str(args.seconds)])) \
            if ok else None

    def rate(r, k="samples_per_s"):
        return r[k] if r and k in r else None

    dl = rate(res["dataloader"])
    a = res["auger_400"] or {}
    e2e, dec = a.get("end_to_end_per_s"), a.get("decode_per_s")
    print(f"\nEnd to end, 2 workers (taskset -c {args.cores}), 400 ImageNet-like JPEGs, samples/s:")
    rows = [("torch DataLoader(num_workers=2) + torchvision", dl),
            ("auger bench end to end (C++ pipeline)", e2e),
            ("auger.Loader (Python, torch tensors)", rate(res.get("auger_loader"))),
            ("auger decode alone", dec),
            ("DALI CPU (2 threads, its own RandAugment)", rate(res.get("dali_cpu")))]
    for name, v in rows:
        print(f"  {name:<48} {('%10.1f' % v) if v else '       n/a'}")
    if e2e and dl:
        r = e2e / dl
        print(f"\nauger end to end / DataLoader = {r:.2f}x (target >= 3x, aim 4x): {'MET' if r >= 3 else 'NOT MET'}")
    if rate(res.get("auger_loader")) and dl:
        print(f"auger.Loader / DataLoader = {rate(res['auger_loader']) / dl:.2f}x")
    if e2e and dec:
        r = e2e / dec
        print(f"auger end to end / decode alone = {100 * r:.0f}% (target >= 80%): {'MET' if r >= 0.8 else 'NOT MET'}")
    for name in ("auger_400", "auger_4000"):
        if res.get(name):
            print(f"peak RSS, {res[name]['images']} images: {res[name]['peak_rss_mb']:.0f} MiB")
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump(res, f, indent=2)


if __name__ == "__main__":
    main()
