"""A COCO annotation file through `auger run` (tests/data/coco): the boxes, classes, keypoints and masks the run
writes, against expectations computed here from the COCO JSON itself. Boxes and keypoints go through each op's
formula in numpy; masks are rasterised by a Python port of pycocotools' maskApi.c (rleFrPoly, rleFrString), then
moved with numpy slicing, torch's nearest interpolation and torchvision's rotate. Deterministic policies first, then
random ones whose expectations follow the parameters each sample's KEY.json records."""
import json
import math
import os

import numpy as np
import pytest
import torch
import torch.nn.functional as F
import torchvision.transforms.functional as TF
from PIL import Image
from torchvision.transforms import InterpolationMode

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "../.."))
INSTANCES = os.path.join(ROOT, "tests/data/coco/annotations/instances_mini.json")
KEYPOINTS = os.path.join(ROOT, "tests/data/coco/annotations/person_keypoints_mini.json")
FLIP_PAIRS = [(1, 2), (3, 4), (5, 6), (7, 8), (9, 10), (11, 12), (13, 14), (15, 16)]
IGNORE = 255

POLICIES = """
sample Coco { image: image(rgb)  boxes: boxes(xyxy)  classes: class(2)[]  mask: mask(3)? }
sample CocoWH { image: image(rgb)  boxes: boxes(xywh)  classes: class(2)[] }
sample People {
  image: image(rgb)
  boxes: boxes(xyxy)
  keypoints: keypoints(17, flip: [(1, 2), (3, 4), (5, 6), (7, 8), (9, 10), (11, 12), (13, 14), (15, 16)])
}

policy resize_flip on Coco deterministic {
  resize(size: [36, 50])
  hflip()
}
# The window passes the right and bottom edges of the 64x48 image: outside it the mask is `ignore`.
policy crop_pad on Coco deterministic {
  crop(x: 16, y: 8, w: 52, h: 44, min_visibility: 0.5)
  pad(px: 3)
}
policy flip_wh on CocoWH deterministic {
  hflip()
  resize(size: [30, 40])
}
policy pose on People deterministic {
  resize(size: [45, 60])
  hflip()
  crop(x: 20, y: 10, w: 36, h: 35, min_visibility: 0.5)
}
policy train on Coco {
  random_resized_crop(size: [40, 48], scale: [0.3, 1.0], min_visibility: 0.3)
  hflip() @p(0.5)
  rotate(angle: uniform(-20deg, 20deg), boxes: enclose) @p(0.7)
}
policy pose_train on People {
  random_resized_crop(size: 48, scale: [0.3, 1.0], min_visibility: 0.3)
  hflip() @p(0.5)
  rotate(angle: uniform(-20deg, 20deg), boxes: enclose) @p(0.7)
}
"""


# --- the COCO file, read independently of auger ---------------------------------------------------------------

def polygon_mask(xy, h, w):
    """maskApi.c's rleFrPoly: the boundary walked at 5x resolution; where it crosses a column's centre it toggles
    the column-major mask at the first pixel centre below it."""
    k = len(xy) // 2
    x = [int(5 * xy[2 * j] + .5) for j in range(k)]
    y = [int(5 * xy[2 * j + 1] + .5) for j in range(k)]
    x.append(x[0])
    y.append(y[0])
    u, v = [], []
    for j in range(k):
        xs, xe, ys, ye = x[j], x[j + 1], y[j], y[j + 1]
        dx, dy = abs(xe - xs), abs(ys - ye)
        flip = (dx >= dy and xs > xe) or (dx < dy and ys > ye)
        if flip:
            xs, xe, ys, ye = xe, xs, ye, ys
        if dx >= dy:
            s = (ye - ys) / dx if dx else 0.0
            for d in range(dx + 1):
                t = dx - d if flip else d
                u.append(t + xs)
                v.append(int(ys + s * t + .5))
        else:
            s = (xe - xs) / dy
            for d in range(dy + 1):
                t = dy - d if flip else d
                v.append(t + ys)
                u.append(int(xs + s * t + .5))
    toggles = np.zeros(h * w + 1, np.int64)
    for j in range(1, len(u)):
        if u[j] == u[j - 1]:
            continue
        xd = ((u[j] if u[j] < u[j - 1] else u[j] - 1) + .5) / 5 - .5
        if math.floor(xd) != xd or xd < 0 or xd > w - 1:
            continue
        yd = (min(v[j], v[j - 1]) + .5) / 5 - .5
        yd = math.ceil(min(max(yd, 0), h))
        toggles[int(xd) * h + yd] += 1
    return (np.cumsum(toggles)[:-1] % 2).astype(bool).reshape(w, h).T


def string_counts(s):
    """maskApi.c's rleFrString: 5 bits a character, bit 5 continues, bit 4 of the last the sign; from the fourth
    run on, a delta from the run two back."""
    counts, p = [], 0
    while p < len(s):
        x, k, more = 0, 0, True
        while more:
            c = ord(s[p]) - 48
            x |= (c & 0x1F) << (5 * k)
            more = c & 0x20
            p += 1
            k += 1
            if not more and c & 0x10:
                x |= -1 << (5 * k)
        if len(counts) > 2:
            x += counts[-2]
        counts.append(x)
    return counts


def counts_mask(counts, h, w):
    flat = np.zeros(h * w, bool)
    at, on = 0, False
    for c in counts:
        flat[at:at + c] = on
        at, on = at + c, not on
    assert at == h * w
    return flat.reshape(w, h).T


def segmentation_mask(seg, h, w):
    if isinstance(seg, list):
        return np.any([polygon_mask(p, h, w) for p in seg], axis=0)
    assert seg["size"] == [h, w]
    counts = string_counts(seg["counts"]) if isinstance(seg["counts"], str) else seg["counts"]
    return counts_mask(counts, h, w)


def load_coco(path):
    """{key: sample} with boxes xyxy, classes (index among the categories sorted by id), keypoints and mask."""
    with open(path) as f:
        coco = json.load(f)
    label = {c["id"]: i for i, c in enumerate(sorted(coco["categories"], key=lambda c: c["id"]))}
    samples = {}
    for img in coco["images"]:
        h, w = img["height"], img["width"]
        anns = [a for a in coco["annotations"] if a["image_id"] == img["id"]]
        solid = [a for a in anns if not a["iscrowd"]]
        mask = np.zeros((h, w), np.uint8)
        for a in anns:
            mask[segmentation_mask(a["segmentation"], h, w)] = IGNORE if a["iscrowd"] else label[a["category_id"]] + 1
        boxes = np.array([[x, y, x + bw, y + bh] for x, y, bw, bh in (a["bbox"] for a in solid)], float)
        kps = np.array([a.get("keypoints", [0] * 51) for a in solid], float)
        samples[os.path.splitext(img["file_name"])[0]] = {
            "w": w, "h": h, "boxes": boxes.reshape(-1, 4),
            "classes": np.array([label[a["category_id"]] for a in solid], int),
            "keypoints": kps.reshape(len(solid), 17, 3), "mask": mask}
    return samples


# --- the ops, as language.md and the ops' docs define them -------------------------------------------------------

def area(b):
    return np.clip(b[:, 2] - b[:, 0], 0, None) * np.clip(b[:, 3] - b[:, 1], 0, None)


def settle(s, boxes, kps, w, h, min_visibility=None):
    """After a geometric op (§7 rule 4): boxes clipped to the w x h frame, dropped with their classes and keypoints
    when nothing (or, for a crop, less than min_visibility of them) is left; keypoints outside get v = 0."""
    clipped = boxes.copy()
    clipped[:, [0, 2]] = np.clip(boxes[:, [0, 2]], 0, w)
    clipped[:, [1, 3]] = np.clip(boxes[:, [1, 3]], 0, h)
    keep = area(clipped) > 0
    if min_visibility:
        keep &= area(clipped) >= min_visibility * area(boxes)
    kps = kps.copy()
    outside = (kps[..., 0] < 0) | (kps[..., 1] < 0) | (kps[..., 0] >= w) | (kps[..., 1] >= h)
    kps[..., 2][outside] = 0
    s = dict(s, w=w, h=h, boxes=clipped[keep], classes=s["classes"][keep], keypoints=kps[keep])
    return s


def scale_points(s, sx, sy, dx=0.0, dy=0.0):
    """Boxes and keypoints through x' = (x - dx) * sx, y' = (y - dy) * sy."""
    boxes = (s["boxes"] - [dx, dy, dx, dy]) * [sx, sy, sx, sy]
    kps = s["keypoints"].copy()
    kps[..., 0] = (kps[..., 0] - dx) * sx
    kps[..., 1] = (kps[..., 1] - dy) * sy
    return boxes, kps


def nearest_resize(mask, h, w):
    """torchvision's resize of a mask (interpolate's legacy nearest: source index floor(dst * in / out))."""
    t = torch.from_numpy(np.ascontiguousarray(mask))[None, None].float()
    return F.interpolate(t, size=(h, w), mode="nearest")[0, 0].byte().numpy()


def window(mask, x, y, w, h):
    """The w x h window at (x, y), `ignore` where it leaves the mask."""
    out = np.full((h, w), IGNORE, np.uint8)
    mh, mw = mask.shape
    x0, y0, x1, y1 = max(x, 0), max(y, 0), min(x + w, mw), min(y + h, mh)
    if x1 > x0 and y1 > y0:
        out[y0 - y:y1 - y, x0 - x:x1 - x] = mask[y0:y1, x0:x1]
    return out


def resize(s, h, w):
    boxes, kps = scale_points(s, w / s["w"], h / s["h"])
    return dict(settle(s, boxes, kps, w, h), mask=nearest_resize(s["mask"], h, w))


def hflip(s):
    w = s["w"]
    boxes = np.stack([w - s["boxes"][:, 2], s["boxes"][:, 1], w - s["boxes"][:, 0], s["boxes"][:, 3]], 1)
    kps = s["keypoints"].copy()
    kps[..., 0] = w - kps[..., 0]
    for i, j in FLIP_PAIRS:
        kps[:, [i, j]] = kps[:, [j, i]]
    return dict(settle(s, boxes, kps, w, s["h"]), mask=np.ascontiguousarray(s["mask"][:, ::-1]))


def crop(s, x, y, w, h, min_visibility):
    boxes, kps = scale_points(s, 1, 1, x, y)
    return dict(settle(s, boxes, kps, w, h, min_visibility), mask=window(s["mask"], x, y, w, h))


def pad(s, px):
    boxes, kps = scale_points(s, 1, 1, -px, -px)
    mask = np.pad(s["mask"], px, constant_values=IGNORE)
    return dict(settle(s, boxes, kps, s["w"] + 2 * px, s["h"] + 2 * px), mask=mask)


def resized_crop(s, top, left, height, width, size, min_visibility):
    oh, ow = size
    boxes, kps = scale_points(s, ow / width, oh / height, left, top)
    mask = nearest_resize(np.ascontiguousarray(s["mask"][top:top + height, left:left + width]), oh, ow)
    return dict(settle(s, boxes, kps, ow, oh, min_visibility), mask=mask)


def rotate(s, angle):
    """Counter-clockwise by `angle` degrees about the centre (W/2, H/2), y down; boxes enclose their corners."""
    w, h = s["w"], s["h"]
    cx, cy, a = w / 2, h / 2, math.radians(angle)

    def move(px, py):
        return (cx + (px - cx) * math.cos(a) + (py - cy) * math.sin(a),
                cy - (px - cx) * math.sin(a) + (py - cy) * math.cos(a))

    b = s["boxes"]
    xs, ys = zip(*[move(px, py) for px, py in ((b[:, 0], b[:, 1]), (b[:, 2], b[:, 1]), (b[:, 2], b[:, 3]),
                                               (b[:, 0], b[:, 3]))])
    boxes = np.stack([np.min(xs, 0), np.min(ys, 0), np.max(xs, 0), np.max(ys, 0)], 1).reshape(-1, 4)
    kps = s["keypoints"].copy()
    kps[..., 0], kps[..., 1] = move(s["keypoints"][..., 0], s["keypoints"][..., 1])
    mask = TF.rotate(torch.from_numpy(np.ascontiguousarray(s["mask"]))[None], angle,
                     interpolation=InterpolationMode.NEAREST, fill=[float(IGNORE)])[0].numpy()
    return dict(settle(s, boxes, kps, w, h), mask=mask)


def expected(sample, params):
    """The sample's labels after the ops a run recorded, in the order it ran them."""
    s = dict(sample)
    for p in params.values():
        op = p["op"]
        if op == "resize":
            s = resize(s, int(p["size"][0]), int(p["size"][1]))
        elif op == "hflip":
            s = hflip(s)
        elif op == "crop":
            s = crop(s, p["x"], p["y"], p["w"], p["h"], p["min_visibility"])
        elif op == "pad":
            s = pad(s, p["px"])
        elif op == "random_resized_crop":
            size = [int(v) for v in p["size"]] if isinstance(p["size"], list) else [int(p["size"])] * 2
            s = resized_crop(s, p["top"], p["left"], p["height"], p["width"], size, p["min_visibility"])
        elif op == "rotate":
            s = rotate(s, p["angle"])
        else:
            raise AssertionError(f"no expectation for {op}")
    return s


# --- runs and their output ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def policy(tmp_path_factory):
    p = tmp_path_factory.mktemp("coco") / "coco.aug"
    p.write_text(POLICIES)
    return str(p)


def run_folder(run, policy, name, source, out, *args):
    run(policy, "--policy", name, "--input", source, "--output", str(out), "--format", "folder", "-q", *args)
    records = {}
    for f in sorted(os.listdir(out)):
        if f.endswith(".json") and f != "manifest.json":
            with open(out / f) as fh:
                records[f[:-5]] = json.load(fh)
    return records


def read_png(path):
    return np.array(Image.open(path))


def check_sample(out, key, record, want, several_pixel_fields, has_mask=True):
    where = f"{key} ({record['params']})"
    image = read_png(out / (f"{key}.image.png" if several_pixel_fields else f"{key}.png"))
    assert image.shape[:2] == (want["h"], want["w"]), where
    boxes = np.array(record["boxes"], float).reshape(-1, 4)
    assert boxes.shape == want["boxes"].shape, where
    np.testing.assert_allclose(boxes, want["boxes"], atol=1e-6, err_msg=where)
    if "classes" in record:
        assert record["classes"] == want["classes"].tolist(), where
    if "keypoints" in record:
        kps = np.array(record["keypoints"], float).reshape(-1, 17, 3)
        assert kps.shape == want["keypoints"].shape, where
        np.testing.assert_array_equal(kps[..., 2], want["keypoints"][..., 2], err_msg=where)
        visible = want["keypoints"][..., 2] > 0
        np.testing.assert_allclose(kps[..., :2][visible], want["keypoints"][..., :2][visible], atol=1e-6,
                                   err_msg=where)
    if has_mask:
        mask = read_png(out / f"{key}.mask.png")
        assert mask.shape == want["mask"].shape, where
        bad = np.argwhere(mask != want["mask"])
        assert len(bad) == 0, f"{where}: {len(bad)} mask pixels differ, first at (y, x) {bad[:5].tolist()}"


# --- the tests ------------------------------------------------------------------------------------------------

def test_reference_rasteriser_agrees_with_the_data():
    """The port above against what the data set says by construction: rectangles cover x0..x1-1, y0..y1-1."""
    samples = load_coco(INSTANCES)
    m = samples["000000000001"]["mask"]
    assert (m[10:40, 40:60] == 2).all() and (m[20:30, 4:20] == 1).all() and (m[30:56, 14:34] == 2).all()
    assert (m > 0).sum() == 20 * 30 + 16 * 30 + 20 * 26 - 6 * 20
    m = samples["000000000002"]["mask"]
    assert (m[6:30, 8:24] == 1).all() and (m[36:48, 0:6] == IGNORE).all()
    assert (m == 2).sum() > 300  # the triangle
    assert not samples["000000000003"]["mask"].any()


@pytest.mark.parametrize("name", ["resize_flip", "crop_pad"])
def test_deterministic_policy(run, policy, tmp_path, name):
    samples = load_coco(INSTANCES)
    records = run_folder(run, policy, name, INSTANCES, tmp_path)
    assert list(records) == sorted(samples)
    for key, rec in records.items():
        check_sample(tmp_path, key, rec, expected(samples[key], rec["params"]), several_pixel_fields=True)
    # The policies keep, clip and drop boxes: the test would pass vacuously otherwise.
    counts = {k: len(r["boxes"]) for k, r in records.items()}
    if name == "crop_pad":
        assert counts == {"000000000001": 2, "000000000002": 1, "000000000003": 0}
    else:
        assert counts == {"000000000001": 3, "000000000002": 2, "000000000003": 0}


def test_boxes_in_the_schemas_format(run, policy, tmp_path):
    samples = load_coco(INSTANCES)
    records = run_folder(run, policy, "flip_wh", INSTANCES, tmp_path)
    for key, rec in records.items():
        want = expected(samples[key], rec["params"])
        b = want["boxes"]
        np.testing.assert_allclose(np.array(rec["boxes"], float).reshape(-1, 4),
                                   np.stack([b[:, 0], b[:, 1], b[:, 2] - b[:, 0], b[:, 3] - b[:, 1]], 1), atol=1e-6)
        assert rec["classes"] == want["classes"].tolist()
    assert len(records["000000000001"]["boxes"]) == 3


def test_keypoints_deterministic(run, policy, tmp_path):
    samples = load_coco(KEYPOINTS)
    records = run_folder(run, policy, "pose", KEYPOINTS, tmp_path)
    for key, rec in records.items():
        check_sample(tmp_path, key, rec, expected(samples[key], rec["params"]), several_pixel_fields=False,
                     has_mask=False)
    # The crowd gives no instance; the crop cuts every person (keeping more than half of each) and hides some
    # of their keypoints.
    assert [len(records[k]["keypoints"]) for k in sorted(records)] == [2, 1, 0]
    hidden = sum(v == 0 for r in records.values() for inst in r["keypoints"] for _, _, v in inst)
    assert hidden > sum((s["keypoints"][..., 2] == 0).sum() for s in samples.values())


@pytest.mark.parametrize("name, source, has_mask", [("train", INSTANCES, True), ("pose_train", KEYPOINTS, False)])
def test_random_policy_follows_its_params(run, policy, tmp_path, name, source, has_mask):
    samples = load_coco(source)
    fired = []
    for seed in range(6):
        out = tmp_path / f"seed{seed}"
        records = run_folder(run, policy, name, source, out, "--seed", str(seed))
        for key, rec in records.items():
            fired.append(tuple(p["op"] for p in rec["params"].values()))
            check_sample(out, key, rec, expected(samples[key], rec["params"]), several_pixel_fields=has_mask,
                         has_mask=has_mask)
    # Both optional ops ran for some samples and not for others.
    for op in ("hflip", "rotate"):
        assert 0 < sum(op in f for f in fired) < len(fired), fired
