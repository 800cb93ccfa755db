"""Only `T?` fields may be absent (language.md §4): a manifest line or an `apply` sample file that lacks a required
field — or gives it as null — is that sample's error naming the field and the schema; the other samples are still
written. A bare input (a .txt line, an image alone) is one field by construction (cli.md) and keeps running."""
import json
import os
import subprocess
import tarfile

from conftest import ROOT

NER_AUG = os.path.join(ROOT, "examples/ner.aug")
LINES = [
    {"key": "ok1", "tokens": "John lives in Paris", "tags": ["B-PER", "O", "O", "B-LOC"]},
    {"key": "notags", "tokens": "Tags missing"},
    {"key": "nulltags", "tokens": "Tags null", "tags": None},
    {"key": "ok2", "tokens": "Mary went home", "tags": ["B-PER", "O", "O"]},
]
MISSING = "field `tags` is required by sample `Sentence` and missing"


def auger(auger_bin, *args):
    return subprocess.run([auger_bin, *map(str, args)], capture_output=True, text=True)


def test_a_manifest_line_without_a_required_field_is_that_samples_error(auger_bin, tmp_path):
    src = tmp_path / "ner.jsonl"
    src.write_text("".join(json.dumps(line) + "\n" for line in LINES))
    out = tmp_path / "shards"
    r = auger(auger_bin, "run", NER_AUG, "-p", "train", "-i", src, "-o", out, "--max-errors", "50%")
    assert r.returncode == 0, r.stderr
    m = json.loads((out / "manifest.json").read_text())
    errors = {e["key"]: e for e in m["errors"]}
    assert set(errors) == {"notags", "nulltags"}
    assert errors["notags"]["error"] == MISSING and errors["notags"]["origin"].endswith("ner.jsonl:2")
    assert errors["nulltags"]["error"] == MISSING
    names = set()
    for shard in out.glob("*.tar"):
        with tarfile.open(shard) as tar:
            for member in tar.getmembers():
                names.add(member.name.split(".")[0])
                if member.name.endswith(".json"):
                    assert json.loads(tar.extractfile(member).read())["tags"] is not None
    assert names == {"ok1", "ok2"}
    # Past --max-errors (0 here) the run fails, as for any other bad sample.
    r = auger(auger_bin, "run", NER_AUG, "-p", "train", "-i", src, "-o", tmp_path / "strict")
    assert r.returncode == 3 and MISSING in r.stderr


def test_an_apply_sample_file_without_a_required_field_fails_alone(auger_bin, tmp_path):
    inputs = []
    for line in (LINES[0], LINES[1]):
        path = tmp_path / f"{line['key']}.json"
        path.write_text(json.dumps({k: v for k, v in line.items() if k != "key"}))
        inputs.append(path)
    out = tmp_path / "out"
    r = auger(auger_bin, "apply", NER_AUG, "-p", "train", "-o", out, *inputs)
    assert r.returncode == 3 and MISSING in r.stderr and "notags" in r.stderr, r.stderr
    assert (out / "ok1.json").exists() and not (out / "notags.json").exists()


def test_a_bare_txt_line_is_one_field_and_still_runs(auger_bin, tmp_path):
    src = tmp_path / "lines.txt"
    src.write_text("John lives in Paris\nMary went home\n")
    r = auger(auger_bin, "apply", NER_AUG, "-p", "train", "-o", tmp_path / "out", src)
    assert r.returncode == 0, r.stderr
