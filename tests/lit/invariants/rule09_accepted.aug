# RUN: %auger check --format brief %s 2>&1 | count 0
# RUN: %auger explain %s | FileCheck %s
# Rule 9, accepted forms: waveform ops before `melspec`, spectrogram ops after it; u8 colour ops before
# `to_float`, float ops after it; ops applied to the field of their kind in a mixed sample.
import std.audio
import std.vision

sample Speech {
  audio: audio(16kHz, mono)
  align: frames(10ms)
}

sample Photo {
  image: image(rgb)
  label: class(10)
}

sample Video {
  image: image(rgb)
  audio: audio(16kHz, mono)
  caption: text(en)
}

# CHECK: speech: audio: spectrogram(80)[?,80], align: frames(10ms)
policy speech on Speech {
  gain(db: uniform(-6dB, 6dB))
  add_noise(snr: uniform(10dB, 30dB)) @p(0.5)
  melspec(n_mels: 80, log: true)
  spec_augment(policy: LD)
  time_mask(T: 20)
}

# CHECK: photo: image: image(rgb, f32)[3,32,32], label: class(10)
policy photo on Photo {
  random_crop(32, padding: 4)
  rand_augment(n: 2, magnitude: 9)
  color_jitter(brightness: 0.4, contrast: 0.4)
  to_float()
  gaussian_noise(std: 0.01)
  normalize(mean: cifar10_mean, std: cifar10_std)
}

# CHECK: video: image: image(rgb)[112,112,3], audio: spectrogram(64)[?,64], caption: text(en)
policy video on Video {
  center_crop(112)
  brightness(factor: 1.1)
  time_shift(max: 50ms)
  melspec(n_mels: 64)
  char_noise(p: 0.02)
}
