"""The batch size is not part of a result (language.md §6): a Loader over the same data, seed, epoch and order
delivers the same samples, in the same order, with the same bytes and draws, in batches of 1, 3 or 8 (12 samples:
batches of 8 end on a short batch of 4). (A policy with a `batch { }` block mixes the samples of a batch, so its
results depend on the batch by design; none is tested here.)"""
import numpy as np
import pytest
from conftest import IMAGENET

import auger

BATCH_SIZES = (1, 3, 8)


def per_sample(policy, source, batch_size, epoch, workers):
    """Every sample a Loader delivers in one epoch, in order: (key, dtype, shape, bytes, label, params)."""
    loader = auger.Loader(policy, source=source, batch_size=batch_size, workers=workers, shuffle=True)
    loader.set_epoch(epoch)
    out, sizes = [], []
    for batch in loader:
        n = len(batch["key"])
        sizes.append(n)
        images = batch["image"].numpy()
        assert images.shape[0] == n and batch["label"].shape == (n,) and len(batch["params"]) == n
        for i in range(n):
            image = np.ascontiguousarray(images[i])
            out.append((batch["key"][i], str(image.dtype), image.shape, image.tobytes(), int(batch["label"][i]),
                        batch["params"][i]))
    assert sizes == [batch_size] * (len(out) // batch_size) + ([len(out) % batch_size] if len(out) % batch_size
                                                               else []), f"batch sizes {sizes}"
    return out


@pytest.mark.parametrize("which", ["small", "small_u8", "imagenet_train"])
def test_same_samples_for_any_batch_size(image_folder, keys, small_policy, which):
    if which == "imagenet_train":
        policy = auger.load(IMAGENET, policy="train", seed=11)
    else:
        policy = auger.load(small_policy, policy=which, seed=11)
    runs = {bs: per_sample(policy, image_folder, bs, epoch=2, workers=1 + bs % 3) for bs in BATCH_SIZES}
    base = runs[1]
    assert sorted(s[0] for s in base) == keys
    assert len({s[3] for s in base}) == len(base), "two samples with the same bytes: the test would see nothing"
    for bs in BATCH_SIZES[1:]:
        got = runs[bs]
        assert [s[0] for s in got] == [s[0] for s in base], f"batch_size={bs}: another sample order"
        for a, b in zip(base, got):
            key = a[0]
            assert b[1:3] == a[1:3], f"batch_size={bs}, {key}: {b[1]} {b[2]} vs {a[1]} {a[2]} with batch_size=1"
            assert b[3] == a[3], f"batch_size={bs}, {key}: other pixels than with batch_size=1"
            assert b[4] == a[4], f"batch_size={bs}, {key}: label {b[4]} vs {a[4]}"
            assert b[5] == a[5], f"batch_size={bs}, {key}: drew {b[5]} vs {a[5]} with batch_size=1"
