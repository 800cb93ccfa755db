// Band-limited resampling exactly as torchaudio 0.13's `F.resample` with its defaults (sinc_interpolation: a Hann
// window, lowpass_filter_width 6, rolloff 0.99, both rates reduced by their gcd): one polyphase kernel per output
// phase, applied as a strided convolution over the zero-padded input. `resample` and `speed` run it, and so does
// decoding a file whose rate is not the schema's.
#pragma once

#include <cstddef>
#include <cstdint>

#include "runtime/audio/signal.h"

namespace auger::rt::audio {

// ceil(len * to / from): the output length F.resample gives.
std::size_t resampled_length(std::size_t len, std::int64_t from, std::int64_t to);
// Every row of `s` resampled from `from` Hz to `to` Hz (positive integers); s.shape.rate is left to the caller.
void resample_rows(Signal& s, std::int64_t from, std::int64_t to);

}  // namespace auger::rt::audio
