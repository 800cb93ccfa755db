# A parameter without a domain of its own is held, under --set (and Python's args), to the domain of the op
# argument it is passed to, as its default is by the checker: a value the file could not have written is refused.
# RUN: %auger explain %s --emit ir --set b=6 | FileCheck %s
# CHECK: param b: int = 6
# RUN: not %auger explain %s --emit ir --set b=100 2>&1 | FileCheck %s --check-prefix=OUTSIDE
# OUTSIDE: error: --set b=100: 100 is outside 1..8, the domain of the op argument `bits` that `b` is passed to
# RUN: not %auger explain %s --emit ir --set b=0 2>&1 | FileCheck %s --check-prefix=ZERO
# ZERO: error: --set b=0: 0 is outside 1..8, the domain of the op argument `bits`

sample P {
  image: image(rgb)
}

policy t(b: int = 4) on P {
  posterize(bits: b)
}
