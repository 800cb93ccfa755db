"""`auger run` on an output that fails (a full disk, a file size limit): a run failure (exit 3) naming the path and
the operating system's reason, never "internal error"; the manifest counts only the shards that were kept; and it
records the whole command line."""
import json
import os
import resource
import signal
import shlex

from offline_data import image_folder, manifest, policy


def test_a_full_disk_fails_the_run_and_counts_only_kept_shards(run_auger, tmp_path):
    src = image_folder(tmp_path / "src", 4)
    out = tmp_path / "out"
    (out / ".auger").mkdir(parents=True)  # a folder auger started in, so the planted link is not "foreign"
    # Shard 1's temporary file leads to /dev/full: every write to it fails with ENOSPC, as on a full disk (and
    # as root too, which ignores permissions).
    os.symlink("/dev/full", out / "shard-000001.tar.tmp")
    p = run_auger("run", policy(tmp_path), "--input", src, "--output", out, "--shard-samples", "2")
    assert p.returncode == 3, p.stderr
    assert "internal error" not in p.stderr
    assert "shard-000001.tar" in p.stderr and "No space left on device" in p.stderr, p.stderr
    m = manifest(out)
    assert m["status"] == "failed"
    assert [s["name"] for s in m["shards"]] == ["shard-000000"]
    assert m["written"] == 2  # the discarded shard's two samples are not counted
    assert not (out / "shard-000001.tar").exists()


def limit_file_size(limit):
    def preexec():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG, not a signal
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return preexec


def test_a_write_past_the_file_size_limit_names_the_path_and_reason(run_auger, tmp_path):
    src = image_folder(tmp_path / "src", 3, size=64)
    for fmt in ("folder", "webdataset"):
        out = tmp_path / fmt
        p = run_auger("run", policy(tmp_path), "--input", src, "--output", out, "--format", fmt,
                      preexec_fn=limit_file_size(300))
        assert p.returncode == 3, p.stderr
        assert "internal error" not in p.stderr
        assert "File too large" in p.stderr and str(out) in p.stderr, p.stderr


def test_output_inside_a_file_is_a_run_failure(run_auger, tmp_path):
    src = image_folder(tmp_path / "src", 1)
    (tmp_path / "file").write_text("x")
    p = run_auger("run", policy(tmp_path), "--input", src, "--output", tmp_path / "file" / "out")
    assert p.returncode == 3 and "internal error" not in p.stderr
    assert str(tmp_path / "file") in p.stderr and "Not a directory" in p.stderr, p.stderr


def test_the_manifest_records_the_whole_command_line(run_auger, tmp_path):
    src = image_folder(tmp_path / "src", 2)
    out = tmp_path / "out dir"
    args = [policy(tmp_path), "--policy", "p", "--input", src, "--output", out, "--copies", "2", "--workers", "2",
            "--seed", "7", "--set", "nothing=1", "--shard-samples", "3", "--format", "folder", "--shuffle", "-q"]
    args = [a for a in args if a not in ("--set", "nothing=1")]  # p has no parameters
    p = run_auger("run", *args)
    assert p.returncode == 0, p.stderr
    words = shlex.split(manifest(out)["command"])
    assert words[:2] == ["auger", "run"]
    for flag, value in [("--policy", "p"), ("--copies", "2"), ("--workers", "2"), ("--seed", "7"),
                        ("--shard-samples", "3"), ("--format", "folder"), ("--output", str(out))]:
        assert words[words.index(flag) + 1] == value, words
    assert "--shuffle" in words and ("-q" in words or "--quiet" in words)
    assert json.loads((out / ".auger" / "part.r0.json").read_text())["command"] == manifest(out)["command"]
