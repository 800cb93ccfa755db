"""auger.Loader against absurd sizes, failing workers and interleaved iterators: the Python process never aborts.

Whatever goes wrong on a worker thread (a batch that cannot be allocated, a batch too large for the machine) reaches
the caller as an exception from the iterator; a batch_size whose batches cannot fit in memory is refused before
anything is allocated; several iterators of one loader each get their own, complete epoch (as several iterators of
a torch DataLoader do). The cases that could abort the interpreter run in a child process, so an abort is a failed
test rather than a dead suite.
"""
import json
import os
import subprocess
import sys
import textwrap

import auger  # a missing module fails the suite (CTest sets PYTHONPATH=build/python): a skip is not a pass
import numpy as np
import pytest

POLICIES = """\
sample Photo {
  image: image(rgb)
}

# A static output shape: 1024 x 1024 float32, 12 MiB per sample.
policy huge on Photo {
  random_resized_crop(size: 1024, scale: [0.5, 1.0], ratio: [3/4, 4/3])
  to_float()
}

# An output shape known only from the data: the photo grown by 1000 pixels a side (about 2100 x 2100 float32).
policy padded on Photo {
  pad(px: 1000)
  to_float()
}

policy small on Photo {
  random_resized_crop(size: 32, scale: [0.5, 1.0], ratio: [3/4, 4/3])
  flip: hflip() @p(0.5)
  to_float()
}

# float32 at the photo's own size (96 x 128), 144 KiB per sample.
policy native on Photo {
  to_float()
}
"""


@pytest.fixture(scope="module")
def policy_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("policies") / "hostile_loader.aug"
    path.write_text(POLICIES)
    return str(path)


def manifest(folder, photo, n):
    """A JSONL manifest of `n` samples that all read `photo` (keys s0000000, …)."""
    os.symlink(photo, os.path.join(folder, "photo.jpg"))
    path = os.path.join(folder, "samples.jsonl")
    with open(path, "w") as f:
        f.writelines(json.dumps({"key": f"s{i:07d}", "image": "photo.jpg"}) + "\n" for i in range(n))
    return path


def run_child(script, *args, env=None, timeout=300):
    """Runs `script` in a fresh interpreter with the suite's environment (PYTHONPATH, sanitizer preload)."""
    return subprocess.run([sys.executable, "-c", textwrap.dedent(script), *map(str, args)], capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **(env or {})})


def test_absurd_batch_size_is_refused_when_the_loader_is_made(policy_file, photo, tmp_path):
    # 100000 samples of 12 MiB: 1.2 TB a batch. Refused before a worker starts or a byte is allocated.
    source = manifest(str(tmp_path), photo, 100000)
    r = run_child("""
        import sys, auger
        policy = auger.load(sys.argv[1], policy="huge")
        try:
            auger.Loader(policy, sys.argv[2], batch_size=100000, workers=2, numpy=True)
        except auger.Error as e:
            print("REFUSED", e)
        else:
            print("ACCEPTED")
        """, policy_file, source)
    assert r.returncode == 0, f"the interpreter died (rc {r.returncode}):\n{r.stderr[-3000:]}"
    assert r.stdout.startswith("REFUSED"), r.stdout + r.stderr[-3000:]
    assert "batch_size 100000" in r.stdout and "memory" in r.stdout and "smaller batch_size" in r.stdout


def test_absurd_batch_of_data_sized_samples_is_refused_on_the_first_batch(policy_file, photo, tmp_path):
    # The policy's output size depends on the data, so the loader is made; the first batch's real shapes (about
    # 53 MiB a sample, 100000 rows) are checked before its buffers are allocated, and next() raises.
    source = manifest(str(tmp_path), photo, 100000)
    r = run_child("""
        import sys, auger
        loader = auger.Loader(auger.load(sys.argv[1], policy="padded"), sys.argv[2], batch_size=100000, workers=2,
                              numpy=True)
        it = iter(loader)
        try:
            next(it)
        except auger.Error as e:
            print("REFUSED", e)
        else:
            print("DELIVERED")
        try:
            next(it)  # the iteration stays stopped, with the same error
        except auger.Error:
            print("AGAIN")
        """, policy_file, source)
    assert r.returncode == 0, f"the interpreter died (rc {r.returncode}):\n{r.stderr[-3000:]}"
    assert r.stdout.startswith("REFUSED"), r.stdout + r.stderr[-3000:]
    assert "batch_size 100000" in r.stdout and "available" in r.stdout
    assert "AGAIN" in r.stdout


def test_a_batch_that_cannot_be_allocated_raises_in_the_caller(policy_file, photo, tmp_path):
    # 2000 samples of 144 KiB: a 281 MiB batch, well within the machine, but the child may not have it. The
    # allocation fails on a worker thread (std::bad_alloc), which used to terminate the process; now next() raises.
    # Without sanitizers an address-space limit makes it fail; under ASan (which reserves terabytes of address
    # space) its allocator returns null above 64 MiB instead.
    source = manifest(str(tmp_path), photo, 2000)
    asan = "libasan" in os.environ.get("LD_PRELOAD", "")
    env = {}
    if asan:
        env["ASAN_OPTIONS"] = os.environ.get("ASAN_OPTIONS", "") + ":allocator_may_return_null=1:max_allocation_size_mb=64"
    r = run_child("""
        import resource, sys, auger
        loader = auger.Loader(auger.load(sys.argv[1], policy="native"), sys.argv[2], batch_size=2000, workers=1,
                              numpy=True)
        if sys.argv[3] == "limit":
            with open("/proc/self/status") as f:
                vm = next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmSize:"))
            # Room for the worker thread and a few samples, not for the batch.
            resource.setrlimit(resource.RLIMIT_AS, (vm + (160 << 20), resource.RLIM_INFINITY))
        try:
            batch = next(iter(loader))
        except (MemoryError, auger.Error) as e:
            print("RAISED", type(e).__name__, e)
        else:
            print("DELIVERED", batch["image"].shape)
        """, policy_file, source, "asan" if asan else "limit", env=env)
    assert r.returncode == 0, f"the interpreter died (rc {r.returncode}):\n{r.stderr[-3000:]}"
    assert r.stdout.startswith("RAISED"), r.stdout + r.stderr[-3000:]
    assert "out of memory" in r.stdout or "MemoryError" in r.stdout


def test_a_batch_size_above_the_epoch_is_one_short_batch(policy_file, photo, tmp_path):
    source = manifest(str(tmp_path), photo, 5)
    loader = auger.Loader(auger.load(policy_file, policy="small"), source, batch_size=100000, workers=2, numpy=True)
    assert len(loader) == 1
    batches = list(loader)
    assert len(batches) == 1
    assert batches[0]["image"].shape == (5, 3, 32, 32)
    assert batches[0]["key"] == [f"s{i:07d}" for i in range(5)]


def keys(batch):
    return list(batch["key"])


def test_interleaved_iterators_each_get_the_whole_epoch(policy_file, photo, tmp_path):
    source = manifest(str(tmp_path), photo, 7)
    loader = auger.Loader(auger.load(policy_file, policy="small", seed=3), source, batch_size=2, workers=2,
                          shuffle=True, numpy=True)
    reference = list(loader)
    assert [len(b["key"]) for b in reference] == [2, 2, 2, 1]

    it1, it2 = iter(loader), iter(loader)
    got1, got2 = [next(it1)], [next(it2)]
    got1.append(next(it1))
    got2 += list(it2)  # it2 to its end while it1 is half way
    got1 += list(it1)
    for got in (got1, got2):
        assert [keys(b) for b in got] == [keys(b) for b in reference]
        for b, want in zip(got, reference):
            np.testing.assert_array_equal(b["image"], want["image"])
            assert b["params"] == want["params"]


def test_an_iterator_keeps_the_epoch_it_was_made_in(policy_file, photo, tmp_path):
    source = manifest(str(tmp_path), photo, 6)
    loader = auger.Loader(auger.load(policy_file, policy="small"), source, batch_size=3, shuffle=True, numpy=True)
    loader.set_epoch(1)
    epoch1 = [keys(b) for b in loader]
    loader.set_epoch(0)
    epoch0 = [keys(b) for b in loader]
    assert epoch0 != epoch1  # the shuffle depends on the epoch, else this test shows nothing

    old = iter(loader)  # epoch 0
    loader.set_epoch(1)
    new = iter(loader)
    assert [keys(next(new))] + [keys(b) for b in new] == epoch1
    assert [keys(b) for b in old] == epoch0
    # Metrics count both iterations; nothing is left running.
    assert loader.metrics()["batches"] == 8


def test_a_dropped_iterator_stops_and_the_next_one_starts_over(policy_file, photo, tmp_path):
    source = manifest(str(tmp_path), photo, 8)
    loader = auger.Loader(auger.load(policy_file, policy="small"), source, batch_size=2, workers=2, numpy=True)
    for batch in loader:
        break  # the iterator is dropped with batches in flight
    assert [keys(b) for b in loader] == [[f"s{i:07d}", f"s{i + 1:07d}"] for i in range(0, 8, 2)]


def test_iterating_without_torch_is_a_clear_error(policy_file, photo, tmp_path, monkeypatch):
    source = manifest(str(tmp_path), photo, 2)
    loader = auger.Loader(auger.load(policy_file, policy="small"), source, batch_size=2)
    monkeypatch.setitem(sys.modules, "torch", None)  # `import torch` now raises ImportError
    with pytest.raises(ImportError, match=r"torch.*numpy=True"):
        iter(loader)
