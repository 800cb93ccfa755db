// The C++ API (docs/runtime.md "Python and the C++ API"): load a policy, apply it to one sample, and iterate
// augmented batches of a data set. The Python module is a thin layer over it, so both share one behaviour:
//
//   auto policy = auger::load("imagenet.aug", "train", {{"magnitude", "9"}}, /*seed=*/0);
//   auger::Sample out = policy.apply(in, "n01440764_10026", /*epoch=*/0);
//   auger::Loader loader(policy, "data/train", {.batch_size = 256, .workers = 8, .shuffle = true});
//   for (std::uint64_t e = 0; e < 90; ++e) {
//     loader.set_epoch(e);
//     loader.start();
//     for (auger::Batch b; loader.next(b);) use(b.tensors.at("image"), b.classes.at("label"));
//     // with a `batch { }` block (mixup, cutmix), the label is soft: b.soft.at("label").values, B × N floats
//   }
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "engine/arg_value.h"
#include "runtime/audio/signal.h"
#include "runtime/gpu/batch_executor.h"
#include "runtime/image/image.h"

namespace auger {

// Everything the API refuses: a policy file with errors (what() is the rendered diagnostics), an unknown
// policy or parameter, a sample that does not fit the schema, a batch whose samples differ in shape.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One sample: pixel fields (image, mask) as planar CHW images, audio fields as signals (channels x samples at the
// field's rate; after melspec, mel bins x frames), every other schema field as JSON. A result of Policy::apply also
// has "params" in `fields`: for each statement site that ran, what it drew.
struct Sample {
  std::map<std::string, rt::Image> images;
  std::map<std::string, rt::audio::Signal> audio;
  nlohmann::ordered_json fields = nlohmann::ordered_json::object();
};

// A schema field as the policy sees it: kind "image", "mask", "class", "boxes", …; element "u8", "f32" or "" (not
// pixels, or not known before the run).
struct SchemaField {
  std::string name, kind, element;
  int channels = 0;  // pixel fields: as decoded (image(rgb) 3, image(gray) 1, image(rgba) 4, mask 1)
};

namespace detail {
struct PolicyState;
class LoaderImpl;
class LoaderRun;
}  // namespace detail

// A checked policy with its parameters bound and its seed: a value type, cheap to copy (copies share the compiled
// policy). Thread-safe.
class Policy {
 public:
  // Runs the policy on `in` as the sample with key `key` in epoch `epoch` — the same bytes `auger apply` writes for
  // a file whose base name is `key`, with the same seed and epoch. `in` holds the schema's input fields: u8 images
  // with 3 channels, masks with 1; audio at the field's rate with its channel count; other fields are passed
  // through. Throws Error when `in` does not fit the schema or the policy cannot run on it (an image too small for
  // a crop, …).
  [[nodiscard]] Sample apply(const Sample& in, const std::string& key, std::uint64_t epoch = 0) const;

  // Audio field `field`'s recording at `path`, decoded as `auger apply` decodes it (the field's channels, resampled
  // to its rate). Throws Error for a field that is not audio or a file that cannot be used.
  [[nodiscard]] rt::audio::Signal read_audio(const std::string& field, const std::string& path) const;

  [[nodiscard]] const std::string& name() const;
  [[nodiscard]] std::uint64_t seed() const;
  [[nodiscard]] const std::string& exec_path() const;
  [[nodiscard]] std::vector<SchemaField> inputs() const;   // the schema's fields
  [[nodiscard]] std::vector<SchemaField> outputs() const;  // after the policy
  // Warnings the check reported (rendered as `auger check` prints them); empty when clean.
  [[nodiscard]] const std::string& warnings() const;
  // What every result is a function of: file hash, policy, --set values, disabled labels, seed, execution path.
  [[nodiscard]] nlohmann::ordered_json identity() const;

  // This policy with back_translate's translator set to `spec` (a command or an http:// URL, docs/text.md; "apertium"
  // for Apertium), for apply() and the loaders made from it; empty (the default): --translator's process-wide
  // choice, else AUGER_TRANSLATOR, else Apertium.
  [[nodiscard]] Policy with_translator(std::string spec) const;
  [[nodiscard]] const std::string& translator() const { return translator_; }

  [[nodiscard]] const detail::PolicyState& state() const { return *state_; }

 private:
  friend Policy load(const std::string&, const std::string&, const std::map<std::string, ArgValue>&, std::uint64_t,
                     const std::string&, const std::vector<std::string>&);
  Policy() = default;  // only load() makes one: a Policy always holds a checked policy
  std::shared_ptr<detail::PolicyState> state_;
  std::string translator_;
};

// Checks `file` and binds policy `policy_name` ("" when the file has one) with `args` as typed values
// ({"magnitude", 12}, {"angle", "30deg"}, {"flip", true}), checked against the parameters' types and domains.
// `exec_path` is "fused" (the Halide kernels compiled when auger was built) or "reference" (op by op). `disable`:
// statement labels that do not run. Throws Error (the diagnostics) when the file has errors or a name or value is
// wrong.
Policy load(const std::string& file, const std::string& policy_name = "",
            const std::map<std::string, ArgValue>& args = {}, std::uint64_t seed = 0,
            const std::string& exec_path = "fused", const std::vector<std::string>& disable = {});

struct LoaderOptions {
  std::size_t batch_size = 1;
  int workers = 1;
  bool shuffle = false;
  // Unset: from the launcher's environment (torchrun, MPI, Slurm; runtime/exec/world.h), else 0 of 1.
  std::optional<int> rank, world_size;
  // Both torch's meanings at once: the rank's share is cut (not padded) to a multiple of the world size, and a
  // last batch with fewer than batch_size samples is not delivered.
  bool drop_last = false;
  std::size_t prefetch = 2;               // batches being assembled or waiting for the consumer
  bool region_decode = true;              // decode only the first crop's region (same result, less work)
  std::optional<std::string> translator;  // back_translate's; unset: the policy's (Policy::with_translator)
  // "cuda": the image's ops run on the GPU batch kernels, a batch at a time, and the batch stays on the device
  // (Batch::device; docs/cuda.md) — when the policy's ops are theirs (Loader::device_note says why not otherwise).
  // Throws Error where there is no GPU (cuda_unavailable_reason(), api/gpu_batch.h). "cpu": everything on the CPU.
  std::string device = "cpu";
  bool gpu_emulate = false;  // with "cuda": the kernels' CPU build on host memory (tests on machines without a GPU)
};

// One pixel field of a batch: [B, C, H, W], contiguous, row-major. The storage is shared, so a consumer (a numpy
// array, a torch tensor) can keep it after the loader has moved on.
struct BatchTensor {
  rt::Elem elem = rt::Elem::U8;
  std::array<std::int64_t, 4> shape{};
  int rank = 4;                   // the dimensions of shape in use: 4 for pixels, 2 or 3 for audio (api/audio_batch)
  std::shared_ptr<void> storage;  // 64-byte aligned
  [[nodiscard]] void* data() const { return storage.get(); }
  [[nodiscard]] std::size_t element_size() const { return elem == rt::Elem::U8 ? 1 : 4; }
  [[nodiscard]] std::size_t bytes() const {
    std::int64_t n = 1;
    for (int i = 0; i < rank; ++i) n *= shape[static_cast<std::size_t>(i)];
    return element_size() * static_cast<std::size_t>(n);
  }
};

// A `soft(N)` field of a batch: one row of N probabilities per sample, row-major.
struct SoftLabels {
  std::int64_t classes = 0;   // N
  std::vector<float> values;  // rows × N
};

struct Batch {
  std::uint64_t epoch = 0;
  std::size_t index = 0;  // in the epoch
  std::vector<std::string> keys;
  std::map<std::string, BatchTensor> tensors;  // pixel fields; audio fields zero-padded (api/audio_batch.h)
  // `class(N)` fields: the class index; -1 where a sample has none. Also FIELD_lengths for an audio field: each
  // sample's samples (waveform) or frames (spectrogram) before padding.
  std::map<std::string, std::vector<std::int64_t>> classes;
  // `soft(N)` fields. A policy with a `batch { }` block (MixUp, CutMix) turns every `class(N)` field into one: row i
  // is lambda·onehot(y_i) + (1 - lambda)·onehot(y_(B-1-i)) (timm's pairing: the batch reversed), a `soft` input
  // mixes the same way, and a sample without a label is a row of zeros before mixing.
  std::map<std::string, SoftLabels> soft;
  // Every other field as each sample has it, JSON (null where absent). Variable-length labels stay per sample:
  // boxes [[x1, y1, x2, y2], …] in the schema's box format, keypoints [[[x, y, v] × K], …] per instance,
  // `class(N)[]` lists aligned with the boxes. (Python turns these into one tensor per sample.)
  std::map<std::string, std::vector<nlohmann::ordered_json>> fields;
  std::vector<nlohmann::ordered_json> params;  // per sample, what each statement drew
  // What the batch block drew for this batch, per statement site, as `params` records a sample's draws:
  // {"6.0.1": {"op": "cutmix", "alpha": 1.0, "lambda": 0.71, "top": 3, "left": 9, "height": 20, "width": 24}}.
  // lambda is the weight of a sample's own image (for cutmix, 1 - the pasted area's fraction); top/left/height/
  // width the pasted box. Empty without a batch block or when none of its ops fired.
  nlohmann::ordered_json batch_params = nlohmann::ordered_json::object();
  // The GPU path's pixel field (in place of its entry in `tensors`): [B, 3, H, W] on the device, or in host memory
  // when emulated.
  std::map<std::string, rt::gpu::DeviceBatch> device;
  // The GPU path: why the batch's first sample that ran on the CPU did ("" when the kernels took every sample).
  std::string device_note;
  // The samples skipped since the previous batch because they could not be read, decoded or augmented:
  // {"key", "origin", "epoch", "error"} each (metrics() keeps the first ones of the loader's life).
  std::vector<nlohmann::ordered_json> skipped;
};

// One pass over a loader's epoch (Loader::iterate): its own worker threads and batches, so several may run at once,
// each seeing the whole epoch, as several iterators of a torch DataLoader do. Must not outlive its loader.
class LoaderIterator {
 public:
  explicit LoaderIterator(std::unique_ptr<detail::LoaderRun> run);
  ~LoaderIterator();  // stops the workers (samples in progress finish first)
  LoaderIterator(const LoaderIterator&) = delete;
  LoaderIterator& operator=(const LoaderIterator&) = delete;

  // The next batch of the epoch; false after the last. Rethrows what stopped the run: Error (a batch with mixed
  // shapes, one too large for the memory there is), std::bad_alloc, or whatever else a worker threw.
  bool next(Batch& out);
  // The epoch it runs: the loader's when the iterator was made.
  [[nodiscard]] std::uint64_t epoch() const;

 private:
  std::unique_ptr<detail::LoaderRun> run_;
};

// Augmented batches of a data set (an image folder, a JSONL manifest, WebDataset shards: rt::io::open_source),
// in an order that is a pure function of (seed, epoch, shuffle, rank, world size) and the data: any worker count
// gives the same bytes. Worker threads read, decode, augment and copy each sample into its row of the batch, then
// run the policy's `batch { }` block, if any, on the whole batch (its draws depend on the seed, the epoch and the
// batch's sample keys: docs/runtime.md "Batch blocks").
// A sample that cannot be read, decoded or augmented is skipped and counted; the batch takes the next sample of
// the order instead, so every later batch shifts by one (a batch holds the next batch_size samples that succeed).
class Loader {
 public:
  // Throws Error for options out of range, a source that cannot be opened, or a batch_size whose batches cannot fit
  // in the memory there is (checked here when the policy's output types fix the pixel shapes, else on the first
  // batch). A batch never has more rows than the epoch has samples.
  Loader(const Policy& policy, const std::string& source, LoaderOptions options = {});
  ~Loader();
  Loader(const Loader&) = delete;
  Loader& operator=(const Loader&) = delete;

  // The epoch the next start() runs (the order's shuffle and every draw depend on it).
  void set_epoch(std::uint64_t epoch);
  [[nodiscard]] std::uint64_t epoch() const;
  // Batches per epoch for this rank when no sample fails.
  [[nodiscard]] std::size_t size() const;
  // Samples this rank visits per epoch (its share of the order, DistributedSampler-padded or cut).
  [[nodiscard]] std::size_t samples_per_epoch() const;
  [[nodiscard]] int rank() const;
  [[nodiscard]] int world_size() const;
  // Each field a batch holds and its type after the policy, as `auger explain --emit schema` prints it
  // ("image(rgb, f32)[3,224,224]", "soft(1000)", "boxes(xyxy)", "keypoints(17)", "class(3)[]").
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> output_types() const;
  // With device "cuda": "" when the batches go through the GPU batch kernels, else why the policy runs on the CPU
  // path (an op outside the kernels, a field they do not carry). Always "" with device "cpu".
  [[nodiscard]] const std::string& device_note() const;
  // Whether the batches come through the GPU batch kernels (Batch::device).
  [[nodiscard]] bool on_gpu() const;

  // An iteration over the current epoch from its first batch, independent of any other (see LoaderIterator).
  [[nodiscard]] std::unique_ptr<LoaderIterator> iterate();

  // Begins the current epoch from its first batch (abandoning the one start() began before; iterate()'s are left
  // alone).
  void start();
  // The next batch of the epoch (start()ing it when none runs); false after the last. Rethrows what stopped the
  // run (Error for a batch with mixed shapes).
  bool next(Batch& out);

  // Throughput, per-stage latency, queue depth, the consumer's wait, errors and op coverage since construction
  // (docs/runtime.md lists the keys).
  [[nodiscard]] nlohmann::ordered_json metrics() const;

 private:
  std::unique_ptr<detail::LoaderImpl> impl_;
};

}  // namespace auger
