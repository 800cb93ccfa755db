# --set takes what the file takes for the parameter's type (language.md §2, Type::accepts_dim): `50%` for a float,
# any angle unit for an angle, a whole `3.0` for an int; and refuses what the file refuses.
# RUN: %auger explain %s --emit ir --set q=50% --set a=0.5rad --set n=3.0 --set 'r=[-5deg, 5deg]' --set k=50% | FileCheck %s
# CHECK: param q: float in [0, 1] = 50%
# CHECK: param a: angle = 28.6478{{[0-9]*}}deg
# CHECK: param n: int in 1..8 = 3
# CHECK: param k: count = 50%
# CHECK: param r: interval = [-5deg, 5deg]
#
# RUN: not %auger explain %s --emit ir --set q=30deg 2>&1 | FileCheck %s --check-prefix=FLOATUNIT
# FLOATUNIT: error: --set q=30deg: `30deg` is an angle, but q (float) takes % or no unit
# RUN: not %auger explain %s --emit ir --set a=30 2>&1 | FileCheck %s --check-prefix=NOUNIT
# NOUNIT: error: --set a=30: `30` needs a unit: a is an angle (e.g. `30deg`)
# RUN: not %auger explain %s --emit ir --set n=2.5 2>&1 | FileCheck %s --check-prefix=WHOLE
# WHOLE: error: --set n=2.5: n (int) takes a whole number, `2.5` is not
# RUN: not %auger explain %s --emit ir --set n=50% 2>&1 | FileCheck %s --check-prefix=INTPCT
# INTPCT: error: --set n=50%: `50%` is a fraction, but n (int) takes no unit
# RUN: not %auger explain %s --emit ir --set 'r=[-5, 5deg]' 2>&1 | FileCheck %s --check-prefix=BOUNDS
# BOUNDS: error: --set r=[-5, 5deg]: both bounds of r need the same unit
# RUN: not %auger explain %s --emit ir --set q=150% 2>&1 | FileCheck %s --check-prefix=DOMAIN
# DOMAIN: error: --set q=150%: 150% is outside q's domain [0, 1]

sample P {
  image: image(rgb)
}

policy t(q: float in [0, 1] = 0.5, a: angle = 10deg, n: int in 1..8 = 2, k: count = 1, r: interval = [-10deg, 10deg]) on P {
  hflip() @p(q)
  rotate(a)
  posterize(bits: n)
}
