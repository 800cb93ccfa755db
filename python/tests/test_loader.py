"""auger.Loader: batch layout and dtypes, zero-copy tensors, determinism over worker counts, epochs, ranks,
drop_last, skipped samples, mixed shapes, and metrics."""
import gc
import shutil

import pytest
import torch
from conftest import IMAGENET, crops

import auger
from auger import _auger


def signature(batches):
    """Everything a batch delivers, as comparable values."""
    return [(b["key"], b["image"].numpy().tobytes(), b["label"].tolist(), b["params"]) for b in batches]


def keys_of(batches):
    return [k for b in batches for k in b["key"]]


@pytest.fixture(scope="module")
def small(small_policy):
    return auger.load(small_policy, policy="small", seed=5)


def test_train_policy_batches(image_folder, keys):
    p = auger.load(IMAGENET, policy="train", seed=0)
    loader = auger.Loader(p, source=image_folder, batch_size=4, workers=2, shuffle=True, rank=0, world_size=1,
                          drop_last=True)
    assert len(loader) == 3
    batches = list(loader)
    assert len(batches) == 3
    classes = sorted({k.split("/")[0] for k in keys})
    for b in batches:
        assert isinstance(b["image"], torch.Tensor)
        assert b["image"].shape == (4, 3, 224, 224) and b["image"].dtype == torch.float32
        assert b["image"].is_contiguous()
        assert isinstance(b["label"], torch.Tensor) and b["label"].dtype == torch.int64 and b["label"].shape == (4,)
        assert all(isinstance(k, str) for k in b["key"])
        # The class label is the index of the sample's sub-folder.
        assert b["label"].tolist() == [classes.index(k.split("/")[0]) for k in b["key"]]
        assert len(b["params"]) == 4
    assert sorted(keys_of(batches)) == keys


def test_batches_are_not_copied(image_folder, small):
    loader = auger.Loader(small, source=image_folder, batch_size=4, workers=2)
    loader._impl.start()
    raw = loader._impl.next()
    array = raw["tensors"]["image"]
    address = _auger._capsule_address(array.base)  # the buffer the workers wrote
    assert array.ctypes.data == address
    tensor = auger._to_batch(raw, torch.from_numpy)["image"]  # what iterating a Loader does
    assert tensor.data_ptr() == address
    # The tensor owns a reference to the buffer: later batches and the loader's end leave it alone.
    snapshot = tensor.clone()
    rest = [loader._impl.next() for _ in range(2)]
    del loader, raw, array, rest
    gc.collect()
    assert torch.equal(tensor, snapshot)


def test_same_bytes_for_any_worker_count(image_folder, small):
    def run(workers, prefetch=2):
        loader = auger.Loader(small, source=image_folder, batch_size=5, workers=workers, shuffle=True,
                              prefetch=prefetch)
        loader.set_epoch(3)
        return signature(loader)

    one = run(1)
    assert [len(k) for k, _, _, _ in one] == [5, 5, 2]
    assert run(3) == one
    assert run(3, prefetch=1) == one


def test_set_epoch_changes_order_and_draws(image_folder, keys, small):
    loader = auger.Loader(small, source=image_folder, batch_size=4, workers=2, shuffle=True)
    first = signature(loader)
    assert signature(loader) == first  # iterating again replays the epoch
    loader.set_epoch(1)
    second = signature(loader)
    order = [[k for batch_keys, _, _, _ in sig for k in batch_keys] for sig in (first, second)]
    assert sorted(order[0]) == sorted(order[1]) == keys
    assert order[0] != order[1]
    params = [{k: p for batch_keys, _, _, ps in sig for k, p in zip(batch_keys, ps)} for sig in (first, second)]
    assert any(params[0][k] != params[1][k] for k in keys)


def test_ranks_are_disjoint_and_cover(image_folder, keys, small):
    parts = []
    for rank in range(2):
        loader = auger.Loader(small, source=image_folder, batch_size=4, workers=2, shuffle=True, rank=rank,
                              world_size=2)
        assert len(loader) == 2 and loader.rank == rank and loader.world_size == 2
        parts.append(keys_of(list(loader)))
    assert len(parts[0]) == len(parts[1]) == 6
    assert not set(parts[0]) & set(parts[1])
    assert sorted(parts[0] + parts[1]) == keys


@pytest.fixture(scope="module")
def eleven(image_folder, tmp_path_factory):
    """The image folder less one photo: 11 samples, which 2 ranks do not divide."""
    root = tmp_path_factory.mktemp("eleven") / "data"
    shutil.copytree(image_folder, root)
    victim = sorted((root / "rocket").iterdir())[-1]
    victim.unlink()
    return str(root)


def test_ranks_pad_or_cut_like_distributed_sampler(eleven, keys, small):
    ordered = keys[:-1]  # without shuffling, the order is the sorted keys

    def rank_keys(rank, drop_last):
        loader = auger.Loader(small, source=eleven, batch_size=4, workers=2, rank=rank, world_size=2,
                              drop_last=drop_last)
        return keys_of(list(loader))

    # Padding wraps around to the start: rank 1's sixth sample is the first one again.
    assert rank_keys(0, False) == ordered[0::2]
    assert rank_keys(1, False) == ordered[1::2] + ordered[:1]
    # drop_last cuts the order to 10, then drops each rank's short last batch (5 = 4 + 1).
    assert rank_keys(0, True) == ordered[0:10:2][:4]
    assert rank_keys(1, True) == ordered[1:10:2][:4]


def test_drop_last(image_folder, small):
    kept = auger.Loader(small, source=image_folder, batch_size=5, workers=2)
    dropped = auger.Loader(small, source=image_folder, batch_size=5, workers=2, drop_last=True)
    assert len(kept) == 3 and len(dropped) == 2
    kept_batches, dropped_batches = list(kept), list(dropped)
    assert [len(b["key"]) for b in kept_batches] == [5, 5, 2]
    assert kept_batches[2]["image"].shape[0] == 2 and kept_batches[2]["label"].shape == (2,)
    assert [len(b["key"]) for b in dropped_batches] == [5, 5]
    assert signature(dropped_batches) == signature(kept_batches[:2])
    assert dropped.metrics()["dropped"] == 2


def test_a_sample_that_fails_is_skipped_and_counted(tmp_path, small):
    """The batch takes the next sample instead, so later batches shift; the order of the good samples stays."""
    from PIL import Image

    root = tmp_path / "flat"
    root.mkdir()
    good = []
    for n, (_, name, arr) in enumerate(crops()[:6]):
        Image.fromarray(arr).save(root / f"s{n}.png")
        good.append(f"s{n}")
    (root / "s1x.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a JPEG")  # sorts third
    for workers in (1, 3):
        loader = auger.Loader(small, source=str(root), batch_size=2, workers=workers)
        assert len(loader) == 4  # 7 samples, before any fails
        batches = list(loader)
        assert [b["key"] for b in batches] == [good[0:2], good[2:4], good[4:6]]
        assert all(b["label"].tolist() == [-1, -1] for b in batches)  # a flat folder has no classes
        m = loader.metrics()
        assert m["errors"] == 1 and m["error_samples"][0]["key"] == "s1x" and m["samples"] == 6


def test_mixed_shapes_stop_with_the_keys(image_folder, small_policy):
    p = auger.load(small_policy, policy="any_size")
    loader = auger.Loader(p, source=image_folder, batch_size=3, workers=2)
    with pytest.raises(auger.Error, match="one shape per field") as e:
        list(loader)
    assert "cat/cat_1" in str(e.value) and "cat/cat_0" in str(e.value)
    # One batch fits: a batch of one sample never mixes.
    single = auger.Loader(p, source=image_folder, batch_size=1, workers=2)
    assert [b["image"].shape[0] for b in single] == [1] * 12


def test_metrics(image_folder, small):
    loader = auger.Loader(small, source=image_folder, batch_size=4, workers=2, shuffle=True)
    batches = list(loader)
    m = loader.metrics()
    assert m["samples"] == 12 and m["batches"] == 3 and m["samples_per_s"] > 0 and m["active_s"] > 0
    for stage in ("read", "decode", "augment", "collate"):
        s = m["stages"][stage]
        assert s["count"] == 12 and 0 <= s["p50_ms"] <= s["p95_ms"] and s["mean_ms"] > 0
    assert m["queue_capacity"] == 2 and 0 <= m["queue_depth"] <= 2 and 0 <= m["queue_depth_mean"] <= 2
    assert m["consumer_wait_s"] >= 0 and 0 <= m["wait_fraction"] <= 1
    assert m["errors"] == 0 and m["error_samples"] == []
    assert m["kernels_compiled"] == 0 and m["compile_seconds"] == 0  # the kernels built into auger serve it
    cov = m["coverage"]
    # Unconditional statements ran on every sample; the flip on those whose params have it.
    assert cov["0"]["op"] == "random_resized_crop" and cov["0"]["fired"] == 12
    assert cov["2"]["op"] == "to_float" and cov["2"]["fired"] == 12
    flipped = sum("flip" in p for b in batches for p in b["params"])
    assert 0 < flipped < 12 and cov["flip"]["fired"] == flipped
    # What the crops drew is summarised too.
    assert sum(cov["0"]["params"]["width"]["counts"].values()) == 12
    # Metrics add up over epochs.
    loader.set_epoch(1)
    list(loader)
    m = loader.metrics()
    assert m["samples"] == 24 and m["batches"] == 6 and m["coverage"]["0"]["fired"] == 24


def test_loader_arguments_are_checked(image_folder, small):
    with pytest.raises(auger.Error, match="rank"):
        auger.Loader(small, source=image_folder, rank=2, world_size=2)
    with pytest.raises(auger.Error, match="batch_size"):
        auger.Loader(small, source=image_folder, batch_size=0)
    with pytest.raises(auger.Error):
        auger.Loader(small, source=image_folder + "/missing")
