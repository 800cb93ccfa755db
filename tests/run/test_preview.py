"""`auger preview`: a PNG grid of N captioned samples with their labels drawn, deterministic for a seed, failing
samples shown not fatal."""
import hashlib
import json
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


# Labels drawn on the tiles. `show` is label-neutral (brightness 1 leaves the pixels as they are), so the tile is
# the flat grey picture scaled ×2 (64×48 → 128×96) with only the labels on it, and each pixel can be predicted;
# `mirrored` checks that they are drawn where the geometry moved them.
LABEL_POLICY = """
sample Det {
  image: image(rgb)
  classmap: mask(3, ignore: 255)?
  boxes: boxes(cxcywh)
  classes: class(5)[]
  rois: boxes(xyxy, normalized)
  keypoints: keypoints(3, flip: [(0, 1)], skeleton: [(0, 1), (1, 2)])
}
policy show on Det {
  brightness(factor: 1.0)
}
policy mirrored on Det {
  hflip()
}
"""
GREY = 128
# docs/runtime.md's palette (RGB) and keypoint colours.
PALETTE = [(230, 25, 75), (60, 180, 75), (255, 225, 25), (0, 130, 200)]
LEFT, RIGHT, IGNORE = (0, 200, 255), (255, 80, 0), (60, 60, 60)
TILE_X, TILE_Y = 8, 64  # the first tile's corner in the grid


def label_tile(auger_bin, tmp_path, name, line, policy_name="show", policy_text=LABEL_POLICY):
    """The 128×96 tile of a one-sample manifest whose image is a flat grey 64×48 picture."""
    policy = tmp_path / "labels.aug"
    policy.write_text(policy_text)
    Image.fromarray(np.full((48, 64, 3), GREY, np.uint8)).save(tmp_path / "grey.png")
    manifest = tmp_path / f"{name}.jsonl"
    manifest.write_text(json.dumps({"key": name, "image": "grey.png", **line}) + "\n")
    out = tmp_path / f"{name}.png"
    preview(auger_bin, str(policy), "--policy", policy_name, "--input", str(manifest), "-o", str(out), "--n", "1",
            "--tile", "128")
    grid = np.asarray(Image.open(out).convert("RGB")).astype(int)
    return grid[TILE_Y:TILE_Y + 96, TILE_X:TILE_X + 128]


def labelled_sample(tmp_path):
    mask = np.zeros((48, 64), np.uint8)
    mask[28:44, 40:60] = 2
    mask[42:48, 28:36] = 255
    Image.fromarray(mask, "L").save(tmp_path / "grey_mask.png")
    return {
        "classmap": "grey_mask.png",
        # cxcywh: [8, 6, 24, 18] and [30, 4, 50, 20] in xyxy pixels, ×2 on the tile.
        "boxes": [[16, 12, 16, 12], [40, 12, 20, 16]],
        "classes": [1, 3],
        "rois": [],
        "keypoints": [[[6.5, 38.5, 2], [20.5, 38.5, 1], [13.5, 28.5, 0]], [[50, 10, 0], [52, 10, 0], [54, 10, 0]]],
    }


def test_boxes_keypoints_and_masks_are_drawn(auger_bin, tmp_path):
    tile = label_tile(auger_bin, tmp_path, "labelled", labelled_sample(tmp_path))
    # Box 1 (class 1) covers tile columns 16..47, rows 12..35: its outline is in class 1's colour; inside is not.
    assert (tile[14:35, 16] == PALETTE[1]).all() and (tile[14:35, 47] == PALETTE[1]).all()
    assert (tile[35, 17:47] == PALETTE[1]).all() and (tile[12, 36:47] == PALETTE[1]).all()
    assert (tile[20, 20] == GREY).all()
    # Box 2 (class 3): columns 60..99, rows 8..39 (its class is written inside the top corner).
    assert (tile[20:39, 60] == PALETTE[3]).all() and (tile[9:39, 99] == PALETTE[3]).all()
    assert (tile[39, 61:99] == PALETTE[3]).all()
    # Keypoints: the flip pair's left point and right point in two colours, the invisible one not drawn, and the
    # skeleton line only between the visible pair.
    assert tuple(tile[77, 13]) == LEFT and tuple(tile[77, 41]) == RIGHT
    assert (tile[57, 27] == GREY).all()
    assert not (tile[77, 27] == GREY).all()
    assert (tile[67, 34] == GREY).all()
    # The second instance is all invisible: nothing at its points.
    assert (tile[20, 100:110] == GREY).all()
    # Mask class 2 (columns 80..119, rows 56..87 on the tile) is tinted with its palette colour at 45 %.
    tint = 0.45 * np.array(PALETTE[2]) + 0.55 * GREY
    assert np.abs(tile[60:86, 82:118] - tint).max() <= 1
    # Class 0 is left as it is; the ignore index (columns 56..71, rows 84..95) is hatched dark grey.
    assert (tile[50, 120] == GREY).all() and (tile[45:55, 100:127] == GREY).all()
    ignore = tile[84:96, 56:72]
    hatched = (ignore == IGNORE).all(axis=2)
    assert hatched.any() and ((ignore == GREY).all(axis=2) | hatched).all()


def test_labels_drawn_where_the_geometry_moved_them(auger_bin, tmp_path):
    tile = label_tile(auger_bin, tmp_path, "mirrored", labelled_sample(tmp_path), policy_name="mirrored")
    # Box 1 mirrored: [40, 6, 56, 18] in pixels, tile columns 80..111; its old place is empty.
    assert (tile[14:35, 80] == PALETTE[1]).all() and (tile[14:35, 111] == PALETTE[1]).all()
    assert (tile[14:35, 16] == GREY).all()
    # The flip swaps the pair: index 0 (left's colour) is now at x 43.5, index 1 at x 57.5.
    assert tuple(tile[77, 87]) == LEFT and tuple(tile[77, 115]) == RIGHT
    # The mask moved with them: class 2 now covers tile columns 8..47.
    assert np.abs(tile[60:86, 10:46] - (0.45 * np.array(PALETTE[2]) + 0.55 * GREY)).max() <= 1


# COCO's layout (docs/runtime.md "Sources"): the mask holds class index + 1, 0 being background, so a mask(N + 1)
# beside the boxes' class(N)[].
COCO_LAYOUT = """
sample Coco {
  image: image(rgb)
  boxes: boxes(xyxy)
  classes: class(5)[]
  mask: mask(6)
}
policy show on Coco {
  brightness(factor: 1.0)
}
"""


def test_a_coco_layout_mask_takes_its_box_colour(auger_bin, tmp_path):
    # One object of class 2: its box [40, 28, 60, 44] and its mask pixels, which hold 3.
    mask = np.zeros((48, 64), np.uint8)
    mask[28:44, 40:60] = 3
    Image.fromarray(mask, "L").save(tmp_path / "coco_mask.png")
    tile = label_tile(auger_bin, tmp_path, "coco", {"mask": "coco_mask.png", "boxes": [[40, 28, 60, 44]],
                                                    "classes": [2]}, policy_text=COCO_LAYOUT)
    # Tile columns 80..119, rows 56..87: the outline and the tint inside it both in class 2's colour.
    assert (tile[60:86, 80] == PALETTE[2]).all() and (tile[60:86, 119] == PALETTE[2]).all()
    assert np.abs(tile[60:86, 82:118] - (0.45 * np.array(PALETTE[2]) + 0.55 * GREY)).max() <= 1


def test_normalized_boxes_without_classes(auger_bin, tmp_path):
    tile = label_tile(auger_bin, tmp_path, "rois", {
        "boxes": [], "classes": [], "keypoints": [],
        # [16, 24, 48, 48] in pixels: tile columns 32..95, rows 48..95; no class list, so the second box field's
        # colour (palette entry 1).
        "rois": [[0.25, 0.5, 0.75, 1.0]],
    })
    assert (tile[50:95, 32] == PALETTE[1]).all() and (tile[50:95, 95] == PALETTE[1]).all()
    assert (tile[48, 33:95] == PALETTE[1]).all() and (tile[95, 33:95] == PALETTE[1]).all()
    assert (tile[70, 40:90] == GREY).all() and (tile[:46] == GREY).all()


def test_sample_without_labels_renders(auger_bin, tmp_path):
    tile = label_tile(auger_bin, tmp_path, "bare", {"boxes": [], "classes": [], "rois": [], "keypoints": []})
    assert (tile == GREY).all()
