// The audio side of a worker's sample (engine/sample_runner): audio fields decoded from a stored sample's files
// (a manifest's paths, a shard's .flac/.wav members) at the schema's rate and channels, and the trace's audio ops
// run on them with the frame labels following.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "compiler/ir/ir.h"
#include "compiler/sampling/policy_sampler.h"
#include "compiler/sema/schema.h"
#include "runtime/audio/audio_file.h"
#include "runtime/audio/signal.h"
#include "runtime/io/source.h"
#include "runtime/ops/trace.h"

namespace auger::engine {

// Decodes every audio field of `s` into `audio` and records its shape in ctx.audio (the sampler resolves the ops
// from it). A field's file is the blob named after it, else, for the schema's only audio field, an "audio",
// "flac", "wav" or "ogg" one. Throws std::runtime_error naming the field for a missing or unusable file.
void gather_audio(const rt::io::StoredSample& s, const ir::Function& fn, const SchemaInfo& schema,
                  sampling::SampleContext& ctx, std::map<std::string, rt::audio::Signal>& audio);

// How audio field `field` of `schema` is decoded: its rate and channel count.
rt::audio::FieldFormat audio_format(const std::string& field, const SchemaInfo& schema);

// Runs the trace's audio ops on `audio`; `fields` (the sample's other fields) has its frames fields moved. With
// `leave_level`, a gain and a time shift may stay pending for the caller's copy out (rt::audio::run_audio).
void augment_audio(const rt::Trace& trace, const SchemaInfo& schema, std::map<std::string, rt::audio::Signal>& audio,
                   nlohmann::ordered_json& fields, bool leave_level = false);

}  // namespace auger::engine
