"""Fixtures for the text tests: the binary, real sentences, WordNet read independently, `auger apply` on them."""
import json
import os
import re
import subprocess

import pytest

from wordnet_ref import WordNet

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "../.."))

# EDA's eda.py stop words (127 words and the empty string).
STOP_WORDS = set("""i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she
her hers herself it its itself they them their theirs themselves what which who whom this that these those am is
are was were be been being have has had having do does did doing a an the and but if or because as until while of
at by for with about against between into through during before after above below to from up down in out on off
over under again further then once here there when where why how all any both each few more most other some such
no nor not only own same so than too very s t can will just don should now""".split()) | {""}

# Real sentences: CoNLL-2003-style tokenised news with BIO tags, and plain prose for the .txt inputs.
NER = [
    ("EU rejects German call to boycott British lamb .", "B-ORG O B-MISC O O O B-MISC O O"),
    ("Peter Blackburn", "B-PER I-PER"),
    ("The European Commission said on Thursday it disagreed with German advice to consumers to shun British lamb "
     "until scientists determine whether mad cow disease can be transmitted to sheep .",
     "O B-ORG I-ORG O O O O O O B-MISC O O O O O B-MISC O O O O O O O O O O O O O O"),
    ("Germany 's representative to the European Union 's veterinary committee Werner Zwingmann said on Wednesday "
     "consumers should buy sheepmeat from countries other than Britain until the scientific advice was clearer .",
     "B-LOC O O O O B-ORG I-ORG O O O B-PER I-PER O O O O O O O O O O O B-LOC O O O O O O O"),
    ("Fischler proposed EU-wide measures after reports from Britain and France that under laboratory conditions "
     "sheep could contract Bovine Spongiform Encephalopathy ( BSE ) -- mad cow disease .",
     "B-PER O B-MISC O O O O B-LOC O B-LOC O O O O O O O B-MISC I-MISC I-MISC O B-MISC O O O O O O"),
]
PROSE = [
    "The quick brown fox jumps over the lazy dog near the quiet river bank.",
    "Stocks rallied on Friday as investors cheered strong quarterly earnings from large technology companies.",
    "Researchers discovered a new species of frog in the rainforest, hidden among the wet leaves.",
    "The committee approved the budget after a long debate about schools, roads and public health.",
    "She walked slowly through the old market, buying fresh bread, ripe tomatoes and a small bunch of flowers.",
    "Heavy rain caused flooding in several villages, and emergency crews worked through the night.",
    "The orchestra played a beautiful symphony while the audience listened in complete silence.",
    "Engineers are testing a faster train that could connect the two largest cities in under an hour.",
]

for text, tags in NER:
    assert len(text.split()) == len(tags.split()), text


@pytest.fixture(scope="session")
def auger_bin():
    path = os.environ.get("AUGER_BIN", os.path.join(ROOT, "build/tools/auger"))
    assert os.path.exists(path), f"{path} not built (set AUGER_BIN)"
    return path


@pytest.fixture(scope="session")
def wordnet():
    return WordNet()


SCHEMA = """
import std.text
sample S {
  text: text(en)
  tags: tags(9)[]
}
"""


class Apply:
    """Runs `auger apply` on policies written into a temporary folder."""

    def __init__(self, auger_bin, tmp_path):
        self.bin, self.tmp, self.runs = auger_bin, tmp_path, 0

    def __call__(self, body, inputs, *extra, schema=SCHEMA, policy="p", check=True):
        self.runs += 1
        aug = self.tmp / f"p{self.runs}.aug"
        aug.write_text(schema + f"policy {policy} on S {{ {body} }}\n")
        out = self.tmp / f"out{self.runs}"
        r = subprocess.run([self.bin, "apply", str(aug), "-p", policy, "--out", str(out), *map(str, inputs),
                            *map(str, extra)], capture_output=True, text=True)
        if check:
            assert r.returncode == 0, r.stderr
        return out, r

    def ner(self, body, seeds=range(8), **kw):
        """Every NER sentence under every seed: [(tokens_in, tags_in, tokens_out, tags_out)]."""
        d = self.tmp / f"ner{self.runs + 1}"
        d.mkdir()
        inputs = []
        for i, (text, tags) in enumerate(NER):
            p = d / f"s{i}.json"
            p.write_text(json.dumps({"text": text, "tags": tags.split()}))
            inputs.append(p)
        results = []
        for seed in seeds:
            out, _ = self(body, inputs, "--seed", seed, **kw)
            for i, (text, tags) in enumerate(NER):
                rec = json.loads((out / f"s{i}.json").read_text())
                results.append((text.split(), tags.split(), rec["text"].split(), rec["tags"]))
        return results


@pytest.fixture
def apply(auger_bin, tmp_path):
    return Apply(auger_bin, tmp_path)


def word(token):
    """A token's word as docs/text.md defines it (ASCII prose here): punctuation around it off, lower-cased."""
    return re.sub(r"^[^0-9A-Za-z]+|[^0-9A-Za-z]+$", "", token).lower()


def is_subsequence(small, big):
    it = iter(big)
    return all(any(x == y for y in it) for x in small)
