"""Parameter distributions of the random stdlib transforms against torchvision 0.14's own sampling (ops.md §7:
"a two-sample Kolmogorov–Smirnov test, or a chi-square test for discrete choices, over >= 10,000 draws at
p > 0.001").

Our side: `auger-draws` prints, for the sample keys k0…k9999, the ops a policy runs with their drawn (and resolved)
arguments. The reference side: the real torchvision transforms (RandAugment, TrivialAugmentWide, AutoAugment,
ColorJitter) run 10,000 times on a 3x224x224 uint8 tensor with `autoaugment._apply_op` (or the `adjust_*`
functionals) replaced by a recorder, so what is compared is torchvision's own sampling code, not a re-derivation.

Each draw becomes an event `(op, value)`, in our op names: torchvision's (name, magnitude) maps as `_apply_op` uses
it — Color is `saturation`, the blend factors are `1 + magnitude`, TranslateX/Y pass `int(magnitude)` pixels,
Posterize `int(magnitude)` bits; Identity (and RandAugment's Identity pick, which runs no op on our side) is
`("identity", None)`. Discrete choices (which op, which sign, which magnitude bin, which order) are compared with a
chi-square contingency test between the two samples; continuous factors with a two-sample KS test. Every value we
draw must also lie exactly (to float32 rounding) on the reference's support.
"""
import collections
import itertools
import json
import math
import os
import re
import subprocess
from unittest import mock

import numpy as np
import pytest
import torch
import torchvision.transforms as T
import torchvision.transforms.autoaugment as AA
import torchvision.transforms.functional as F
from scipy import stats

from conftest import _binary

N = 10_000
ALPHA = 1e-3
SHAPE = (3, 224, 224)
# Both samples are deterministic (our keys k0…k9999 at this --seed; torch.manual_seed(SEED)), so a build either
# always passes or always fails. A change in how draws are keyed reshuffles our sample: with ~85 independent tests
# at p > 0.001, a correct sampler then fails one of them by chance with about 8% probability. Before suspecting
# the sampler, rerun with another seed (AUGER_DIST_SEED=1 …); a real discrepancy fails at every seed.
SEED = int(os.environ.get("AUGER_DIST_SEED", "0"))
# A folder of std.* modules to draw from instead of the built-in copy (auger-draws --stdlib): to check that these
# tests catch a change to a stdlib table, edit a scratch copy of stdlib/std and point this at it.
STDLIB = os.environ.get("AUGER_DIST_STDLIB")

# torchvision op -> (our op, our argument holding the value, value from torchvision's magnitude)
TV_OPS = {
    "ShearX": ("shear_x", "amount", float),
    "ShearY": ("shear_y", "amount", float),
    "TranslateX": ("translate_x", "px", int),
    "TranslateY": ("translate_y", "px", int),
    "Rotate": ("rotate", "angle", float),
    "Brightness": ("brightness", "factor", lambda m: 1.0 + m),
    "Color": ("saturation", "factor", lambda m: 1.0 + m),
    "Contrast": ("contrast", "factor", lambda m: 1.0 + m),
    "Sharpness": ("sharpness", "factor", lambda m: 1.0 + m),
    "Posterize": ("posterize", "bits", int),
    "Solarize": ("solarize", "threshold", float),
    "AutoContrast": ("autocontrast", None, None),
    "Equalize": ("equalize", None, None),
    "Invert": ("invert", None, None),
}
VALUE_ARG = {ours: arg for ours, arg, _ in TV_OPS.values()}
IDENTITY = ("identity", None)
JITTER = ["brightness", "contrast", "saturation", "hue"]   # torchvision's fn_idx order
JITTER_ARG = {"brightness": "factor", "contrast": "factor", "saturation": "factor", "hue": "shift"}


def tv_event(op_name, magnitude):
    if op_name == "Identity":
        return IDENTITY
    ours, arg, conv = TV_OPS[op_name]
    return (ours, None if arg is None else conv(magnitude))


def our_event(item):
    arg = VALUE_ARG.get(item["op"], JITTER_ARG.get(item["op"]))
    if arg is None:
        return (item["op"], None)
    assert arg in item, f"{item['op']} without `{arg}`: {item}"
    return (item["op"], float(item[arg]))


# --- our side ---------------------------------------------------------------------------------------------------

POLICIES = {
    # name: (policy body, --set assignments)
    "rand_augment_m9": ("rand_augment(n: 2, magnitude: magnitude)", []),
    "rand_augment_m15": ("rand_augment(n: 2, magnitude: magnitude)", ["magnitude=15"]),
    "trivial_augment": ("trivial_augment()", []),
    "auto_augment_imagenet": ("auto_augment(policy: imagenet)", []),
    "auto_augment_cifar10": ("auto_augment(policy: cifar10)", []),
    "auto_augment_svhn": ("auto_augment(policy: svhn)", []),
    "color_jitter": ("color_jitter(brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1)", []),
}


@pytest.fixture(scope="session")
def draws_bin():
    return _binary("AUGER_DRAWS", os.path.join(os.path.dirname(__file__), "../../build/tests/harness/draws/auger-draws"))


@pytest.fixture(scope="session")
def ours(draws_bin, tmp_path_factory):
    """ours(name, n=N, shape=SHAPE) -> a list (one per sample key) of lists of op dicts, cached."""
    cache = {}
    root = tmp_path_factory.mktemp("draws")

    def run(name, n=N, shape=SHAPE):
        if (name, n, shape) in cache:
            return cache[name, n, shape]
        body, sets = POLICIES[name]
        src = root / f"{name}.aug"
        src.write_text("import std.vision\n"
                       "sample S { image: image(rgb) }\n"
                       f"policy p(magnitude: int in 0..30 = 9) on S {{\n  {body}\n}}\n")
        argv = [draws_bin, str(src), "--policy", "p", "--n", str(n), "--shape", "x".join(map(str, shape)),
                "--seed", str(SEED)]
        if STDLIB:
            argv += ["--stdlib", STDLIB]
        for s in sets:
            argv += ["--set", s]
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, f"{' '.join(argv)}:\n{proc.stderr}"
        samples = [json.loads(line) for line in proc.stdout.splitlines()]
        assert len(samples) == n
        cache[name, n, shape] = samples
        return samples

    return run


# --- the reference side -----------------------------------------------------------------------------------------

def tv_record(transform, n=N, shape=SHAPE, seed=SEED):
    """Runs an autoaugment-family transform n times; returns, per run, the list of (op_name, magnitude) that
    torchvision's `_apply_op` was called with (Identity included)."""
    calls = []

    def record(img, op_name, magnitude, interpolation, fill):
        calls.append((op_name, magnitude))
        return img

    torch.manual_seed(seed)
    img = torch.zeros(shape, dtype=torch.uint8)
    runs = []
    with mock.patch.object(AA, "_apply_op", record):
        for _ in range(n):
            calls.clear()
            transform(img)
            runs.append(list(calls))
    return runs


def tv_color_jitter(n=N, seed=SEED):
    """Runs the real ColorJitter(0.4, 0.4, 0.4, 0.1) n times with the four adjustments recorded."""
    calls = []

    def recorder(op):
        def adjust(img, factor):
            calls.append((op, float(factor)))
            return img
        return adjust

    patches = [mock.patch.object(F, f"adjust_{op}", recorder(op)) for op in JITTER]
    torch.manual_seed(seed)
    jitter = T.ColorJitter(brightness=0.4, contrast=0.4, saturation=0.4, hue=0.1)
    img = torch.zeros(SHAPE, dtype=torch.uint8)
    runs = []
    for p in patches:
        p.start()
    try:
        for _ in range(n):
            calls.clear()
            jitter(img)
            runs.append(list(calls))
    finally:
        for p in patches:
            p.stop()
    return runs


AA_POLICIES = {
    "imagenet": AA.AutoAugmentPolicy.IMAGENET,
    "cifar10": AA.AutoAugmentPolicy.CIFAR10,
    "svhn": AA.AutoAugmentPolicy.SVHN,
}

_REF = {}


def reference(name):
    if name not in _REF:
        if name.startswith("rand_augment_m"):
            _REF[name] = tv_record(AA.RandAugment(num_ops=2, magnitude=int(name[len("rand_augment_m"):])))
        elif name == "trivial_augment":
            _REF[name] = tv_record(AA.TrivialAugmentWide())
        elif name.startswith("auto_augment_"):
            _REF[name] = tv_record(AA.AutoAugment(AA_POLICIES[name[len("auto_augment_"):]]))
        elif name == "color_jitter":
            _REF[name] = tv_color_jitter()
    return _REF[name]


# --- statistics -------------------------------------------------------------------------------------------------

def support_of(ref_events):
    """op -> the sorted array of the values torchvision gives it."""
    support = collections.defaultdict(set)
    for op, v in ref_events:
        support[op].add(v)
    return {op: np.array(sorted(v for v in vals if v is not None)) for op, vals in support.items()}


def snap(ours_events, support):
    """Maps each of our values onto the reference's support value of the same op (they differ by float32
    rounding: torchvision's tables are float32 `linspace`s); asserts every one of ours has such a value.
    Returns our events with the reference's values."""
    out, stray = [], collections.Counter()
    for op, v in ours_events:
        if v is None or op not in support or len(support[op]) == 0:
            out.append((op, v))
            continue
        near = support[op][np.argmin(np.abs(support[op] - v))]
        if abs(near - v) <= 1e-5 * max(1.0, abs(v)):
            out.append((op, float(near)))
        else:
            stray[op, v] += 1
            out.append((op, v))
    assert not stray, f"values off the reference's support: {dict(stray.most_common(10))}"
    return out


def chi2_two_sample(ours_cats, ref_cats, what, min_expected=5.0):
    """Chi-square contingency test that two samples of categories come from one distribution. Categories whose
    expected count is under `min_expected` in either sample are pooled into one 'rare' cell."""
    a, b = collections.Counter(ours_cats), collections.Counter(ref_cats)
    na, nb = sum(a.values()), sum(b.values())
    assert na > 0 and nb > 0, what
    cats = sorted(set(a) | set(b), key=repr)
    frac = min(na, nb) / (na + nb)
    common = [c for c in cats if (a[c] + b[c]) * frac >= min_expected]
    rare = [c for c in cats if c not in common]
    rows = [[a[c] for c in common], [b[c] for c in common]]
    if rare:
        rows[0].append(sum(a[c] for c in rare))
        rows[1].append(sum(b[c] for c in rare))
    table = np.array(rows, dtype=float)
    if table.shape[1] < 2:
        return 1.0
    chi2, p, dof, expected = stats.chi2_contingency(table, correction=False)
    if p <= ALPHA:
        contrib = ((table - expected) ** 2 / expected).sum(axis=0)
        labels = common + (["<rare>"] if rare else [])
        worst = sorted(zip(contrib, labels, table[0], table[1]), key=lambda t: -t[0])[:8]
        detail = "; ".join(f"{lab!r}: ours {int(x)} vs torchvision {int(y)}" for _, lab, x, y in worst)
        pytest.fail(f"{what}: chi2 = {chi2:.1f}, dof = {dof}, p = {p:.3g} <= {ALPHA}. Largest cells: {detail}")
    return p


def ks_two_sample(ours_values, ref_values, what):
    res = stats.ks_2samp(np.asarray(ours_values), np.asarray(ref_values))
    assert res.pvalue > ALPHA, f"{what}: KS D = {res.statistic:.4f}, p = {res.pvalue:.3g} <= {ALPHA}"
    return res.pvalue


def values_by_op(events):
    out = collections.defaultdict(list)
    for op, v in events:
        if v is not None:
            out[op].append(v)
    return out


# --- RandAugment ------------------------------------------------------------------------------------------------

def rand_augment_picks(samples, n_ops=2):
    """Per sample, the events of picks #0…#(n_ops-1) (a pick with no op is Identity)."""
    out = []
    for ops in samples:
        picks = [IDENTITY] * n_ops
        seen = set()
        for item in ops:
            site = item["site"]
            assert "#" in site, f"a rand_augment op without a pick suffix: {item}"
            k = int(site.rsplit("#", 1)[1])
            assert 0 <= k < n_ops and k not in seen, f"pick #{k} twice or out of range in {ops}"
            seen.add(k)
            picks[k] = our_event(item)
        out.append(picks)
    return out


@pytest.mark.parametrize("magnitude", [9, 15])
def test_rand_augment(ours, magnitude):
    name = f"rand_augment_m{magnitude}"
    ref = [[tv_event(*c) for c in run] for run in reference(name)]
    assert all(len(r) == 2 for r in ref)
    mine = rand_augment_picks(ours(name))
    flat_ref = [e for r in ref for e in r]
    support = support_of(flat_ref)
    mine = [snap(picks, support) for picks in mine]
    # Which op each pick chose (Identity included): each pick alone, then the ordered pair (independence).
    for k in range(2):
        chi2_two_sample([m[k][0] for m in mine], [r[k][0] for r in ref], f"{name}: op of pick #{k}")
    chi2_two_sample([(m[0][0], m[1][0]) for m in mine], [(r[0][0], r[1][0]) for r in ref],
                    f"{name}: ordered pair of ops")
    # Each op's values (the sign of signed ops; the fixed magnitude), both picks pooled.
    flat_mine = [e for m in mine for e in m]
    vm, vr = values_by_op(flat_mine), values_by_op(flat_ref)
    assert set(vm) == set(vr), f"{name}: ops with values {sorted(vm)} vs torchvision {sorted(vr)}"
    for op in vr:
        assert set(vm[op]) == set(vr[op]), f"{name}: {op} values {sorted(set(vm[op]))} vs {sorted(set(vr[op]))}"
        chi2_two_sample(vm[op], vr[op], f"{name}: {op} value")


@pytest.mark.parametrize("magnitude, expected", [
    (9, {"shear_x": 0.09, "shear_y": 0.09, "rotate": 9.0, "translate_x": 30, "translate_y": 30,
         "brightness": 0.27, "saturation": 0.27, "contrast": 0.27, "sharpness": 0.27,
         "posterize": 7, "solarize": 178.5}),
    (15, {"shear_x": 0.15, "shear_y": 0.15, "rotate": 15.0, "translate_x": 50, "translate_y": 50,
          "brightness": 0.45, "saturation": 0.45, "contrast": 0.45, "sharpness": 0.45,
          "posterize": 6, "solarize": 127.5}),
])
def test_rand_augment_exact_magnitudes(ours, magnitude, expected):
    """RandAugment's fixed bin: 0.3 * m / 30 shear, 30deg * m / 30, int(150/331 * 224 * m / 30) pixels, factor
    1 ± 0.9 * m / 30, 8 - round(4 m / 30) bits, 255 - 255 m / 30; signed ops take both signs."""
    values = collections.defaultdict(set)
    for ops in ours(f"rand_augment_m{magnitude}"):
        for item in ops:
            op, v = our_event(item)
            if v is not None:
                values[op].add(v)
    assert set(values) == set(expected)
    for op, x in expected.items():
        got = sorted(values[op])
        if op in ("brightness", "saturation", "contrast", "sharpness"):
            want = [1 - x, 1 + x]
        elif op in ("posterize", "solarize"):
            want = [x]
        else:
            want = [-x, x]
        assert len(got) == len(want) and all(math.isclose(g, w, rel_tol=1e-12, abs_tol=1e-12)
                                              for g, w in zip(got, want)), f"m={magnitude} {op}: {got} != {want}"
    # Integer arguments are printed as integers.
    for ops in ours(f"rand_augment_m{magnitude}")[:200]:
        for item in ops:
            if item["op"] in ("translate_x", "translate_y"):
                assert isinstance(item["px"], int), item
            if item["op"] == "posterize":
                assert isinstance(item["bits"], int), item


def test_rand_augment_translate_follows_width_and_height(ours):
    """TranslateX is a fraction of the width, TranslateY of the height (torchvision's image_size[1] / [0]); on a
    non-square image the two differ: int(150/331 * 240 * 0.3) = 32, int(150/331 * 160 * 0.3) = 21."""
    samples = ours("rand_augment_m9", n=1000, shape=(3, 160, 240))
    px = collections.defaultdict(set)
    for ops in samples:
        for item in ops:
            if item["op"] in ("translate_x", "translate_y"):
                px[item["op"]].add(item["px"])
    assert px == {"translate_x": {-32, 32}, "translate_y": {-21, 21}}
    ref = tv_record(AA.RandAugment(2, 9), n=1000, shape=(3, 160, 240))
    tv_px = collections.defaultdict(set)
    for run in ref:
        for op, m in run:
            if op.startswith("Translate"):
                tv_px[TV_OPS[op][0]].add(int(m))
    assert px == tv_px


# --- TrivialAugmentWide -----------------------------------------------------------------------------------------

def test_trivial_augment(ours):
    ref = []
    for run in reference("trivial_augment"):
        assert len(run) == 1
        ref.append(tv_event(*run[0]))
    mine = []
    for ops in ours("trivial_augment"):
        assert len(ops) <= 1, ops
        mine.append(our_event(ops[0]) if ops else IDENTITY)
    mine = snap(mine, support_of(ref))
    chi2_two_sample([e[0] for e in mine], [e[0] for e in ref], "trivial_augment: op")
    vm, vr = values_by_op(mine), values_by_op(ref)
    assert set(vm) == set(vr)
    for op in vr:
        # 31 magnitude bins, times the sign for signed ops (62 cells for ~714 draws each).
        assert set(vm[op]) == set(vr[op]), f"{op}: {sorted(set(vm[op]) ^ set(vr[op]))} on one side only"
        chi2_two_sample(vm[op], vr[op], f"trivial_augment: {op} value")


def test_trivial_augment_tables(ours):
    """The wide tables: shear/factor bins i * 0.99 / 30, rotate 4.5 i deg, translate int(32 i / 30) px, posterize
    8 - round(i / 5), solarize 255 - 8.5 i."""
    values = collections.defaultdict(set)
    for ops in ours("trivial_augment"):
        for item in ops:
            op, v = our_event(item)
            if v is not None:
                values[op].add(v)
    bins = range(31)
    signed = lambda xs: sorted({s * x for x in xs for s in (-1, 1)})
    close = lambda got, want: len(got) == len(want) and all(math.isclose(g, w, abs_tol=1e-9) for g, w in zip(got, want))
    assert close(sorted(values["shear_x"]), signed(i * 0.99 / 30 for i in bins))
    assert close(sorted(values["rotate"]), signed(i * 4.5 for i in bins))
    assert sorted(values["translate_x"]) == signed(int(i * 32 / 30) for i in bins)
    assert close(sorted(values["brightness"]), sorted({1 + x for x in signed(i * 0.99 / 30 for i in bins)}))
    assert sorted(values["posterize"]) == [2, 3, 4, 5, 6, 7, 8]
    assert close(sorted(values["solarize"]), sorted(255 - 8.5 * i for i in bins))


# --- AutoAugment ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("policy", sorted(AA_POLICIES))
def test_auto_augment(ours, policy):
    name = f"auto_augment_{policy}"
    ref = [tuple(tv_event(*c) for c in run) for run in reference(name)]
    flat_ref = [e for r in ref for e in r]
    support = support_of(flat_ref)
    mine = [tuple(snap([our_event(item) for item in ops], support)) for ops in ours(name)]
    assert all(len(m) <= 2 for m in mine)
    # Support: every op-with-value that either side applies (the rarest expected ~20 times in 10,000).
    sm, sr = set(e for m in mine for e in m), set(flat_ref)
    assert sm == sr, f"{name}: only ours {sorted(sm - sr, key=repr)}; only torchvision {sorted(sr - sm, key=repr)}"
    # How many ops ran, and the whole ordered sequence of (op, value) a sample got: this joint law covers the
    # sub-policy choice, each op's probability and each op's independent sign.
    chi2_two_sample([len(m) for m in mine], [len(r) for r in ref], f"{name}: number of ops applied")
    chi2_two_sample(mine, ref, f"{name}: applied sequence")
    chi2_two_sample([e[0] for m in mine for e in m[:1]], [e[0] for r in ref for e in r[:1]],
                    f"{name}: first op applied")
    vm, vr = values_by_op(e for m in mine for e in m), values_by_op(flat_ref)
    for op in vr:
        chi2_two_sample(vm[op], vr[op], f"{name}: {op} value")


AA_SITE = re.compile(r"\.(imagenet|cifar10|svhn)\.(\d+)\.(\d+)$")


@pytest.mark.parametrize("policy", sorted(AA_POLICIES))
def test_auto_augment_sub_policies(ours, policy):
    """Each sub-policy against torchvision 0.14's own table (`AutoAugment(policy).policies`), slot by slot: the
    aggregate laws above can miss one slot's probability moving (say 0 -> 0.4) among 50. Our sites name the slot
    (`…imagenet.K.J`: sub-policy K, op J). For every slot: the op and its values are the table's (the magnitude
    bin of `_augmentation_space(10, …)`, both signs for a signed op); a slot with p = 0 never runs; a slot with
    p = 1 runs in every sample where its sub-policy is seen to run; how often it runs is Binomial(N, p / 25), and
    how often both ops of a sub-policy run is Binomial(N, p0 p1 / 25); a signed op takes each sign half the time.
    The binomial tests share ALPHA (Bonferroni), which resolves a slot's probability to about +-0.15: a 0 -> 0.4
    change fails outright, 0.2 -> 0.6 by far."""
    name = f"auto_augment_{policy}"
    tv = AA.AutoAugment(AA_POLICIES[policy])
    table = tv.policies
    space = tv._augmentation_space(10, SHAPE[1:])
    assert len(table) == 25
    fires = collections.Counter()           # (k, j) -> samples where slot j of sub-policy k ran
    both = collections.Counter()            # k -> samples where both ops of sub-policy k ran
    values = collections.defaultdict(list)  # (k, j) -> our values
    for ops in ours(name):
        slots = []
        for item in ops:
            m = AA_SITE.search(item["site"])
            assert m and m.group(1) == policy, f"{name}: an op outside a sub-policy slot: {item}"
            k, j = int(m.group(2)), int(m.group(3))
            assert 0 <= k < 25 and j in (0, 1), f"{name}: no sub-policy {k} slot {j} in torchvision's table: {item}"
            op, v = our_event(item)
            want_op = TV_OPS[table[k][j][0]][0]
            assert op == want_op, f"{name}: sub-policy {k} slot {j} runs {op}; torchvision's table has {want_op}"
            fires[k, j] += 1
            values[k, j].append(v)
            slots.append((k, j))
        assert len(slots) == len(set(slots)) and len({k for k, _ in slots}) <= 1, (
            f"{name}: one sample ran slots {slots} (one sub-policy per sample, each op at most once)")
        if len(slots) == 2:
            both[slots[0][0]] += 1
        if slots:
            k = slots[0][0]
            for j in (0, 1):
                assert table[k][j][1] < 1.0 or (k, j) in slots, (
                    f"{name}: sub-policy {k} ran without slot {j}, whose probability is 1.0 in torchvision's table")

    checks = []   # (what, observed count, n, probability) for the binomial tests
    for k, sub in enumerate(table):
        for j, (tv_op, p, mag_id) in enumerate(sub):
            what = f"{name}: sub-policy {k} slot {j} ({tv_op}, p={p}, magnitude bin {mag_id})"
            if p == 0.0:
                assert fires[k, j] == 0, f"{what} ran {fires[k, j]} times; torchvision never runs it"
                continue
            checks.append((f"{what}: times run", fires[k, j], N, p / 25))
            mags, signed = space[tv_op]
            mag = float(mags[mag_id].item()) if mag_id is not None else 0.0
            want = {tv_event(tv_op, s * mag)[1] for s in ((1.0, -1.0) if signed else (1.0,))}
            got = set(values[k, j])
            if None in want:
                assert got <= {None}, f"{what}: values {sorted(got)}; torchvision passes none"
                continue
            want = sorted(want)
            assert got and all(any(math.isclose(g, w, rel_tol=1e-5, abs_tol=1e-6) for w in want) for g in got), (
                f"{what}: values {sorted(got)}; torchvision's are {want}")
            if len(want) == 2:
                neg = sum(1 for g in values[k, j] if math.isclose(g, want[0], rel_tol=1e-5, abs_tol=1e-6))
                checks.append((f"{what}: samples with the sign giving {want[0]}", neg, len(values[k, j]), 0.5))
        p0, p1 = sub[0][1], sub[1][1]
        if p0 * p1 > 0:
            checks.append((f"{name}: sub-policy {k}: both ops run (p = {p0} * {p1})", both[k], N, p0 * p1 / 25))
    alpha = ALPHA / len(checks)
    bad = []
    for what, x, n, prob in checks:
        pv = stats.binomtest(x, n, prob).pvalue
        if pv <= alpha:
            bad.append(f"{what}: {x} of {n}, expected {n * prob:.0f} (p = {pv:.2g})")
    assert not bad, f"{len(bad)} of {len(checks)} slot checks fail at p <= {alpha:.2g}:\n" + "\n".join(bad)


# --- ColorJitter ------------------------------------------------------------------------------------------------

def test_color_jitter(ours):
    ref = reference("color_jitter")
    mine = ours("color_jitter")
    for run in ref:
        assert len(run) == 4
    for ops in mine:
        assert sorted(item["op"] for item in ops) == sorted(JITTER), ops
    # The order of the four adjustments: torch.randperm(4), 24 equally likely orders.
    order_m = [tuple(item["op"] for item in ops) for ops in mine]
    order_r = [tuple(op for op, _ in run) for run in ref]
    assert set(order_m) == set(itertools.permutations(JITTER)), f"{len(set(order_m))} of the 24 orders occur"
    chi2_two_sample(order_m, order_r, "color_jitter: order")
    # Which adjustment comes first / last, and the position of each (coarser views of the same law).
    for op in JITTER:
        chi2_two_sample([o.index(op) for o in order_m], [o.index(op) for o in order_r],
                        f"color_jitter: position of {op}")
    # Each factor: uniform on [0.6, 1.4) (brightness, contrast, saturation) and [-0.1, 0.1) (hue).
    vm = {op: np.array([item[JITTER_ARG[op]] for ops in mine for item in ops if item["op"] == op]) for op in JITTER}
    vr = {op: np.array([v for run in ref for o, v in run if o == op]) for op in JITTER}
    for op in JITTER:
        lo, hi = (-0.1, 0.1) if op == "hue" else (0.6, 1.4)
        assert vm[op].min() >= lo and vm[op].max() < hi, f"{op}: [{vm[op].min()}, {vm[op].max()}]"
        assert vm[op].min() < lo + 0.01 * (hi - lo) and vm[op].max() > hi - 0.01 * (hi - lo), (
            f"{op}: [{vm[op].min()}, {vm[op].max()}] does not fill [{lo}, {hi})")
        ks_two_sample(vm[op], vr[op], f"color_jitter: {op} factor")
        assert stats.kstest(vm[op], stats.uniform(lo, hi - lo).cdf).pvalue > ALPHA, f"{op}: not uniform"
    # The factors are independent of the order (a factor drawn first is no different from one drawn last).
    first = np.array([ops[0][JITTER_ARG[ops[0]["op"]]] for ops in mine if ops[0]["op"] == "brightness"])
    last = np.array([ops[3][JITTER_ARG[ops[3]["op"]]] for ops in mine if ops[3]["op"] == "brightness"])
    ks_two_sample(first, last, "color_jitter: brightness drawn first vs last")
    # Factors of one sample are independent of each other (rank correlation near 0).
    for a, b in itertools.combinations(JITTER, 2):
        r, p = stats.spearmanr(vm[a], vm[b])
        assert p > ALPHA, f"color_jitter: {a} and {b} correlated (rho = {r:.3f}, p = {p:.3g})"
