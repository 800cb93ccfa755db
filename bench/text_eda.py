#!/usr/bin/env python3
"""EDA over 10,000 real sentences on one core: auger vs nlpaug 1.1.11, side by side, ratio printed.

The sentences are the usage examples of Debian's WordNet (the quoted examples in data.noun/verb/adj/adv, five
words or more), so the corpus needs nothing but wordnet-base. Ours: `auger apply` on one .txt file (one sample
per line) pinned to one core, timed from process start to exit (start-up, WordNet loading and writing the outputs
included). The peer: bench/text_eda_peer.py in bench/.venv-text (bash bench/setup_text_venv.sh), pinned to the
same core, timed from building its augmenters to the last sentence (its imports left out).

nlpaug has no WordNet insertion, so the like-for-like row is EDA's other three operations on both sides; the
`eda` row is our full EDA (all four operations) against the same peer. nlpaug's SynonymAug needs NLTK's POS
tagger model, which cannot be had offline: the peer skips tagging (bench/text_eda_peer.py says how), which
only makes it faster. If nlpaug cannot be installed (no PyPI), the script says so and times ours alone.

Times are CPU seconds (user + system; the machine this runs on is often shared). Two per row: "augment" — ours: the run on all sentences minus the run on the first one alone (process
start-up, loading and checking the policy, first WordNet page faults), the peer: its loop over the sentences;
"end to end" — ours: the whole process, the peer: building its augmenters (NLTK loading WordNet) plus the loop
(Python's start-up and imports left out). Each is the median of --reps runs. A last line compares whole processes
on both sides (the peer's start-up and imports counted too), for information: the ratios above are the claim.

Usage: /usr/bin/python3 bench/text_eda.py [--sentences 10000] [--core 0] [--reps 3] [--json]
"""
import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from bench_util import log, pin, run_json  # noqa: E402

WORDNET = "/usr/share/wordnet"
LEXNAMES = """adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute noun.body
noun.cognition noun.communication noun.event noun.feeling noun.food noun.group noun.location noun.motive
noun.object noun.person noun.phenomenon noun.plant noun.possession noun.process noun.quantity noun.relation
noun.shape noun.state noun.substance noun.time verb.body verb.change verb.cognition verb.communication
verb.competition verb.consumption verb.contact verb.creation verb.emotion verb.motion verb.perception
verb.possession verb.social verb.stative verb.weather adj.ppl""".split()


def sentences(n):
    """The first n distinct WordNet usage examples of five words or more, in file order."""
    seen, out = set(), []
    for pos in ("noun", "verb", "adj", "adv"):
        with open(os.path.join(WORDNET, f"data.{pos}"), encoding="latin-1") as f:
            for line in f:
                if line.startswith(" ") or "|" not in line:
                    continue
                for ex in re.findall(r'"([^"]+)"', line.split("|", 1)[1]):
                    ex = ex.strip()
                    if len(ex.split()) >= 5 and ex not in seen:
                        seen.add(ex)
                        out.append(ex)
                        if len(out) == n:
                            return out
    return out


def nltk_data(work):
    """An NLTK data folder whose corpora/wordnet is Debian's wordnet-base (and the lexnames NLTK's reader wants)."""
    d = os.path.join(work, "nltk_data", "corpora", "wordnet")
    os.makedirs(d, exist_ok=True)
    for name in os.listdir(WORDNET):
        link = os.path.join(d, name)
        if not os.path.exists(link):
            os.symlink(os.path.join(WORDNET, name), link)
    with open(os.path.join(d, "lexnames"), "w") as f:
        for i, name in enumerate(LEXNAMES):
            f.write(f"{i:02d}\t{name}\t{ {'adj': 3, 'adv': 4, 'nou': 1, 'ver': 2}[name[:3]] }\n")
    return os.path.join(work, "nltk_data")


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd):
    """The CPU seconds (user + system) `cmd` used: on a shared machine its wall time says more about the others."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, err = proc.communicate()
    if proc.returncode != 0:
        sys.exit(err[-2000:])
    total = children_cpu()
    seconds, timed.last = total - timed.last, total
    return seconds


timed.last = 0.0


def ours(auger, policy, corpus, one, work, core, reps):
    """Median wall time of `auger apply` on the corpus, and on its first line alone (start-up, loading the policy,
    the first WordNet page faults): their difference is the augmentation of the other sentences."""
    out = os.path.join(work, f"out_{policy}")
    cmd = lambda src: pin(core, [auger, "apply", os.path.join(HERE, "policies", "text_eda.aug"), "-p", policy,
                                 "--out", out, "--seed", "1", src])
    log("+ " + " ".join(cmd(corpus)))
    total = statistics.median(timed(cmd(corpus)) for _ in range(reps))
    fixed = statistics.median(timed(cmd(one)) for _ in range(reps))
    timed(cmd(corpus))  # leave the corpus's outputs in place
    src = open(corpus, encoding="utf-8").read().splitlines()
    got = open(os.path.join(out, "sentences.txt"), encoding="utf-8").read().splitlines()
    return {"seconds": total - fixed, "total_seconds": total, "sentences": len(got),
            "changed": sum(a != b for a, b in zip(src, got))}


def peer(venv_py, corpus, data, core, reps):
    runs, process = [], []
    for _ in range(reps):
        before = children_cpu()
        runs.append(run_json(pin(core, [venv_py, os.path.join(HERE, "text_eda_peer.py"), corpus, data])))
        process.append(children_cpu() - before)
    timed.last = children_cpu()
    if any(r is None for r in runs):
        return None
    runs.sort(key=lambda r: r["seconds"])
    r = runs[len(runs) // 2]
    r["total_seconds"] = r["seconds"] + r["setup_seconds"]
    r["process_seconds"] = statistics.median(process)  # its whole process: Python's start-up and imports included
    return r


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sentences", type=int, default=10000)
    ap.add_argument("--core", default="0")
    ap.add_argument("--auger", default=os.path.join(ROOT, "build/tools/auger"))
    ap.add_argument("--reps", type=int, default=3, help="runs of each; the median is reported")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    work = os.path.join(HERE, ".text")
    os.makedirs(work, exist_ok=True)
    corpus = os.path.join(work, "sentences.txt")
    lines = sentences(a.sentences)
    with open(corpus, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    log(f"{len(lines)} sentences from WordNet's usage examples, core {a.core}")

    one = os.path.join(work, "one", "sentences.txt")
    os.makedirs(os.path.dirname(one), exist_ok=True)
    with open(one, "w", encoding="utf-8") as f:
        f.write(lines[0] + "\n")
    rows = {"three": ours(a.auger, "three", corpus, one, work, a.core, a.reps),
            "eda": ours(a.auger, "full", corpus, one, work, a.core, a.reps)}
    venv_py = os.path.join(HERE, ".venv-text", "bin", "python")
    if not os.path.exists(venv_py):
        subprocess.run(["bash", os.path.join(HERE, "setup_text_venv.sh")], check=False)
    theirs = peer(venv_py, corpus, nltk_data(work), a.core, a.reps) if os.path.exists(venv_py) else None
    result = {"sentences": len(lines), "core": a.core, "ours": rows, "nlpaug_1_1_11": theirs}
    if theirs:
        for key in ("seconds", "total_seconds"):
            result[f"speedup_three_{key}"] = theirs[key] / rows["three"][key]
            result[f"speedup_eda_{key}"] = theirs[key] / rows["eda"][key]
    if a.json:
        print(json.dumps(result))
        return
    print(f"{'run':<44} {'augment s':>10} {'sentences/s':>12} {'end-to-end s':>13} {'changed':>8}")
    for name, r in [("auger three ops (SR p=0.1 | RS 10% | RD 0.1)", rows["three"]),
                    ("auger eda(alpha 0.1) (all four ops)", rows["eda"])] + \
            ([("nlpaug 1.1.11 three ops (no POS tagger)", theirs)] if theirs else []):
        print(f"{name:<44} {r['seconds']:>10.3f} {r['sentences'] / r['seconds']:>12.0f} {r['total_seconds']:>13.3f} "
              f"{r['changed']:>8}")
    if theirs:
        print(f"speed-up like for like (three ops): {result['speedup_three_seconds']:.1f}x augmenting, "
              f"{result['speedup_three_total_seconds']:.1f}x end to end; auger's full EDA vs nlpaug's three ops: "
              f"{result['speedup_eda_seconds']:.1f}x augmenting, {result['speedup_eda_total_seconds']:.1f}x end to end")
        print(f"whole processes, start to exit (the peer's Python start-up and imports included): nlpaug "
              f"{theirs['process_seconds']:.3f} s, {theirs['process_seconds'] / rows['three']['total_seconds']:.0f}x "
              f"auger's three ops")
    else:
        print("nlpaug 1.1.11 unavailable (bash bench/setup_text_venv.sh needs PyPI): ours alone")

if __name__ == "__main__":
    main()
