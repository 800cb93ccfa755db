// What a Policy shares between its copies and the loaders made from it. Internal to api/.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "api/auger.h"
#include "compiler/sampling/policy_sampler.h"
#include "engine/policy_loader.h"
#include "engine/run_path.h"
#include "engine/sample_labels.h"

namespace auger::detail {

struct PolicyState {
  engine::LoadedPolicy loaded;
  // Refers to loaded.fn, so the state never moves once built (it lives behind a shared_ptr).
  std::unique_ptr<sampling::PolicySampler> sampler;
  std::string file, exec_path, warnings;
  std::uint64_t seed = 0;
  engine::SampleLabels labels;  // how the schema's labels follow the image
  std::vector<std::string> sets, disabled;

  // Policy::apply's executor: its buffers are reused from call to call, so concurrent calls take turns.
  std::mutex apply_mu;
  std::unique_ptr<engine::Executor> executor;
};

}  // namespace auger::detail
