// ops.md §3 — the batch ops, timm's `Mixup(mode='batch')` conventions: one lambda per batch, sample i mixed with
// sample B-1-i (the batch reversed). resolve() draws lambda (and cutmix's box) into the arguments; apply() mixes
// the images only — the labels are softened by whoever reads `lambda` (y = lambda y_i + (1 - lambda) y_(B-1-i)).
#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

#include "runtime/ops/reference/families.h"
#include "runtime/ops/torch_compat/pixel_rules.h"

namespace auger::rt {

namespace {

// Draw indices: lambda's two gamma variates, then cutmix's box centre.
constexpr std::uint32_t kGammaX = kOpDrawBase, kGammaY = kOpDrawBase + 1;
constexpr std::uint32_t kCentreY = kOpDrawBase + 2, kCentreX = kOpDrawBase + 3;

[[noreturn]] void fail(std::string_view op, const std::string& why) {
  throw std::invalid_argument(std::string(op) + ": " + why);
}

// An unbounded sequence of uniforms from one draw index, for rejection samplers: block b of the draw holds
// uniforms 2b and 2b + 1 (53 bits each, in (0, 1] so that their logarithms are finite).
class Uniforms {
 public:
  Uniforms(const rng::DrawStream& draws, std::uint32_t index) : draws_(draws), index_(index) {}
  double next() {
    const auto w = draws_.block(index_, n_ / 2);
    const std::uint64_t x =
        n_ % 2 == 0 ? (static_cast<std::uint64_t>(w[0]) << 32 | w[1]) : (static_cast<std::uint64_t>(w[2]) << 32 | w[3]);
    ++n_;
    return (static_cast<double>(x >> 11) + 1.0) * 0x1.0p-53;
  }

 private:
  const rng::DrawStream& draws_;
  std::uint32_t index_;
  std::uint32_t n_ = 0;
};

// log of a Gamma(a, 1) variate. a >= 1: Marsaglia & Tsang (2000), normals by Box–Muller from the same sequence.
// a < 1: Gamma(a) = Gamma(a + 1) * U^(1/a), kept in logs so that tiny a (U^(1/a) underflows) still works.
double log_gamma_variate(double a, Uniforms& u) {
  if (a < 1) {
    const double lg = log_gamma_variate(a + 1, u);
    return lg + std::log(u.next()) / a;
  }
  const double d = a - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
  // The acceptance rate is above 95% for every a >= 1; the cap only bounds the loop.
  for (int attempt = 0; attempt < 1000; ++attempt) {
    const double x = std::sqrt(-2.0 * std::log(u.next())) * std::cos(2.0 * std::numbers::pi * u.next());
    double v = 1.0 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const double w = u.next();
    if (w < 1.0 - 0.0331 * x * x * x * x || std::log(w) < 0.5 * x * x + d * (1.0 - v + std::log(v)))
      return std::log(d) + std::log(v);
  }
  return std::log(d);
}

// lambda ~ Beta(alpha, alpha) = X / (X + Y) with X, Y ~ Gamma(alpha, 1) from draws kGammaX and kGammaY; alpha = 0
// gives 1 (no mixing), as timm with the mode switched off.
double draw_lambda(double alpha, const rng::DrawStream& draws) {
  if (alpha <= 0) return 1.0;
  Uniforms ux(draws, kGammaX), uy(draws, kGammaY);
  const double lx = log_gamma_variate(alpha, ux), ly = log_gamma_variate(alpha, uy);
  return 1.0 / (1.0 + std::exp(ly - lx));
}

double alpha_arg(std::string_view op, const Args& args, double fallback) {
  const double a = args.number("alpha", fallback);
  if (!(a >= 0)) fail(op, "alpha must be non-negative");
  return a;
}

void check_batch(std::string_view op, const std::vector<Image>& batch) {
  for (const auto& img : batch)
    if (!(img.shape == batch.front().shape)) fail(op, "every image of the batch must have the same shape");
}

// --- mixup ------------------------------------------------------------------------------------------------------

void resolve_mixup(Args& args, const Shape&, int, const rng::DrawStream& draws) {
  const double alpha = alpha_arg("mixup", args, 0.2);
  if (!args.has("lambda")) args.set("lambda", ArgValue::num(draw_lambda(alpha, draws)));
}

// x_i = lambda x_i + (1 - lambda) x_(B-1-i) in f32 (timm's `x.mul_(lam).add_(x.flip(0).mul_(1 - lam))`); u8
// images are mixed in f32 and rounded half to even, as timm's FastCollateMixup (`np.rint`) does for uint8 batches.
void apply_mixup(const Args& args, std::vector<Image>& batch) {
  check_batch("mixup", batch);
  const double lambda = args.number("lambda", 1.0);
  if (lambda == 1.0 || batch.empty()) return;
  const float l = static_cast<float>(lambda), lm = static_cast<float>(1.0 - lambda);
  const std::vector<Image> orig = batch;
  const std::size_t b = batch.size();
  for (std::size_t i = 0; i < b; ++i) {
    const Image& other = orig[b - 1 - i];
    Image& img = batch[i];
    if (img.is_u8()) {
      for (std::size_t k = 0; k < img.u8.size(); ++k) {
        const float v = static_cast<float>(orig[i].u8[k]) * l + static_cast<float>(other.u8[k]) * lm;
        img.u8[k] = torch_compat::round_u8(v);
      }
    } else {
      for (std::size_t k = 0; k < img.f32.size(); ++k) img.f32[k] = orig[i].f32[k] * l + other.f32[k] * lm;
    }
  }
}

// --- cutmix -----------------------------------------------------------------------------------------------------

// timm's rand_bbox and lambda correction: r = sqrt(1 - lambda), cut = int(side * r), centre uniform over the image,
// box clipped to it; lambda' = 1 - box area / image area. Stored as top/left/height/width and the corrected lambda.
void resolve_cutmix(Args& args, const Shape& in, int, const rng::DrawStream& draws) {
  const double alpha = alpha_arg("cutmix", args, 1.0);
  if (args.has("lambda") && args.has("top")) return;
  const double lambda = draw_lambda(alpha, draws);
  int top = 0, left = 0, height = 0, width = 0;
  if (lambda != 1.0) {
    const double r = std::sqrt(1.0 - lambda);
    const int cut_h = static_cast<int>(in.h * r), cut_w = static_cast<int>(in.w * r);
    const int cy = static_cast<int>(draws.randint(kCentreY, 0, in.h - 1));
    const int cx = static_cast<int>(draws.randint(kCentreX, 0, in.w - 1));
    const int y1 = std::clamp(cy - cut_h / 2, 0, in.h), y2 = std::clamp(cy + cut_h / 2, 0, in.h);
    const int x1 = std::clamp(cx - cut_w / 2, 0, in.w), x2 = std::clamp(cx + cut_w / 2, 0, in.w);
    top = y1;
    left = x1;
    height = y2 - y1;
    width = x2 - x1;
  }
  const double corrected =
      lambda == 1.0 ? 1.0 : 1.0 - static_cast<double>(height) * width / (static_cast<double>(in.h) * in.w);
  args.set("lambda", ArgValue::num(corrected));
  args.set("top", ArgValue::num(top, true));
  args.set("left", ArgValue::num(left, true));
  args.set("height", ArgValue::num(height, true));
  args.set("width", ArgValue::num(width, true));
}

void apply_cutmix(const Args& args, std::vector<Image>& batch) {
  check_batch("cutmix", batch);
  if (batch.empty()) return;
  const Shape s = batch.front().shape;
  const int y1 = std::clamp(args.integer("top"), 0, s.h), y2 = std::clamp(y1 + args.integer("height"), 0, s.h);
  const int x1 = std::clamp(args.integer("left"), 0, s.w), x2 = std::clamp(x1 + args.integer("width"), 0, s.w);
  if (y1 >= y2 || x1 >= x2) return;
  const std::vector<Image> orig = batch;
  const std::size_t b = batch.size();
  for (std::size_t i = 0; i < b; ++i) {
    const Image& other = orig[b - 1 - i];
    Image& img = batch[i];
    for (int ch = 0; ch < s.c; ++ch)
      for (int y = y1; y < y2; ++y) {
        const std::size_t from = img.index(ch, y, x1), to = img.index(ch, y, x2);
        if (img.is_u8())
          std::copy(other.u8.begin() + from, other.u8.begin() + to, img.u8.begin() + from);
        else
          std::copy(other.f32.begin() + from, other.f32.begin() + to, img.f32.begin() + from);
      }
  }
}

}  // namespace

std::vector<BatchOp> batch_ops() {
  return {
      {OpId::Mixup, resolve_mixup, apply_mixup},
      {OpId::Cutmix, resolve_cutmix, apply_cutmix},
  };
}

}  // namespace auger::rt
