# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s --implicit-check-not='error[' --implicit-check-not='warning['
# RUN: not %auger check --format text %s 2>&1 | FileCheck %s --check-prefix=TEXT --strict-whitespace
# Rule 9 (E0711): modality mismatches, at the op's name: an op on a sample without a field of its kind (note
# at the sample); a spectrogram op before `melspec`, an audio op after it, a u8 colour op after `to_float`,
# a float op before it (notes at the statement that changed the field, if any, and at the field).
# A rejected op changes nothing: after `freq_mask` on audio, `melspec` is still accepted.
#
#
#
sample Speech {
  audio: audio(16kHz, mono)
}

sample Photo {
  image: image(rgb)
  label: class(10)
}

policy speech on Speech {
  # CHECK: rule09_modality.aug:[[@LINE+14]]:3: error[E0711]: `hflip` works on image fields, but sample `Speech` has none
  # CHECK-NEXT: rule09_modality.aug:10:8: note: the sample is declared here
  # TEXT: {{^}}error[E0711]: `hflip` works on image fields, but sample `Speech` has none{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}rule09_modality.aug:[[@LINE+11]]:3{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}[[@LINE+9]] |   hflip() @p(0.5){{$}}
  # TEXT-NEXT: {{^}}   |   ^^^^^{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}note: the sample is declared here{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}rule09_modality.aug:10:8{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}10 | sample Speech {{[{]$}}
  # TEXT-NEXT: {{^}}   |        ^^^^^^{{$}}
  # TEXT-EMPTY:
  hflip() @p(0.5)
  # CHECK: rule09_modality.aug:[[@LINE+14]]:3: error[E0711]: `freq_mask` works on spectrogram, but `audio` is still audio here; add `melspec()` before it
  # CHECK-NEXT: rule09_modality.aug:11:3: note: the field is declared here
  # TEXT: {{^}}error[E0711]: `freq_mask` works on spectrogram, but `audio` is still audio here; add `melspec()` before it{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}rule09_modality.aug:[[@LINE+11]]:3{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}[[@LINE+9]] |   freq_mask(F: 27){{$}}
  # TEXT-NEXT: {{^}}   |   ^^^^^^^^^{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}note: the field is declared here{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}rule09_modality.aug:11:3{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}11 |   audio: audio(16kHz, mono){{$}}
  # TEXT-NEXT: {{^}}   |   ^^^^^^^^^^^^^^^^^^^^^^^^^{{$}}
  # TEXT-EMPTY:
  freq_mask(F: 27)
  gain(db: uniform(-6dB, 6dB))
  melspec(n_mels: 64)
  freq_mask(F: 27)
  # CHECK: rule09_modality.aug:[[@LINE+3]]:3: error[E0711]: `add_noise` works on audio, but `audio` is already a spectrogram here
  # CHECK-NEXT: rule09_modality.aug:[[@LINE-3]]:3: note: it changed here
  # CHECK-NEXT: rule09_modality.aug:11:3: note: the field is declared here
  add_noise(snr: 20dB)
  # CHECK: rule09_modality.aug:[[@LINE+2]]:3: error[E0711]: `token_dropout` works on text fields, but sample `Speech` has none
  # CHECK-NEXT: rule09_modality.aug:10:8: note: the sample is declared here
  token_dropout(p: 0.1)
}

policy colour_after_float on Photo {
  random_resized_crop(224)
  to_float()
  # CHECK: rule09_modality.aug:[[@LINE+20]]:3: error[E0711]: `brightness` works on image(u8), but `image` is image(rgb, f32) here
  # CHECK-NEXT: rule09_modality.aug:[[@LINE-2]]:3: note: it changed here
  # CHECK-NEXT: rule09_modality.aug:15:3: note: the field is declared here
  # TEXT: {{^}}error[E0711]: `brightness` works on image(u8), but `image` is image(rgb, f32) here{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}rule09_modality.aug:[[@LINE+16]]:3{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}[[@LINE+14]] |   brightness(factor: 1.2){{$}}
  # TEXT-NEXT: {{^}}   |   ^^^^^^^^^^{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}note: it changed here{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}rule09_modality.aug:[[@LINE-11]]:3{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}[[@LINE-13]] |   to_float(){{$}}
  # TEXT-NEXT: {{^}}   |   ^^^^^^^^^^{{$}}
  # TEXT-NEXT: {{^}}note: the field is declared here{{$}}
  # TEXT-NEXT: {{^}}  --> {{.*}}rule09_modality.aug:15:3{{$}}
  # TEXT-NEXT: {{^}}   |{{$}}
  # TEXT-NEXT: {{^}}15 |   image: image(rgb){{$}}
  # TEXT-NEXT: {{^}}   |   ^^^^^^^^^^^^^^^^^{{$}}
  # TEXT-EMPTY:
  brightness(factor: 1.2)
  # A second `to_float` finds a float image.
  # CHECK: rule09_modality.aug:[[@LINE+2]]:3: error[E0711]: `to_float` works on image(u8), but `image` is image(rgb, f32) here
  # CHECK-NEXT: rule09_modality.aug:[[@LINE-24]]:3: note: it changed here
  to_float()
}

policy float_before_to_float on Photo {
  # CHECK: rule09_modality.aug:[[@LINE+2]]:3: error[E0711]: `normalize` works on image(f32), but `image` is image(rgb, u8) here
  # CHECK-NEXT: rule09_modality.aug:15:3: note: the field is declared here
  normalize(mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5])
  # The rejected `normalize` did not make the image float: `to_float` is accepted.
  to_float()
  # CHECK: rule09_modality.aug:[[@LINE+2]]:3: error[E0711]: `time_mask` works on spectrogram fields, but sample `Photo` has none
  # CHECK-NEXT: rule09_modality.aug:14:8: note: the sample is declared here
  time_mask(T: 10)
}
# TEXT: {{^}}8 errors generated.{{$}}
