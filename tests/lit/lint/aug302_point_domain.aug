# RUN: %auger lint --format brief %s 2>&1 | FileCheck %s --implicit-check-not='[AUG' --implicit-check-not='error[' --implicit-check-not='warning['
# AUG302: a parameter whose domain is one value (integer range, interval or set), of a policy or a transform.
sample Photo {
  image: image(rgb)
  label: class(10)
}

transform flips(p: float in [0.5, 0.5] = 0.5) {
  hflip() @p(p)
}
# CHECK: aug302_point_domain.aug:[[@LINE-3]]:29: warning[AUG302]: the domain `[0.5, 0.5]` of parameter `p` of transform `flips` holds a single value

# CHECK: aug302_point_domain.aug:[[@LINE+1]]:24: warning[AUG302]: the domain `3..3` of parameter `x` of policy `train` holds a single value
policy train(x: int in 3..3 = 3, y: int in {5} = 5, z: int in 0..3 = 1,
             q: int in 2..2 = 2) on Photo {  # auger: allow(AUG302)
# CHECK: aug302_point_domain.aug:[[@LINE-2]]:44: warning[AUG302]: the domain `{5}`
  posterize(bits: x + y - z - q) @p(0.5)
  flips()
}
