"""`auger run`: output bytes independent of workers, processes and interruptions; manifest; errors; formats."""
import io
import json
import os
import shutil
import signal
import subprocess
import tarfile
import time

import numpy as np
import pytest
from conftest import shard_bytes


def manifest(out):
    with open(os.path.join(out, "manifest.json")) as f:
        return json.load(f)


def test_webdataset_shards_and_manifest(run, policy_file, image_folder, tmp_path):
    out = tmp_path / "out"
    run(policy_file, "--policy", "train", "--input", image_folder, "--output", str(out), "--shard-samples", "5",
        "--metrics", str(tmp_path / "metrics.jsonl"))
    m = manifest(out)
    assert m["status"] == "complete"
    assert m["samples"] == 18 and m["items"] == 18 and m["written"] == 18 and m["error_count"] == 0
    assert [s["name"] for s in m["shards"]] == [f"shard-{j:06d}" for j in range(4)]
    assert m["identity"]["policy"] == "train" and len(m["identity"]["file_sha256"]) == 64
    stages = m["processes"][0]["metrics"]["stages"]
    assert {"read", "decode", "augment", "write"} <= set(stages)
    coverage = m["processes"][0]["metrics"]["coverage"]
    assert coverage["0"]["fired"] == 18  # the crop runs on every sample
    # Members: KEY.npy (float CHW), KEY.json with params, KEY.cls with the folder's label.
    with tarfile.open(out / "shard-000000.tar") as t:
        names = t.getnames()
        assert names[:3] == ["cat/cat_00.npy", "cat/cat_00.json", "cat/cat_00.cls"]
        arr = np.load(io.BytesIO(t.extractfile("cat/cat_00.npy").read()))
        assert arr.shape == (3, 64, 64) and arr.dtype == np.float32
        rec = json.loads(t.extractfile("cat/cat_00.json").read())
        assert rec["label"] == 0 and rec["key"] == "cat/cat_00" and rec["params"]["0"]["op"] == "random_resized_crop"
        assert t.extractfile("cat/cat_00.cls").read() == b"0"
    with tarfile.open(out / "shard-000003.tar") as t:
        assert t.getnames()[-1] == "eel/eel_05.cls"
        assert t.extractfile("eel/eel_05.cls").read() == b"2"
    lines = [json.loads(l) for l in open(tmp_path / "metrics.jsonl")]
    assert lines[-1]["final"] and lines[-1]["samples"] == 18
    # No temporary files are left.
    assert not [p for p in os.listdir(out) if p.endswith(".tmp")]


def test_same_bytes_for_any_worker_count(run, policy_file, image_folder, tmp_path):
    outs = []
    for workers in (1, 3):
        out = tmp_path / f"w{workers}"
        run(policy_file, "--policy", "train", "--input", image_folder, "--output", str(out), "--shard-samples", "4",
            "--workers", str(workers), "--copies", "2")
        outs.append(shard_bytes(out))
    assert outs[0] == outs[1]
    assert len(outs[0]) == 9  # 36 items in shards of 4


def test_two_processes_write_what_one_does(run, policy_file, image_folder, tmp_path):
    one = tmp_path / "one"
    run(policy_file, "--policy", "small", "--input", image_folder, "--output", str(one), "--shard-samples", "4")
    two = tmp_path / "two"
    # Both processes at once, as a launcher would start them; process 0 merges the manifest.
    env = dict(os.environ)
    procs = [subprocess.Popen([os.environ.get("AUGER_BIN", "build/tools/auger"), "run", policy_file, "--policy",
                               "small", "--input", image_folder, "--output", str(two), "--shard-samples", "4",
                               "--shard", f"{r}/2", "-q"], env=env) for r in (1, 0)]
    assert [p.wait(timeout=300) for p in procs] == [0, 0]
    assert shard_bytes(one) == shard_bytes(two)
    m = manifest(two)
    assert m["written"] == 18 and len(m["shards"]) == 5 and len(m["processes"]) == 2


def test_launcher_variables_pick_the_part(run, policy_file, image_folder, tmp_path):
    out = tmp_path / "env"
    # Process 1 of 2 alone writes shards 1 and 3 and no manifest (process 0 merges).
    proc = run(policy_file, "--policy", "small", "--input", image_folder, "--output", str(out), "--shard-samples",
               "4", env={"SLURM_PROCID": "1", "SLURM_NTASKS": "2"})
    assert sorted(p for p in os.listdir(out) if p.endswith(".tar")) == ["shard-000001.tar", "shard-000003.tar"]
    assert "slurm" in proc.stderr
    assert not (out / "manifest.json").exists()


def test_mpirun_two_processes(auger_bin, run, policy_file, image_folder, tmp_path):
    assert shutil.which("mpirun"), "Open MPI's mpirun is not installed (scripts/install-deps installs openmpi-bin)"
    one = tmp_path / "one"
    run(policy_file, "--policy", "small", "--input", image_folder, "--output", str(one), "--shard-samples", "3")
    two = tmp_path / "mpi"
    cmd = ["mpirun", "-np", "2", "--oversubscribe"]
    if os.geteuid() == 0:
        cmd.append("--allow-run-as-root")
    # One machine: no remote daemons, so no ssh is needed (Open MPI refuses to start when it finds no agent).
    env = dict(os.environ, OMPI_MCA_plm_rsh_agent="/bin/false")
    proc = subprocess.run(cmd + [auger_bin, "run", policy_file, "--policy", "small", "--input", image_folder,
                                 "--output", str(two), "--shard-samples", "3"],
                          capture_output=True, text=True, timeout=600, env=env)
    assert proc.returncode == 0, proc.stderr
    assert shard_bytes(one) == shard_bytes(two)
    m = manifest(two)
    assert m["status"] == "complete" and m["written"] == 18 and len(m["processes"]) == 2


def test_killed_run_resumes_to_the_same_bytes(auger_bin, run, policy_file, image_folder, tmp_path):
    ref = tmp_path / "ref"
    args = [policy_file, "--policy", "train", "--input", image_folder, "--shard-samples", "2", "--copies", "8",
            "--path", "reference", "-q"]
    run(*args, "--output", str(ref))
    out = tmp_path / "killed"
    for attempt in range(5):
        shutil.rmtree(out, ignore_errors=True)
        p = subprocess.Popen([auger_bin, "run", *args, "--output", str(out)])
        deadline = time.time() + 120
        while time.time() < deadline and p.poll() is None:
            if out.exists() and len([f for f in os.listdir(out) if f.endswith(".tar")]) >= 3:
                break
            time.sleep(0.005)
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            p.wait()
            break
    else:
        pytest.fail("the run finished before it could be killed, five times: it must be killed to test --resume")
    assert not (out / "manifest.json").exists()
    before = shard_bytes(out)
    assert 0 < len([f for f in before if f.endswith(".tar")]) < 72
    # Without --resume the folder is refused; with it the run completes to the uninterrupted bytes.
    run(*args, "--output", str(out), expect=2)
    run(*args, "--output", str(out), "--resume")
    after = shard_bytes(out)
    assert after == shard_bytes(ref)
    assert manifest(out)["written"] == 144
    # Resuming with another identity is refused.
    run(policy_file, "--policy", "train", "--input", image_folder, "--shard-samples", "2", "--copies", "8",
        "--path", "reference", "--seed", "1", "--output", str(out), "--resume", expect=2)


def test_copies_are_epochs(run, policy_file, image_folder, tmp_path):
    out = tmp_path / "copies"
    run(policy_file, "--policy", "small", "--input", image_folder, "--output", str(out), "--copies", "2",
        "--format", "folder")
    a = json.load(open(out / "cat" / "cat_00_e0.json"))
    b = json.load(open(out / "cat" / "cat_00_e1.json"))
    assert a["epoch"] == 0 and b["epoch"] == 1
    assert a["params"]["0"] != b["params"]["0"]  # another epoch, other draws
    assert (out / "cat" / "cat_00_e0.png").exists()


def test_folder_format_matches_the_fused_and_reference_paths(run, policy_file, image_folder, tmp_path):
    outs = []
    for path in ("fused", "reference"):
        out = tmp_path / path
        run(policy_file, "--policy", "small", "--input", image_folder, "--output", str(out), "--format", "folder",
            "--path", path)
        outs.append({k: v for k, v in shard_bytes(out).items() if k.endswith(".png")})
    assert len(outs[0]) == 18 and outs[0] == outs[1]


def test_region_decoding_changes_nothing(run, policy_file, image_folder, tmp_path):
    outs = []
    for flag in ([], ["--no-region-decode"]):
        out = tmp_path / ("full" if flag else "region")
        run(policy_file, "--policy", "train", "--input", image_folder, "--output", str(out), *flag)
        outs.append(shard_bytes(out))
    assert outs[0] == outs[1]


def test_refuses_an_existing_run_and_bad_arguments(run, policy_file, image_folder, tmp_path):
    out = tmp_path / "x"
    run(policy_file, "--policy", "small", "--input", image_folder, "--output", str(out))
    p = run(policy_file, "--policy", "small", "--input", image_folder, "--output", str(out), expect=2)
    assert "--resume" in p.stderr
    run(policy_file, "--policy", "small", "--input", image_folder, "--output", str(out), "--force")
    p = run(policy_file, "--policy", "small", "--input", image_folder, "--output", str(tmp_path / "y"),
            "--shard", "2/2", expect=2)
    assert "rank" in p.stderr
    p = run(policy_file, "--policy", "small", "--input", str(tmp_path / "missing"), "--output", str(tmp_path / "z"),
            expect=3)
    p = run(policy_file, "--policy", "small", "--input", image_folder, "--output", str(tmp_path / "w"),
            "--max-errors", "lots", expect=2)
    assert "--max-errors" in p.stderr


def test_hostile_inputs_are_named_and_skipped(run, auger_bin, tmp_path):
    gen = os.path.join(os.path.dirname(__file__), "../data/make_hostile_images.py")
    subprocess.run(["/usr/bin/python3", gen, str(tmp_path / "hostile")], check=True, capture_output=True)
    expected = json.load(open(tmp_path / "hostile" / "expected.json"))["files"]
    policy = tmp_path / "p.aug"
    policy.write_text("sample S { image: image(rgb) }\npolicy p on S { resize(size: [40, 40]) }\n")
    out = tmp_path / "out"
    # Past the default error rate the run stops with exit 3 and says why.
    p = run(str(policy), "--input", str(tmp_path / "hostile" / "images"), "--output", str(out), expect=3)
    assert "--max-errors" in p.stderr
    run(str(policy), "--input", str(tmp_path / "hostile" / "images"), "--output", str(out), "--force",
        "--max-errors", "100%", "--format", "folder")
    m = manifest(out)
    # The folder source's keys: the stem, or stem_ext when files share a stem; only image extensions are samples.
    listed = [f for f in expected if os.path.splitext(f["name"])[1].lower() in (".jpg", ".jpeg", ".png", ".webp", ".bmp")]
    stems = [os.path.splitext(f["name"])[0] for f in listed]

    def key(f):
        stem, ext = os.path.splitext(f["name"])
        return f"{stem}_{ext[1:].lower()}" if stems.count(stem) > 1 else stem

    good = {key(f) for f in listed if f["decodes"]}
    bad = {key(f) for f in listed if not f["decodes"]}
    assert good and bad
    written = {os.path.splitext(f)[0] for f in os.listdir(out) if f.endswith(".png")}
    assert written == good
    assert {e["key"] for e in m["errors"]} == bad
    assert all(e["error"] for e in m["errors"])
    assert m["written"] == len(good) and m["error_count"] == len(bad)


def test_scaled_decode_is_close_and_part_of_the_identity(run, tmp_path, image_folder):
    """--scaled-decode on large photos: the same samples and shapes, pixels close to the exact run's (not equal:
    the scaled IDCT is another resampling), and the identity records it."""
    from PIL import Image

    big = tmp_path / "big"
    for d, _, files in os.walk(image_folder):
        for f in files:
            rel = os.path.relpath(os.path.join(d, f), image_folder)
            (big / os.path.dirname(rel)).mkdir(parents=True, exist_ok=True)
            im = Image.open(os.path.join(d, f))
            im.resize((im.width * 4, im.height * 4), Image.BICUBIC).save(big / rel, quality=90)
    policy = tmp_path / "p.aug"
    policy.write_text("sample S { image: image(rgb) }\npolicy p on S { random_resized_crop(size: 64, scale: [0.5, 1]) }\n")
    outs = {}
    for flag in ("", "--scaled-decode"):
        out = tmp_path / ("scaled" if flag else "exact")
        run(str(policy), "--input", str(big), "--output", str(out), "--format", "folder", *([flag] if flag else []))
        outs[flag] = {k: np.asarray(Image.open(out / k)).astype(float) for k in shard_bytes(out) if k.endswith(".png")}
        assert manifest(out)["identity"]["scaled_decode"] == bool(flag)
    assert outs[""].keys() == outs["--scaled-decode"].keys() and len(outs[""]) == 18
    diffs = [np.abs(outs[""][k] - outs["--scaled-decode"][k]).mean() for k in outs[""]]
    print("mean abs differences:", sorted(round(d, 2) for d in diffs))
    assert max(diffs) < 10 and np.mean(diffs) < 5
    assert any(d > 0 for d in diffs)  # it did decode scaled


def test_batch_block_is_said_to_be_left_to_the_loader(run, image_folder, tmp_path):
    # Per-sample commands cannot mix batches; they must say so instead of writing unmixed samples silently.
    policy = tmp_path / "mix.aug"
    policy.write_text("""
sample Photo {
  image: image(rgb)
  label: class(3)
}
policy train on Photo {
  random_resized_crop(size: 32)
  batch { mixup(alpha: 0.4) }
}
""")
    proc = run(str(policy), "--input", image_folder, "--output", str(tmp_path / "out"), "--format", "folder")
    assert "`batch { }` block (mixup, cutmix)" in proc.stderr
    assert "`auger run` writes each sample without it" in proc.stderr
    # Without the block, no note.
    policy.write_text(policy.read_text().replace("  batch { mixup(alpha: 0.4) }\n", ""))
    plain = run(str(policy), "--input", image_folder, "--output", str(tmp_path / "out2"), "--format", "folder")
    assert "block (mixup, cutmix)" not in plain.stderr
