#!/usr/bin/python3
"""cold_start.py — the first epochs a new user lives through, with an empty kernel cache.

  1. makes the JPEG corpus (bench/make_corpus.py → bench/.corpus, 400 ImageNet-like photos);
  2. runs, pinned to the same cores (taskset -c 0,1 by default), one after another, each in a fresh process:
       torch DataLoader(ImageFolder(corpus, torchvision transforms), batch_size=B, num_workers=2, shuffle=True)
           RandomResizedCrop(224) → RandomHorizontalFlip → RandAugment(2, 9) → ToTensor → Normalize
       auger.load(bench/policies/randaugment.aug) + auger.Loader(policy, corpus, batch_size=B, workers=2,
           shuffle=True), the same pipeline, with AUGER_CACHE_DIR a new empty folder;
     each for --epochs epochs, every epoch timed from the iterator's creation to its last batch (worker start-up
     included), the first also from just after the imports (torch for both), so building the data set and
     loading (checking, planning) the policy count too: nothing a user waits for after `import` is left out;
  3. prints samples/s per epoch, the ratios auger / DataLoader per epoch against the target (first epoch >= 3x;
     the second no slower than the first), and how many kernels auger compiled (`kernels_compiled` from
     loader.metrics(); 0 when the build's ahead-of-time kernels cover the policy).

Usage:  /usr/bin/python3 bench/cold_start.py [--epochs 2] [--batch 64] [--cores 0,1]
                                              [--python-module build/python] [--json-out FILE]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

from bench_util import pin, run_json  # bench/ is on sys.path: the script is there

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
POLICY = os.path.join(HERE, "policies", "randaugment.aug")
TARGET_FIRST_EPOCH = 3.0

DATALOADER = r"""
import os, sys, time, json
os.environ.setdefault("OMP_NUM_THREADS", "1")
import torch, torchvision, torchvision.transforms as T
torch.set_num_threads(1)
corpus, batch, epochs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
start = time.perf_counter()  # after the imports, as for auger: the data set and loader are part of epoch 0
tf = T.Compose([T.RandomResizedCrop(224), T.RandomHorizontalFlip(), T.RandAugment(2, 9), T.ToTensor(),
                T.Normalize((0.485, 0.456, 0.406), (0.229, 0.224, 0.225))])
ds = torchvision.datasets.ImageFolder(corpus, transform=tf)
dl = torch.utils.data.DataLoader(ds, batch_size=batch, shuffle=True, num_workers=2)
out = []
for epoch in range(epochs):
    if epoch:
        start = time.perf_counter()
    n = 0
    for b, y in dl:
        n += b.shape[0]
    s = time.perf_counter() - start
    out.append({"samples": n, "seconds": s, "samples_per_s": n / s})
print(json.dumps({"epochs": out}))
"""

LOADER = r"""
import sys, time, json
sys.path.insert(0, sys.argv[4])
import torch  # a training script has it imported already (auger imports it on the first batch otherwise)
import auger
start = time.perf_counter()
policy_file, corpus, batch, epochs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[5])
policy = auger.load(policy_file, policy="train", seed=0)
loader = auger.Loader(policy, source=corpus, batch_size=batch, workers=2, shuffle=True)
out = []
for epoch in range(epochs):
    if epoch:
        start = time.perf_counter()
    loader.set_epoch(epoch)
    n = 0
    for b in loader:
        n += b["image"].shape[0]
    s = time.perf_counter() - start
    m = loader.metrics()
    out.append({"samples": n, "seconds": s, "samples_per_s": n / s,
                "kernels_compiled": m.get("kernels_compiled"), "compile_seconds": m.get("compile_seconds")})
print(json.dumps({"epochs": out}))
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--cores", default="0,1")
    ap.add_argument("--corpus", default=os.path.join(HERE, ".corpus"))
    ap.add_argument("--python-module", default=os.path.join(ROOT, "build", "python"))
    ap.add_argument("--json-out")
    args = ap.parse_args()
    if not os.path.exists(os.path.join(args.python_module, "auger")):
        sys.exit("no Python module under %s: build it first (scripts/build)" % args.python_module)
    subprocess.run(["/usr/bin/python3", os.path.join(HERE, "make_corpus.py"), "--out", args.corpus, "--n", "400"],
                   check=True, stdout=subprocess.DEVNULL)
    res = {"dataloader": run_json(pin(args.cores, ["/usr/bin/python3", "-c", DATALOADER, args.corpus,
                                                   str(args.batch), str(args.epochs)]))}
    with tempfile.TemporaryDirectory(prefix="auger-cold-cache-") as cache:
        env = dict(os.environ, AUGER_CACHE_DIR=cache)
        res["auger_loader"] = run_json(pin(args.cores, ["/usr/bin/python3", "-c", LOADER, POLICY, args.corpus,
                                                        str(args.batch), args.python_module, str(args.epochs)]),
                                       env=env)
        res["cache_files_after"] = len(os.listdir(cache))
    dl = (res["dataloader"] or {}).get("epochs", [])
    au = (res["auger_loader"] or {}).get("epochs", [])
    print("\nEmpty kernel cache, 400 ImageNet-like JPEGs, 2 workers (taskset -c %s), batch %d, samples/s per epoch:"
          % (args.cores, args.batch))
    print("  %-6s %14s %14s %8s %18s" % ("epoch", "DataLoader", "auger.Loader", "ratio", "kernels compiled"))
    ratios = []
    for e in range(args.epochs):
        d = dl[e]["samples_per_s"] if e < len(dl) else None
        a = au[e]["samples_per_s"] if e < len(au) else None
        r = a / d if a and d else None
        ratios.append(r)
        k = au[e].get("kernels_compiled") if e < len(au) else None
        print("  %-6d %14s %14s %8s %18s" % (e, "%.1f" % d if d else "n/a", "%.1f" % a if a else "n/a",
                                            "%.2fx" % r if r else "n/a", k if k is not None else "n/a"))
    print("  kernel cache files written: %s" % res.get("cache_files_after"))
    if ratios and ratios[0]:
        print("\nfirst epoch: auger.Loader = %.2fx DataLoader (target >= %gx): %s"
              % (ratios[0], TARGET_FIRST_EPOCH, "MET" if ratios[0] >= TARGET_FIRST_EPOCH else "NOT MET"))
    if len(au) > 1:
        first, second = au[0]["samples_per_s"], au[1]["samples_per_s"]
        print("second epoch %.1f vs first %.1f samples/s: %s" % (second, first,
                                                                 "no slower" if second >= 0.95 * first else "SLOWER"))
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump(res, f, indent=2)


if __name__ == "__main__":
    main()
