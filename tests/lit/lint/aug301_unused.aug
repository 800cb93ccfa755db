# RUN: %auger lint --format brief %s 2>&1 | FileCheck %s --implicit-check-not='[AUG' --implicit-check-not='error[' --implicit-check-not='warning['
# AUG301: a policy parameter nothing reads, at its declaration. Parameters read by arguments, @p, @w, some_of
# and match (through transforms too) are used.
import std.vision

sample Photo {
  image: image(rgb)
  label: class(10)
}

# CHECK: aug301_unused.aug:[[@LINE+1]]:43: warning[AUG301]: parameter `erase_p` of policy `train` is never used
policy train(magnitude: int in 0..30 = 9, erase_p: float in [0, 1] = 0.25, flip_p: float in [0, 1] = 0.5,
             w: float in [1, 4] = 2, n: int in 1..2 = 1, mode: a | b = a,
             # auger: allow(AUG301)
             kept: float in [0, 1] = 0.5) on Photo {
  rand_augment(n: 2, magnitude: magnitude)
  hflip() @p(flip_p)
  one_of {
    equalize() @w(w)
    invert()
  }
  some_of(n: n) {
    autocontrast()
    grayscale()
  }
  match mode {
    a => vflip() @p(0.5)
    b => seq { }
  }
}
