// The pointwise steps of fused kernels (tables, saturation, hue) and the store steps (to_float, normalize,
// rectangles, noise). Each reproduces its reference op's float32 arithmetic operation by operation.
#include <string>

#include "runtime/fused/halide_build.h"

namespace auger::rt::fused {

using Halide::Expr;
using Halide::Func;
using Halide::ImageParam;
using Halide::Tuple;

namespace {

// rgb_to_grayscale on u8: `0.2989 * r + 0.587 * g + 0.114 * b` in f32, left to right, truncated by `.to(uint8)`
// (torch_compat::gray_luma_u8, runtime/ops/torch_compat/color_rules.h, as a Halide expression).
Expr gray_u8(const Expr& r, const Expr& g, const Expr& b) {
  return Halide::cast<float>(Halide::cast<uint8_t>((0.2989f * r + 0.587f * g) + 0.114f * b));
}

// x / 255 for a u8 x, exactly as the f32 division: the double product with 1/255 rounds to the same float for all
// 256 values (checked exhaustively), and costs less than a vector division.
Expr u8_over_255(const Expr& v) {
  return Halide::cast<float>(Halide::cast<double>(Halide::cast<int>(v)) * Halide::Expr(1.0 / 255.0));
}

// A cross-channel step computes all three channels of a pixel at once (a Tuple per row), so what feeds it is
// evaluated once per pixel, not once per output channel.
Value from_tuple(BuildContext& ctx, Func t, const std::string& name) {
  ctx.row_funcs.push_back(t);
  Func f(name);
  f(ctx.x, ctx.y, ctx.c) = Halide::mux(ctx.c, {t(ctx.x, ctx.y)[0], t(ctx.x, ctx.y)[1], t(ctx.x, ctx.y)[2]});
  return {f, false};
}

Value saturation(BuildContext& ctx, const std::string& pre, const Value& in) {
  Expr ratio = ctx.params.f32(pre + "ratio"), rest = ctx.params.f32(pre + "rest");
  const Expr& x = ctx.x;
  const Expr& y = ctx.y;
  Expr r = Halide::cast<float>(in.f(x, y, 0)), g = Halide::cast<float>(in.f(x, y, 1));
  Expr b = Halide::cast<float>(in.f(x, y, 2));
  Expr l = gray_u8(r, g, b);
  Func t(pre + "saturation");
  t(ctx.x, ctx.y) =
      Tuple(trunc_to_u8(ratio * r + rest * l), trunc_to_u8(ratio * g + rest * l), trunc_to_u8(ratio * b + rest * l));
  return from_tuple(ctx, t, pre + "saturation_c");
}

// torchvision's _rgb2hsv, the shift, _hsv2rgb on one pixel (see color.cpp's hue_pixel for the reasoning).
Value hue(BuildContext& ctx, const std::string& pre, const Value& in) {
  Expr shift = ctx.params.f32(pre + "shift");
  const Expr& x = ctx.x;
  const Expr& y = ctx.y;
  Expr r = u8_over_255(in.f(x, y, 0)), g = u8_over_255(in.f(x, y, 1)), b = u8_over_255(in.f(x, y, 2));
  Expr maxc = Halide::max(r, g, b), minc = Halide::min(r, g, b);
  Expr eqc = maxc == minc;
  Expr cr = maxc - minc;
  Expr s = cr / Halide::select(eqc, 1.0f, maxc);
  Expr div = Halide::select(eqc, 1.0f, cr);
  // h = bc - gc, (2 + rc) - bc or (4 + gc) - rc by which channel is the maximum, with xc = (maxc - x) / div: only
  // two of the three quotients are used, so only two divisions are made ((0 + bc) is bc exactly).
  Expr is_r = maxc == r, is_g = maxc == g;
  Expr first = Halide::select(is_r, maxc - b, Halide::select(is_g, maxc - r, maxc - g)) / div;
  Expr second = Halide::select(is_r, maxc - g, Halide::select(is_g, maxc - b, maxc - r)) / div;
  Expr h = (Halide::select(is_r, 0.0f, Halide::select(is_g, 2.0f, 4.0f)) + first) - second;
  // h / 6 exactly, without a division: the double product with 1/6 rounds to the quotient's float for every f32 h
  // with |h| <= 6 (checked exhaustively; the hue here is in [-1, 5]).
  Expr h1 = Halide::cast<float>(Halide::cast<double>(h) * Halide::Expr(1.0 / 6.0)) + 1.0f;
  // fmod(h1, 1) = h1 - floor(h1), exactly; h1 is in [5/6, 11/6], so the floor is 0 or 1.
  h1 = Halide::select(h1 >= 1.0f, h1 - 1.0f, h1);
  // torch's remainder of the shifted hue (the divisor's sign): h2 - floor(h2) for h2 in [-0.5, 1.5), the same
  // f32 operations as the floor would give (including the rounding when a negative hue wraps).
  Expr h2 = h1 + shift;
  h2 = Halide::select(h2 < 0.0f, h2 - (-1.0f), Halide::select(h2 >= 1.0f, h2 - 1.0f, h2));
  Expr v = maxc;
  Expr h6 = h2 * 6.0f;
  // floor(h6) for h6 in [0, 6] is the truncating conversion; `% 6` only maps 6 to 0 (a select vectorises where
  // the integer remainder takes 64-bit multiplies).
  Expr i = Halide::cast<int>(h6);
  Expr fi = Halide::cast<float>(i);
  Expr f = h6 - fi;
  i = Halide::select(i >= 6, i - 6, i);
  Expr pp = Halide::clamp(v * (1.0f - s), 0.0f, 1.0f);
  Expr q = Halide::clamp(v * (1.0f - s * f), 0.0f, 1.0f);
  Expr t = Halide::clamp(v * (1.0f - s * (1.0f - f)), 0.0f, 1.0f);
  auto pick = [&](const Expr& a0, const Expr& a1, const Expr& a2, const Expr& a3, const Expr& a4, const Expr& a5) {
    return Halide::cast<uint8_t>(Halide::mux(i, {a0, a1, a2, a3, a4, a5}) * 255.0f);
  };
  Func out(pre + "hue");
  out(ctx.x, ctx.y) = Tuple(pick(v, q, pp, pp, t, v), pick(t, v, v, q, pp, pp), pick(pp, pp, t, v, v, q));
  return from_tuple(ctx, out, pre + "hue_c");
}

}  // namespace

Value build_step(BuildContext& ctx, const Step& step, int index, const Value& in) {
  auto& p = ctx.params;
  const std::string pre = step_prefix(index);
  const Halide::Var& x = ctx.x;
  const Halide::Var& y = ctx.y;
  const Halide::Var& c = ctx.c;
  Expr v = in.f(x, y, c);
  Func f(pre + step_name(step.kind));
  switch (step.kind) {
    case StepKind::Lut: {
      ImageParam lut = p.image(Halide::UInt(8), 2, pre + "lut");  // (value, channel)
      f(x, y, c) = lut(Halide::cast<int>(v), c);
      return {f, false};
    }
    case StepKind::Blend: {
      // _blend(img, other, ratio): `ratio * x + (1 - ratio) * other` in f32, truncated (torch_compat::blend; the
      // weights are torch_compat::blend_weights, bound by prepare_steps.cpp).
      Expr ratio = p.f32(pre + "ratio"), rest = p.f32(pre + "rest"), other = p.f32(pre + "other");
      f(x, y, c) = trunc_to_u8(ratio * Halide::cast<float>(v) + rest * other);
      return {f, false};
    }
    case StepKind::Invert: f(x, y, c) = Halide::cast<uint8_t>(255 - Halide::cast<int>(v)); return {f, false};
    case StepKind::Posterize: {
      Expr mask = p.i32(pre + "mask");
      f(x, y, c) = Halide::cast<uint8_t>(Halide::cast<int>(v) & mask);
      return {f, false};
    }
    case StepKind::Solarize: {
      Expr threshold = p.f32(pre + "threshold");  // compared in f32, as the reference
      f(x, y, c) =
          Halide::select(Halide::cast<float>(v) >= threshold, Halide::cast<uint8_t>(255 - Halide::cast<int>(v)), v);
      return {f, false};
    }
    case StepKind::Autocontrast: {
      ImageParam lo = p.image(Halide::Float(32), 1, pre + "lo"), scale = p.image(Halide::Float(32), 1, pre + "scale");
      f(x, y, c) = trunc_to_u8((Halide::cast<float>(v) - lo(c)) * scale(c));
      return {f, false};
    }
    case StepKind::Saturation: return saturation(ctx, pre, in);
    case StepKind::Hue: return hue(ctx, pre, in);
    case StepKind::ToFloat:
      // `image.to(float32) / 255`: a true division, not a product with 1/255.
      f(x, y, c) = in.f32 ? v : u8_over_255(v);
      return {f, true};
    case StepKind::Normalize: {
      ImageParam mean = p.image(Halide::Float(32), 1, pre + "mean"), sd = p.image(Halide::Float(32), 1, pre + "std");
      f(x, y, c) = (v - mean(c)) / sd(c);
      return {f, true};
    }
    case StepKind::Paint: {
      // Rectangles [x1, x2) x [y1, y2), as (x1, x2, y1, y2) columns; the fill already in the value's scale.
      ImageParam rects = p.image(Halide::Int(32), 2, pre + "rects");
      ImageParam fill = p.image(Halide::Float(32), 1, pre + "fill");
      Halide::RDom r(0, rects.dim(1).extent(), pre + "r");
      // The mask of a row, one rectangle at a time across the vector of x (an inline reduction would loop over
      // the rectangles per pixel, unvectorised).
      Func hit(pre + "hit");
      hit(x, y) = Halide::cast<uint8_t>(0);
      hit(x, y) = Halide::select(x >= rects(0, r) && x < rects(1, r) && y >= rects(2, r) && y < rects(3, r),
                                 Halide::cast<uint8_t>(1), hit(x, y));
      hit.update().reorder(x, r);
      ctx.row_funcs.push_back(hit);
      Expr painted = in.f32 ? fill(c) : Halide::cast<uint8_t>(fill(c));
      f(x, y, c) = Halide::select(hit(x, y) != 0, painted, v);
      return {f, in.f32};
    }
    case StepKind::NoiseRect: {
      // One rectangle filled from a host-drawn patch: (x1, x2, y1, y2, left, top).
      ImageParam rect = p.image(Halide::Int(32), 1, pre + "rect");
      ImageParam patch = p.image(in.f32 ? Halide::Float(32) : Halide::UInt(8), 3, pre + "patch");
      Expr inside = x >= rect(0) && x < rect(1) && y >= rect(2) && y < rect(3);
      Expr px = Halide::clamp(x - rect(4), 0, patch.dim(0).extent() - 1);
      Expr py = Halide::clamp(y - rect(5), 0, patch.dim(1).extent() - 1);
      f(x, y, c) = Halide::select(inside, patch(px, py, c), v);
      return {f, in.f32};
    }
    case StepKind::Noise: {
      ImageParam noise = p.image(Halide::Float(32), 3, pre + "noise");  // std * z, already rounded to f32
      Expr out = v + noise(x, y, c);
      f(x, y, c) = step.clip ? Halide::clamp(out, 0.0f, 1.0f) : out;
      return {f, true};
    }
  }
  return in;
}

}  // namespace auger::rt::fused
