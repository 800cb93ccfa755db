"""examples/asr.aug on real speech through `auger apply`: sample files with transcripts; frame labels refused where
an op would move them (not built yet, docs/audio.md) rather than left out of step."""
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


def test_alignment_is_refused_where_it_would_move(auger_bin, speech, tmp_path):
    sample = {"audio": speech["fox"], "transcript": "fox", "alignment": [1, 1, 2, 2, 3]}
    _, r = run(auger_bin, tmp_path, "train", sample)
    assert r.returncode == 3 and "frame labels of `alignment`" in r.stderr
    out, r = run(auger_bin, tmp_path, "eval", sample)  # melspec keeps the time axis: the alignment stays as given
    assert r.returncode == 0, r.stderr
    assert json.loads((out / "utt.json").read_text())["alignment"] == [1, 1, 2, 2, 3]
