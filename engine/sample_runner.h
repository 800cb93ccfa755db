// One worker's way from a stored sample to an augmented one: read it from the source, read the image headers,
// draw the policy's parameters (the sampler runs before decoding), decode only the region the first crop needs,
// then run the ops. `auger run`, `auger preview`, `auger bench` and the Python loader share it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>

#include "compiler/sampling/policy_sampler.h"
#include "engine/policy_loader.h"
#include "engine/run_path.h"
#include "engine/sample_labels.h"
#include "runtime/audio/signal.h"
#include "runtime/gpu/batch_plan.h"
#include "runtime/image/image.h"
#include "runtime/io/decode.h"
#include "runtime/io/label_rules.h"
#include "runtime/io/source.h"

namespace auger::engine {

struct RunnerOptions {
  std::uint64_t seed = 0;
  std::string path = "fused";  // or "reference"
  bool region_decode = true;   // decode only the first crop's region (the result is identical either way)
  // Decode JPEGs at 1/2, 1/4 or 1/8 of the size when the first crop still has at least its output size there
  // (libjpeg's scaled IDCT): faster on large photos, but the pixels differ from a full decode — opt-in.
  bool scaled_decode = false;
  std::uint64_t max_pixels = 178956970;
  std::string translator;  // back_translate's (docs/text.md); empty: the process's (--translator, AUGER_TRANSLATOR)
  // Audio: a gain and a time shift may stay pending in the output signals (rt::audio::Signal::pending) for a
  // caller that copies them out with rt::audio::copy_row_settled (the Loader's batch) — no pass of their own.
  bool leave_audio_level = false;
  // Loader(device="cuda") (docs/cuda.md): this image field's ops are left to the GPU batch kernels when they can
  // express the sample's draws — the sample keeps its decoded image there, with ProcessedSample::gpu its plan —
  // and run here otherwise. Empty: every op runs here.
  std::string gpu_field;
};

// Per-stage wall times of one sample, in seconds.
struct StageTimes {
  double read = 0, decode = 0, augment = 0;
};

struct ProcessedSample {
  std::size_t index = 0;  // in the source
  std::uint64_t epoch = 0;
  std::string key, origin;
  std::map<std::string, rt::Image> images;                           // pixel fields after the policy
  std::map<std::string, rt::audio::Signal> audio;                    // audio fields after the policy
  nlohmann::ordered_json fields = nlohmann::ordered_json::object();  // the other schema fields
  nlohmann::ordered_json params = nlohmann::ordered_json::object();  // per statement site, what it drew
  // With RunnerOptions::gpu_field: the GPU batch kernels' plan, images[gpu_field] then being the decoded input (the
  // region the first crop needs); empty when the ops ran here, gpu_refusal then saying why.
  std::optional<rt::gpu::GpuSample> gpu;
  std::string gpu_refusal;
  std::string error;  // non-empty: the sample could not be read, decoded or augmented (and why)
  StageTimes times;
};

class SampleRunner {
 public:
  SampleRunner(const LoadedPolicy& policy, const sampling::PolicySampler& sampler, const rt::io::Source& source,
               RunnerOptions options);

  // Processes source sample `index` for `epoch` into `out` (its buffers are reused). Never throws for a bad
  // sample: `out.error` says what went wrong.
  void run(std::size_t index, std::uint64_t epoch, ProcessedSample& out);

 private:
  using Blobs = std::map<std::string, const std::string*>;
  [[nodiscard]] bool is_per_sample(const std::string& field) const;
  [[nodiscard]] bool is_mask(const std::string& field) const;
  // The phases of run(), in order.
  Blobs gather(const rt::io::StoredSample& s, sampling::SampleContext& ctx, ProcessedSample& out,
               std::map<std::string, rt::io::ImageInfo>& infos) const;
  void decode(const Blobs& blobs, const sampling::SampleContext& ctx, rt::Trace& trace);
  void augment(const rt::Trace& trace, ProcessedSample& out);
  bool plan_for_gpu(const rt::Trace& trace, ProcessedSample& out);
  void move_sample_labels(const rt::Trace& trace, const rt::Shape& in, nlohmann::json& fields,
                          std::map<std::string, rt::Image>& masks, ProcessedSample& out) const;

  const LoadedPolicy& policy_;
  const sampling::PolicySampler& sampler_;
  const rt::io::Source& source_;
  RunnerOptions options_;
  std::unique_ptr<Executor> executor_;
  SampleLabels labels_;
  rt::io::LabelRules label_rules_;        // class-like fields' ranges: a label outside one is a bad sample
  std::vector<std::string> class_names_;  // the source's, to name an index in that error
  std::map<std::string, const rt::Image*> in_;
  std::map<std::string, rt::Image> decoded_;
  std::map<std::string, rt::Image> masks_;  // the sample's masks, set aside from the images by augment()
};

}  // namespace auger::engine
