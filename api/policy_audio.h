// Policy::apply's audio fields (api/policy.cpp): checked against the schema before the sampler runs, augmented
// after the images.
#pragma once

#include <map>
#include <string>

#include "compiler/ir/ir.h"
#include "compiler/sampling/policy_sampler.h"
#include "compiler/sema/schema.h"
#include "engine/sample_io.h"
#include "runtime/audio/signal.h"

namespace auger::detail {

// Each of `audio` is an audio field of `fn` with the field's channel count, at least one sample and only finite
// values; its shape (at the field's rate) goes to the sampler's context and `present`. Throws auger::Error.
void bind_audio(const std::map<std::string, rt::audio::Signal>& audio, const ir::Function& fn, const SchemaInfo& schema,
                sampling::SampleContext& ctx, engine::LoadedSample& present);

}  // namespace auger::detail
