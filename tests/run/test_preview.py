"""`auger preview`: a PNG grid of N captioned samples, deterministic for a seed, failing samples shown not fatal."""
import hashlib
import os
import shutil
import subprocess

import numpy as np
from PIL import Image


def preview(auger_bin, *args, expect=0):
    proc = subprocess.run([auger_bin, "preview", *args], capture_output=True, text=True)
    assert proc.returncode == expect, proc.stderr
    return proc


def test_grid_layout_and_determinism(auger_bin, policy_file, image_folder, tmp_path):
    a, b = tmp_path / "a.png", tmp_path / "b.png"
    preview(auger_bin, policy_file, "--policy", "train", "--input", image_folder, "-o", str(a), "--n", "5",
            "--tile", "96")
    preview(auger_bin, policy_file, "--policy", "train", "--input", image_folder, "-o", str(b), "--n", "5",
            "--tile", "96")
    assert a.read_bytes() == b.read_bytes()
    img = np.asarray(Image.open(a).convert("RGB"))
    # 5 tiles: 3 columns, 2 rows of (96 + 36 caption + 8 pad), a 64 px identity margin, 8 px borders; wider when
    # the identity needs it.
    assert img.shape[0] == 64 + 2 * (96 + 36 + 8) + 8
    assert img.shape[1] >= 8 + 3 * (96 + 8)
    # The tiles hold pictures (normalised tensors shown through the inverse normalize), not blank space.
    tile = img[64:64 + 96, 8:8 + 96]
    assert tile.std() > 10
    c = tmp_path / "c.png"
    preview(auger_bin, policy_file, "--policy", "train", "--input", image_folder, "-o", str(c), "--n", "5",
            "--tile", "96", "--seed", "3")
    assert c.read_bytes() != a.read_bytes()


def test_failing_samples_are_shown(auger_bin, policy_file, image_folder, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(image_folder, data)
    (data / "cat" / "broken.jpg").write_bytes(b"\xff\xd8\xff not really")
    out = tmp_path / "p.png"
    proc = preview(auger_bin, policy_file, "--policy", "small", "--input", str(data), "-o", str(out), "--n", "19")
    assert "broken" in proc.stderr and "1 failed" in proc.stderr
    assert out.exists()
