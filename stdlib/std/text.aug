# std/text.aug — module `std.text`: EDA written from the prelude's text ops.

# EDA, Easy Data Augmentation (Wei and Zou 2019): each of `n` rounds applies ONE of the four EDA
# operations, drawn uniformly and independently (with replacement), to the current text:
#   synonym replacement  n_sr = max(1, int(alpha * L)) distinct non-stop words replaced by a WordNet synonym
#   random insertion     n_ri = max(1, int(alpha * L)) synonyms of random words inserted at random positions
#   random swap          n_rs = max(1, int(alpha * L)) swaps of two random tokens
#   random deletion      each token dropped with probability p_rd = alpha
# with L the number of tokens (the `count` type's `%`: `alpha * 100%` is the fraction alpha, counted as
# max(1, int(alpha * L))). EDA uses one alpha for all four (alpha_sr = alpha_ri = alpha_rs = p_rd = alpha).
# `n` is the number of rounds applied in sequence to ONE sample (the default 1 reproduces the distribution
# of a single EDA-augmented sentence, which applies exactly one operation to the original); EDA's
# `num_aug` (several augmented copies per sentence) is a data-loader matter here, e.g. several epochs or
# views, since a policy maps one sample to one sample. Tags stay aligned (rule 8). Differences from eda.py:
# text is not lower-cased or stripped of punctuation, and a technique is not skipped when alpha = 0
# (n_sr = 1 then, as the formula max(1, int(0 * L)) gives; random deletion with p = 0 is the identity).
transform eda(alpha: float in [0, 1] = 0.1, n: int in 1..16 = 1) {
  some_of(n: n, replace: true) {
    synonym_replace(n: alpha * 100%)
    random_insert(n: alpha * 100%)
    random_swap(n: alpha * 100%)
    token_dropout(p: alpha)
  }
}
