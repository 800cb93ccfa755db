"""Conformance of the geometric reference ops (ops.md §1) with torchvision 0.14's tensor backend.

Deterministic ops run through `auger-refop` and are compared with the torchvision function ops.md names, on real
photos at odd sizes, with the tolerance of ops.md §7 (`assert_conforms`). Ops that draw (perspective, random_crop,
random_resized_crop, elastic) are checked twice: with the drawn parameters fixed, the output equals torchvision's
deterministic functional on those parameters; and over 10,000 draws (`auger-refop --resolve-only`), the parameters
follow the distribution of torchvision's own `get_params` (two-sample Kolmogorov-Smirnov / chi-square, p > 0.001).
"""
import json
import subprocess

import numpy as np
import pytest
import torch
import torchvision.transforms as T
import torchvision.transforms.functional as F
from scipy import stats
from torchvision.transforms import InterpolationMode
from torchvision.transforms.autoaugment import _apply_op

from conftest import assert_conforms

SMALL = ["chelsea_97x131", "astronaut_257x190"]  # one with two odd sides, one with an odd and an even side
ALL = ["chelsea_97x131", "coffee_201x333", "astronaut_257x190", "chelsea_full"]


def tv(image):
    return torch.from_numpy(np.ascontiguousarray(image))


def as_f32(image):
    return np.ascontiguousarray(image.astype(np.float32) / 255)


def fill_list(fill, channels=3):
    return [float(fill)] * channels if np.isscalar(fill) else [float(f) for f in fill]


# --- flips ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL)
@pytest.mark.parametrize("op, ref", [("hflip", F.hflip), ("vflip", F.vflip)])
def test_flips(refop, photos, name, op, ref):
    img = photos[name]
    out, _ = refop(op, img)
    assert_conforms(out, ref(tv(img)).numpy(), f"{op} {name}")
    if name == "chelsea_97x131":
        out, _ = refop(op, as_f32(img))
        assert_conforms(out, ref(tv(as_f32(img))).numpy(), f"{op} f32 {name}")


# --- rotate and affine ----------------------------------------------------------------------------------------------


# Quarter turns of the 257 x 190 photo put every nearest sample on an exact .5 tie: the float32 detail matters.
@pytest.mark.parametrize("name, angle", [("chelsea_97x131", 30), ("chelsea_97x131", -90), ("chelsea_97x131", 180),
                                         ("astronaut_257x190", 90), ("astronaut_257x190", -90),
                                         ("astronaut_257x190", -45), ("astronaut_257x190", 17.3),
                                         ("astronaut_257x190", 180)])
@pytest.mark.parametrize("interp", ["nearest", "bilinear"])
@pytest.mark.parametrize("expand", [False, True])
def test_rotate(refop, photos, name, angle, interp, expand):
    img = photos[name]
    fill = [10, 200, 30] if expand else 0
    out, _ = refop("rotate", img, angle=angle, interp=interp, expand=expand, fill=fill)
    ref = F.rotate(tv(img), angle, InterpolationMode(interp), expand=expand, fill=fill_list(fill))
    assert_conforms(out, ref.numpy(), f"rotate {angle} {interp} expand={expand} {name}")


@pytest.mark.parametrize("angle", [90, -33.3])
@pytest.mark.parametrize("interp", ["nearest", "bilinear"])
def test_rotate_f32(refop, photos, angle, interp):
    img = as_f32(photos["astronaut_257x190"])
    out, _ = refop("rotate", img, angle=angle, interp=interp, expand=True, fill=0.5)
    ref = F.rotate(tv(img), angle, InterpolationMode(interp), expand=True, fill=[0.5] * 3)
    assert_conforms(out, ref.numpy(), f"rotate f32 {angle} {interp}")


AFFINE_CASES = [
    dict(angle=0, translate=[0, 0], scale=1.0, shear=[0, 0]),
    dict(angle=25, translate=[7, -12], scale=1.2, shear=[10, 0]),
    dict(angle=-90, translate=[0, 0], scale=1.0, shear=[0, 0]),
    dict(angle=-140, translate=[-20.5, 3], scale=0.7, shear=[-15, 20]),
    dict(angle=10, translate=[3, 4], scale=2.5, shear=[0, -30]),
]


@pytest.mark.parametrize("name", SMALL)
@pytest.mark.parametrize("case", range(len(AFFINE_CASES)))
@pytest.mark.parametrize("interp", ["nearest", "bilinear"])
def test_affine(refop, photos, name, case, interp):
    img = photos[name]
    p = AFFINE_CASES[case]
    out, _ = refop("affine", img, interp=interp, fill=[0, 128, 255], **p)
    ref = F.affine(tv(img), p["angle"], p["translate"], p["scale"], p["shear"], InterpolationMode(interp),
                   fill=[0.0, 128.0, 255.0])
    assert_conforms(out, ref.numpy(), f"affine {p} {interp} {name}")


def test_affine_fraction_translate(refop, photos):
    # A `%` translation is a fraction of the width / height, truncated like int().
    img = photos["chelsea_97x131"]
    out, args = refop("affine", img, angle=5, translate="[10%,-25%]")
    assert args["translate"] == [int(0.1 * 131), int(-0.25 * 97)]
    ref = F.affine(tv(img), 5.0, [13, -24], 1.0, [0.0, 0.0], fill=[0.0] * 3)
    assert_conforms(out, ref.numpy(), "affine translate %")


def test_affine_f32(refop, photos):
    img = as_f32(photos["coffee_201x333"])
    p = AFFINE_CASES[3]
    out, _ = refop("affine", img, interp="bilinear", fill=0.25, **p)
    ref = F.affine(tv(img), p["angle"], p["translate"], p["scale"], p["shear"], InterpolationMode.BILINEAR,
                   fill=[0.25] * 3)
    assert_conforms(out, ref.numpy(), "affine f32")


# --- RandAugment's shears and translations --------------------------------------------------------------------------


@pytest.mark.parametrize("op, tv_op", [("shear_x", "ShearX"), ("shear_y", "ShearY")])
@pytest.mark.parametrize("amount", [-0.3, 0.15, 0.99])
@pytest.mark.parametrize("interp", ["nearest", "bilinear"])
def test_shear(refop, photos, op, tv_op, amount, interp):
    img = photos["astronaut_257x190"]
    out, _ = refop(op, img, amount=amount, interp=interp, fill=[5, 6, 7])
    ref = _apply_op(tv(img), tv_op, amount, InterpolationMode(interp), [5.0, 6.0, 7.0])
    assert_conforms(out, ref.numpy(), f"{op} {amount} {interp}")


@pytest.mark.parametrize("op, tv_op, axis", [("translate_x", "TranslateX", 2), ("translate_y", "TranslateY", 1)])
@pytest.mark.parametrize("px", [12, -7.9, "15%", "-33%"])
def test_translate(refop, photos, op, tv_op, axis, px):
    img = photos["coffee_201x333"]
    out, args = refop(op, img, px=px, fill=9)
    magnitude = float(px[:-1]) / 100 * img.shape[axis] if isinstance(px, str) else px
    assert args["px"] == int(magnitude)  # resolved to whole pixels, truncated toward zero
    ref = _apply_op(tv(img), tv_op, magnitude, InterpolationMode.NEAREST, [9.0] * 3)
    assert_conforms(out, ref.numpy(), f"{op} {px}")


# --- perspective ----------------------------------------------------------------------------------------------------


def pairs(flat):
    return [[int(flat[i]), int(flat[i + 1])] for i in range(0, 8, 2)]


@pytest.mark.parametrize("name", ALL)
@pytest.mark.parametrize("distortion", [0.3, 0.9])
@pytest.mark.parametrize("interp", ["nearest", "bilinear"])
def test_perspective_with_drawn_corners(refop, photos, name, distortion, interp):
    img = photos[name]
    out, args = refop("perspective", img, _seed=7, _key=f"{name}{distortion}", distortion=distortion,
                      interp=interp, fill=[1, 2, 3])
    ref = F.perspective(tv(img), pairs(args["startpoints"]), pairs(args["endpoints"]), InterpolationMode(interp),
                        fill=[1.0, 2.0, 3.0])
    assert_conforms(out, ref.numpy(), f"perspective {distortion} {interp} {name}")


def test_perspective_f32(refop, photos):
    img = as_f32(photos["chelsea_97x131"])
    out, args = refop("perspective", img, _seed=3, distortion=0.6)
    ref = F.perspective(tv(img), pairs(args["startpoints"]), pairs(args["endpoints"]), fill=[0.0] * 3)
    assert_conforms(out, ref.numpy(), "perspective f32")


# --- crops ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("window", [(10, 20, 50, 40), (0, 0, 131, 97), (-15, 30, 80, 100), (100, -5, 60, 200)])
def test_crop(refop, photos, window):
    x, y, w, h = window
    img = photos["chelsea_97x131"]
    out, _ = refop("crop", img, x=x, y=y, w=w, h=h)
    assert_conforms(out, F.crop(tv(img), y, x, h, w).numpy(), f"crop {window}")
    out, _ = refop("crop", as_f32(img), x=x, y=y, w=w, h=h)
    assert_conforms(out, F.crop(tv(as_f32(img)), y, x, h, w).numpy(), f"crop f32 {window}")


@pytest.mark.parametrize("name", SMALL)
@pytest.mark.parametrize("size", [64, 97, [50, 51], [96, 130], [120, 140], 301, [20, 190]])
def test_center_crop(refop, photos, name, size):
    img = photos[name]
    out, _ = refop("center_crop", img, size=size)
    ref = F.center_crop(tv(img), size if isinstance(size, list) else [size, size])
    assert_conforms(out, ref.numpy(), f"center_crop {size} {name}")


def test_center_crop_fraction(refop, photos):
    img = photos["coffee_201x333"]
    out, args = refop("center_crop", img, size="50%")
    assert args["size"] == [100, 166]
    assert_conforms(out, F.center_crop(tv(img), [100, 166]).numpy(), "center_crop 50%")


def random_crop_reference(img, size, padding, top, left):
    """RandomCrop(size, padding, pad_if_needed=True).forward with get_params' (top, left) fixed."""
    th, tw = size
    if padding:
        img = F.pad(img, padding, 0, "constant")
    _, height, width = F.get_dimensions(img)
    if width < tw:
        img = F.pad(img, [tw - width, 0], 0, "constant")
    if height < th:
        img = F.pad(img, [0, th - height], 0, "constant")
    return F.crop(img, top, left, th, tw)


@pytest.mark.parametrize("size, padding", [([64, 80], 0), ([97, 131], 0), ([100, 90], 4), ([120, 150], 0),
                                           ([60, 200], 3)])
@pytest.mark.parametrize("seed", [1, 2])
def test_random_crop_with_drawn_window(refop, photos, size, padding, seed):
    img = photos["chelsea_97x131"]
    out, args = refop("random_crop", img, _seed=seed, size=size, padding=padding)
    ref = random_crop_reference(tv(img), size, padding, args["top"], args["left"])
    assert_conforms(out, ref.numpy(), f"random_crop {size} {padding}")


@pytest.mark.parametrize("name", SMALL)
@pytest.mark.parametrize("size, interp, antialias", [(224, "bilinear", True), ([64, 48], "bilinear", False),
                                                     ([100, 150], "bicubic", True), (32, "nearest", False),
                                                     (77, "bicubic", False)])
def test_random_resized_crop_with_drawn_window(refop, photos, name, size, interp, antialias):
    img = photos[name]
    out, args = refop("random_resized_crop", img, _seed=len(name), _key=str(size), size=size, interp=interp,
                      antialias=antialias)
    hw = size if isinstance(size, list) else [size, size]
    ref = F.resized_crop(tv(img), args["top"], args["left"], args["height"], args["width"], hw,
                         InterpolationMode(interp), antialias=antialias)
    assert_conforms(out, ref.numpy(), f"random_resized_crop {size} {interp} aa={antialias} {name}")


@pytest.mark.parametrize("scale, ratio", [([0.99, 1.0], [3.0, 4.0]), ([0.5, 1.0], [0.01, 0.01])])
def test_random_resized_crop_fallback(refop, photos, scale, ratio):
    # Ratios no window can take within ten tries: the centre-crop fallback, deterministic in torchvision too.
    img = photos["coffee_201x333"]
    _, args = refop("random_resized_crop", img, size=50, scale=scale, ratio=ratio)
    expected = T.RandomResizedCrop.get_params(tv(img), scale, ratio)
    assert (args["top"], args["left"], args["height"], args["width"]) == expected


# --- resize ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name, size", [("astronaut_257x190", [50, 70]), ("astronaut_257x190", [300, 500]),
                                        ("astronaut_257x190", [97, 200]), ("astronaut_257x190", 64),
                                        ("astronaut_257x190", 400), ("chelsea_97x131", [40, 130]),
                                        ("chelsea_97x131", 200)])
@pytest.mark.parametrize("interp, antialias", [("nearest", False), ("bilinear", False), ("bilinear", True),
                                               ("bicubic", False), ("bicubic", True)])
def test_resize(refop, photos, name, size, interp, antialias):
    img = photos[name]
    out, _ = refop("resize", img, size=size, interp=interp, antialias=antialias)
    ref = F.resize(tv(img), size, InterpolationMode(interp), antialias=antialias)
    assert_conforms(out, ref.numpy(), f"resize {size} {interp} aa={antialias} {name}")


@pytest.mark.parametrize("size, interp, antialias", [([60, 45], "bilinear", True), ([500, 301], "bicubic", False),
                                                     ([120, 77], "bilinear", False), ([33, 400], "nearest", False)])
def test_resize_f32(refop, photos, size, interp, antialias):
    img = as_f32(photos["astronaut_257x190"])
    out, _ = refop("resize", img, size=size, interp=interp, antialias=antialias)
    ref = F.resize(tv(img), size, InterpolationMode(interp), antialias=antialias)
    assert_conforms(out, ref.numpy(), f"resize f32 {size} {interp} aa={antialias}")


def test_resize_shorter_longer(refop, photos):
    img = photos["chelsea_full"]  # 300 x 451
    out, _ = refop("resize", img, shorter=200)
    assert_conforms(out, F.resize(tv(img), 200, antialias=True).numpy(), "resize shorter")
    out, _ = refop("resize", img, shorter=200, longer=250)  # torchvision's max_size
    assert_conforms(out, F.resize(tv(img), 200, max_size=250, antialias=True).numpy(), "resize shorter+longer")
    out, _ = refop("resize", img, longer=100)  # the longer side becomes 100, the shorter int(100 * 300 / 451)
    assert out.shape == (3, int(100 * 300 / 451), 100)
    assert_conforms(out, F.resize(tv(img), [66, 100], antialias=True).numpy(), "resize longer")
    out, args = refop("resize", img, size="50%")
    assert args["size"] == [150, 225]
    assert_conforms(out, F.resize(tv(img), [150, 225], antialias=True).numpy(), "resize 50%")


# --- pad ------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["constant", "reflect", "edge"])
@pytest.mark.parametrize("px", [1, 7, 96])
def test_pad(refop, photos, mode, px):
    img = photos["chelsea_97x131"]
    out, _ = refop("pad", img, px=px, mode=mode, fill=77)
    ref = F.pad(tv(img), px, 77, mode)
    assert_conforms(out, ref.numpy(), f"pad {px} {mode}")
    if px == 7:
        out, _ = refop("pad", as_f32(img), px=px, mode=mode, fill=0.5)
        assert_conforms(out, F.pad(tv(as_f32(img)), px, 0.5, mode).numpy(), f"pad f32 {px} {mode}")


def test_pad_fill_per_channel(refop, photos):
    img = photos["chelsea_97x131"]
    out, _ = refop("pad", img, px=3, fill=[1, 2, 3])
    for c in range(3):
        ref = F.pad(tv(img[c:c + 1]), 3, c + 1, "constant")
        assert_conforms(out[c:c + 1], ref.numpy(), f"pad fill channel {c}")


# --- elastic --------------------------------------------------------------------------------------------------------

M64 = (1 << 64) - 1


def _fmix64(k):
    k ^= k >> 33
    k = (k * 0xFF51AFD7ED558CCD) & M64
    k ^= k >> 33
    k = (k * 0xC4CEB9FE1A85EC53) & M64
    return k ^ (k >> 33)


def stream_hash(epoch, sample_key, site):
    """runtime/random/draw_stream.cpp's stream_hash: length-prefixed FNV-1a, then MurmurHash3's finaliser."""
    h = 0xCBF29CE484222325

    def feed(data):
        nonlocal h
        for b in data:
            h = ((h ^ b) * 0x100000001B3) & M64

    feed(epoch.to_bytes(8, "little"))
    for s in (sample_key, site):
        feed(len(s).to_bytes(8, "little"))
        feed(s.encode())
    return _fmix64(h)


def philox4x32_10(c0, c1, c2, c3, k0, k1):
    """Philox-4x32-10 on arrays of uint64 holding 32-bit words."""
    mask = np.uint64(0xFFFFFFFF)
    c = [np.asarray(x, dtype=np.uint64) & mask for x in (c0, c1, c2, c3)]
    k0, k1 = np.uint64(k0), np.uint64(k1)
    for _ in range(10):
        p0 = np.uint64(0xD2511F53) * c[0]
        p1 = np.uint64(0xCD9E8D57) * c[2]
        c = [((p1 >> np.uint64(32)) ^ c[1] ^ k0) & mask, p1 & mask, ((p0 >> np.uint64(32)) ^ c[3] ^ k1) & mask,
             p0 & mask]
        k0 = (k0 + np.uint64(0x9E3779B9)) & mask
        k1 = (k1 + np.uint64(0xBB67AE85)) & mask
    return c


def elastic_noise(seed, h, w):
    """The documented noise of `elastic` (runtime/ops/reference/warp.cpp, docs/stdlib-notes.md)."""
    hs = stream_hash(0, "elastic", "noise")
    idx = np.arange(h * w, dtype=np.uint64)
    words = philox4x32_10(idx, 0, hs & 0xFFFFFFFF, hs >> 32, seed & 0xFFFFFFFF, seed >> 32)
    u = lambda word: (word >> np.uint64(8)).astype(np.float32) * np.float32(2.0**-24)
    dx = u(words[0]) * np.float32(2) - np.float32(1)
    dy = u(words[2]) * np.float32(2) - np.float32(1)
    return dx.reshape(h, w), dy.reshape(h, w)


def elastic_displacement(dx, dy, alpha, sigma):
    """ElasticTransform.get_params (torchvision 0.14/0.15) on the given noise instead of torch.rand."""
    h, w = dx.shape
    out = []
    for d, size in ((dx, h), (dy, w)):
        d = torch.from_numpy(d)[None, None]
        if sigma > 0:
            k = int(8 * sigma + 1)
            k += 1 - k % 2
            d = F.gaussian_blur(d, [k, k], [sigma, sigma])
        out.append(d * alpha / size)
    return torch.concat(out, 1).permute([0, 2, 3, 1])


@pytest.mark.parametrize("alpha, sigma, interp", [(50.0, 5.0, "bilinear"), (120.0, 3.0, "nearest"),
                                                  (10.0, 0.0, "bilinear"), (300.0, 9.5, "bilinear")])
def test_elastic_formula(refop, photos, alpha, sigma, interp):
    img = photos["astronaut_257x190"]
    out, args = refop("elastic", img, _seed=11, alpha=alpha, sigma=sigma, interp=interp, fill=[3, 4, 5])
    seed = int(args["noise_seed"])
    disp = elastic_displacement(*elastic_noise(seed, *img.shape[1:]), alpha, sigma)
    ref = F.elastic_transform(tv(img), disp, InterpolationMode(interp), [3.0, 4.0, 5.0])
    assert_conforms(out, ref.numpy(), f"elastic {alpha} {sigma} {interp}")


def test_elastic_f32_and_determinism(refop, photos):
    # torch blurs the noise with a float32 conv2d whose summation order is oneDNN's; the last-bit differences of the
    # displacement are magnified by alpha * W / (2 H) into sample positions, so a small alpha keeps the f32
    # comparison meaningful at 1e-5 (alpha 40 already comes within 1e-5).
    img = as_f32(photos["chelsea_97x131"])
    out, args = refop("elastic", img, _seed=4, alpha=10.0, sigma=4.0)
    again, args2 = refop("elastic", img, _seed=4, alpha=10.0, sigma=4.0)
    assert args == args2 and np.array_equal(out, again)
    disp = elastic_displacement(*elastic_noise(int(args["noise_seed"]), *img.shape[1:]), 10.0, 4.0)
    ref = F.elastic_transform(tv(img), disp, InterpolationMode.BILINEAR, 0.0)
    assert_conforms(out, ref.numpy(), "elastic f32")


# --- distributions of the ops' own draws ----------------------------------------------------------------------------

N = 10_000


def resolve_many(refop_bin, tmp_path, op, shape, **args):
    src = tmp_path / "shape.npy"
    np.save(src, np.zeros(shape, np.uint8))
    argv = [refop_bin, op, str(src), str(tmp_path / "unused.npy"), "--seed", "20240601", "--resolve-only", str(N)]
    for k, v in args.items():
        v = "[" + ",".join(repr(float(x)) for x in v) + "]" if isinstance(v, (list, tuple)) else v
        argv.append(f"{k}={v}")
    proc = subprocess.run(argv, capture_output=True, text=True, check=True)
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(rows) == N
    return rows


def same_discrete(ours, theirs, what):
    values = sorted(set(ours) | set(theirs))
    table = np.array([[list(ours).count(v) for v in values], [list(theirs).count(v) for v in values]])
    if len(values) == 1:
        return
    _, p, _, _ = stats.chi2_contingency(table)
    assert p > 0.001, f"{what}: chi-square p = {p:.2g}"


def same_continuous(ours, theirs, what):
    p = stats.ks_2samp(ours, theirs).pvalue
    assert p > 0.001, f"{what}: Kolmogorov-Smirnov p = {p:.2g}"


@pytest.mark.parametrize("shape, scale, ratio", [((3, 300, 451), [0.08, 1.0], [3 / 4, 4 / 3]),
                                                 ((3, 97, 131), [0.5, 1.0], [0.5, 2.0])])
def test_random_resized_crop_distribution(refop_bin, tmp_path, shape, scale, ratio):
    rows = resolve_many(refop_bin, tmp_path, "random_resized_crop", shape, size=224, scale=scale, ratio=ratio)
    torch.manual_seed(0)
    dummy = torch.zeros(shape, dtype=torch.uint8)
    theirs = np.array([T.RandomResizedCrop.get_params(dummy, scale, ratio) for _ in range(N)])
    ours = np.array([[r["top"], r["left"], r["height"], r["width"]] for r in rows])
    for i, what in enumerate(["top", "left", "height", "width"]):
        same_continuous(ours[:, i], theirs[:, i], f"random_resized_crop {what}")
    same_continuous(ours[:, 2] * ours[:, 3], theirs[:, 2] * theirs[:, 3], "random_resized_crop area")


def test_random_crop_distribution(refop_bin, tmp_path):
    shape, size, padding = (3, 97, 131), [80, 120], 4
    rows = resolve_many(refop_bin, tmp_path, "random_crop", shape, size=size, padding=padding)
    torch.manual_seed(1)
    padded = torch.zeros((3, shape[1] + 2 * padding, shape[2] + 2 * padding), dtype=torch.uint8)
    theirs = np.array([T.RandomCrop.get_params(padded, size)[:2] for _ in range(N)])
    ours = np.array([[r["top"], r["left"]] for r in rows])
    same_discrete(ours[:, 0], theirs[:, 0], "random_crop top")
    same_discrete(ours[:, 1], theirs[:, 1], "random_crop left")


def test_perspective_distribution(refop_bin, tmp_path):
    shape, distortion = (3, 97, 131), 0.5
    rows = resolve_many(refop_bin, tmp_path, "perspective", shape, distortion=distortion)
    torch.manual_seed(2)
    theirs = np.array([sum(T.RandomPerspective.get_params(shape[2], shape[1], distortion)[1], [])
                       for _ in range(N)])
    ours = np.array([r["endpoints"] for r in rows])
    assert all(r["startpoints"] == [0, 0, 130, 0, 130, 96, 0, 96] for r in rows[:10])
    for i in range(8):
        same_discrete(ours[:, i], theirs[:, i], f"perspective endpoint coordinate {i}")
