"""Resampling with many phases and few outputs each (runtime/audio/resample_lanes.cpp, sinc_kernel.cpp): resample to
a rate sharing little with 16 kHz, and pitch_shift by fractional semitones (its resample from int(rate / r) to rate),
against torchaudio 0.13 as test_reference_ops.py and test_vocoder_ops.py check the other rates; and the same bytes
for the same seed whatever the worker count."""
import json
import shutil

import numpy as np
import pytest
import torch
import torchaudio
import torchaudio.functional as F

from conftest import load16, peak_error, read_wav
from test_reference_ops import dominant_hz
from test_vocoder_ops import inputs  # noqa: F401 (the fixture: speech and a tone written at 16 kHz)

import auger  # a missing module fails the suite (CTest sets PYTHONPATH=build/python): a skip is not a pass


def test_resample_to_a_nearly_coprime_rate_matches_torchaudio(apply, speech):
    # 16000 -> 12345 Hz reduces to 3200 -> 2469: 2469 phases, a dozen outputs each for these files.
    out, _ = apply("policy rs on Utt deterministic { resample(rate: 12345Hz) }", speech.values(), "rs")
    for name, path in speech.items():
        ref = F.resample(load16(path), 16000, 12345)[0].numpy()
        ours, sr = read_wav(out / f"{name}.wav")
        assert sr == 12345 and ours.shape[1] == ref.shape[0], name
        assert peak_error(ours[0], ref) < 1e-3, name


@pytest.mark.parametrize("semitones", [1.5, -2.5])
def test_fractional_pitch_shift_length_pitch_and_values(apply, inputs, semitones):  # noqa: F811
    # +1.5: 17448 -> 16000 Hz (2181 -> 2000 reduced); -2.5: 13852 -> 16000 Hz (3463 -> 4000).
    out, _ = apply(f"policy ps on Utt deterministic {{ pitch_shift(semitones: {semitones}) }}", inputs.values(), "ps")
    for name, path in inputs.items():
        x, _ = torchaudio.load(path)
        ours, sr = read_wav(out / f"{name}.wav")
        assert sr == 16000 and ours.shape == tuple(x.shape), name
        if name != "tone":  # test_vocoder_ops.py's doc: a tone's leakage bins are near silent
            assert peak_error(ours[0], F.pitch_shift(x, 16000, semitones)[0].numpy()) < 2e-3, name
    ours, _ = read_wav(out / "tone.wav")
    want = 440 * 2 ** (semitones / 12)
    assert abs(dominant_hz(ours[0], 16000) - want) < want * 0.01


def test_random_pitch_shift_is_the_same_bytes_for_any_worker_count(speech, tmp_path):
    d = tmp_path / "corpus"
    d.mkdir()
    lines = []
    for k in range(4):
        for name, path in sorted(speech.items()):
            shutil.copy(path, d / f"{name}{k}.wav")
            lines.append({"key": f"{name}{k}", "audio": f"{name}{k}.wav"})
    (d / "m.jsonl").write_text("".join(json.dumps(l) + "\n" for l in lines))
    policy = tmp_path / "ps.aug"
    policy.write_text("sample Utt { audio: audio(16kHz, mono) }\n"
                      "policy ps on Utt { pitch_shift(semitones: uniform(-4, 4)) }\n")

    def run(workers):
        p = auger.load(str(policy), policy="ps", seed=7)
        got = {}
        for b in auger.Loader(p, d / "m.jsonl", batch_size=1, workers=workers, numpy=True):
            got[b["key"][0]] = np.asarray(b["audio"])[0, : int(b["audio_lengths"][0])].tobytes()
        return got

    one = run(1)
    assert len(one) == len(lines) and len(set(one.values())) == len(lines)  # each key drew its own shift
    assert run(2) == one and run(1) == one
