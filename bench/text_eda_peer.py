"""The peer of bench/text_eda.py, run in bench/.venv-text: nlpaug 1.1.11 on the same sentences, one core, one of
SynonymAug(wordnet) / RandomWordAug(swap) / RandomWordAug(delete) per sentence (aug_p = 0.1), over NLTK's WordNet
reader pointed at Debian's wordnet-base files. Prints {"seconds": …, "setup_seconds": …, "sentences": …,
"changed": …} last: `seconds` is the CPU time of the loop over the sentences, `setup_seconds` of building the
augmenters (NLTK loading WordNet).

Usage: text_eda_peer.py SENTENCES.txt NLTK_DATA_DIR
"""
import json
import random
import sys
import time

sentences = open(sys.argv[1], encoding="utf-8").read().splitlines()
import nltk  # noqa: E402

nltk.data.path.insert(0, sys.argv[2])
from nltk.corpus.reader.wordnet import WordNetCorpusReader  # noqa: E402

# NLTK maps WordNet 3.0 synsets for the Open Multilingual WordNet through index.sense, which wordnet-base does not
# ship; English lookups never use the map.
WordNetCorpusReader.map_wn = lambda self, version="wordnet": None
import nlpaug.augmenter.word as naw  # noqa: E402
from nlpaug.model.word_dict.wordnet import WordNet  # noqa: E402

# NLTK's POS tagger model cannot be had offline; without tags nlpaug looks synonyms up in every part of speech
# (its own fallback for an unknown tag). This leaves out the tagger's cost: nlpaug is measured faster than it is.
WordNet.pos_tag = classmethod(lambda cls, tokens: [(t, "") for t in tokens])

random.seed(0)
start = time.process_time()
augs = [naw.SynonymAug(aug_src="wordnet", aug_p=0.1), naw.RandomWordAug(action="swap", aug_p=0.1),
        naw.RandomWordAug(action="delete", aug_p=0.1)]
setup = time.process_time() - start
start = time.process_time()
changed = 0
for s in sentences:
    out = random.choice(augs).augment(s)
    changed += (out[0] if isinstance(out, list) else out) != s
seconds = time.process_time() - start
print(json.dumps({"seconds": seconds, "setup_seconds": setup, "sentences": len(sentences), "changed": changed}))
