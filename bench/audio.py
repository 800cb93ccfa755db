#!/usr/bin/env python3
"""Audio on one core, 2–15 s utterances at 16 kHz: auger vs torchaudio 0.13 and vs audiomentations, side by side.

Corpus: --utterances utterances of 2 to 15 s (lengths evenly spread, fixed), each real speech laid end to end —
alsa-utils' recorded voice (48 kHz) and espeak-ng sentences (22.05 kHz), resampled to 16 kHz by torchaudio, with
0.2 s pauses — written once as 16 kHz float WAVs under bench/.audio with a JSONL manifest.

Rows:
* `features`: speed perturbation choice(0.9, 1.0, 1.1) + white noise at uniform(10, 30) dB + 80-band log-mel
  (25 ms / 10 ms, n_fft 512) + SpecAugment LD (time warp W=80, 2 frequency masks F=27, 2 time masks T=100, p=1).
  Ours: bench/policies/audio.aug's `features` through auger.Loader (batch 1, one worker). torchaudio 0.13: the same
  steps with torchaudio.transforms (Resample per factor, MelSpectrogram, FrequencyMasking, TimeMasking) and the
  ESPnet time warp in torch, torch.set_num_threads(1).
* `w_*`: the waveform ops one at a time (and `w_chain`: gain + noise + shift) against audiomentations (PyPI, in
  bench/.venv: bash bench/setup_venv.sh) with p=1: Gain, AddGaussianSNR, AddColorNoise (pink), Shift (rollover),
  TimeStretch, PitchShift (librosa's phase vocoder and resampling, as audiomentations uses them).

Every side runs in its own process pinned to one core (taskset -c --core), reads the same files (ours: libsndfile;
peers: torchaudio.load) and is timed over the whole corpus, median of --reps, in CPU seconds (the process's user +
system time, every thread's: on the shared development machine other processes take the same core, and wall time
said more about them than about either side). Two columns per side: "augment" —
peers: their transforms alone (loading excluded); ours: the Loader's time minus its time for the `decode` policy
(decode + a 0 dB gain) — and "end to end" (loading included). Ratios are peer time / our time.

`--first-pass` times instead each row's first pass in a fresh process, end to end, with no warm-up on either side:
what a newcomer's first epoch costs, one-time costs (plans, tables, heap growth; librosa's JIT) included.

Usage: /usr/bin/python3 bench/audio.py [--utterances 60] [--core 0] [--reps 3] [--pitch] [--json] [--first-pass]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from bench_util import log, pin, run_json  # noqa: E402

POLICY = os.path.join(HERE, "policies", "audio.aug")
CORPUS = os.path.join(HERE, ".audio")
SENTENCES = [
    "The quick brown fox jumps over the lazy dog by the river bank.",
    "Speech recognition systems are trained on thousands of hours of transcribed audio.",
    "Please call Stella and ask her to bring these things with her from the store.",
    "A large language model can still be confused by a noisy microphone.",
    "The weather report promised sunshine, but it rained for the whole afternoon.",
    "Data augmentation makes a model robust to speed, pitch and background noise.",
    "She sells sea shells by the sea shore, and the shells she sells are surely seashells.",
    "Numbers such as three hundred and forty two are read out one by one.",
]
WAVE_ROWS = ["w_gain", "w_noise_white", "w_noise_pink", "w_shift", "w_stretch", "w_chain"]
# pitch_shift resamples from int(rate / r) to rate as F.pitch_shift does: for a drawn r the two rates are nearly
# coprime and the polyphase kernel has thousands of phases (minutes for this corpus); --pitch adds the row.
PITCH_ROW = "w_pitch"


def build_corpus(n):
    """n utterances of 2..15 s (evenly spread lengths) of real speech at 16 kHz; returns the manifest path."""
    manifest = os.path.join(CORPUS, f"manifest-{n}.jsonl")
    if os.path.exists(manifest):
        return manifest
    import shutil

    import torch
    import torchaudio
    import torchaudio.functional as F

    os.makedirs(CORPUS, exist_ok=True)
    clips = []
    for name in ("Front_Center", "Front_Left", "Front_Right", "Rear_Center", "Rear_Left", "Rear_Right"):
        w, sr = torchaudio.load(f"/usr/share/sounds/alsa/{name}.wav")
        clips.append(F.resample(w.mean(0, keepdim=True), sr, 16000))
    espeak = shutil.which("espeak-ng")
    for i, text in enumerate(SENTENCES):
        path = os.path.join(CORPUS, f"say{i}.wav")
        subprocess.run([espeak, "-w", path, text], check=True)
        w, sr = torchaudio.load(path)
        clips.append(F.resample(w, sr, 16000))
    pause = torch.zeros(1, 3200)
    lines = []
    for u in range(n):
        want = int((2 + 13 * u / max(1, n - 1)) * 16000)
        parts, have, k = [], 0, u
        while have < want:
            clip = clips[k % len(clips)]
            parts += [clip, pause]
            have += clip.shape[1] + pause.shape[1]
            k += 3
        x = torch.cat(parts, 1)[:, :want]
        path = os.path.join(CORPUS, f"utt{u:04d}.wav")
        torchaudio.save(path, x, 16000, encoding="PCM_F", bits_per_sample=32)
        lines.append({"key": f"utt{u:04d}", "audio": os.path.basename(path)})
    with open(manifest, "w") as f:
        f.writelines(json.dumps(line) + "\n" for line in lines)
    return manifest


def files(manifest):
    with open(manifest) as f:
        return [os.path.join(os.path.dirname(manifest), json.loads(line)["audio"]) for line in f]


# --- the sides, each run in its own pinned process (--role) ------------------------------------------------------


def role_first_pass(manifest, policy, kind):
    """--first-pass: one policy's first pass in a fresh process, end to end, nothing warmed up on either side."""
    if kind == "ours":
        import auger

        t = time.process_time()
        sum(1 for _ in auger.Loader(auger.load(POLICY, policy=policy), manifest, batch_size=1, numpy=True))
        return {policy: {"seconds": time.process_time() - t}}
    import torch
    import torchaudio

    torch.set_num_threads(1)
    if kind == "torch":
        fn = torch_features()
    else:
        transform = am_transform(policy)
        fn = lambda x: transform(x.numpy()[0], sample_rate=16000)  # noqa: E731
    t = time.process_time()
    for p in files(manifest):
        fn(torchaudio.load(p)[0])
    return {policy: {"seconds": time.process_time() - t}}


def first_pass(manifest, rows, core, venv):
    """Each row's first pass, ours and the peer's, each in a fresh pinned process; end-to-end ratios."""
    for path in files(manifest):  # the same page cache for both sides: whichever ran first would read the disk
        with open(path, "rb") as f:
            f.read()
    print("first pass of a fresh process, end to end, no warm-up (CPU s):")
    for name in rows:
        peer_kind, python = ("torch", "/usr/bin/python3") if name == "features" else ("am", venv)
        got = {}
        for kind, py in (("ours", sys.executable), (peer_kind, python)):
            env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "build", "python"))
            cmd = pin(core, [py, os.path.abspath(__file__), "--role", "first:" + kind, "--manifest", manifest,
                             "--policies", name])
            got[kind] = run_json(cmd, env=env)[name]["seconds"]
        print(f"{name:15} ours {got['ours']:.3f}  {peer_kind:5} {got[peer_kind]:.3f}  "
              f"{got[peer_kind] / got['ours']:.1f}x")


def role_ours(manifest, policies):
    import auger

    out = {}
    # warm-up, not timed: the corpus into the page cache, the module's first allocations (the peers load a file and
    # run their transform once first too)
    for _ in auger.Loader(auger.load(POLICY, policy=policies[0]), manifest, batch_size=1, numpy=True):
        pass
    # `decode` (the baseline subtracted from every row) is timed first and again last, and its faster run kept: the
    # first timed pass of a process still paid one-time costs (0.08 s against the 0.03 s of a gain row's whole run),
    # which made every row's augment time negative.
    decode_runs = []
    for name in policies + (["decode"] if "decode" in policies else []):
        policy = auger.load(POLICY, policy=name)
        t = time.process_time()
        n = sum(1 for _ in auger.Loader(policy, manifest, batch_size=1, workers=1, numpy=True))
        seconds = time.process_time() - t
        if name == "decode":
            decode_runs.append(seconds)
        if name not in out or seconds < out[name]["seconds"]:
            out[name] = {"seconds": seconds, "samples": n}
    if len(decode_runs) == 2:  # how far two passes of the same policy differ: the noise under every row
        out["decode"]["spread"] = abs(decode_runs[0] - decode_runs[1])
    return out


def torch_features():
    import random

    import torch
    import torch.nn.functional as nnf
    import torchaudio.transforms as T

    torch.set_num_threads(1)
    resample = {f: T.Resample(int(f * 16000), 16000) for f in (0.9, 1.1)}
    mel = T.MelSpectrogram(16000, n_fft=512, win_length=400, hop_length=160, n_mels=80)
    fmask, tmask = T.FrequencyMasking(27), T.TimeMasking(100, p=1.0)

    def warp(x, w=80):  # ESPnet's time warp: x [1, n_mels, T]
        t = x.shape[2]
        if t - w <= w + 1:
            return x
        c = random.randrange(w, t - w)
        to = random.randrange(c - w, c + w) + 1
        left = nnf.interpolate(x[:, :, :c], size=to, mode="linear", align_corners=False)
        right = nnf.interpolate(x[:, :, c:], size=t - to, mode="linear", align_corners=False)
        return torch.cat([left, right], 2)

    def run(x):
        f = random.choice((0.9, 1.0, 1.1))
        if f != 1.0:
            x = resample[f](x)
        snr = random.uniform(10, 30)
        n = torch.randn_like(x)
        x = x + n * (x.pow(2).mean().sqrt() / (n.pow(2).mean().sqrt() * 10 ** (snr / 20)))
        s = (mel(x) + 1e-6).log()
        s = warp(s)
        for _ in range(2):
            s = fmask(s)
        for _ in range(2):
            s = tmask(s)
        return s

    return run


def am_transform(name):
    import audiomentations as A

    one = {
        "w_gain": lambda: A.Gain(min_gain_db=-6, max_gain_db=6, p=1.0),
        "w_noise_white": lambda: A.AddGaussianSNR(min_snr_db=10, max_snr_db=30, p=1.0),
        "w_noise_pink": lambda: A.AddColorNoise(min_snr_db=10, max_snr_db=30, min_f_decay=-3.01, max_f_decay=-3.01,
                                                p=1.0),
        "w_shift": lambda: A.Shift(min_shift=-0.5, max_shift=0.5, shift_unit="seconds", rollover=True, p=1.0),
        "w_stretch": lambda: A.TimeStretch(min_rate=0.8, max_rate=1.25, leave_length_unchanged=False, p=1.0),
        "w_pitch": lambda: A.PitchShift(min_semitones=-4, max_semitones=4, p=1.0),
    }
    if name == "w_chain":
        return A.Compose([one["w_gain"](), one["w_noise_white"](), one["w_shift"]()])
    return one[name]()


def role_peer(manifest, policies, kind):
    import torch
    import torchaudio

    torch.set_num_threads(1)
    paths = files(manifest)
    out = {}
    for name in policies:
        if kind == "torch":
            fn = torch_features()
        else:
            t = am_transform(name)
            fn = lambda x, t=t: t(x.numpy()[0], sample_rate=16000)  # noqa: E731
        fn(torchaudio.load(paths[0])[0])  # warm-up (librosa's JIT, FFT plans), not timed
        load = aug = 0.0
        for p in paths:
            t0 = time.process_time()
            x, _ = torchaudio.load(p)
            t1 = time.process_time()
            fn(x)
            load += t1 - t0
            aug += time.process_time() - t1
        out[name] = {"seconds": load + aug, "augment": aug, "samples": len(paths)}
    return out


# --- the driver --------------------------------------------------------------------------------------------------


def measure(role, manifest, policies, core, python):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.path.join(ROOT, "build", "python")
    cmd = pin(core, [python, os.path.abspath(__file__), "--role", role, "--manifest", manifest,
                     "--policies", ",".join(policies)])
    return run_json(cmd, env=env)


def median_runs(reps, *args):
    runs = [r for r in (measure(*args) for _ in range(reps)) if r]
    if not runs:
        return None
    return {name: {k: statistics.median(r[name][k] for r in runs) for k in runs[0][name]} for name in runs[0]}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--utterances", type=int, default=60)
    ap.add_argument("--core", default="0")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--pitch", action="store_true", help="add the pitch_shift row (slow: see PITCH_ROW)")
    ap.add_argument("--first-pass", action="store_true",
                    help="time each row's first pass in a fresh process, both sides without warm-up (end to end)")
    ap.add_argument("--role", help=argparse.SUPPRESS)
    ap.add_argument("--manifest", help=argparse.SUPPRESS)
    ap.add_argument("--policies", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.role and a.role.startswith("first:"):
        print(json.dumps(role_first_pass(a.manifest, a.policies, a.role.split(":")[1])))
        return 0
    if a.role:
        policies = a.policies.split(",")
        result = role_ours(a.manifest, policies) if a.role == "ours" else role_peer(a.manifest, policies, a.role)
        print(json.dumps(result))
        return 0

    manifest = build_corpus(a.utterances)
    wave_rows = WAVE_ROWS + ([PITCH_ROW] if a.pitch else [])
    seconds = sum(os.path.getsize(p) - 80 for p in files(manifest)) / 4 / 16000
    log(f"corpus: {a.utterances} utterances, {seconds:.0f} s of 16 kHz speech ({manifest})")
    venv = os.path.join(HERE, ".venv", "bin", "python")
    if a.first_pass:
        first_pass(manifest, ["features"] + [r for r in wave_rows if r not in ("w_gain", "w_shift")], a.core, venv)
        return 0
    ours = median_runs(a.reps, "ours", manifest, ["decode", "features"] + wave_rows, a.core, sys.executable)
    ta = median_runs(a.reps, "torch", manifest, ["features"], a.core, "/usr/bin/python3")
    am = median_runs(a.reps, "am", manifest, wave_rows, a.core, venv) if os.path.exists(venv) else None
    if am is None:
        log("audiomentations: not run (bash bench/setup_venv.sh installs it into bench/.venv)")
    decode = ours["decode"]["seconds"]
    noise = max(0.05 * decode, 2 * ours["decode"].get("spread", 0.0))
    rows = []
    for name in ["features"] + wave_rows:
        peer = (ta if name == "features" else am or {}).get(name)
        mine = ours[name]["seconds"]
        row = {"row": name, "peer": "torchaudio 0.13" if name == "features" else "audiomentations",
               "ours_augment_s": mine - decode, "ours_end_to_end_s": mine}
        if peer:
            # An op cheaper than the noise of the decode-only time (5 % of it, or twice its two passes' spread) has
            # no measurable augment time of its own (the Loader does a lone gain and time shift in its copy into the
            # batch: they have no pass of their own).
            measurable = mine - decode > noise
            row.update(peer_augment_s=peer["augment"], peer_end_to_end_s=peer["seconds"],
                       ratio_augment=peer["augment"] / (mine - decode) if measurable else None,
                       augment_below_noise=not measurable, noise_s=noise,
                       ratio_end_to_end=peer["seconds"] / mine)
        rows.append(row)
    if a.json:
        print(json.dumps({"utterances": a.utterances, "audio_seconds": seconds, "decode_s": decode, "rows": rows}))
        return 0
    print(f"{a.utterances} utterances, {seconds:.0f} s of audio, one core ({a.core}); our decode alone "
          f"{decode:.2f} s; times in s (median of {a.reps})")
    print(f"{'row':15} {'peer':16} {'ours aug':>9} {'peer aug':>9} {'ratio':>7} {'ours e2e':>9} {'peer e2e':>9} "
          f"{'ratio':>7}")
    if any(r.get("augment_below_noise") for r in rows):
        print(f"(~free: our augment time is below the decode-only run's noise, {noise:.4f} s: no measurable "
              "cost of its own)")
    for r in rows:
        if "peer_augment_s" in r:
            ratio = f"{r['ratio_augment']:6.1f}x" if r["ratio_augment"] else " ~free"
            print(f"{r['row']:15} {r['peer']:16} {r['ours_augment_s']:9.3f} {r['peer_augment_s']:9.3f} {ratio} "
                  f"{r['ours_end_to_end_s']:9.3f} {r['peer_end_to_end_s']:9.3f} {r['ratio_end_to_end']:6.1f}x")
        else:
            print(f"{r['row']:15} {'(not run)':16} {r['ours_augment_s']:9.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
