"""`auger run` / `auger apply`: a sample key never becomes a path outside the output folder (or a tar member that
escapes whoever extracts it); keys that name the same files are an error for the later sample, never an
overwrite (cli.md "Output folders")."""
import json
import os

import pytest
from offline_data import files_under, image_folder, jpeg, jsonl_source, manifest, policy, tar_members, tar_source


def outside(tmp_path, out, sources):
    """Files under tmp_path that neither the inputs nor the output folder account for."""
    return sorted(p for p in files_under(tmp_path)
                  if not p.startswith(os.path.relpath(out, tmp_path) + os.sep)
                  and not any(p.startswith(s) for s in sources))


@pytest.mark.parametrize("fmt", ["folder", "webdataset"])
def test_escaping_tar_members_are_refused(run_auger, tmp_path, fmt):
    src = tar_source(tmp_path / "src.tar", ["good.jpg", "../../x.jpg", f"{tmp_path}/abs/x.jpg", "a/../../y.jpg"])
    out = tmp_path / "a" / "b" / "out"
    p = run_auger("run", policy(tmp_path), "--input", src, "--output", out, "--format", fmt, "--max-errors", "100%")
    assert p.returncode == 0, p.stderr
    assert outside(tmp_path, out, ["src.tar", "p.aug"]) == []
    m = manifest(out)
    refused = {e["key"]: e["error"] for e in m["errors"]}
    assert set(refused) == {"../../x", f"{tmp_path}/abs/x", "a/../../y"}
    assert all("not written" in why for why in refused.values())
    assert m["written"] == 1 and m["error_count"] == 3
    if fmt == "webdataset":
        assert tar_members(out) == ["good.png", "good.json"]
    else:
        assert sorted(files_under(out)) == sorted([".auger/journal.r0.jsonl", ".auger/part.r0.json",
                                                   ".auger/run.json", "good.json", "good.png", "manifest.json"])


def test_escaping_and_control_character_jsonl_keys_are_refused(run_auger, tmp_path):
    src = jsonl_source(tmp_path / "src", ["ok", "../../y", "/etc/z", "tab\there", "nul\u0000", "del\u007f", "."])
    out = tmp_path / "a" / "b" / "out"
    p = run_auger("run", policy(tmp_path), "--input", src, "--output", out, "--format", "folder",
                  "--max-errors", "100%")
    assert p.returncode == 0, p.stderr
    assert outside(tmp_path, out, ["src", "p.aug"]) == []
    m = manifest(out)
    assert {e["key"] for e in m["errors"]} == {"../../y", "/etc/z", "tab\there", "nul\u0000", "del\u007f", "."}
    assert {f for f in files_under(out) if not f.startswith(".auger")} == {"ok.png", "ok.json", "manifest.json"}


def test_refused_keys_count_against_max_errors(run_auger, tmp_path):
    src = tar_source(tmp_path / "src.tar", ["a.jpg", "b.jpg", "../c.jpg"])
    out = tmp_path / "out"
    p = run_auger("run", policy(tmp_path), "--input", src, "--output", out, "--max-errors", "0")
    assert p.returncode == 3
    assert "--max-errors" in p.stderr and '"../c"' in p.stderr
    m = manifest(out)
    assert m["status"] == "failed" and m["written"] == 0 and m["shards"] == []


@pytest.mark.parametrize("fmt", ["folder", "webdataset"])
def test_aliasing_keys_are_an_error_for_the_later_sample(run_auger, tmp_path, fmt):
    src = jsonl_source(tmp_path / "src", ["a/b", "a/./b", "a//b", "c/", "c", "a.png/x"])
    out = tmp_path / "out"
    p = run_auger("run", policy(tmp_path), "--input", src, "--output", out, "--format", fmt, "--max-errors", "100%",
                  "--workers", "2")
    assert p.returncode == 0, p.stderr
    m = manifest(out)
    assert m["status"] == "complete" and len(m["shards"]) == 1
    errors = {e["key"]: e["error"] for e in m["errors"]}
    assert set(errors) == {"a/./b", "a//b", "c"}
    assert '"a/b"' in errors["a//b"] and '"c/"' in errors["c"]
    assert m["written"] == 3  # a/b, c/ (as c) and a.png/x: a.png is no key's file here
    if fmt == "folder":
        assert json.loads((out / "a" / "b.json").read_text())["key"] == "a/b"  # the first key's, kept
    else:
        assert tar_members(out) == ["a/b.png", "a/b.json", "c.png", "c.json", "a.png/x.png", "a.png/x.json"]


def test_a_key_needing_a_folder_where_another_writes_a_file(run_auger, tmp_path):
    src = jsonl_source(tmp_path / "src", ["a", "a.png/x", "b_e1.json/y"])
    out = tmp_path / "out"
    p = run_auger("run", policy(tmp_path), "--input", src, "--output", out, "--format", "folder", "--max-errors",
                  "100%")
    assert p.returncode == 0, p.stderr
    m = manifest(out)
    assert [e["key"] for e in m["errors"]] == ["a.png/x"]
    assert (out / "a.png").is_file() and (out / "b_e1.json" / "y.png").is_file()


def test_folder_keys_cannot_replace_the_runs_own_files(run_auger, tmp_path):
    src = jsonl_source(tmp_path / "src", ["manifest", ".auger/run", "fine"])
    out = tmp_path / "out"
    p = run_auger("run", policy(tmp_path), "--input", src, "--output", out, "--format", "folder", "--max-errors",
                  "100%")
    assert p.returncode == 0, p.stderr
    assert {e["key"] for e in manifest(out)["errors"]} == {"manifest", ".auger/run"}
    assert json.loads((out / ".auger" / "run.json").read_text())["format"] == "folder"


def test_apply_refuses_an_unsafe_name(run_auger, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "bad\x01name.jpg").write_bytes(jpeg(1))
    (src / "good.jpg").write_bytes(jpeg(2))
    out = tmp_path / "out"
    p = run_auger("apply", policy(tmp_path), "--out", out, src / "bad\x01name.jpg", src / "good.jpg")
    assert p.returncode == 3
    assert "control character" in p.stderr
    assert sorted(os.listdir(out)) == ["good.json", "good.png"]


def test_apply_replaces_a_symbolic_link_in_out_and_never_writes_through_it(run_auger, tmp_path):
    """QA: a link out/NAME.png to a file elsewhere was written through, replacing that file."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "photo.jpg").write_bytes(jpeg(1))
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "t.png").write_text("precious")
    (victim / "t.json").write_text("precious")
    out = tmp_path / "out"
    out.mkdir()
    os.symlink(victim / "t.png", out / "photo.png")
    os.symlink(victim / "t.json", out / "photo.json")
    p = run_auger("apply", policy(tmp_path), "--out", out, src / "photo.jpg")
    assert p.returncode == 0, p.stderr
    assert (victim / "t.png").read_text() == "precious" and (victim / "t.json").read_text() == "precious"
    assert not os.path.islink(out / "photo.png") and not os.path.islink(out / "photo.json")
    assert (out / "photo.png").read_bytes().startswith(b"\x89PNG")


def det_policy(tmp_path):
    p = tmp_path / "det.aug"
    p.write_text("sample D {\n  image: image(rgb)\n  boxes: boxes(xyxy)\n  classes: class(3)[]\n}\n"
                 "policy flip on D deterministic {\n  hflip()\n}\n")
    return str(p)


def test_apply_refuses_to_write_over_its_inputs(run_auger, tmp_path):
    """QA: `apply --out ow ow/s.json ow/t.png` replaced the sample file and the image it reads. Refused (exit 2)
    before anything is written, however the input is spelled (../, a symbolic link, a sample file's path)."""
    from PIL import Image

    ow = tmp_path / "ow"
    ow.mkdir()
    Image.new("RGB", (16, 12), (10, 200, 10)).save(ow / "t.png")
    (ow / "s.json").write_text(json.dumps({"image": "t.png", "boxes": [[1, 2, 5, 6]], "classes": [1]}))
    os.symlink(ow, tmp_path / "link")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "u.json").write_text(
        json.dumps({"image": "../ow/t.png", "boxes": [], "classes": []}))
    det = det_policy(tmp_path)
    before = files_under(tmp_path)
    for inputs, out in [([ow / "s.json", ow / "t.png"], ow),
                        ([ow / "t.png"], tmp_path / "ow" / ".." / "ow"),
                        ([tmp_path / "link" / "t.png"], ow)]:
        p = run_auger("apply", det, "--out", out, *inputs)
        assert p.returncode == 2, p.stderr
        assert "would replace the input" in p.stderr and "apply never writes over its inputs" in p.stderr
        assert files_under(tmp_path) == before
    # A sample file elsewhere whose image is t.png writes u.png and u.json: a link at u.png is replaced, t.png
    # is not written through it; a hard link at u.png is t.png itself, so that is refused.
    (ow / "u.png").symlink_to(ow / "t.png")
    p = run_auger("apply", det, "--out", ow, tmp_path / "elsewhere" / "u.json")
    assert p.returncode == 0, p.stderr
    assert (ow / "t.png").read_bytes() == before["ow/t.png"]
    os.remove(ow / "u.png")
    os.link(ow / "t.png", ow / "u.png")
    p = run_auger("apply", det, "--out", ow, tmp_path / "elsewhere" / "u.json")
    assert p.returncode == 2 and "named by" in p.stderr, p.stderr
    assert (ow / "t.png").read_bytes() == before["ow/t.png"]
