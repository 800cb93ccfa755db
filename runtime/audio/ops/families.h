// The audio ops' reference implementations, one file per family; runtime/audio/audio_ops.cpp joins them.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/audio/audio_op.h"

namespace auger::rt::audio {

std::vector<AudioOp> level_ops();       // gain, add_noise (level.cpp)
std::vector<AudioOp> time_ops();        // time_shift (time_shift.cpp)
std::vector<AudioOp> rate_ops();        // resample, speed (rate_ops.cpp)
std::vector<AudioOp> melspec_ops();     // melspec (melspec.cpp)
std::vector<AudioOp> background_ops();  // add_background (background_op.cpp)
std::vector<AudioOp> vocoder_ops();     // time_stretch, pitch_shift (vocoder_ops.cpp)
std::vector<AudioOp> specaug_ops();     // time_mask, freq_mask, time_warp (specaugment.cpp)

// A waveform op given a spectrogram (or the reverse): the compiler's rule 9 rejects it, this is the runtime's guard.
inline void require_wave(std::string_view op, const AudioShape& in, bool wave = true) {
  if (in.spectrogram == wave)
    throw std::runtime_error(std::string(op) + " runs on " + (wave ? "a waveform" : "a spectrogram") + ", not on " +
                             (wave ? "a spectrogram" : "a waveform"));
}

// The same shape: ops that keep it only check their input's kind.
inline AudioShape keep_wave(std::string_view op, const AudioShape& in) {
  require_wave(op, in);
  return in;
}

}  // namespace auger::rt::audio
