"""A box that an op leaves without area is dropped with its class (language.md §7 rule 4), also when the map is
exact only up to rounding: a quarter turn of an 80x60 image puts the edge of box [70, 50, 200, 300] on the frame's
top edge plus ~1e-14 px (cos 90° ≈ 6e-17), which clipping kept as a box [60, 0, 80, 0] (QA, d3.json). An extent
under 1e-6 px is none (docs/labels.md "Boxes"), on both execution paths."""
import json
import subprocess

import numpy as np
import pytest
from PIL import Image

POLICY = """
sample D {
  image: image(rgb)
  boxes: boxes(xyxy)
  classes: class(80)[]
}
policy quarter on D deterministic {
  rotate(angle: 90deg, boxes: enclose)
}
policy back on D deterministic {
  rotate(angle: -90deg, boxes: enclose)
}
"""


@pytest.mark.parametrize("path", ["fused", "reference"])
@pytest.mark.parametrize("name", ["quarter", "back"])
def test_a_sliver_left_by_a_quarter_turn_is_no_box(tmp_path, auger_bin, path, name):
    (tmp_path / "d.aug").write_text(POLICY)
    Image.fromarray(np.full((60, 80, 3), 128, np.uint8)).save(tmp_path / "d.png")
    boxes = [[70, 50, 200, 300], [-100, -100, 10, 10], [10, 10, 20, 20]]
    (tmp_path / "d.json").write_text(json.dumps({"image": "d.png", "boxes": boxes, "classes": [3, 4, 5]}))
    out = tmp_path / "out"
    p = subprocess.run([auger_bin, "apply", str(tmp_path / "d.aug"), "--policy", name, "--path", path, "--out",
                        str(out), str(tmp_path / "d.json")], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    written = json.loads((out / "d.json").read_text())
    assert len(written["boxes"]) == len(written["classes"]), written
    for x1, y1, x2, y2 in written["boxes"]:
        assert x2 > x1 and y2 > y1, written["boxes"]
    # The box inside the frame stays with its class; the two that the turn puts just past an edge go.
    assert written["classes"] == [5], written
