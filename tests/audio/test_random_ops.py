"""The random audio ops through `auger apply`: noise at its SNR, masks bounded and contiguous, time_warp, the
SpecAugment policies, time_shift, and the same bytes for the same seed, epoch and key (language.md §6)."""
import numpy as np
import pytest
import torch

from conftest import peak_error, read_wav

MEL = "melspec(n_mels: 80, win: 25ms, hop: 10ms, n_fft: 512)"


def rms(x):
    return np.sqrt(np.mean(np.asarray(x, dtype=np.float64) ** 2))


@pytest.mark.parametrize("color", ["white", "pink", "brown"])
@pytest.mark.parametrize("snr", [-5, 10, 30])
def test_noise_at_its_snr(apply, speech, color, snr):
    policies = (f"policy clean on Utt deterministic {{ gain(db: 0dB) }}\n"
                f"policy noisy on Utt {{ add_noise(snr: {snr}dB, color: {color}) }}")
    clean, _ = apply(policies, speech.values(), "clean")
    noisy, _ = apply(policies, speech.values(), "noisy")
    for name in speech:
        x, _ = read_wav(clean / f"{name}.wav")
        y, _ = read_wav(noisy / f"{name}.wav")
        noise = y - x
        measured = 20 * np.log10(rms(x) / rms(noise))
        assert abs(measured - snr) < 0.5, (name, measured)
        if color != "white":  # shaped noise: more power in the lowest eighth of the band than white noise has
            spectrum = np.abs(np.fft.rfft(noise[0])) ** 2
            assert spectrum[: len(spectrum) // 8].sum() > 0.5 * spectrum.sum(), name


def masked_runs(mask):
    """[start, end) of each run of True."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], mask.astype(int), [0]])))
    return list(zip(edges[::2], edges[1::2]))


@pytest.mark.parametrize("seed", range(6))
def test_masks_bounded_and_contiguous(apply, speech, seed):
    policies = (f"policy clean on Utt deterministic {{ {MEL} }}\n"
                f"policy masked on Utt {{ {MEL} freq_mask(F: 27, count: 2, value: -7) "
                f"time_mask(T: 40, count: 2, max_ratio: 0.2, value: -7) }}")
    clean, _ = apply(policies, speech.values(), "clean")
    masked, _ = apply(policies, speech.values(), "masked", "--seed", seed)
    for name in speech:
        a, b = np.load(clean / f"{name}.npy"), np.load(masked / f"{name}.npy")
        n_mels, frames = a.shape
        params = apply.record(masked, name)["params"]
        freq = np.array(params["1"]["masks"]).astype(int).reshape(-1, 2)
        time = np.array(params["2"]["masks"]).astype(int).reshape(-1, 2)
        assert len(freq) == 2 and len(time) == 2
        assert all(0 <= s <= e <= n_mels and e - s <= 27 for s, e in freq)
        assert all(0 <= s <= e <= frames and e - s <= min(40, int(frames * 0.2)) for s, e in time)
        expected = np.zeros_like(a, dtype=bool)
        for s, e in freq:
            expected[s:e, :] = True
        for s, e in time:
            expected[:, s:e] = True
        changed = b != a
        assert np.array_equal(b[expected], np.full(expected.sum(), -7, np.float32))
        assert np.array_equal(b[~expected], a[~expected])
        assert changed.sum() <= expected.sum()
        # each mask is one contiguous band: rows (bins) or columns (frames)
        rows = np.all(b == -7, axis=1)
        assert all(e - s <= 27 * 2 for s, e in masked_runs(rows))


def espnet_time_warp(spec, c, t):
    """ESPnet's time_warp with the drawn centre and target: each side stretched by F.interpolate (linear,
    align_corners=False)."""
    x = torch.from_numpy(spec)[None]  # [1, n_mels, L]
    left = torch.nn.functional.interpolate(x[:, :, :c], size=t, mode="linear", align_corners=False)
    right = torch.nn.functional.interpolate(x[:, :, c:], size=spec.shape[1] - t, mode="linear", align_corners=False)
    return torch.cat([left, right], dim=2)[0].numpy()


@pytest.mark.parametrize("seed", range(4))
def test_time_warp_is_espnets(apply, speech, seed):
    policies = (f"policy clean on Utt deterministic {{ {MEL} }}\n"
                f"policy warped on Utt {{ {MEL} time_warp(W: 20) }}")
    clean, _ = apply(policies, speech.values(), "clean")
    warped, _ = apply(policies, speech.values(), "warped", "--seed", seed)
    for name in speech:
        a, b = np.load(clean / f"{name}.npy"), np.load(warped / f"{name}.npy")
        p = apply.record(warped, name)["params"]["1"]
        c, t, L = p["center"], p["target"], a.shape[1]
        assert 20 <= c <= L - 21 and c - 19 <= t <= c + 20
        assert peak_error(b, espnet_time_warp(a, c, t)) < 1e-5


@pytest.mark.parametrize("policy", ["LB", "LD", "SM", "SS"])
def test_spec_augment_policies_run(apply, speech, policy):
    policies = f"import std.audio\npolicy sa on Utt {{ {MEL} spec_augment(policy: {policy}) }}"
    out, _ = apply(policies, speech.values(), "sa")
    for name in speech:
        spec = np.load(out / f"{name}.npy")
        assert spec.shape[0] == 80
        sites = apply.record(out, name)["params"]
        assert {v["op"] for v in sites.values()} >= {"melspec", "freq_mask", "time_mask", "time_warp"}


@pytest.mark.parametrize("mode", ["roll", "zero"])
def test_time_shift(apply, speech, mode):
    policies = (f"policy clean on Utt deterministic {{ gain(db: 0dB) }}\n"
                f"policy shifted on Utt {{ time_shift(max: 200ms, mode: {mode}) }}")
    clean, _ = apply(policies, speech.values(), "clean")
    shifted, _ = apply(policies, speech.values(), "shifted", "--seed", 5)
    for name in speech:
        x, _ = read_wav(clean / f"{name}.wav")
        y, _ = read_wav(shifted / f"{name}.wav")
        s = apply.record(shifted, name)["params"]["0"]["shift"]
        assert abs(s) <= 3200
        expected = np.roll(x[0], s)
        if mode == "zero":
            if s > 0:
                expected[:s] = 0
            elif s < 0:
                expected[s:] = 0
        assert np.array_equal(y[0], expected)


def test_same_seed_same_bytes(apply, speech):
    policies = ("import std.audio\npolicy train on Utt { speed(factor: choice(0.9, 1.0, 1.1)) "
                "gain(db: uniform(-6dB, 6dB)) @p(0.5) add_noise(snr: uniform(10dB, 40dB), color: pink) "
                f"{MEL} spec_augment(policy: LD) }}")
    runs = [apply(policies, list(speech.values())[::step], "train", "--seed", 7, "--epoch", epoch)[0]
            for step, epoch in ((1, 0), (-1, 0), (1, 1))]
    for name in speech:
        first, again, other = (np.load(r / f"{name}.npy").tobytes() for r in runs)
        assert first == again, name
        assert first != other, name
