# std/prims_audio.aug — the audio and spectrogram primitives of the prelude (ops.md §5).
#
# Waveform ops work on `audio(rate, channels)` fields (f32 PCM); `melspec` turns one into a
# `spectrogram(n_mels)` (time x frequency, f32); the masking and warping ops work on spectrograms.
# References: torchaudio 0.13 (Debian 12) unless the doc gives a formula. `rate` below is the field's
# declared sample rate. Ops that draw internally (add_noise, add_background, time_shift, time_mask,
# freq_mask, time_warp) draw from the statement site's counter-based stream (language.md §6).
# Effects: `frames: rescale` / `frames: shift` keep frame-aligned label fields on the time axis (rule 8);
# `shape: dynamic` marks ops whose output length depends on the input beyond "same as input".
# Cost keys: `per_sample` counts waveform samples; for spectrogram ops one "sample" is one time-frequency bin.
# Domains that ops.md leaves open are chosen here and listed in docs/stdlib-notes.md.

op gain(db: gain in [-60dB, 30dB])
  : audio -> audio
  effects { frames: keep  shape: keep }
  cost { per_sample: 1 }
  doc "Scale the waveform: out = x * 10^(db / 20) (formula; no clipping, the samples are f32)."

op add_noise(snr: gain in [-10dB, 60dB], color: white | pink | brown = white)
  : audio -> audio
  effects { random: draws frames: keep  shape: keep }
  cost { per_sample: 12 }
  doc "Add synthetic noise at a signal-to-noise ratio (formula): n is drawn per sample with the signal's length and channel count: `white` = i.i.d. N(0, 1); `pink` / `brown` = i.i.d. N(0, 1) values w filtered per channel, in time order, from rest: channel c filters values [c (W + L), (c + 1) (W + L)) (L the signal's length) and keeps the last L outputs, the first W only warming the filter up (W = 4096 for pink, 8192 for brown). Pink is Paul Kellet's refined pinking filter (within 0.05 dB of -3 dB/octave above ~3.3 Hz at 16 kHz, 9.2 Hz at 44.1 kHz): b_i[t] = a_i b_i[t-1] + g_i w[t] for (a_i, g_i) = (0.99886, 0.0555179), (0.99332, 0.0750759), (0.96900, 0.1538520), (0.86650, 0.3104856), (0.55000, 0.5329522), (-0.7616, -0.0168980), n[t] = sum of the b_i[t] + 0.5362 w[t] + 0.115926 w[t-1]; brown is leaky integration, n[t] = 0.9996 n[t-1] + w[t] (-6 dB/octave from ~3 Hz at 16 kHz up, a random walk's spectrum near Nyquist). With rms(v) = sqrt(mean(v^2)) over all samples and channels, out = x + n * rms(x) / (rms(n) * 10^(snr / 20)). A silent input (rms(x) = 0) is returned unchanged."

op add_background(dir: string, snr: gain in [-10dB, 60dB])
  : audio -> audio
  effects { random: draws frames: keep  shape: keep }
  cost { per_sample: 4 }
  doc "Mix in a random background recording (formula, MUSAN-style): the audio files (.wav, .flac) under `dir`, searched recursively and sorted by path when the policy is bound, are the choices; one is drawn uniformly, decoded, averaged to mono and resampled to the field's rate (as `resample`) if needed, then tiled (looped from its start) until it is at least as long as x and cut at offset randint(0, len(b) - len(x)) to x's length, giving b. out = x + b * rms(x) / (rms(b) * 10^(snr / 20)) (rms as in `add_noise`; unchanged when x or b is silent). An empty or unreadable `dir` is a bind-time error."

op time_shift(max: duration in [0ms, 60s], mode: roll | zero = roll)
  : audio -> audio
  effects { random: draws frames: shift  shape: keep }
  cost { per_sample: 1 }
  doc "Shift the waveform in time (formula): m = round(max * rate) samples, s = randint(-m, m); the content moves s samples later (earlier when negative). `roll` rotates it circularly (samples pushed off one end re-enter at the other); `zero` fills the vacated samples with 0 and discards what is pushed off. Frame-aligned label fields move by round(s / (rate * frame duration)) frames the same way (rolled, or vacated frames taking the label 0)."

op speed(factor: float in [0.5, 2])
  : audio -> audio
  effects { frames: rescale  shape: dynamic }
  cost { per_sample: 30 }
  doc "Speed perturbation, changing tempo and pitch (Kaldi/Lhotse; sox `speed`; torchaudio `Speed` / `F.speed`): with src = int(factor * rate) and dst = rate reduced by their gcd, out = resample(x, src, dst) (torchaudio `F.resample`, sinc_interpolation, lowpass_filter_width 6, rolloff 0.99), so the output has ceil(len * dst / src) samples at the field's rate and plays factor times faster. Frame-aligned label fields are rescaled by 1 / factor (nearest frame)."

op pitch_shift(semitones: float in [-12, 12])
  : audio -> audio
  effects { frames: keep  shape: keep }
  cost { per_sample: 60 }
  doc "Shift the pitch, keeping the duration (torchaudio 0.13 `F.pitch_shift(x, rate, n_steps=semitones, bins_per_octave=12, n_fft=512, hop_length=128, win_length=512, hann window)`): r = 2^(-semitones / 12); STFT, `F.phase_vocoder` with rate r, inverse STFT to int(round(len / r)) samples, resample from int(rate / r) to rate, then cut or zero-pad to the input length. Conformance is the output length and pitch, not bit-exactness (ops.md §5)."

op time_stretch(rate: float in [0.5, 2])
  : audio -> audio
  effects { frames: rescale  shape: dynamic }
  cost { per_sample: 50 }
  doc "Change the tempo, keeping the pitch (formula): STFT with n_fft 512, hop 128, periodic Hann window of 512, center=True, reflect padding; torchaudio 0.13 `F.phase_vocoder(spec, rate, phase_advance = linspace(0, pi * 128, 257))`; inverse STFT with the same window to length round(len / rate). rate > 1 speeds up (shorter output). Frame-aligned label fields are rescaled by 1 / rate (nearest frame)."

op resample(rate: frequency in [1kHz, 192kHz])
  : audio -> audio
  effects { frames: keep  shape: dynamic }
  cost { per_sample: 30 }
  doc "Band-limited resampling to `rate` (torchaudio 0.13 `F.resample(x, orig_freq=field rate, new_freq=rate)`, sinc_interpolation with a Hann window, lowpass_filter_width 6, rolloff 0.99, both rates reduced by their gcd); the output has ceil(len * rate / field rate) samples and the field's rate becomes `rate`. The duration is unchanged, so frame-aligned labels are kept."

op melspec(n_mels: int in 1..512 = 80, win: duration in [1ms, 1s] = 25ms, hop: duration in [1ms, 1s] = 10ms,
           n_fft: int in 16..16384 = 512, log: bool = false)
  : audio -> spectrogram
  effects { frames: keep  shape: dynamic }
  cost { per_sample: 40 }
  doc "Mel spectrogram (torchaudio 0.13 `MelSpectrogram(sample_rate=field rate, n_fft, win_length=round(win * rate), hop_length=round(hop * rate), f_min=0, f_max=rate / 2, pad=0, n_mels, window_fn=hann_window (periodic), power=2, normalized=False, center=True, pad_mode='reflect', onesided=True, norm=None, mel_scale='htk')`), multi-channel audio averaged to mono first, transposed to time x frequency: the result has 1 + len // hop_samples frames of `n_mels` bins. With `log: true` each bin becomes ln(v + 1e-6). Requires round(win * rate) <= n_fft. The field becomes `spectrogram(n_mels)`."

op time_mask(T: int in 0..10000, count: int in 0..32 = 1, max_ratio: float in [0, 1] = 1.0, value: float = 0)
  : spectrogram -> spectrogram
  effects { random: draws frames: keep  shape: keep }
  cost { per_bin: 1 }
  doc "SpecAugment time masking, `count` independent masks (torchaudio 0.13 `TimeMasking(time_mask_param=T, iid_masks=False, p=max_ratio)` applied `count` times, i.e. `F.mask_along_axis` on the time axis): with L time steps, T' = T when max_ratio = 1, else min(T, int(L * max_ratio)); if T' < 1 nothing is masked; width v = u1 * T', start s = u2 * (L - v) with u1, u2 ~ uniform(0, 1); time steps [int(s), int(s) + int(v)) take `value` (int truncates toward zero; the range is clamped to [0, L) as torchaudio's `(arange >= start) & (arange < end)` clamps it: a T' past L makes s negative and the mask start at 0; \"params\" records the clamped [start, end)). Masks may overlap."

op freq_mask(F: int in 0..512, count: int in 0..32 = 1, value: float = 0)
  : spectrogram -> spectrogram
  effects { random: draws frames: keep  shape: keep }
  cost { per_bin: 1 }
  doc "SpecAugment frequency masking, `count` independent masks (torchaudio 0.13 `FrequencyMasking(freq_mask_param=F, iid_masks=False)` applied `count` times): with n bins, width v = u1 * F, start s = u2 * (n - v), u1, u2 ~ uniform(0, 1); bins [int(s), int(s) + int(v)) take `value`, clamped to [0, n) as in `time_mask` (an F past n makes s negative). Masks may overlap."

op time_warp(W: int in 0..1000)
  : spectrogram -> spectrogram
  effects { random: draws frames: rescale  shape: keep }
  cost { per_bin: 4 }
  doc "SpecAugment time warping (Park et al. 2019, §2; the ESPnet formula): with L time steps, nothing happens when L <= 2 W or W = 0; otherwise centre c = randint(W, L - W - 1) and target t = randint(c - W + 1, c + W) (inclusive bounds); frames [0, c) are resampled to t frames and frames [c, L) to L - t frames, each by linear interpolation along time with half-pixel centres (align_corners=False), the frequency axis untouched; the output keeps L frames. Frame-aligned label fields are warped with the same piecewise-linear map (nearest frame)."
