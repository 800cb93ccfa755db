#include "tools/policy_front.h"

#include <fmt/format.h>

#include <iostream>

#include "compiler/diag/render.h"

namespace auger::cli {

engine::LoadOptions load_options(const FrontOptions& front) {
  return {front.include_paths, front.stdlib_dir};
}

int load_policy(const std::string& file, const std::string& policy, const std::vector<std::string>& sets,
                const FrontOptions& front, engine::LoadedPolicy& out) {
  engine::PolicyRequest request;
  request.file = file;
  request.policy = policy;
  request.sets = sets;
  const engine::LoadResult result = engine::load_policy(request, load_options(front), out);
  RenderOptions ro;
  ro.color = use_color(front);
  std::cerr << render_text(out.comp->diags().sorted(), out.comp->sources(), ro);
  if (!result.message.empty()) std::cerr << "error: " << result.message << "\n";
  switch (result.status) {
    case engine::LoadStatus::Ok: return kExitOk;
    case engine::LoadStatus::InputErrors: return kExitInputErrors;
    case engine::LoadStatus::Usage: return kExitUsage;
  }
  return kExitRunFailed;
}

int open_input(const std::string& input, std::unique_ptr<rt::io::Source>& out) {
  try {
    out = rt::io::open_source(input);
  } catch (const std::exception& e) {
    std::cerr << fmt::format("error: --input {}: {}\n", input, e.what());
    return kExitRunFailed;
  }
  if (out->size() == 0) {
    std::cerr << fmt::format("error: --input {}: no samples\n", input);
    return kExitRunFailed;
  }
  return kExitOk;
}

void note_batch_block_skipped(const engine::LoadedPolicy& lp, const std::string& command) {
  if (engine::has_batch_block(lp))
    std::cerr << fmt::format(
        "note: policy `{}` ends with a `batch {{ }}` block (mixup, cutmix): it mixes collated batches, which the "
        "Python loader makes; `auger {}` writes each sample without it\n",
        lp.policy->name, command);
}

}  // namespace auger::cli
