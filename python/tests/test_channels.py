"""image(gray) and image(rgba) through Python: the Loader's batches are [B, 1|4, H, W], Policy.apply takes an HW
array for either (an RGBA field's alpha then opaque) and gives HW / HWC4 back (tests/apply/test_channels.py checks
the pixels against torchvision)."""
import numpy as np
from PIL import Image

import auger

POLICIES = """
sample G { image: image(gray)  label: class(2) }
policy g on G { random_resized_crop(size: 24) }
sample R { image: image(rgba)  label: class(2) }
policy r on R { random_resized_crop(size: 24) }
"""


def test_loader_and_apply_keep_the_channels(tmp_path):
    (tmp_path / "p.aug").write_text(POLICIES)
    data = tmp_path / "data"
    rng = np.random.default_rng(0)
    for cls in ("a", "b"):
        (data / cls).mkdir(parents=True)
    Image.fromarray(rng.integers(0, 256, (40, 50, 4), dtype=np.uint8), "RGBA").save(data / "a" / "x.png")
    Image.fromarray(rng.integers(0, 256, (30, 60, 3), dtype=np.uint8)).save(data / "b" / "y.jpg")
    for name, c in (("g", 1), ("r", 4)):
        policy = auger.load(str(tmp_path / "p.aug"), name)
        batch = next(iter(auger.Loader(policy, str(data), batch_size=2, numpy=True)))
        assert batch["image"].shape == (2, c, 24, 24), name
        one = policy.apply({"image": np.zeros((10, 12), np.uint8)}, key="k")["image"]
        assert one.shape == ((24, 24) if c == 1 else (24, 24, 4)), name
    alpha = auger.load(str(tmp_path / "p.aug"), "r").apply({"image": np.zeros((10, 12), np.uint8)}, key="k")
    assert (alpha["image"][..., 3] == 255).all()  # a gray array for an RGBA field: opaque
