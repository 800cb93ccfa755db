"""Bad audio inputs are per-sample errors that say why; the good inputs of the same command are still written."""
import struct

import numpy as np
import pytest


def float_wav(path, x, rate):
    data = np.asarray(x, dtype="<f4").tobytes()
    fmt = struct.pack("<IHHIIHH", 16, 3, 1, rate, rate * 4, 4, 32)
    path.write_bytes(b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVEfmt " + fmt + b"data" +
                     struct.pack("<I", len(data)) + data)
    return path


@pytest.fixture
def hostile(tmp_path, speech):
    d = tmp_path / "bad"
    d.mkdir()
    good = open(speech["fox"], "rb").read()
    (d / "empty.wav").write_bytes(b"")
    (d / "garbage.flac").write_bytes(b"fLaC" + bytes(range(256)) * 8)
    (d / "truncated.wav").write_bytes(good[: len(good) // 2])
    nan = np.zeros(16000, np.float32)
    nan[123] = np.nan
    float_wav(d / "nan.wav", nan, 16000)
    inf = np.zeros(16000, np.float32)
    inf[5] = np.inf
    float_wav(d / "inf.wav", inf, 16000)
    float_wav(d / "no_samples.wav", np.zeros(0), 16000)
    float_wav(d / "long.wav", np.zeros(3601 * 8), 8)  # over an hour at 8 Hz
    return {
        "empty": "cannot decode", "garbage": "cannot decode", "truncated": "truncated", "nan": "NaN",
        "inf": "infinite", "no_samples": "no samples", "long": "at most 3600 s",
    }, d


def test_bad_files_are_per_sample_errors(apply, speech, hostile):
    reasons, d = hostile
    inputs = [p for p in sorted(d.iterdir())] + [speech["fox"]]
    out, r = apply("policy mel on Utt deterministic { melspec() }", inputs, "mel", check=False)
    assert r.returncode == 3, r.stderr
    for name, reason in reasons.items():
        line = next((l for l in r.stderr.splitlines() if f"{name}." in l), "")
        assert reason in line, (name, r.stderr)
        assert not (out / f"{name}.json").exists()
    assert (out / "fox.npy").exists() and f"{len(reasons)} of {len(inputs)} inputs failed" in r.stderr


def test_bad_file_in_a_sample_file(apply, hostile, tmp_path):
    _, d = hostile
    sample = tmp_path / "utt.json"
    sample.write_text(f'{{"audio": "{d / "nan.wav"}", "transcript": "hello"}}')
    _, r = apply("policy mel on Utt deterministic { melspec() }", [sample], "mel", check=False)
    assert r.returncode == 3 and "field `audio`" in r.stderr and "NaN" in r.stderr


def test_too_short_for_melspec(apply, tmp_path):
    short = float_wav(tmp_path / "short.wav", np.full(100, 0.1), 16000)
    _, r = apply("policy mel on Utt deterministic { melspec(n_fft: 512) }", [short], "mel", check=False)
    assert r.returncode == 3 and "too few" in r.stderr
