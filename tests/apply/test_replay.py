"""Policy-level conformance through the real command (ops.md §7, language.md §11.11-11.12).

For each policy below, `auger apply --path reference` runs over 20 seeds on the photo fixtures; the "params" record
of every output (one entry per statement site that ran, in execution order) is replayed with torchvision 0.14's
tensor functional API (`torchvision_replay`) and the result is compared with the written pixels (ops.md §7). This
checks that the sampler hands each op the right arguments (units, `%` fractions, enums) in the right sequence. Each
entry is also checked against the policy: its op and arguments must be ones the policy can produce, with random
values inside their ranges — for the AutoAugment family, against torchvision's own tables (`_augmentation_space`,
`AutoAugment.policies`) rather than the stdlib's transcription of them.
"""
import importlib.util
import json
import math
import os
import re
import subprocess
from collections import Counter

import numpy as np
import pytest
from PIL import Image
from torchvision.transforms.autoaugment import AutoAugment, AutoAugmentPolicy, RandAugment, TrivialAugmentWide

import torchvision_replay as R
from conftest import ROOT

_spec = importlib.util.spec_from_file_location("conformance_conftest", os.path.join(ROOT, "tests/conformance/conftest.py"))
_conformance = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_conformance)
assert_conforms = _conformance.assert_conforms

SEEDS = range(20)
IMAGENET = os.path.join(ROOT, "examples/imagenet.aug")
IMAGENET_STD = [0.229, 0.224, 0.225]

HEADER = """import std.vision

sample S {
  image: image(rgb)
}
"""

POLICIES = {
    "auto.aug": """
policy aa on S {
  auto_augment(policy: imagenet)
}
""",
    "trivial.aug": """
policy ta on S {
  trivial_augment()
}
""",
    "jitter.aug": """
policy cj on S {
  color_jitter(brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1)
  to_float()
}
""",
    # Random arguments of every kind: angles in deg and rad, `%` sizes and translations, px, enums drawn with
    # choice, bools, lists of random values, @p.
    "geo.aug": """
policy geo on S {
  rotate(angle: uniform(-40deg, 40deg), interp: bilinear, fill: [10, 200, 30])
  affine(angle: uniform(-0.4rad, 0.4rad), translate: [uniform(-10%, 10%), uniform(-8%, 8%)],
         scale: log_uniform(0.8, 1.25), shear: [uniform(-15deg, 15deg), signed(5deg)],
         interp: choice(nearest, bilinear), fill: 77)
  translate_x(px: uniform(-20%, 20%))
  translate_y(px: signed(randint(3, 30) * 1px))
  shear_y(amount: uniform(-0.4, 0.4), interp: bilinear, fill: [0, 0, 255])
  hflip() @p(0.5)
  vflip() @p(0.5)
  perspective(distortion: uniform(0.1, 0.7), fill: [1, 2, 3]) @p(0.7)
  pad(px: randint(0, 16), mode: choice(constant, reflect, edge), fill: 9)
  center_crop(size: [uniform(75%, 95%), uniform(60%, 95%)])
  random_crop(size: randint(120, 220), padding: randint(0, 8))
  crop(x: randint(-10, 20), y: randint(-10, 20), w: randint(100, 150), h: randint(100, 150))
  resize(size: [randint(90, 200), randint(90, 200)], interp: choice(nearest, bilinear, bicubic),
         antialias: choice(true, false))
}
""",
}


@pytest.fixture(scope="module")
def policy_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("policies")
    for name, body in POLICIES.items():
        (d / name).write_text(HEADER + body)
    return d


@pytest.fixture(scope="module")
def inputs(photo_files):
    """name -> (path, CHW uint8 tensor as decoded)."""
    return {name: (path, R.load_chw(path)) for name, path in sorted(photo_files.items())}


def run_seeds(auger_bin, tmp_path, policy_file, policy, inputs, *flags):
    """Yields (seed, name, record, output array) for every seed and photo."""
    paths = [p for p, _ in inputs.values()]
    for seed in SEEDS:
        out = tmp_path / f"{policy}_{seed}"
        proc = subprocess.run([auger_bin, "apply", str(policy_file), "--policy", policy, *flags, "--out", str(out),
                               "--path", "reference", "--seed", str(seed), *paths], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        for name in inputs:
            with open(out / f"{name}.json") as f:
                record = json.load(f)
            if (out / f"{name}.npy").exists():
                pixels = np.load(out / f"{name}.npy")
            else:
                pixels = np.ascontiguousarray(np.asarray(Image.open(out / f"{name}.png").convert("RGB")).transpose(2, 0, 1))
            yield seed, name, record, pixels


def assert_f32_conforms(ours, ref, std, what):
    """ops.md §7 for f32 outputs of a u8 pipeline: within 1e-5, except that a u8 difference of one before
    `to_float` (allowed on <= 0.1% of values) shows up as 1/255/std after normalize."""
    assert ours.shape == ref.shape, f"{what}: shape {ours.shape} != reference {ref.shape}"
    assert ours.dtype == np.float32, f"{what}: dtype {ours.dtype}"
    diff = np.abs(ours.astype(np.float64) - ref.astype(np.float64))
    one_level = (1 / 255 / np.asarray(std, dtype=np.float64) + 1e-5).reshape(-1, 1, 1)
    assert (diff <= one_level).all(), f"{what}: max difference {diff.max()} exceeds one u8 level"
    off = float((diff > 1e-5).mean())
    assert off <= 0.001, f"{what}: {100 * off:.3f}% of values differ by more than 1e-5"


def replay_and_compare(record, image, pixels, what, std=(1.0, 1.0, 1.0)):
    ref, steps = R.replay(image, record["params"])
    ref = ref.numpy()
    if ref.dtype == np.uint8:
        assert_conforms(pixels, ref, what)
    else:
        assert_f32_conforms(pixels, ref, std, what)
    return steps


# --- range checks ---------------------------------------------------------------------------------------------------


def close(a, b, rel=1e-5):
    return abs(float(a) - float(b)) <= rel * max(1.0, abs(float(b)))


def within(x, lo, hi, what):
    assert lo <= x <= hi, f"{what}: {x} outside [{lo}, {hi}]"


def is_int(x):
    return float(x) == int(x)


def rounded_window_fits(a, b, area, scale, ratio):
    """a = round(sqrt(A * r)), b = round(sqrt(A / r)) for some A in area * scale and r in ratio (a necessary
    condition, from the rounding of each side by at most 0.5)."""
    a_lo, a_hi = (a - 0.5) * (b - 0.5) / area, (a + 0.5) * (b + 0.5) / area
    r_lo, r_hi = (a - 0.5) / (b + 0.5), (a + 0.5) / max(b - 0.5, 1e-9)
    return a_hi >= scale[0] and a_lo <= scale[1] and r_hi >= ratio[0] and r_lo <= ratio[1]


def check_random_resized_crop(a, shape, size, scale=(0.08, 1.0), ratio=(3 / 4, 4 / 3)):
    _, H, W = shape
    assert a["size"] == size and close(a["scale"][0], scale[0]) and close(a["scale"][1], scale[1])
    assert close(a["ratio"][0], ratio[0]) and close(a["ratio"][1], ratio[1])
    t, l, h, w = (a[k] for k in ("top", "left", "height", "width"))
    assert all(is_int(v) for v in (t, l, h, w))
    # torchvision's fallback (a centre crop) after ten failed tries
    in_ratio = W / H
    if in_ratio < ratio[0]:
        fw, fh = W, int(round(W / ratio[0]))
    elif in_ratio > ratio[1]:
        fh, fw = H, int(round(H * ratio[1]))
    else:
        fw, fh = W, H
    if (t, l, h, w) == ((H - fh) // 2, (W - fw) // 2, fh, fw):
        return
    assert 0 < w <= W and 0 < h <= H, f"random_resized_crop window {h}x{w} on {H}x{W}"
    assert 0 <= t <= H - h and 0 <= l <= W - w, f"random_resized_crop corner ({t}, {l}) for {h}x{w} on {H}x{W}"
    assert rounded_window_fits(w, h, H * W, scale, ratio), f"random_resized_crop {h}x{w} on {H}x{W}: not in scale/ratio"


def check_random_erasing(a, shape, scale=(0.02, 0.33), ratio=(0.3, 3.3), value=0):
    _, H, W = shape
    assert close(a["scale"][0], scale[0]) and close(a["scale"][1], scale[1])
    assert close(a["ratio"][0], ratio[0]) and close(a["ratio"][1], ratio[1])
    assert a["value"] == value and a["noise"] is False
    t, l, h, w = (a[k] for k in ("top", "left", "height", "width"))
    if not a["erased"]:
        assert (t, l, h, w) == (0, 0, H, W)
        return
    assert 0 < h < H and 0 < w < W, f"random_erasing {h}x{w} on {H}x{W}"
    assert 0 <= t <= H - h and 0 <= l <= W - w
    # torchvision: h = round(sqrt(A * r)), w = round(sqrt(A / r))
    assert rounded_window_fits(h, w, H * W, scale, ratio), f"random_erasing {h}x{w} on {H}x{W}: not in scale/ratio"


def check_perspective(a, shape, distortion_range):
    _, H, W = shape
    d = a["distortion"]
    within(d, *distortion_range, "perspective distortion")
    assert a["startpoints"] == [0, 0, W - 1, 0, W - 1, H - 1, 0, H - 1]
    dx, dy = int(d * (W // 2)), int(d * (H // 2))
    e = a["endpoints"]
    bounds = [(0, dx), (0, dy), (W - 1 - dx, W - 1), (0, dy), (W - 1 - dx, W - 1), (H - 1 - dy, H - 1), (0, dx),
              (H - 1 - dy, H - 1)]
    for v, (lo, hi) in zip(e, bounds):
        assert is_int(v)
        within(v, lo, hi, f"perspective corner of {H}x{W} at distortion {d}")


# torchvision's op names -> (our op, the argument that carries the magnitude)
TV_OPS = {
    "ShearX": ("shear_x", "amount"), "ShearY": ("shear_y", "amount"), "TranslateX": ("translate_x", "px"),
    "TranslateY": ("translate_y", "px"), "Rotate": ("rotate", "angle"), "Brightness": ("brightness", "factor"),
    "Color": ("saturation", "factor"), "Contrast": ("contrast", "factor"), "Sharpness": ("sharpness", "factor"),
    "Posterize": ("posterize", "bits"), "Solarize": ("solarize", "threshold"), "AutoContrast": ("autocontrast", None),
    "Equalize": ("equalize", None), "Invert": ("invert", None), "Identity": (None, None),
}


def tv_argument(tv_name, magnitude):
    """The argument torchvision's `_apply_op` effectively uses for this magnitude, in our op's terms."""
    if tv_name in ("TranslateX", "TranslateY"):
        return int(magnitude)
    if tv_name in ("Brightness", "Color", "Contrast", "Sharpness"):
        return 1.0 + magnitude
    if tv_name == "Posterize":
        return int(magnitude)
    return float(magnitude)


def check_autoaugment_entry(op, a, tv_name, magnitudes, signed, bins, what):
    """`op(a)` must be torchvision's `tv_name` at one of the magnitude bins `bins` (either sign when signed)."""
    expected_op, arg = TV_OPS[tv_name]
    assert expected_op is not None, f"{what}: Identity ran an op ({op})"
    assert op == expected_op, f"{what}: {op} where torchvision runs {tv_name}"
    if expected_op in ("shear_x", "shear_y", "translate_x", "translate_y", "rotate"):
        assert a["interp"] == "nearest" and a["fill"] == 0, f"{what}: interp/fill {a}"  # AutoAugment's defaults
    if arg is None:
        assert set(a) <= {"boxes"}, f"{what}: unexpected arguments {a}"
        return
    allowed = []
    for i in bins:
        m = float(magnitudes[i]) if magnitudes.ndim else float(magnitudes)
        allowed += [tv_argument(tv_name, m)] + ([tv_argument(tv_name, -m)] if signed else [])
    value = a[arg]
    if isinstance(allowed[0], int):
        assert is_int(value) and int(value) in allowed, f"{what}: {arg} = {value}, torchvision allows {sorted(set(allowed))}"
    else:
        assert any(close(value, v) for v in allowed), f"{what}: {arg} = {value}, torchvision allows {allowed}"


# --- the policies ---------------------------------------------------------------------------------------------------


def test_imagenet_train(auger_bin, tmp_path, inputs):
    space = RandAugment()._augmentation_space(31, (224, 224))
    names = list(space)  # torchvision's op order, which rand_augment's some_of lists in the same order
    seen = Counter()
    for seed, name, record, pixels in run_seeds(auger_bin, tmp_path, IMAGENET, "train", inputs):
        what = f"train seed {seed} {name}"
        params = record["params"]
        sites = list(params)
        assert re.fullmatch(r"0 (1 )?(2\.0\.\d+#0 )?(2\.0\.\d+#1 )?3 4( erase)?", " ".join(sites)), f"{what}: {sites}"
        steps = replay_and_compare(record, inputs[name][1], pixels, what, IMAGENET_STD)
        for site, op, a, shape in steps:
            seen[op] += 1
            if site == "0":
                assert op == "random_resized_crop" and a["interp"] == "bilinear" and a["antialias"] is True
                check_random_resized_crop(a, shape, 224)
            elif site == "1":
                assert op == "hflip"
            elif site.startswith("2.0."):
                k = int(site[4:].split("#")[0])
                check_autoaugment_entry(op, a, names[k], *space[names[k]], [9], f"{what} site {site}")
            elif site == "3":
                assert op == "to_float"
            elif site == "4":
                assert op == "normalize" and a["mean"] == [0.485, 0.456, 0.406] and a["std"] == IMAGENET_STD
            else:
                assert op == "random_erasing"
                check_random_erasing(a, shape)
    n = len(SEEDS) * len(inputs)
    assert seen["random_resized_crop"] == n and seen["normalize"] == n
    assert 0.3 * n < seen["hflip"] < 0.7 * n and 0.1 * n < seen["random_erasing"] < 0.45 * n, seen
    assert len(seen) >= 14, f"RandAugment ops seen: {seen}"  # rrc, hflip, ≥ 8 RandAugment ops, float, norm, erase


def test_imagenet_eval(auger_bin, tmp_path, inputs):
    for seed, name, record, pixels in run_seeds(auger_bin, tmp_path, IMAGENET, "eval", inputs):
        what = f"eval seed {seed} {name}"
        assert [e["op"] for e in record["params"].values()] == ["resize", "center_crop", "to_float", "normalize"]
        resize, crop = record["params"]["0"], record["params"]["1"]
        assert resize["shorter"] == 256 and "size" not in resize and crop["size"] == 224
        replay_and_compare(record, inputs[name][1], pixels, what, IMAGENET_STD)
        if seed > 2:
            break  # deterministic: a few seeds are enough


def test_auto_augment_imagenet(auger_bin, tmp_path, policy_dir, inputs):
    policies = AutoAugment(AutoAugmentPolicy.IMAGENET).policies
    seen_subpolicies, seen_ops = set(), Counter()
    for seed, name, record, pixels in run_seeds(auger_bin, tmp_path, policy_dir / "auto.aug", "aa", inputs):
        what = f"auto_augment seed {seed} {name}"
        sites = [re.fullmatch(r"0\.0\.imagenet\.(\d+)\.([01])", s) for s in record["params"]]
        assert all(sites), f"{what}: {list(record['params'])}"
        chosen = {int(m[1]) for m in sites}
        assert len(chosen) <= 1, f"{what}: ops of several sub-policies {chosen}"
        assert [int(m[2]) for m in sites] == sorted(int(m[2]) for m in sites)
        steps = replay_and_compare(record, inputs[name][1], pixels, what)
        _, H, W = inputs[name][1].shape
        space = AutoAugment()._augmentation_space(10, (H, W))
        for m, (site, op, a, _) in zip(sites, steps):
            tv_name, _, magnitude_id = policies[int(m[1])][int(m[2])]
            check_autoaugment_entry(op, a, tv_name, *space[tv_name], [magnitude_id] if magnitude_id is not None else [0],
                                    f"{what} site {site}")
            seen_ops[op] += 1
        seen_subpolicies |= chosen
    assert len(seen_subpolicies) >= 15, seen_subpolicies
    assert {"rotate", "posterize", "solarize", "equalize", "invert", "saturation"} <= set(seen_ops), seen_ops


def test_trivial_augment(auger_bin, tmp_path, policy_dir, inputs):
    space = TrivialAugmentWide()._augmentation_space(31)
    names = list(space)
    seen = Counter()
    for seed, name, record, pixels in run_seeds(auger_bin, tmp_path, policy_dir / "trivial.aug", "ta", inputs):
        what = f"trivial_augment seed {seed} {name}"
        assert len(record["params"]) <= 1 and all(re.fullmatch(r"0\.0\.\d+", s) for s in record["params"]), what
        steps = replay_and_compare(record, inputs[name][1], pixels, what)
        for site, op, a, _ in steps:
            k = int(site.split(".")[2])
            check_autoaugment_entry(op, a, names[k], *space[names[k]], range(31), f"{what} site {site}")
            seen[op] += 1
    assert len(seen) >= 9, seen


def test_color_jitter_then_to_float(auger_bin, tmp_path, policy_dir, inputs):
    order = ["brightness", "contrast", "saturation", "hue"]
    orders = Counter()
    for seed, name, record, pixels in run_seeds(auger_bin, tmp_path, policy_dir / "jitter.aug", "cj", inputs):
        what = f"color_jitter seed {seed} {name}"
        sites = list(record["params"])
        # every factor is > 0, so all four run, in the order of a random permutation (ColorJitter's randperm(4))
        assert sorted(sites[:4]) == ["0.0.0", "0.0.1", "0.0.2", "0.0.3"] and sites[4:] == ["1"], f"{what}: {sites}"
        steps = replay_and_compare(record, inputs[name][1], pixels, what)
        for site, op, a, _ in steps[:4]:
            assert op == order[int(site[-1])], f"{what}: {op} at {site}"
            if op == "hue":
                assert -0.1 <= a["shift"] < 0.1, f"{what}: hue {a}"
            else:
                assert 0.6 <= a["factor"] < 1.4, f"{what}: {op} {a}"
        assert steps[4][1] == "to_float"
        orders[tuple(op for _, op, _, _ in steps[:4])] += 1
    assert len(orders) >= 12, f"only {len(orders)} of 24 orders over {sum(orders.values())} samples"


def test_geometric_random_arguments(auger_bin, tmp_path, policy_dir, inputs):
    seen = Counter()
    for seed, name, record, pixels in run_seeds(auger_bin, tmp_path, policy_dir / "geo.aug", "geo", inputs):
        what = f"geo seed {seed} {name}"
        p = record["params"]
        assert re.fullmatch(r"0 1 2 3 4 (5 )?(6 )?(7 )?8 9 10 11 12", " ".join(p)), f"{what}: {list(p)}"
        steps = replay_and_compare(record, inputs[name][1], pixels, what)
        for site, op, a, (_, H, W) in steps:
            seen[op] += 1
            w = f"{what} {op}"
            if op == "rotate":
                within(a["angle"], -40, 40, w)
                assert a["interp"] == "bilinear" and a["fill"] == [10, 200, 30] and a["expand"] is False
            elif op == "affine":
                within(a["angle"], -math.degrees(0.4), math.degrees(0.4), w + " angle (rad -> deg)")
                tx, ty = a["translate"]
                assert is_int(tx) and is_int(ty), w
                within(tx, -0.1 * W, 0.1 * W, w + " translate x (% of the width)")
                within(ty, -0.08 * H, 0.08 * H, w + " translate y (% of the height)")
                within(a["scale"], 0.8, 1.25, w + " scale")
                within(a["shear"][0], -15, 15, w + " shear x")
                assert a["shear"][1] in (5, -5), w
                assert a["interp"] in ("nearest", "bilinear") and a["fill"] == 77
                seen["affine " + a["interp"]] += 1
            elif op == "translate_x":
                assert is_int(a["px"]), w
                within(a["px"], -0.2 * W, 0.2 * W, w + " (% of the width)")
            elif op == "translate_y":
                assert is_int(a["px"]) and 3 <= abs(a["px"]) <= 30, w
            elif op == "shear_y":
                within(a["amount"], -0.4, 0.4, w)
                assert a["interp"] == "bilinear" and a["fill"] == [0, 0, 255]
            elif op in ("hflip", "vflip"):
                assert site == {"hflip": "5", "vflip": "6"}[op]
            elif op == "perspective":
                check_perspective(a, (3, H, W), (0.1, 0.7))
                assert a["interp"] == "bilinear" and a["fill"] == [1, 2, 3]
            elif op == "pad":
                assert is_int(a["px"]) and 0 <= a["px"] <= 16 and a["fill"] == 9, w
                assert a["mode"] in ("constant", "reflect", "edge")
                seen["pad " + a["mode"]] += 1
            elif op == "center_crop":
                h, cw = a["size"]
                assert is_int(h) and is_int(cw), w
                within(h, int(0.75 * H), 0.95 * H, w + " height (% of the height)")
                within(cw, int(0.6 * W), 0.95 * W, w + " width (% of the width)")
            elif op == "random_crop":
                assert is_int(a["size"]) and 120 <= a["size"] <= 220 and 0 <= a["padding"] <= 8, w
                # pad_if_needed pads both sides by the missing amount
                hp, wp = (e + 2 * a["padding"] + 2 * max(0, a["size"] - e - 2 * a["padding"]) for e in (H, W))
                within(a["top"], 0, hp - a["size"], w + " top")
                within(a["left"], 0, wp - a["size"], w + " left")
            elif op == "crop":
                assert -10 <= a["x"] <= 20 and -10 <= a["y"] <= 20, w
                assert 100 <= a["w"] <= 150 and 100 <= a["h"] <= 150, w
            else:
                assert op == "resize", w
                assert all(is_int(v) and 90 <= v <= 200 for v in a["size"]), w
                assert a["interp"] in ("nearest", "bilinear", "bicubic") and a["antialias"] in (True, False)
                seen[f"resize {a['interp']} {a['antialias']}"] += 1
    n = len(SEEDS) * len(inputs)
    assert 0.5 * n < seen["perspective"] < 0.9 * n, seen
    assert all(seen[k] for k in ("hflip", "vflip", "affine nearest", "affine bilinear", "pad constant", "pad reflect",
                                 "pad edge", "resize bicubic True", "resize bilinear False")), seen


def test_list_mixing_percent_and_px(auger_bin, tmp_path, policy_dir, inputs):
    # affine's doc: "a `%` element is a fraction of the width for tx, of the height for ty" — per element.
    (policy_dir / "mixed.aug").write_text(HEADER + """
policy mixed on S {
  affine(translate: [10%, 5])
}
""")
    for seed, name, record, pixels in run_seeds(auger_bin, tmp_path, policy_dir / "mixed.aug", "mixed", inputs):
        _, H, W = inputs[name][1].shape
        assert record["params"]["0"]["translate"] == [int(0.1 * W), 5], f"{name}: {record['params']['0']}"
        break
