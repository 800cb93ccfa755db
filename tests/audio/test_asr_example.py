"""examples/asr.aug on real speech through `auger apply`: sample files with transcripts and alignments."""
import json
import os
import subprocess

import numpy as np

from conftest import ROOT

ASR = os.path.join(ROOT, "examples/asr.aug")


def run(auger_bin, tmp_path, policy, sample):
    path = tmp_path / "utt.json"
    path.write_text(json.dumps(sample))
    out = tmp_path / policy
    r = subprocess.run([auger_bin, "apply", ASR, "-p", policy, "--out", str(out), str(path)], capture_output=True,
                       text=True)
    return out, r


def test_train_and_eval_run(auger_bin, speech, tmp_path):
    sample = {"audio": speech["fox"], "transcript": "the quick brown fox jumps over the lazy dog by the river"}
    for policy in ("train", "eval"):
        out, r = run(auger_bin, tmp_path, policy, sample)
        assert r.returncode == 0, r.stderr
        spec = np.load(out / "utt.npy")
        assert spec.dtype == np.float32 and spec.shape[0] == 80 and spec.shape[1] > 200
        record = json.loads((out / "utt.json").read_text())
        assert record["transcript"] == sample["transcript"]


def test_alignment_follows_speed(auger_bin, speech, tmp_path):
    n = 300
    sample = {"audio": speech["fox"], "transcript": "fox", "alignment": [i // 30 for i in range(n)]}
    lengths = set()
    for seed in range(8):
        path = tmp_path / "utt.json"
        path.write_text(json.dumps(sample))
        out = tmp_path / f"train{seed}"
        r = subprocess.run([auger_bin, "apply", ASR, "-p", "train", "--out", str(out), str(path), "--seed", str(seed)],
                           capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        record = json.loads((out / "utt.json").read_text())
        factor = record["params"]["perturb"]["factor"]
        assert len(record["alignment"]) == round(n * 16000 / int(factor * 16000))
        assert record["transcript"] == "fox"
        lengths.add(len(record["alignment"]))
    assert len(lengths) > 1  # the draws chose more than one factor
    out, r = run(auger_bin, tmp_path, "eval", sample)  # melspec keeps the time axis: the alignment stays as given
    assert r.returncode == 0, r.stderr
    assert json.loads((out / "utt.json").read_text())["alignment"] == sample["alignment"]


def test_bench_refuses_an_audio_policy(auger_bin, speech, tmp_path):
    # bench measures image stages only: an audio policy is refused by name, not counted as decode failures.
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(json.dumps({"audio": speech["fox"], "transcript": "the quick brown fox"}) + "\n")
    r = subprocess.run([auger_bin, "bench", ASR, "-p", "train", "--input", str(manifest), "--seconds", "0"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2, r.stderr
    assert "policy `train` has no image field; bench measures image policies only" in r.stderr
    assert r.stdout == ""
