# RUN: not %auger lint --format brief %s 2>&1 | FileCheck %s --implicit-check-not='[AUG' --implicit-check-not='error[' --implicit-check-not='warning['
# AUG102: brightness or contrast at factor 0; ranges around 1 and a range reaching 0 at one end are fine.
sample Photo {
  image: image(rgb)
  label: class(10)
}

policy train on Photo {
  # CHECK: aug102_zero_factor.aug:[[@LINE+1]]:22: error[AUG102]: `brightness(factor: 0)` turns every image into a black image
  brightness(factor: 0) @p(0.5)
  # CHECK: aug102_zero_factor.aug:[[@LINE+1]]:20: error[AUG102]: `contrast(factor: 0.0)` turns every image into a flat grey image
  contrast(factor: 0.0) @p(0.5)
  # CHECK: aug102_zero_factor.aug:[[@LINE+1]]:22: error[AUG102]: `brightness(factor: uniform(0, 0))`
  brightness(factor: uniform(0, 0)) @p(0.5)
  brightness(factor: uniform(0.6, 1.4))
  contrast(factor: uniform(0, 2))
  saturation(factor: 0)
  # auger: allow(zero-factor)
  brightness(factor: 0) @p(0.5)
}
