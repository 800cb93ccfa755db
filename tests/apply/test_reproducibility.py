"""language.md §6 through `auger apply`: outputs are a pure function of (seed, epoch, sample key, site)."""
import json
import os

import numpy as np
import pytest

from conftest import ROOT

IMAGENET = os.path.join(ROOT, "examples/imagenet.aug")
PATHS = ["reference", "fused"]


def read_outputs(out, key):
    data = {}
    for ext in (".npy", ".png"):
        p = out / f"{key}{ext}"
        if p.exists():
            data["pixels"] = p.read_bytes()
    with open(out / f"{key}.json") as f:
        data["json"] = json.load(f)
    return data


@pytest.mark.parametrize("path", PATHS)
def test_same_seed_epoch_key_is_byte_identical(apply, photo_files, path):
    a = apply(IMAGENET, [photo_files["cat"]], "--policy", "train", "--seed", "7", "--path", path)
    b = apply(IMAGENET, [photo_files["cat"]], "--policy", "train", "--seed", "7", "--path", path)
    assert (a / "cat.npy").read_bytes() == (b / "cat.npy").read_bytes()
    assert read_outputs(a, "cat")["json"]["params"] == read_outputs(b, "cat")["json"]["params"]


def test_another_epoch_changes_the_draws(apply, photo_files):
    params = []
    for epoch in range(4):
        out = apply(IMAGENET, [photo_files["cat"]], "--policy", "train", "--epoch", str(epoch), "--path", "reference")
        params.append(read_outputs(out, "cat")["json"]["params"])
    assert all(params[0] != p for p in params[1:])
    # the crop box is drawn afresh every epoch
    boxes = {json.dumps(p[next(k for k in p if p[k]["op"] == "random_resized_crop")]) for p in params}
    assert len(boxes) == 4


def test_another_seed_changes_the_draws(apply, photo_files):
    a = apply(IMAGENET, [photo_files["cat"]], "--policy", "train", "--seed", "1", "--path", "reference")
    b = apply(IMAGENET, [photo_files["cat"]], "--policy", "train", "--seed", "2", "--path", "reference")
    assert read_outputs(a, "cat")["json"]["params"] != read_outputs(b, "cat")["json"]["params"]


def test_order_and_number_of_inputs_change_nothing(apply, photo_files):
    alone = apply(IMAGENET, [photo_files["coffee"]], "--policy", "train", "--path", "reference")
    together = apply(IMAGENET, [photo_files["astro"], photo_files["coffee"], photo_files["cat"]], "--policy", "train",
                     "--path", "reference")
    reversed_ = apply(IMAGENET, [photo_files["cat"], photo_files["coffee"]], "--policy", "train",
                      "--path", "reference")
    for out in (together, reversed_):
        assert (out / "coffee.npy").read_bytes() == (alone / "coffee.npy").read_bytes()
        assert read_outputs(out, "coffee")["json"]["params"] == read_outputs(alone, "coffee")["json"]["params"]


def test_disable_keeps_every_other_draw(apply, photo_files):
    for epoch in range(6):
        full = apply(IMAGENET, [photo_files["cat"]], "--policy", "train", "--epoch", str(epoch),
                     "--set", "erase_p=1", "--path", "reference")
        ablated = apply(IMAGENET, [photo_files["cat"]], "--policy", "train", "--epoch", str(epoch),
                        "--set", "erase_p=1", "--disable", "erase", "--path", "reference")
        p_full = read_outputs(full, "cat")["json"]["params"]
        p_abl = read_outputs(ablated, "cat")["json"]["params"]
        assert "erase" in p_full and "erase" not in p_abl
        del p_full["erase"]
        assert p_full == p_abl


def test_set_changes_a_parameter(apply, photo_files):
    out = apply(IMAGENET, [photo_files["cat"]], "--policy", "train", "--set", "erase_p=0", "--path", "reference")
    assert "erase" not in read_outputs(out, "cat")["json"]["params"]


@pytest.mark.parametrize("flags,expect,message", [
    (["--set", "magnitude=31"], 1, "domain"),
    (["--set", "nope=1"], 2, "no parameter"),
    (["--disable", "nope"], 2, "no statement labelled"),
    (["--policy", "nope"], 2, "no policy"),
])
def test_bad_options_are_explained(apply, photo_files, flags, expect, message):
    args = flags if "--policy" in flags else ["--policy", "train", *flags]
    proc = apply(IMAGENET, [photo_files["cat"]], *args, "--path", "reference", expect=expect)
    assert message in proc.stderr


def test_outputs_and_record(apply, photo_files):
    out = apply(IMAGENET, [photo_files["cat"]], "--policy", "train", "--path", "reference")
    arr = np.load(out / "cat.npy")
    assert arr.shape == (3, 224, 224) and arr.dtype == np.float32
    rec = read_outputs(out, "cat")["json"]
    assert rec["key"] == "cat"
    assert rec["identity"]["policy"] == "train" and len(rec["identity"]["file_sha256"]) == 64
    crop = next(v for v in rec["params"].values() if v["op"] == "random_resized_crop")
    assert {"top", "left", "height", "width"} <= set(crop)


def test_eval_policy_writes_the_centre_crop(apply, photo_files):
    out = apply(IMAGENET, [photo_files["coffee"]], "--policy", "eval", "--path", "reference")
    assert np.load(out / "coffee.npy").shape == (3, 224, 224)


def test_unreadable_input_fails_with_exit_3(apply, tmp_path):
    bad = tmp_path / "broken.png"
    bad.write_bytes(b"not a png")
    proc = apply(IMAGENET, [str(bad)], "--policy", "train", "--path", "reference", expect=3)
    assert "broken.png" in proc.stderr
