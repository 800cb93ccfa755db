"""The GPU batch kernels (runtime/gpu, docs/cuda.md) on a machine without a GPU: every kernel's PTX assembles with
the CUDA toolkit's ptxas for sm_80 and sm_90, the host side is linked (the kernels into the Python module, the
CUDA-capable Halide runtime into auger), and the build's own GPU objects were made for CUDA. A missing ptxas is a
failure: the check is what CI has of the GPU path."""
import os
import shutil
import subprocess

import pytest

BUILD = os.environ.get("AUGER_BUILD_DIR", os.path.normpath(os.path.join(os.path.dirname(__file__), "../../build")))
GPU_DIR = os.path.join(BUILD, "runtime", "gpu")
KERNELS = ["auger_gpu_resample", "auger_gpu_gray_sum", "auger_gpu_jitter_step", "auger_gpu_store"]


def ptxas():
    found = shutil.which("ptxas") or ("/usr/local/cuda/bin/ptxas" if os.access("/usr/local/cuda/bin/ptxas", os.X_OK)
                                      else None)
    assert found, "ptxas not found on PATH nor in /usr/local/cuda/bin: install the CUDA toolkit (scripts/install-deps)"
    return found


def symbols(path):
    out = subprocess.run(["nm", path], capture_output=True, text=True, check=True).stdout
    return {line.split()[-1]: line.split()[-2] for line in out.splitlines() if len(line.split()) >= 2}


@pytest.mark.parametrize("arch", ["sm_80", "sm_90"])
@pytest.mark.parametrize("kernel", KERNELS)
def test_ptx_assembles(kernel, arch, tmp_path):
    ptx = os.path.join(GPU_DIR, kernel + ".ptx")
    assert os.path.getsize(ptx) > 0
    with open(ptx) as f:
        text = f.read()
    assert ".target sm_80" in text  # Halide 14's default would be sm_20, which current toolkits refuse
    r = subprocess.run([ptxas(), "-arch=" + arch, ptx, "-o", str(tmp_path / "k.cubin")], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "k.cubin").stat().st_size > 0


def test_ptx_rounds_as_the_cpu_kernels():
    """No contracted multiply-add beyond the resample's own fma taps, no approximate division: the f32 operations
    are the CPU kernels' one by one (pipelines/gpu_float.h)."""
    for kernel in KERNELS:
        with open(os.path.join(GPU_DIR, kernel + ".ptx")) as f:
            text = f.read()
        assert "div.approx" not in text and "div.full" not in text, kernel
        assert "mad.f32" not in text, kernel
        if kernel != "auger_gpu_resample":
            assert "fma.rn" not in text, kernel


def test_host_side_linked():
    auger_bin = os.environ["AUGER_BIN"]
    s = symbols(auger_bin)
    # One Halide runtime serves the CPU and the GPU kernels: auger's is the CUDA-capable one.
    for name in ["halide_cuda_device_interface", "halide_set_cuda_acquire_context", "halide_cuda_run"]:
        assert name in s, name
    if os.environ.get("AUGER_PYTHON_MODULE", "1") != "1":
        return  # a build without the Python module (AUGER_PYTHON=OFF): auger's runtime above is the check
    module = [os.path.join(BUILD, "python", "auger", f) for f in os.listdir(os.path.join(BUILD, "python", "auger"))
              if f.startswith("_auger") and f.endswith(".so")]
    assert module, "the Python module is not built"
    m = symbols(module[0])
    for k in KERNELS:
        assert m.get(k) == "T", k  # the CUDA build
        assert m.get(k + "_host") == "T", k + "_host"  # the CPU build the emulation tests run
    assert m.get("halide_set_cuda_acquire_context") in ("T", "W")


def test_gpu_check_program_needs_only_the_c_and_cxx_runtimes():
    """auger_gpu_check travels to GPU machines without auger's libraries (bench/gpu_check.sh): it may need only
    libc and libstdc++ (and a sanitized build's runtimes), and it says why it cannot run where there is no GPU."""
    exe = os.path.join(GPU_DIR, "..", "auger_gpu_check")
    libs = subprocess.run(["ldd", exe], capture_output=True, text=True, check=True).stdout
    allowed = ("linux-vdso", "libstdc++", "libm.so", "libgcc_s", "libc.so", "ld-linux", "libasan", "libubsan")
    extra = [line.strip() for line in libs.splitlines() if line.strip() and not any(a in line for a in allowed)]
    assert not extra, extra
    r = subprocess.run([exe], capture_output=True, text=True)
    assert r.returncode == 2 and "usage" in r.stderr
