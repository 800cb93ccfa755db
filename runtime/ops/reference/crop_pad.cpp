// Crops, pads and flips: index shuffles that keep each value as it is (u8 stays exact), plus the float32 plane
// conversions the resampling kernels share.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <type_traits>

#include "runtime/ops/reference/geometry.h"
#include "runtime/ops/torch_compat/pixel_rules.h"

namespace auger::rt::geo {

namespace {

// Runs `f` on the image's value vector, whichever element type it holds.
template <class F>
void with_values(Image& img, F&& f) {
  if (img.is_u8())
    f(img.u8);
  else
    f(img.f32);
}

// Builds an oh x ow image of the same type whose value at (ch, y, x) is `src_index(y, x)` of the input (a plane
// offset, or -1 for the channel's constant).
template <class Index>
void remap(Image& img, int oh, int ow, Index&& src_index, const std::vector<double>& constant) {
  const int c = img.c();
  const std::size_t in_plane = static_cast<std::size_t>(img.h()) * img.w();
  const std::size_t out_plane = static_cast<std::size_t>(oh) * ow;
  std::vector<std::ptrdiff_t> index(out_plane);
  std::size_t i = 0;
  for (int y = 0; y < oh; ++y)
    for (int x = 0; x < ow; ++x, ++i) index[i] = src_index(y, x);
  with_values(img, [&](auto& values) {
    using T = typename std::decay_t<decltype(values)>::value_type;
    std::decay_t<decltype(values)> out(static_cast<std::size_t>(c) * out_plane);
    for (int ch = 0; ch < c; ++ch) {
      T k{};
      if (!constant.empty()) {
        const double v = constant.size() == 1 ? constant[0] : constant[ch];
        // torch fills a uint8 tensor with the value converted to uint8 (truncated).
        if constexpr (std::is_same_v<T, std::uint8_t>)
          k = static_cast<T>(std::clamp(v, 0.0, 255.0));
        else
          k = static_cast<T>(v);
      }
      const T* in = values.data() + ch * in_plane;
      T* o = out.data() + ch * out_plane;
      for (std::size_t i = 0; i < out_plane; ++i) o[i] = index[i] < 0 ? k : in[index[i]];
    }
    values = std::move(out);
  });
  img.shape.h = oh;
  img.shape.w = ow;
}

}  // namespace

std::vector<float> planes_f32(const Image& img) {
  if (!img.is_u8()) return img.f32;
  return std::vector<float>(img.u8.begin(), img.u8.end());
}

void store_f32(Image& img, int h, int w, const std::vector<float>& data) {
  img.shape.h = h;
  img.shape.w = w;
  if (!img.is_u8()) {
    img.f32 = data;
    return;
  }
  img.u8.resize(data.size());
  for (std::size_t i = 0; i < data.size(); ++i) img.u8[i] = torch_compat::round_u8(data[i]);  // torch.round
}

PadMode parse_pad_mode(const std::string& name) {
  if (name == "constant") return PadMode::Constant;
  if (name == "reflect") return PadMode::Reflect;
  if (name == "edge") return PadMode::Edge;
  throw std::invalid_argument("unknown padding mode `" + name + "`");
}

void crop(Image& img, int top, int left, int h, int w) {
  if (h <= 0 || w <= 0) throw std::invalid_argument("crop size must be positive");
  const int ih = img.h(), iw = img.w();
  remap(img, h, w,
        [&](int y, int x) -> std::ptrdiff_t {
          const int sy = top + y, sx = left + x;
          return sy >= 0 && sy < ih && sx >= 0 && sx < iw ? static_cast<std::ptrdiff_t>(sy) * iw + sx : -1;
        },
        {0.0});
}

void pad(Image& img, int left, int top, int right, int bottom, PadMode mode, const Fill& fill) {
  if (left < 0 || top < 0 || right < 0 || bottom < 0) throw std::invalid_argument("padding must not be negative");
  if (!fill.empty() && fill.size() != 1 && static_cast<int>(fill.size()) != img.c())
    throw std::invalid_argument("fill has " + std::to_string(fill.size()) + " values for " + std::to_string(img.c()) +
                                " channels");
  const int ih = img.h(), iw = img.w();
  if ((ih == 0 || iw == 0) && mode != PadMode::Constant)
    throw std::invalid_argument("cannot reflect or extend an empty image");
  remap(
      img, ih + top + bottom, iw + left + right,
      [&](int y, int x) -> std::ptrdiff_t {
        int sy = y - top, sx = x - left;
        if (sy >= 0 && sy < ih && sx >= 0 && sx < iw) return static_cast<std::ptrdiff_t>(sy) * iw + sx;
        switch (mode) {
          case PadMode::Constant: return -1;
          case PadMode::Reflect:
            sy = reflect_index(sy, ih);
            sx = reflect_index(sx, iw);
            break;
          case PadMode::Edge:
            sy = std::clamp(sy, 0, ih - 1);
            sx = std::clamp(sx, 0, iw - 1);
            break;
        }
        return static_cast<std::ptrdiff_t>(sy) * iw + sx;
      },
      fill.empty() ? Fill{0.0} : fill);
}

void hflip(Image& img) {
  const int w = img.w();
  remap(img, img.h(), w,
        [&](int y, int x) -> std::ptrdiff_t { return static_cast<std::ptrdiff_t>(y) * w + (w - 1 - x); }, {});
}

void vflip(Image& img) {
  const int h = img.h(), w = img.w();
  remap(img, h, w, [&](int y, int x) -> std::ptrdiff_t { return static_cast<std::ptrdiff_t>(h - 1 - y) * w + x; }, {});
}

}  // namespace auger::rt::geo
