"""`auger apply` on text: .txt files one sample per line (line-aligned output, per-line errors, nothing lost),
spacing kept, Unicode tokens, and the two text examples end to end."""
import json
import os
import subprocess

from conftest import NER, PROSE, ROOT


def test_untouched_text_keeps_its_bytes(apply, tmp_path):
    src = tmp_path / "odd.txt"
    lines = ["  Tabs\there,  double  spaces and a trailing space ", "No\u00a0break\u3000ideographic space."]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out, _ = apply("char_noise(p: 0)", [src])
    assert (out / "odd.txt").read_text(encoding="utf-8").split("\n")[:2] == lines


def test_a_leading_byte_order_mark_is_not_text(apply, tmp_path):
    src = tmp_path / "bom.txt"
    src.write_bytes(b"\xef\xbb\xbfHello there friend\r\nSecond line\n")
    out, _ = apply("random_swap(n: 3)", [src], "--seed", 1)
    got = (out / "bom.txt").read_text(encoding="utf-8").split("\n")
    assert "\ufeff" not in "".join(got)
    assert sorted(got[0].split()) == ["Hello", "friend", "there"] and sorted(got[1].split()) == ["Second", "line"]
    out, _ = apply("char_noise(p: 0)", [src])
    assert (out / "bom.txt").read_bytes() == b"Hello there friend\nSecond line\n"


def test_dropout_keeps_the_spacing_of_surviving_tokens(apply, tmp_path):
    src = tmp_path / "s.txt"
    src.write_text("One,\ttwo  three\n")
    for seed in range(20):
        out, _ = apply("token_dropout(p: 0.5)", [src], "--seed", seed)
        got = (out / "s.txt").read_text().rstrip("\n")
        assert got in {"One,\ttwo  three", "One,  three", "two  three", "One,\ttwo", "One,", "two", "three"}, got


def test_txt_lines_are_samples_keyed_by_line(apply, tmp_path):
    src = tmp_path / "prose.txt"
    src.write_text("\n".join(PROSE) + "\n")
    out, _ = apply("eda(alpha: 0.2)", [src], "--seed", 3)
    got = (out / "prose.txt").read_text().split("\n")
    assert len(got) == len(PROSE) + 1 and got[-1] == ""
    rec = json.loads((out / "prose.json").read_text())
    assert [l["key"] for l in rec["lines"]] == [f"prose:{i + 1}" for i in range(len(PROSE))]
    assert rec["failed"] == 0 and all("params" in l for l in rec["lines"])
    assert sum(a != b for a, b in zip(PROSE, got)) > 0
    # A line's result depends on its key only: the same line alone in a file named alike gives the same text.
    single = tmp_path / "one"
    single.mkdir()
    (single / "prose.txt").write_text("\n".join(PROSE[:1]) + "\n")
    out2, _ = apply("eda(alpha: 0.2)", [single / "prose.txt"], "--seed", 3)
    assert (out2 / "prose.txt").read_text().split("\n")[0] == got[0]


def test_bad_lines_are_per_line_errors_and_nothing_else_is_lost(apply, tmp_path):
    src = tmp_path / "bad.txt"
    good = PROSE[:2]
    src.write_bytes(good[0].encode() + b"\n\n" + b"caf\xc3 au lait\n" + b"word " * 220000 + b"\n" +
                    good[1].encode() + b"\n   \n")
    out, r = apply("random_swap(n: 1)", [src], check=False)
    assert r.returncode == 3
    lines = (out / "bad.txt").read_text().split("\n")
    assert len(lines) == 7 and lines[1] == lines[2] == lines[3] == lines[5] == ""
    assert sorted(lines[0].split()) == sorted(good[0].split())
    assert sorted(lines[4].split()) == sorted(good[1].split())
    rec = json.loads((out / "bad.json").read_text())
    errors = {l["line"]: l["error"] for l in rec["lines"] if "error" in l}
    assert set(errors) == {2, 3, 4, 6} and rec["failed"] == 4
    assert "empty" in errors[2] and "invalid UTF-8 at byte 3" in errors[3]
    assert "over the limit" in errors[4] and "whitespace" in errors[6]
    for n in errors:
        assert f"bad.txt:{n}:" in r.stderr


def test_tags_of_the_wrong_length_are_that_samples_error(apply, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"text": "Peter Blackburn said", "tags": ["B-PER", "I-PER"]}))
    ok = tmp_path / "ok.json"
    ok.write_text(json.dumps({"text": NER[1][0], "tags": NER[1][1].split()}))
    out, r = apply("random_swap(n: 1)", [bad, ok], check=False)
    assert r.returncode == 3 and "2 tags for the 3 tokens" in r.stderr
    assert (out / "ok.json").exists() and not (out / "bad.json").exists()


def test_class_id_tags_and_inserted_O(apply, tmp_path):
    s = tmp_path / "ids.json"
    s.write_text(json.dumps({"text": "Germany imports British lamb", "tags": [5, 0, 7, 0]}))
    out, _ = apply("random_insert(n: 3)", [s], "--seed", 1)
    rec = json.loads((out / "ids.json").read_text())
    assert len(rec["tags"]) == len(rec["text"].split()) == 7
    assert all(isinstance(t, int) for t in rec["tags"]) and rec["tags"].count(0) == 5


def test_spaceless_scripts_split_at_icu_word_boundaries(apply, tmp_path):
    s = tmp_path / "zh.json"
    s.write_text(json.dumps({"text": "我喜欢北京", "tags": ["O"]}, ensure_ascii=False))
    _, r = apply("random_swap(n: 1)", [s], check=False)
    assert r.returncode == 3 and "1 tags for the" in r.stderr


def test_tag_count_mismatch_shows_the_tokens(apply, tmp_path):
    # QA: the message said a token is a run of non-whitespace characters, which is wrong for CJK text: it now
    # lists the tokens as the ops split them and names the word-boundary rule.
    s = tmp_path / "mixed.json"
    s.write_text(json.dumps({"text": "我喜欢北京 and Tokyo", "tags": ["O", "O", "B-LOC"]}, ensure_ascii=False))
    _, r = apply("random_swap(n: 1)", [s], check=False)
    assert r.returncode == 3
    assert "3 tags for the 5 tokens of `text`: 我 | 喜欢 | 北京 | and | Tokyo (" in r.stderr
    assert "word boundaries in scripts written without spaces" in r.stderr
    long = tmp_path / "long.json"
    long.write_text(json.dumps({"text": " ".join(f"w{i}" for i in range(20)), "tags": ["O"]}))
    _, r = apply("random_swap(n: 1)", [long], check=False)
    assert "w0 | w1 |" in r.stderr and "w11 | … (8 more)" in r.stderr and "w12" not in r.stderr


def run_example(auger_bin, tmp_path, name, policy, inputs):
    out = tmp_path / name
    r = subprocess.run([auger_bin, "apply", os.path.join(ROOT, "examples", name), "-p", policy, "--out", str(out),
                        "--seed", "1", *map(str, inputs)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return out


def test_text_classification_example(auger_bin, tmp_path):
    src = tmp_path / "headlines.txt"
    src.write_text("\n".join(PROSE) + "\n")
    out = run_example(auger_bin, tmp_path, "text_classification.aug", "train", [src])
    got = (out / "headlines.txt").read_text().split("\n")
    assert len(got) == len(PROSE) + 1 and all(got[:-1])


def test_ner_example(auger_bin, tmp_path):
    inputs = []
    for i, (text, tags) in enumerate(NER):
        p = tmp_path / f"conll{i}.json"
        p.write_text(json.dumps({"tokens": text, "tags": tags.split()}))
        inputs.append(p)
    out = run_example(auger_bin, tmp_path, "ner.aug", "train", inputs)
    for i in range(len(NER)):
        rec = json.loads((out / f"conll{i}.json").read_text())
        assert len(rec["tokens"].split()) == len(rec["tags"])


def test_a_text_op_on_a_sample_without_its_text_is_that_samples_error(apply, tmp_path):
    s = tmp_path / "notext.json"
    s.write_text(json.dumps({}))
    _, r = apply("random_swap(n: 1)", [s], check=False)
    # A sample file is a whole sample: its schema's required `text` is missing before any op looks for it.
    assert r.returncode == 3 and "field `text` is required by sample" in r.stderr


def test_an_unread_extension_is_refused_naming_every_input_kind_txt_included(apply, tmp_path):
    src = tmp_path / "q.csv"
    src.write_text("a,b\n")
    _, r = apply("char_noise(p: 0)", [src], check=False)
    assert r.returncode == 3  # the input's error (cli.md: 3, an input failed)
    assert "`.csv` is not an input auger reads" in r.stderr
    assert all(ext in r.stderr for ext in [".png", ".wav", ".txt", ".json"])
