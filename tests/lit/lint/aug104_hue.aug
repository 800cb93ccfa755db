# RUN: not %auger lint --format brief %s 2>&1 | FileCheck %s --implicit-check-not='[AUG' --implicit-check-not='error[' --implicit-check-not='warning['
# AUG104: a hue shift of half a turn or more; small and random shifts are fine.
sample Photo {
  image: image(rgb)
  label: class(10)
}

policy train on Photo {
  # CHECK: aug104_hue.aug:[[@LINE+1]]:14: error[AUG104]: `hue(shift: 0.5)` turns the colour wheel by half a turn or more
  hue(shift: 0.5) @p(0.5)
  # CHECK: aug104_hue.aug:[[@LINE+1]]:14: error[AUG104]: `hue(shift: -0.5)`
  hue(shift: -0.5) @p(0.5)
  hue(shift: uniform(-0.5, 0.5)) @p(0.5)
  hue(shift: 0.1) @p(0.5)
  hue(shift: 0.5) @p(0.5)  # auger: allow(AUG104)
}
