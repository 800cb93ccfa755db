"""Fixtures for the Python module's tests: real photos (python3-skimage's data) written as an image folder, small
policies, and the `auger` binary (AUGER_BIN) for comparing with `auger apply`.

CTest runs these with PYTHONPATH=build/python and AUGER_CACHE_DIR inside the build tree."""
import os
import textwrap

import numpy as np
import pytest

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "../.."))
IMAGENET = os.path.join(ROOT, "examples/imagenet.aug")

# Crops at several odd sizes; a class is one photo, so the class sub-folders differ visibly.
CLASSES = {
    "cat": ("chelsea", [(0, 0, 140, 190), (60, 100, 180, 150), (20, 200, 130, 170), (100, 30, 150, 160)]),
    "cup": ("coffee", [(0, 0, 150, 200), (100, 150, 170, 160), (200, 300, 140, 180), (50, 350, 160, 150)]),
    "rocket": ("rocket", [(0, 0, 160, 120), (100, 200, 150, 170), (250, 400, 140, 150), (40, 500, 170, 130)]),
}

SMALL_POLICY = """\
sample Photo {
  image: image(rgb)
  label: class(3)
}

policy small on Photo {
  random_resized_crop(size: 48, scale: [0.3, 1.0], ratio: [3/4, 4/3])
  flip: hflip() @p(0.5)
  to_float()
}

policy small_u8 on Photo {
  random_resized_crop(size: 40, scale: [0.3, 1.0], ratio: [3/4, 4/3])
  flip: hflip() @p(0.5)
}

policy any_size on Photo {
  flip: hflip() @p(0.5)
}
"""


def crops():
    """(class, name, HWC uint8 array) for every photo of the data set."""
    import skimage.data

    out = []
    for label, (photo, boxes) in CLASSES.items():
        img = getattr(skimage.data, photo)()
        for i, (y, x, h, w) in enumerate(boxes):
            out.append((label, f"{label}_{i}", np.ascontiguousarray(img[y:y + h, x:x + w])))
    return out


@pytest.fixture(scope="session")
def image_folder(tmp_path_factory):
    """An image folder with 3 class sub-folders and 12 photos, JPEG and PNG mixed: its path."""
    from PIL import Image

    root = tmp_path_factory.mktemp("folder")
    for n, (label, name, arr) in enumerate(crops()):
        (root / label).mkdir(exist_ok=True)
        ext = ".png" if n % 3 == 0 else ".jpg"
        Image.fromarray(arr).save(root / label / f"{name}{ext}", quality=90)
    return str(root)


@pytest.fixture(scope="session")
def keys(image_folder):
    """Every sample key of image_folder: the path below the root without the extension."""
    return sorted(f"{label}/{name}" for label, name, _ in crops())


@pytest.fixture(scope="session")
def small_policy(tmp_path_factory):
    path = tmp_path_factory.mktemp("policies") / "small.aug"
    path.write_text(SMALL_POLICY)
    return str(path)


@pytest.fixture(scope="session")
def auger_bin():
    path = os.environ.get("AUGER_BIN", os.path.join(ROOT, "build/tools/auger"))
    if not os.path.exists(path):
        pytest.fail(f"{path} not built (set AUGER_BIN)")
    return path


@pytest.fixture
def write_policy(tmp_path):
    def write(text, name="p.aug"):
        path = tmp_path / name
        path.write_text(textwrap.dedent(text))
        return str(path)

    return write
