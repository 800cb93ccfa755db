// The audio ops' element-wise kernels as Halide pipelines, compiled ahead of time at build time (kernelgen/) into
// the runtime like the image kernels, and compiled at run time only where the build's target is not this host's.
// Only this file's users include Halide.h; the ops call runtime/audio/kernels/audio_kernels.h.
#pragma once

#include <string>
#include <vector>

#include "Halide.h"

namespace auger::rt::audio::kernels {

// White noise: out(j, k), j in [0, 4), is N(0, 1) sample 4k + j of a Philox stream — block k (counter {k, 0, hash0,
// hash1}, key {key0, key1}) — by Box–Muller in float on its four words: u1 = (w[2p] >> 8 + 1) / 2^24 in (0, 1],
// u2 = w[2p + 1] / 2^32, r = sqrt(-2 ln u1), samples 2p and 2p + 1 = r cos(2 pi u2), r sin(2 pi u2); ln is
// Halide's vectorisable approximation, cos and sin polynomials after one shared range reduction (Box–Muller's
// inputs need no more: ~1e-5 absolute).
struct WhiteNoise {
  Halide::Param<uint32_t> key0{"key0"}, key1{"key1"}, hash0{"hash0"}, hash1{"hash1"};
  Halide::Func out{"white_noise"};
  WhiteNoise();
  [[nodiscard]] std::vector<Halide::Argument> arguments() const { return {key0, key1, hash0, hash1}; }
};

// Sum of squares of a 1-D f32 buffer in 16 f64 lanes: out(l) = sum over r < n / 16 of x(16 r + l)^2 (the caller
// adds the lanes and the tail).
struct SumSquares {
  Halide::ImageParam in{Halide::Float(32), 1, "in"};
  Halide::Func out{"sum_squares"};
  SumSquares();
  [[nodiscard]] std::vector<Halide::Argument> arguments() const { return {in}; }
};

// out(i) = x(i) + f32(k * noise(i)) with k in f64: add_noise's and add_background's mix at the SNR's scale.
struct Mix {
  Halide::ImageParam x{Halide::Float(32), 1, "x"}, noise{Halide::Float(32), 1, "noise"};
  Halide::Param<double> k{"k"};
  Halide::Func out{"mix"};
  Mix();
  [[nodiscard]] std::vector<Halide::Argument> arguments() const { return {x, noise, k}; }
};

// out(i) = x(i) * k in f32: gain.
struct Scale {
  Halide::ImageParam x{Halide::Float(32), 1, "x"};
  Halide::Param<float> k{"k"};
  Halide::Func out{"scale"};
  Scale();
  [[nodiscard]] std::vector<Halide::Argument> arguments() const { return {x, k}; }
};

// Coloured noise (runtime/audio/coloured_noise.cpp): a bank of first-order recurrences s_i[t] = a_i s_i[t-1] +
// c_i x[t] (up to 8) plus the sum y[t] = sum_i s_i[t] + d x[t] + e x[t-1], run 16 samples (one block) at a time so
// that the only serial step is one multiply-add per block and state. IirStates: the states at the start of each
// block, out(i, 0) = 0 and out(i, b + 1) = a(i) out(i, b) + sum over j < 16 of w(i, j) x(16 b + j), where a(i) is
// a_i^16 and w(i, j) = c_i a_i^(15 - j) (rows past the bank's states are zero); b covers out's extent.
struct IirStates {
  Halide::ImageParam x{Halide::Float(32), 1, "x"}, w{Halide::Float(32), 2, "w"}, a{Halide::Float(32), 1, "a"};
  Halide::Func out{"iir_states"};
  IirStates();
  [[nodiscard]] std::vector<Halide::Argument> arguments() const { return {x, w, a}; }
};

// IirOutput: y of block b from its samples and its starting states, out(j, b) = sum over r in [-1, 16) of
// m(j, r + 1) x(16 b + r) + sum over i < 8 of p(j, i) states(i, b), with p(j, i) = a_i^(j + 1) and m the
// recurrences' and d's and e's weights (x is read from 16 b - 1, so its buffer starts one sample early).
struct IirOutput {
  Halide::ImageParam x{Halide::Float(32), 1, "x"}, m{Halide::Float(32), 2, "m"}, p{Halide::Float(32), 2, "p"};
  Halide::ImageParam states{Halide::Float(32), 2, "states"};
  Halide::Func out{"iir_output"};
  IirOutput();
  [[nodiscard]] std::vector<Halide::Argument> arguments() const { return {x, m, p, states}; }
};

// melspec's mel filter bank (and log) over power spectra laid out 16 frames at a time: power(l, k, b) is bin k of
// frame 16 b + l (bins padded with zeros past n_fft / 2 so that every filter's row of weights fits), weights(r, m)
// filter m's weight of bin first(m) + r (zero-padded to the widest filter). out(t, m) = the filter's sum over r,
// or ln(sum + 1e-6) (Halide's fast log: ~1e-5 absolute) when take_log; t covers whole blocks of 16 frames.
struct MelBank {
  Halide::ImageParam power{Halide::Float(32), 3, "power"}, weights{Halide::Float(32), 2, "weights"};
  Halide::ImageParam first{Halide::Int(32), 1, "first"};
  Halide::Param<int> take_log{"take_log"};
  Halide::Func out{"mel_bank"};
  MelBank();
  [[nodiscard]] std::vector<Halide::Argument> arguments() const { return {power, weights, first, take_log}; }
};

// The phase vocoder's per-bin work (runtime/audio/phase_vocoder.cpp), one frame per call over its bins b:
// Polar: an STFT frame's complex bins (re, im) = bins(0, b), bins(1, b) -> magnitude and unit phasor, computed in
// f32 and given as f64 (1 + 0i for a zero bin, or one whose square underflows f32). Tuple outputs: mag, re, im.
struct Polar {
  Halide::ImageParam bins{Halide::Float(32), 2, "bins"};
  Halide::Func out{"polar"};
  Polar();
  [[nodiscard]] std::vector<Halide::Argument> arguments() const { return {bins}; }
};

// Vocode: output frame bins(c, b) = m * acc with m = a * mag1 + (1 - a) * mag0 (f32 of the f64 sum), then the
// accumulated phasor stepped: next = acc * p1 * conj(p0) (f64). Outputs: bins (c = 0 re, 1 im) and next (Tuple re,
// im), into buffers other than acc's.
struct Vocode {
  Halide::ImageParam mag0{Halide::Float(32), 1, "mag0"}, mag1{Halide::Float(32), 1, "mag1"};
  Halide::ImageParam re0{Halide::Float(32), 1, "re0"}, im0{Halide::Float(32), 1, "im0"};
  Halide::ImageParam re1{Halide::Float(32), 1, "re1"}, im1{Halide::Float(32), 1, "im1"};
  Halide::ImageParam acc_re{Halide::Float(32), 1, "acc_re"}, acc_im{Halide::Float(32), 1, "acc_im"};
  Halide::Param<double> a{"a"};
  Halide::Func bins{"vocoded"}, next{"next_phase"};
  Vocode();
  [[nodiscard]] std::vector<Halide::Argument> arguments() const {
    return {mag0, mag1, re0, im0, re1, im1, acc_re, acc_im, a};
  }
};

// The target the kernels are compiled for (the image kernels' kernel_target()).
Halide::Target audio_kernel_target();

}  // namespace auger::rt::audio::kernels
