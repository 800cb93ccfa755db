"""`auger run --shard i/n` parts run one after another (a Slurm array throttled below its size) never wait for each
other: each writes its part and exits; the last to finish merges the manifest, to the bytes one process writes."""
import json

import pytest
from offline_data import files_under, image_folder, policy


def comparable(out):
    """The run's files, with the manifest's timings, process list, command and world size (which say how the run
    was launched, not what it wrote) left out."""
    files = {k: v for k, v in files_under(out).items() if not k.startswith(".auger")}
    m = json.loads(files.pop("manifest.json"))
    for k in ("processes", "command", "compile_seconds"):
        m.pop(k)
    m["identity"].pop("world_size")
    return files, m


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_parts_in_turn_write_what_one_process_does(run_auger, tmp_path, order):
    src = image_folder(tmp_path / "src", 7)
    args = ["run", policy(tmp_path), "--input", src, "--shard-samples", "2", "--copies", "2", "-q"]
    one, workers, parts = tmp_path / "one", tmp_path / "workers", tmp_path / "parts"
    assert run_auger(*args, "--output", one, timeout=60).returncode == 0
    assert run_auger(*args, "--output", workers, "--workers", "2", timeout=60).returncode == 0
    first = run_auger(*args, "--output", parts, "--shard", f"{order[0]}/2", timeout=60)
    assert first.returncode == 0, first.stderr
    assert not (parts / "manifest.json").exists()  # the set is not complete: no manifest yet, and no waiting
    second = run_auger(*args, "--output", parts, "--shard", f"{order[1]}/2", timeout=60)
    assert second.returncode == 0, second.stderr
    assert comparable(parts) == comparable(one) == comparable(workers)
    m = json.loads((parts / "manifest.json").read_text())
    assert [p["rank"] for p in m["processes"]] == [0, 1]
    assert m["command"].endswith("--shard 0/2 -q") or "--shard 0/2" in m["command"]


def test_a_part_run_twice_is_refused(run_auger, tmp_path):
    src = image_folder(tmp_path / "src", 3)
    args = ["run", policy(tmp_path), "--input", src, "--output", tmp_path / "out", "--shard-samples", "1"]
    assert run_auger(*args, "--shard", "0/2", timeout=60).returncode == 0
    again = run_auger(*args, "--shard", "0/2", timeout=60)
    assert again.returncode == 2 and "--resume" in again.stderr


def test_wait_ranks_is_gone(run_auger, tmp_path):
    src = image_folder(tmp_path / "src", 1)
    p = run_auger("run", policy(tmp_path), "--input", src, "--output", tmp_path / "out", "--wait-ranks", "5")
    assert p.returncode == 2 and "--wait-ranks" in p.stderr
