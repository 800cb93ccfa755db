# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# A transform may not call itself, directly or through other transforms (E0210).

# CHECK: recursive_transform.aug:[[@LINE+3]]:3: error[E0210]: transform `again` calls itself
# CHECK-NEXT: recursive_transform.aug:[[@LINE+1]]:11: note: the transform is declared here
transform again() {
  again()
}

# Mutual recursion is reported in each transform of the cycle, with the path it takes.
# CHECK-NEXT: recursive_transform.aug:[[@LINE+6]]:5: error[E0210]: transform `ping` calls itself
# CHECK-NEXT: note: through `pong` → `ping`
# CHECK-NEXT: recursive_transform.aug:[[@LINE+1]]:11: note: the transform is declared here
transform ping() {
  hflip()
  one_of {
    pong()
    vflip()
  }
}
# CHECK-NEXT: recursive_transform.aug:[[@LINE+4]]:3: error[E0210]: transform `pong` calls itself
# CHECK-NEXT: note: through `ping` → `pong`
# CHECK-NEXT: recursive_transform.aug:[[@LINE+1]]:11: note: the transform is declared here
transform pong() {
  ping()
}

# Calling the same transform twice, or a transform that calls another, is not recursion.
transform fine() {
  hflip()
}
transform uses_fine() {
  fine()
  fine() @p(0.5)
}
transform uses_uses() {
  uses_fine()
  fine()
}
# CHECK-NOT: error
