// The sampler: evaluates a policy's IR for one sample — every random value, `@p`, `one_of`, `some_of` and
// `match` — into the list of ops that run with concrete arguments (rt::Trace). Every draw is a pure function of
// (seed, epoch, sample key, statement site, draw index), language.md §6:
//   * an op statement's stream is keyed by its site: draw 0 is its `@p`, draws 1, 2, … the random values
//     written in its own arguments (in evaluation order), draws from rt::kOpDrawBase on the op's internal
//     randomness (crop boxes, erasing rectangles);
//   * one_of / some_of / seq draw their `@p` (0) and their choices (1, 2, …) from their own site's stream;
//   * the k-th pick of a `some_of(replace: true)` runs its statements under the site suffix "#k", so a repeated
//     op draws afresh;
//   * a random value passed into a transform (`rand_augment(magnitude: randint(5, 10))`) is drawn once per
//     application of that call, from a stream keyed by the call's site and the value's source offset, and every
//     use inside the transform sees that one draw.
// Disabling a statement (--disable) removes it without moving any other statement's draws.
// Each image op of the trace carries the kernel of the compiler's fusion plan (compiler/passes) it belongs to: the
// sampler plans the policy once, when it is made, and the fused executor runs exactly that plan.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <stdexcept>
#include <string>

#include "compiler/ir/ir.h"
#include "runtime/audio/signal.h"
#include "runtime/image/image.h"
#include "runtime/ops/trace.h"

namespace auger::sampling {

struct SampleContext {
  std::uint64_t seed = 0;
  std::uint64_t epoch = 0;
  std::string key;                                     // the sample key (a file's base name, a `__key__`)
  std::map<std::string, rt::Shape> shapes;             // image-like fields as decoded, by field name
  std::map<std::string, rt::audio::AudioShape> audio;  // audio fields as decoded, by field name
  bool include_batch = false;  // also list the ops of a `batch { }` block (the loader runs them)
};

// A sample the policy cannot run on (an op without a runtime implementation, an image too small for a crop…).
class SampleError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class PolicySampler {
 public:
  // `disabled`: labels whose statements do not run. Unknown labels are the caller's to reject (labels()).
  explicit PolicySampler(const ir::Function& fn, std::set<std::string> disabled = {});

  [[nodiscard]] rt::Trace sample(const SampleContext& ctx) const;

  // Every statement label of the policy, for validating --disable.
  [[nodiscard]] std::set<std::string> labels() const;

  // Where a statement runs in the plan: its kernel and its position in that kernel's ops.
  struct Slot {
    int kernel = -1, position = 0;
  };

 private:
  const ir::Function& fn_;
  std::set<std::string> disabled_;
  std::map<std::string, Slot> plan_;  // by statement site
};

}  // namespace auger::sampling
