# bench/audio.py's policies: 16 kHz mono utterances (bench/audio.py builds them from real speech).
import std.audio

sample Utt {
  audio: audio(16kHz, mono)
}

# The issue's feature pipeline: Kaldi/Lhotse speed perturbation, noise, log-mel, SpecAugment LD.
policy features on Utt {
  speed(factor: choice(0.9, 1.0, 1.1))
  add_noise(snr: uniform(10dB, 30dB))
  melspec(n_mels: 80, win: 25ms, hop: 10ms, n_fft: 512, log: true)
  spec_augment(policy: LD)
}

# Decoding alone (the cheapest op): subtracted from the others for their augment-only time.
policy decode on Utt deterministic { gain(db: 0dB) }

# The waveform ops one at a time, against audiomentations' equivalents.
policy w_gain on Utt { gain(db: uniform(-6dB, 6dB)) }
policy w_noise_white on Utt { add_noise(snr: uniform(10dB, 30dB)) }
policy w_noise_pink on Utt { add_noise(snr: uniform(10dB, 30dB), color: pink) }
policy w_shift on Utt { time_shift(max: 500ms) }
policy w_stretch on Utt { time_stretch(rate: uniform(0.8, 1.25)) }
policy w_pitch on Utt { pitch_shift(semitones: uniform(-4, 4)) }
policy w_chain on Utt {
  gain(db: uniform(-6dB, 6dB))
  add_noise(snr: uniform(10dB, 30dB))
  time_shift(max: 500ms)
}
