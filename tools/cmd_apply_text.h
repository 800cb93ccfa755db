// `auger apply` on a `.txt` input: one sample per line (docs/text.md "apply on .txt").
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "compiler/sampling/policy_sampler.h"
#include "engine/policy_loader.h"

namespace auger::cli {

struct TextFileRun {
  const engine::LoadedPolicy& lp;
  const sampling::PolicySampler& sampler;
  const nlohmann::ordered_json& identity;
  std::string out;
  std::uint64_t seed = 0, epoch = 0;
};

bool is_text_file(const std::string& input);

// Runs the policy on every line of `input` and writes DIR/NAME.txt (line i is line i's result; an empty line where
// a line failed) and DIR/NAME.json (each line's params or error). Each failing line is reported on stderr; returns
// how many failed. Throws std::runtime_error when the file itself cannot be used (unreadable, no lines, a schema
// without exactly one text field, an output that cannot be written).
std::size_t apply_text_file(const TextFileRun& run, const std::string& input);

}  // namespace auger::cli
