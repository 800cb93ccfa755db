# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# `one_of` and `some_of` need something to choose from (E0606).

sample Photo {
  image: image(rgb)
}

policy train on Photo {
  # CHECK: empty_choice.aug:[[@LINE+1]]:3: error[E0606]: `one_of` has nothing to choose from
  one_of { }
  # CHECK-NEXT: empty_choice.aug:[[@LINE+1]]:3: error[E0606]: `some_of` has nothing to choose from
  some_of(n: 1) { }
  one_of { hflip() }
  some_of(n: 1) { vflip() }
}
# CHECK-NOT: error
