# RUN: %auger explain %s --policy mix_sometimes --emit schema | FileCheck %s --check-prefix=MIX
# RUN: %auger explain %s --policy mel_sometimes --emit schema | FileCheck %s --check-prefix=MEL
# A kind change that runs on some draws only. mixup under @p: the batch's label is still soft(N) (an unmixed
# hard label is a one-hot soft one; timm's `mixup_prob`), not class(N). melspec under @p: the field is audio on
# some draws and a spectrogram on others, and the schema says so instead of claiming plain audio.

sample Photo {
  image: image(rgb)
  label: class(10)
}

sample Speech {
  audio: audio(16kHz, mono)
}

# MIX: mix_sometimes: image: image(rgb, f32)[3,32,32], label: soft(10)
policy mix_sometimes(mix_prob: float in [0, 1] = 0.8) on Photo {
  resize(size: [32, 32])
  to_float()
  batch { mixup(alpha: 0.2) @p(mix_prob) }
}

# MEL: mel_sometimes: audio: audio(16kHz, mono) or spectrogram(64)[?,64]
policy mel_sometimes on Speech {
  melspec(n_mels: 64) @p(0.5)
}
