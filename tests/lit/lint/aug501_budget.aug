# RUN: not %auger lint --format brief --budget-ms 2 %s 2>&1 | FileCheck %s --implicit-check-not='[AUG' --implicit-check-not='error[' --implicit-check-not='warning['
# RUN: %auger lint --format brief %s 2>&1 | FileCheck %s --check-prefix=NOBUDGET --allow-empty --implicit-check-not='[AUG'
# RUN: %auger lint --format brief --budget-ms 100 %s 2>&1 | FileCheck %s --check-prefix=NOBUDGET --allow-empty --implicit-check-not='[AUG'
# AUG501: with --budget-ms, a policy whose expected cost per sample (docs/lint.md "Cost model") exceeds it.
# elastic costs 40 ns/pixel on a nominal 500x375 photo: 7.5 ms; after a crop to 224x224, at @p(0.1): 0.2 ms.
# NOBUDGET-NOT: AUG501
sample Photo {
  image: image(rgb)
  label: class(10)
}

# CHECK: aug501_budget.aug:[[@LINE+2]]:8: error[AUG501]: policy `slow` is expected to cost 7.5 ms per sample on one core, over the budget of 2 ms
# CHECK-NEXT: aug501_budget.aug:[[@LINE+2]]:3: note: `elastic` costs 7.5 ms per sample
policy slow on Photo {
  elastic(alpha: 50, sigma: 5)
}

policy fast on Photo {
  random_resized_crop(size: 224)
  elastic(alpha: 50, sigma: 5) @p(0.1)
}

policy allowed on Photo {  # auger: allow(over-budget)
  elastic(alpha: 50, sigma: 5)
}
