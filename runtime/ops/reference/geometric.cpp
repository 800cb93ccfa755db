// The geometric ops of ops.md §1 as reference implementations: argument handling, the ops' own draws (resolve) and
// the mapping of each op onto torchvision 0.14's functional calls; the pixel work is in geometry.h's kernels.
//
// Draws replay torchvision's sampling algorithms (RandomCrop, RandomResizedCrop, RandomPerspective .get_params)
// with the statement's counter-based stream instead of torch's generator: same distributions, same tries and
// fallbacks, each value from its own draw index from kOpDrawBase on. Values already present in the arguments (a
// replay of `auger apply`'s params) are kept.
#include <cmath>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "runtime/ops/reference/families.h"
#include "runtime/ops/reference/geometry.h"
#include "runtime/ops/torch_compat/affine_rules.h"

// Agreeing with torch bit for bit needs exactly the roundings written here: where torch's build fuses a
// multiply-add this code says std::fma, and the compiler must not fuse any other (as it would with -mfma).
#if defined(__clang__)
#pragma clang fp contract(off)
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

namespace auger::rt {

namespace {

using geo::Interp;

// Python's int(): truncation toward zero.
int py_int(double v) {
  if (!std::isfinite(v) || std::fabs(v) > 1e9) throw std::invalid_argument("size out of range");
  return static_cast<int>(std::trunc(v));
}

// Python's round() on a float: half to even.
int py_round(double v) {
  return py_int(std::nearbyint(v));
}

// Python's floor division for the non-negative and negative ints that center_crop and the fallbacks use.
int floor_div(int a, int b) {
  return static_cast<int>(std::floor(static_cast<double>(a) / b));
}

bool given(const Args& args, const std::string& name) {
  const auto* v = args.find(name);
  return v && !(v->kind == ArgValue::Kind::Enum && v->text == "none");
}

Interp interp_arg(const Args& args, Interp fallback) {
  const auto t = args.text("interp");
  return t.empty() ? fallback : geo::parse_interp(t);
}

// Warps are nearest or bilinear only, as torchvision's tensor warps.
Interp warp_interp(const Args& args, Interp fallback) {
  const Interp i = interp_arg(args, fallback);
  if (i == Interp::Bicubic)
    throw std::invalid_argument("warps support `nearest` and `bilinear` interpolation (torchvision's tensor backend)");
  return i;
}

geo::Fill fill_arg(const Args& args) {
  if (!given(args, "fill")) return {0.0};
  auto l = args.list("fill");
  return l.empty() ? geo::Fill{0.0} : l;
}

std::uint32_t draw(int k) {
  return kOpDrawBase + static_cast<std::uint32_t>(k);
}

// A `size` argument as (h, w): n is n x n, [h, w] as given; a `%` value is a fraction of the input's extent
// (truncated like Python's int()).
std::array<int, 2> size_arg(const Args& args, const std::string& name, const Shape& in) {
  const ArgValue& v = args.get(name);
  const auto l = args.list(name);
  if (l.empty() || l.size() > 2) throw std::invalid_argument("`" + name + "` must be an int or [h, w]");
  const double h = l[0], w = l.size() == 2 ? l[1] : l[0];
  // Each element is a fraction of its own extent when written with `%` (`[50%, 100]`).
  const bool fh = v.is_fraction(0), fw = v.is_fraction(l.size() == 2 ? 1 : 0);
  std::array<int, 2> hw{py_int(fh ? h * in.h : h), py_int(fw ? w * in.w : w)};
  if (hw[0] <= 0 || hw[1] <= 0) throw std::invalid_argument("`" + name + "` must be positive");
  return hw;
}

// Rewrites a `%` size as pixels ([h, w]), so that apply and `auger apply`'s params see concrete values.
void resolve_size_fraction(Args& args, const std::string& name, const Shape& in) {
  const auto* v = args.find(name);
  if (!v || !(v->fraction || v->is_fraction(0) || v->is_fraction(1))) return;
  const auto hw = size_arg(args, name, in);
  args.set(name, ArgValue::of_list({static_cast<double>(hw[0]), static_cast<double>(hw[1])}));
}

Shape with_hw(Shape s, int h, int w) {
  s.h = h;
  s.w = w;
  return s;
}

Shape keep_shape(Args&, const Shape& in, const rng::DrawStream&) {
  return in;
}

// What a warp does when `fill` is not given. The ops that are F.rotate / F.affine / _apply_op (rotate, affine,
// shear_*, translate_*) inherit their fill=None: grid_sample's zero padding alone, no mask channel, which differs
// from any given fill (0 included) along the border of a bilinear warp. perspective and elastic are
// RandomPerspective and ElasticTransform, which always pass a fill (0 by default) to the functional.
enum class DefaultFill { None, Zero };

// One sampling grid for the image, then grid_sample with the op's interpolation and fill.
void warp(Image& img, const geo::Grid& grid, const Args& args, Interp fallback, DefaultFill by_default) {
  std::optional<geo::Fill> fill;
  if (given(args, "fill") || by_default == DefaultFill::Zero) fill = fill_arg(args);
  geo::grid_sample(img, grid, warp_interp(args, fallback), fill);
}

void warp_affine(Image& img, const std::array<double, 6>& m, const Args& args) {
  warp(img, geo::affine_grid(m, img.w(), img.h(), img.w(), img.h()), args, Interp::Nearest, DefaultFill::None);
}

// --- flips ---

void apply_hflip(const Args&, Image& img) {
  geo::hflip(img);
}
void apply_vflip(const Args&, Image& img) {
  geo::vflip(img);
}

// --- rotate: F.rotate(img, angle, interp, expand, center=None, fill) ---

std::array<double, 6> rotate_matrix(const Args& args) {
  // F.rotate negates the angle: _get_inverse_affine_matrix turns clockwise, rotate counter-clockwise.
  return geo::inverse_affine_matrix({0.0, 0.0}, -args.number("angle"), {0.0, 0.0}, 1.0, {0.0, 0.0});
}

Shape resolve_rotate(Args& args, const Shape& in, const rng::DrawStream&) {
  warp_interp(args, Interp::Nearest);
  if (!args.flag("expand")) return in;
  const auto [ow, oh] = geo::affine_output_size(rotate_matrix(args), in.w, in.h);
  return with_hw(in, oh, ow);
}

void apply_rotate(const Args& args, Image& img) {
  const auto m = rotate_matrix(args);
  int ow = img.w(), oh = img.h();
  if (args.flag("expand")) {
    const auto size = geo::affine_output_size(m, img.w(), img.h());
    ow = size[0];
    oh = size[1];
  }
  warp(img, geo::affine_grid(m, img.w(), img.h(), ow, oh), args, Interp::Nearest, DefaultFill::None);
}

// --- affine: F.affine(img, angle, translate, scale, shear, interp, fill), centre = the image centre ---

std::array<double, 2> translate_arg(const Args& args, const Shape& in) {
  const auto* v = args.find("translate");
  if (!v) return {0.0, 0.0};
  const auto l = args.list("translate");
  if (l.size() != 2) throw std::invalid_argument("`translate` must be [tx, ty]");
  // A `%` translation is a fraction of the width (tx) and height (ty), truncated as torchvision's int().
  return {v->is_fraction(0) ? static_cast<double>(py_int(l[0] * in.w)) : l[0],
          v->is_fraction(1) ? static_cast<double>(py_int(l[1] * in.h)) : l[1]};
}

Shape resolve_affine(Args& args, const Shape& in, const rng::DrawStream&) {
  warp_interp(args, Interp::Nearest);
  if (args.number("scale", 1.0) <= 0) throw std::invalid_argument("`scale` must be positive");
  if (const auto* v = args.find("translate"); v && (v->is_fraction(0) || v->is_fraction(1))) {
    const auto t = translate_arg(args, in);
    args.set("translate", ArgValue::of_list({t[0], t[1]}));
  }
  return in;
}

void apply_affine(const Args& args, Image& img) {
  const auto shear = torch_compat::affine_shear(args);
  if (!shear) throw std::invalid_argument("`shear` must be [sx, sy]");
  const auto m = geo::inverse_affine_matrix({0.0, 0.0}, args.number("angle"), translate_arg(args, img.shape),
                                            args.number("scale", 1.0), *shear);
  warp_affine(img, m, args);
}

// --- shear_x / shear_y: autoaugment._apply_op "ShearX"/"ShearY", about the top-left corner ---

Shape resolve_warp_nearest(Args& args, const Shape& in, const rng::DrawStream&) {
  warp_interp(args, Interp::Nearest);
  return in;
}

void apply_shear(const Args& args, Image& img, bool along_x) {
  warp_affine(img, torch_compat::shear_inverse_matrix(args.number("amount"), along_x, img.w(), img.h()), args);
}
void apply_shear_x(const Args& args, Image& img) {
  apply_shear(args, img, true);
}
void apply_shear_y(const Args& args, Image& img) {
  apply_shear(args, img, false);
}

// --- translate_x / translate_y: _apply_op "TranslateX"/"TranslateY": F.affine(translate=[int(px), 0]) ---

Shape resolve_translate(Args& args, const Shape& in, bool along_x) {
  warp_interp(args, Interp::Nearest);
  const ArgValue& v = args.get("px");
  const double px = v.fraction ? v.number * (along_x ? in.w : in.h) : v.number;
  args.set("px", ArgValue::num(py_int(px), true));
  return in;
}
Shape resolve_translate_x(Args& args, const Shape& in, const rng::DrawStream&) {
  return resolve_translate(args, in, true);
}
Shape resolve_translate_y(Args& args, const Shape& in, const rng::DrawStream&) {
  return resolve_translate(args, in, false);
}

void apply_translate(const Args& args, Image& img, bool along_x) {
  const ArgValue& v = args.get("px");
  const double px = py_int(v.fraction ? v.number * (along_x ? img.w() : img.h()) : v.number);
  const std::array<double, 2> t = along_x ? std::array<double, 2>{px, 0.0} : std::array<double, 2>{0.0, px};
  warp_affine(img, geo::inverse_affine_matrix({0.0, 0.0}, 0.0, t, 1.0, {0.0, 0.0}), args);
}
void apply_translate_x(const Args& args, Image& img) {
  apply_translate(args, img, true);
}
void apply_translate_y(const Args& args, Image& img) {
  apply_translate(args, img, false);
}

// --- perspective: RandomPerspective(distortion, p=1).get_params, then F.perspective ---

Shape resolve_perspective(Args& args, const Shape& in, const rng::DrawStream& draws) {
  warp_interp(args, Interp::Bilinear);
  if (args.has("startpoints") && args.has("endpoints")) return in;
  const double d = args.number("distortion", 0.5);
  if (d < 0 || d > 1) throw std::invalid_argument("`distortion` must lie in [0, 1]");
  const int w = in.w, h = in.h;
  const int dx = py_int(d * (w / 2)), dy = py_int(d * (h / 2));
  auto r = [&](int k, int lo, int hi) { return static_cast<double>(draws.randint(draw(k), lo, hi)); };
  // torchvision draws, in this order: top-left (x, y), top-right, bottom-right, bottom-left.
  const double tlx = r(0, 0, dx), tly = r(1, 0, dy);
  const double trx = r(2, w - dx - 1, w - 1), try_ = r(3, 0, dy);
  const double brx = r(4, w - dx - 1, w - 1), bry = r(5, h - dy - 1, h - 1);
  const double blx = r(6, 0, dx), bly = r(7, h - dy - 1, h - 1);
  const double wm = w - 1, hm = h - 1;
  args.set("startpoints", ArgValue::of_list({0, 0, wm, 0, wm, hm, 0, hm}));
  args.set("endpoints", ArgValue::of_list({tlx, tly, trx, try_, brx, bry, blx, bly}));
  return in;
}

void apply_perspective(const Args& args, Image& img) {
  const auto s = args.list("startpoints"), e = args.list("endpoints");
  if (s.size() != 8 || e.size() != 8) throw std::invalid_argument("perspective needs 4 start and 4 end points");
  std::array<double, 8> sp{}, ep{};
  std::copy(s.begin(), s.end(), sp.begin());
  std::copy(e.begin(), e.end(), ep.begin());
  warp(img, geo::perspective_grid(geo::perspective_coeffs(sp, ep), img.w(), img.h()), args, Interp::Bilinear,
       DefaultFill::Zero);
}

// --- crop: F.crop(img, top=y, left=x, height=h, width=w) ---

Shape resolve_crop(Args& args, const Shape& in, const rng::DrawStream&) {
  const int w = args.integer("w"), h = args.integer("h");
  if (w <= 0 || h <= 0) throw std::invalid_argument("crop `w` and `h` must be positive");
  return with_hw(in, h, w);
}

void apply_crop(const Args& args, Image& img) {
  geo::crop(img, args.integer("y"), args.integer("x"), args.integer("h"), args.integer("w"));
}

// --- center_crop: F.center_crop, zero-padding an image smaller than the window first ---

Shape resolve_center_crop(Args& args, const Shape& in, const rng::DrawStream&) {
  resolve_size_fraction(args, "size", in);
  const auto [h, w] = size_arg(args, "size", in);
  return with_hw(in, h, w);
}

void apply_center_crop(const Args& args, Image& img) {
  const auto [ch, cw] = size_arg(args, "size", img.shape);
  if (cw > img.w() || ch > img.h()) {
    const int dw = cw - img.w(), dh = ch - img.h();
    geo::pad(img, dw > 0 ? dw / 2 : 0, dh > 0 ? dh / 2 : 0, dw > 0 ? (dw + 1) / 2 : 0, dh > 0 ? (dh + 1) / 2 : 0,
             geo::PadMode::Constant, {0.0});
    if (cw == img.w() && ch == img.h()) return;
  }
  const int top = py_round((img.h() - ch) / 2.0), left = py_round((img.w() - cw) / 2.0);
  geo::crop(img, top, left, ch, cw);
}

// --- random_crop: RandomCrop(size, padding, pad_if_needed=True, fill=0, padding_mode="constant") ---

// The padded size RandomCrop.forward reaches before get_params: `padding` all round, then pad_if_needed's missing
// amount on both sides of a dimension still smaller than the window.
std::array<int, 2> random_crop_padded(int h, int w, int padding, int th, int tw) {
  int ph = h + 2 * padding, pw = w + 2 * padding;
  if (pw < tw) pw += 2 * (tw - pw);
  if (ph < th) ph += 2 * (th - ph);
  return {ph, pw};
}

Shape resolve_random_crop(Args& args, const Shape& in, const rng::DrawStream& draws) {
  resolve_size_fraction(args, "size", in);
  const auto [th, tw] = size_arg(args, "size", in);
  const int padding = args.integer("padding", 0);
  if (padding < 0) throw std::invalid_argument("`padding` must not be negative");
  if (!(args.has("top") && args.has("left"))) {
    const auto [ph, pw] = random_crop_padded(in.h, in.w, padding, th, tw);
    int top = 0, left = 0;
    if (!(ph == th && pw == tw)) {  // get_params returns (0, 0) without drawing when the sizes match
      top = static_cast<int>(draws.randint(draw(0), 0, ph - th));
      left = static_cast<int>(draws.randint(draw(1), 0, pw - tw));
    }
    args.set("top", ArgValue::num(top, true));
    args.set("left", ArgValue::num(left, true));
  }
  return with_hw(in, th, tw);
}

void apply_random_crop(const Args& args, Image& img) {
  const auto [th, tw] = size_arg(args, "size", img.shape);
  const int padding = args.integer("padding", 0);
  if (padding > 0) geo::pad(img, padding, padding, padding, padding, geo::PadMode::Constant, {0.0});
  if (img.w() < tw) geo::pad(img, tw - img.w(), 0, tw - img.w(), 0, geo::PadMode::Constant, {0.0});
  if (img.h() < th) geo::pad(img, 0, th - img.h(), 0, th - img.h(), geo::PadMode::Constant, {0.0});
  geo::crop(img, args.integer("top"), args.integer("left"), th, tw);
}

// --- random_resized_crop: RandomResizedCrop.get_params, then F.resized_crop ---

std::array<double, 2> interval_arg(const Args& args, const std::string& name, std::array<double, 2> fallback) {
  if (!args.has(name)) return fallback;
  const auto l = args.list(name);
  if (l.size() != 2) throw std::invalid_argument("`" + name + "` must be an interval [lo, hi]");
  return {l[0], l[1]};
}

Shape resolve_random_resized_crop(Args& args, const Shape& in, const rng::DrawStream& draws) {
  resolve_size_fraction(args, "size", in);
  const auto [oh, ow] = size_arg(args, "size", in);
  interp_arg(args, Interp::Bilinear);
  const auto scale = interval_arg(args, "scale", {0.08, 1.0});
  const auto ratio = interval_arg(args, "ratio", {3.0 / 4.0, 4.0 / 3.0});
  if (!(scale[0] > 0 && scale[0] <= scale[1] && ratio[0] > 0 && ratio[0] <= ratio[1]))
    throw std::invalid_argument("random_resized_crop needs 0 < scale[0] <= scale[1] and 0 < ratio[0] <= ratio[1]");
  if (args.has("top") && args.has("left") && args.has("height") && args.has("width")) return with_hw(in, oh, ow);
  const int height = in.h, width = in.w;
  const double area = static_cast<double>(height) * width;
  // torchvision takes log(ratio) and the draws in float32; the rounding below is Python's round().
  const float log_lo = std::log(static_cast<float>(ratio[0])), log_hi = std::log(static_cast<float>(ratio[1]));
  int top = 0, left = 0, h = 0, w = 0;
  bool found = false;
  for (int t = 0; t < 10 && !found; ++t) {
    const double target_area = area * static_cast<float>(draws.uniform(draw(4 * t), scale[0], scale[1]));
    const double aspect = std::exp(static_cast<float>(draws.uniform(draw(4 * t + 1), log_lo, log_hi)));
    w = py_round(std::sqrt(target_area * aspect));
    h = py_round(std::sqrt(target_area / aspect));
    if (0 < w && w <= width && 0 < h && h <= height) {
      top = static_cast<int>(draws.randint(draw(4 * t + 2), 0, height - h));
      left = static_cast<int>(draws.randint(draw(4 * t + 3), 0, width - w));
      found = true;
    }
  }
  if (!found) {  // the centre-crop fallback
    const double in_ratio = static_cast<double>(width) / height;
    if (in_ratio < ratio[0]) {
      w = width;
      h = py_round(w / ratio[0]);
    } else if (in_ratio > ratio[1]) {
      h = height;
      w = py_round(h * ratio[1]);
    } else {
      w = width;
      h = height;
    }
    top = floor_div(height - h, 2);
    left = floor_div(width - w, 2);
  }
  args.set("top", ArgValue::num(top, true));
  args.set("left", ArgValue::num(left, true));
  args.set("height", ArgValue::num(h, true));
  args.set("width", ArgValue::num(w, true));
  return with_hw(in, oh, ow);
}

void apply_random_resized_crop(const Args& args, Image& img) {
  const auto [oh, ow] = size_arg(args, "size", img.shape);
  geo::crop(img, args.integer("top"), args.integer("left"), args.integer("height"), args.integer("width"));
  geo::resize(img, oh, ow, interp_arg(args, Interp::Bilinear), args.flag("antialias", true));
}

// --- resize: F.resize (tensor backend) ---

// torchvision's _compute_resized_output_size for an int size (the shorter side), with max_size.
std::array<int, 2> shorter_side(int h, int w, int n, int max_size) {
  const int shorter = std::min(h, w), longer = std::max(h, w);
  int new_short = n, new_long = py_int(static_cast<double>(static_cast<long long>(n) * longer) / shorter);
  if (max_size > 0) {
    if (max_size <= n) throw std::invalid_argument("`longer` must be greater than `shorter`");
    if (new_long > max_size) {
      new_short = py_int(static_cast<double>(static_cast<long long>(max_size) * new_short) / new_long);
      new_long = max_size;
    }
  }
  return w <= h ? std::array<int, 2>{new_long, new_short} : std::array<int, 2>{new_short, new_long};
}

std::array<int, 2> resize_target(const Args& args, const Shape& in) {
  std::array<int, 2> hw{};
  if (given(args, "size")) {
    const ArgValue& v = args.get("size");
    const auto l = args.list("size");
    if (v.is_fraction(0) || l.size() == 2) {
      hw = size_arg(args, "size", in);
    } else if (l.size() == 1) {
      hw = shorter_side(in.h, in.w, py_int(l[0]), 0);
    } else {
      throw std::invalid_argument("`size` must be an int or [h, w]");
    }
  } else if (given(args, "shorter")) {
    hw = shorter_side(in.h, in.w, args.integer("shorter"), given(args, "longer") ? args.integer("longer") : 0);
  } else if (given(args, "longer")) {
    // The longer side becomes n, the shorter int(n * short / long).
    const int n = args.integer("longer");
    if (in.w <= in.h)
      hw = {n, py_int(static_cast<double>(static_cast<long long>(n) * in.w) / in.h)};
    else
      hw = {py_int(static_cast<double>(static_cast<long long>(n) * in.h) / in.w), n};
  } else {
    throw std::invalid_argument("resize needs `size`, `shorter` or `longer`");
  }
  if (hw[0] <= 0 || hw[1] <= 0) throw std::invalid_argument("resize to an empty image");
  return hw;
}

Shape resolve_resize(Args& args, const Shape& in, const rng::DrawStream&) {
  interp_arg(args, Interp::Bilinear);
  resolve_size_fraction(args, "size", in);
  const auto [h, w] = resize_target(args, in);
  return with_hw(in, h, w);
}

void apply_resize(const Args& args, Image& img) {
  const auto [h, w] = resize_target(args, img.shape);
  geo::resize(img, h, w, interp_arg(args, Interp::Bilinear), args.flag("antialias", true));
}

// --- pad: F.pad(img, px, fill, padding_mode) ---

geo::PadMode pad_mode_arg(const Args& args) {
  const auto t = args.text("mode");
  return t.empty() ? geo::PadMode::Constant : geo::parse_pad_mode(t);
}

Shape resolve_pad(Args& args, const Shape& in, const rng::DrawStream&) {
  const int px = args.integer("px");
  if (px < 0) throw std::invalid_argument("`px` must not be negative");
  pad_mode_arg(args);
  return with_hw(in, in.h + 2 * px, in.w + 2 * px);
}

void apply_pad(const Args& args, Image& img) {
  const int px = args.integer("px");
  geo::pad(img, px, px, px, px, pad_mode_arg(args), fill_arg(args));
}

// --- elastic: ElasticTransform (0.15 semantics), the noise from a drawn seed (formula in warp.cpp) ---

constexpr std::int64_t kMaxSeed = (std::int64_t{1} << 53) - 1;  // exact in the double an ArgValue holds

Shape resolve_elastic(Args& args, const Shape& in, const rng::DrawStream& draws) {
  warp_interp(args, Interp::Bilinear);
  if (args.number("alpha") < 0 || args.number("sigma") < 0)
    throw std::invalid_argument("`alpha` and `sigma` must not be negative");
  if (!args.has("noise_seed"))
    args.set("noise_seed", ArgValue::num(static_cast<double>(draws.randint(draw(0), 0, kMaxSeed)), true));
  return in;
}

void apply_elastic(const Args& args, Image& img) {
  const auto seed = static_cast<std::uint64_t>(args.number("noise_seed"));
  warp(img, geo::elastic_grid(img.w(), img.h(), seed, args.number("alpha"), args.number("sigma")), args,
       Interp::Bilinear, DefaultFill::Zero);
}

}  // namespace

std::vector<ImageOp> geometric_ops() {
  return {
      {OpId::Hflip, keep_shape, apply_hflip},
      {OpId::Vflip, keep_shape, apply_vflip},
      {OpId::Rotate, resolve_rotate, apply_rotate},
      {OpId::Affine, resolve_affine, apply_affine},
      {OpId::ShearX, resolve_warp_nearest, apply_shear_x},
      {OpId::ShearY, resolve_warp_nearest, apply_shear_y},
      {OpId::TranslateX, resolve_translate_x, apply_translate_x},
      {OpId::TranslateY, resolve_translate_y, apply_translate_y},
      {OpId::Perspective, resolve_perspective, apply_perspective},
      {OpId::Crop, resolve_crop, apply_crop},
      {OpId::CenterCrop, resolve_center_crop, apply_center_crop},
      {OpId::RandomCrop, resolve_random_crop, apply_random_crop},
      {OpId::RandomResizedCrop, resolve_random_resized_crop, apply_random_resized_crop},
      {OpId::Resize, resolve_resize, apply_resize},
      {OpId::Pad, resolve_pad, apply_pad},
      {OpId::Elastic, resolve_elastic, apply_elastic},
  };
}

}  // namespace auger::rt
