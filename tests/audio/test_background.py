"""add_background (MUSAN-style) through `auger apply`: the recording drawn from the folder (recursively, sorted) and
named in "params", mixed at its SNR (within 0.5 dB, on RMS), looped from its start and cut at the drawn offset, the
background decoded to mono at the field's rate as torchaudio does; an empty or missing folder fails the command
before any sample runs (exit 1)."""
import os
import shutil

import numpy as np
import pytest
import torch
import torchaudio

from conftest import ALSA, load16, peak_error, read_wav

NOISES = ["Noise.wav", "Side_Left.wav", "Rear_Right.wav"]


@pytest.fixture
def noise_dir(tmp_path):
    """Three 48 kHz alsa-utils recordings (one a nested folder down) and a short 0.25 s clip at 8 kHz, stereo, 16-bit (its extension in capitals)."""
    d = tmp_path / "musan" / "noise"
    (d / "sub").mkdir(parents=True)
    shutil.copy(os.path.join(ALSA, NOISES[0]), d / NOISES[0])
    for name in NOISES[1:]:
        shutil.copy(os.path.join(ALSA, name), d / "sub" / name)
    t = np.arange(2000) / 8000
    clip = np.stack([np.sin(2 * np.pi * 300 * t), np.sign(np.sin(2 * np.pi * 50 * t))]) * 0.3
    torchaudio.save(str(d / "short.WAV"), torch.tensor(clip, dtype=torch.float32), 8000, encoding="PCM_S", bits_per_sample=16)
    (d / "notes.txt").write_text("not audio")
    return d


def policies(d, snr):
    return (f'policy clean on Utt deterministic {{ gain(db: 0dB) }}\n'
            f'policy bg(dir: string = "{d}") on Utt {{ add_background(dir: dir, snr: {snr}dB) }}')


def expected_background(path, n, offset):
    b = load16(path)[0].numpy()
    return np.resize(b, int(np.ceil(n / len(b))) * len(b))[offset:offset + n]  # tiled from its start, then cut


@pytest.mark.parametrize("snr", [0, 10, 25])
def test_background_at_its_snr_from_the_drawn_file(apply, speech, noise_dir, snr):
    clean, _ = apply(policies(noise_dir, snr), speech.values(), "clean")
    chosen = set()
    for seed in range(4):
        noisy, _ = apply(policies(noise_dir, snr), speech.values(), "bg", "--seed", seed)
        for name in speech:
            x, _ = read_wav(clean / f"{name}.wav")
            y, _ = read_wav(noisy / f"{name}.wav")
            added = (y - x)[0]
            measured = 20 * np.log10(np.sqrt((x ** 2).mean()) / np.sqrt((added ** 2).mean()))
            assert abs(measured - snr) < 0.5, (name, measured)
            params = apply.record(noisy, name)["params"]["0"]
            file, offset = params["file"], params["offset"]
            assert os.path.dirname(file).startswith(str(noise_dir)) and not file.endswith(".txt")
            chosen.add(os.path.relpath(file, noise_dir))
            b = expected_background(file, x.shape[1], offset)
            scale = np.dot(added, b) / np.dot(b, b)
            assert peak_error(added, scale * b) < 2e-3, (name, file, offset)
    assert len(chosen) >= 2, chosen  # the draw picks among the files
    assert all(f in {"Noise.wav", "short.WAV", "sub/Side_Left.wav", "sub/Rear_Right.wav"} for f in chosen)


def test_a_short_background_is_looped(apply, speech, noise_dir):
    only = noise_dir.parent / "only_short"
    only.mkdir()
    shutil.copy(noise_dir / "short.WAV", only / "short.WAV")
    clean, _ = apply(policies(only, 5), [speech["fox"]], "clean")
    noisy, _ = apply(policies(only, 5), [speech["fox"]], "bg", "--seed", 3)
    x, _ = read_wav(clean / "fox.wav")
    y, _ = read_wav(noisy / "fox.wav")
    offset = apply.record(noisy, "fox")["params"]["0"]["offset"]
    b = expected_background(str(only / "short.WAV"), x.shape[1], offset)
    assert len(load16(str(only / "short.WAV"))[0]) * 4 < x.shape[1]  # looped several times
    added = (y - x)[0]
    assert peak_error(added, np.dot(added, b) / np.dot(b, b) * b) < 2e-3


@pytest.mark.parametrize("make", ["empty", "missing", "only_text"])
def test_an_unusable_folder_fails_at_bind_time(apply, speech, tmp_path, make):
    d = tmp_path / make
    if make != "missing":
        d.mkdir()
    if make == "only_text":
        (d / "readme.txt").write_text("x")
    out, r = apply(policies(d, 10), speech.values(), "bg", check=False)
    assert r.returncode == 1, r.stderr
    assert str(d) in r.stderr and "add_background" in r.stderr
    assert not out.exists() or not any(out.iterdir())  # no sample ran


def test_the_folder_is_a_parameter(apply, speech, noise_dir, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(noise_dir / "Noise.wav", other / "n.wav")
    # the default folder does not exist: only the bound one is listed; a string is quoted, as in the file
    out, _ = apply(policies(tmp_path / "nowhere", 10), [speech["fox"]], "bg", "--set", f'dir="{other}"')
    assert apply.record(out, "fox")["params"]["0"]["file"] == str(other / "n.wav")
