"""melspec, resample and speed against torchaudio 0.13 on real speech, through `auger apply` (ops.md §5, §7)."""
import math

import numpy as np
import pytest
import torch
import torchaudio
import torchaudio.functional as F

from conftest import load16, peak_error, read_wav


@pytest.mark.parametrize("n_mels,win,hop,n_fft,log", [(80, 25, 10, 512, False), (64, 20, 5, 400, True),
                                                      (40, 32, 16, 1024, False)])
def test_melspec_matches_torchaudio(apply, speech, n_mels, win, hop, n_fft, log):
    policy = (f"policy mel on Utt deterministic {{ melspec(n_mels: {n_mels}, win: {win}ms, hop: {hop}ms, "
              f"n_fft: {n_fft}, log: {str(log).lower()}) }}")
    out, _ = apply(policy, speech.values(), "mel")
    for name, path in speech.items():
        w = load16(path)
        ref = torchaudio.transforms.MelSpectrogram(sample_rate=16000, n_fft=n_fft, win_length=win * 16,
                                                   hop_length=hop * 16, n_mels=n_mels)(w)[0].numpy()
        ours = np.load(out / f"{name}.npy")
        assert ours.dtype == np.float32 and ours.shape == (n_mels, 1 + w.shape[1] // (hop * 16))
        if log:
            # ln(v + 1e-6): near the floor, f32 rounding noise of either side is magnified, so the log output is
            # checked in the linear domain (within 1e-3 of the peak) and, where the power is above 1e-3 of the peak,
            # in the log domain too.
            loud = ref > 1e-3 * ref.max()
            assert np.abs(ours[loud] - np.log(ref[loud] + 1e-6)).max() < 1e-3, name
            ours = np.exp(ours.astype(np.float64)) - 1e-6
        assert peak_error(ours, ref) < 1e-3, name


@pytest.mark.parametrize("rate", [8000, 22050, 44100])
def test_resample_matches_torchaudio(apply, speech, rate):
    out, _ = apply(f"policy rs on Utt deterministic {{ resample(rate: {rate}Hz) }}", speech.values(), "rs")
    for name, path in speech.items():
        ref = F.resample(load16(path), 16000, rate)[0].numpy()
        ours, sr = read_wav(out / f"{name}.wav")
        assert sr == rate
        assert peak_error(ours[0], ref) < 1e-3, name


def test_decoding_resamples_and_mixes_to_the_schema(apply, speech, tmp_path):
    """A 48 kHz or 22.05 kHz file for a 16 kHz field is resampled as F.resample; stereo is averaged to mono."""
    stereo = tmp_path / "stereo.wav"
    w, sr = torchaudio.load(speech["Front_Center"])
    torchaudio.save(str(stereo), torch.cat([w, 0.5 * w]), sr)
    inputs = {**speech, "stereo": str(stereo)}
    out, _ = apply("policy id on Utt deterministic { gain(db: 0dB) }", inputs.values(), "id")
    for name, path in inputs.items():
        ours, sr = read_wav(out / f"{name}.wav")
        assert sr == 16000 and ours.shape[0] == 1
        assert peak_error(ours[0], load16(path)[0].numpy()) < 1e-3, name


def dominant_hz(x, rate):
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    return np.argmax(spectrum) * rate / len(x)


@pytest.mark.parametrize("factor", [0.9, 1.1, 1.5])
def test_speed_length_and_pitch(apply, speech, tmp_path, factor):
    """Speed perturbation: ceil(len / factor) samples, a tone's frequency times `factor`, and F.resample's values."""
    tone = tmp_path / "tone.wav"
    t = np.arange(32000) / 16000
    torchaudio.save(str(tone), torch.tensor(0.5 * np.sin(2 * np.pi * 440 * t), dtype=torch.float32)[None], 16000)
    inputs = {**speech, "tone": str(tone)}
    out, _ = apply(f"policy sp on Utt deterministic {{ speed(factor: {factor}) }}", inputs.values(), "sp")
    for name, path in inputs.items():
        x = load16(path)
        ours, sr = read_wav(out / f"{name}.wav")
        src = int(factor * 16000)
        g = math.gcd(src, 16000)
        assert sr == 16000 and ours.shape[1] == math.ceil(x.shape[1] * (16000 // g) / (src // g)), name
        assert peak_error(ours[0], F.resample(x, src, 16000)[0].numpy()) < 1e-3, name
    ours, _ = read_wav(out / "tone.wav")
    assert abs(dominant_hz(ours[0], 16000) - 440 * factor) < 2.0
