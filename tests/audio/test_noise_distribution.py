"""add_noise's white noise is i.i.d. N(0, 1) before scaling (its op doc): on a tone, the added signal divided by its
own RMS passes a Kolmogorov–Smirnov test against the standard normal and has no lag-1 correlation — four values
come from each Philox block (runtime/audio/ops/level.cpp), so neighbours must still be independent."""
import numpy as np
import torch
import torchaudio
from scipy import stats

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
