# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# The parser recovers from syntax errors and reports each one, with its line, in the same run (E0101).

sample Photo {
  image: image(rgb)
}

policy train on Photo {
  # A missing `)` is noticed at the next statement.
  rotate(angle: 30deg
  # CHECK: recovery.aug:[[@LINE+1]]:3: error[E0101]: expected `)`, found `hflip`
  hflip() @p(0.5)
  # CHECK-NEXT: recovery.aug:[[@LINE+1]]:26: error[E0101]: expected `)`, found `,`
  brightness(factor: 1.2,, )
  # CHECK-NEXT: recovery.aug:[[@LINE+1]]:20: error[E0101]: expected an expression, found `)`
  contrast(factor: )
  hflip()
}

policy train2 on Photo {
  # CHECK-NEXT: recovery.aug:[[@LINE+1]]:5: error[E0101]: expected `(` after `x`, found `=`
  x = 3
  hflip()
}
# Nothing else: in particular no semantic echo of the broken statements.
# CHECK-NOT: {{error|warning}}
