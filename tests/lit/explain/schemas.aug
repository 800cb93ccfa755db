# RUN: %auger explain %s --policy train | FileCheck %s --check-prefix=TRAIN
# RUN: %auger explain %s --policy raw | FileCheck %s --check-prefix=RAW
# RUN: %auger explain %s --policy mixed | FileCheck %s --check-prefix=MIXED
# RUN: %auger explain %s --policy speech | FileCheck %s --check-prefix=SPEECH
# RUN: %auger explain %s | FileCheck %s --check-prefix=ALL
# RUN: %auger explain %s --policy train --emit schema | FileCheck %s --check-prefix=TRAIN
# `auger explain` prints each policy's output schema: static shapes where the policy fixes them, `?` where
# they depend on the input, and the kinds after the policy (to_float, mixup, melspec).

import std.vision

sample Photo {
  image: image(rgb)
  label: class(1000)
}

sample Speech {
  audio: audio(16kHz, mono)
  transcript: text(en)
}

# A static shape: the crop fixes 224×224; to_float makes it f32 CHW.
# TRAIN: train: image: image(rgb, f32)[3,224,224], label: class(1000)
# TRAIN-NOT: ?
policy train on Photo {
  random_resized_crop(size: 224)
  hflip() @p(0.5)
  to_float()
  normalize(mean: imagenet_mean, std: imagenet_std)
}

# No op fixes the size: the shape depends on the decoded input.
# RAW: raw: image: image(rgb)[?,?,3], label: class(1000)
policy raw on Photo {
  hflip() @p(0.5)
  brightness(factor: uniform(0.8, 1.2))
}

# mixup in the batch block turns the class label into a soft one.
# MIXED: mixed: image: image(rgb, f32)[3,224,224], label: soft(1000)
policy mixed on Photo {
  resize(size: [224, 224])
  to_float()
  batch { mixup(alpha: 0.2) }
}

# melspec turns audio into a spectrogram with n_mels bins; the time axis stays dynamic.
# SPEECH: speech: audio: spectrogram(80)[?,80], transcript: text(en)
policy speech on Speech {
  melspec(n_mels: 80)
}

# Without --policy, every policy, in file order.
# ALL: train: image: image(rgb, f32)[3,224,224], label: class(1000)
# ALL-NEXT: raw: image: image(rgb)[?,?,3], label: class(1000)
# ALL-NEXT: mixed: image: image(rgb, f32)[3,224,224], label: soft(1000)
# ALL-NEXT: speech: audio: spectrogram(80)[?,80], transcript: text(en)
