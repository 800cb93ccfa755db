"""What a Loader refuses up front and what it says instead of losing data quietly: whole-number options (never a
float truncated), a world size without a rank, samples skipped (one warning per loader), an epoch in which every
sample failed (an error, not an empty epoch), and a prefetch larger than the epoch's batches (no false alarm)."""
import shutil
import warnings

import numpy as np
import pytest

import auger


@pytest.mark.parametrize("option, value, message", [
    ("batch_size", -1, "batch_size must be at least 1"),
    ("batch_size", 2.9, "batch_size must be a whole number"),
    ("prefetch", -1, "prefetch must be at least 1"),
    ("workers", True, "workers must be a whole number"),
    ("rank", -2, "rank must be at least 0"),
])
def test_whole_number_options(small_policy, image_folder, option, value, message):
    policy = auger.load(small_policy, "small")
    with pytest.raises(ValueError, match=message):
        auger.Loader(policy, image_folder, numpy=True, **{option: value})
    auger.Loader(policy, image_folder, numpy=True, **{option: np.int64(2) if option != "rank" else np.int64(0)})


def test_world_size_without_rank_is_refused(small_policy, image_folder, monkeypatch):
    for name in ("RANK", "WORLD_SIZE", "OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE", "PMI_RANK", "PMI_SIZE",
                 "SLURM_PROCID", "SLURM_NTASKS"):
        monkeypatch.delenv(name, raising=False)
    policy = auger.load(small_policy, "small")
    with pytest.raises(auger.Error, match="world_size 3 without rank"):
        auger.Loader(policy, image_folder, world_size=3)
    assert auger.Loader(policy, image_folder, world_size=3, rank=1, numpy=True).rank == 1


def test_skipped_samples_warn_once_per_loader(small_policy, image_folder, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(image_folder, data)
    for name in ("zz_broken.jpg", "zz_empty.png"):
        (data / "cat" / name).write_bytes(b"not an image" if "broken" in name else b"")
    policy = auger.load(small_policy, "small")
    loader = auger.Loader(policy, str(data), batch_size=4, numpy=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for _ in range(2):
            batches = list(loader)
    messages = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    assert len(messages) == 1 and "skipping samples" in messages[0] and "cat/zz_" in messages[0], messages
    assert sum(len(b["key"]) for b in batches) == 12 and loader.metrics()["errors"] == 4


def test_an_epoch_in_which_every_sample_fails_is_an_error(write_policy, image_folder):
    audio = write_policy("sample Clip { audio: audio(16kHz)  label: class(3) }\npolicy p on Clip { gain(db: 3dB) }\n")
    loader = auger.Loader(auger.load(audio, "p"), image_folder, batch_size=4, numpy=True)
    with pytest.raises(auger.Error, match=r"no sample of epoch 0 could be used: all 12 failed \(the first: `cat/"):
        list(loader)


def test_prefetch_beyond_the_epoch_is_not_counted(small_policy, image_folder):
    loader = auger.Loader(auger.load(small_policy, "small"), image_folder, batch_size=4, prefetch=10**9, numpy=True)
    assert len(list(loader)) == 3
