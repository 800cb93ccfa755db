// Occluding ops (ops.md §2): cutout (DeVries & Taylor 2017) and random_erasing (torchvision 0.14 RandomErasing).
// resolve() draws the rectangles into the arguments; apply() only paints them, so a run's "params" reproduce it.
// resolve() keeps rectangles already present in the arguments, which lets a test pin them.
#include <algorithm>
#include <cmath>

#include "runtime/ops/reference/pixel_common.h"

namespace auger::rt::pixel {

namespace {

// Paints [y1, y2) x [x1, x2) of every channel with `fill` (one value per channel, in the image's scale).
void paint(Image& img, int y1, int y2, int x1, int x2, const std::vector<double>& fill) {
  for (int ch = 0; ch < img.c(); ++ch)
    for (int y = y1; y < y2; ++y)
      for (int x = x1; x < x2; ++x) {
        if (img.is_u8())
          img.at8(ch, y, x) = store_u8(fill[static_cast<std::size_t>(ch)]);
        else
          img.atf(ch, y, x) = static_cast<float>(fill[static_cast<std::size_t>(ch)]);
      }
}

// --- cutout -----------------------------------------------------------------------------------------------------

Shape resolve_cutout(Args& args, const Shape& in, const rng::DrawStream& draws) {
  const int size = args.integer("size", 0);
  const int count = args.integer("count", 1);
  if (size < 1) fail("cutout", "size must be at least 1");
  if (count < 0) fail("cutout", "count must be non-negative");
  per_channel("cutout", args, "fill", in.c, 0);
  if (!args.has("centers")) {
    // The reference code's centre: y = randint(h), x = randint(w) — anywhere in the image, so holes overhang.
    std::vector<double> centers;
    for (int k = 0; k < count; ++k) {
      const auto i = kOpDrawBase + 2 * static_cast<std::uint32_t>(k);
      centers.push_back(static_cast<double>(draws.randint(i, 0, in.h - 1)));
      centers.push_back(static_cast<double>(draws.randint(i + 1, 0, in.w - 1)));
    }
    args.set("centers", ArgValue::of_list(std::move(centers)));
  }
  return in;
}

void apply_cutout(const Args& args, Image& img) {
  const int half = args.integer("size", 0) / 2;
  const auto fill = per_channel("cutout", args, "fill", img.c(), 0);
  const auto centers = args.list("centers");
  if (centers.size() % 2 != 0) fail("cutout", "centers must hold (y, x) pairs");
  for (std::size_t k = 0; k + 1 < centers.size(); k += 2) {
    const int cy = static_cast<int>(centers[k]), cx = static_cast<int>(centers[k + 1]);
    paint(img, std::clamp(cy - half, 0, img.h()), std::clamp(cy + half, 0, img.h()), std::clamp(cx - half, 0, img.w()),
          std::clamp(cx + half, 0, img.w()), fill);
  }
}

// --- random_erasing ---------------------------------------------------------------------------------------------

// Draw indices of random_erasing: try t draws its area fraction at base + 2t and its log-ratio at base + 2t + 1;
// the position and the noise seed come after the ten tries, so they never depend on how many tries ran.
constexpr std::uint32_t kEraseTries = 10;
constexpr std::uint32_t kEraseTop = kOpDrawBase + 2 * kEraseTries, kEraseLeft = kEraseTop + 1,
                        kEraseSeed = kEraseTop + 2;

bool wants_noise(const Args& args) {
  return args.flag("noise") || args.text("value") == "random";
}

std::vector<double> interval(const Args& args, const std::string& name, double lo, double hi) {
  auto v = args.has(name) ? args.list(name) : std::vector<double>{lo, hi};
  if (v.size() != 2) fail("random_erasing", "`" + name + "` must be an interval [lo, hi]");
  return v;
}

Shape resolve_random_erasing(Args& args, const Shape& in, const rng::DrawStream& draws) {
  const auto scale = interval(args, "scale", 0.02, 0.33);
  const auto ratio = interval(args, "ratio", 0.3, 3.3);
  if (scale[0] < 0 || scale[1] > 1) fail("random_erasing", "scale must lie in [0, 1]");
  if (!(ratio[0] > 0 && ratio[1] > 0)) fail("random_erasing", "ratio must be positive");
  if (!wants_noise(args)) per_channel("random_erasing", args, "value", in.c, 0);

  if (!args.has("top")) {
    // RandomErasing.get_params: up to ten tries; the first rectangle strictly smaller than the image wins; when
    // none does, torchvision returns (0, 0, H, W) with the image itself as the value, i.e. nothing is erased.
    const double area = static_cast<double>(in.h) * in.w;
    const double log_lo = std::log(ratio[0]), log_hi = std::log(ratio[1]);
    int top = 0, left = 0, height = in.h, width = in.w;
    bool erased = false;
    for (std::uint32_t t = 0; t < kEraseTries && !erased; ++t) {
      const double erase_area = area * draws.uniform(kOpDrawBase + 2 * t, scale[0], scale[1]);
      const double aspect = std::exp(draws.uniform(kOpDrawBase + 2 * t + 1, log_lo, log_hi));
      // Python's round() is half to even, like nearbyint.
      const int h = static_cast<int>(std::nearbyint(std::sqrt(erase_area * aspect)));
      const int w = static_cast<int>(std::nearbyint(std::sqrt(erase_area / aspect)));
      if (!(h < in.h && w < in.w)) continue;
      top = static_cast<int>(draws.randint(kEraseTop, 0, in.h - h));
      left = static_cast<int>(draws.randint(kEraseLeft, 0, in.w - w));
      height = h;
      width = w;
      erased = true;
    }
    args.set("top", ArgValue::num(top, true));
    args.set("left", ArgValue::num(left, true));
    args.set("height", ArgValue::num(height, true));
    args.set("width", ArgValue::num(width, true));
    args.set("erased", ArgValue::of_bool(erased));
  }
  if (wants_noise(args) && !args.has("noise_seed"))
    args.set("noise_seed", ArgValue::num(static_cast<double>(draw_seed(draws, kEraseSeed)), true));
  return in;
}

void apply_random_erasing(const Args& args, Image& img) {
  if (!args.flag("erased", true)) return;
  const int top = args.integer("top"), left = args.integer("left");
  const int y1 = std::clamp(top, 0, img.h()), y2 = std::clamp(top + args.integer("height"), 0, img.h());
  const int x1 = std::clamp(left, 0, img.w()), x2 = std::clamp(left + args.integer("width"), 0, img.w());
  if (!wants_noise(args)) {
    paint(img, y1, y2, x1, x2, per_channel("random_erasing", args, "value", img.c(), 0));
    return;
  }
  // value='random': an f32 [C, h, w] tensor of N(0, 1) draws; element (ch, y, x) of the patch takes draw
  // (ch * h + y) * w + x of the noise stream. u8 images store it clamped and truncated.
  const auto noise = noise_stream(static_cast<std::uint64_t>(args.number("noise_seed")));
  const int h = args.integer("height"), w = args.integer("width");
  for (int ch = 0; ch < img.c(); ++ch)
    for (int y = y1; y < y2; ++y)
      for (int x = x1; x < x2; ++x) {
        const auto k = static_cast<std::uint32_t>((ch * h + (y - top)) * w + (x - left));
        const auto z = static_cast<float>(noise.normal(k, 0.0, 1.0));
        if (img.is_u8())
          img.at8(ch, y, x) = store_u8(z);
        else
          img.atf(ch, y, x) = z;
      }
}

}  // namespace

std::vector<ImageOp> erase_ops() {
  return {
      {OpId::Cutout, resolve_cutout, apply_cutout},
      {OpId::RandomErasing, resolve_random_erasing, apply_random_erasing},
  };
}

}  // namespace auger::rt::pixel
