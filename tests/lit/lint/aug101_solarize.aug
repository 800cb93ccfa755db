# RUN: not %auger lint --format brief %s 2>&1 | FileCheck %s --implicit-check-not='[AUG' --implicit-check-not='error[' --implicit-check-not='warning['
# AUG101: solarize at threshold 0 (a constant, or a parameter whose domain is {0}); a domain that reaches 0
# only at one end and a random threshold are not flagged; an allow comment silences it.
sample Photo {
  image: image(rgb)
  label: class(10)
}

policy train(t: float in [0, 255] = 128, z: float = 0) on Photo {
  # CHECK: aug101_solarize.aug:[[@LINE+1]]:23: error[AUG101]: `solarize(threshold: 0)` inverts every pixel
  solarize(threshold: 0) @p(0.5)
  # CHECK: aug101_solarize.aug:[[@LINE+1]]:23: error[AUG101]: `solarize(threshold: z)` inverts every pixel
  solarize(threshold: z) @p(0.5)
  solarize(threshold: t) @p(0.5)
  solarize(threshold: uniform(0, 255)) @p(0.5)
  solarize(threshold: 128) @p(0.5)
  solarize(threshold: 0) @p(0.5)  # auger: allow(AUG101)
}
