"""`tags(N)[]` given as class ids are held to 0..N-1 like a `class(N)` label: an id outside (99, -1) or a value that
is neither a name nor an integer is that sample's error naming the token; names are the data's own vocabulary
(the schema fixes how many tags there are, not what they are called) and pass (docs/text.md)."""
import json
import os
import subprocess
import tarfile

from conftest import ROOT

NER_AUG = os.path.join(ROOT, "examples/ner.aug")  # tags: tags(9)[]


def test_tag_ids_outside_the_schema_are_per_sample_errors(auger_bin, tmp_path):
    lines = [{"key": "big", "tokens": "Out of range id", "tags": [0, 0, 0, 99]},
             {"key": "neg", "tokens": "negative id", "tags": [-1, 0]},
             {"key": "float", "tokens": "fractional id", "tags": [1.5, 0]},
             {"key": "ids", "tokens": "fine ids", "tags": [0, 8]},
             {"key": "names", "tokens": "John NOTATAG", "tags": ["B-PER", "NOTATAG"]}]
    src = tmp_path / "t.jsonl"
    src.write_text("".join(json.dumps(line) + "\n" for line in lines))
    out = tmp_path / "shards"
    r = subprocess.run([auger_bin, "run", NER_AUG, "-p", "train", "-i", src, "-o", out, "--max-errors", "3"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    errors = {e["key"]: e["error"] for e in json.loads((out / "manifest.json").read_text())["errors"]}
    assert errors["big"] == "tags[3]: 99 is outside tags(9)[] (0..8)"
    assert errors["neg"] == "tags[0]: -1 is outside tags(9)[] (0..8)"
    assert errors["float"].startswith("tags[0]: 1.5 is not a tag of tags(9)[]")
    assert set(errors) == {"big", "neg", "float"}
    with tarfile.open(next(out.glob("*.tar"))) as tar:
        assert {m.name for m in tar.getmembers()} >= {"ids.json", "names.json"}


def test_apply_refuses_an_out_of_range_tag_id(auger_bin, tmp_path):
    s = tmp_path / "big.json"
    s.write_text(json.dumps({"tokens": "Out range", "tags": [0, 99]}))
    r = subprocess.run([auger_bin, "apply", NER_AUG, "-p", "train", "-o", tmp_path / "out", s],
                       capture_output=True, text=True)
    assert r.returncode == 3 and "tags[1]: 99 is outside tags(9)[] (0..8)" in r.stderr, r.stderr


def test_an_inserted_tag_is_held_to_the_range_too(auger_bin, tmp_path):
    aug = tmp_path / "ins.aug"
    aug.write_text("sample Sentence {\n  tokens: text(en)\n  tags: tags(9)[]\n}\n"
                   # A parameter: the tag is known when the policy runs (a constant "99" is refused by check)
                   'policy t99(t: string = "99") on Sentence { random_insert(n: 2, tag: t) }\n'
                   + 'policy t7 on Sentence { random_insert(n: 2, tag: "7") }\n')
    s = tmp_path / "ids.json"
    s.write_text(json.dumps({"tokens": "Peter Blackburn lives in New York", "tags": [1, 2, 0, 0, 5, 6]}))

    def apply(policy):
        out = tmp_path / f"out_{policy}"
        r = subprocess.run([auger_bin, "apply", aug, "-p", policy, "-o", out, s], capture_output=True, text=True)
        return r, out / "ids.json"

    r, written = apply("t99")
    assert r.returncode == 3 and "the inserted tag 99 is outside tags(9)[] (0..8)" in r.stderr, r.stderr
    assert not written.exists()
    r, written = apply("t7")
    assert r.returncode == 0, r.stderr
    tags = json.loads(written.read_text())["tags"]
    assert len(tags) == 8 and tags.count(7) == 2 and all(0 <= t <= 8 for t in tags)
