#include "engine/translation_chunks.h"

#include <algorithm>

#include "runtime/text/back_translation.h"

namespace auger::engine {

namespace {

bool has_op(const std::vector<ir::Node>& nodes, const std::string& op) {
  return std::any_of(nodes.begin(), nodes.end(), [&](const ir::Node& n) {
    return (n.kind == ir::NodeKind::Op && n.op == op) || has_op(n.children, op);
  });
}

}  // namespace

bool uses_translation(const ir::Function& fn) {
  return has_op(fn.body, "back_translate");
}

TranslationChunks::TranslationChunks(std::size_t items, bool active, std::size_t chunk)
    : items_(items), chunk_(std::max<std::size_t>(1, chunk)), active_(active && items > 0) {
  if (active_) once_ = std::make_unique<std::once_flag[]>((items_ + chunk_ - 1) / chunk_);
}

void TranslationChunks::before(std::size_t i, const std::function<void(std::size_t)>& collect) {
  if (!active_ || i >= items_) return;
  const std::size_t c = i / chunk_;
  std::call_once(once_[c], [&] {
    const std::size_t first = c * chunk_, end = std::min(items_, first + chunk_);
    for (int round = 0; round < kRounds; ++round) {
      rt::text::MissCollector misses;
      for (std::size_t j = first; j < end; ++j) collect(j);
      if (misses.misses().empty()) return;
      rt::text::translate_misses(misses.misses());
    }
  });
}

}  // namespace auger::engine
