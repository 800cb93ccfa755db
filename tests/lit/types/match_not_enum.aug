# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# `match` chooses on an enum parameter; on another parameter it is E0301, naming the parameter and its type.

sample Photo {
  image: image(rgb)
}

transform flips(rounds: int = 1) {
  # CHECK: match_not_enum.aug:[[@LINE+1]]:9: error[E0301]: expected an enum parameter for `match`, found parameter `rounds` of type int
  match rounds {
    _ => hflip()
  }
}

policy train on Photo {
  flips()
}
# CHECK-NOT: error
