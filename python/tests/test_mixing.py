"""auger.Loader running a policy's `batch { }` block: mixup and cutmix on the collated batch, soft labels, the
drawn parameters, and their determinism over worker counts and epochs.

The data are solid-colour images, a different colour for every image, so a mixed pixel tells exactly which two
images it came from and a pasted cutmix box is the one rectangle where an image shows its partner's colour."""
import os

import numpy as np
import pytest
import torch
from conftest import ROOT

import auger

H, W = 12, 16  # after the policies' center_crop

MIXING = """\
sample Photo {
  image: image(rgb)
  label: class(3)
}

policy plain on Photo {
  center_crop(size: [12, 16])
}

policy plain_f32 on Photo {
  center_crop(size: [12, 16])
  to_float()
}

policy mix(alpha: float in [0, 10] = 0.4) on Photo {
  center_crop(size: [12, 16])
  batch { mixup(alpha: alpha) }
}

policy mix_f32(alpha: float in [0, 10] = 0.4) on Photo {
  center_crop(size: [12, 16])
  to_float()
  batch { mixup(alpha: alpha) }
}

policy cut(alpha: float in [0, 10] = 1.0) on Photo {
  center_crop(size: [12, 16])
  batch { cutmix(alpha: alpha) }
}

policy either on Photo {
  center_crop(size: [12, 16])
  flip: hflip() @p(0.5)
  batch {
    one_of {
      mixup(alpha: 0.4)
      cutmix(alpha: 1.0)
    }
  }
}
"""


def colour(n):
    """Image n's colour: every channel differs from every other image's."""
    return (5 + 20 * n, 250 - 19 * n, 30 + 17 * n)


@pytest.fixture(scope="module")
def solid_folder(tmp_path_factory):
    """3 class sub-folders (a, b, c: classes 0, 1, 2) of 4 solid 20x24 PNGs each: (path, {key: (colour, class)})."""
    from PIL import Image

    root = tmp_path_factory.mktemp("solid")
    truth = {}
    for n in range(12):
        label = "abc"[n % 3]
        (root / label).mkdir(exist_ok=True)
        Image.new("RGB", (24, 20), colour(n)).save(root / label / f"s{n:02d}.png")
        truth[f"{label}/s{n:02d}"] = (np.array(colour(n), dtype=np.uint8), n % 3)
    return str(root), truth


@pytest.fixture(scope="module")
def mixing_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("mixing") / "mixing.aug"
    path.write_text(MIXING)
    return str(path)


def load(mixing_file, policy, **args):
    return auger.load(mixing_file, policy=policy, args=args, seed=11)


def only_op(batch):
    """The one op the batch block ran: (site, its record)."""
    assert len(batch["batch_params"]) == 1, batch["batch_params"]
    return next(iter(batch["batch_params"].items()))


def expected_soft(batch, truth, lam):
    keys = batch["key"]
    rows = len(keys)
    out = np.zeros((rows, 3), dtype=np.float64)
    for i, key in enumerate(keys):
        out[i, truth[key][1]] += lam
        out[i, truth[keys[rows - 1 - i]][1]] += 1 - lam
    return out


def check_soft(batch, truth, lam):
    soft = batch["label"]
    assert isinstance(soft, torch.Tensor) and soft.dtype == torch.float32
    assert soft.shape == (len(batch["key"]), 3)
    assert np.allclose(soft.sum(dim=1).numpy(), 1.0, rtol=0, atol=1e-6)
    assert np.allclose(soft.numpy(), expected_soft(batch, truth, lam), rtol=0, atol=1e-6)


def test_schema_says_soft(solid_folder, mixing_file):
    loader = auger.Loader(load(mixing_file, "mix"), source=solid_folder[0], batch_size=4)
    assert loader.output_types["label"] == "soft(3)"
    plain = auger.Loader(load(mixing_file, "plain"), source=solid_folder[0], batch_size=4)
    assert plain.output_types["label"] == "class(3)"


@pytest.mark.parametrize("policy, plain", [("mix", "plain"), ("mix_f32", "plain_f32")])
def test_mixup_pixels_and_labels(solid_folder, mixing_file, policy, plain):
    """x_i = lam x_i + (1 - lam) x_(B-1-i) in float32, u8 rounded half to even; y_i likewise on one-hot labels.
    A batch of 5 pairs its middle row with itself; the short last batch (2 rows) pairs its own rows."""
    root, truth = solid_folder
    mixed = list(auger.Loader(load(mixing_file, policy), source=root, batch_size=5, workers=2, shuffle=True))
    unmixed = list(auger.Loader(load(mixing_file, plain), source=root, batch_size=5, workers=2, shuffle=True))
    assert [len(b["key"]) for b in mixed] == [5, 5, 2]
    lambdas = []
    for b, u in zip(mixed, unmixed):
        assert b["key"] == u["key"]
        site, record = only_op(b)
        assert record["op"] == "mixup" and record["alpha"] == pytest.approx(0.4)
        lam = record["lambda"]
        assert 0 <= lam <= 1
        lambdas.append(lam)
        x = u["image"].numpy()
        l, lm = np.float32(lam), np.float32(1.0 - lam)
        want = x.astype(np.float32) * l + x[::-1].astype(np.float32) * lm
        if x.dtype == np.uint8:
            want = np.clip(np.rint(want), 0, 255).astype(np.uint8)  # np.rint: half to even
        assert b["image"].dtype == u["image"].dtype
        assert np.array_equal(b["image"].numpy(), want)
        check_soft(b, truth, lam)
    assert len(set(lambdas)) == 3  # one draw per batch


def box_of(mask):
    """The rectangle [y1, y2) x [x1, x2) that `mask` is exactly, or None when it is empty; fails otherwise."""
    ys, xs = np.nonzero(mask)
    if len(ys) == 0:
        return None
    y1, y2, x1, x2 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
    assert mask[y1:y2, x1:x2].all() and mask.sum() == (y2 - y1) * (x2 - x1), "not a rectangle"
    return int(y1), int(x1), int(y2 - y1), int(x2 - x1)


def test_cutmix_box_and_lambda_from_the_pixels(solid_folder, mixing_file):
    root, truth = solid_folder
    loader = auger.Loader(load(mixing_file, "cut"), source=root, batch_size=4, workers=2, shuffle=True)
    boxes = 0
    for epoch in range(4):
        loader.set_epoch(epoch)
        for b in loader:
            site, record = only_op(b)
            assert record["op"] == "cutmix"
            lam = record["lambda"]
            img = b["image"].numpy()
            keys = b["key"]
            rows = len(keys)
            found = set()
            for i in range(rows):
                own, partner = truth[keys[i]][0], truth[keys[rows - 1 - i]][0]
                pixels = img[i].transpose(1, 2, 0)  # HWC
                is_partner = (pixels == partner).all(axis=2)
                is_own = (pixels == own).all(axis=2)
                assert (is_partner | is_own).all()  # every pixel is one of the two colours
                box = box_of(is_partner)
                pasted = 0 if box is None else box[2] * box[3]
                # lambda is 1 - the pasted fraction, as the pixels show it.
                assert lam == pytest.approx(1 - pasted / (H * W), abs=1e-12)
                found.add(box)
                # The soft label weighs the two classes by the same areas.
                assert b["label"][i].sum().item() == pytest.approx(1.0, abs=1e-6)
                mine, theirs = truth[keys[i]][1], truth[keys[rows - 1 - i]][1]
                if mine != theirs:
                    assert b["label"][i][mine].item() == pytest.approx(lam, abs=1e-6)
                    assert b["label"][i][theirs].item() == pytest.approx(1 - lam, abs=1e-6)
            # Every row shows the same box, which is the one recorded.
            assert len(found) == 1
            box = found.pop()
            if box is not None:
                boxes += 1
                assert box == (record["top"], record["left"], record["height"], record["width"])
            check_soft(b, truth, lam)
    assert boxes > 0


def signature(batches):
    return [(b["key"], b["image"].numpy().tobytes(), b["label"].numpy().tobytes(), b["params"], b["batch_params"])
            for b in batches]


def test_same_batches_for_any_worker_count(solid_folder, mixing_file):
    policy = load(mixing_file, "either")

    def run(workers, epoch, prefetch=2):
        loader = auger.Loader(policy, source=solid_folder[0], batch_size=4, workers=workers, shuffle=True,
                              prefetch=prefetch)
        loader.set_epoch(epoch)
        return signature(loader)

    one = run(1, 2)
    assert run(3, 2) == one
    assert run(3, 2, prefetch=1) == one
    # Over a few epochs both ops are chosen, and every batch records the one that ran.
    ops = {rec["op"] for e in range(6) for *_, params in run(3, e) for rec in params.values()}
    assert ops == {"mixup", "cutmix"}


def test_a_new_epoch_draws_a_new_lambda(solid_folder, mixing_file):
    """Without shuffling every epoch's batches hold the same samples: only the epoch changes the draws."""
    loader = auger.Loader(load(mixing_file, "mix"), source=solid_folder[0], batch_size=4, workers=2)
    lambdas = []
    for epoch in (0, 1):
        loader.set_epoch(epoch)
        batches = list(loader)
        lambdas.append([only_op(b)[1]["lambda"] for b in batches])
        if epoch == 0:
            keys = [b["key"] for b in batches]
        else:
            assert [b["key"] for b in batches] == keys
    assert all(a != b for a, b in zip(*lambdas))
    # Replaying an epoch replays its draws.
    loader.set_epoch(0)
    assert [only_op(b)[1]["lambda"] for b in loader] == lambdas[0]


def test_alpha_zero_does_not_mix(solid_folder, mixing_file):
    root, truth = solid_folder
    plain = list(auger.Loader(load(mixing_file, "plain"), source=root, batch_size=4))
    for policy in ("mix", "cut"):
        batches = list(auger.Loader(load(mixing_file, policy, alpha=0), source=root, batch_size=4))
        for b, u in zip(batches, plain):
            assert only_op(b)[1]["lambda"] == 1.0
            assert torch.equal(b["image"], u["image"])
            assert torch.equal(b["label"], torch.nn.functional.one_hot(u["label"], 3).float())


def test_metrics_count_batches_for_the_batch_block(solid_folder, mixing_file):
    loader = auger.Loader(load(mixing_file, "mix"), source=solid_folder[0], batch_size=4, workers=2)
    list(loader)
    m = loader.metrics()
    assert m["stages"]["mix"]["count"] == 3
    (site,) = [s for s, c in m["coverage"].items() if c["op"] == "mixup"]
    assert m["coverage"][site]["fired"] == 3


def test_drop_last_and_a_short_batch(solid_folder, mixing_file):
    root, truth = solid_folder
    kept = list(auger.Loader(load(mixing_file, "cut"), source=root, batch_size=5, workers=3))
    dropped = list(auger.Loader(load(mixing_file, "cut"), source=root, batch_size=5, workers=3, drop_last=True))
    assert [len(b["key"]) for b in kept] == [5, 5, 2] and [len(b["key"]) for b in dropped] == [5, 5]
    assert signature(dropped) == signature(kept[:2])
    assert kept[2]["label"].shape == (2, 3)


def test_a_label_outside_the_classes_is_a_skipped_sample(tmp_path, mixing_file):
    """A class index soft(3) cannot hold: counted as an error, like an unreadable sample."""
    from PIL import Image

    lines = []
    for n, label in enumerate([0, 1, 7, 2, 1]):
        Image.new("RGB", (24, 20), colour(n)).save(tmp_path / f"s{n}.png")
        lines.append(f'{{"key": "s{n}", "image": "s{n}.png", "label": {label}}}')
    (tmp_path / "m.jsonl").write_text("\n".join(lines) + "\n")
    loader = auger.Loader(load(mixing_file, "mix"), source=str(tmp_path / "m.jsonl"), batch_size=2)
    batches = list(loader)
    assert [b["key"] for b in batches] == [["s0", "s1"], ["s3", "s4"]]
    m = loader.metrics()
    # Refused where the source hands it over (runtime/io/label_rules), before mixing would.
    assert m["errors"] == 1 and "label: 7 is outside class(3) (0..2)" in m["error_samples"][0]["error"]


def test_the_mixup_cutmix_example_runs(image_folder):
    p = auger.load(os.path.join(ROOT, "examples/mixup_cutmix.aug"), policy="train", seed=0)
    loader = auger.Loader(p, source=image_folder, batch_size=4, workers=2, shuffle=True)
    batches = list(loader)
    assert len(batches) == 3
    for b in batches:
        assert b["image"].shape == (4, 3, 224, 224) and b["image"].dtype == torch.float32
        assert b["label"].shape == (4, 1000) and b["label"].dtype == torch.float32
        assert np.allclose(b["label"].sum(dim=1).numpy(), 1.0, atol=1e-6)
        assert len(b["batch_params"]) == 1
        assert next(iter(b["batch_params"].values()))["op"] in ("mixup", "cutmix")
