# RUN: %auger check --format brief %s 2>&1 | count 0
# RUN: %auger explain %s | FileCheck %s
# Rule 8, accepted forms: token-changing text ops keep `tags` aligned (EDA included); `back_translate` on a
# sample without tags; time-axis ops (`speed`, `time_stretch`, `time_shift`, `time_warp`) rescale or shift
# `frames` fields.
import std.text
import std.audio

sample Ner {
  text: text(en)
  tags: tags(9)[]
}

sample Sentiment {
  text: text(en)
  label: class(2)
}

sample Speech {
  audio: audio(16kHz, mono)
  vad: frames(10ms)
}

# CHECK: ner: text: text(en), tags: tags(9)[]
policy ner on Ner {
  token_dropout(p: 0.1)
  random_swap(n: 1)
  random_insert(n: 1, tag: "O")
  eda(alpha: 0.1, n: 2)
}

# CHECK: sentiment: text: text(en), label: class(2)
policy sentiment on Sentiment {
  back_translate(via: "de") @p(0.5)
  eda()
}

# CHECK: speech: audio: spectrogram(80)[?,80], vad: frames(10ms)
policy speech on Speech {
  speed(factor: choice(0.9, 1.0, 1.1))
  time_stretch(rate: uniform(0.9, 1.1))
  time_shift(max: 100ms)
  melspec(n_mels: 80)
  time_warp(W: 40)
  spec_augment(policy: LD)
}
