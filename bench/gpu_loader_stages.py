"""Where a worker's time goes on Loader(device="cuda")'s GPU path against the CPU path, without a GPU: the GPU
path runs with the kernels' CPU build (AUGER_GPU_EMULATE=1), so only the workers' stages compare (read, decode,
augment = draw + plan on the GPU path, draw + the CPU kernels on the CPU path); the `gpu` stage is the emulated
kernels and says nothing about a GPU (bench/gpu_check.sh measures that on one). Each side in a fresh process,
the first epoch reported apart from the later ones (an empty kernel cache and cold files are what a newcomer sees).

    /usr/bin/python3 bench/gpu_loader_stages.py [--policy bench/policies/colorjitter.aug] [--data examples/data]
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), ".."))

CHILD = """
import json, os, sys
sys.path.insert(0, sys.argv[1])
import auger
policy = auger.load(sys.argv[2], "train", seed=1)
out = {}
loader = auger.Loader(policy, sys.argv[3], batch_size=8, workers=1, device=sys.argv[4])
for epoch in range(int(sys.argv[5])):
    loader.set_epoch(epoch)
    for _ in loader:
        pass
    if epoch == 0:
        out["first"] = {k: v["mean_ms"] for k, v in loader.metrics()["stages"].items()}
out["all"] = {k: v["mean_ms"] for k, v in loader.metrics()["stages"].items()}
print(json.dumps(out))
"""


def run(build, policy, data, device, epochs):
    env = dict(os.environ, AUGER_GPU_EMULATE="1" if device == "cuda" else "0")
    out = subprocess.run([sys.executable, "-c", CHILD, os.path.join(build, "python"), policy, data, device,
                          str(epochs)], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--policy", default=os.path.join(ROOT, "bench", "policies", "colorjitter.aug"))
    ap.add_argument("--data", default=os.path.join(ROOT, "examples", "data"))
    ap.add_argument("--epochs", type=int, default=5)
    a = ap.parse_args()
    for device in ("cpu", "cuda"):
        r = run(a.build, a.policy, a.data, device, a.epochs)
        for when in ("first", "all"):
            stages = ", ".join(f"{k} {v:.3f}" for k, v in sorted(r[when].items()))
            print(f"{device:4s} {'epoch 0' if when == 'first' else f'{a.epochs} epochs':9s} ms per sample (gpu: per batch): {stages}")


if __name__ == "__main__":
    main()
