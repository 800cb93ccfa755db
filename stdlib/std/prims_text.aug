# std/prims_text.aug — the text primitives of the prelude (ops.md §6).
#
# Tokenization (shared by every op here and by `tags(T)[]` alignment): a token is a maximal run of
# non-whitespace characters (Unicode White_Space); an op's output joins its tokens with single spaces.
# Unlike EDA's reference code, text is not lower-cased and punctuation is not stripped (the text stays
# the sample's text; only the op's edits change it). A tag field stays aligned one tag per token:
# `tags: align` ops drop the tag of a dropped token, move tags with swapped tokens and give inserted
# tokens the tag of the op's `tag` argument (rule 8). Random choices draw from the statement site's
# counter-based stream (language.md §6).
# Synonyms (`source: wordnet`): the lemma names of every WordNet synset of the token (lower-cased
# lookup, WordNet's morphological base form as NLTK `wordnet.synsets`), lower-cased, minus the token
# itself, deduplicated and sorted (EDA uses an unordered set; sorting makes draws reproducible). A
# multi-word lemma keeps WordNet's `_` joiner (`ice_cream`), so one token is always replaced by exactly
# one token. The database is the system's WordNet (Debian `wordnet-base`).
# EDA's stop words are the 179-entry list of EDA's eda.py (`stop_words`).

enum synonym_source = wordnet

op token_dropout(p: float in [0, 1])
  : text -> text
  effects { random: draws text: edit  tags: align }
  cost { per_token: 1 }
  doc "EDA random deletion (Wei and Zou 2019, eda.py `random_deletion`): a text of one token is unchanged; otherwise each token is dropped independently with probability p, and if every token was dropped, one token drawn uniformly from the original is kept. The tag of a dropped token is dropped."

op random_swap(n: count)
  : text -> text
  effects { random: draws text: edit  tags: align }
  cost { per_token: 1 }
  doc "EDA random swap (eda.py `random_swap`): n times (a `%` count is max(1, int(fraction * number of tokens)), EDA's n = max(1, int(alpha * len))): i = randint(0, L - 1), j = randint(0, L - 1) redrawn up to 3 times while j == i; if j != i the tokens (and their tags) at i and j are exchanged, else nothing happens for this swap. Texts of fewer than two tokens are unchanged."

op random_insert(n: count, source: synonym_source = wordnet, tag: string = "O")
  : text -> text
  effects { random: draws text: edit  tags: align }
  cost { per_token: 20 }
  doc "EDA random insertion (eda.py `random_insertion` / `add_word`): n times (a `%` count is max(1, int(fraction * number of tokens))): draw a token uniformly (any token, stop words included) until one with synonyms is found, at most 10 draws (none found: this insertion is skipped); draw one of its synonyms uniformly and insert it before position randint(0, L - 1) of the current token list (EDA never appends at the end). The inserted token gets the tag `tag` (default `O`)."

op synonym_replace(n: count = none, p: float in [0, 1] = none, source: synonym_source = wordnet)
  : text -> text
  requires { one_of(n, p) }
  effects { random: draws text: edit  tags: keep }
  cost { per_token: 20 }
  doc "Synonym replacement. With `n` (EDA, eda.py `synonym_replacement`; a `%` count is max(1, int(fraction * number of tokens))): the distinct tokens that are not EDA stop words are shuffled; for each in turn that has synonyms, every occurrence of it is replaced by one synonym drawn uniformly, until n distinct tokens have been replaced or the list is exhausted. With `p > 0` (nlpaug `SynonymAug(aug_p=p)` without aug_min/aug_max): each non-stop-word token with synonyms is replaced independently with probability p by a synonym drawn uniformly. Exactly one of `n` and `p` is given. Replacement is one token for one token (multi-word synonyms are joined with `_`), so tags stay aligned as they are."

op char_noise(p: float in [0, 1], kind: keyboard | swap | delete = keyboard)
  : text -> text
  effects { random: draws text: edit  tags: keep }
  cost { per_token: 4 }
  doc "Typo noise (formula, after nlpaug `KeyboardAug` / `RandomCharAug`): each letter or digit is hit independently with probability p. `keyboard` replaces it with a neighbour on the US QWERTY layout (nlpaug's `en` keyboard map, the case kept) drawn uniformly; `swap` exchanges it with the next character of the same token (the last character of a token is never hit); `delete` removes it, except that the last remaining character of a token is never removed. Tokens are never created or removed, so tags stay aligned."

op back_translate(via: string, translator: string)
  : text -> text
  effects { text: edit  tags: unalignable }
  cost { per_token: 10000 }
  doc "Back-translation (UDA): the text is translated from the field's language to `via` (a language code such as `de`) and back by an external translator, then cached on disk keyed by (text, via) so that later epochs and runs reuse the result. `translator` is either a command, started once and kept running, that reads one JSON request per line on stdin, {\"text\": …, \"from\": …, \"to\": …}, and answers one JSON line on stdout, {\"text\": …} or {\"error\": …}; or an `http://` URL to which the same JSON is POSTed, answered with the same JSON. The tokens change arbitrarily, so a sample with `tags` is an error (rule 8)."
