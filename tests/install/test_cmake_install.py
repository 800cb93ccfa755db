"""`cmake --install` of a build puts the `auger` command in PREFIX/bin, and it works from there: its stdlib (the
std.* modules) is compiled in, so nothing is read from the source or build tree. Run outside both."""
import os
import shutil
import subprocess

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "../.."))


def test_installed_auger_runs_from_its_prefix(tmp_path):
    build = os.environ.get("AUGER_BUILD_DIR", os.path.join(ROOT, "build"))
    assert os.path.exists(os.path.join(build, "CMakeCache.txt")), f"{build} is not a CMake build tree"
    prefix = tmp_path / "prefix"
    r = subprocess.run(["cmake", "--install", build, "--prefix", str(prefix)], capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    auger = prefix / "bin/auger"
    assert auger.exists(), f"cmake --install put no bin/auger in {prefix}:\n{r.stdout}"

    # A policy that imports std.vision, copied away from the source tree (its relative imports come along).
    work = tmp_path / "work"
    shutil.copytree(os.path.join(ROOT, "examples"), work / "examples", ignore=shutil.ignore_patterns("data"))
    env = {k: v for k, v in os.environ.items() if k not in ("AUGER_BIN", "PYTHONPATH")}
    env["PATH"] = f"{prefix / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    r = subprocess.run(["auger", "check", "examples/imagenet.aug"], capture_output=True, text=True, cwd=work,
                       env=env, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    r = subprocess.run(["auger", "explain", "examples/imagenet.aug", "--emit", "schema"], capture_output=True,
                       text=True, cwd=work, env=env, timeout=300)
    assert r.returncode == 0 and "image(rgb, f32)[3,224,224]" in r.stdout, r.stdout + r.stderr
