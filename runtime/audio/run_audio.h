// The audio part of the reference path: runs a sample's audio and spectrogram ops, in trace order, on its audio
// fields. Image ops are the image executors' (engine/run_path).
#pragma once

#include <map>
#include <string>

#include "runtime/audio/frame_labels.h"
#include "runtime/audio/signal.h"
#include "runtime/ops/trace.h"

namespace auger::rt::audio {

// Applies every audio op of `trace` to each of its targets present in `fields`, moving `frames`' labels with the ops
// on their audio field. Throws std::runtime_error for an audio op without an implementation or a malformed label.
// With `leave_level`, a gain and a time shift may be left in Signal::pending for the caller's copy out
// (pending_level.h: copy_row_settled); without, nothing is pending when it returns.
void run_audio(const Trace& trace, std::map<std::string, Signal>& fields, const FrameLabels& frames = {},
               bool leave_level = false);

}  // namespace auger::rt::audio
