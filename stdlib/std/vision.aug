# std/vision.aug — module `std.vision`: image normalisation constants and the automatic augmentation
# policies of torchvision 0.14 (torchvision/transforms/autoaugment.py), written from the prelude ops.
#
# The four policies work on u8 images (put them before `to_float()`), like torchvision's, which requires
# uint8 tensors. As in torchvision, geometric ops use nearest interpolation and fill 0 (fill=None); both
# are passed explicitly. The rotations and shears inside do not pass `boxes: enclose`, so on a sample
# with boxes they report rule 3's warning at the call (the box handling is the user's to acknowledge).
# Magnitudes follow torchvision's `_augmentation_space`: bin i of `linspace(0, max, num_bins)` is
# i * max / (num_bins - 1); signed entries draw their sign with `signed(…)` (torchvision's `signed` flag).
# TranslateX/Y use the `%` unit (a fraction of the image width/height, as torchvision's
# 150 / 331 * image_size); `translate_x`/`translate_y` truncate the pixel offset toward zero, as
# torchvision's `int(magnitude)`.

const imagenet_mean = [0.485, 0.456, 0.406]
const imagenet_std = [0.229, 0.224, 0.225]
# CIFAR-10 training-set channel statistics (the per-pixel std, not the often-copied [0.2023, 0.1994, 0.2010]).
const cifar10_mean = [0.4914, 0.4822, 0.4465]
const cifar10_std = [0.2470, 0.2435, 0.2616]

# RandAugment (Cubuk et al. 2019), exactly torchvision 0.14 `RandAugment(num_ops=n, magnitude,
# num_magnitude_bins=bins, interpolation=NEAREST, fill=None)`: `n` times, independently, one of the 14 ops
# below is drawn uniformly (with replacement) and applied at the fixed magnitude bin `magnitude` of
# `bins`: Identity; ShearX/Y linspace(0, 0.3); TranslateX/Y linspace(0, 150/331 * width/height);
# Rotate linspace(0, 30deg); Brightness/Color/Contrast/Sharpness factor 1 + linspace(0, 0.9); all of these
# signed; Posterize 8 - round(i / ((bins - 1) / 4)); Solarize linspace(255, 0); AutoContrast; Equalize.
# The bin's value is max * min(1, magnitude / (bins - 1)): torchvision requires magnitude <= bins - 1
# (it raises IndexError beyond); here a larger magnitude is clamped to the last bin (and the clamp keeps
# every argument's range inside its op's domain for the checker). Colour ops need u8 images.
transform rand_augment(n: int in 0..16 = 2, magnitude: int in 0..30 = 9, bins: int in 2..1000 = 31,
                       boxes: box_mode = enclose) {
  some_of(n: n, replace: true) {
    seq { }                                                                           # Identity
    shear_x(amount: signed(0.3 * min(1, magnitude / (bins - 1))), interp: nearest, fill: 0, boxes: boxes)
    shear_y(amount: signed(0.3 * min(1, magnitude / (bins - 1))), interp: nearest, fill: 0, boxes: boxes)
    translate_x(px: signed(150 / 331 * min(1, magnitude / (bins - 1)) * 100%), interp: nearest, fill: 0)
    translate_y(px: signed(150 / 331 * min(1, magnitude / (bins - 1)) * 100%), interp: nearest, fill: 0)
    rotate(angle: signed(30deg * min(1, magnitude / (bins - 1))), interp: nearest, fill: 0, boxes: boxes)
    brightness(factor: 1 + signed(0.9 * min(1, magnitude / (bins - 1))))
    saturation(factor: 1 + signed(0.9 * min(1, magnitude / (bins - 1))))          # Color
    contrast(factor: 1 + signed(0.9 * min(1, magnitude / (bins - 1))))
    sharpness(factor: 1 + signed(0.9 * min(1, magnitude / (bins - 1))))
    posterize(bits: 8 - round(4 * min(1, magnitude / (bins - 1))))                  # = 8 - round(i / ((bins - 1) / 4))
    solarize(threshold: 255 - 255 * min(1, magnitude / (bins - 1)))
    autocontrast()
    equalize()
  }
}

# TrivialAugment Wide (Müller and Hutter 2021), exactly torchvision 0.14 `TrivialAugmentWide(
# num_magnitude_bins=31, interpolation=NEAREST, fill=None)`: one of the 14 ops drawn uniformly, at a
# magnitude bin i = randint(0, 30) drawn uniformly, with the wide tables: ShearX/Y linspace(0, 0.99);
# TranslateX/Y linspace(0, 32) pixels (absolute, not relative to the image size); Rotate linspace(0, 135deg);
# Brightness/Color/Contrast/Sharpness factor 1 + linspace(0, 0.99); all signed; Posterize
# 8 - round(i / ((31 - 1) / 6)); Solarize linspace(255, 0); Identity, AutoContrast, Equalize. Needs u8 images.
transform trivial_augment(boxes: box_mode = enclose) {
  one_of {
    seq { }                                                                           # Identity
    shear_x(amount: signed(randint(0, 30) * 0.99 / 30), interp: nearest, fill: 0, boxes: boxes)
    shear_y(amount: signed(randint(0, 30) * 0.99 / 30), interp: nearest, fill: 0, boxes: boxes)
    translate_x(px: signed(randint(0, 30) * 32px / 30), interp: nearest, fill: 0)
    translate_y(px: signed(randint(0, 30) * 32px / 30), interp: nearest, fill: 0)
    rotate(angle: signed(randint(0, 30) * 135deg / 30), interp: nearest, fill: 0, boxes: boxes)
    brightness(factor: 1 + signed(randint(0, 30) * 0.99 / 30))
    saturation(factor: 1 + signed(randint(0, 30) * 0.99 / 30))                       # Color
    contrast(factor: 1 + signed(randint(0, 30) * 0.99 / 30))
    sharpness(factor: 1 + signed(randint(0, 30) * 0.99 / 30))
    posterize(bits: 8 - round(randint(0, 30) / (30 / 6)))
    solarize(threshold: 255 - randint(0, 30) * 255 / 30)
    autocontrast()
    equalize()
  }
}

# AutoAugment (Cubuk et al. 2018), exactly torchvision 0.14 `AutoAugment(policy, interpolation=NEAREST,
# fill=None)` with `AutoAugmentPolicy.IMAGENET`, `CIFAR10` or `SVHN`: one of the policy's 25 sub-policies
# is drawn uniformly; each sub-policy applies its two ops in order, each with its own probability
# (torchvision's `probs[i] <= p`), at the fixed magnitude bin of `_augmentation_space(10, …)`: bin i of
# 10 is i * max / 9 (ShearX/Y 0.3, TranslateX/Y 150/331 of the width/height, Rotate 30deg, Brightness/
# Color/Contrast/Sharpness 1 + 0.9), signed as torchvision (one independent sign per op); Posterize
# 8 - round(i / (9 / 4)); Solarize 255 - i * 255 / 9. Each line's comment is torchvision's tuple
# (op, probability, magnitude bin). Needs u8 images.
transform auto_augment(policy: imagenet | cifar10 | svhn = imagenet, boxes: box_mode = enclose) {
  match policy {
    imagenet => one_of {
      seq { posterize(bits: 8 - round(8 / (9 / 4))) @p(0.4)  rotate(angle: signed(9 * 30deg / 9), interp: nearest, fill: 0, boxes: boxes) @p(0.6) }  #  0: (Posterize, 0.4, 8), (Rotate, 0.6, 9)
      seq { solarize(threshold: 255 - 5 * 255 / 9) @p(0.6)  autocontrast() @p(0.6) }  #  1: (Solarize, 0.6, 5), (AutoContrast, 0.6, -)
      seq { equalize() @p(0.8)  equalize() @p(0.6) }  #  2: (Equalize, 0.8, -), (Equalize, 0.6, -)
      seq { posterize(bits: 8 - round(7 / (9 / 4))) @p(0.6)  posterize(bits: 8 - round(6 / (9 / 4))) @p(0.6) }  #  3: (Posterize, 0.6, 7), (Posterize, 0.6, 6)
      seq { equalize() @p(0.4)  solarize(threshold: 255 - 4 * 255 / 9) @p(0.2) }  #  4: (Equalize, 0.4, -), (Solarize, 0.2, 4)
      seq { equalize() @p(0.4)  rotate(angle: signed(8 * 30deg / 9), interp: nearest, fill: 0, boxes: boxes) @p(0.8) }  #  5: (Equalize, 0.4, -), (Rotate, 0.8, 8)
      seq { solarize(threshold: 255 - 3 * 255 / 9) @p(0.6)  equalize() @p(0.6) }  #  6: (Solarize, 0.6, 3), (Equalize, 0.6, -)
      seq { posterize(bits: 8 - round(5 / (9 / 4))) @p(0.8)  equalize() @p(1.0) }  #  7: (Posterize, 0.8, 5), (Equalize, 1.0, -)
      seq { rotate(angle: signed(3 * 30deg / 9), interp: nearest, fill: 0, boxes: boxes) @p(0.2)  solarize(threshold: 255 - 8 * 255 / 9) @p(0.6) }  #  8: (Rotate, 0.2, 3), (Solarize, 0.6, 8)
      seq { equalize() @p(0.6)  posterize(bits: 8 - round(6 / (9 / 4))) @p(0.4) }  #  9: (Equalize, 0.6, -), (Posterize, 0.4, 6)
      seq { rotate(angle: signed(8 * 30deg / 9), interp: nearest, fill: 0, boxes: boxes) @p(0.8)  saturation(factor: 1 + signed(0 * 0.9 / 9)) @p(0.4) }  # 10: (Rotate, 0.8, 8), (Color, 0.4, 0)
      seq { rotate(angle: signed(9 * 30deg / 9), interp: nearest, fill: 0, boxes: boxes) @p(0.4)  equalize() @p(0.6) }  # 11: (Rotate, 0.4, 9), (Equalize, 0.6, -)
      seq { equalize() @p(0.0)  equalize() @p(0.8) }  # 12: (Equalize, 0.0, -), (Equalize, 0.8, -)
      seq { invert() @p(0.6)  equalize() @p(1.0) }  # 13: (Invert, 0.6, -), (Equalize, 1.0, -)
      seq { saturation(factor: 1 + signed(4 * 0.9 / 9)) @p(0.6)  contrast(factor: 1 + signed(8 * 0.9 / 9)) @p(1.0) }  # 14: (Color, 0.6, 4), (Contrast, 1.0, 8)
      seq { rotate(angle: signed(8 * 30deg / 9), interp: nearest, fill: 0, boxes: boxes) @p(0.8)  saturation(factor: 1 + signed(2 * 0.9 / 9)) @p(1.0) }  # 15: (Rotate, 0.8, 8), (Color, 1.0, 2)
      seq { saturation(factor: 1 + signed(8 * 0.9 / 9)) @p(0.8)  solarize(threshold: 255 - 7 * 255 / 9) @p(0.8) }  # 16: (Color, 0.8, 8), (Solarize, 0.8, 7)
      seq { sharpness(factor: 1 + signed(7 * 0.9 / 9)) @p(0.4)  invert() @p(0.6) }  # 17: (Sharpness, 0.4, 7), (Invert, 0.6, -)
      seq { shear_x(amount: signed(5 * 0.3 / 9), interp: nearest, fill: 0, boxes: boxes) @p(0.6)  equalize() @p(1.0) }  # 18: (ShearX, 0.6, 5), (Equalize, 1.0, -)
      seq { saturation(factor: 1 + signed(0 * 0.9 / 9)) @p(0.4)  equalize() @p(0.6) }  # 19: (Color, 0.4, 0), (Equalize, 0.6, -)
      seq { equalize() @p(0.4)  solarize(threshold: 255 - 4 * 255 / 9) @p(0.2) }  # 20: (Equalize, 0.4, -), (Solarize, 0.2, 4)
      seq { solarize(threshold: 255 - 5 * 255 / 9) @p(0.6)  autocontrast() @p(0.6) }  # 21: (Solarize, 0.6, 5), (AutoContrast, 0.6, -)
      seq { invert() @p(0.6)  equalize() @p(1.0) }  # 22: (Invert, 0.6, -), (Equalize, 1.0, -)
      seq { saturation(factor: 1 + signed(4 * 0.9 / 9)) @p(0.6)  contrast(factor: 1 + signed(8 * 0.9 / 9)) @p(1.0) }  # 23: (Color, 0.6, 4), (Contrast, 1.0, 8)
      seq { equalize() @p(0.8)  equalize() @p(0.6) }  # 24: (Equalize, 0.8, -), (Equalize, 0.6, -)
    }
    cifar10 => one_of {
      seq { invert() @p(0.1)  contrast(factor: 1 + signed(6 * 0.9 / 9)) @p(0.2) }  #  0: (Invert, 0.1, -), (Contrast, 0.2, 6)
      seq { rotate(angle: signed(2 * 30deg / 9), interp: nearest, fill: 0, boxes: boxes) @p(0.7)  translate_x(px: signed(9 * 150 / 331 / 9 * 100%), interp: nearest, fill: 0) @p(0.3) }  #  1: (Rotate, 0.7, 2), (TranslateX, 0.3, 9)
      seq { sharpness(factor: 1 + signed(1 * 0.9 / 9)) @p(0.8)  sharpness(factor: 1 + signed(3 * 0.9 / 9)) @p(0.9) }  #  2: (Sharpness, 0.8, 1), (Sharpness, 0.9, 3)
      seq { shear_y(amount: signed(8 * 0.3 / 9), interp: nearest, fill: 0, boxes: boxes) @p(0.5)  translate_y(px: signed(9 * 150 / 331 / 9 * 100%), interp: nearest, fill: 0) @p(0.7) }  #  3: (ShearY, 0.5, 8), (TranslateY, 0.7, 9)
      seq { autocontrast() @p(0.5)  equalize() @p(0.9) }  #  4: (AutoContrast, 0.5, -), (Equalize, 0.9, -)
      seq { shear_y(amount: signed(7 * 0.3 / 9), interp: nearest, fill: 0, boxes: boxes) @p(0.2)  posterize(bits: 8 - round(7 / (9 / 4))) @p(0.3) }  #  5: (ShearY, 0.2, 7), (Posterize, 0.3, 7)
      seq { saturation(factor: 1 + signed(3 * 0.9 / 9)) @p(0.4)  brightness(factor: 1 + signed(7 * 0.9 / 9)) @p(0.6) }  #  6: (Color, 0.4, 3), (Brightness, 0.6, 7)
      seq { sharpness(factor: 1 + signed(9 * 0.9 / 9)) @p(0.3)  brightness(factor: 1 + signed(9 * 0.9 / 9)) @p(0.7) }  #  7: (Sharpness, 0.3, 9), (Brightness, 0.7, 9)
      seq { equalize() @p(0.6)  equalize() @p(0.5) }  #  8: (Equalize, 0.6, -), (Equalize, 0.5, -)
      seq { contrast(factor: 1 + signed(7 * 0.9 / 9)) @p(0.6)  sharpness(factor: 1 + signed(5 * 0.9 / 9)) @p(0.6) }  #  9: (Contrast, 0.6, 7), (Sharpness, 0.6, 5)
      seq { saturation(factor: 1 + signed(7 * 0.9 / 9)) @p(0.7)  translate_x(px: signed(8 * 150 / 331 / 9 * 100%), interp: nearest, fill: 0) @p(0.5) }  # 10: (Color, 0.7, 7), (TranslateX, 0.5, 8)
      seq { equalize() @p(0.3)  autocontrast() @p(0.4) }  # 11: (Equalize, 0.3, -), (AutoContrast, 0.4, -)
      seq { translate_y(px: signed(3 * 150 / 331 / 9 * 100%), interp: nearest, fill: 0) @p(0.4)  sharpness(factor: 1 + signed(6 * 0.9 / 9)) @p(0.2) }  # 12: (TranslateY, 0.4, 3), (Sharpness, 0.2, 6)
      seq { brightness(factor: 1 + signed(6 * 0.9 / 9)) @p(0.9)  saturation(factor: 1 + signed(8 * 0.9 / 9)) @p(0.2) }  # 13: (Brightness, 0.9, 6), (Color, 0.2, 8)
      seq { solarize(threshold: 255 - 2 * 255 / 9) @p(0.5)  invert() @p(0.0) }  # 14: (Solarize, 0.5, 2), (Invert, 0.0, -)
      seq { equalize() @p(0.2)  autocontrast() @p(0.6) }  # 15: (Equalize, 0.2, -), (AutoContrast, 0.6, -)
      seq { equalize() @p(0.2)  equalize() @p(0.6) }  # 16: (Equalize, 0.2, -), (Equalize, 0.6, -)
      seq { saturation(factor: 1 + signed(9 * 0.9 / 9)) @p(0.9)  equalize() @p(0.6) }  # 17: (Color, 0.9, 9), (Equalize, 0.6, -)
      seq { autocontrast() @p(0.8)  solarize(threshold: 255 - 8 * 255 / 9) @p(0.2) }  # 18: (AutoContrast, 0.8, -), (Solarize, 0.2, 8)
      seq { brightness(factor: 1 + signed(3 * 0.9 / 9)) @p(0.1)  saturation(factor: 1 + signed(0 * 0.9 / 9)) @p(0.7) }  # 19: (Brightness, 0.1, 3), (Color, 0.7, 0)
      seq { solarize(threshold: 255 - 5 * 255 / 9) @p(0.4)  autocontrast() @p(0.9) }  # 20: (Solarize, 0.4, 5), (AutoContrast, 0.9, -)
      seq { translate_y(px: signed(9 * 150 / 331 / 9 * 100%), interp: nearest, fill: 0) @p(0.9)  translate_y(px: signed(9 * 150 / 331 / 9 * 100%), interp: nearest, fill: 0) @p(0.7) }  # 21: (TranslateY, 0.9, 9), (TranslateY, 0.7, 9)
      seq { autocontrast() @p(0.9)  solarize(threshold: 255 - 3 * 255 / 9) @p(0.8) }  # 22: (AutoContrast, 0.9, -), (Solarize, 0.8, 3)
      seq { equalize() @p(0.8)  invert() @p(0.1) }  # 23: (Equalize, 0.8, -), (Invert, 0.1, -)
      seq { translate_y(px: signed(9 * 150 / 331 / 9 * 100%), interp: nearest, fill: 0) @p(0.7)  autocontrast() @p(0.9) }  # 24: (TranslateY, 0.7, 9), (AutoContrast, 0.9, -)
    }
    svhn => one_of {
      seq { shear_x(amount: signed(4 * 0.3 / 9), interp: nearest, fill: 0, boxes: boxes) @p(0.9)  invert() @p(0.2) }  #  0: (ShearX, 0.9, 4), (Invert, 0.2, -)
      seq { shear_y(amount: signed(8 * 0.3 / 9), interp: nearest, fill: 0, boxes: boxes) @p(0.9)  invert() @p(0.7) }  #  1: (ShearY, 0.9, 8), (Invert, 0.7, -)
      seq { equalize() @p(0.6)  solarize(threshold: 255 - 6 * 255 / 9) @p(0.6) }  #  2: (Equalize, 0.6, -), (Solarize, 0.6, 6)
      seq { invert() @p(0.9)  equalize() @p(0.6) }  #  3: (Invert, 0.9, -), (Equalize, 0.6, -)
      seq { equalize() @p(0.6)  rotate(angle: signed(3 * 30deg / 9), interp: nearest, fill: 0, boxes: boxes) @p(0.9) }  #  4: (Equalize, 0.6, -), (Rotate, 0.9, 3)
      seq { shear_x(amount: signed(4 * 0.3 / 9), interp: nearest, fill: 0, boxes: boxes) @p(0.9)  autocontrast() @p(0.8) }  #  5: (ShearX, 0.9, 4), (AutoContrast, 0.8, -)
      seq { shear_y(amount: signed(8 * 0.3 / 9), interp: nearest, fill: 0, boxes: boxes) @p(0.9)  invert() @p(0.4) }  #  6: (ShearY, 0.9, 8), (Invert, 0.4, -)
      seq { shear_y(amount: signed(5 * 0.3 / 9), interp: nearest, fill: 0, boxes: boxes) @p(0.9)  solarize(threshold: 255 - 6 * 255 / 9) @p(0.2) }  #  7: (ShearY, 0.9, 5), (Solarize, 0.2, 6)
      seq { invert() @p(0.9)  autocontrast() @p(0.8) }  #  8: (Invert, 0.9, -), (AutoContrast, 0.8, -)
      seq { equalize() @p(0.6)  rotate(angle: signed(3 * 30deg / 9), interp: nearest, fill: 0, boxes: boxes) @p(0.9) }  #  9: (Equalize, 0.6, -), (Rotate, 0.9, 3)
      seq { shear_x(amount: signed(4 * 0.3 / 9), interp: nearest, fill: 0, boxes: boxes) @p(0.9)  solarize(threshold: 255 - 3 * 255 / 9) @p(0.3) }  # 10: (ShearX, 0.9, 4), (Solarize, 0.3, 3)
      seq { shear_y(amount: signed(8 * 0.3 / 9), interp: nearest, fill: 0, boxes: boxes) @p(0.8)  invert() @p(0.7) }  # 11: (ShearY, 0.8, 8), (Invert, 0.7, -)
      seq { equalize() @p(0.9)  translate_y(px: signed(6 * 150 / 331 / 9 * 100%), interp: nearest, fill: 0) @p(0.6) }  # 12: (Equalize, 0.9, -), (TranslateY, 0.6, 6)
      seq { invert() @p(0.9)  equalize() @p(0.6) }  # 13: (Invert, 0.9, -), (Equalize, 0.6, -)
      seq { contrast(factor: 1 + signed(3 * 0.9 / 9)) @p(0.3)  rotate(angle: signed(4 * 30deg / 9), interp: nearest, fill: 0, boxes: boxes) @p(0.8) }  # 14: (Contrast, 0.3, 3), (Rotate, 0.8, 4)
      seq { invert() @p(0.8)  translate_y(px: signed(2 * 150 / 331 / 9 * 100%), interp: nearest, fill: 0) @p(0.0) }  # 15: (Invert, 0.8, -), (TranslateY, 0.0, 2)
      seq { shear_y(amount: signed(6 * 0.3 / 9), interp: nearest, fill: 0, boxes: boxes) @p(0.7)  solarize(threshold: 255 - 8 * 255 / 9) @p(0.4) }  # 16: (ShearY, 0.7, 6), (Solarize, 0.4, 8)
      seq { invert() @p(0.6)  rotate(angle: signed(4 * 30deg / 9), interp: nearest, fill: 0, boxes: boxes) @p(0.8) }  # 17: (Invert, 0.6, -), (Rotate, 0.8, 4)
      seq { shear_y(amount: signed(7 * 0.3 / 9), interp: nearest, fill: 0, boxes: boxes) @p(0.3)  translate_x(px: signed(3 * 150 / 331 / 9 * 100%), interp: nearest, fill: 0) @p(0.9) }  # 18: (ShearY, 0.3, 7), (TranslateX, 0.9, 3)
      seq { shear_x(amount: signed(6 * 0.3 / 9), interp: nearest, fill: 0, boxes: boxes) @p(0.1)  invert() @p(0.6) }  # 19: (ShearX, 0.1, 6), (Invert, 0.6, -)
      seq { solarize(threshold: 255 - 2 * 255 / 9) @p(0.7)  translate_y(px: signed(7 * 150 / 331 / 9 * 100%), interp: nearest, fill: 0) @p(0.6) }  # 20: (Solarize, 0.7, 2), (TranslateY, 0.6, 7)
      seq { shear_y(amount: signed(4 * 0.3 / 9), interp: nearest, fill: 0, boxes: boxes) @p(0.8)  invert() @p(0.8) }  # 21: (ShearY, 0.8, 4), (Invert, 0.8, -)
      seq { shear_x(amount: signed(9 * 0.3 / 9), interp: nearest, fill: 0, boxes: boxes) @p(0.7)  translate_y(px: signed(3 * 150 / 331 / 9 * 100%), interp: nearest, fill: 0) @p(0.8) }  # 22: (ShearX, 0.7, 9), (TranslateY, 0.8, 3)
      seq { shear_y(amount: signed(5 * 0.3 / 9), interp: nearest, fill: 0, boxes: boxes) @p(0.8)  autocontrast() @p(0.7) }  # 23: (ShearY, 0.8, 5), (AutoContrast, 0.7, -)
      seq { shear_x(amount: signed(2 * 0.3 / 9), interp: nearest, fill: 0, boxes: boxes) @p(0.7)  invert() @p(0.1) }  # 24: (ShearX, 0.7, 2), (Invert, 0.1, -)
    }
  }
}

# ColorJitter, as torchvision 0.14 `ColorJitter(brightness, contrast, saturation, hue)` with scalar
# arguments: the four adjustments are applied in a random order (`torch.randperm(4)`), with factors drawn
# uniformly from [max(0, 1 - brightness), 1 + brightness], the same for contrast and saturation, and a
# hue shift from [-hue, hue]. torchvision skips an adjustment whose argument is 0; the guard
# `@p(min(1, ceil(x)))` is 1 when x > 0 and 0 when x = 0, so a zero argument skips its op exactly
# (hue(0) is not a bit-exact identity on u8). Needs u8 images. (The tuple form `brightness=(lo, hi)` of
# torchvision is not offered.)
transform color_jitter(brightness: float in [0, 9] = 0, contrast: float in [0, 9] = 0,
                       saturation: float in [0, 9] = 0, hue: float in [0, 0.5] = 0) {
  some_of(n: 4, replace: false, order: random) {
    brightness(factor: uniform(max(0, 1 - brightness), 1 + brightness)) @p(min(1, ceil(brightness)))
    contrast(factor: uniform(max(0, 1 - contrast), 1 + contrast)) @p(min(1, ceil(contrast)))
    saturation(factor: uniform(max(0, 1 - saturation), 1 + saturation)) @p(min(1, ceil(saturation)))
    hue(shift: uniform(-hue, hue)) @p(min(1, ceil(hue)))
  }
}
