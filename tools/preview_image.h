// `auger preview` of an image policy: a PNG grid of augmented samples, each captioned with its key and class and
// with its boxes, keypoints and masks drawn on it.
#pragma once

#include "compiler/sampling/policy_sampler.h"
#include "engine/policy_loader.h"
#include "runtime/io/source.h"
#include "tools/preview_options.h"

namespace auger::cli {

// Writes the grid to o.out; the exit code (kExitRunFailed when every sample failed or the PNG cannot be written).
int preview_images(const PreviewOpts& o, const engine::LoadedPolicy& lp, const sampling::PolicySampler& sampler,
                   const rt::io::Source& source);

}  // namespace auger::cli
