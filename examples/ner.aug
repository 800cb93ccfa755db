# ner.aug — named-entity recognition (CoNLL-2003, BIO tags)
#
# Schema: a tokenized English sentence and one tag per token. CoNLL-2003 has 9
# tags: O, B-PER, I-PER, B-ORG, I-ORG, B-LOC, I-LOC, B-MISC, I-MISC.
#
# The tags are aligned with the tokens, so every op here must keep them aligned
# (language.md §7 rule 8), and the checker verifies it:
#   - token_dropout drops a token together with its tag;
#   - random_swap swaps two tokens together with their tags;
#   - synonym_replace replaces a word by a WordNet synonym and keeps its tag.
# An op that cannot keep the tags aligned (back_translate: the translation's
# tokens do not correspond to the original's) is rejected on this schema.
#
# Keep the edit rates low: a dropped or swapped token inside a multi-word entity
# can leave an "I-" tag without its "B-". These are the settings found to help in
# Dai & Adel 2020 ("An Analysis of Simple Data Augmentation for NER") for small
# training sets.

# No import: token_dropout, random_swap and synonym_replace are prelude ops.
# (std.text holds the composite `eda`, which also inserts words — see
# text_classification.aug.)

sample Sentence {
  tokens: text(en)
  tags: tags(9)[]                      # one BIO tag per token
}

policy train(edit_p: float in [0, 1] = 0.3) on Sentence {
  # At most one kind of edit per sentence, each with its own label so a run can
  # ablate it (`--disable drop`).
  one_of {
    drop: token_dropout(p: 0.1)
    swap: random_swap(n: 1)
    syn: synonym_replace(p: 0.1)
  } @p(edit_p)
}
