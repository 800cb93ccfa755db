"""A folder of recordings is a data set, as a folder of images is (runtime/io/folder_source.cpp): class sub-folders
(Speech Commands' layout) give `class` labels, a flat folder none; `run`, `preview` and the Loader read it."""
import json
import shutil
import subprocess
import tarfile

import numpy as np

import auger

from conftest import ALSA

KWS = """
import std.audio
sample Clip {
  audio: audio(16kHz, mono)
  class: class(2)
}
policy train on Clip {
  time_shift(max: 100ms)
  add_noise(snr: uniform(10dB, 30dB))
  melspec(n_mels: 40, log: true)
}
"""


def speech_commands(tmp_path):
    root = tmp_path / "commands"
    for word, names in {"no": ["Rear_Left", "Rear_Right"], "yes": ["Front_Center"]}.items():
        (root / word).mkdir(parents=True)
        for n in names:
            shutil.copy(f"{ALSA}/{n}.wav", root / word / f"{n}.wav")
    policy = tmp_path / "kws.aug"
    policy.write_text(KWS)
    return root, policy


def test_class_folders_of_recordings_run_into_shards_with_labels(auger_bin, tmp_path):
    root, policy = speech_commands(tmp_path)
    out = tmp_path / "out"
    r = subprocess.run([auger_bin, "run", str(policy), "--input", str(root), "-o", str(out), "-q"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    members = {}
    for t in sorted(out.glob("*.tar")):
        with tarfile.open(t) as tar:
            for m in tar.getmembers():
                members[m.name] = tar.extractfile(m).read()
    assert sorted(k for k in members if k.endswith(".cls")) == ["no/Rear_Left.cls", "no/Rear_Right.cls",
                                                                 "yes/Front_Center.cls"]
    assert members["no/Rear_Left.cls"].strip() == b"0" and members["yes/Front_Center.cls"].strip() == b"1"
    assert "no/Rear_Left.npy" in members


def test_the_loader_reads_a_folder_of_recordings(tmp_path):
    root, policy = speech_commands(tmp_path)
    (b,) = list(auger.Loader(auger.load(str(policy), policy="train"), str(root), batch_size=3, numpy=True))
    assert sorted(b["key"]) == ["no/Rear_Left", "no/Rear_Right", "yes/Front_Center"]
    assert b["audio"].shape[:2] == (3, 40) and np.isfinite(b["audio"]).all()
    labels = dict(zip(b["key"], b["class"]))
    assert labels["yes/Front_Center"] == 1 and labels["no/Rear_Left"] == 0


def test_an_empty_folder_names_both_kinds_of_file(auger_bin, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("nothing to see")
    policy = tmp_path / "kws.aug"
    policy.write_text(KWS)
    r = subprocess.run([auger_bin, "run", str(policy), "--input", str(empty), "-o", str(tmp_path / "o")],
                       capture_output=True, text=True)
    assert r.returncode != 0 and "no images" in r.stderr and "audio files (.wav .flac .ogg)" in r.stderr
