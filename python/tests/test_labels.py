"""auger.Loader with variable-length labels (detection, pose): per field a list of B tensors, one per sample, as
torchvision's detection models take them; scalar class fields stay one int64 tensor [B]."""
import json

import numpy as np
import pytest
import torch

import auger

LABELS = """\
sample Det {
  image: image(rgb)
  boxes: boxes(xyxy)
  classes: class(3)[]
}

sample Pose {
  image: image(rgb)
  boxes: boxes(xyxy)
  keypoints: keypoints(2)
  classes: class(3)[]
  label: class(5)
}

policy det on Det {
  brightness(factor: 1.2)
}

policy pose on Pose {
  brightness(factor: 0.8)
}
"""

# Per sample: boxes, their classes, per box 2 keypoints (x, y, v), and an image-level class.
SAMPLES = [
    ("s0", [[1, 2, 5, 6], [0.5, 0, 3.25, 3]], [0, 2], [[[1, 2, 2], [3, 4, 1]], [[0, 0, 0], [1.5, 1, 2]]], 4),
    ("s1", [], [], [], 0),  # no instances at all
    ("s2", [[2, 2, 7, 7]], [1], [[[2, 3, 2], [6, 6, 2]]], 2),
]


@pytest.fixture(scope="module")
def manifest(tmp_path_factory):
    from PIL import Image

    root = tmp_path_factory.mktemp("det")
    lines = []
    for n, (key, boxes, classes, keypoints, label) in enumerate(SAMPLES):
        Image.new("RGB", (10, 8), (40 * n + 10, 100, 200)).save(root / f"{key}.png")
        lines.append(json.dumps({"key": key, "image": f"{key}.png", "boxes": boxes, "classes": classes,
                                 "keypoints": keypoints, "label": label}))
    (root / "data.jsonl").write_text("\n".join(lines) + "\n")
    return str(root / "data.jsonl")


@pytest.fixture(scope="module")
def labels_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("labels") / "labels.aug"
    path.write_text(LABELS)
    return str(path)


def test_boxes_and_class_lists_per_sample(manifest, labels_file):
    loader = auger.Loader(auger.load(labels_file, policy="det"), source=manifest, batch_size=3, workers=2)
    (batch,) = list(loader)
    assert batch["key"] == ["s0", "s1", "s2"]
    assert batch["image"].shape == (3, 3, 8, 10)
    for name in ("boxes", "classes"):
        assert isinstance(batch[name], list) and len(batch[name]) == 3
    for i, (_, boxes, classes, _, _) in enumerate(SAMPLES):
        b, c = batch["boxes"][i], batch["classes"][i]
        assert isinstance(b, torch.Tensor) and b.dtype == torch.float32 and b.shape == (len(boxes), 4)
        assert isinstance(c, torch.Tensor) and c.dtype == torch.int64 and c.shape == (len(classes),)
        assert np.array_equal(b.numpy(), np.array(boxes, dtype=np.float32).reshape(-1, 4))
        assert c.tolist() == classes
    assert batch["boxes"][1].shape == (0, 4) and batch["classes"][1].shape == (0,)


def test_keypoints_and_an_image_class(manifest, labels_file):
    loader = auger.Loader(auger.load(labels_file, policy="pose"), source=manifest, batch_size=2, workers=1)
    assert loader.output_types["keypoints"] == "keypoints(2)"
    assert loader.output_types["classes"] == "class(3)[]"
    batches = list(loader)
    assert [b["key"] for b in batches] == [["s0", "s1"], ["s2"]]
    rows = [(b, i) for b in batches for i in range(len(b["key"]))]
    for (b, i), (_, boxes, classes, keypoints, label) in zip(rows, SAMPLES):
        k = b["keypoints"][i]
        assert k.dtype == torch.float32 and k.shape == (len(keypoints), 2, 3)
        assert np.array_equal(k.numpy(), np.array(keypoints, dtype=np.float32).reshape(-1, 2, 3))
        assert b["boxes"][i].shape == (len(boxes), 4) and b["classes"][i].tolist() == classes
        # A scalar class field stays one int64 tensor for the batch.
        assert b["label"].dtype == torch.int64 and b["label"][i].item() == label
    assert batches[0]["keypoints"][1].shape == (0, 2, 3)


def test_a_malformed_label_names_the_sample():
    """Checked where the lists become tensors (the runner may refuse such a sample earlier: then it is skipped)."""
    layout = auger._label_layout("boxes(xyxy)")
    with pytest.raises(auger.Error, match=r"`boxes` of sample `odd`: expected \[n, 4\] values, got shape \[1, 3\]"):
        auger._per_sample_arrays("boxes", layout, [[[0, 0, 1, 1]], [[1, 2, 3]]], ["fine", "odd"])
    layout = auger._label_layout("keypoints(17)?")
    with pytest.raises(auger.Error, match=r"`kp` of sample `odd`: expected \[n, 17, 3\]"):
        auger._per_sample_arrays("kp", layout, [[[[1, 2, 2]] * 16]], ["odd"])
    assert auger._label_layout("class(3)[]") == (np.int64, (-1,))
    assert auger._label_layout("class(3)") is None and auger._label_layout("soft(3)[]") is None
