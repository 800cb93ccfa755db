# text_eda.aug — the policies bench/text_eda.py times on 10,000 sentences.

import std.text

sample Sentence {
  text: text(en)
}

# EDA as the paper applies it: one of its four operations per sentence, alpha = 0.1.
policy full on Sentence {
  eda(alpha: 0.1, n: 1)
}

# The three EDA operations nlpaug 1.1.11 has with WordNet (it has no WordNet insertion), one per sentence:
# the like-for-like comparison with the peer's SynonymAug / RandomWordAug(swap) / RandomWordAug(delete).
policy three on Sentence {
  one_of {
    synonym_replace(p: 0.1)
    random_swap(n: 10%)
    token_dropout(p: 0.1)
  }
}
