"""A sample whose class list is not as long as its boxes (2 boxes and 3 classes, 1 box and no class) or whose mask
holds a value outside its `mask(N)` (25 in a `mask(21)`) is that sample's error, wherever samples are read: `auger apply` on a sample file, `auger run` on a manifest (named in manifest.json's
errors, never written), auger.Loader (never yielded) and Policy.apply (auger.Error). Labels matched by position
would otherwise land on the wrong boxes, and a mask id past N on a class the model has none of (docs/labels.md
"Per-box lists", "Masks")."""
import json
import os

import auger  # a missing module fails the suite (CTest sets PYTHONPATH=build/python): a skip is not a pass
import numpy as np
import pytest
from PIL import Image
from test_label_ranges import run_errors, written_keys

POLICY = """
sample Det {
  image: image(rgb)
  boxes: boxes(xyxy)
  classes: class(80)[]
}
policy flip on Det deterministic {
  hflip()
}

sample Seg {
  image: image(rgb)
  mask: mask(21)
}
policy seg on Seg deterministic {
  hflip()
}
"""

TWO_BOXES = [[1, 2, 6, 8], [7, 1, 12, 9]]
# key -> (the sample's label fields, the error it must give or None)
DET = {
    "ok": ({"boxes": TWO_BOXES, "classes": [1, 2]}, None),
    "none": ({"boxes": [], "classes": []}, None),
    "more": ({"boxes": TWO_BOXES, "classes": [1, 2, 3]},
             "classes: 3 entries but `boxes` has 2 boxes; class(80)[] has one entry per box"),
    "fewer": ({"boxes": TWO_BOXES[:1], "classes": []},
              "classes: 0 entries but `boxes` has 1 box; class(80)[] has one entry per box"),
}
H, W = 12, 14


def png(path, value, mode="RGB"):
    shape = (H, W, 3) if mode == "RGB" else (H, W)
    Image.fromarray(np.full(shape, value, np.uint8), mode).save(path)


@pytest.fixture
def policy(tmp_path):
    p = tmp_path / "aligned.aug"
    p.write_text(POLICY)
    return str(p)


@pytest.fixture
def det_manifest(tmp_path):
    lines = []
    for n, (key, (fields, _)) in enumerate(DET.items()):
        png(tmp_path / f"{key}.png", 30 * n)
        lines.append(json.dumps({"key": key, "image": f"{key}.png", **fields}))
    path = tmp_path / "det.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def sample_file(tmp_path, key, fields):
    png(tmp_path / f"{key}.png", 90)
    path = tmp_path / f"{key}.json"
    path.write_text(json.dumps({"image": f"{key}.png", **fields}))
    return path


@pytest.mark.parametrize("key", list(DET))
def test_apply_refuses_a_class_list_not_as_long_as_the_boxes(run_auger, policy, tmp_path, key):
    fields, error = DET[key]
    out = tmp_path / "out"
    p = run_auger("apply", policy, "--policy", "flip", "--out", out, sample_file(tmp_path, key, fields))
    if error is None:
        assert p.returncode == 0, p.stderr
        written = json.loads((out / f"{key}.json").read_text())
        assert len(written["boxes"]) == len(written["classes"]) == len(fields["boxes"])
        return
    assert p.returncode == 3, p.stderr
    assert f"{key}.json: {error}" in p.stderr, p.stderr
    assert not (out / f"{key}.json").exists()


def test_run_names_misaligned_samples_and_writes_only_the_aligned(run_auger, policy, det_manifest, tmp_path):
    out = str(tmp_path / "out")
    errors, _ = run_errors(run_auger, policy, "flip", det_manifest, out, "--max-errors", "5")
    bad = {key: error for key, (_, error) in DET.items() if error}
    assert set(errors) == set(bad), errors
    for key, error in bad.items():
        assert error in errors[key], errors[key]
    assert written_keys(out) == {"ok", "none"}


def test_loader_does_not_yield_misaligned_samples(policy, det_manifest):
    loader = auger.Loader(auger.load(policy, policy="flip"), source=det_manifest, batch_size=1)
    assert sorted(k for b in loader for k in b["key"]) == ["none", "ok"]
    named = {e["key"]: e["error"] for e in loader.metrics()["error_samples"]}
    assert DET["more"][1] in named["more"], named


def test_python_apply_raises_on_a_misaligned_sample(policy):
    p = auger.load(policy, policy="flip")
    image = np.zeros((H, W, 3), np.uint8)
    with pytest.raises(auger.Error, match=r"classes: 3 entries but `boxes` has 2 boxes"):
        p.apply({"image": image, "boxes": TWO_BOXES, "classes": [1, 2, 3]}, key="k")
    assert p.apply({"image": image, "boxes": TWO_BOXES, "classes": [1, 2]}, key="k")["classes"] == [1, 2]


def mask_sample(tmp_path, key, values):
    """An image and its mask(21): 3 everywhere, `values` {(x, y): id} painted over."""
    m = np.full((H, W), 3, np.uint8)
    for (x, y), v in values.items():
        m[y, x] = v
    Image.fromarray(m, "L").save(tmp_path / f"{key}_m.png")
    png(tmp_path / f"{key}.png", 60)
    return {"image": f"{key}.png", "mask": f"{key}_m.png"}


@pytest.mark.parametrize("values,error", [
    ({(2, 1): 20, (3, 1): 255}, None),  # the last class and the default ignore index
    ({(5, 4): 25, (6, 4): 25}, "mask `mask` has 2 pixels outside mask(21) (class ids 0..20, ignore 255), "
                               "the first 25 at x 5, y 4"),
    ({(0, 0): 21}, "mask `mask` has 1 pixel outside mask(21)"),
])
def test_apply_refuses_mask_values_outside_mask_n(run_auger, policy, tmp_path, values, error):
    path = tmp_path / "s.json"
    path.write_text(json.dumps(mask_sample(tmp_path, "s", values)))
    out = tmp_path / "out"
    p = run_auger("apply", policy, "--policy", "seg", "--out", out, path)
    if error is None:
        assert p.returncode == 0, p.stderr
        assert (out / "s.mask.png").exists()
        return
    assert p.returncode == 3, p.stderr
    assert error in p.stderr, p.stderr
    assert not (out / "s.mask.png").exists()


def test_run_names_a_mask_with_values_outside_mask_n(run_auger, policy, tmp_path):
    lines = [json.dumps({"key": "good", **mask_sample(tmp_path, "good", {(1, 1): 20})}),
             json.dumps({"key": "bad", **mask_sample(tmp_path, "bad", {(1, 1): 25})})]
    (tmp_path / "seg.jsonl").write_text("\n".join(lines) + "\n")
    out = str(tmp_path / "out")
    errors, _ = run_errors(run_auger, policy, "seg", str(tmp_path / "seg.jsonl"), out, "--max-errors", "5")
    assert list(errors) == ["bad"] and "1 pixel outside mask(21)" in errors["bad"], errors
    assert written_keys(out) == {"good"}
