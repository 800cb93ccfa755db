"""`auger run` on audio: a LibriSpeech/Lhotse-style JSONL manifest ({"audio": "a.wav", "transcript": ...}) in,
WebDataset shards out — KEY.npy ([n_mels, frames] f32) for a spectrogram, KEY.flac for a waveform, KEY.json with
the transcript untouched, the moved alignment and the draws — the same samples `auger apply` makes for the same
key and seed; shards of audio read back as a source; a corrupt file is one bad sample."""
import io
import json
import os
import shutil
import subprocess
import tarfile

import numpy as np
import pytest
import torchaudio

from conftest import ROOT, read_wav

ASR = os.path.join(ROOT, "examples/asr.aug")
WAVE = """
sample Utt {
  audio: audio(16kHz, mono)
  transcript: text(en)
  alignment: frames(10ms)?
}
policy wave on Utt { perturb: speed(factor: choice(0.9, 1.1))  gain(db: -6dB) }
"""


@pytest.fixture
def manifest(speech, tmp_path):
    d = tmp_path / "corpus"
    (d / "wav").mkdir(parents=True)
    lines = []
    for i, (name, path) in enumerate(sorted(speech.items())):
        shutil.copy(path, d / "wav" / f"{name}.wav")
        line = {"key": name, "audio": f"wav/{name}.wav", "transcript": f"utterance {name}"}
        if i % 2 == 0:
            line["alignment"] = [k // 10 for k in range(200)]
        lines.append(line)
    (d / "train.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    return d / "train.jsonl", lines


def run(auger_bin, policy_file, policy, source, out, *extra):
    r = subprocess.run([auger_bin, "run", str(policy_file), "-p", policy, "-i", str(source), "-o", str(out), *extra],
                       capture_output=True, text=True)
    return r


def members(out):
    got = {}
    for shard in sorted(out.glob("*.tar")):
        with tarfile.open(shard) as tar:
            for m in tar.getmembers():
                got[m.name] = tar.extractfile(m).read()
    return got


def apply_one(auger_bin, policy_file, policy, manifest_dir, line, out):
    sample = dict(line)
    key = sample.pop("key")
    sample["audio"] = str(manifest_dir / sample["audio"])
    path = out.parent / f"{key}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(sample))
    r = subprocess.run([auger_bin, "apply", str(policy_file), "-p", policy, "--out", str(out), str(path)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return json.loads((out / f"{key}.json").read_text())


def test_asr_manifest_to_spectrogram_shards(auger_bin, manifest, tmp_path):
    path, lines = manifest
    r = run(auger_bin, ASR, "train", path, tmp_path / "out")
    assert r.returncode == 0, r.stderr
    got = members(tmp_path / "out")
    assert sorted(got) == sorted([f"{l['key']}.npy" for l in lines] + [f"{l['key']}.json" for l in lines])
    for line in lines:
        spec = np.load(io.BytesIO(got[f"{line['key']}.npy"]))
        record = json.loads(got[f"{line['key']}.json"])
        assert spec.dtype == np.float32 and spec.shape[0] == 80
        assert record["transcript"] == line["transcript"]
        want = apply_one(auger_bin, ASR, "train", path.parent, line, tmp_path / "apply" / line["key"])
        assert record["params"] == want["params"]  # the same draws for the same key and seed
        np.testing.assert_array_equal(spec, np.load(tmp_path / "apply" / line["key"] / f"{line['key']}.npy"))
        if "alignment" in line:
            factor = record["params"]["perturb"]["factor"]
            assert len(record["alignment"]) == round(200 * 16000 / int(factor * 16000))
            assert record["alignment"] == want["alignment"]


def test_waveform_shards_are_flac_and_read_back(auger_bin, manifest, tmp_path):
    path, lines = manifest
    policy = tmp_path / "wave.aug"
    policy.write_text(WAVE)
    r = run(auger_bin, policy, "wave", path, tmp_path / "out")
    assert r.returncode == 0, r.stderr
    got = members(tmp_path / "out")
    for line in lines:
        flac = tmp_path / f"{line['key']}.flac"
        flac.write_bytes(got[f"{line['key']}.flac"])
        ours, sr = torchaudio.load(str(flac))
        apply_one(auger_bin, policy, "wave", path.parent, line, tmp_path / "apply" / line["key"])
        want, _ = read_wav(tmp_path / "apply" / line["key"] / f"{line['key']}.wav")
        assert sr == 16000 and ours.shape == want.shape
        assert np.abs(ours.numpy() - want).max() < 2 ** -22  # 24-bit FLAC of the same samples
    # the shards are a source: run them again (here through a deterministic policy on the waveform)
    again = tmp_path / "again.aug"
    again.write_text(WAVE.replace("policy wave on Utt {", "policy louder on Utt deterministic { gain(db: 6dB) }\n"
                                  "policy unused on Utt {"))
    r = run(auger_bin, again, "louder", tmp_path / "out" / "shard-000000.tar", tmp_path / "out2")
    assert r.returncode == 0, r.stderr
    assert sorted(members(tmp_path / "out2")) == sorted(got)


def test_a_corrupt_file_is_one_bad_sample(auger_bin, manifest, tmp_path):
    path, lines = manifest
    (path.parent / "wav" / "broken.wav").write_bytes(b"RIFF\x00\x00\x00\x00WAVEjunk")
    with path.open("a") as f:
        f.write(json.dumps({"key": "broken", "audio": "wav/broken.wav", "transcript": "x"}) + "\n")
    r = run(auger_bin, ASR, "train", path, tmp_path / "out", "--max-errors", "1")
    assert r.returncode == 0, r.stderr
    assert f"train.jsonl:{len(lines) + 1}: field `audio`: cannot decode" in r.stderr and "1 error" in r.stderr
    assert sorted(k for k in members(tmp_path / "out") if k.endswith(".npy")) == sorted(
        f"{l['key']}.npy" for l in lines)
