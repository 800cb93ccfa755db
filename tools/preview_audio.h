// `auger preview` of an audio policy (docs/audio.md "Preview"): a PNG with one block per sample — the log-mel
// spectrogram of its result (optionally under its input's), SpecAugment's masks marked at their recorded bounds,
// captioned with its key and the ops that ran with their draws — under the run's identity.
#pragma once

#include "compiler/sampling/policy_sampler.h"
#include "engine/policy_loader.h"
#include "runtime/io/source.h"
#include "tools/preview_options.h"

namespace auger::cli {

// Writes the picture to o.out; the exit code (kExitRunFailed when every sample failed or it cannot be written).
int preview_audio(const PreviewOpts& o, const engine::LoadedPolicy& lp, const sampling::PolicySampler& sampler,
                  const rt::io::Source& source);

}  // namespace auger::cli
