"""A key that is not one of the schema's fields is ignored alike in an `apply` sample file, a manifest line for
`run` and the loader: data files carry metadata (a speaker, a duration) the policy has no use for; it is not
written out (docs/runtime.md "Absent fields")."""
import json
import os
import subprocess
import tarfile

from conftest import ROOT

NER_AUG = os.path.join(ROOT, "examples/ner.aug")
SAMPLE = {"tokens": "John went home", "tags": ["B-PER", "O", "O"], "speaker": "spk1"}


def test_apply_and_run_both_ignore_an_extra_field(auger_bin, tmp_path):
    s = tmp_path / "ex.json"
    s.write_text(json.dumps(SAMPLE))
    r = subprocess.run([auger_bin, "apply", NER_AUG, "-p", "train", "-o", tmp_path / "out", s],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    applied = json.loads((tmp_path / "out" / "ex.json").read_text())
    assert "speaker" not in applied and applied["tags"]

    m = tmp_path / "m.jsonl"
    m.write_text(json.dumps({"key": "ex", **SAMPLE}) + "\n")
    r = subprocess.run([auger_bin, "run", NER_AUG, "-p", "train", "-i", m, "-o", tmp_path / "shards"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    with tarfile.open(next((tmp_path / "shards").glob("*.tar"))) as tar:
        record = json.loads(tar.extractfile("ex.json").read())
    assert "speaker" not in record
    assert {k: record[k] for k in ("tokens", "tags")} == {k: applied[k] for k in ("tokens", "tags")}
