# RUN: %auger lint --format brief %s 2>&1 | FileCheck %s --implicit-check-not='[AUG' --implicit-check-not='error[' --implicit-check-not='warning['
# AUG201: a statement whose probability is always 0. Check's W0802 says the same and is not repeated by lint.
# Stdlib transforms with @p(0.0) entries (auto_augment) are not the user's to fix.
import std.vision

sample Photo {
  image: image(rgb)
  label: class(10)
}

policy train(p: float in [0, 1] = 0) on Photo {
  # CHECK: aug201_never_runs.aug:[[@LINE+1]]:17: warning[AUG201]: `@p(0)` never applies the statement: it is dead code
  equalize() @p(0)
  # CHECK: aug201_never_runs.aug:[[@LINE+1]]:21: warning[AUG201]: `@p(0.0)` never applies
  autocontrast() @p(0.0)
  invert() @p(p)
  auto_augment()
  hflip() @p(0)  # auger: allow(never-runs)
}
