# std/prims_text.aug — the text primitives of the prelude (ops.md §6).
#
# Tokenization (shared by every op here and by `tags(T)[]` alignment; docs/text.md): a token is a maximal
# run of characters that are not Unicode White_Space (ICU), except that a run holding characters of scripts
# written without spaces (ideographs, kana, Thai, Lao, Khmer, Myanmar) is split at ICU's word boundaries.
# Each token keeps the whitespace before it: the output writes every surviving token with its original
# spacing (swapped tokens trade places, the spacing stays put; an inserted token gets one space), so text
# an op did not touch keeps its bytes. A token's word, for WordNet and the stop words, is the token without
# its leading and trailing punctuation, ASCII-lower-cased; a replacement keeps that punctuation ("dog," ->
# "hound,"). Unlike EDA's reference code, text is not lower-cased and punctuation is not stripped (the text
# stays the sample's text; only the op's edits change it). A tag field stays aligned one tag per token:
# `tags: align` ops drop the tag of a dropped token, move tags with swapped tokens and give inserted
# tokens the tag of the op's `tag` argument (rule 8). Random choices draw from the statement site's
# counter-based stream (language.md §6).
# Synonyms (`source: wordnet`): the lemma names of every WordNet synset of the token (lower-cased
# lookup, WordNet's morphological base form as NLTK `wordnet.synsets`), lower-cased, minus the token
# itself, deduplicated and sorted (EDA uses an unordered set; sorting makes draws reproducible). A
# multi-word lemma keeps WordNet's `_` joiner (`ice_cream`), so one token is always replaced by exactly
# one token. The database is the system's WordNet (Debian `wordnet-base`).
# Counts (`n`) are declared `in [0, 64]`: a negative count is meaningless and a huge one (a billion swaps) only
# burns time and memory, so both are E0303 at check time. The bound reads in the count's own number: at most 64
# edits, or with `%` at most 6400% of the tokens. 64 edits is more than a sentence has tokens (EDA's sentences
# average about 20); for long texts a `%` count scales with the text (EDA's alpha * 100%: at most 100%).
# EDA's stop words are the 128-entry list of EDA's eda.py (`stop_words`: 127 words and the empty string,
# so a token that is only punctuation is never replaced).

enum synonym_source = wordnet

op token_dropout(p: float in [0, 1])
  : text -> text
  effects { random: draws text: edit  tags: align }
  cost { per_token: 1 }
  doc "EDA random deletion (Wei and Zou 2019, eda.py `random_deletion`): a text of one token is unchanged; otherwise each token is dropped independently with probability p, and if every token was dropped, one token drawn uniformly from the original is kept. The tag of a dropped token is dropped."

op random_swap(n: count in [0, 64])
  : text -> text
  effects { random: draws text: edit  tags: align }
  cost { per_token: 1 }
  doc "EDA random swap (eda.py `random_swap`): n times (a `%` count is max(1, int(fraction * number of tokens)), EDA's n = max(1, int(alpha * len))): i = randint(0, L - 1), j = randint(0, L - 1) redrawn up to 3 times while j == i; if j != i the tokens (and their tags) at i and j are exchanged, else nothing happens for this swap. Texts of fewer than two tokens are unchanged."

op random_insert(n: count in [0, 64], source: synonym_source = wordnet, tag: string = "O")
  : text -> text
  effects { random: draws text: edit  tags: align }
  cost { per_token: 20 }
  doc "EDA random insertion (eda.py `random_insertion` / `add_word`): n times (a `%` count is max(1, int(fraction * number of tokens))): draw a token uniformly (any token, stop words included) until one with synonyms is found, at most 10 draws (none found: this insertion is skipped); draw one of its synonyms uniformly and insert it before position randint(0, L - 1) of the current token list (EDA never appends at the end). The inserted token gets the tag `tag` (default `O`)."

op synonym_replace(n: count in [0, 64] = none, p: float in [0, 1] = none, source: synonym_source = wordnet)
  : text -> text
  requires { one_of(n, p) }
  effects { random: draws text: edit  tags: keep }
  cost { per_token: 20 }
  doc "Synonym replacement. With `n` (EDA, eda.py `synonym_replacement`; a `%` count is max(1, int(fraction * number of tokens))): the distinct tokens that are not EDA stop words are shuffled; for each in turn that has synonyms, every occurrence of it is replaced by one synonym drawn uniformly, until n distinct tokens have been replaced or the list is exhausted. With `p > 0` (nlpaug `SynonymAug(aug_p=p)` without aug_min/aug_max): each non-stop-word token with synonyms is replaced independently with probability p by a synonym drawn uniformly. Exactly one of `n` and `p` is given. Replacement is one token for one token (multi-word synonyms are joined with `_`), so tags stay aligned as they are."

op char_noise(p: float in [0, 1], kind: keyboard | swap | delete = keyboard)
  : text -> text
  effects { random: draws text: edit  tags: keep }
  cost { per_token: 4 }
  doc "Typo noise (formula, after nlpaug `KeyboardAug` / `RandomCharAug`): each character whose base is a letter or digit is hit independently with probability p, a character being a Unicode grapheme cluster (a letter with its combining accents counts as one, so an accent is never left alone or moved onto another letter). `keyboard` replaces it with a neighbour on the US QWERTY layout (nlpaug's `en` keyboard map, the case kept) drawn uniformly; `swap` exchanges it with the next character of the same token (the last character of a token is never hit); `delete` removes it, except that the last remaining character of a token is never removed. Tokens are never created or removed, so tags stay aligned."

op back_translate(via: string)
  : text -> text
  effects { text: edit  tags: unalignable }
  cost { per_token: 10000 }
  doc "Back-translation (UDA): the text is translated from the field's language to `via` (a language code such as `de`) and back, then cached on disk keyed by (text, from, via, translator) so that later epochs and runs reuse the result. A policy file never names the translator: the person running it configures one (`--translator CMD_OR_URL` on apply/run/preview, `AUGER_TRANSLATOR`, `translator=` in Python): a command, started once and kept running, that reads one JSON request per line on stdin, {\"text\": …, \"from\": …, \"to\": …}, and answers one JSON line on stdout, {\"text\": …} or {\"error\": …}; or a local `http://` URL to which the same JSON is POSTed, answered with the same JSON. With none configured, Apertium (Debian's `apertium` and the pair's package) when it has both directions, else an error naming what to install. The tokens change arbitrarily, so a sample with `tags` is an error (rule 8)."
