"""pitch_shift and time_stretch (phase vocoder) against torchaudio 0.13 on real speech and a tone: the output length,
the tone's dominant frequency (kept by time_stretch, moved by 2^(n/12) by pitch_shift), and the values of
F.pitch_shift / stft + F.phase_vocoder + istft within 2e-3 of the peak (ops.md §5 asks only length and pitch).
The inputs are written at 16 kHz first, so both sides start from the same samples: the vocoder's accumulated phase
is ill-conditioned where a bin is near silent (the phase of 0 against that of 1e-9), and a 1e-7 difference in the
input, such as two resamplers' rounding, changes the output's phases and so its values (not its length or pitch).
For the same reason a pure tone is checked by its length and frequency only: its off-peak bins hold only window
leakage, whose phases two FFT libraries round differently (0.5 % of the peak after 2 s, as torch float32 against
torch float64 differ by 4 %)."""
import math

import numpy as np
import pytest
import torch
import torchaudio
import torchaudio.functional as F

from conftest import load16, peak_error, read_wav
from test_reference_ops import dominant_hz


@pytest.fixture
def inputs(speech, tmp_path):
    out = {}
    for name, path in speech.items():
        out[name] = str(tmp_path / f"{name}.wav")
        torchaudio.save(out[name], load16(path), 16000)  # 32-bit float WAV: read back bit for bit
    t = np.arange(32000) / 16000
    out["tone"] = str(tmp_path / "tone.wav")
    torchaudio.save(out["tone"], torch.tensor(0.5 * np.sin(2 * np.pi * 440 * t), dtype=torch.float32)[None], 16000)
    return out


def torch_stretch(x, rate):
    window = torch.hann_window(512)
    spec = torch.stft(x, 512, 128, 512, window, center=True, pad_mode="reflect", return_complex=True)
    spec = F.phase_vocoder(spec, rate, torch.linspace(0, math.pi * 128, 257)[..., None])
    return torch.istft(spec, 512, 128, 512, window, length=int(round(x.shape[1] / rate)))


@pytest.mark.parametrize("rate", [0.8, 1.25, 2.0])
def test_time_stretch_length_pitch_and_values(apply, inputs, rate):
    out, _ = apply(f"policy ts on Utt deterministic {{ time_stretch(rate: {rate}) }}", inputs.values(), "ts")
    for name, path in inputs.items():
        x, _ = torchaudio.load(path)
        ours, sr = read_wav(out / f"{name}.wav")
        assert sr == 16000 and ours.shape[1] == round(x.shape[1] / rate), name
        if name != "tone":  # see the module's doc: a tone's leakage bins are near silent
            assert peak_error(ours[0], torch_stretch(x, rate)[0].numpy()) < 2e-3, name
    ours, _ = read_wav(out / "tone.wav")
    assert abs(dominant_hz(ours[0], 16000) - 440) < 2.0  # the pitch is kept


@pytest.mark.parametrize("semitones", [-12, -3, 4, 7])
def test_pitch_shift_length_pitch_and_values(apply, inputs, semitones):
    out, _ = apply(f"policy ps on Utt deterministic {{ pitch_shift(semitones: {semitones}) }}", inputs.values(), "ps")
    for name, path in inputs.items():
        x, _ = torchaudio.load(path)
        ours, sr = read_wav(out / f"{name}.wav")
        assert sr == 16000 and ours.shape == tuple(x.shape), name  # the duration is kept
        if name != "tone":
            assert peak_error(ours[0], F.pitch_shift(x, 16000, semitones)[0].numpy()) < 2e-3, name
    ours, _ = read_wav(out / "tone.wav")
    want = 440 * 2 ** (semitones / 12)
    assert abs(dominant_hz(ours[0], 16000) - want) < want * 0.01, (semitones, dominant_hz(ours[0], 16000))


def test_too_short_for_the_stft_is_a_per_sample_error(apply, speech, tmp_path):
    short = tmp_path / "short.wav"
    torchaudio.save(str(short), torch.zeros(1, 200), 16000)
    out, r = apply("policy ts on Utt deterministic { time_stretch(rate: 1.5) }", [short, speech["fox"]], "ts",
                   check=False)
    assert r.returncode == 3 and "too few for the phase vocoder" in r.stderr and "short.wav" in r.stderr
    assert (out / "fox.wav").exists()  # the other input still ran
