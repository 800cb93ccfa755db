"""`auger run --output`: a folder of someone else's files is refused (exit 2) unless --force, and then kept; a run
over an earlier run (--force) leaves exactly the new run's shards, and never removes or replaces a file auger did
not write."""
import json
import os

import pytest
from offline_data import files_under, image_folder, jpeg, manifest, policy


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
    # --force writes beside the files and never replaces one: the user's shard-000000.tar has the name of the
    # run's first shard, so the run is refused (exit 2) before it writes anything.
    p = run_auger("run", policy(tmp_path), "--input", src, "--output", out, "--force", "--shard-samples", "1")
    assert p.returncode == 2
    assert f"{out / 'shard-000000.tar'}: a file no auger run wrote is there" in p.stderr, p.stderr
    assert outputs(out) == ["shard-000000.tar", "thesis.tex"] and not (out / ".auger").exists()
    assert (out / "shard-000000.tar").read_text() == "not a shard"
    (out / "shard-000000.tar").unlink()
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


def test_force_never_replaces_a_file_auger_did_not_write(run_auger, tmp_path):
    """Folder output: the sample whose file is taken is that sample's error, named in the manifest (QA)."""
    src = image_folder(tmp_path / "src", 3)
    out = tmp_path / "out"
    out.mkdir()
    (out / "im01.png").write_text("my own picture")
    for attempt in range(2):  # the second --force starts over the first run: still not the user's file
        p = run_auger("run", policy(tmp_path), "--input", src, "--output", out, "--format", "folder", "--force",
                      "--max-errors", "1")
        assert p.returncode == 0, p.stderr
        assert (out / "im01.png").read_text() == "my own picture"
        errors = manifest(out)["errors"]
        assert [e["key"] for e in errors] == ["im01"]
        assert f"{out / 'im01.png'}: a file no auger run wrote is there" in errors[0]["error"]
        assert {"im00.png", "im02.png"} <= set(outputs(out))


def test_force_with_the_input_folder_as_output_keeps_the_inputs(run_auger, tmp_path):
    from PIL import Image

    same = tmp_path / "same"
    same.mkdir()
    Image.new("RGB", (8, 8), (200, 10, 10)).save(same / "a.png")
    (same / "b.jpg").write_bytes(jpeg(1))
    before = (same / "a.png").read_bytes()
    p = run_auger("run", policy(tmp_path), "--input", same, "--output", same, "--format", "folder", "--force",
                  "--max-errors", "1")
    assert p.returncode == 0, p.stderr
    assert (same / "a.png").read_bytes() == before
    assert [e["key"] for e in manifest(same)["errors"]] == ["a"]
    assert (same / "b.png").exists()


@pytest.mark.parametrize("fmt", ["folder", "webdataset"])
def test_files_a_killed_run_was_committing_are_its_own(run_auger, tmp_path, fmt):
    """A kill between a shard's renames and its journal line leaves files no shard record lists: the journal's
    "committing" line says they are auger's, so --resume rewrites them (no error) and --force may remove them."""
    src = image_folder(tmp_path / "src", 2)
    out = tmp_path / "out"
    args = ["run", policy(tmp_path), "--input", src, "--output", out, "--format", fmt, "--shard-samples", "1"]
    p = run_auger(*args)
    assert p.returncode == 0, p.stderr
    first = files_under(out)
    journal = out / ".auger" / "journal.r0.jsonl"
    lines = journal.read_text().splitlines()
    assert any("committing" in json.loads(line) for line in lines)
    journal.write_text("".join(line + "\n" for line in lines if "shard" not in json.loads(line)))
    os.remove(out / "manifest.json")
    os.remove(out / ".auger" / "part.r0.json")
    p = run_auger(*args, "--resume")
    assert p.returncode == 0, p.stderr
    assert manifest(out)["errors"] == []
    assert {k: v for k, v in files_under(out).items() if not k.startswith(".auger") and k != "manifest.json"} == \
        {k: v for k, v in first.items() if not k.startswith(".auger") and k != "manifest.json"}


def test_resume_over_another_run_names_what_differs(run_auger, tmp_path):
    src = image_folder(tmp_path / "src", 2)
    out = tmp_path / "out"
    p = run_auger("run", policy(tmp_path), "--input", src, "--output", out, "--seed", "1")
    assert p.returncode == 0, p.stderr
    p = run_auger("run", policy(tmp_path), "--input", src, "--output", out, "--seed", "2", "--copies", "2",
                  "--resume")
    assert p.returncode == 2
    assert "seed: 1 before, 2 now" in p.stderr and "copies: 1 before, 2 now" in p.stderr, p.stderr
    assert "file_sha256" not in p.stderr  # the fields that agree are not listed
    p = run_auger("run", policy(tmp_path), "--input", src, "--output", out, "--seed", "3")
    assert p.returncode == 2 and "seed: 1 before, 3 now" in p.stderr, p.stderr
