# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s --implicit-check-not='error['
# The text ops' counts are declared `n: count in [0, 64]` (stdlib/std/prims_text.aug): a negative count, a huge
# one (QA: a billion swaps ran for minutes) or a policy parameter whose domain reaches past the bound is E0303 at
# check time, on its line. A `%` count is bounded in its own number (6400%); EDA's `alpha * 100%` fits.
import std.text

sample Doc {
  text: text(en)
}

policy counts(k: int in 0..100 = 3, alpha: float in [0, 1] = 0.1) on Doc {
  # CHECK: count_domain.aug:[[@LINE+1]]:18: error[E0303]: value -1 of `n` is outside its domain [0, 64]
  random_swap(n: -1)
  # CHECK: count_domain.aug:[[@LINE+1]]:20: error[E0303]: value 100000 of `n` is outside its domain [0, 64]
  random_insert(n: 100000)
  # CHECK: count_domain.aug:[[@LINE+1]]:22: error[E0303]: value -2 of `n` is outside its domain [0, 64]
  synonym_replace(n: -2)
  # CHECK: count_domain.aug:[[@LINE+1]]:18: error[E0303]: value 1000000000 of `n` is outside its domain [0, 64]
  random_swap(n: 1000000000)
  # CHECK: count_domain.aug:[[@LINE+1]]:18: error[E0303]: value -5% of `n` is outside its domain [0, 64]
  random_swap(n: -5%)
  # CHECK: count_domain.aug:[[@LINE+1]]:18: error[E0303]: value parameter `k` in 0..100 of `n` is outside its domain [0, 64]
  random_swap(n: k)
}

policy fine(k: int in 0..64 = 3, alpha: float in [0, 1] = 0.1) on Doc {
  random_swap(n: 0)
  random_swap(n: 64)
  random_insert(n: k)
  synonym_replace(n: 150%)
  random_swap(n: alpha * 100%)
  eda(alpha: 0.5, n: 16)
}
