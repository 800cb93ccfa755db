#!/usr/bin/python3
"""run_image_kernels.py — the image-kernels benchmark in one command.

  1. makes the JPEG corpus (bench/make_corpus.py → bench/.corpus, skipped when up to date);
  2. sets up the baselines' venv (bench/setup_venv.sh → bench/.venv, skipped when ready);
  3. builds `auger` (Release, build-bench/, incremental; skip with --no-build or give --auger PATH);
  4. runs, pinned to one core (taskset -c CORE), one after another:
       bench/baselines.py                                       torchvision PIL / tensor, Albumentations
       auger bench bench/policies/P.aug --policy train --input CORPUS --workers 1 --json --path fused
       auger bench …                                            --path reference
     for P in randaugment, colorjitter, each with an EMPTY kernel cache (a fresh AUGER_CACHE_DIR): what a new
     user, a fresh cluster node or a search trial lives through; `kernels_compiled` says whether anything had to be
     compiled on the way (0: the build's ahead-of-time kernels covered the policy);
  5. prints samples/s per system per pipeline (augment only, on decoded images) and the ratios
     fused / torchvision's fastest backend and fused / Albumentations, against the issue's targets.

An `auger bench` that is missing or fails shows as "n/a" (with its error on stderr); the rest still runs.

Usage:  /usr/bin/python3 bench/run_image_kernels.py [--seconds 3] [--core 0] [--json-out FILE]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PIPELINES = ("randaugment", "colorjitter")
PATHS = ("fused", "reference")
TARGET_MIN, TARGET_AIM = 6.0, 10.0


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def pin(core, cmd):
    if core is None:
        return cmd
    if shutil.which("taskset") is None:
        log("warning: taskset not found; running unpinned")
        return cmd
    return ["taskset", "-c", str(core)] + cmd


def run_checked(cmd, **kw):
    log("+ " + " ".join(cmd))
    subprocess.run(cmd, check=True, **kw)


def build_auger(jobs):
    bdir = os.path.join(ROOT, "build-bench")
    if not os.path.exists(os.path.join(bdir, "build.ninja")):
        run_checked(["cmake", "-S", ROOT, "-B", bdir, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release"],
                    stdout=subprocess.DEVNULL)
    run_checked(["ninja", "-C", bdir, "-j", str(jobs), "auger"], stdout=subprocess.DEVNULL)
    return os.path.join(bdir, "tools", "auger")


def auger_bench(auger, core, pipeline, path, corpus, extra, timeout):
    """The parsed JSON of one `auger bench` run, or {"error": …}."""
    policy = os.path.join(HERE, "policies", pipeline + ".aug")
    cmd = pin(core, [auger, "bench", policy, "--policy", "train", "--input", corpus, "--workers", "1",
                     "--json", "--path", path] + extra)
    log("+ " + " ".join(cmd))
    if not (auger and os.path.exists(auger)):
        return {"error": "no auger binary at %s" % auger}
    try:
        with tempfile.TemporaryDirectory(prefix="auger-cold-cache-") as cache:
            env = dict(os.environ, AUGER_CACHE_DIR=cache)
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return {"error": "timed out after %d s" % timeout}
    if p.returncode != 0:
        err = (p.stderr.strip() or p.stdout.strip()).splitlines()
        return {"error": "exit %d: %s" % (p.returncode, " | ".join(err[:3]))}
    try:
        out = json.loads(p.stdout)
    except ValueError:
        # Tolerate text around the object: take the last line that parses.
        out = None
        for line in reversed(p.stdout.strip().splitlines()):
            try:
                out = json.loads(line)
                break
            except ValueError:
                continue
        if out is None:
            return {"error": "output is not JSON: %r" % p.stdout[:200]}
    if not isinstance(out, dict) or "augment_per_s" not in out:
        return {"error": "no augment_per_s in %r" % (str(out)[:200],), "raw": out}
    return out


def num(x):
    return x if isinstance(x, (int, float)) and not isinstance(x, bool) else None


def fmt(x, ratio=False):
    if x is None:
        return "n/a"
    return ("%.2fx" % x) if ratio else ("%.1f" % x)


def table(rows, header):
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    lines = ["  ".join(str(h).rjust(w) if i else str(h).ljust(w) for i, (h, w) in enumerate(zip(header, widths)))]
    lines.append("  ".join("-" * w for w in widths))
    for r in rows:
        lines.append("  ".join(str(c).rjust(w) if i else str(c).ljust(w) for i, (c, w) in enumerate(zip(r, widths))))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=os.path.join(HERE, ".corpus"))
    ap.add_argument("--n", type=int, default=400, help="corpus size (default 400)")
    ap.add_argument("--venv", default=os.path.join(HERE, ".venv"))
    ap.add_argument("--auger", default=os.environ.get("AUGER"), help="auger binary (default: build build-bench/)")
    ap.add_argument("--no-build", action="store_true", help="do not build auger; use build-bench/tools/auger as is")
    ap.add_argument("--jobs", type=int, default=1, help="ninja -j when building auger (default 1)")
    ap.add_argument("--core", default="0", help="CPU to pin every measurement to (default 0; 'none' = unpinned)")
    ap.add_argument("--seconds", type=float, default=3.0, help="timed seconds per baseline measurement")
    ap.add_argument("--warmup", type=float, default=1.0)
    ap.add_argument("--variants", action="store_true", help="also run the baselines' informational variants")
    ap.add_argument("--skip-baselines", action="store_true")
    ap.add_argument("--skip-auger", action="store_true")
    ap.add_argument("--auger-arg", action="append", default=[], help="extra argument for `auger bench` (repeatable)")
    ap.add_argument("--auger-timeout", type=int, default=600)
    ap.add_argument("--json-out", help="write all results as JSON here")
    args = ap.parse_args()
    core = None if args.core == "none" else args.core

    # 1. corpus
    run_checked(["/usr/bin/python3", os.path.join(HERE, "make_corpus.py"), "--out", args.corpus, "--n", str(args.n)])

    # 2, 3. baselines' venv, auger
    vpy = os.path.join(args.venv, "bin", "python")
    if not args.skip_baselines:
        run_checked(["bash", os.path.join(HERE, "setup_venv.sh"), args.venv])
    auger = args.auger
    if not args.skip_auger and not auger:
        auger = os.path.join(ROOT, "build-bench", "tools", "auger")
        if not args.no_build:
            try:
                auger = build_auger(args.jobs)
            except (subprocess.CalledProcessError, FileNotFoundError) as e:
                log("warning: building auger failed (%s); auger's columns will be n/a" % e)

    # 4. measurements, one after another on one core
    results = {"core": core, "corpus": os.path.abspath(args.corpus), "baselines": None, "auger": {}}
    if not args.skip_baselines:
        cmd = pin(core, [vpy, os.path.join(HERE, "baselines.py"), "--corpus", args.corpus,
                         "--seconds", str(args.seconds), "--warmup", str(args.warmup)]
                  + (["--variants"] if args.variants else []))
        log("+ " + " ".join(cmd))
        p = subprocess.run(cmd, stdout=subprocess.PIPE, text=True)
        if p.returncode != 0:
            sys.exit("baselines.py failed (exit %d)" % p.returncode)
        results["baselines"] = json.loads(p.stdout)
    if not args.skip_auger:
        for pl in PIPELINES:
            for path in PATHS:
                r = auger_bench(auger, core, pl, path, args.corpus, args.auger_arg, args.auger_timeout)
                if "error" in r:
                    log("auger bench %s --path %s: n/a (%s)" % (pl, path, r["error"]))
                results["auger"].setdefault(pl, {})[path] = r

    # 5. the table
    base = (results["baselines"] or {}).get("results", {})
    rows, ratio_rows, auger_rows = [], [], []
    verdicts = []
    for pl in PIPELINES:
        b = base.get(pl, {})
        sps = {s: num(b.get(s, {}).get("samples_per_s")) for s in ("torchvision_pil", "torchvision_tensor",
                                                                      "albumentations")}
        a = results["auger"].get(pl, {})
        fused = num(a.get("fused", {}).get("augment_per_s"))
        ref = num(a.get("reference", {}).get("augment_per_s"))
        tv = [x for x in (sps["torchvision_pil"], sps["torchvision_tensor"]) if x]
        tv_best = max(tv) if tv else None
        tv_best_name = None
        if tv_best is not None:
            tv_best_name = "PIL" if tv_best == sps["torchvision_pil"] else "tensor"
        albu = sps["albumentations"]
        r_tv = fused / tv_best if fused and tv_best else None
        r_albu = fused / albu if fused and albu else None
        r_ref = fused / ref if fused and ref else None
        rows.append([pl, fmt(fused), fmt(ref), fmt(sps["torchvision_pil"]), fmt(sps["torchvision_tensor"]),
                     fmt(albu) if pl == "colorjitter" else "-"])
        ratio_rows.append([pl, fmt(r_tv, True) + (" (vs %s)" % tv_best_name if tv_best_name else ""),
                           fmt(r_albu, True) if pl == "colorjitter" else "-", fmt(r_ref, True)])
        for path in PATHS:
            r = a.get(path, {})
            auger_rows.append([pl, path, fmt(num(r.get("decode_per_s"))), fmt(num(r.get("augment_per_s"))),
                               fmt(num(r.get("end_to_end_per_s"))), str(r.get("workers", "n/a")),
                               str(r.get("kernels_compiled", "n/a"))])
        if r_tv is None:
            verdicts.append("%s: fused vs torchvision-best: n/a" % pl)
        else:
            verdicts.append("%s: fused = %.2fx torchvision-best (target >= %gx, aim %gx): %s"
                            % (pl, r_tv, TARGET_MIN, TARGET_AIM, "MET" if r_tv >= TARGET_MIN else "NOT MET"))
        if pl == "colorjitter":
            if r_albu is None:
                verdicts.append("%s: fused vs Albumentations: n/a" % pl)
            else:
                verdicts.append("%s: fused = %.2fx Albumentations (target >= 1.5x): %s"
                                % (pl, r_albu, "MET" if r_albu >= 1.5 else "NOT MET"))
        results.setdefault("ratios", {})[pl] = {"fused_over_torchvision_best": r_tv,
                                                "torchvision_best": tv_best_name,
                                                "fused_over_albumentations": r_albu,
                                                "fused_over_reference": r_ref}

    meta = (results["baselines"] or {})
    print()
    print("Augmentation only, on decoded images, samples/s, one core (%s); corpus: %s (%s images)"
          % ("taskset -c %s" % core if core is not None else "unpinned", args.corpus, meta.get("images", "?")))
    print(table(rows, ["pipeline", "auger fused", "auger reference", "torchvision PIL", "torchvision tensor",
                       "albumentations"]))
    print()
    print(table(ratio_rows, ["pipeline", "fused / torchvision best", "fused / albumentations",
                             "fused / reference"]))
    if not args.skip_auger:
        print()
        print("auger bench per stage, samples/s:")
        print(table(auger_rows, ["pipeline", "path", "decode", "augment", "end to end", "workers",
                                 "kernels compiled (empty cache)"]))
    extra = []
    for pl in PIPELINES:
        for s in ("torchvision_tensor_noaa", "albumentations_area"):
            v = num(base.get(pl, {}).get(s, {}).get("samples_per_s"))
            if v is not None:
                extra.append("%s %s %.1f" % (pl, s, v))
    if extra:
        print()
        print("informational variants (not the same computation), samples/s: " + "; ".join(extra))
    print()
    for v in verdicts:
        print(v)
    if meta.get("versions"):
        vs = meta["versions"]
        print("\nversions: torch %s, torchvision %s, PIL %s, albumentations %s (cv2 %s), numpy %s"
              % (vs.get("torch"), vs.get("torchvision"), vs.get("PIL"), vs.get("albumentations"), vs.get("cv2"),
                 vs.get("numpy")))
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump(results, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
