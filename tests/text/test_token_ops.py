"""EDA's token ops on real tagged sentences: tags stay with their tokens (rule 8), every new word is a WordNet
synonym (checked with an independent reader of Debian's WordNet files), never a stop word and never replaces one."""
import re
from collections import Counter

from conftest import STOP_WORDS, is_subsequence, word


def pairs(tokens, tags):
    return list(zip(tokens, tags))


def test_dropout_keeps_an_in_order_subsequence_with_tags(apply):
    dropped = 0
    for t_in, g_in, t_out, g_out in apply.ner("token_dropout(p: 0.3)"):
        assert len(t_out) == len(g_out) >= 1
        assert is_subsequence(pairs(t_out, g_out), pairs(t_in, g_in))
        dropped += len(t_in) - len(t_out)
    assert dropped > 0


def test_dropout_of_everything_keeps_one_token(apply):
    for t_in, g_in, t_out, g_out in apply.ner("token_dropout(p: 1)"):
        assert len(t_out) == 1 and (t_out[0], g_out[0]) in pairs(t_in, g_in)


def test_swap_permutes_token_tag_pairs(apply):
    moved = 0
    for t_in, g_in, t_out, g_out in apply.ner("random_swap(n: 3)"):
        assert Counter(pairs(t_out, g_out)) == Counter(pairs(t_in, g_in))
        moved += t_out != t_in
    assert moved > 0


def test_insert_adds_synonyms_tagged_O(apply, wordnet):
    inserted = 0
    for t_in, g_in, t_out, g_out in apply.ner("random_insert(n: 2)"):
        assert is_subsequence(pairs(t_in, g_in), pairs(t_out, g_out))
        extra = Counter(pairs(t_out, g_out)) - Counter(pairs(t_in, g_in))
        assert sum(extra.values()) <= 2
        for (tok, tag), _ in extra.items():
            assert tag == "O" and tok not in STOP_WORDS
            # A synonym of a token of the list at the time: an original one or one inserted before (EDA draws from
            # the current list).
            assert any(tok in wordnet.synonyms(word(w)) for w in t_out), tok
            inserted += 1
    assert inserted > 0


def check_replacements(results, wordnet):
    replaced = 0
    for t_in, g_in, t_out, g_out in results:
        assert len(t_out) == len(t_in) and g_out == g_in
        for a, b in zip(t_in, t_out):
            if a == b:
                continue
            assert word(a) not in STOP_WORDS, (a, b)
            # The token's punctuation stays around the synonym ("lamb," -> "dear,").
            pre, suf = re.match(r"^([^0-9A-Za-z]*).*?([^0-9A-Za-z]*)$", a).groups()
            assert b.startswith(pre) and b.endswith(suf), (a, b)
            new = b[len(pre): len(b) - len(suf)]
            assert new in wordnet.synonyms(word(a)) and new not in STOP_WORDS, (a, b)
            replaced += 1
    return replaced


def test_synonym_replace_n_uses_wordnet_synonyms_of_non_stop_words(apply, wordnet):
    results = apply.ner("synonym_replace(n: 2)")
    assert check_replacements(results, wordnet) > 0
    for t_in, _, t_out, _ in results:
        # EDA's form: at most n distinct words replaced, every occurrence of each.
        assert len({word(a) for a, b in zip(t_in, t_out) if a != b}) <= 2


def test_synonym_replace_p_uses_wordnet_synonyms_of_non_stop_words(apply, wordnet):
    assert check_replacements(apply.ner("synonym_replace(p: 0.5)"), wordnet) > 0


def test_eda_keeps_tags_aligned(apply, wordnet):
    for t_in, g_in, t_out, g_out in apply.ner("eda(alpha: 0.2, n: 4)"):
        assert len(t_out) == len(g_out) >= 1
        kept = Counter(pairs(t_in, g_in))
        for tok, tag in pairs(t_out, g_out):
            # Every output pair is an input pair, a replacement keeping its tag, or an insertion tagged O.
            assert (tok, tag) in kept or tag in g_in or tag == "O"


def test_same_seed_same_bytes_other_seed_other_draws(apply):
    a = apply.ner("eda(alpha: 0.2, n: 2)", seeds=[7])
    b = apply.ner("eda(alpha: 0.2, n: 2)", seeds=[7])
    c = apply.ner("eda(alpha: 0.2, n: 2)", seeds=[8])
    assert a == b
    assert a != c
