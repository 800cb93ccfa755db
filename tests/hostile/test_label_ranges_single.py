"""A label outside the schema's range given to one sample at a time — `auger apply` on a sample file and Python's
Policy.apply — is refused with the field, the value and the range, as the data-set paths refuse it."""
import json
import os

import numpy as np
import pytest

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "../.."))
IMAGENET = os.path.join(ROOT, "examples", "imagenet.aug")


@pytest.mark.parametrize("label", [5000, -5, 3.5, "cat"])
def test_apply_refuses_a_sample_file_with_a_label_outside_the_schema(run_auger, photo, tmp_path, label):
    sample = tmp_path / "s.json"
    sample.write_text(json.dumps({"image": photo, "label": label}))
    p = run_auger("apply", IMAGENET, "--policy", "eval", "--out", tmp_path / "out", sample)
    assert p.returncode != 0
    assert "label:" in p.stderr and "class(1000)" in p.stderr, p.stderr
    assert not (tmp_path / "out" / "s.npy").exists()


def test_python_apply_raises_on_a_label_outside_the_schema():
    import auger

    policy = auger.load(IMAGENET, policy="eval")
    image = np.zeros((40, 50, 3), np.uint8)
    with pytest.raises(auger.Error, match=r"label: 5000 is outside class\(1000\)"):
        policy.apply({"image": image, "label": 5000}, key="k")
    out = policy.apply({"image": image, "label": 999}, key="k")
    assert out["label"] == 999
