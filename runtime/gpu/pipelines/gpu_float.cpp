#include "runtime/gpu/pipelines/gpu_float.h"

#include <string>

namespace auger::rt::gpu {

using Halide::Expr;

namespace {

Expr libdevice(const std::string& name, const std::vector<Expr>& args) {
  std::vector<Expr> f32;
  for (const auto& a : args) f32.push_back(Halide::cast<float>(a));
  return Halide::Internal::Call::make(Halide::Float(32), name, f32, Halide::Internal::Call::PureExtern);
}

}  // namespace

Expr mul_rn(const Expr& a, const Expr& b) {
  return libdevice("__nv_fmul_rn", {a, b});
}
Expr add_rn(const Expr& a, const Expr& b) {
  return libdevice("__nv_fadd_rn", {a, b});
}
Expr sub_rn(const Expr& a, const Expr& b) {
  return libdevice("__nv_fsub_rn", {a, b});
}
Expr div_rn(const Expr& a, const Expr& b) {
  return libdevice("__nv_fdiv_rn", {a, b});
}
Expr fma_rn(const Expr& a, const Expr& b, const Expr& c) {
  return libdevice("__nv_fmaf", {a, b, c});
}

Expr round_to_u8(const Expr& v) {
  return Halide::cast<uint8_t>(Halide::clamp(Halide::round(v), 0.0f, 255.0f));
}

Expr trunc_to_u8(const Expr& v) {
  return Halide::cast<uint8_t>(Halide::clamp(v, 0.0f, 255.0f));
}

Expr u8_over_255(const Expr& v) {
  return Halide::cast<float>(Halide::cast<double>(Halide::cast<int>(v)) * Expr(1.0 / 255.0));
}

Expr gray_u8(const Expr& r, const Expr& g, const Expr& b) {
  const Expr fr = Halide::cast<float>(r), fg = Halide::cast<float>(g), fb = Halide::cast<float>(b);
  const Expr luma = add_rn(add_rn(mul_rn(0.2989f, fr), mul_rn(0.587f, fg)), mul_rn(0.114f, fb));
  return Halide::cast<float>(Halide::cast<uint8_t>(luma));
}

Halide::Tuple saturation_rgb(const Expr& r, const Expr& g, const Expr& b, const Expr& ratio, const Expr& rest) {
  const Expr l = gray_u8(r, g, b);
  auto one = [&](const Expr& v) { return trunc_to_u8(add_rn(mul_rn(ratio, Halide::cast<float>(v)), mul_rn(rest, l))); };
  return {one(r), one(g), one(b)};
}

// halide_steps.cpp's hue(), with every f32 operation made explicit (see the reasoning there).
Halide::Tuple hue_rgb(const Expr& r8, const Expr& g8, const Expr& b8, const Expr& shift) {
  const Expr r = u8_over_255(r8), g = u8_over_255(g8), b = u8_over_255(b8);
  const Expr maxc = Halide::max(r, g, b), minc = Halide::min(r, g, b);
  const Expr eqc = maxc == minc;
  const Expr cr = sub_rn(maxc, minc);
  const Expr s = div_rn(cr, Halide::select(eqc, 1.0f, maxc));
  const Expr div = Halide::select(eqc, 1.0f, cr);
  const Expr is_r = maxc == r, is_g = maxc == g;
  const Expr first =
      div_rn(Halide::select(is_r, sub_rn(maxc, b), Halide::select(is_g, sub_rn(maxc, r), sub_rn(maxc, g))), div);
  const Expr second =
      div_rn(Halide::select(is_r, sub_rn(maxc, g), Halide::select(is_g, sub_rn(maxc, b), sub_rn(maxc, r))), div);
  const Expr h = sub_rn(add_rn(Halide::select(is_r, 0.0f, Halide::select(is_g, 2.0f, 4.0f)), first), second);
  Expr h1 = add_rn(Halide::cast<float>(Halide::cast<double>(h) * Expr(1.0 / 6.0)), 1.0f);
  h1 = Halide::select(h1 >= 1.0f, sub_rn(h1, 1.0f), h1);
  Expr h2 = add_rn(h1, shift);
  h2 = Halide::select(h2 < 0.0f, sub_rn(h2, -1.0f), Halide::select(h2 >= 1.0f, sub_rn(h2, 1.0f), h2));
  const Expr v = maxc;
  const Expr h6 = mul_rn(h2, 6.0f);
  Expr i = Halide::cast<int>(h6);
  const Expr f = sub_rn(h6, Halide::cast<float>(i));
  i = Halide::select(i >= 6, i - 6, i);
  const Expr pp = Halide::clamp(mul_rn(v, sub_rn(1.0f, s)), 0.0f, 1.0f);
  const Expr q = Halide::clamp(mul_rn(v, sub_rn(1.0f, mul_rn(s, f))), 0.0f, 1.0f);
  const Expr t = Halide::clamp(mul_rn(v, sub_rn(1.0f, mul_rn(s, sub_rn(1.0f, f)))), 0.0f, 1.0f);
  auto pick = [&](const Expr& a0, const Expr& a1, const Expr& a2, const Expr& a3, const Expr& a4, const Expr& a5) {
    return Halide::cast<uint8_t>(mul_rn(Halide::mux(i, {a0, a1, a2, a3, a4, a5}), 255.0f));
  };
  return {pick(v, q, pp, pp, t, v), pick(t, v, v, q, pp, pp), pick(pp, pp, t, v, v, q)};
}

}  // namespace auger::rt::gpu
