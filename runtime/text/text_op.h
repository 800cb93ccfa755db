// One text op of ops.md §6 as the runtime sees it, the text counterpart of rt::ImageOp and audio::AudioOp. A text
// op's random choices depend on the text itself (its tokens, which of them have synonyms), so they are drawn while
// it runs, from the statement site's stream at indices rt::kOpDrawBase onwards; the sampler resolves nothing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/ops/args.h"
#include "runtime/ops/image_op.h"
#include "runtime/ops/op_id.h"
#include "runtime/random/draw_stream.h"
#include "runtime/text/text_sample.h"

namespace auger::rt::text {

// The op's draws, one index each, in the order it makes them.
class Draws {
 public:
  explicit Draws(const rng::DrawStream& s) : s_(s) {}
  double uniform01() { return s_.uniform01(next_++); }
  std::int64_t randint(std::int64_t lo, std::int64_t hi) { return s_.randint(next_++, lo, hi); }  // lo..hi
  std::size_t choice(std::size_t n) { return static_cast<std::size_t>(s_.choice(next_++, n)); }   // 0..n-1
  bool bernoulli(double p) { return s_.bernoulli(next_++, p); }

 private:
  const rng::DrawStream& s_;
  std::uint32_t next_ = kOpDrawBase;
};

struct TextOp {
  OpId id;
  // Edits `s` in place: tokens, their tags and their spacing. Throws std::runtime_error when it cannot run.
  void (*apply)(const Args& args, TextSample& s, Draws& draws) = nullptr;
};

// Every text op with an implementation (the files under runtime/text/ops/), joined into the op records by id.
const std::vector<TextOp>& text_ops();
const TextOp* find_text_op(std::string_view name);

// A `count` argument against a text of `tokens` tokens: a `%` count is max(1, int(fraction * tokens)) (EDA's
// n = max(1, int(alpha * len))), a plain count is itself.
std::size_t resolve_count(const Args& args, const std::string& name, std::size_t tokens);

}  // namespace auger::rt::text
