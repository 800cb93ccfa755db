"""auger.Loader on audio: padded batches with lengths — a waveform as `audio` float32 [B, T] and `audio_lengths`
int64 [B], a spectrogram as [B, n_mels, frames] — each row the sample `auger apply` makes for the same key and seed
followed by zeros; transcripts and moved alignments per sample."""
import json
import os
import shutil
import subprocess

import numpy as np
import pytest
import torch

from conftest import ROOT, read_wav

import auger  # a missing module fails the suite (CTest sets PYTHONPATH=build/python): a skip is not a pass

ASR = os.path.join(ROOT, "examples/asr.aug")
WAVE = """
sample Utt {
  audio: audio(16kHz, mono)
  transcript: text(en)
  alignment: frames(10ms)?
}
policy wave on Utt { perturb: speed(factor: choice(0.9, 1.1))  time_shift(max: 100ms) }
"""


@pytest.fixture
def manifest(speech, tmp_path):
    d = tmp_path / "corpus"
    d.mkdir()
    lines = []
    for name, path in sorted(speech.items()):
        shutil.copy(path, d / f"{name}.wav")
        lines.append({"key": name, "audio": f"{name}.wav", "transcript": f"said {name}", "alignment": [1] * 150})
    (d / "m.jsonl").write_text("".join(json.dumps(l) + "\n" for l in lines))
    return d, lines


def applied(auger_bin, policy_file, policy, d, line, out):
    sample = {k: v for k, v in line.items() if k != "key"}
    sample["audio"] = str(d / sample["audio"])
    out.parent.mkdir(parents=True, exist_ok=True)
    (out.parent / f"{line['key']}.json").write_text(json.dumps(sample))
    r = subprocess.run([auger_bin, "apply", str(policy_file), "-p", policy, "--out", str(out),
                        str(out.parent / f"{line['key']}.json")], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return json.loads((out / f"{line['key']}.json").read_text())


def test_waveform_batches_are_padded_with_lengths(auger_bin, manifest, tmp_path):
    d, lines = manifest
    policy = tmp_path / "wave.aug"
    policy.write_text(WAVE)
    loader = auger.Loader(auger.load(str(policy), policy="wave"), d / "m.jsonl", batch_size=2)
    batches = list(loader)
    assert [len(b["key"]) for b in batches] == [2, 1]
    for b in batches:
        audio, lengths = b["audio"], b["audio_lengths"]
        assert isinstance(audio, torch.Tensor) and audio.dtype == torch.float32 and audio.dim() == 2
        assert lengths.dtype == torch.int64 and audio.shape[1] == int(lengths.max())
        for row, key in enumerate(b["key"]):
            line = next(l for l in lines if l["key"] == key)
            want = applied(auger_bin, policy, "wave", d, line, tmp_path / "apply" / key)
            wave, _ = read_wav(tmp_path / "apply" / key / f"{key}.wav")
            n = int(lengths[row])
            assert n == wave.shape[1]
            np.testing.assert_array_equal(audio[row, :n].numpy(), wave[0])
            assert not audio[row, n:].any()  # zero padding
            assert b["transcript"][row] == line["transcript"]
            assert b["alignment"][row] == want["alignment"] and len(want["alignment"]) != 150


def test_spectrogram_batches(auger_bin, manifest, tmp_path):
    d, lines = manifest
    loader = auger.Loader(auger.load(ASR, policy="train"), d / "m.jsonl", batch_size=3, numpy=True)
    (b,) = list(loader)
    spec, lengths = b["audio"], b["audio_lengths"]
    assert spec.dtype == np.float32 and spec.shape[:2] == (3, 80) and spec.shape[2] == lengths.max()
    for row, key in enumerate(b["key"]):
        line = next(l for l in lines if l["key"] == key)
        applied(auger_bin, ASR, "train", d, line, tmp_path / "apply" / key)
        want = np.load(tmp_path / "apply" / key / f"{key}.npy")
        assert lengths[row] == want.shape[1]
        np.testing.assert_array_equal(spec[row, :, : lengths[row]], want)
        assert not spec[row, :, lengths[row]:].any()
    # the metrics count audio: decoding's time, and the coverage of the audio ops' own draws
    metrics = loader.metrics()
    assert metrics["stages"]["decode"]["count"] == 3 and metrics["stages"]["decode"]["mean_ms"] > 0
    ops = {site["op"]: site for site in metrics["coverage"].values()}
    assert ops["speed"]["fired"] == 3 and "center" in ops["time_warp"]["params"]
    assert "masks" in ops["freq_mask"]["params"]


LEVEL = """
sample Utt {
  audio: audio(16kHz, mono)
  transcript: text(en)
  alignment: frames(10ms)?
}
policy gain_only on Utt { gain(db: uniform(-6dB, 6dB)) }
policy gain_roll on Utt { gain(db: uniform(-6dB, 6dB))  time_shift(max: 300ms) }
policy zero_gain on Utt { time_shift(max: 300ms, mode: zero)  gain(db: -3dB) }
policy chain on Utt { gain(db: uniform(-6dB, 6dB))  add_noise(snr: 20dB)  time_shift(max: 300ms) }
policy twice on Utt { gain(db: 2dB)  time_shift(max: 200ms)  gain(db: -5dB)  time_shift(max: 200ms, mode: zero) }
"""


@pytest.mark.parametrize("name", ["gain_only", "gain_roll", "zero_gain", "chain", "twice"])
def test_gain_and_shift_done_in_the_batch_copy_equal_apply(auger_bin, manifest, tmp_path, name):
    # The Loader leaves a gain and a time shift to its copy into the batch (runtime/audio/pending_level.h): the rows
    # must still be apply's bytes, whatever the ops around them.
    d, lines = manifest
    policy = tmp_path / "level.aug"
    policy.write_text(LEVEL)
    (b,) = list(auger.Loader(auger.load(str(policy), policy=name, seed=7), d / "m.jsonl", batch_size=3, numpy=True))
    for row, key in enumerate(b["key"]):
        line = next(l for l in lines if l["key"] == key)
        sample = {k: v for k, v in line.items() if k != "key"}
        sample["audio"] = str(d / sample["audio"])
        (tmp_path / f"{key}.json").write_text(json.dumps(sample))
        out = tmp_path / "apply" / name
        r = subprocess.run([auger_bin, "apply", str(policy), "-p", name, "--seed", "7", "--out", str(out),
                            str(tmp_path / f"{key}.json")], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        wave, _ = read_wav(out / f"{key}.wav")
        n = int(b["audio_lengths"][row])
        assert n == wave.shape[1]
        np.testing.assert_array_equal(b["audio"][row, :n], wave[0])
        assert not b["audio"][row, n:].any()
