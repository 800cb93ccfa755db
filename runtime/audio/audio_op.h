// One audio or spectrogram op of ops.md §5 as the runtime sees it, the audio counterpart of rt::ImageOp: how it
// resolves its own randomness and its output shape from the concrete arguments and the input's shape (the sampler
// calls it before anything is decoded), and its reference implementation (torchaudio 0.13 or the formula in
// stdlib/std/prims_audio.aug).
#pragma once

#include <string_view>
#include <vector>

#include "runtime/audio/signal.h"
#include "runtime/ops/args.h"
#include "runtime/ops/op_id.h"
#include "runtime/random/draw_stream.h"

namespace auger::rt::audio {

struct AudioOp {
  OpId id;
  // Draws the op's own random values into `args` (from rt::kOpDrawBase on, as image ops do) and returns the output
  // shape. Throws std::runtime_error when the op cannot run on `in` (a spectrogram op on a waveform, too short).
  AudioShape (*resolve)(Args& args, const AudioShape& in, const rng::DrawStream& draws) = nullptr;
  // Applies the op with resolved arguments to `s` (replaced by the result).
  void (*apply)(const Args& args, Signal& s) = nullptr;
  // Records the op in s.pending instead of applying it (runtime/audio/pending_level.h), when it can; returns
  // whether it did. Only gain and time_shift have one.
  bool (*defer)(const Args& args, Signal& s) = nullptr;
};

// Every audio op with a reference implementation (the family files under runtime/audio/ops/), joined into the op
// records by id.
const std::vector<AudioOp>& audio_ops();
// The audio op named `name` when it has a reference implementation, else nullptr.
const AudioOp* find_audio_op(std::string_view name);

}  // namespace auger::rt::audio
