"""Labels outside the schema's classes — 5000 or -5 for `class(1000)`, 3.5, "cat", a WebDataset `.cls` past the
count, COCO categories past `class(N)[]`, more class sub-folders than `class(N)` — are per-sample errors: named in
manifest.json's errors, never written to a shard, never yielded by auger.Loader; --max-errors counts them."""
import io
import json
import os
import tarfile

import auger  # a missing module fails the suite (CTest sets PYTHONPATH=build/python): a skip is not a pass
import numpy as np
import pytest
from PIL import Image

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "../.."))
COCO = os.path.join(ROOT, "tests/data/coco/annotations/instances_mini.json")

POLICY = """
sample Labelled {
  image: image(rgb)
  label: class(1000)
}
policy plain on Labelled {
  resize(size: 16)
}

sample Three {
  image: image(rgb)
  label: class(3)
}
policy three on Three {
  resize(size: 16)
}

sample Tagged {
  image: image(rgb)
  tags: multilabel(5)
}
policy tagged on Tagged {
  resize(size: 16)
}

sample OneCategory {
  image: image(rgb)
  boxes: boxes(xyxy)
  classes: class(1)[]
}
policy boxes on OneCategory {
  hflip()
}
"""

# Key -> the label a JSONL line gives it; the good ones must come through untouched.
LABELS = {"ok0": 0, "big": 5000, "neg": -5, "frac": 3.5, "word": "cat", "ok999": 999, "past": 1000}
BAD = {"big": "label: 5000 is outside class(1000) (0..999)", "neg": "label: -5 is outside class(1000) (0..999)",
       "frac": "label: 3.5 is not a class index", "word": 'label: "cat" is not a class index',
       "past": "label: 1000 is outside class(1000) (0..999)"}


def png(path, shade):
    Image.fromarray(np.full((12, 14, 3), shade, np.uint8)).save(path)


@pytest.fixture
def policy(tmp_path):
    p = tmp_path / "labels.aug"
    p.write_text(POLICY)
    return str(p)


@pytest.fixture
def manifest(tmp_path):
    lines = []
    for n, (key, label) in enumerate(LABELS.items()):
        png(tmp_path / f"{key}.png", 20 * n)
        lines.append(json.dumps({"key": key, "image": f"{key}.png", "label": label}))
    path = tmp_path / "m.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def run_errors(run_auger, policy, name, source, out, *extra, expect=0):
    proc = run_auger("run", policy, "--policy", name, "--input", source, "--output", out, "-q", *extra)
    assert proc.returncode == expect, proc.stderr
    with open(os.path.join(out, "manifest.json")) as f:
        m = json.load(f)
    return {e["key"]: e["error"] for e in m["errors"]}, m


def written_keys(out):
    keys = set()
    for name in os.listdir(out):
        if name.endswith(".tar"):
            with tarfile.open(os.path.join(out, name)) as t:
                keys |= {m.name.split(".")[0] for m in t.getmembers()}
    return keys


def test_jsonl_labels_outside_class_n_are_named_and_not_written(run_auger, policy, manifest, tmp_path):
    out = str(tmp_path / "out")
    errors, m = run_errors(run_auger, policy, "plain", manifest, out, "--max-errors", "10")
    assert set(errors) == set(BAD), errors
    for key, text in BAD.items():
        assert text in errors[key], errors[key]
    assert written_keys(out) == {"ok0", "ok999"}
    # The good labels are written as given.
    with tarfile.open(os.path.join(out, "shard-000000.tar")) as t:
        cls = {m.name.split(".")[0]: t.extractfile(m).read().decode() for m in t.getmembers() if m.name.endswith(".cls")}
    assert cls == {"ok0": "0", "ok999": "999"}


def test_bad_labels_count_against_max_errors(run_auger, policy, manifest, tmp_path):
    proc = run_auger("run", policy, "--policy", "plain", "--input", manifest, "--output", str(tmp_path / "out"),
                     "--max-errors", "2")
    assert proc.returncode == 3, proc.stderr
    assert "is outside class(1000)" in proc.stderr or "is not a class index" in proc.stderr


def test_loader_does_not_yield_bad_labels(policy, manifest):
    loader = auger.Loader(auger.load(policy, policy="plain"), source=manifest, batch_size=1)
    keys = [k for b in loader for k in b["key"]]
    assert sorted(keys) == ["ok0", "ok999"]
    m = loader.metrics()
    assert m["errors"] == len(BAD)
    named = {e["key"]: e["error"] for e in m["error_samples"]}
    assert "label: 5000 is outside class(1000) (0..999)" in named["big"]


def test_folder_with_more_class_folders_than_class_n(run_auger, policy, tmp_path):
    data = tmp_path / "data"
    for c, name in enumerate(["ant", "bee", "cat", "dog"]):
        (data / name).mkdir(parents=True)
        png(data / name / f"{name}0.png", 40 * c)
    out = str(tmp_path / "out")
    errors, _ = run_errors(run_auger, policy, "three", str(data), out, "--max-errors", "5")
    assert errors == {"dog/dog0": 'label: 3 ("dog") is outside class(3) (0..2)'}
    assert written_keys(out) == {"ant/ant0", "bee/bee0", "cat/cat0"}


def tar_member(t, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    t.addfile(info, io.BytesIO(data))


def test_webdataset_cls_outside_class_n(run_auger, policy, tmp_path):
    shard = tmp_path / "in.tar"
    with tarfile.open(shard, "w") as t:
        for key, cls in [("a", b"1"), ("b", b"7"), ("c", b"-1")]:
            buf = io.BytesIO()
            Image.fromarray(np.full((10, 10, 3), 90, np.uint8)).save(buf, format="PNG")
            tar_member(t, f"{key}.png", buf.getvalue())
            tar_member(t, f"{key}.cls", cls)
    out = str(tmp_path / "out")
    errors, _ = run_errors(run_auger, policy, "three", str(shard), out, "--max-errors", "5")
    assert errors == {"b": "label: 7 is outside class(3) (0..2)", "c": "label: -1 is outside class(3) (0..2)"}
    assert written_keys(out) == {"a"}


def test_multilabel_outside_n(run_auger, policy, tmp_path):
    lines = []
    for key, tags in [("good", [0, 4]), ("bad", [1, 5]), ("flat", 2)]:
        png(tmp_path / f"{key}.png", 30)
        lines.append(json.dumps({"key": key, "image": f"{key}.png", "tags": tags}))
    (tmp_path / "m.jsonl").write_text("\n".join(lines) + "\n")
    out = str(tmp_path / "out")
    errors, _ = run_errors(run_auger, policy, "tagged", str(tmp_path / "m.jsonl"), out, "--max-errors", "5")
    assert errors == {"bad": "tags[1]: 5 is outside multilabel(5) (0..4)",
                      "flat": "tags: 2 is not a list of class indices for multilabel(5)"}
    assert written_keys(out) == {"good"}


def test_coco_categories_past_class_n(run_auger, policy, tmp_path):
    # The mini set's categories sorted by id are person (0) and dog (1): class(1)[] holds only person.
    with open(COCO) as f:
        coco = json.load(f)
    has_dog = {a["image_id"] for a in coco["annotations"] if a["category_id"] == 18}
    bad = {os.path.splitext(i["file_name"])[0] for i in coco["images"] if i["id"] in has_dog}
    assert bad, "the mini set should have a dog"
    out = str(tmp_path / "out")
    errors, m = run_errors(run_auger, policy, "boxes", COCO, out, "--max-errors", "5")
    assert set(errors) == bad
    for text in errors.values():
        assert '("dog") is outside class(1)[] (0..0)' in text and text.startswith("classes["), text
    assert not (written_keys(out) & bad)
