"""auger.Loader on text: `text` fields as lists of B strings, `tags` given as class ids as an int64 tensor [B, T]
padded with -100 plus FIELD_lengths, tags given as names as lists of lists of strings — each row what `auger apply`
makes for the same key and seed; coverage of the text ops in Loader.metrics(); `translator=` on auger.load and
auger.Loader, over AUGER_TRANSLATOR."""
import json
import os
import subprocess
import sys

import pytest
import torch

from conftest import NER, PROSE, ROOT

import auger  # a missing module fails the suite (CTest sets PYTHONPATH=build/python): a skip is not a pass

TC = os.path.join(ROOT, "examples/text_classification.aug")
NER_AUG = os.path.join(ROOT, "examples/ner.aug")
FAKE = os.path.join(os.path.dirname(__file__), "fake_translator.py")
NAMES = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]


def ner_source(tmp_path, ids):
    lines = []
    for i, (text, tags) in enumerate(NER):
        t = [NAMES.index(x) for x in tags.split()] if ids else tags.split()
        lines.append({"key": f"conll{i}", "tokens": text, "tags": t})
    path = tmp_path / "train.jsonl"
    path.write_text("".join(json.dumps(l) + "\n" for l in lines))
    samples = tmp_path / "samples"
    samples.mkdir()
    for l in lines:
        (samples / f"{l['key']}.json").write_text(json.dumps({"tokens": l["tokens"], "tags": l["tags"]}))
    return path, sorted(samples.glob("*.json"))


def apply(auger_bin, policy_file, inputs, out, *extra, expect=0):
    r = subprocess.run([auger_bin, "apply", str(policy_file), "-p", "train", "--out", str(out), *map(str, inputs),
                        *map(str, extra)], capture_output=True, text=True)
    assert r.returncode == expect, r.stderr
    return out


def test_tags_as_ids_are_a_padded_tensor_with_lengths(auger_bin, tmp_path):
    path, samples = ner_source(tmp_path, ids=True)
    ref = apply(auger_bin, NER_AUG, samples, tmp_path / "ref", "--seed", 4, "--set", "edit_p=1", "--epoch", 1)
    policy = auger.load(NER_AUG, "train", args={"edit_p": 1.0}, seed=4)
    loader = auger.Loader(policy, path, batch_size=3)
    loader.set_epoch(1)
    batches = list(loader)
    assert [len(b["key"]) for b in batches] == [3, 2]
    changed = 0
    for b in batches:
        tags, lengths = b["tags"], b["tags_lengths"]
        assert isinstance(b["tokens"], list) and all(isinstance(t, str) for t in b["tokens"])
        assert tags.dtype == torch.int64 and lengths.dtype == torch.int64
        assert tags.shape == (len(b["key"]), int(lengths.max()))
        for i, key in enumerate(b["key"]):
            want = json.loads((ref / f"{key}.json").read_text())
            n = int(lengths[i])
            assert b["tokens"][i] == want["tokens"] and n == len(want["tokens"].split())
            assert tags[i, :n].tolist() == want["tags"] and (tags[i, n:] == -100).all()
            assert b["params"][i] == want["params"]
            changed += want["tokens"] != NER[int(key[len("conll"):])][0]
    assert changed > 0
    cov = loader.metrics()["coverage"]
    assert {s["op"] for s in cov.values()} <= {"token_dropout", "random_swap", "synonym_replace"}
    assert sum(s["fired"] for s in cov.values()) == len(NER)


def test_tag_names_stay_lists_of_strings(auger_bin, tmp_path):
    path, samples = ner_source(tmp_path, ids=False)
    ref = apply(auger_bin, NER_AUG, samples, tmp_path / "ref", "--set", "edit_p=1")
    loader = auger.Loader(auger.load(NER_AUG, "train", args={"edit_p": 1.0}), path, batch_size=5, numpy=True)
    (b,) = list(loader)
    assert "tags_lengths" not in b
    for i, key in enumerate(b["key"]):
        want = json.loads((ref / f"{key}.json").read_text())
        assert b["tags"][i] == want["tags"] and all(isinstance(t, str) for t in b["tags"][i])
        assert b["tokens"][i] == want["tokens"]


def test_txt_lines_as_batches_of_strings_with_coverage(auger_bin, tmp_path):
    src = tmp_path / "prose.txt"
    src.write_text("\n".join(PROSE) + "\n\n")
    out = apply(auger_bin, TC, [src], tmp_path / "ref", "--seed", 2, "--set", "eda_p=1",
                expect=3).joinpath("prose.txt")
    want = out.read_text().split("\n")
    loader = auger.Loader(auger.load(TC, "train", args={"eda_p": 1.0}, seed=2), src, batch_size=4, numpy=True)
    texts, keys = [], []
    for b in loader:
        texts += b["text"]
        keys += b["key"]
        assert (b["label"] == -1).all()
    assert keys == [f"prose:{i}" for i in range(1, len(PROSE) + 1)]  # line 9 (empty) is a bad sample, skipped
    assert texts == want[:len(PROSE)]
    m = loader.metrics()
    assert m["errors"] == 1 and "empty text" in json.dumps(m["error_samples"])
    ops = {}
    for site in m["coverage"].values():
        ops[site["op"]] = ops.get(site["op"], 0) + site["fired"]
    # eda's four ops: one of them on every sample (eda_p = 1); char_noise on some.
    assert sum(n for op, n in ops.items() if op != "char_noise") == len(PROSE)
    assert set(ops) <= {"synonym_replace", "random_insert", "random_swap", "token_dropout", "char_noise"}


BT = """
sample H {
  text: text(en)
  label: class(4)
}
policy train on H { back_translate(via: "es") }
"""


def test_translator_keyword_overrides_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("AUGER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("AUGER_TRANSLATOR", "false")  # a translator that never answers: used, it fails the sample
    aug = tmp_path / "bt.aug"
    aug.write_text(BT)
    src = tmp_path / "in.txt"
    src.write_text("\n".join(PROSE[:5]) + "\n")
    log = tmp_path / "requests.log"
    cmd = f"{sys.executable} {FAKE} {log}"
    loader = auger.Loader(auger.load(aug, "train"), src, batch_size=5, numpy=True, translator=cmd)
    (b,) = list(loader)
    assert b["text"] == [f"{p} [en>es] [es>en]" for p in PROSE[:5]]
    # The policy's own translator= serves apply().
    policy = auger.load(aug, "train", translator=cmd)
    assert policy.translator == cmd
    out = policy.apply({"text": PROSE[5]}, key="x")
    assert out["text"] == f"{PROSE[5]} [en>es] [es>en]"
    # Without it, the environment's translator is the one asked: every sample fails, which ends the epoch with an
    # error naming the first one (never an empty epoch).
    m_loader = auger.Loader(auger.load(aug, "train"), src, batch_size=5, numpy=True)
    with pytest.raises(auger.Error, match="no sample of epoch 0 could be used: all 5 failed"):
        list(m_loader)
    assert m_loader.metrics()["errors"] == 5
