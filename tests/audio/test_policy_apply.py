"""auger.Policy.apply on audio (docs/runtime.md: `apply` on one sample): a waveform array or a file path in, the
bytes `auger apply` writes out; a spectrogram after melspec; moved frame labels; clear errors for what does not fit."""
import json
import subprocess

import numpy as np
import pytest

import auger

from conftest import SCHEMA, load16, read_wav

POLICIES = SCHEMA + """
sample St { audio: audio(16kHz, stereo) }
policy wave on Utt { speed(factor: choice(0.9, 1.1))  add_noise(snr: 20dB)  gain(db: -3dB)  time_shift(max: 100ms) }
policy spec on Utt { melspec(n_mels: 40, log: true)  time_mask(T: 10) }
policy st on St { pitch_shift(semitones: 2)  gain(db: 1dB) }
"""


@pytest.fixture
def policy_file(tmp_path):
    p = tmp_path / "p.aug"
    p.write_text(POLICIES)
    return p


def apply_cli(auger_bin, policy_file, name, path, out):
    r = subprocess.run([auger_bin, "apply", str(policy_file), "-p", name, "--seed", "3", "--out", str(out), str(path)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return out


def test_a_waveform_or_a_path_gives_apply_s_bytes(auger_bin, policy_file, speech, tmp_path):
    import torchaudio

    # 16 kHz float samples on disk (sox's writer rounds them through int32: the array is read back from the file)
    x = load16(speech["fox"])
    path = tmp_path / "fox.wav"
    torchaudio.save(str(path), x, 16000)
    wave = auger.load(str(policy_file), "wave", seed=3)
    cli, _ = read_wav(apply_cli(auger_bin, policy_file, "wave", path, tmp_path / "cli") / "fox.wav")
    from_path = wave.apply({"audio": str(path)}, key="fox")
    assert from_path["audio"].dtype == np.float32 and from_path["audio"].ndim == 1
    np.testing.assert_array_equal(from_path["audio"], cli[0])
    from_array = wave.apply({"audio": read_wav(path)[0][0]}, key="fox")  # the file's samples, as an array
    np.testing.assert_array_equal(from_array["audio"], cli[0])
    assert "speed" in json.dumps(from_array["params"])
    # a file at another rate is resampled to the field's, as apply does
    resampled = wave.apply({"audio": speech["Front_Center"]}, key="Front_Center")["audio"]
    cli48, _ = read_wav(apply_cli(auger_bin, policy_file, "wave", speech["Front_Center"], tmp_path / "c48") /
                        "Front_Center.wav")
    np.testing.assert_array_equal(resampled, cli48[0])


def test_spectrograms_stereo_and_labels(policy_file, speech):
    x = load16(speech["fox"])[0].numpy()
    spec = auger.load(str(policy_file), "spec").apply({"audio": x, "transcript": "the fox"}, key="k")
    assert spec["audio"].shape[0] == 40 and spec["audio"].dtype == np.float32 and spec["transcript"] == "the fox"
    st = auger.load(str(policy_file), "st").apply({"audio": np.stack([x, 0.5 * x])}, key="k")
    assert st["audio"].shape == (2, x.size)


@pytest.mark.parametrize("value,message", [
    (np.zeros((3, 100), np.float32), "takes a mono waveform"),
    (np.array([0.1, np.nan], np.float32), "NaN or infinite"),
    (np.zeros(0, np.float32), "at least one sample"),
    (np.zeros(10, np.int16), "float waveform"),
    ("/nonexistent/x.wav", "x.wav"),
])
def test_what_does_not_fit_is_a_clear_error(policy_file, value, message):
    with pytest.raises(auger.Error, match=message):
        auger.load(str(policy_file), "wave").apply({"audio": value}, key="k")
