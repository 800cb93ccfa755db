// Audio files through libsndfile (Debian's libsndfile1: WAV, FLAC, OGG/Vorbis and more), read as f32 for one
// `audio(rate, channels)` field: averaged to mono, or a mono file doubled to stereo, and resampled to the
// field's rate as `resample` does (docs/audio.md). A file auger cannot use is a std::runtime_error that says why.
#pragma once

#include <string>

#include "runtime/audio/signal.h"

namespace auger::rt::audio {

// The longest recording a sample may hold: a longer one is refused before its samples are read (docs/audio.md).
inline constexpr double kMaxSeconds = 3600;

struct FieldFormat {
  double rate = 16000;  // the schema's rate in Hz
  int channels = 1;     // 1 (mono) or 2 (stereo)
};

// Reads `path` for a field of `format`. Throws std::runtime_error for an unreadable, corrupt, truncated, empty,
// over-long or non-finite (NaN, infinity) recording.
Signal read_audio(const std::string& path, const FieldFormat& format);
// The same for an audio file's bytes in memory (a manifest's or a shard's member).
Signal decode_audio(const std::string& bytes, const FieldFormat& format);
// A waveform as FLAC bytes at its rate, 24-bit (FLAC holds integers: samples beyond [-1, 1] are clipped).
std::string encode_flac(const Signal& s);
// A waveform as 32-bit float WAV bytes at its rate, unclipped. Throws std::runtime_error for a spectrogram.
std::string encode_wav(const Signal& s);

}  // namespace auger::rt::audio
