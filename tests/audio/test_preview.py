"""`auger preview` of an audio policy: one log-mel spectrogram per sample (optionally under its input's), drawn
3 tiles wide and two pixels per mel bin high, with time_mask's and freq_mask's recorded bounds outlined in their
colours (docs/audio.md "Preview"); a -o that does not fit the schema is exit 2, a corrupt file one failed block."""
import json
import math
import os
import subprocess

import numpy as np
import pytest
from PIL import Image

from conftest import ROOT, SCHEMA

ASR = os.path.join(ROOT, "examples/asr.aug")
MEL = "melspec(n_mels: 80, win: 25ms, hop: 10ms, n_fft: 512, log: true)"
CYAN, LIME = (0, 255, 255), (0, 255, 0)  # time masks, frequency masks (RGB)
MARGIN, PAD, CAPTION, GAP = 64, 8, 68, 4


def preview(auger_bin, aug, policy, src, out, *extra, expect=0):
    r = subprocess.run([auger_bin, "preview", str(aug), "-p", policy, "-i", str(src), "-o", str(out),
                        *map(str, extra)], capture_output=True, text=True)
    assert r.returncode == expect, r.stderr
    return r


def manifest(tmp_path, files, name="m.jsonl"):
    path = tmp_path / name
    path.write_text("".join(json.dumps({"key": k, "audio": str(f), "transcript": k}) + "\n" for k, f in files))
    return path


def pixels(path):
    return np.asarray(Image.open(path).convert("RGB")).astype(int)


@pytest.fixture
def masked(tmp_path):
    aug = tmp_path / "masked.aug"
    aug.write_text(SCHEMA + f"policy p on Utt {{ {MEL}  time_mask(T: 60, count: 1)  freq_mask(F: 30, count: 1) }}\n")
    return aug


def first_pixel(v, n, px):
    """The first of the px pixels of an n-long axis that shows index v or later: ceil(v * px / n)."""
    return min(px, -(-int(v) * px // n))


def test_masks_outlined_at_recorded_bounds(auger_bin, speech, masked, tmp_path):
    # A seed whose masks are at least 2 wide and inside the spectrogram, read from apply's record of the same key.
    for seed in range(20):
        out = tmp_path / f"apply{seed}"
        r = subprocess.run([auger_bin, "apply", str(masked), "-p", "p", "--out", str(out), speech["fox"],
                            "--seed", str(seed)], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        params = json.loads((out / "fox.json").read_text())["params"]
        frames = np.load(out / "fox.npy").shape[1]
        (t0, t1), = zip(*[iter(next(p["masks"] for p in params.values() if p["op"] == "time_mask"))] * 2)
        (f0, f1), = zip(*[iter(next(p["masks"] for p in params.values() if p["op"] == "freq_mask"))] * 2)
        if t1 - t0 >= 2 and f1 - f0 >= 2 and 0 < t0 and t1 < frames and 0 < f0 and f1 < 80:
            break
    else:
        pytest.fail("no seed drew interior masks")
    png = tmp_path / "p.png"
    preview(auger_bin, masked, "p", manifest(tmp_path, [("fox", speech["fox"])]), png, "--seed", seed,
            "--tile", 100)
    img = pixels(png)
    w, h = 300, 160  # 3 tiles of 100 px; 2 px per mel bin
    assert img.shape[0] == MARGIN + h + CAPTION + PAD + PAD and img.shape[1] >= w + 2 * PAD
    panel = img[MARGIN:MARGIN + h, PAD:PAD + w]
    # The time mask: its first and last columns are cyan outside the frequency mask's rows, its neighbours not.
    x0, x1 = first_pixel(t0, frames, w), first_pixel(t1, frames, w)
    d0, d1 = first_pixel(f0, 80, h), first_pixel(f1, 80, h)  # counted from the bottom row
    rows = [r for r in range(1, h - 1) if not (h - d1 - 1 <= r <= h - d0)]
    for r in rows:
        assert tuple(panel[r, x0]) == CYAN and tuple(panel[r, x1 - 1]) == CYAN
        assert tuple(panel[r, x0 - 1]) != CYAN and tuple(panel[r, x1]) != CYAN
    # The frequency mask: its top and bottom rows are lime outside the time mask's columns, its neighbours not.
    cols = [x for x in range(w) if not (x0 - 1 <= x <= x1)]
    top, bottom = h - d1, h - 1 - d0
    for x in cols:
        assert tuple(panel[top, x]) == LIME and tuple(panel[bottom, x]) == LIME
        assert tuple(panel[top - 1, x]) != LIME and tuple(panel[bottom + 1, x]) != LIME
    # Nowhere else is a mark colour: the data's colour map (magma) has neither.
    outside = np.ones((h, w), bool)
    outside[:, x0:x1] = False
    outside[top:bottom + 1, :] = False
    for colour in (CYAN, LIME):
        assert not (np.all(panel == colour, axis=2) & outside).any()


def test_layout_original_and_determinism(auger_bin, speech, tmp_path):
    src = manifest(tmp_path, sorted(speech.items()))
    a, b, c = tmp_path / "a.png", tmp_path / "b.png", tmp_path / "c.png"
    r = preview(auger_bin, ASR, "train", src, a, "--tile", 100, "--seed", 2)
    assert "3 samples (0 failed)" in r.stderr
    preview(auger_bin, ASR, "train", src, b, "--tile", 100, "--seed", 2)
    assert a.read_bytes() == b.read_bytes()
    block = 160 + CAPTION + PAD
    img = pixels(a)
    assert img.shape[0] == MARGIN + 3 * block + PAD and img.shape[1] >= 300 + 2 * PAD
    assert img[MARGIN:MARGIN + 160, PAD:PAD + 300].std() > 10  # a spectrogram, not blank space
    # --original: each sample's input (no marks on it) above its result.
    preview(auger_bin, ASR, "train", src, c, "--tile", 100, "--seed", 2, "--original")
    img = pixels(c)
    assert img.shape[0] == MARGIN + 3 * (160 + GAP + block) + PAD
    above = img[MARGIN + 20:MARGIN + 160, PAD:PAD + 300]  # under the "input" label
    for colour in (CYAN, LIME):
        assert not np.all(above == colour, axis=2).any()
    preview(auger_bin, ASR, "train", src, c, "--tile", 100, "--seed", 3)
    assert c.read_bytes() != a.read_bytes()


def test_waveform_result_drawn_through_melspec(auger_bin, speech, tmp_path):
    aug = tmp_path / "wave.aug"
    aug.write_text(SCHEMA + "policy p on Utt { speed(factor: 1.1)  gain(db: -6dB) }\n")
    png = tmp_path / "w.png"
    preview(auger_bin, aug, "p", manifest(tmp_path, [("fox", speech["fox"])]), png, "--tile", 100)
    img = pixels(png)
    assert img.shape[0] == MARGIN + 160 + CAPTION + PAD + PAD  # 80 mels by default
    assert img[MARGIN:MARGIN + 160, PAD:PAD + 300].std() > 10


def test_exit_codes(auger_bin, speech, tmp_path):
    aug = tmp_path / "a.aug"
    aug.write_text("sample A { audio: audio(16kHz, mono) }\npolicy p on A { gain(db: -6dB) }\n")
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"key": "fox", "audio": speech["fox"]}) + "\n")
    for out in ("x.html", "x.txt", "-"):
        r = preview(auger_bin, aug, "p", src, tmp_path / out if out != "-" else out, expect=2)
        assert "picture" in r.stderr or ".png" in r.stderr
    preview(auger_bin, aug, "p", src, tmp_path / "x.gif", expect=2)
    # A corrupt file is its own failed block; the others are drawn.
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"RIFF\x00\x00\x00\x00WAVEnot really")
    both = tmp_path / "both.jsonl"
    both.write_text(json.dumps({"key": "fox", "audio": speech["fox"]}) + "\n" +
                    json.dumps({"key": "bad", "audio": str(bad)}) + "\n")
    r = preview(auger_bin, aug, "p", both, tmp_path / "both.png", expect=0)
    assert "1 failed" in r.stderr and "both.jsonl:2" in r.stderr
    only_bad = tmp_path / "bad.jsonl"
    only_bad.write_text(json.dumps({"key": "bad", "audio": str(bad)}) + "\n")
    preview(auger_bin, aug, "p", only_bad, tmp_path / "bad.png", expect=3)


def test_warp_target_dashed_and_earlier_mask_moved_with_it(auger_bin, speech, tmp_path):
    aug = tmp_path / "warp.aug"
    aug.write_text(SCHEMA + f"policy p on Utt {{ {MEL}  time_mask(T: 40, count: 1)  time_warp(W: 30) }}\n")
    for seed in range(20):
        out = tmp_path / f"apply{seed}"
        r = subprocess.run([auger_bin, "apply", str(aug), "-p", "p", "--out", str(out), speech["fox"],
                            "--seed", str(seed)], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        params = list(json.loads((out / "fox.json").read_text())["params"].values())
        frames = np.load(out / "fox.npy").shape[1]
        a, b = params[1]["masks"]
        c, t = params[2]["center"], params[2]["target"]
        if c > 0 and t > 0 and c != t and b - a >= 4:
            break
    else:
        pytest.fail("no seed drew a warp and a mask")
    png = tmp_path / "w.png"
    preview(auger_bin, aug, "p", manifest(tmp_path, [("fox", speech["fox"])]), png, "--seed", seed, "--tile", 100)
    panel = pixels(png)[MARGIN:MARGIN + 160, PAD:PAD + 300]
    white = (255, 255, 255)
    x = first_pixel(t, frames, 300)
    # The warp's target: a dashed white line (4 px on, 4 off) unless a mask outline is drawn over it.
    dashes = [tuple(panel[y, x]) == white for y in range(0, 160, 8)]
    assert sum(dashes) >= len(dashes) - 2
    # The mask, drawn before the warp, is outlined where the warp moved its frames.
    def warped(v):
        v = v * t / c if v <= c else t + (v - c) * (frames - t) / (frames - c)
        return math.floor(v + 0.5)
    x0, x1 = first_pixel(warped(a), frames, 300), first_pixel(warped(b), frames, 300)
    assert tuple(panel[80, x0]) == CYAN and tuple(panel[80, x1 - 1]) == CYAN
