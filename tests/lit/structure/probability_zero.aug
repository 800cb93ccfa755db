# RUN: %auger check --format brief %s 2>&1 | FileCheck %s
# `@p(0)` never applies the statement (W0802, a warning: exit code 0), with a fix-it that removes the statement.

sample Photo {
  image: image(rgb)
}

policy train(q: float in [0, 1] = 0) on Photo {
  # CHECK: probability_zero.aug:[[@LINE+2]]:14: warning[W0802]: `@p(0)` never applies the statement
  # CHECK-NEXT: probability_zero.aug:[[@LINE+1]]:3: fix-it: remove `hflip() @p(0)`
  hflip() @p(0)
  # CHECK-NEXT: probability_zero.aug:[[@LINE+2]]:14: warning[W0802]: `@p(0.0)` never applies the statement
  # CHECK-NEXT: probability_zero.aug:[[@LINE+1]]:3: fix-it: remove `vflip() @p(0.0)`
  vflip() @p(0.0)
  # A parameter that may be 0 is a search dimension, not a dead statement.
  invert() @p(q)
  hflip() @p(0.01)
}
# CHECK-NOT: {{error|warning}}
