#include "runtime/exec/order.h"

#include <numeric>
#include <stdexcept>

#include "runtime/random/draw_stream.h"

namespace auger::rt::exec {

std::vector<std::size_t> epoch_order(std::size_t n, const OrderOptions& o) {
  if (o.world_size < 1 || o.rank < 0 || o.rank >= o.world_size)
    throw std::invalid_argument("rank must be in 0..world_size-1");
  std::vector<std::size_t> all(n);
  std::iota(all.begin(), all.end(), std::size_t{0});
  if (o.shuffle && n > 1) {
    // The stream's key has no sample key and a site no statement can have, so it is independent of every draw.
    const rng::DrawStream d(o.seed, o.epoch, "", "@order");
    for (std::size_t i = n - 1; i > 0; --i) {
      const auto j = static_cast<std::size_t>(d.choice(static_cast<std::uint32_t>(i), i + 1));
      std::swap(all[i], all[j]);
    }
  }
  const auto w = static_cast<std::size_t>(o.world_size);
  std::size_t total = n;
  if (o.drop_last)
    total = n / w * w;
  else if (n > 0)
    total = (n + w - 1) / w * w;
  std::vector<std::size_t> mine;
  mine.reserve(total / w);
  for (std::size_t p = static_cast<std::size_t>(o.rank); p < total; p += w) mine.push_back(all[p % n]);
  return mine;
}

}  // namespace auger::rt::exec
