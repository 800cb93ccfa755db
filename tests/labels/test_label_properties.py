"""Property tests of the label transforms (language.md §4 and §7, ops.md §1): boxes, keypoints and masks must follow
the pixels through every geometric op.

Over a thousand random geometric policies (1-4 statements drawn from every op of ops.md §1 with random parameters,
literal or random values, `@p`, `one_of`) run through `auger.load(..., exec_path="reference")` on painted samples:

- every box is painted as a solid rectangle in its own channel, every keypoint as a small anti-aliased disc in its
  own channel, and the mask is a class map; the schema has three image fields (a: the boxes, b and c: the
  keypoints of the two instances), which every geometric op moves together (docs/language.md §11.6), so one apply
  gives the output pixels of every marker;
- the pixels of the output are then analysed and must agree with the labels the output reports: a visible
  keypoint lies within 1.5 px of its marker's intensity-weighted centroid (when the marker is wholly inside the
  frame), is inside [0, W) x [0, H), and its marker has not vanished; every box encloses its painted region (and is
  tight, within 1 px, when only axis-aligned ops ran); a box whose region is gone does not appear. Only pixels that
  come from the source image count (reflected or repeated pad content and fills do not: see replay()), and each
  resize with torchvision's legacy NEAREST adds one pixel, times the later ops' magnification, to these tolerances
  (legacy_nearest_offset());
- boxes and classes keep the same length and order (a class id per box identifies it); the keypoints keep their
  instances (3 boxes and 2 instances of 3 keypoints: `keypoints` is not a `[]` field aligned with the boxes, so a
  dropped box must never take an instance with it) and swap the flip pairs (0, 1) on every hflip/vflip;
- independently, the "params" record (what each statement drew) is replayed twice: through torchvision 0.14's
  functional ops with nearest sampling on [mask, all-ones validity] (tests/apply/torchvision_replay.py), which must
  give the returned mask (255 where the validity is 0), and through a small projective model of each op written
  here (hflip: x' = W - x, rotate/affine: the inverse of torchvision's `_get_inverse_affine_matrix`, perspective:
  the homography of the recorded corners, crops/resizes/pads: shifts and scales) which predicts every keypoint,
  every visibility, every box (the enclosing box of the mapped corners, clipped) and which boxes a crop must drop
  (visible fraction below `min_visibility`, computed here), with a margin around each threshold.

The same checks run on the stdlib transforms (rand_augment, trivial_augment, auto_augment with `boxes: enclose`) on
detection and pose samples, and through `auger apply` with sample JSON files, where `--path fused` and `--path
reference` must write identical labels and masks. A summary (policies, keypoints, boxes, masks checked, largest
keypoint error) is printed at the end of the session.
"""
import json
import math
import subprocess

import numpy as np
import pytest
import torch
import torchvision.transforms.functional as F
from PIL import Image

import auger
from conftest import REPLAY as R
from conftest import record_max, tally

N_POLICIES = 1040          # random geometric policies through the Python API
POLICIES_PER_FILE = 8      # a file holds many policies: loading parses and checks the file
STDLIB_SEEDS = 4           # seeds per stdlib transform and sample kind (a load each) ...
STDLIB_KEYS = 25           # ... times sample keys: 100 draws of each transform on each kind
CLI_POLICIES = 20          # policies through `auger apply`, fused and reference

KP_TOL = 1.5               # px between a visible keypoint and its marker's centroid
BOX_SLACK = 1.0            # px of bilinear/nearest bleed around a box
COORD_TOL = 0.02           # px between a label and the projective model's prediction
VIS_MARGIN = 0.02          # no drop decision is required within this of min_visibility
EDGE_MARGIN = 1e-3         # no visibility decision is required this close to a frame edge
MARKER_RADIUS = 2.5

GEOMETRIC = {"hflip", "vflip", "rotate", "affine", "shear_x", "shear_y", "translate_x", "translate_y",
             "perspective", "crop", "center_crop", "random_crop", "random_resized_crop", "resize", "pad"}
AXIS_ALIGNED = {"hflip", "vflip", "translate_x", "translate_y", "crop", "center_crop", "random_crop",
                "random_resized_crop", "resize", "pad"}
CROPS = {"crop", "center_crop", "random_crop", "random_resized_crop"}
COLOUR = {"brightness", "contrast", "saturation", "hue", "grayscale", "invert", "posterize", "solarize",
          "autocontrast", "equalize", "sharpness", "gamma", "gaussian_blur"}
FLIP_PAIRS = [(0, 1)]      # the schema's keypoints(3, flip: [(0, 1)])
K = 3

SCHEMA = """\
sample G {
  a: image(rgb)
  b: image(rgb)
  c: image(rgb)
  mask: mask(4)
  boxes: boxes(xyxy)
  classes: class(64)[]
  keypoints: keypoints(3, flip: [(0, 1)])
}
"""

# --- random geometric policies --------------------------------------------------------------------------------------


class PolicyGen:
    """Writes one random geometric policy. It follows the nominal image size and overall scale so that sizes stay
    in 48..160 px and markers survive (overall scale about 0.6..1.8): the checks need a marker to stay a few
    pixels wide."""

    def __init__(self, rng, h, w, interp=None, pad_mode=None):
        self.rng, self.h, self.w, self.scale = rng, h, w, 1.0
        self.forced_interp, self.forced_pad_mode = interp, pad_mode

    def u(self, lo, hi):
        return float(self.rng.uniform(lo, hi))

    def i(self, lo, hi):
        return int(self.rng.integers(lo, hi + 1))

    def coin(self, p=0.5):
        return bool(self.rng.random() < p)

    def pick(self, *xs):
        return xs[int(self.rng.integers(len(xs)))]

    def interp(self, *modes):
        return self.forced_interp or self.pick(*(modes or ("nearest", "bilinear")))

    def min_vis(self):
        return self.pick("0", "0.1", "0.25", "0.4", "0.5", "0.75", "1")

    # one generator per op; each returns the call's text and updates the nominal size

    def hflip(self):
        return "hflip()"

    def vflip(self):
        return "vflip()"

    def rotate(self):
        interp = self.interp()
        if self.coin(0.4):
            a = self.u(-180, 180)
            angle = f"{a:.3f}deg"
            rad = math.radians(a)
            c, s = abs(math.cos(rad)), abs(math.sin(rad))
            grow = (self.w * c + self.h * s, self.w * s + self.h * c)
        else:
            lim = self.pick(15, 30, 60)
            angle = f"uniform({-lim}deg, {lim}deg)"
            grow = (1.42 * max(self.w, self.h),) * 2
        expand = self.coin(0.35) and max(grow) <= 160
        if expand:
            self.w, self.h = int(math.ceil(grow[0])), int(math.ceil(grow[1]))
        return f"rotate(angle: {angle}, interp: {interp}, expand: {'true' if expand else 'false'}, boxes: enclose)"

    def affine(self):
        lo, hi = max(0.75, 0.65 / self.scale), min(1.35, 1.8 / self.scale)
        if self.coin(0.5):
            s = self.u(lo, hi) if lo < hi else 1.0
            self.scale *= s
            return (f"affine(angle: {self.u(-40, 40):.2f}deg, translate: [{self.i(-12, 12)}, {self.i(-12, 12)}], "
                    f"scale: {s:.4f}, shear: [{self.u(-20, 20):.2f}deg, {self.u(-15, 15):.2f}deg], "
                    f"interp: {self.interp()}, boxes: enclose)")
        lo, hi = max(0.8, lo), min(1.25, hi)
        if lo >= hi:
            lo = hi = 1.0
        self.scale *= math.sqrt(lo * hi)
        interp = self.forced_interp or "choice(nearest, bilinear)"
        return (f"affine(angle: uniform(-25deg, 25deg), translate: [randint(-10, 10), uniform(-8%, 8%)], "
                f"scale: uniform({lo:.3f}, {hi:.3f}), shear: [signed(uniform(0deg, 12deg)), 0deg], "
                f"interp: {interp}, boxes: enclose)")

    def shear(self, axis):
        amount = f"{self.u(-0.35, 0.35):.4f}" if self.coin() else "uniform(-0.3, 0.3)"
        return f"shear_{axis}(amount: {amount}, interp: {self.interp()}, boxes: enclose)"

    def translate(self, axis):
        px = self.pick(f"{self.i(-20, 20)}", f"{self.u(-20, 20):.2f}", f"{self.u(-20, 20):.1f}%",
                       "randint(-15, 15)", "uniform(-15%, 15%)", "signed(randint(3, 20) * 1px)")
        return f"translate_{axis}(px: {px})"

    def perspective(self):
        d = f"{self.u(0.05, 0.45):.3f}" if self.coin() else "uniform(0.1, 0.4)"
        return f"perspective(distortion: {d}, interp: {self.interp()}, boxes: enclose)"

    def crop(self):
        w, h = int(self.w * self.u(0.6, 0.95)), int(self.h * self.u(0.6, 0.95))
        if self.coin():
            x, y = self.i(-4, self.w - w + 4), self.i(-4, self.h - h + 4)
        else:
            x, y = f"randint(0, {self.w - w})", f"randint(0, {self.h - h})"
        self.w, self.h = w, h
        return f"crop(x: {x}, y: {y}, w: {w}, h: {h}, min_visibility: {self.min_vis()})"

    def center_crop(self):
        f = self.u(1.02, 1.15) if self.coin(0.15) else self.u(0.6, 0.95)
        if self.coin(0.4):
            n = int(min(self.w, self.h) * f)
            self.w = self.h = n
            size = f"{n}"
        else:
            w, h = int(self.w * f), int(self.h * self.u(0.6, 0.95))
            self.w, self.h = w, h
            size = f"[{h}, {w}]"
        return f"center_crop(size: {size}, min_visibility: {self.min_vis()})"

    def random_crop(self):
        pad = self.pick(0, 0, self.i(1, 8))
        w, h = int(self.w * self.u(0.6, 1.0)), int(self.h * self.u(0.6, 1.0))
        self.w, self.h = w, h
        return f"random_crop(size: [{h}, {w}], padding: {pad}, min_visibility: {self.min_vis()})"

    def random_resized_crop(self):
        lo = self.u(0.4, 0.75)
        side = math.sqrt(self.w * self.h)
        # out / window side is in [n / side, n / (sqrt(lo) * side)]: keep the overall scale in about 0.6..1.8
        f_lo, f_hi = max(0.6, 0.6 / self.scale), min(1.0, 1.8 * math.sqrt(lo) / self.scale)
        f = self.u(f_lo, f_hi) if f_lo < f_hi else f_lo
        n = max(40, int(side * f))
        self.scale *= n / side / math.sqrt((lo + 1) / 2)
        if self.coin():
            size = f"{n}"
            self.w = self.h = n
        else:
            self.h, self.w = max(40, int(n * self.u(0.85, 1.15))), n
            size = f"[{self.h}, {self.w}]"
        ratio = self.pick("", ", ratio: [3/4, 4/3]", ", ratio: [0.9, 1.1]")
        interp = self.interp("nearest", "bilinear", "bicubic")
        aa = self.pick("true", "false")
        return (f"random_resized_crop(size: {size}, scale: [{lo:.3f}, 1.0]{ratio}, interp: {interp}, antialias: {aa}, "
                f"min_visibility: {self.min_vis()})")

    def resize(self):
        short, long_ = min(self.w, self.h), max(self.w, self.h)
        lo, hi = max(0.65, 0.6 / self.scale, 48 / short), min(1.5, 1.8 / self.scale, 160 / long_)
        f = self.u(lo, hi) if lo < hi else 1.0
        interp = self.interp("nearest", "bilinear", "bicubic")
        aa = self.pick("true", "false")
        form = self.i(0, 4)
        if form == 0:
            arg = f"size: {int(short * f)}"
        elif form == 1:
            g = f * self.u(0.9, 1.1)
            arg = f"size: [{int(self.h * f)}, {int(self.w * g)}]"
            f = math.sqrt(f * g)
        elif form == 2:
            arg = f"shorter: {int(short * f)}"
        elif form == 3:
            arg = f"longer: {int(long_ * f)}"
        else:
            arg = f"shorter: {int(short * f)}, longer: {max(int(long_ * f), int(short * f) + 1) + self.i(0, 10)}"
        self.scale *= f
        self.w, self.h = int(self.w * f), int(self.h * f)
        return f"resize({arg}, interp: {interp}, antialias: {aa})"

    def pad(self):
        px = self.i(1, 10)
        self.w, self.h = self.w + 2 * px, self.h + 2 * px
        return f"pad(px: {px}, mode: {self.forced_pad_mode or self.pick('constant', 'reflect', 'edge')})"

    def statement(self):
        """One statement's text (without its label)."""
        shape_keeping = ["hflip", "vflip", "affine", "shear_x", "shear_y", "translate_x", "translate_y",
                         "perspective"]
        if self.coin(0.08):  # a choice between shape-keeping ops
            a, b = self.rng.choice(shape_keeping, 2, replace=False)
            return "one_of", [self.call(a), self.call(b)]
        ops = shape_keeping + ["rotate", "crop", "center_crop", "random_crop", "random_resized_crop", "resize",
                               "pad"]
        # small images: no more shrinking crops
        if min(self.w, self.h) < 60:
            ops = [o for o in ops if o not in CROPS] + ["resize"]
        if max(self.w, self.h) > 140:
            ops = [o for o in ops if o not in ("pad", "rotate")] + ["center_crop", "random_crop"]
        return "call", self.call(str(self.rng.choice(ops)))

    def call(self, op):
        if op in ("shear_x", "shear_y", "translate_x", "translate_y"):
            kind, axis = op.split("_")
            return getattr(self, kind)(axis)
        return getattr(self, op)()


def make_policy(index, rng, h, w, ops=None, interp=None, pad_mode=None):
    """(name, text) of random policy `index` on schema G for an h x w sample: 1-4 random statements, or the ops
    `ops` in order with random arguments (`interp`, `pad_mode`: forced instead of drawn)."""
    gen = PolicyGen(rng, h, w, interp, pad_mode)
    lines = []
    for j in range(len(ops) if ops else int(rng.integers(1, 5))):
        kind, what = ("call", gen.call(ops[j])) if ops else gen.statement()
        p = " @p(0.5)" if rng.random() < 0.15 else ""
        if kind == "one_of":
            lines.append(f"  s{j}: one_of {{ s{j}a: {what[0]}  s{j}b: {what[1]} }}{p}")
        else:
            lines.append(f"  s{j}: {what}{p}")
    name = f"p{index}"
    return name, f"policy {name} on G {{\n" + "\n".join(lines) + "\n}\n"


# --- painted samples ------------------------------------------------------------------------------------------------


def disc(h, w, cx, cy, r=MARKER_RADIUS):
    """An anti-aliased disc (4 x 4 supersampled coverage, 255 = covered) centred at the continuous point (cx, cy)."""
    out = np.zeros((h, w), np.uint8)
    x0, x1 = max(0, int(cx - r) - 1), min(w, int(cx + r) + 2)
    y0, y1 = max(0, int(cy - r) - 1), min(h, int(cy + r) + 2)
    ys, xs = np.mgrid[y0:y1, x0:x1].astype(np.float64)
    sub = (np.arange(4) + 0.5) / 4
    acc = ((xs[..., None, None] + sub[None, None, None, :] - cx) ** 2
           + (ys[..., None, None] + sub[None, None, :, None] - cy) ** 2 <= r * r).sum(axis=(2, 3))
    out[y0:y1, x0:x1] = np.round(255 * acc / 16).astype(np.uint8)
    return out


def make_sample(rng, h, w, n_boxes=3, n_instances=2):
    """A random sample: boxes with integer corners, distinct class ids, keypoints, a class-map mask with classes 1..3,
    and their paintings: box k in channel k of `box_img`; keypoint k of instance n in channel k of `kp_imgs[n]`."""
    boxes = []
    for _ in range(n_boxes):
        bw, bh = int(rng.integers(8, 36)), int(rng.integers(8, 36))
        x1, y1 = int(rng.integers(0, w - bw + 1)), int(rng.integers(0, h - bh + 1))
        boxes.append([x1, y1, x1 + bw, y1 + bh])
    classes = [int(c) for c in rng.choice(64, n_boxes, replace=False)]
    pts = rng.uniform([4.5, 4.5], [w - 4.5, h - 4.5], size=(n_instances, K, 2))
    vis = rng.choice([2, 2, 2, 2, 2, 1, 0], size=(n_instances, K))
    keypoints = [[[float(pts[n, k, 0]), float(pts[n, k, 1]), int(vis[n, k])] for k in range(K)]
                 for n in range(n_instances)]
    mask = np.zeros((h, w), np.uint8)
    for cls in (1, 2, 3):
        if rng.random() < 0.5:
            mw, mh = int(rng.integers(10, w // 2)), int(rng.integers(10, h // 2))
            x, y = int(rng.integers(0, w - mw)), int(rng.integers(0, h - mh))
            mask[y:y + mh, x:x + mw] = cls
        else:
            r = rng.uniform(6, 20)
            cx, cy = rng.uniform(0, w), rng.uniform(0, h)
            ys, xs = np.mgrid[0:h, 0:w]
            mask[(xs + 0.5 - cx) ** 2 + (ys + 0.5 - cy) ** 2 <= r * r] = cls
    box_img = np.zeros((h, w, 3), np.uint8)
    for k, (x1, y1, x2, y2) in enumerate(boxes):
        box_img[y1:y2, x1:x2, k] = 255
    kp_imgs = [np.stack([disc(h, w, *pts[n, k]) for k in range(K)], axis=-1) for n in range(n_instances)]
    return dict(boxes=boxes, classes=classes, keypoints=keypoints, mask=mask, box_img=box_img, kp_imgs=kp_imgs)


# --- the projective model of each op and the replay of the record ---------------------------------------------------


def _translate(dx, dy):
    return np.array([[1.0, 0, dx], [0, 1.0, dy], [0, 0, 1]])


def _scale(sx, sy):
    return np.array([[sx, 0, 0], [0, sy, 0], [0, 0, 1.0]])


def _from_inverse_affine(inv6, hw_in, hw_out):
    """Forward 3x3 map of torchvision's affine grid: in = L (out - c_out) + t + c_in with (L, t) the inverse matrix
    in centred coordinates and c = (W/2, H/2) (F_t._gen_affine_grid, align_corners=False)."""
    (h, w), (h2, w2) = hw_in, hw_out
    A = np.array(inv6, dtype=np.float64).reshape(2, 3)
    L, t = A[:, :2], A[:, 2]
    c_in, c_out = np.array([w / 2, h / 2]), np.array([w2 / 2, h2 / 2])
    inv = np.eye(3)
    inv[:2, :2] = L
    inv[:2, 2] = t + c_in - L @ c_out
    return np.linalg.inv(inv)


def _homography(src, dst):
    """The 3x3 projective map taking the four points src onto dst (float64)."""
    a, b = [], []
    for (x, y), (u, v) in zip(src, dst):
        a.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        b.append(u)
        a.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        b.append(v)
    c = np.linalg.solve(np.array(a, dtype=np.float64), np.array(b, dtype=np.float64))
    return np.array([[c[0], c[1], c[2]], [c[3], c[4], c[5]], [c[6], c[7], 1.0]])


def op_matrix(op, a, hw_in, hw_out):
    """The continuous-coordinate map (3x3, projective) with which `op` resampled the pixels: pixel (i, j) covers
    [i, i+1) x [j, j+1). hw_in/hw_out: the image's (H, W) before and after (from the replay)."""
    (h, w), (h2, w2) = hw_in, hw_out
    if op == "hflip":
        return np.array([[-1.0, 0, w], [0, 1, 0], [0, 0, 1]])
    if op == "vflip":
        return np.array([[1.0, 0, 0], [0, -1, h], [0, 0, 1]])
    if op == "rotate":
        inv = F._get_inverse_affine_matrix([0.0, 0.0], -float(a["angle"]), [0.0, 0.0], 1.0, [0.0, 0.0])
        return _from_inverse_affine(inv, hw_in, hw_out)
    if op == "affine":
        shear = a.get("shear", [0.0, 0.0])
        shear = [float(shear), 0.0] if np.isscalar(shear) else [float(s) for s in shear]
        inv = F._get_inverse_affine_matrix([0.0, 0.0], float(a.get("angle", 0.0)),
                                           [float(t) for t in a.get("translate", [0, 0])],
                                           float(a.get("scale", 1.0)), shear)
        return _from_inverse_affine(inv, hw_in, hw_out)
    if op in ("shear_x", "shear_y"):
        deg = math.degrees(math.atan(float(a["amount"])))
        shear = [deg, 0.0] if op == "shear_x" else [0.0, deg]
        inv = F._get_inverse_affine_matrix([-0.5 * w, -0.5 * h], 0.0, [0.0, 0.0], 1.0, shear)
        return _from_inverse_affine(inv, hw_in, hw_out)
    if op == "translate_x":
        return _translate(int(a["px"]), 0)
    if op == "translate_y":
        return _translate(0, int(a["px"]))
    if op == "perspective":
        start, end = R._pairs(a["startpoints"]), R._pairs(a["endpoints"])
        return _homography(start, end)
    if op == "crop":
        return _translate(-int(a["x"]), -int(a["y"]))
    if op == "center_crop":
        ch, cw = R._hw(a["size"])
        pl = (cw - w) // 2 if cw > w else 0
        pt = (ch - h) // 2 if ch > h else 0
        ph, pw = h + pt + ((ch - h + 1) // 2 if ch > h else 0), w + pl + ((cw - w + 1) // 2 if cw > w else 0)
        if (ph, pw) == (ch, cw):
            return _translate(pl, pt)
        return _translate(pl - int(round((pw - cw) / 2.0)), pt - int(round((ph - ch) / 2.0)))
    if op == "random_crop":
        th, tw = R._hw(a["size"])
        p = int(a.get("padding", 0))
        hp, wp = h + 2 * p, w + 2 * p
        dx = p + (tw - wp if wp < tw else 0)
        dy = p + (th - hp if hp < th else 0)
        return _translate(dx - int(a["left"]), dy - int(a["top"]))
    if op == "random_resized_crop":
        return _scale(w2 / int(a["width"]), h2 / int(a["height"])) @ _translate(-int(a["left"]), -int(a["top"]))
    if op == "resize":
        return _scale(w2 / w, h2 / h)
    if op == "pad":
        return _translate(int(a["px"]), int(a["px"]))
    raise AssertionError(f"no model for `{op}`")


def apply_matrix(m, pts):
    pts = np.asarray(pts, dtype=np.float64).reshape(-1, 2)
    q = np.c_[pts, np.ones(len(pts))] @ m.T
    return q[:, :2] / q[:, 2:3]


def replay(record, mask, hw, painted=None, ignore=255):
    """Replays the geometric entries of a "params" record (colour ops are skipped: they move nothing).

    Returns (steps, expected mask, origin validity, painted output): steps = [(site, op, args, hw_in, hw_out)];
    the expected mask is the class map run through each op with nearest sampling as torchvision does, `ignore`
    where no source pixel lands (a reflect or edge pad reflects or repeats the mask too, as prims_image.aug's `pad`
    says: only `constant` fills masks with `ignore`; mask None: not computed); origin validity is True where an
    output pixel comes from the source image (pads replayed with constant mode, so reflected or repeated content is
    not valid); `painted` (CHW u8, optional) is replayed with the recorded arguments as they are."""
    h, w = hw
    ones = torch.ones(1, h, w, dtype=torch.uint8)
    m = None if mask is None else torch.cat([torch.from_numpy(mask)[None], ones])
    org = ones.clone()
    img = None if painted is None else torch.from_numpy(np.ascontiguousarray(painted))
    steps = []
    for site, entry in record.items():
        op = entry["op"]
        args = {k: v for k, v in entry.items() if k != "op"}
        if op in COLOUR:
            continue
        assert op in GEOMETRIC, f"the record has `{op}` (site {site}), which this test does not model"
        nearest = dict(args, interp="nearest", fill=0)
        hw_in = tuple(org.shape[-2:])
        if m is not None:
            m = R.OPS[op](m, nearest)
        org = R.OPS[op](org, dict(nearest, mode="constant") if op == "pad" else nearest)
        if img is not None:
            img = R.OPS[op](img, args)
        steps.append((site, op, args, hw_in, tuple(org.shape[-2:])))
    expected = None
    if m is not None:
        mm = m.numpy()
        expected = np.where(mm[1] == 1, mm[0], ignore).astype(np.uint8)
    return steps, expected, org.numpy()[0] == 1, (None if img is None else img.numpy())


def stretch(mat, hw_in):
    """The largest factor by which `mat` lengthens a short segment anywhere in the input frame (its Jacobian's
    2-norm, at the frame's corners and centre: for the projective maps here that bounds it)."""
    h, w = hw_in
    worst = 0.0
    for x, y in ((0, 0), (w, 0), (0, h), (w, h), (w / 2, h / 2)):
        p = np.array([x, y, 1.0])
        q = mat @ p
        jac = (mat[:2, :2] * q[2] - np.outer(q[:2], mat[2, :2])) / q[2] ** 2
        worst = max(worst, float(np.linalg.norm(jac, 2)))
    return worst


def legacy_nearest_offset(op, args):
    """Output pixels by which an op's pixels may sit off its continuous map. torchvision 0.14's NEAREST resize is
    PyTorch's legacy "nearest": output pixel c reads source pixel floor(c * in / out), so a source edge at X shows at
    ceil(X * out / in), up to one output pixel right of X * out / in, where the labels go (ops.md §1: boxes and
    keypoints scale by (w'/W, h'/H) exactly). The warps round to the nearest pixel symmetrically: no offset."""
    if op in ("resize", "random_resized_crop") and args.get("interp", "bilinear") == "nearest":
        return 1.0
    return 0.0


class Prediction:
    """What the projective model says the labels become. Per keypoint: its position, whether it must be visible
    (True / False / None: within EDGE_MARGIN of an edge at some step, either is right), whether it ever came within
    1.5 px of a frame edge, and the flip permutation (output index k holds source index perm[k]). Per box: its xyxy
    (None once surely dropped) and whether it must be kept (True / False / None: near a threshold, either is right).
    `crop_fractions`: the visible fractions the crops saw, for the failure messages."""

    def __init__(self, sample, steps):
        kp_in = sample.get("keypoints", [])
        n = len(kp_in)
        kps = np.array([[kp[:2] for kp in inst] for inst in kp_in], dtype=np.float64).reshape(n, K, 2)
        vis = np.array([[True if kp[2] > 0 else False for kp in inst] for inst in kp_in], dtype=object).reshape(n, K)
        near_edge = np.zeros((n, K), bool)
        perm = list(range(K))
        boxes = [[float(v) for v in b] for b in sample.get("boxes", [])]
        keep = [True] * len(boxes)
        self.crop_fractions = []
        self.slack = 0.0
        for site, op, args, hw_in, hw_out in steps:
            mat = op_matrix(op, args, hw_in, hw_out)
            h2, w2 = hw_out
            self.slack = self.slack * stretch(mat, hw_in) + legacy_nearest_offset(op, args)
            kps = apply_matrix(mat, kps.reshape(-1, 2)).reshape(n, K, 2)
            if op in ("hflip", "vflip"):
                for i, j in FLIP_PAIRS:
                    kps[:, [i, j]] = kps[:, [j, i]]
                    vis[:, [i, j]] = vis[:, [j, i]]
                    near_edge[:, [i, j]] = near_edge[:, [j, i]]
                    perm[i], perm[j] = perm[j], perm[i]
            x, y = kps[..., 0], kps[..., 1]
            dist = np.minimum(np.minimum(x, w2 - x), np.minimum(y, h2 - y))  # < 0: outside [0, W) x [0, H)
            near_edge |= dist < 1.5
            for idx in np.ndindex(n, K):
                if vis[idx] is False:
                    continue
                if dist[idx] <= -EDGE_MARGIN:
                    vis[idx] = False
                elif dist[idx] < EDGE_MARGIN:
                    vis[idx] = None
            for b, box in enumerate(boxes):
                if box is None:
                    continue
                corners = [(box[0], box[1]), (box[2], box[1]), (box[2], box[3]), (box[0], box[3])]
                q = apply_matrix(mat, corners)
                x1, y1, x2, y2 = q[:, 0].min(), q[:, 1].min(), q[:, 0].max(), q[:, 1].max()
                cx1, cy1, cx2, cy2 = max(x1, 0.0), max(y1, 0.0), min(x2, float(w2)), min(y2, float(h2))
                side = min(cx2 - cx1, cy2 - cy1)
                # this step's verdict: True keep, False drop, None either
                if side <= -EDGE_MARGIN:
                    verdict = False
                elif side < EDGE_MARGIN:
                    verdict = None
                else:
                    verdict = True
                if op in CROPS and verdict is not False:
                    v = float(args["min_visibility"])
                    frac = (cx2 - cx1) * (cy2 - cy1) / ((x2 - x1) * (y2 - y1))
                    self.crop_fractions.append(round(frac, 4))
                    if v > 0 and frac < v - VIS_MARGIN:
                        verdict = False
                    elif v > 0 and frac < v + VIS_MARGIN:
                        verdict = None
                if verdict is False:
                    keep[b], boxes[b] = False, None
                    continue
                if verdict is None:
                    keep[b] = None
                boxes[b] = [cx1, cy1, cx2, cy2]
        self.kps, self.vis, self.near_edge, self.perm = kps, vis, near_edge, perm
        self.boxes, self.keep = boxes, keep


# --- checks on one output --------------------------------------------------------------------------------------------


def _dilate(b):
    out = b.copy()
    out[1:] |= b[:-1]
    out[:-1] |= b[1:]
    out2 = out.copy()
    out2[:, 1:] |= out[:, :-1]
    out2[:, :-1] |= out[:, 1:]
    return out2


class Checker:
    """Collects failures (with the policy, seed and key) instead of stopping at the first one."""

    def __init__(self):
        self.failures = []

    def fail(self, ctx, msg):
        self.failures.append(f"{ctx['where']}: {msg}\n{ctx['policy']}")

    def report(self, limit=12):
        if self.failures:
            head = "\n\n".join(self.failures[:limit])
            pytest.fail(f"{len(self.failures)} label property failures; the first {min(limit, len(self.failures))}:"
                        f"\n\n{head}", pytrace=False)

    def check(self, ctx, sample, out, images, valid, pred, axis_only):
        """Checks the boxes, classes and keypoints of `out` (one run's result) against the input `sample`.

        images: the output pixels of the painted boxes ("a", HWC) and keypoint instances ("b", "c"); valid: the
        origin validity of replay(); pred: the projective model's Prediction; axis_only: only axis-aligned ops ran,
        so boxes must be tight."""
        if "boxes" in sample:
            self.check_boxes(ctx, sample, out, images, valid, pred, axis_only)
        if "keypoints" in sample:
            self.check_keypoints(ctx, sample, out, images, valid, pred)

    def check_boxes(self, ctx, sample, out, images, valid, pred, axis_only):
        boxes, classes = out.get("boxes"), out.get("classes")
        if boxes is None or classes is None:
            self.fail(ctx, f"boxes or classes missing from the output: {sorted(out)}")
            return
        if len(boxes) != len(classes):
            self.fail(ctx, f"{len(boxes)} boxes but {len(classes)} classes")
            return
        src = {c: k for k, c in enumerate(sample["classes"])}
        ks = []
        for c in classes:
            if c not in src:
                self.fail(ctx, f"class {c} is not one of the input's {sample['classes']}")
                return
            ks.append(src[c])
        if ks != sorted(set(ks)):
            self.fail(ctx, f"boxes reordered or duplicated: classes {classes} from {sample['classes']}")
            return
        h, w = valid.shape
        for k in range(len(sample["boxes"])):
            tally("boxes checked")
            expected, keep = pred.boxes[k], pred.keep[k]
            if k not in ks:
                if keep is True:
                    self.fail(ctx, f"box {k} {sample['boxes'][k]} (class {sample['classes'][k]}) was dropped; the "
                                   f"model keeps it as {np.round(expected, 3).tolist()} (crop visible fractions "
                                   f"seen: {np.round(pred.crop_fractions, 3).tolist()})")
                continue
            box = [float(v) for v in boxes[ks.index(k)]]
            if keep is False:
                self.fail(ctx, f"box {k} {sample['boxes'][k]} (class {sample['classes'][k]}) should be dropped, got "
                               f"{box} (crop visible fractions seen: {np.round(pred.crop_fractions, 3).tolist()})")
                continue
            if not (0 <= box[0] < box[2] <= w and 0 <= box[1] < box[3] <= h):
                self.fail(ctx, f"box {k} {box} is not a box with area inside the {w}x{h} frame")
            if expected is not None and max(abs(a - b) for a, b in zip(box, expected)) > COORD_TOL:
                self.fail(ctx, f"box {k} {sample['boxes'][k]}: got {np.round(box, 3).tolist()}, the projective "
                               f"model gives {np.round(expected, 3).tolist()}")
            region = (images["a"][..., k] >= 128) & valid
            if not region.any():
                if axis_only and (box[2] - box[0]) >= 1.5 and (box[3] - box[1]) >= 1.5:
                    self.fail(ctx, f"box {k} {np.round(box, 3).tolist()} kept but its painted region is gone")
                continue
            rows, cols = np.nonzero(region)
            tally("box regions checked")
            slack = BOX_SLACK + pred.slack
            if (cols.min() + 0.5 < box[0] - slack or cols.max() + 0.5 > box[2] + slack
                    or rows.min() + 0.5 < box[1] - slack or rows.max() + 0.5 > box[3] + slack):
                self.fail(ctx, f"box {k} {np.round(box, 3).tolist()} does not enclose its painted region, columns "
                               f"{cols.min()}..{cols.max()}, rows {rows.min()}..{rows.max()}")
            elif axis_only:
                tally("tight boxes checked")
                tight = [cols.min(), rows.min(), cols.max() + 1, rows.max() + 1]
                if max(abs(a - b) for a, b in zip(box, tight)) > slack:
                    self.fail(ctx, f"box {k} {np.round(box, 3).tolist()} is not tight around its painted region "
                                   f"{tight} (axis-aligned ops only)")
        for k in range(len(sample["boxes"])):
            if k not in ks and not ctx["has_crop"] and pred.keep[k] is not None:
                region = (images["a"][..., k] >= 128) & valid
                if region.sum() >= 4:
                    self.fail(ctx, f"box {k} dropped without a crop while {region.sum()} pixels of it are visible")

    def check_keypoints(self, ctx, sample, out, images, valid, pred):
        kps = out.get("keypoints")
        n = len(sample["keypoints"])
        if kps is None or len(kps) != n or any(len(inst) != K for inst in kps):
            self.fail(ctx, f"keypoints should stay {n} instances of {K}: got {kps}")
            return
        h, w = valid.shape
        for i in range(n):
            for k in range(K):
                tally("keypoints checked")
                x, y, v = (float(t) for t in kps[i][k])
                src = pred.perm[k]
                v_in = sample["keypoints"][i][src][2]
                must = pred.vis[i, k]
                what = f"keypoint {k} of instance {i} (source index {src}, input {sample['keypoints'][i][src]})"
                if v > 0 and v != v_in:
                    self.fail(ctx, f"{what}: visibility {v} should stay {v_in} or become 0")
                if v > 0 and not (0 <= x < w and 0 <= y < h):
                    self.fail(ctx, f"{what}: visible at ({x:.3f}, {y:.3f}), outside the {w}x{h} frame")
                if must is True and v == 0:
                    self.fail(ctx, f"{what}: visibility 0, but the model keeps it inside the frame at "
                                   f"{np.round(pred.kps[i, k], 3).tolist()}")
                if must is False and v > 0:
                    self.fail(ctx, f"{what}: visible at ({x:.3f}, {y:.3f}), but it left the frame (model "
                                   f"{np.round(pred.kps[i, k], 3).tolist()}) or was not visible")
                if v > 0 and must is not False:
                    err = math.hypot(x - pred.kps[i, k, 0], y - pred.kps[i, k, 1])
                    if err > COORD_TOL:
                        self.fail(ctx, f"{what}: at ({x:.3f}, {y:.3f}), the projective model gives "
                                       f"{np.round(pred.kps[i, k], 3).tolist()}")
                if v == 0:
                    continue
                chan = images["bc"[i]][..., src].astype(np.float64) * valid
                support = chan > 0
                if not support.any():
                    if not pred.near_edge[i, k]:
                        self.fail(ctx, f"{what}: visible at ({x:.3f}, {y:.3f}) but its marker vanished")
                    continue
                clipped = (support[0].any() or support[-1].any() or support[:, 0].any() or support[:, -1].any()
                           or (_dilate(support) & ~valid).any())
                if clipped:
                    continue
                ys, xs = np.mgrid[0:h, 0:w]
                mass = chan.sum()
                cx, cy = (chan * (xs + 0.5)).sum() / mass, (chan * (ys + 0.5)).sum() / mass
                err = math.hypot(cx - x, cy - y)
                tally("keypoint markers checked")
                record_max("max keypoint-marker error (px)", err)
                record_max("max keypoint-marker error beyond the nearest-resize allowance (px)", err - pred.slack)
                if err > KP_TOL + pred.slack:
                    self.fail(ctx, f"{what}: at ({x:.3f}, {y:.3f}), {err:.2f} px from its marker's centroid "
                                   f"({cx:.3f}, {cy:.3f}); allowed {KP_TOL + pred.slack:.2f}")

    def check_mask(self, ctx, got, expected):
        tally("masks checked")
        if got is None:
            self.fail(ctx, "no mask in the output")
            return
        got = np.asarray(got)
        if got.shape != expected.shape:
            self.fail(ctx, f"mask shape {got.shape}, the torchvision replay gives {expected.shape}")
            return
        diff = got != expected
        if not diff.any():
            return
        # Nearest sampling may round a tie the other way (ops.md §7: 99.9% identical): a differing pixel must hold a
        # value of the reference's 3x3 neighbourhood, on at most 0.1% of the pixels.
        pad = np.pad(expected.astype(np.int32), 1, constant_values=-1)
        h, w = expected.shape
        neigh = np.stack([pad[dy:dy + h, dx:dx + w] for dy in range(3) for dx in range(3)])
        explained = (neigh == got[None].astype(np.int32)).any(axis=0)
        record_max("mask pixels differing (%)", 100 * diff.mean())
        if (~explained & diff).any() or diff.mean() > 0.001:
            ys, xs = np.nonzero(diff)
            self.fail(ctx, f"mask differs from the torchvision replay on {diff.sum()} of {diff.size} pixels "
                           f"(first at row {ys[0]}, col {xs[0]}: got {got[ys[0], xs[0]]}, expected "
                           f"{expected[ys[0], xs[0]]}; unexplained by a tie: {(~explained & diff).sum()})")


def variants(record):
    """The op variants a record ran, e.g. "rotate expand bilinear", "pad reflect", "resize shorter+longer"."""
    out = []
    for e in record.values():
        op = e["op"]
        out.append(op)
        if "interp" in e:
            out.append(f"{op} {e['interp']}")
        if op == "rotate":
            out.append(f"rotate expand={e.get('expand', False)}")
        elif op == "pad":
            out.append(f"pad {e.get('mode', 'constant')}")
        elif op == "random_crop" and e.get("padding", 0) > 0:
            out.append("random_crop with padding")
        elif op == "resize":
            if "size" in e:
                out.append("resize size " + ("[h, w]" if isinstance(e["size"], list) else "int"))
            else:
                out.append("resize " + "+".join(k for k in ("shorter", "longer") if k in e))
    return out


# Every op of ops.md §1 but elastic (masks only), in the variants the brief of this test names.
REQUIRED_VARIANTS = GEOMETRIC | {
    "rotate expand=True", "rotate expand=False", "rotate nearest", "rotate bilinear", "affine nearest",
    "affine bilinear", "perspective nearest", "perspective bilinear", "random_crop with padding",
    "random_resized_crop nearest", "random_resized_crop bilinear", "random_resized_crop bicubic",
    "resize size int", "resize size [h, w]", "resize shorter", "resize longer", "resize shorter+longer",
    "resize nearest", "resize bilinear", "resize bicubic", "pad constant", "pad reflect", "pad edge"}


# --- the random policies through the Python API ---------------------------------------------------------------------

SIZES = [(80, 96), (96, 80), (72, 88), (90, 90), (64, 100)]


def policy_batches(tmp_path):
    """Writes the random policies, POLICIES_PER_FILE to a file: [(path, [(name, text, seed, (h, w))])]."""
    rng = np.random.default_rng(20240611)
    batches = []
    for start in range(0, N_POLICIES, POLICIES_PER_FILE):
        entries, texts = [], []
        for index in range(start, min(N_POLICIES, start + POLICIES_PER_FILE)):
            hw = SIZES[int(rng.integers(len(SIZES)))]
            name, text = make_policy(index, rng, *hw)
            entries.append((name, text, int(rng.integers(0, 2**31)), hw))
            texts.append(text)
        path = tmp_path / f"random_{start // POLICIES_PER_FILE:03d}.aug"
        path.write_text(SCHEMA + "\n" + "\n".join(texts))
        batches.append((str(path), entries))
    return batches


def run_one(checker, policy, name, text, seed, hw, rng, key, epoch=0):
    """Applies `policy` to one painted sample and checks everything. Returns the record."""
    h, w = hw
    s = make_sample(rng, h, w)
    fields = {"a": s["box_img"], "b": s["kp_imgs"][0], "c": s["kp_imgs"][1], "mask": s["mask"],
              "boxes": s["boxes"], "classes": s["classes"], "keypoints": s["keypoints"]}
    ctx = {"where": f"policy {name}, seed {seed}, key {key!r}, epoch {epoch}, input {w}x{h}, sample "
                    f"{json.dumps({k: s[k] for k in ('boxes', 'classes', 'keypoints')})}", "policy": text}
    out = policy.apply(fields, key=key, epoch=epoch)
    record = out["params"]
    steps, expected_mask, valid, _ = replay(record, s["mask"], (h, w))
    ops = [op for _, op, _, _, _ in steps]
    ctx["has_crop"] = any(op in CROPS for op in ops)
    pred = Prediction(s, steps)
    images = {"a": out["a"], "b": out["b"], "c": out["c"]}
    hw_out = tuple(np.asarray(out["a"]).shape[:2])
    if hw_out != valid.shape:
        checker.fail(ctx, f"output size {hw_out}, the torchvision replay gives {valid.shape}")
        return record
    checker.check(ctx, s, out, images, valid, pred, axis_only=all(op in AXIS_ALIGNED for op in ops))
    checker.check_mask(ctx, out.get("mask"), expected_mask)
    return record


def test_random_geometric_policies(tmp_path):
    checker = Checker()
    rng = np.random.default_rng(7)
    op_counts = {}
    for path, entries in policy_batches(tmp_path):
        for name, text, seed, hw in entries:
            policy = auger.load(path, policy=name, seed=seed, exec_path="reference")
            assert policy.warnings == "", f"{name}: unexpected warnings\n{policy.warnings}\n{text}"
            record = run_one(checker, policy, name, text, seed, hw, rng, key=f"k{seed % 1000}", epoch=seed % 3)
            tally("random policies run")
            for v in variants(record):
                op_counts[v] = op_counts.get(v, 0) + 1
    checker.report()
    missing = REQUIRED_VARIANTS - set(op_counts)
    assert not missing, f"never run: {sorted(missing)}"


# --- stdlib transforms on detection and pose samples ----------------------------------------------------------------

STDLIB = """\
import std.vision

sample Det {
  image: image(rgb)
  mask: mask(4)
  boxes: boxes(xyxy)
  classes: class(64)[]
}

sample Pose {
  image: image(rgb)
  keypoints: keypoints(3, flip: [(0, 1)])
}

policy ra_det on Det { rand_augment(n: 2, magnitude: 9, boxes: enclose) }
policy ta_det on Det { trivial_augment(boxes: enclose) }
policy aa_det on Det { auto_augment(policy: imagenet, boxes: enclose) }
policy ra_pose on Pose { rand_augment(n: 2, magnitude: 15, boxes: enclose) }
policy ta_pose on Pose { trivial_augment(boxes: enclose) }
policy aa_pose on Pose { auto_augment(policy: imagenet, boxes: enclose) }
"""


def colour_keeps_markers(record):
    """Whether the colour ops that ran leave the painted markers analysable in auger's own output.

    The markers are one per channel, 0 outside, up to 255 inside. Kept: ops that map each channel on its own, keep
    0 at 0 and stay monotone with the top of the range above 128 (brightness with factor >= 0.6, posterize,
    autocontrast and equalize on such images, sharpness, which blurs or sharpens a disc symmetrically and keeps a
    box's inside above 128). Not kept: invert and solarize (the markers turn dark, or the background bright),
    contrast (it lifts the background to the mean grey), saturation and hue (they mix the channels, so one box
    leaks into another's channel). For those runs the pixel checks use a torchvision replay of the record's
    geometric ops on the painted input instead; the labels are still checked against the model and the mask
    against its replay, since colour ops move nothing."""
    for entry in record.values():
        op = entry["op"]
        if op in GEOMETRIC or op in ("posterize", "autocontrast", "equalize", "sharpness"):
            continue
        if op == "brightness" and float(entry["factor"]) >= 0.6:
            continue
        return False
    return True


def run_stdlib_one(checker, policy, name, text, seed, key, s):
    det = name.endswith("_det")
    if det:
        fields = {"image": s["box_img"], "mask": s["mask"], "boxes": s["boxes"], "classes": s["classes"]}
        painted, sample = s["box_img"], {k: s[k] for k in ("boxes", "classes")}
    else:
        fields = {"image": s["kp_imgs"][0], "keypoints": s["keypoints"]}
        painted, sample = s["kp_imgs"][0], {"keypoints": s["keypoints"]}
    h, w = s["mask"].shape
    ctx = {"where": f"stdlib policy {name}, seed {seed}, key {key!r}, input {w}x{h}, sample {json.dumps(sample)}",
           "policy": text, "has_crop": False}
    out = policy.apply(fields, key=key)
    record = out["params"]
    steps, expected_mask, valid, geo_only = replay(record, s["mask"] if det else None, (h, w),
                                                   painted=painted.transpose(2, 0, 1))
    if colour_keeps_markers(record):
        pixels = np.asarray(out["image"])
        tally("stdlib runs checked on auger's pixels")
    else:
        pixels = geo_only.transpose(1, 2, 0)
        tally("stdlib runs checked on replayed pixels")
    if pixels.shape[:2] != valid.shape:
        checker.fail(ctx, f"output size {pixels.shape[:2]}, the torchvision replay gives {valid.shape}")
        return
    ops = [op for _, op, _, _, _ in steps]
    checker.check(ctx, sample, out, {"a": pixels, "b": pixels}, valid, Prediction(sample, steps),
                  axis_only=all(op in AXIS_ALIGNED for op in ops))
    if det:
        checker.check_mask(ctx, out.get("mask"), expected_mask)
    tally("stdlib runs")


def test_stdlib_transforms(tmp_path):
    path = tmp_path / "stdlib.aug"
    path.write_text(STDLIB)
    checker = Checker()
    rng = np.random.default_rng(11)
    for name in ("ra_det", "ta_det", "aa_det", "ra_pose", "ta_pose", "aa_pose"):
        text = "policy " + name + " " + STDLIB.split(f"policy {name} ")[1].split("\n")[0]
        for seed in range(STDLIB_SEEDS):
            policy = auger.load(str(path), policy=name, seed=seed, exec_path="reference")
            assert policy.warnings == "", f"{name}: unexpected warnings\n{policy.warnings}"
            for j in range(STDLIB_KEYS):
                s = make_sample(rng, *SIZES[j % len(SIZES)], n_boxes=3, n_instances=1)
                run_stdlib_one(checker, policy, name, text, seed, f"s{seed}_{j}", s)
    checker.report()


# --- `auger apply` with sample files, fused and reference -----------------------------------------------------------

CLI_IGNORE = 200
CLI_SCHEMA = f"""\
sample D {{
  a: image(rgb)
  b: image(rgb)
  mask: mask(4, ignore: {CLI_IGNORE})
  boxes: boxes(xyxy)
  classes: class(64)[]
  keypoints: keypoints(3, flip: [(0, 1)])
}}
"""


# The fused path compiles one kernel per kernel structure (runtime/fused/kernel_spec.h) on first use, which takes
# seconds: the CLI policies are random arguments on a few op sequences, so that they share a few structures.
CLI_TEMPLATES = [
    (["hflip", "crop", "pad", "translate_x"], "nearest", "constant"),
    (["rotate", "random_crop"], "nearest", None),
    (["perspective", "vflip"], "bilinear", None),
    (["random_resized_crop", "hflip"], "bilinear", None),
    (["affine", "center_crop"], "bilinear", None),
]


def test_cli_apply_fused_and_reference(tmp_path, auger_bin):
    """~20 random policies through `auger apply` on sample JSON files (paths relative to the file): the reference
    path's labels pass the same checks, and the fused path writes the same labels and the same mask."""
    rng = np.random.default_rng(99)
    policies, samples = [], {}
    inputs = tmp_path / "in"
    inputs.mkdir()
    for index in range(CLI_POLICIES):
        hw = SIZES[index % len(SIZES)]
        ops, interp, pad_mode = CLI_TEMPLATES[index % len(CLI_TEMPLATES)]
        name, text = make_policy(index, rng, *hw, ops=ops, interp=interp, pad_mode=pad_mode)
        policies.append((name, text.replace(" on G ", " on D "), hw))
        s = make_sample(rng, *hw, n_boxes=3, n_instances=1)
        key = f"cli{index}"
        sub = inputs / key
        sub.mkdir()
        Image.fromarray(s["box_img"]).save(sub / "boxes.png")
        Image.fromarray(s["kp_imgs"][0]).save(sub / "kps.png")
        Image.fromarray(s["mask"]).save(sub / "mask.png")
        with open(sub / f"{key}.json", "w") as f:
            json.dump({"a": "boxes.png", "b": "kps.png", "mask": "mask.png", "boxes": s["boxes"],
                       "classes": s["classes"], "keypoints": s["keypoints"]}, f)
        samples[key] = s
    policy_file = tmp_path / "cli.aug"
    policy_file.write_text(CLI_SCHEMA + "\n" + "\n".join(t for _, t, _ in policies))

    checker = Checker()
    for index, (name, text, hw) in enumerate(policies):
        key = f"cli{index}"
        s = samples[key]
        results = {}
        for path in ("reference", "fused"):
            out_dir = tmp_path / f"out_{path}_{index}"
            proc = subprocess.run([auger_bin, "apply", str(policy_file), "--policy", name, "--seed", str(index),
                                   "--path", path, "--out", str(out_dir), str(inputs / key / f"{key}.json")],
                                  capture_output=True, text=True)
            assert proc.returncode == 0, f"{name} --path {path}:\n{proc.stderr}\n{text}"
            with open(out_dir / f"{key}.json") as f:
                record = json.load(f)
            pix = {field: np.asarray(Image.open(out_dir / f"{key}.{field}.png")) for field in ("a", "b", "mask")}
            results[path] = (record, pix)
        (ref, ref_pix), (fused, fused_pix) = results["reference"], results["fused"]
        ctx = {"where": f"auger apply --policy {name} --seed {index}, input {key}.json {hw[1]}x{hw[0]}",
               "policy": text}
        ref_labels, fused_labels = ({k: r.get(k) for k in ("boxes", "classes", "keypoints", "params")}
                                    for r in (ref, fused))
        if ref_labels != fused_labels:
            checker.fail(ctx, f"fused and reference labels differ:\nreference {json.dumps(ref_labels)}"
                              f"\nfused     {json.dumps(fused_labels)}")
        if not np.array_equal(ref_pix["mask"], fused_pix["mask"]):
            checker.fail(ctx, f"fused and reference masks differ on {(ref_pix['mask'] != fused_pix['mask']).sum()} "
                              f"pixels")
        steps, expected_mask, valid, _ = replay(ref["params"], s["mask"], hw, ignore=CLI_IGNORE)
        ops = [op for _, op, _, _, _ in steps]
        ctx["has_crop"] = any(op in CROPS for op in ops)
        sample = {k: s[k] for k in ("boxes", "classes", "keypoints")}
        pred = Prediction(sample, steps)
        images = {"a": ref_pix["a"], "b": ref_pix["b"]}
        if ref_pix["a"].shape[:2] != valid.shape:
            checker.fail(ctx, f"output size {ref_pix['a'].shape[:2]}, the torchvision replay gives {valid.shape}")
            continue
        checker.check(ctx, sample, ref, images, valid, pred, axis_only=all(op in AXIS_ALIGNED for op in ops))
        checker.check_mask(ctx, ref_pix["mask"], expected_mask)
        tally("cli policies run (fused and reference)")
    checker.report()


# --- a few exact cases at the conventions' edges ---------------------------------------------------------------------

EXACT = """\
sample E {
  image: image(rgb)
  boxes: boxes(xyxy)
  classes: class(64)[]
  keypoints: keypoints(3, flip: [(0, 1)])
}
policy e_flip on E { hflip() }
policy e_crop on E { crop(x: 10, y: 0, w: 50, h: 80, min_visibility: 0.5) }
policy e_pad_crop on E { pad(px: 4, mode: reflect)  crop(x: 0, y: 0, w: 20, h: 20, min_visibility: 0) }
"""

# policy -> (boxes in, keypoints in, boxes out, classes out, keypoints out); the image is 96 x 80 (W x H)
EXACT_CASES = {
    # x' = W - x: a point on the left edge lands on x = W, outside [0, W); the flip pair (0, 1) swaps
    "e_flip": ([[0, 5, 10, 15], [90, 0, 96, 80]], [[[0, 10, 2], [95.5, 20, 1], [48, 40, 2]]],
             [[86, 5, 96, 15], [0, 0, 6, 80]], [1, 2], [[[0.5, 20, 1], [96, 10, 0], [48, 40, 2]]]),
    # visible fraction exactly 0.5 stays (only a fraction below min_visibility drops); 9/19 drops; a box wholly
    # outside the window drops; x on the window's left edge is inside, on its right edge outside
    "e_crop": ([[0, 0, 20, 10], [0, 20, 19, 30], [70, 0, 80, 10]], [[[10, 5, 2], [60, 5, 2], [59.99, 79.99, 2]]],
             [[0, 0, 10, 10]], [1], [[[0, 5, 2], [50, 5, 0], [49.99, 79.99, 2]]]),
    # reflected pad content carries no labels: the box stays where its pixels are, clipped by the crop
    "e_pad_crop": ([[0, 0, 30, 8]], [[[1, 1, 2], [18, 1, 2], [2, 30, 2]]],
                 [[4, 4, 20, 12]], [1], [[[5, 5, 2], [22, 5, 0], [6, 34, 0]]]),
}


@pytest.mark.parametrize("name", sorted(EXACT_CASES))
def test_exact_cases(tmp_path, name):
    path = tmp_path / "exact.aug"
    path.write_text(EXACT)
    boxes, kps, want_boxes, want_classes, want_kps = EXACT_CASES[name]
    out = auger.load(str(path), policy=name, exec_path="reference").apply(
        {"image": np.zeros((80, 96, 3), np.uint8), "boxes": boxes, "classes": list(range(1, len(boxes) + 1)),
         "keypoints": kps}, key="x")
    assert out["classes"] == want_classes, out
    np.testing.assert_allclose(out["boxes"], want_boxes, atol=1e-9, err_msg=json.dumps(out["boxes"]))
    got = np.array(out["keypoints"], dtype=np.float64)
    want = np.array(want_kps, dtype=np.float64)
    assert (got[..., 2] == want[..., 2]).all(), f"visibilities {got[..., 2].tolist()}, expected {want[..., 2].tolist()}"
    visible = want[..., 2] > 0
    np.testing.assert_allclose(got[..., :2][visible], want[..., :2][visible], atol=1e-9)
