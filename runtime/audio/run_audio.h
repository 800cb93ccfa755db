// The audio part of the reference path: runs a sample's audio and spectrogram ops, in trace order, on its audio
// fields. Image ops are the image executors' (engine/run_path).
#pragma once

#include <map>
#include <string>

#include "runtime/audio/signal.h"
#include "runtime/ops/trace.h"

namespace auger::rt::audio {

// Applies every audio op of `trace` to each of its targets present in `fields`. Throws std::runtime_error for an
// audio op without an implementation.
void run_audio(const Trace& trace, std::map<std::string, Signal>& fields);

}  // namespace auger::rt::audio
