"""add_noise's pink and brown noise start warm (its op doc): the filter runs over extra leading white samples, so the
first 0.2 s carries as much low-frequency power as the rest. Without the warm-up, brown noise (a leaky integrator
with a 1 Hz corner) starts from rest and its first 0.2 s has ~40 % less power below ~10 Hz (0.61 of the rest,
measured); pink noise's slowest state (a 55 ms time constant) makes a smaller dip (~10 %), which this test bounds
more loosely than it can resolve."""
import os

import numpy as np
import pytest
import torch
import torchaudio

from conftest import read_wav

FILES, WINDOW = 300, 800  # one-second utterances; 50 ms windows, whose means carry the power below ~10 Hz


@pytest.mark.parametrize("color", ["pink", "brown"])
def test_first_fifth_of_a_second_has_the_low_end(apply, tmp_path, color):
    tone = tmp_path / "tone.wav"
    t = np.arange(16000) / 16000
    torchaudio.save(str(tone), torch.tensor(0.5 * np.sin(2 * np.pi * 440 * t), dtype=torch.float32)[None], 16000)
    inputs = []
    for i in range(FILES):  # one noise draw per file name
        inputs.append(tmp_path / f"u{i:03d}.wav")
        os.link(tone, inputs[-1])
    policies = ("policy clean on Utt deterministic { gain(db: 0dB) }\n"
                f"policy noisy on Utt {{ add_noise(snr: 0dB, color: {color}) }}")
    clean, _ = apply(policies, [tone], "clean")
    noisy, _ = apply(policies, inputs, "noisy")
    x = read_wav(clean / "tone.wav")[0][0].astype(np.float64)
    means = []
    for path in inputs:
        n = read_wav(noisy / path.name)[0][0].astype(np.float64) - x
        n /= np.sqrt(np.mean(n ** 2))
        means.append(n.reshape(-1, WINDOW).mean(axis=1) ** 2)
    means = np.array(means)
    head = 3200 // WINDOW  # the windows of the first 0.2 s
    ratio = means[:, :head].mean() / means[:, head:].mean()
    assert 0.85 < ratio < 1.2, ratio
