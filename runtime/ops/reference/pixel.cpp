// ops.md §2 — the colour and pixel ops, joined from their family files, and the helpers they share.
#include <stdexcept>

#include "runtime/ops/reference/families.h"
#include "runtime/ops/reference/pixel_common.h"

namespace auger::rt {

namespace pixel {

void fail(std::string_view op, const std::string& why) {
  throw std::invalid_argument(std::string(op) + ": " + why);
}

void require_u8(std::string_view op, const Shape& in) {
  if (in.elem != Elem::U8) fail(op, "needs a u8 image (as torchvision, which accepts only uint8 here)");
}

void require_f32(std::string_view op, const Shape& in) {
  if (in.elem != Elem::F32) fail(op, "needs an f32 image; apply to_float() first");
}

void require_channels(std::string_view op, const Shape& in, bool one_ok, bool three_ok) {
  if ((in.c == 1 && one_ok) || (in.c == 3 && three_ok)) return;
  fail(op, "needs a " +
               std::string(one_ok && three_ok ? "1- or 3-"
                           : one_ok           ? "1-"
                                              : "3-") +
               "channel image, got " + std::to_string(in.c) + " channels");
}

Shape keep_shape(Args&, const Shape& in, const rng::DrawStream&) {
  return in;
}

std::vector<double> per_channel(std::string_view op, const Args& args, const std::string& name, int c,
                                double fallback) {
  std::vector<double> v = args.has(name) ? args.list(name) : std::vector<double>{fallback};
  if (v.size() == 1) v.assign(static_cast<std::size_t>(c), v.front());
  if (v.size() != static_cast<std::size_t>(c))
    fail(op, "`" + name + "` has " + std::to_string(v.size()) + " values for " + std::to_string(c) + " channels");
  return v;
}

std::uint64_t draw_seed(const rng::DrawStream& draws, std::uint32_t index) {
  const auto w = draws.block(index, 0);
  return ((static_cast<std::uint64_t>(w[0]) << 32) | w[1]) >> 11;
}

rng::DrawStream noise_stream(std::uint64_t seed) {
  return rng::DrawStream(seed, 0, "", "noise");
}

}  // namespace pixel

std::vector<ImageOp> pixel_ops() {
  std::vector<ImageOp> all;
  for (auto family : {pixel::color_ops, pixel::histogram_ops, pixel::filter_ops, pixel::erase_ops, pixel::float_ops})
    for (const auto& op : family()) all.push_back(op);
  return all;
}

}  // namespace auger::rt
