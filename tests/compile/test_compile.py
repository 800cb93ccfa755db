"""`auger compile` (cli.md): a policy's kernels as an object file, the Halide runtime, a C header and a manifest,
for embedding. The test links the objects into a C++ program that calls a kernel through the header and checks
its output against numpy; and checks the manifest, the catalog subset and the errors."""
import json
import os
import shutil
import subprocess

import numpy as np
import pytest

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "../.."))
HALIDE_INCLUDE = "/usr/include/halide14"

POLICY = """
import std.vision
sample Photo { image: image(rgb) }
policy eval on Photo deterministic {
  center_crop(size: 8)
  to_float()
  normalize(mean: imagenet_mean, std: imagenet_std)
}
policy train on Photo {
  center_crop(size: 8)
  resize(size: 6)
  hue(shift: uniform(-0.1, 0.1))
  to_float()
  normalize(mean: imagenet_mean, std: imagenet_std)
}
"""

# Calls the manifest's `input|to_float.u8|normalize.f32` kernel on a 5x4 RGB image and prints the floats.
PROGRAM = r"""
#include <cstdio>
#include "HalideBuffer.h"
#include "auger_eval.h"
int main() {
  Halide::Runtime::Buffer<uint8_t> in(5, 4, 3);
  for (int c = 0; c < 3; ++c) for (int y = 0; y < 4; ++y) for (int x = 0; x < 5; ++x) in(x, y, c) = (x * 37 + y * 91 + c * 53) % 256;
  float m[3] = {0.485f, 0.456f, 0.406f}, s[3] = {0.229f, 0.224f, 0.225f};
  Halide::Runtime::Buffer<float> mean(m, 3), sd(s, 3), out(5, 4, 3);
  if (FUNCTION(in, mean, sd, out) != 0) return 1;
  for (int c = 0; c < 3; ++c) for (int y = 0; y < 4; ++y) for (int x = 0; x < 5; ++x) std::printf("%.9g\n", out(x, y, c));
  return 0;
}
"""


@pytest.fixture(scope="module")
def auger_bin():
    path = os.environ.get("AUGER_BIN", os.path.join(ROOT, "build/tools/auger"))
    assert os.path.exists(path), f"{path} not built (set AUGER_BIN)"
    return path


@pytest.fixture(scope="module")
def policy_file(tmp_path_factory):
    p = tmp_path_factory.mktemp("policy") / "p.aug"
    p.write_text(POLICY)
    return str(p)


def compile_policy(auger_bin, policy_file, policy, out, *extra):
    return subprocess.run([auger_bin, "compile", policy_file, "--policy", policy, "-o", str(out), *extra],
                          capture_output=True, text=True)


def test_compile_writes_objects_header_and_manifest_that_link_and_run(auger_bin, policy_file, tmp_path):
    out = tmp_path / "kernels"
    p = compile_policy(auger_bin, policy_file, "eval", out)
    assert p.returncode == 0, p.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["policy"] == "eval"
    assert manifest["objects"] == ["auger_eval.o", "auger_halide_runtime.o"]
    assert "strict_float" in manifest["target"]
    structures = {k["structure"].split(":", 1)[1]: k for k in manifest["kernels"]}
    # The eval policy's kernels: remaps and the store, never a warp, a stencil or a colour step.
    assert "remap|to_float.u8|normalize.f32" in structures
    assert not any(s.startswith(("warp", "sharpness", "blur")) or "hue" in s for s in structures)
    header = (out / "auger_eval.h").read_text()
    for k in manifest["kernels"]:
        assert f"int {k['function']}(" in header
        assert k["arguments"][-1] == {"name": "output", "type": "buffer"}
    kernel = structures["input|to_float.u8|normalize.f32"]
    assert [a["name"] for a in kernel["arguments"]] == ["in", "s1_mean", "s1_std", "output"]

    cxx = shutil.which("c++")
    assert cxx, "no C++ compiler to link the objects with"
    src = tmp_path / "main.cpp"
    src.write_text(PROGRAM)
    exe = tmp_path / "main"
    link = subprocess.run([cxx, "-std=c++17", f"-DFUNCTION={kernel['function']}", f"-I{out}", f"-I{HALIDE_INCLUDE}",
                           str(src), str(out / "auger_eval.o"), str(out / "auger_halide_runtime.o"), "-o", str(exe),
                           "-lpthread", "-ldl"], capture_output=True, text=True)
    assert link.returncode == 0, link.stderr
    run = subprocess.run([str(exe)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    got = np.array([float(v) for v in run.stdout.split()], np.float32).reshape(3, 4, 5)
    c, y, x = np.meshgrid(np.arange(3), np.arange(4), np.arange(5), indexing="ij")
    u8 = ((x * 37 + y * 91 + c * 53) % 256).astype(np.float32)
    mean = np.array([0.485, 0.456, 0.406], np.float32)[:, None, None]
    sd = np.array([0.229, 0.224, 0.225], np.float32)[:, None, None]
    want = (u8 / np.float32(255) - mean) / sd  # torchvision's ToTensor + Normalize in float32
    assert np.array_equal(got, want.astype(np.float32))


def test_a_policy_with_more_ops_gets_more_kernels(auger_bin, policy_file, tmp_path):
    assert compile_policy(auger_bin, policy_file, "eval", tmp_path / "e").returncode == 0
    assert compile_policy(auger_bin, policy_file, "train", tmp_path / "t").returncode == 0
    ev = {k["structure"] for k in json.loads((tmp_path / "e" / "manifest.json").read_text())["kernels"]}
    tr = {k["structure"] for k in json.loads((tmp_path / "t" / "manifest.json").read_text())["kernels"]}
    assert ev < tr
    assert any(s.split(":", 1)[1].startswith("sampled") for s in tr) and any("hue" in s for s in tr)
    assert not any("warp" in s or "sharpness" in s or "posterize" in s for s in tr)


def test_no_image_ops_no_kernels(auger_bin, tmp_path):
    p = subprocess.run([auger_bin, "compile", os.path.join(ROOT, "examples", "asr.aug"), "--policy", "train",
                        "-o", str(tmp_path / "a")], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert json.loads((tmp_path / "a" / "manifest.json").read_text())["kernels"] == []
    assert "runs no fused kernel" in p.stdout


@pytest.mark.parametrize("target,message", [("cuda", "the host target is needed"),
                                            ("tpu", "unknown target `tpu`")])
def test_unsupported_targets_are_usage_errors(auger_bin, policy_file, tmp_path, target, message):
    p = compile_policy(auger_bin, policy_file, "eval", tmp_path / "x", "--target", target)
    assert p.returncode == 2
    assert message in p.stderr
    assert not (tmp_path / "x").exists()


def ptxas():
    path = shutil.which("ptxas") or "/usr/local/cuda/bin/ptxas"
    assert os.path.exists(path), "the CUDA toolkit's ptxas is needed to check the CUDA kernels (none on PATH)"
    return path


def test_cuda_kernels_assemble_for_sm80_and_sm90_and_their_host_side_links(auger_bin, policy_file, tmp_path):
    out = tmp_path / "kernels"
    p = compile_policy(auger_bin, policy_file, "eval", out, "--target", "host,cuda")
    assert p.returncode == 0, p.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    cuda = manifest["cuda"]
    assert "cuda" in cuda["target"] and "cuda_capability_80" in cuda["target"]
    assert "cuda" in manifest["runtime_target"]
    # The same kernel structures as the CPU's, each with its own PTX.
    assert [k["structure"] for k in cuda["kernels"]] == [k["structure"] for k in manifest["kernels"]]
    for k in cuda["kernels"]:
        ptx = (out / k["ptx"]).read_text()
        assert ".target sm_80" in ptx and ".entry" in ptx
        for arch in ("sm_80", "sm_90"):
            asm = subprocess.run([ptxas(), f"-arch={arch}", str(out / k["ptx"]), "-o", str(tmp_path / "k.cubin")],
                                 capture_output=True, text=True)
            assert asm.returncode == 0, f"{k['function']} for {arch}: {asm.stderr}"

    # The host side links with the shared runtime, which loads the CUDA driver only when first called; without a
    # GPU the call fails with Halide's error, with one it must give the CPU kernel's floats.
    kernel = next(k for k in cuda["kernels"] if k["structure"].endswith(":input|to_float.u8|normalize.f32"))
    src = tmp_path / "main.cpp"
    src.write_text(PROGRAM.replace('"auger_eval.h"', '"auger_eval_cuda.h"'))
    exe = tmp_path / "main"
    link = subprocess.run([shutil.which("c++"), "-std=c++17", f"-DFUNCTION={kernel['function']}", f"-I{out}",
                           f"-I{HALIDE_INCLUDE}", str(src), str(out / "auger_eval_cuda.o"),
                           str(out / "auger_halide_runtime.o"), "-o", str(exe), "-lpthread", "-ldl"],
                          capture_output=True, text=True)
    assert link.returncode == 0, link.stderr
    run = subprocess.run([str(exe)], capture_output=True, text=True, timeout=120)
    if run.returncode != 0:  # Halide's default error handler prints and aborts
        assert "CUDA" in run.stdout + run.stderr, run.stdout + run.stderr
    else:
        got = np.array([float(v) for v in run.stdout.split()], np.float32)
        assert got.size == 60 and np.all(np.isfinite(got))


def test_errors_in_the_policy_exit_1(auger_bin, tmp_path):
    bad = tmp_path / "bad.aug"
    bad.write_text("import std.vision\nsample S { image: image(rgb) }\npolicy p on S { rotate(angle: ) }\n")
    p = subprocess.run([auger_bin, "compile", str(bad), "-o", str(tmp_path / "o")], capture_output=True, text=True)
    assert p.returncode == 1
    assert "error" in p.stderr
