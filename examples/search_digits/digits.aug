# digits.aug — the policy examples/search_digits searches (README.md there).
#
# scikit-learn's 8×8 digits, upscaled to 32×32 RGB. Its two parameters have domains, so they are the search
# space of `auger search`: RandAugment's magnitude, and how often RandAugment runs at all.

import std.vision

sample Digit {
  image: image(rgb)
  label: class(10)
}

policy train(magnitude: int in 0..30 = 9, p: float in [0, 1] = 0.5) on Digit {
  # Digits are not mirror-symmetric, so no flip; RandAugment's geometry and colour ops at `magnitude`.
  rand_augment(n: 2, magnitude: magnitude) @p(p)
  to_float()
}

policy eval on Digit deterministic {
  to_float()
}
