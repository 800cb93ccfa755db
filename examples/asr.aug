# asr.aug — speech recognition (LibriSpeech-style, 16 kHz English)
#
# Schema: a mono 16 kHz waveform, its transcript, and optionally a frame-level
# alignment at a 10 ms frame rate (e.g. forced-alignment phone ids for a hybrid
# or CTC-auxiliary loss). `?` makes the alignment optional: samples without one
# are still valid.
#
# Ops that change the time axis (speed) rescale the alignment automatically
# (language.md §7 rule 8), so it stays in step with the audio. None of the ops
# here changes the words, so the transcript is untouched.
#
# Order matters: waveform ops first, then `melspec` turns `audio` into a
# `spectrogram(80)`, then SpecAugment works on the spectrogram. A spectrogram op
# before `melspec` is a modality error (rule 9).

import std.audio                       # spec_augment

sample Utterance {
  audio: audio(16kHz, mono)
  transcript: text(en)
  alignment: frames(10ms)?
}

policy train(snr_low: gain in [0dB, 30dB] = 10dB) on Utterance {
  # Kaldi/Lhotse 3-way speed perturbation: 0.9×, 1.0× or 1.1× (tempo and pitch).
  perturb: speed(factor: choice(0.9, 1.0, 1.1))
  # Loudness variation, ±6 dB.
  gain(db: uniform(-6dB, 6dB)) @p(0.5)
  # Additive noise at a random SNR. (For real noise recordings, use
  # add_background(dir: "musan/noise", snr: …) instead.)
  noise: add_noise(snr: uniform(snr_low, 40dB), color: pink) @p(0.3)
  # 80-band log-mel features: 25 ms windows every 10 ms — the same 10 ms frame
  # rate as the alignment.
  melspec(n_mels: 80, win: 25ms, hop: 10ms, n_fft: 512, log: true)
  # SpecAugment's LibriSpeech "double" policy: time warp, 2 frequency masks
  # (F = 27) and 2 time masks (T = 100, p = 1.0).
  spec_augment(policy: LD)
}

# Evaluation: the same features, nothing random.
policy eval on Utterance deterministic {
  melspec(n_mels: 80, win: 25ms, hop: 10ms, n_fft: 512, log: true)
}
