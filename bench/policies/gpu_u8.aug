# The GPU batch kernels' u8 policies (bench/gpu_prepare.py, tests/gpu/test_gpu_loader.py): a bicubic crop with
# flips and colour jitter, and the jitter alone.
import std.vision
sample Photo { image: image(rgb) }
policy train on Photo {
  random_resized_crop(size: [96, 128], interp: bicubic)
  vflip() @p(0.5)
  hflip() @p(0.5)
  color_jitter(brightness: 0.8, contrast: 0.8, saturation: 0.8, hue: 0.5)
}
policy jitter_only on Photo {
  contrast(factor: uniform(0.2, 1.8))
  hue(shift: uniform(-0.5, 0.5))
}
