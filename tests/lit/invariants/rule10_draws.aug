# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s --implicit-check-not='error['
# Rule 10: an op that samples its own parameters (`random: draws` in its declaration: crop windows, erasing
# rectangles, noise, masks, token edits) draws randomness even without a random value written in the call.

sample Photo {
  image: image(rgb)
}

sample Sentence {
  text: text(en)
}

policy crops on Photo deterministic {
  # CHECK: rule10_draws.aug:[[@LINE+2]]:3: error[E0712]: deterministic policy `crops` uses `random_resized_crop`, which draws its own random parameters
  # CHECK-NEXT: rule10_draws.aug:[[@LINE-2]]:23: note: the policy is declared deterministic here
  random_resized_crop(size: 224)
  center_crop(size: 224)
  # CHECK: rule10_draws.aug:[[@LINE+2]]:3: error[E0712]: deterministic policy `crops` uses `random_erasing`, which draws its own random parameters
  # CHECK-NEXT: rule10_draws.aug:[[@LINE-6]]:23: note: the policy is declared deterministic here
  random_erasing()
}

policy edit on Sentence deterministic {
  # CHECK: rule10_draws.aug:[[@LINE+2]]:3: error[E0712]: deterministic policy `edit` uses `token_dropout`, which draws its own random parameters
  # CHECK-NEXT: rule10_draws.aug:[[@LINE-2]]:25: note: the policy is declared deterministic here
  token_dropout(p: 0.1)
}
