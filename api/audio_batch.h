// The audio fields of a Loader batch: each sample's waveform or spectrogram padded with zeros at the end to the
// batch's longest, as one float32 tensor — [B, T] for a mono waveform, [B, 2, T] for stereo, [B, n_mels, frames]
// for a spectrogram — with the true lengths (samples or frames) as an int64 column FIELD_lengths, [B].
#pragma once

#include <string>
#include <vector>

#include "api/auger.h"
#include "runtime/audio/signal.h"

namespace auger::detail {

// Collates `rows` (one per sample; an empty Signal where a sample has none: length 0) into b.tensors[field] and
// b.classes[field + "_lengths"]. The signals are consumed.
void collate_audio(const std::string& field, std::vector<rt::audio::Signal>& rows, Batch& b);

}  // namespace auger::detail
