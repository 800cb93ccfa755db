"""`auger run` on text: a .txt file (one sample per line, keyed NAME:LINE as apply keys it) and JSONL manifests
({"text": ..., "tags": [...]}) in, WebDataset shards out — KEY.txt (the augmented text) and KEY.json (every field,
tags and params) — the same samples `auger apply` makes for the same key and seed; the same bytes whatever
--workers and after a killed run resumes; bad lines are per-sample errors and nothing else is lost."""
import json
import os
import shutil
import signal
import subprocess
import tarfile
import time

import pytest

from conftest import NER, PROSE, ROOT

TC = os.path.join(ROOT, "examples/text_classification.aug")
NER_AUG = os.path.join(ROOT, "examples/ner.aug")


def run(auger_bin, policy_file, source, out, *extra, expect=0):
    r = subprocess.run([auger_bin, "run", str(policy_file), "-p", "train", "-i", str(source), "-o", str(out),
                        *map(str, extra)], capture_output=True, text=True)
    assert r.returncode == expect, r.stderr
    return r


def members(out):
    got = {}
    for shard in sorted(out.glob("*.tar")):
        with tarfile.open(shard) as tar:
            for m in tar.getmembers():
                got[m.name] = tar.extractfile(m).read()
    return got


def shard_bytes(out):
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.tar"))}


def apply(auger_bin, policy_file, inputs, out, *extra):
    r = subprocess.run([auger_bin, "apply", str(policy_file), "-p", "train", "--out", str(out), *map(str, inputs),
                        *map(str, extra)], capture_output=True, text=True)
    return r


def test_txt_lines_become_txt_and_json_members_equal_to_apply(auger_bin, tmp_path):
    src = tmp_path / "prose.txt"
    src.write_text("\n".join(PROSE) + "\n")
    out = tmp_path / "shards"
    run(auger_bin, TC, src, out, "--seed", 3, "--set", "eda_p=1", "--shard-samples", 3)
    got = members(out)
    assert len(list(out.glob("*.tar"))) == 3
    assert sorted(got) == sorted([f"prose:{i}.{e}" for i in range(1, len(PROSE) + 1) for e in ("txt", "json")])
    r = apply(auger_bin, TC, [src], tmp_path / "apply", "--seed", 3, "--set", "eda_p=1")
    assert r.returncode == 0, r.stderr
    want = (tmp_path / "apply" / "prose.txt").read_text().split("\n")
    lines = json.loads((tmp_path / "apply" / "prose.json").read_text())["lines"]
    changed = 0
    for i in range(1, len(PROSE) + 1):
        text = got[f"prose:{i}.txt"].decode()
        rec = json.loads(got[f"prose:{i}.json"])
        assert text == want[i - 1] == rec["text"]
        assert rec["key"] == f"prose:{i}" and rec["epoch"] == 0
        assert rec["params"] == lines[i - 1]["params"] and rec["params"]
        changed += text != PROSE[i - 1]
    assert changed > 0
    m = json.loads((out / "manifest.json").read_text())
    assert m["status"] == "complete" and m["written"] == len(PROSE) and m["error_count"] == 0
    assert "text file" in m["identity"]["source"]
    # Coverage: how often each text op ran, from the same params (one of eda's four ops on every line).
    cov = m["processes"][0]["metrics"]["coverage"]
    eda = [s for s in cov.values() if s["op"] in {"synonym_replace", "random_insert", "random_swap", "token_dropout"}]
    assert sum(s["fired"] for s in eda) == len(PROSE)
    fired = {}
    for i in range(1, len(PROSE) + 1):
        for site in json.loads(got[f"prose:{i}.json"])["params"]:
            fired[site] = fired.get(site, 0) + 1
    assert {site: s["fired"] for site, s in cov.items()} == fired


def ner_manifest(tmp_path, ids=False):
    """CoNLL-style lines: tokens and tags as names (or class ids)."""
    names = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]
    lines = []
    for i, (text, tags) in enumerate(NER):
        t = [names.index(x) for x in tags.split()] if ids else tags.split()
        lines.append({"key": f"conll{i}", "tokens": text, "tags": t})
    path = tmp_path / "train.jsonl"
    path.write_text("".join(json.dumps(l) + "\n" for l in lines))
    return path, lines


@pytest.mark.parametrize("ids", [False, True])
def test_jsonl_manifest_with_tags_equals_apply(auger_bin, tmp_path, ids):
    path, lines = ner_manifest(tmp_path, ids)
    out = tmp_path / "shards"
    run(auger_bin, NER_AUG, path, out, "--seed", 5, "--set", "edit_p=1", "--copies", 2)
    got = members(out)
    samples = tmp_path / "samples"
    samples.mkdir()
    for l in lines:
        (samples / f"{l['key']}.json").write_text(json.dumps({k: v for k, v in l.items() if k != "key"}))
    moved = 0
    for copy in (0, 1):
        ref = tmp_path / f"apply{copy}"
        r = apply(auger_bin, NER_AUG, sorted(samples.glob("*.json")), ref, "--seed", 5, "--set", "edit_p=1",
                  "--epoch", copy)
        assert r.returncode == 0, r.stderr
        for l in lines:
            rec = json.loads(got[f"{l['key']}_e{copy}.json"])
            want = json.loads((ref / f"{l['key']}.json").read_text())
            assert got[f"{l['key']}_e{copy}.txt"].decode() == rec["tokens"] == want["tokens"]
            assert rec["tags"] == want["tags"] and rec["params"] == want["params"]
            assert len(rec["tags"]) == len(rec["tokens"].split())
            assert all(isinstance(t, int) for t in rec["tags"]) == ids
            moved += rec["tokens"] != l["tokens"]
    assert moved > 0


def test_same_bytes_whatever_the_worker_count(auger_bin, tmp_path):
    src = tmp_path / "prose.txt"
    src.write_text("\n".join(PROSE * 6) + "\n")
    outs = []
    for workers in (1, 3):
        out = tmp_path / f"w{workers}"
        run(auger_bin, TC, src, out, "--seed", 9, "--set", "eda_p=1", "--copies", 2, "--shard-samples", 5,
            "--workers", workers, "--shuffle")
        outs.append(shard_bytes(out))
    assert outs[0] == outs[1] and len(outs[0]) == 20


def test_a_killed_run_resumes_to_the_same_bytes(auger_bin, tmp_path):
    src = tmp_path / "big.txt"
    src.write_text("\n".join(PROSE * 500) + "\n")
    args = [TC, "-p", "train", "-i", src, "--seed", 2, "--set", "eda_p=1", "--shard-samples", 20, "-q"]
    ref = tmp_path / "ref"
    run(auger_bin, *args[:1], args[4], ref, *args[5:])
    out = tmp_path / "killed"
    for attempt in range(5):
        shutil.rmtree(out, ignore_errors=True)
        p = subprocess.Popen([auger_bin, "run", *map(str, args), "-o", str(out)])
        deadline = time.time() + 60
        while time.time() < deadline and p.poll() is None:
            if out.exists() and len([f for f in os.listdir(out) if f.endswith(".tar")]) >= 3:
                break
            time.sleep(0.002)
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            p.wait()
            break
    else:
        pytest.fail("the run finished before it could be killed, five times: it must be killed to test --resume")
    assert not (out / "manifest.json").exists()
    assert 0 < len(shard_bytes(out)) < 200
    run(auger_bin, *args[:1], args[4], out, *args[5:], "--resume")
    assert shard_bytes(out) == shard_bytes(ref)


def test_bad_lines_are_per_sample_errors_and_nothing_else_is_lost(auger_bin, tmp_path):
    src = tmp_path / "bad.txt"
    src.write_bytes(PROSE[0].encode() + b"\n\n" + b"caf\xc3 au lait\n" + b"word " * 220000 + b"\n" +
                    PROSE[1].encode() + b"\n   \n")
    out = tmp_path / "shards"
    run(auger_bin, TC, src, out, "--max-errors", 4, "--set", "eda_p=1")
    got = members(out)
    assert sorted(got) == ["bad:1.json", "bad:1.txt", "bad:5.json", "bad:5.txt"]
    m = json.loads((out / "manifest.json").read_text())
    errors = {e["key"]: e for e in m["errors"]}
    assert set(errors) == {"bad:2", "bad:3", "bad:4", "bad:6"} and m["written"] == 2
    assert "empty" in errors["bad:2"]["error"] and "invalid UTF-8 at byte 3" in errors["bad:3"]["error"]
    assert "over the limit" in errors["bad:4"]["error"] and errors["bad:4"]["origin"] == f"{src}:4"
    # One more bad line than --max-errors allows stops the run (exit 3), as for images.
    run(auger_bin, TC, src, tmp_path / "strict", "--max-errors", 3, expect=3)


def test_a_manifest_line_that_is_not_utf8_is_that_samples_error(auger_bin, tmp_path):
    path = tmp_path / "m.jsonl"
    path.write_bytes(b'{"text": "Stocks rallied on Friday.", "label": 2}\n{"text": "caf\xc3 au lait", "label": 0}\n'
                     b'{"text": "", "label": 0}\n{"text": "Heavy rain caused flooding.", "label": 0}\n')
    out = tmp_path / "shards"
    run(auger_bin, TC, path, out, "--max-errors", 2)
    m = json.loads((out / "manifest.json").read_text())
    assert m["written"] == 2 and {e["key"] for e in m["errors"]} == {"00000001", "00000002"}
    assert any(e["error"].endswith("m.jsonl:2: the line is not valid UTF-8") for e in m["errors"])
    assert sorted(members(out)) == ["00000000.cls", "00000000.json", "00000000.txt",
                                    "00000003.cls", "00000003.json", "00000003.txt"]


def test_webdataset_shards_with_txt_and_cls_members_are_a_source(auger_bin, tmp_path):
    import io
    shard = tmp_path / "in.tar"
    with tarfile.open(shard, "w") as tar:
        for i, text in enumerate(PROSE[:4]):
            for name, data in ((f"s{i}.txt", text.encode()), (f"s{i}.cls", str(i % 4).encode())):
                info = tarfile.TarInfo(name)
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    out = tmp_path / "shards"
    run(auger_bin, TC, shard, out, "--seed", 1, "--set", "eda_p=1")
    got = members(out)
    for i in range(4):
        rec = json.loads(got[f"s{i}.json"])
        assert rec["label"] == i % 4 and got[f"s{i}.cls"] == str(i % 4).encode()
        assert got[f"s{i}.txt"].decode() == rec["text"] and rec["text"]
    # The run's own shards read back as a source: the text comes from KEY.json.
    again = tmp_path / "again"
    run(auger_bin, TC, out / "shard-000000.tar", again, "--set", "eda_p=0", "--disable", "typos")
    assert {k: v for k, v in members(again).items() if k.endswith(".txt")} == \
        {k: v for k, v in got.items() if k.endswith(".txt")}


def test_a_text_that_ends_like_a_file_name_is_text(auger_bin, tmp_path):
    path = tmp_path / "m.jsonl"
    texts = ["The cat sat on the mat in photo.jpg", "Listen to the recording at https://example.org/a.wav"]
    path.write_text("".join(json.dumps({"text": t, "label": 0}) + "\n" for t in texts))
    out = tmp_path / "shards"
    run(auger_bin, TC, path, out, "--set", "eda_p=0", "--disable", "typos")
    got = members(out)
    assert [got[f"0000000{i}.txt"].decode() for i in range(2)] == texts
