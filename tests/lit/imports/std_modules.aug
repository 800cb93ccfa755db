# RUN: %auger check %s 2>&1 | FileCheck %s --allow-empty --check-prefix=OK
# The stdlib modules bring their transforms and constants into scope; the prelude ops need no import.
# OK-NOT: {{error|warning}}

import std.vision
import std.audio
import std.text

sample Photo {
  image: image(rgb)
}

sample Speech {
  audio: audio(16kHz, mono)
}

sample Review {
  text: text(en)
  label: class(2)
}

policy photo on Photo {
  rand_augment(n: 2, magnitude: 9)
  to_float()
  normalize(mean: imagenet_mean, std: imagenet_std)
}

policy speech on Speech {
  melspec(n_mels: 80)
  spec_augment(policy: LD)
}

policy review on Review {
  eda(alpha: 0.1)
}
