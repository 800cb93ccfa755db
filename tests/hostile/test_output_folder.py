"""`auger run --output`: a folder of someone else's files is refused (exit 2) unless --force, and then kept; a run
over an earlier run (--force) leaves exactly the new run's shards, never a file auger did not write."""
import os

from offline_data import files_under, image_folder, manifest, policy


def outputs(out):
    return sorted(f for f in files_under(out) if not f.startswith(".auger"))


def test_a_foreign_folder_is_refused_and_kept(run_auger, tmp_path):
    src = image_folder(tmp_path / "src", 3)
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.tex").write_text("years of work")
    (out / "shard-000000.tar").write_text("not a shard")
    p = run_auger("run", policy(tmp_path), "--input", src, "--output", out)
    assert p.returncode == 2
    assert str(out) in p.stderr and "--force" in p.stderr
    assert outputs(out) == ["shard-000000.tar", "thesis.tex"] and not (out / ".auger").exists()
    # --force writes beside the files and removes none of them (the user's shard-000000.tar is replaced by the
    # run's own, which the run lists: that is the one file --force lets it overwrite).
    p = run_auger("run", policy(tmp_path), "--input", src, "--output", out, "--force", "--shard-samples", "1")
    assert p.returncode == 0, p.stderr
    assert (out / "thesis.tex").read_text() == "years of work"
    assert outputs(out) == ["manifest.json", "shard-000000.tar", "shard-000001.tar", "shard-000002.tar",
                            "thesis.tex"]


def test_force_over_an_earlier_run_removes_its_extra_shards(run_auger, tmp_path):
    src = image_folder(tmp_path / "src", 6)
    out = tmp_path / "out"
    p = run_auger("run", policy(tmp_path), "--input", src, "--output", out, "--shard-samples", "2")
    assert p.returncode == 0, p.stderr
    assert len(manifest(out)["shards"]) == 3
    (out / "notes.txt").write_text("mine")  # a file the user put beside the shards: never auger's to remove
    p = run_auger("run", policy(tmp_path), "--input", src, "--output", out, "--shard-samples", "6")
    assert p.returncode == 2 and "--force" in p.stderr  # another run: refused without --force
    p = run_auger("run", policy(tmp_path), "--input", src, "--output", out, "--shard-samples", "6", "--force")
    assert p.returncode == 0, p.stderr
    assert [s["name"] for s in manifest(out)["shards"]] == ["shard-000000"]
    assert outputs(out) == ["manifest.json", "notes.txt", "shard-000000.tar"]


def test_force_from_folder_to_webdataset_removes_the_folder_files(run_auger, tmp_path):
    src = tmp_path / "src"
    image_folder(src / "cat", 2)
    image_folder(src / "dog", 2)
    out = tmp_path / "out"
    p = run_auger("run", policy(tmp_path), "--input", src, "--output", out, "--format", "folder")
    assert p.returncode == 0, p.stderr
    assert "cat/im00.png" in outputs(out)
    p = run_auger("run", policy(tmp_path), "--input", src, "--output", out, "--force")
    assert p.returncode == 0, p.stderr
    assert outputs(out) == ["manifest.json", "shard-000000.tar"]
    assert not (out / "cat").exists()  # emptied folders go too


def test_force_over_a_killed_run_removes_its_shards(run_auger, tmp_path):
    """A run that left shards and a journal but no manifest (killed): --force starts over without them."""
    src = image_folder(tmp_path / "src", 4)
    out = tmp_path / "out"
    p = run_auger("run", policy(tmp_path), "--input", src, "--output", out, "--shard-samples", "1")
    assert p.returncode == 0, p.stderr
    os.remove(out / "manifest.json")
    os.remove(out / ".auger" / "part.r0.json")
    p = run_auger("run", policy(tmp_path), "--input", src, "--output", out, "--shard-samples", "2", "--force")
    assert p.returncode == 0, p.stderr
    assert outputs(out) == ["manifest.json", "shard-000000.tar", "shard-000001.tar"]


def test_a_forged_manifest_cannot_make_auger_delete_outside(run_auger, tmp_path):
    src = image_folder(tmp_path / "src", 1)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_text(
        '{"identity": {}, "shards": [{"name": "x", "files": ["../victim.txt", "%s"]}]}' % victim)
    p = run_auger("run", policy(tmp_path), "--input", src, "--output", out, "--force")
    assert p.returncode == 0, p.stderr
    assert victim.read_text() == "keep me"
