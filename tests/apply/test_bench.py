"""`auger bench`: the JSON keys cli.md promises, with plausible values, on both paths; `--only` measures one stage."""
import json
import os
import shutil
import subprocess

import pytest

POLICY = os.path.join(os.path.dirname(__file__), "../../bench/policies/randaugment.aug")


@pytest.fixture(scope="module")
def photo_dir(photo_files, tmp_path_factory):
    d = tmp_path_factory.mktemp("bench_photos")
    for name, path in photo_files.items():
        shutil.copy(path, d / f"{name}.png")
    return d


def bench(auger_bin, photo_dir, *flags):
    proc = subprocess.run([auger_bin, "bench", POLICY, "--policy", "train", "--input", str(photo_dir),
                           "--seconds", "0", "--json", *flags], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.parametrize("path", ["fused", "reference"])
def test_json_keys(auger_bin, photo_dir, path):
    j = bench(auger_bin, photo_dir, "--path", path, "--workers", "2")
    for key in ("decode_per_s", "augment_per_s", "end_to_end_per_s"):
        assert j[key] > 0, key
        # CPU time never exceeds wall time by more than the worker count allows.
        cpu_key = key.replace("_per_s", "_per_cpu_s")
        assert j[cpu_key] > 0 and j[cpu_key] >= j[key] / 2 * 0.9, cpu_key
    assert j["workers"] == 2
    assert j["images"] == 3
    assert j["path"] == path
    assert j["peak_rss_mb"] > 0 and j["errors"] == 0
    # The build's kernels cover RandAugment: nothing is compiled, warm-up included.
    assert j["kernels_compiled"] == 0 and j["compile_seconds"] == 0


def test_only_one_stage(auger_bin, photo_dir):
    j = bench(auger_bin, photo_dir, "--only", "augment")
    assert "augment_per_s" in j
    assert "decode_per_s" not in j and "end_to_end_per_s" not in j


def test_empty_folder_is_an_error(auger_bin, tmp_path):
    proc = subprocess.run([auger_bin, "bench", POLICY, "--input", str(tmp_path), "--json"],
                          capture_output=True, text=True)
    assert proc.returncode == 3
    assert "error:" in proc.stderr


def run_bench(auger_bin, folder, *flags):
    return subprocess.run([auger_bin, "bench", POLICY, "--policy", "train", "--input", str(folder), "--seconds", "0",
                           "--json", *flags], capture_output=True, text=True)


def test_every_sample_failing_is_a_failed_run_measuring_nothing(auger_bin, tmp_path):
    for name in ("a", "b"):
        (tmp_path / f"{name}.png").write_bytes(b"not an image at all")
    proc = run_bench(auger_bin, tmp_path)
    assert proc.returncode == 3, proc.stderr
    assert "no sample could be read and decoded, nothing measured" in proc.stderr
    j = json.loads(proc.stdout)  # the figures are still printed
    # Failed samples are not samples processed: no throughput from them.
    assert j["decode_per_s"] == 0 and j["end_to_end_per_s"] == 0 and "augment_per_s" not in j
    assert j["bad_samples"] == 2 and j["errors"] >= 2


def test_bad_samples_past_max_errors_fail_the_bench(auger_bin, photo_dir, tmp_path):
    folder = tmp_path / "mixed"
    shutil.copytree(photo_dir, folder)
    (folder / "junk.png").write_bytes(b"not an image at all")
    proc = run_bench(auger_bin, folder)  # 1 of 4 is more than the default 1%, as for `run`
    assert proc.returncode == 3, proc.stderr
    assert "1 of 4 samples failed to read or decode, more than --max-errors 1% allows (0); e.g. junk:" in proc.stderr
    proc = run_bench(auger_bin, folder, "--max-errors", "1")
    assert proc.returncode == 0, proc.stderr
    j = json.loads(proc.stdout)
    assert j["bad_samples"] == 1 and j["decode_per_s"] > 0
    assert run_bench(auger_bin, folder, "--max-errors", "lots").returncode == 2
