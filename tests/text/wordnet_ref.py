"""An independent reader of WordNet 3.0's database files (Debian's wordnet-base) for the tests: NLTK's
`wordnet.synsets(word)` (morphy through the exception lists and the detachment rules) and EDA's lemma names,
written from NLTK's and WordNet's documentation, not from the project's C++."""
import os

DIR = os.environ.get("AUGER_WORDNET_DIR", "/usr/share/wordnet")
POS = ["noun", "verb", "adj", "adv"]
RULES = {
    "noun": [("s", ""), ("ses", "s"), ("ves", "f"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
             ("men", "man"), ("ies", "y")],
    "verb": [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")],
    "adj": [("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
    "adv": [],
}


class WordNet:
    def __init__(self):
        self.index, self.exc, self.data = {}, {}, {}
        for pos in POS:
            idx = {}
            with open(os.path.join(DIR, f"index.{pos}"), encoding="latin-1") as f:
                for line in f:
                    if line.startswith(" "):
                        continue
                    parts = line.split()
                    n = int(parts[2])
                    idx[parts[0]] = [int(o) for o in parts[-n:]]
            self.index[pos] = idx
            exc = {}
            with open(os.path.join(DIR, f"{pos}.exc"), encoding="latin-1") as f:
                for line in f:
                    parts = line.split()
                    exc[parts[0]] = parts[1:]
            self.exc[pos] = exc
            with open(os.path.join(DIR, f"data.{pos}"), "rb") as f:
                self.data[pos] = f.read()
        self.cache = {}

    def morphy(self, form, pos):
        def known(forms):
            out = []
            for f in forms:
                if f in self.index[pos] and f not in out:
                    out.append(f)
            return out

        def rules(forms):
            return [f[: -len(old)] + new for f in forms for old, new in RULES[pos] if f.endswith(old)]

        if form in self.exc[pos]:
            return known([form] + self.exc[pos][form])
        forms = rules([form])
        found = known([form] + forms)
        while not found and forms:
            forms = rules(forms)
            found = known(forms)
        return found

    def lemmas(self, pos, offset):
        data = self.data[pos]
        line = data[offset: data.index(b"\n", offset)].decode("latin-1").split()
        count = int(line[3], 16)
        return [line[4 + 2 * i].split("(")[0].lower() for i in range(count)]

    def synonyms(self, word):
        word = word.lower()
        if word not in self.cache:
            names = set()
            for pos in POS:
                for base in self.morphy(word, pos):
                    for off in self.index[pos][base]:
                        names.update(self.lemmas(pos, off))
            names.discard(word)
            self.cache[word] = names
        return self.cache[word]
