"""One bad JSONL line is that sample's error, not the manifest's (docs/runtime.md "Sources"): a line that is not
UTF-8, not JSON (a lone surrogate escape too), an array, an empty "key", or a key an earlier line used (cli.md:
"an error for the second"; the first is kept) is named in manifest.json with its origin FILE:LINE, counted
against --max-errors, and every other line is still written. A refused key and a missing file carry their origin
too."""
import json
import os
import subprocess
import tarfile

from conftest import ROOT

TC = os.path.join(ROOT, "examples/text_classification.aug")


def run(auger_bin, source, out, *extra):
    return subprocess.run([auger_bin, "run", TC, "-p", "train", "-i", str(source), "-o", str(out), *map(str, extra)],
                          capture_output=True, text=True)


def written_keys(out):
    keys = set()
    for shard in out.glob("*.tar"):
        with tarfile.open(shard) as tar:
            keys |= {m.name.rsplit(".", 1)[0] for m in tar.getmembers()}
    return keys


def test_bad_lines_are_per_sample_errors_with_their_origin(auger_bin, tmp_path):
    src = tmp_path / "m.jsonl"
    src.write_bytes(b'{"key": "s1", "text": "lone \\ud800 x", "label": 1}\n'
                    b'{"key": "s2", "text": "the first s2", "label": 1}\n'
                    b'not json\n'
                    b'[1, 2]\n'
                    b'{"key": "", "text": "empty key", "label": 0}\n'
                    b'{"key": "s2", "text": "the second s2", "label": 0}\n'
                    b'{"key": "s3", "text": "caf\xc3 broken", "label": 0}\n'
                    b'{"key": "s4", "text": "the last one", "label": 2}\n')
    out = tmp_path / "shards"
    r = run(auger_bin, src, out, "--max-errors", 6, "--set", "eda_p=0", "--disable", "typos")
    assert r.returncode == 0, r.stderr
    m = json.loads((out / "manifest.json").read_text())
    by_line = {int(e["origin"].rsplit(":", 1)[1]): e for e in m["errors"]}
    assert sorted(by_line) == [1, 3, 4, 5, 6, 7]
    assert all(e["origin"] == f"{src}:{n}" for n, e in by_line.items())
    assert "surrogate" in by_line[1]["error"] and "not JSON" in by_line[3]["error"]
    assert "expected a JSON object, got array" in by_line[4]["error"]
    assert '"key" must be a non-empty string' in by_line[5]["error"]
    assert 'key "s2" was already used on line 2' in by_line[6]["error"]
    assert "not valid UTF-8" in by_line[7]["error"]
    assert written_keys(out) == {"s2", "s4"}
    with tarfile.open(next(out.glob("*.tar"))) as tar:
        assert tar.extractfile("s2.txt").read().decode() == "the first s2"
    # Each line is named once on stderr, not "m.jsonl:3: m.jsonl:3: …".
    assert f"{src}:3: not JSON" in r.stderr and f"{src}:3: {src}:3" not in r.stderr
    # Past --max-errors the run fails as for any other bad samples.
    r = run(auger_bin, src, tmp_path / "strict", "--max-errors", 5)
    assert r.returncode == 3


def test_a_refused_key_and_a_missing_file_name_their_origin(auger_bin, tmp_path):
    src = tmp_path / "m.jsonl"
    lines = [{"key": "../escape", "text": "up and out", "label": 0},
             {"key": "fine", "text": "stays", "label": 1}]
    src.write_text("".join(json.dumps(line) + "\n" for line in lines))
    out = tmp_path / "shards"
    r = run(auger_bin, src, out, "--max-errors", 1)
    assert r.returncode == 0, r.stderr
    errors = json.loads((out / "manifest.json").read_text())["errors"]
    assert [(e["key"], e["origin"]) for e in errors] == [("../escape", f"{src}:1")]
