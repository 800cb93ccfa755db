"""add_noise's white noise is i.i.d. N(0, 1) before scaling (its op doc): on a tone, the added signal divided by its
own RMS passes a Kolmogorov–Smirnov test against the standard normal and has no lag-1 correlation — four values
come from each Philox block (runtime/audio/ops/level.cpp), so neighbours must still be independent."""
import numpy as np
import pytest
import torch
import torchaudio
from scipy import signal, stats

from conftest import read_wav


def test_white_noise_is_standard_normal(apply, tmp_path):
    tone = tmp_path / "tone.wav"
    t = np.arange(64000) / 16000
    torchaudio.save(str(tone), torch.tensor(0.5 * np.sin(2 * np.pi * 440 * t), dtype=torch.float32)[None], 16000)
    policies = ("policy clean on Utt deterministic { gain(db: 0dB) }\n"
                "policy noisy on Utt { add_noise(snr: 0dB) }")
    clean, _ = apply(policies, [tone], "clean")
    noisy, _ = apply(policies, [tone], "noisy")
    n = (read_wav(noisy / "tone.wav")[0] - read_wav(clean / "tone.wav")[0])[0].astype(np.float64)
    z = (n - n.mean()) / n.std()
    assert stats.kstest(z, "norm").pvalue > 1e-3
    assert abs(np.corrcoef(z[:-1], z[1:])[0, 1]) < 0.02
    assert abs(stats.kurtosis(z)) < 0.1


@pytest.mark.parametrize("color,slope", [("pink", -1.0), ("brown", -2.0)])
def test_coloured_noise_has_its_spectral_slope(apply, tmp_path, color, slope):
    """Pink and brown noise (white noise through Kellet's pinking filter or a leaky integrator, coloured_noise.cpp):
    the power spectrum's log-log slope over 50 Hz - 5 kHz is -1 or -2 (Welch's estimate over 3 s; brown's random-walk
    spectrum near Nyquist fits -1.91), and pink samples are Gaussian (brown noise's strong low end leaves one draw's
    kurtosis loose)."""
    tone = tmp_path / "tone.wav"
    t = np.arange(50001) / 16000  # an odd length: not a whole number of the filter's 16-sample blocks
    torchaudio.save(str(tone), torch.tensor(0.5 * np.sin(2 * np.pi * 440 * t), dtype=torch.float32)[None], 16000)
    policies = ("policy clean on Utt deterministic { gain(db: 0dB) }\n"
                f"policy noisy on Utt {{ add_noise(snr: 0dB, color: {color}) }}")
    clean, _ = apply(policies, [tone], "clean")
    noisy, _ = apply(policies, [tone], "noisy")
    n = (read_wav(noisy / "tone.wav")[0] - read_wav(clean / "tone.wav")[0])[0].astype(np.float64)
    f, p = signal.welch(n, 16000, nperseg=4096)
    band = (f >= 50) & (f <= 5000) & (np.abs(f - 440) > 20)
    fitted = np.polyfit(np.log(f[band]), np.log(p[band]), 1)[0]
    assert abs(fitted - slope) < 0.15, fitted
    if color == "pink":
        assert abs(stats.kurtosis((n - n.mean()) / n.std())) < 0.3
