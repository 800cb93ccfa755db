"""Loader(device="cuda") and the GPU batch kernels where there is no GPU (this CI machine): the fallback warns once,
naming why, and delivers exactly the CPU path's batches; the kernels' CPU build (the same Halide definitions,
tables and plans as on the GPU) agrees with Policy.apply byte for byte. bench/gpu_check.py runs the same
comparison on a GPU."""
import glob
import os
import warnings

import numpy as np
import pytest

import auger
from auger import cuda

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "../.."))
DATA = os.path.join(ROOT, "examples", "data")
COLORJITTER = os.path.join(ROOT, "bench", "policies", "colorjitter.aug")

U8_POLICY = os.path.join(ROOT, "bench", "policies", "gpu_u8.aug")


def needs_no_gpu():
    if not cuda.unavailable_reason():
        pytest.fail("this test checks the fallback and runs where there is no GPU; this machine has one "
                    "(bench/gpu_check.py is the GPU's check)")


def photos(n=24):
    from PIL import Image
    files = sorted(glob.glob(os.path.join(DATA, "*", "*.jpg")))[:n]
    assert len(files) == n
    return [np.asarray(Image.open(f).convert("RGB")) for f in files]


def compare(policy, images, keys, epoch):
    out = cuda.Augmenter(policy, emulate=True)(images, keys, epoch)
    for i, (image, key) in enumerate(zip(images, keys)):
        cpu = policy.apply({"image": image}, key=key, epoch=epoch)["image"]
        if cpu.dtype == np.uint8:
            np.testing.assert_array_equal(out[i], cpu.transpose(2, 0, 1), err_msg=key)
        else:
            np.testing.assert_allclose(out[i], cpu, rtol=0, atol=1e-5, err_msg=key)
    return out


@pytest.mark.parametrize("epoch", [0, 3])
def test_emulated_kernels_match_cpu_colorjitter(epoch):
    policy = auger.load(COLORJITTER, "train", seed=5)
    images = photos()
    out = compare(policy, images, [f"s{i}" for i in range(len(images))], epoch)
    assert out.dtype == np.float32 and out.shape == (24, 3, 224, 224)


def test_emulated_kernels_match_cpu_u8(tmp_path):
    path = U8_POLICY
    images = photos()
    out = compare(auger.load(str(path), "train", seed=9), images, [f"k{i}" for i in range(24)], 1)
    assert out.dtype == np.uint8 and out.shape == (24, 3, 96, 128)
    # No resample: the kernels run at the images' own size (a batch of one image each, as sizes differ).
    jitter = auger.load(str(path), "jitter_only", seed=2)
    for i in range(4):
        compare(jitter, images[i:i + 1], [f"j{i}"], 0)


def test_emulated_kernels_match_cpu_eval():
    """resize(shorter: 256) + center_crop: the crop after the resample folded into its tables."""
    policy = auger.load(os.path.join(ROOT, "examples", "imagenet.aug"), "eval")
    images = photos()
    out = compare(policy, images, [f"e{i}" for i in range(24)], 0)
    assert out.shape == (24, 3, 224, 224)


def test_unsupported_policy_is_named():
    policy = auger.load(os.path.join(ROOT, "examples", "imagenet.aug"), "eval")
    assert cuda.unsupported(policy) == ""
    train = auger.load(os.path.join(ROOT, "examples", "imagenet.aug"), "train", seed=1)
    why = cuda.unsupported(train)
    assert "no GPU batch kernel" in why
    with pytest.raises(auger.Error, match="cannot run on the GPU"):
        cuda.Augmenter(train, emulate=True)(photos(4), ["a", "b", "c", "d"], 0)


def test_augment_without_gpu_names_why():
    needs_no_gpu()
    policy = auger.load(COLORJITTER, "train")
    with pytest.raises(auger.Error, match="libcuda.so.1|no CUDA device|CUDA driver"):
        cuda.augment(policy, photos(2), ["a", "b"])


def test_loader_falls_back_with_one_warning():
    needs_no_gpu()
    policy = auger.load(COLORJITTER, "train", seed=3)
    cuda._warned.clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gpu = auger.Loader(policy, DATA, batch_size=8, workers=2, device="cuda")
        again = auger.Loader(policy, DATA, batch_size=8, workers=2, device="cuda")
    messages = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    assert len(messages) == 1, messages  # once per process, not per loader
    assert "libcuda.so.1" in messages[0] and "CPU path" in messages[0]
    assert gpu.device == "cpu" and again.device == "cpu"
    cpu = auger.Loader(policy, DATA, batch_size=8, workers=2)
    batches = list(zip(gpu, cpu))
    assert len(batches) == 3
    for a, b in batches:
        assert a["key"] == b["key"]
        assert a["image"].device.type == "cpu"
        assert bool((a["image"] == b["image"]).all())


def test_loader_device_is_checked():
    policy = auger.load(COLORJITTER, "train")
    with pytest.raises(ValueError, match="'cpu' or 'cuda'"):
        auger.Loader(policy, DATA, device="tpu")
    with pytest.raises(ValueError, match="numpy=True"):
        auger.Loader(policy, DATA, device="cuda", numpy=True)


CLASS_POLICY = """
import std.vision
sample Photo { image: image(rgb)  label: class(3) }
policy train on Photo {
  random_resized_crop(size: 96)
  hflip() @p(0.5)
  color_jitter(brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1)
}
"""


def same_batches(gpu, cpu):
    a_all, b_all = list(gpu), list(cpu)
    assert len(a_all) == len(b_all) == len(cpu)
    for a, b in zip(a_all, b_all):
        assert a["key"] == b["key"]
        assert a["params"] == b["params"]
        assert a["image"].dtype == b["image"].dtype and a["image"].shape == b["image"].shape
        assert bool((a["image"] == b["image"]).all()), a["key"]
        for name in b:
            if name not in ("image", "key", "params", "batch_params"):
                assert bool((a[name] == b[name]).all()), name


@pytest.mark.parametrize("which", ["colorjitter", "class"])
def test_gpu_loader_path_emulated_equals_cpu(which, tmp_path, monkeypatch):
    """Loader(device="cuda")'s GPU path — decode on the workers, the batch through the kernels — with the kernels'
    CPU build (AUGER_GPU_EMULATE=1): the CPU loader's batches, byte for byte, shuffled, over two epochs."""
    monkeypatch.setenv("AUGER_GPU_EMULATE", "1")
    if which == "class":
        (tmp_path / "p.aug").write_text(CLASS_POLICY)
        policy = auger.load(str(tmp_path / "p.aug"), "train", seed=4)
    else:
        policy = auger.load(COLORJITTER, "train", seed=4)
    gpu = auger.Loader(policy, DATA, batch_size=5, workers=2, shuffle=True, device="cuda")
    assert gpu._impl.on_gpu, gpu._impl.device_note
    cpu = auger.Loader(policy, DATA, batch_size=5, workers=2, shuffle=True)
    for epoch in (0, 2):
        gpu.set_epoch(epoch)
        cpu.set_epoch(epoch)
        same_batches(gpu, cpu)
    gpu_stats = gpu.metrics()
    assert gpu_stats["gpu"] == {"on_gpu": True, "note": "", "kernel_samples": 48, "cpu_samples": 0}
    assert gpu_stats["stages"]["gpu"]["count"] == 10  # one kernel pass per batch: 5 batches, 2 epochs
    dropped = auger.Loader(policy, DATA, batch_size=5, workers=2, drop_last=True, device="cuda")
    assert len(list(dropped)) == 4  # 24 samples: the partial fifth batch is not delivered


MIXED_POLICY = """
import std.vision
sample Photo { image: image(rgb)  label: class(3) }
policy train on Photo {
  random_resized_crop(size: 64)
  rotate(angle: 10deg) @p(0.3)
  color_jitter(brightness: 0.4, contrast: 0.4)
  to_float()
}
"""


def test_gpu_loader_runs_what_the_kernels_cannot_draw_on_the_cpu(tmp_path, monkeypatch):
    """A sample that draws an op outside the kernels (rotate) runs on the CPU path and its row joins the GPU batch:
    the batches still equal device="cpu"'s, with one warning naming the first such sample."""
    monkeypatch.setenv("AUGER_GPU_EMULATE", "1")
    cuda._warned.clear()
    (tmp_path / "p.aug").write_text(MIXED_POLICY)
    # The loader judges the policy on one sample's draws: a seed whose probe does not draw rotate.
    seed = next(s for s in range(50) if not cuda.unsupported(auger.load(str(tmp_path / "p.aug"), "train", seed=s)))
    policy = auger.load(str(tmp_path / "p.aug"), "train", seed=seed)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gpu = auger.Loader(policy, DATA, batch_size=6, workers=3, device="cuda")
        same_batches(gpu, auger.Loader(policy, DATA, batch_size=6, workers=3))
    messages = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    assert len(messages) == 1 and "run on the CPU path" in messages[0] and "first: sample `" in messages[0], messages
    stats = gpu.metrics()["gpu"]
    assert stats["cpu_samples"] > 0 and stats["kernel_samples"] > 0
    assert stats["cpu_samples"] + stats["kernel_samples"] == 24


def test_gpu_loader_refuses_what_the_kernels_cannot_do(monkeypatch):
    """A policy outside the kernels (rand_augment) stays on the CPU path, said once, naming the op."""
    monkeypatch.setenv("AUGER_GPU_EMULATE", "1")
    cuda._warned.clear()
    policy = auger.load(os.path.join(ROOT, "examples", "imagenet.aug"), "train", seed=1)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gpu = auger.Loader(policy, DATA, batch_size=8, device="cuda")
    messages = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    assert len(messages) == 1 and "no GPU batch kernel" in messages[0] and "CPU path" in messages[0], messages
    assert not gpu._impl.on_gpu and "no GPU batch kernel" in gpu._impl.device_note
    same_batches(gpu, auger.Loader(policy, DATA, batch_size=8))


def test_gpu_check_program_runs_a_planned_batch_both_ways(tmp_path):
    """auger_gpu_check (what bench/gpu_check.sh runs on a GPU) on a batch planned here: the kernels' CPU build
    equals the CPU path's results, also as the loader runs a batch (half its rows finished on the CPU); without a
    GPU it says so and fails (exit 1)."""
    import json
    import subprocess
    from auger import _auger
    needs_no_gpu()
    policy = auger.load(COLORJITTER, "train", seed=7)
    images, keys = photos(6), [f"c{i}" for i in range(6)]
    want = []
    for image, key in zip(images, keys):
        want.append(policy.apply({"image": image}, key=key, epoch=1)["image"])
    plan = str(tmp_path / "b.plan")
    _auger.GpuAugmenter(policy._impl, True).write_plans(
        plan, [np.ascontiguousarray(i.transpose(2, 0, 1)) for i in images], keys, 1, np.stack(want).astype(np.float32))
    exe = os.path.join(os.environ.get("AUGER_BUILD_DIR", os.path.join(ROOT, "build")), "runtime", "auger_gpu_check")
    r = subprocess.run([exe, "conformance", plan], capture_output=True, text=True)
    report = json.loads(r.stdout)
    assert r.returncode == 1 and report["ok"] is False and "libcuda" in report["cuda"]
    for way in ("emulated", "emulated_loader_rows"):
        assert report[way] == {"max_abs_diff": report[way]["max_abs_diff"], "mismatched_samples": 0}, way
        assert report[way]["max_abs_diff"] <= 1e-5, way
