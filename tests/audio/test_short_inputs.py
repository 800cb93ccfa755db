"""Ops whose parameter reaches past a short input (QA: a `time_mask(T: 100)` on a 0.6 s utterance wrote past the
spectrogram and aborted): the masks are torchaudio's, clamped to the axis, and "params" records what was masked;
time_warp, time_shift and add_background on inputs shorter than their window or offset range."""
import functools
import os
import subprocess

import numpy as np
import pytest
import torch
import torchaudio.functional as TF

from conftest import ROOT, read_wav
from test_hostile_audio import float_wav

MEL = "melspec(n_mels: 80, win: 25ms, hop: 10ms, n_fft: 512)"


@pytest.fixture(scope="module")
def short(tmp_path_factory):
    """espeak-ng's "yes": about 0.6 s, some 60 frames at a 10 ms hop."""
    path = tmp_path_factory.mktemp("short") / "yes.wav"
    plain = {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "ASAN_OPTIONS", "UBSAN_OPTIONS")}
    subprocess.run(["espeak-ng", "-w", str(path), "yes"], check=True, timeout=60, env=plain)  # as conftest.speech
    return path


@functools.lru_cache(maxsize=None)
def torchaudio_masks(param, length, axis):
    """Every [start, end) torchaudio 0.13's mask_along_axis_iid can mask along an axis of `length` for mask_param
    `param` (None: nothing masked): its own code, run with torch.rand patched to (u1, u2) pairs that reach every
    int(v) = int(u1 * param) and, with steps under one, every int(s) = int(u2 * (length - v))."""
    u1 = (torch.arange(param, dtype=torch.float64) + 0.5) / param
    steps = param + length + 1
    u2 = (torch.arange(steps, dtype=torch.float64) + 0.5) / steps
    pairs = torch.cartesian_prod(u1, u2).float()
    found = set()
    real = torch.rand
    try:
        for chunk in pairs.split(50000):
            draws = iter([chunk[:, :1], chunk[:, 1:]])
            torch.rand = lambda *a, **k: next(draws)
            shape = (len(chunk), 1, length, 1) if axis == 2 else (len(chunk), 1, 1, length)
            masked = TF.mask_along_axis_iid(torch.ones(shape), param, 0.0, axis).reshape(-1, length) == 0
            m = masked.numpy()
            first, last = m.argmax(1), length - m[:, ::-1].argmax(1)
            found |= {(int(a), int(b)) for a, b in np.unique(np.stack([first, last], 1)[m.any(1)], axis=0)}
            found |= {None} if not m.any(1).all() else set()
    finally:
        torch.rand = real
    return found


@pytest.mark.parametrize("seed", range(5))
def test_masks_wider_than_the_axis(apply, short, seed):
    policies = (f"policy clean on Utt deterministic {{ {MEL} }}\n"
                f"policy wide on Utt {{ {MEL} time_mask(T: 1000, count: 2, value: -7) "
                f"freq_mask(F: 512, count: 2, value: -7) }}")
    clean, _ = apply(policies, [short], "clean")
    wide, _ = apply(policies, [short], "wide", "--seed", seed)
    a, b = np.load(clean / "yes.npy"), np.load(wide / "yes.npy")
    n_mels, frames = a.shape
    assert frames < 1000 and n_mels < 512
    params = apply.record(wide, "yes")["params"]
    time = np.array(params["1"]["masks"]).astype(int).reshape(-1, 2)
    freq = np.array(params["2"]["masks"]).astype(int).reshape(-1, 2)
    reachable = {"time": torchaudio_masks(1000, frames, 3), "freq": torchaudio_masks(512, n_mels, 2)}
    for axis, masks, length in (("time", time, frames), ("freq", freq, n_mels)):
        assert len(masks) == 2
        for s, e in masks:
            assert 0 <= s <= e <= length, (axis, s, e)
            assert ((s, e) if e > s else None) in reachable[axis], (axis, s, e)
    expected = np.zeros_like(a, dtype=bool)
    for s, e in time:
        expected[:, s:e] = True
    for s, e in freq:
        expected[s:e, :] = True
    assert np.all(b[expected] == -7) and np.array_equal(b[~expected], a[~expected])


def test_wide_masks_clamp_at_the_start(apply, short):
    """With T ten times the frame count, s = u2 * (L - v) is almost always negative: masks start at 0."""
    policies = f"policy wide on Utt {{ {MEL} time_mask(T: 1000, count: 4) }}"
    starts = []
    for seed in range(4):
        out, _ = apply(policies, [short], "wide", "--seed", seed)
        starts += apply.record(out, "yes")["params"]["1"]["masks"][::2]
    assert starts.count(0) >= len(starts) // 2, starts


def test_the_example_asr_policy_on_a_short_utterance(auger_bin, short, tmp_path):
    for seed in range(5):
        r = subprocess.run([auger_bin, "apply", f"{ROOT}/examples/asr.aug", "--policy", "train", "--out",
                            str(tmp_path / "o"), str(short), "--seed", str(seed)], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("w", [30, 40, 200])
def test_time_warp_window_past_half_the_frames(apply, short, w):
    policies = (f"policy clean on Utt deterministic {{ {MEL} }}\n"
                f"policy warped on Utt {{ {MEL} time_warp(W: {w}) }}")
    clean, _ = apply(policies, [short], "clean")
    for seed in range(3):
        out, _ = apply(policies, [short], "warped", "--seed", seed)
        a, b = np.load(clean / "yes.npy"), np.load(out / "yes.npy")
        p = apply.record(out, "yes")["params"]["1"]
        if a.shape[1] <= 2 * w:
            assert p["center"] == -1 and np.array_equal(a, b)
        else:
            assert w <= p["center"] <= a.shape[1] - w - 1


@pytest.mark.parametrize("mode", ["roll", "zero"])
def test_time_shift_further_than_the_input(apply, tmp_path, mode):
    x = np.linspace(-0.5, 0.5, 40, dtype=np.float32)
    tiny = float_wav(tmp_path / "tiny.wav", x, 16000)
    policies = f"policy shifted on Utt {{ time_shift(max: 1s, mode: {mode}) }}"
    for seed in range(4):
        out, _ = apply(policies, [tiny], "shifted", "--seed", seed)
        y, _ = read_wav(out / "tiny.wav")
        s = apply.record(out, "tiny")["params"]["0"]["shift"]
        expected = np.roll(x, s)
        if mode == "zero":
            expected = np.zeros_like(x) if abs(s) >= len(x) else expected
            if 0 < s < len(x):
                expected[:s] = 0
            elif -len(x) < s < 0:
                expected[s:] = 0
        assert np.array_equal(y[0], expected), s


def test_background_around_a_tiny_input(apply, tmp_path):
    """An input shorter than the background (offset anywhere in it) and a one-sample background (looped)."""
    tiny = float_wav(tmp_path / "tiny.wav", np.full(5, 0.25, np.float32), 16000)
    for name, bg in (("long", np.sin(np.arange(16000) / 7).astype(np.float32)), ("one", np.array([0.5], np.float32))):
        d = tmp_path / name
        d.mkdir()
        float_wav(d / "b.wav", bg, 16000)
        policies = f'policy bg on Utt {{ add_background(dir: "{d}", snr: 0dB) }}'
        for seed in range(3):
            out, _ = apply(policies, [tiny], "bg", "--seed", seed)
            y, _ = read_wav(out / "tiny.wav")
            offset = apply.record(out, "tiny")["params"]["0"]["offset"]
            tiled = -(-5 // len(bg)) * len(bg)
            assert 0 <= offset <= tiled - 5
            b = np.resize(np.roll(bg, -offset), 5) if len(bg) >= 5 else np.resize(bg, 5)
            expected = 0.25 + b * 0.25 / np.sqrt(np.mean(b.astype(np.float64) ** 2))
            assert np.allclose(y[0], expected, atol=1e-6), (name, offset)
