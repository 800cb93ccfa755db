#include "runtime/ops/geometry_maps.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "runtime/ops/reference/geometry.h"
#include "runtime/ops/torch_compat/affine_rules.h"

namespace auger::rt::geometry {

namespace {

Mat3 multiply(const Mat3& a, const Mat3& b) {
  Mat3 r{};
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j)
      for (int k = 0; k < 3; ++k) r[3 * i + j] += a[3 * i + k] * b[3 * k + j];
  return r;
}

Mat3 inverse(const Mat3& m) {
  const double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7], i = m[8];
  const double A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
  const double det = a * A + b * B + c * C;
  if (!std::isfinite(det) || std::fabs(det) < 1e-300) throw std::invalid_argument("the op's map is not invertible");
  return {A / det, -(b * i - c * h) / det, (b * f - c * e) / det,
          B / det, (a * i - c * g) / det,  -(a * f - c * d) / det,
          C / det, -(a * h - b * g) / det, (a * e - b * d) / det};
}

Mat3 translation(double tx, double ty) {
  return {1, 0, tx, 0, 1, ty, 0, 0, 1};
}

Mat3 scaling(double sx, double sy) {
  return {sx, 0, 0, 0, sy, 0, 0, 0, 1};
}

// torchvision's affine warps sample input = M (output - c_out) + c_in, with M the inverse affine matrix and c the
// image centres (its base grid is relative to the output's centre); the labels need the inverse of that.
Mat3 affine_forward(const std::array<double, 6>& m, const Shape& in, const Shape& out) {
  const Mat3 sample =
      multiply(translation(in.w * 0.5, in.h * 0.5),
               multiply(Mat3{m[0], m[1], m[2], m[3], m[4], m[5], 0, 0, 1}, translation(-out.w * 0.5, -out.h * 0.5)));
  return inverse(sample);
}

std::array<double, 2> shear_pair(const Args& args) {
  const auto shear = torch_compat::affine_shear(args);
  if (!shear) throw std::invalid_argument("`shear` must be [sx, sy]");
  return *shear;
}

std::array<double, 2> pair_arg(const Args& args, const std::string& name) {
  if (!args.has(name)) return {0.0, 0.0};
  const auto l = args.list(name);
  if (l.size() != 2) throw std::invalid_argument("`" + name + "` must be a pair");
  return {l[0], l[1]};
}

// Python's round(): half to even (the default rounding mode), as center_crop computes its window.
double py_round(double v) {
  return std::nearbyint(v);
}

OpGeometry projective(const Mat3& forward, bool axis_aligned, const Shape& out) {
  OpGeometry g;
  g.forward = forward;
  g.axis_aligned = axis_aligned;
  g.out = out;
  return g;
}

}  // namespace

OpGeometry mirror(OpId id, const Args&, const Shape& in, const Shape& out) {
  const double w = in.w, h = in.h;
  OpGeometry g =
      projective(id == OpId::Hflip ? Mat3{-1, 0, w, 0, 1, 0, 0, 0, 1} : Mat3{1, 0, 0, 0, -1, h, 0, 0, 1}, true, out);
  g.mirror = true;
  return g;
}

namespace {

// Where each crop's window sits in the input, as torchvision places it.
Mat3 crop_window(OpId id, const Args& args, const Shape& in, const Shape& out) {
  switch (id) {
    case OpId::Crop: return translation(-args.number("x"), -args.number("y"));
    case OpId::CenterCrop: {
      // F.center_crop zero-pads an image smaller than the window first (left = dw // 2, top = dh // 2).
      const int dw = out.w - in.w, dh = out.h - in.h;
      const double pl = dw > 0 ? dw / 2 : 0, pt = dh > 0 ? dh / 2 : 0;
      const double pw = dw > 0 ? out.w : in.w, ph = dh > 0 ? out.h : in.h;
      const double left = py_round((pw - out.w) / 2.0), top = py_round((ph - out.h) / 2.0);
      return translation(pl - left, pt - top);
    }
    case OpId::RandomCrop: {
      // RandomCrop: `padding` all round, then pad_if_needed's missing amount on both sides, then the window.
      const double p = args.number("padding", 0);
      const double pw = in.w + 2 * p, ph = in.h + 2 * p;
      const double ex = pw < out.w ? out.w - pw : 0, ey = ph < out.h ? out.h - ph : 0;
      return translation(p + ex - args.number("left"), p + ey - args.number("top"));
    }
    default: {
      // F.resized_crop: the window, then a resize whose pixel centres map (i + 0.5) * scale.
      const double cw = args.number("width"), ch = args.number("height");
      if (cw <= 0 || ch <= 0) throw std::invalid_argument("random_resized_crop with an empty window");
      return multiply(scaling(out.w / cw, out.h / ch), translation(-args.number("left"), -args.number("top")));
    }
  }
}

}  // namespace

OpGeometry crop(OpId id, const Args& args, const Shape& in, const Shape& out) {
  OpGeometry g = projective(crop_window(id, args, in, out), true, out);
  g.crop = true;
  return g;
}

OpGeometry resize(OpId, const Args&, const Shape& in, const Shape& out) {
  return projective(scaling(static_cast<double>(out.w) / in.w, static_cast<double>(out.h) / in.h), true, out);
}

OpGeometry pad(OpId, const Args& args, const Shape&, const Shape& out) {
  return projective(translation(args.number("px"), args.number("px")), true, out);
}

OpGeometry warp(OpId id, const Args& args, const Shape& in, const Shape& out) {
  switch (id) {
    case OpId::Rotate: {
      const auto m = geo::inverse_affine_matrix({0.0, 0.0}, -args.number("angle"), {0.0, 0.0}, 1.0, {0.0, 0.0});
      return projective(affine_forward(m, in, out), false, out);
    }
    case OpId::Affine: {
      const auto m = geo::inverse_affine_matrix({0.0, 0.0}, args.number("angle"), pair_arg(args, "translate"),
                                                args.number("scale", 1.0), shear_pair(args));
      const bool aligned = args.number("angle") == 0 && shear_pair(args) == std::array<double, 2>{0.0, 0.0};
      return projective(affine_forward(m, in, out), aligned, out);
    }
    case OpId::ShearX:
    case OpId::ShearY: {
      const auto m = torch_compat::shear_inverse_matrix(args.number("amount"), id == OpId::ShearX, in.w, in.h);
      return projective(affine_forward(m, in, out), args.number("amount") == 0, out);
    }
    default: {  // translate_x, translate_y
      const double px = args.number("px");
      const std::array<double, 2> t = id == OpId::TranslateX ? std::array<double, 2>{px, 0.0} : std::array{0.0, px};
      const auto m = geo::inverse_affine_matrix({0.0, 0.0}, 0.0, t, 1.0, {0.0, 0.0});
      return projective(affine_forward(m, in, out), true, out);
    }
  }
}

OpGeometry perspective(OpId, const Args& args, const Shape&, const Shape& out) {
  const auto s = args.list("startpoints"), e = args.list("endpoints");
  if (s.size() != 8 || e.size() != 8) throw std::invalid_argument("perspective needs 4 start and 4 end points");
  std::array<double, 8> sp{}, ep{};
  std::copy(s.begin(), s.end(), sp.begin());
  std::copy(e.begin(), e.end(), ep.begin());
  // The pixels sample input = H(output) with torchvision's coefficients (solved in float32, as they are).
  const auto c = geo::perspective_coeffs(sp, ep);
  const Mat3 sample{c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], 1.0};
  return projective(inverse(sample), false, out);
}

OpGeometry nonrigid(OpId, const Args&, const Shape&, const Shape& out) {
  OpGeometry g;
  g.kind = OpGeometry::Kind::Nonrigid;
  g.axis_aligned = false;
  g.out = out;
  return g;
}

}  // namespace auger::rt::geometry
