// The geometry heads: remaps composed into index maps, resample tables (with the host's horizontal pass), warp
// matrices. Argument handling mirrors runtime/ops/reference/geometric.cpp; the matrices come from the reference's
// own helpers (geometry.h), so both paths sample with the same numbers.
#include <algorithm>
#include <cmath>
#include <string>

#include "runtime/fused/prepare_parts.h"
#include "runtime/fused/resample_pass.h"
#include "runtime/fused/warp_pass.h"
#include "runtime/ops/image_op.h"
#include "runtime/ops/op_record.h"
#include "runtime/ops/reference/geometry.h"
#include "runtime/ops/torch_compat/affine_rules.h"
#include "runtime/ops/torch_compat/pixel_rules.h"

namespace auger::rt::fused {

namespace {

Shape resolved_shape(const AppliedOp& op, const Shape& in) {
  const ImageOp* ref = find_image_op(op.op);
  Args copy = op.args;
  const rng::DrawStream none(0, 0, "", "");
  return ref->resolve(copy, in, none);
}

bool chain_of(const std::vector<AppliedOp>& ops, int begin, int end, RemapChain& chain) {
  for (int i = begin; i < end; ++i)
    if (!chain.append(ops[static_cast<std::size_t>(i)])) return false;
  return true;
}

// --- Remap ---------------------------------------------------------------------------------------------------

bool remap(const PlannedKernel& k, const std::vector<AppliedOp>& ops, const Image& input, PreparedKernel& pk,
           Binder& b) {
  RemapChain chain(input.shape);
  if (!chain_of(ops, k.begin, k.tail, chain)) return false;
  pk.spec.head = Head::Remap;
  pk.spec.post_fill = chain.has_fill();
  b.image("in", input);
  b.table("map_x", chain.x().src);
  b.table("map_y", chain.y().src);
  if (pk.spec.post_fill && !bind_fills(b, chain, input.c())) return false;
  pk.out_shape = chain.shape();
  return true;
}

// --- Resample ------------------------------------------------------------------------------------------------

// The taps of each output index after the remaps that follow the resample: a filled index gets zero weights.
AxisTaps through_post(const AxisTaps& t, const AxisMap& post) {
  // An identity over the whole table only: a crop at the origin keeps src[i] == i but is shorter.
  if (post.is_identity() && static_cast<std::size_t>(post.size()) * static_cast<std::size_t>(t.taps) == t.index.size())
    return t;
  AxisTaps o;
  o.taps = t.taps;
  const std::size_t k = static_cast<std::size_t>(t.taps), n = static_cast<std::size_t>(post.size()) * k;
  o.index.resize(n);
  o.weight.resize(n);
  o.add.resize(n);
  for (int i = 0; i < post.size(); ++i) {
    const int src = post.code[static_cast<std::size_t>(i)] >= 0 ? -1 : post.src[static_cast<std::size_t>(i)];
    const std::size_t from = static_cast<std::size_t>(std::max(src, 0)) * k, to = static_cast<std::size_t>(i) * k;
    for (std::size_t j = 0; j < k; ++j) {
      o.index[to + j] = t.index[from + j];
      o.weight[to + j] = src < 0 ? 0.0f : t.weight[from + j];
      o.add[to + j] = t.add[from + j];
    }
  }
  return o;
}

std::vector<std::vector<std::uint8_t>> fills_u8(const RemapChain& chain, int channels, bool* ok) {
  std::vector<std::vector<std::uint8_t>> out;
  for (const auto& f : chain.fills()) {
    std::vector<double> v;
    if (!per_channel(f, channels, &v)) *ok = false;
    std::vector<std::uint8_t> u;
    for (double d : v) u.push_back(fill_u8(d));
    if (u.empty()) u.push_back(0);
    out.push_back(u);
  }
  return out;
}

bool resample(const PlannedKernel& k, const std::vector<AppliedOp>& ops, const Image& input, PreparedKernel& pk,
              Binder& b) {
  const AppliedOp& op = ops[static_cast<std::size_t>(k.interp)];
  RemapChain pre(input.shape);
  if (!chain_of(ops, k.begin, k.interp, pre)) return false;
  const Shape before = pre.shape();
  if (op_id(op.op) == OpId::RandomResizedCrop) {
    const Args& a = op.args;
    if (!a.has("top") || !a.has("left") || !a.has("height") || !a.has("width")) return false;
    if (a.integer("height") <= 0 || a.integer("width") <= 0) return false;
    pre.crop(a.integer("top"), a.integer("left"), a.integer("height"), a.integer("width"));
  } else if (op.op != "resize") {
    return false;
  }
  const Shape out = resolved_shape(op, before);
  Interp interp;
  if (!parse_interp(op.args, "bilinear", &interp)) return false;
  const bool antialias = op.args.flag("antialias", true);
  const int vw = pre.shape().w, vh = pre.shape().h;
  if (vw <= 0 || vh <= 0 || out.w <= 0 || out.h <= 0) return false;
  // F.resize hands the input back untouched when the size does not change: identity tables do the same.
  const bool same = out.w == vw && out.h == vh;
  const auto cols = same ? cached_identity_taps(vw) : cached_resample_taps(vw, out.w, interp, antialias);
  const auto rows = same ? cached_identity_taps(vh) : cached_resample_taps(vh, out.h, interp, antialias);

  RemapChain post(Shape{input.c(), out.h, out.w, input.shape.elem});
  if (!chain_of(ops, k.interp + 1, k.tail, post)) return false;
  AxisTaps col_taps = through_post(*cols, post.x());
  AxisTaps row_taps = through_post(*rows, post.y());

  bool ok = true;
  const auto fills = fills_u8(pre, input.c(), &ok);
  if (!ok) return false;
  const ResamplePass pass(std::move(col_taps), std::move(row_taps));
  std::uint8_t* rows_out = b.sampled(pass.width(), pass.height(), input.c(), post.has_fill());
  Scratch own;
  pass.run(input, pre.x(), pre.y(), fills, rows_out, b.scratch() ? *b.scratch() : own);

  pk.spec.head = Head::Sampled;
  pk.spec.post_fill = post.has_fill();
  if (pk.spec.post_fill && !bind_fills(b, post, input.c())) return false;
  pk.out_shape = post.shape();
  return true;
}

// --- Warp ----------------------------------------------------------------------------------------------------

// Python's int(): truncation toward zero.
bool py_int(double v, double* out) {
  if (!std::isfinite(v) || std::fabs(v) > 1e9) return false;
  *out = std::trunc(v);
  return true;
}

struct WarpSetup {
  std::array<double, 6> matrix{};
  std::array<double, 8> coeffs{};
  bool perspective = false;
  int ow = 0, oh = 0;
};

// The inverse matrix (or perspective coefficients) and output size of a warp op on a w x h image, as
// geometric.cpp's apply functions compute them.
bool warp_setup(const AppliedOp& op, int w, int h, WarpSetup* s) {
  const OpId id = op_id(op.op);
  const Args& a = op.args;
  s->ow = w;
  s->oh = h;
  if (id == OpId::Rotate) {
    s->matrix = geo::inverse_affine_matrix({0.0, 0.0}, -a.number("angle"), {0.0, 0.0}, 1.0, {0.0, 0.0});
    if (a.flag("expand")) {
      const auto size = geo::affine_output_size(s->matrix, w, h);
      s->ow = size[0];
      s->oh = size[1];
    }
    return true;
  }
  if (id == OpId::Affine) {
    const auto shear = torch_compat::affine_shear(a);
    if (!shear) return false;
    std::array<double, 2> translate = {0.0, 0.0};
    if (const auto* v = a.find("translate")) {
      const auto l = a.list("translate");
      if (l.size() != 2) return false;
      // Each element is a fraction of its own extent when written with `%` (`[10%, 5]`).
      translate = {l[0], l[1]};
      if (v->is_fraction(0) && !py_int(l[0] * w, &translate[0])) return false;
      if (v->is_fraction(1) && !py_int(l[1] * h, &translate[1])) return false;
    }
    if (a.number("scale", 1.0) <= 0) return false;
    s->matrix = geo::inverse_affine_matrix({0.0, 0.0}, a.number("angle"), translate, a.number("scale", 1.0), *shear);
    return true;
  }
  if (id == OpId::ShearX || id == OpId::ShearY) {
    s->matrix = torch_compat::shear_inverse_matrix(a.number("amount"), id == OpId::ShearX, w, h);
    return true;
  }
  if (id == OpId::TranslateX || id == OpId::TranslateY) {
    const ArgValue* v = a.find("px");
    if (!v) return false;
    const bool along_x = id == OpId::TranslateX;
    double px;
    if (!py_int(v->fraction ? v->number * (along_x ? w : h) : v->number, &px)) return false;
    const std::array<double, 2> t = along_x ? std::array<double, 2>{px, 0.0} : std::array<double, 2>{0.0, px};
    s->matrix = geo::inverse_affine_matrix({0.0, 0.0}, 0.0, t, 1.0, {0.0, 0.0});
    return true;
  }
  if (id == OpId::Perspective) {
    const auto sp = a.list("startpoints"), ep = a.list("endpoints");
    if (sp.size() != 8 || ep.size() != 8) return false;
    std::array<double, 8> s8{}, e8{};
    std::copy(sp.begin(), sp.end(), s8.begin());
    std::copy(ep.begin(), ep.end(), e8.begin());
    s->coeffs = geo::perspective_coeffs(s8, e8);
    s->perspective = true;
    return true;
  }
  return false;
}

// grid_sample's f32 fill as the reference stores every u8 result (torch_compat::round_u8).
std::uint8_t fill_rounded(double v) {
  return torch_compat::round_u8(static_cast<float>(v));
}

// The nearest affine warp on the host (warp_pass.h); the kernel starts from its pixels.
bool host_nearest_warp(const WarpSetup& s, int w, int h, const std::vector<double>& fills, const RemapChain& post,
                       const Image& input, PreparedKernel& pk, Binder& b) {
  AffineGrid g;
  torch_compat::affine_theta_rows(s.matrix, w, h, g.r);
  g.base_x = torch_compat::affine_base_start(s.ow);
  g.base_y = torch_compat::affine_base_start(s.oh);
  g.half_w = torch_compat::grid_half_size(w);
  g.half_h = torch_compat::grid_half_size(h);
  std::vector<std::uint8_t> fill;
  for (double f : fills) fill.push_back(fill_rounded(f));
  const int ow = post.shape().w, oh = post.shape().h, nc = input.c();
  std::uint8_t* out = b.sampled(ow, oh, nc, post.has_fill());
  nearest_affine_warp(input, g, post.x().src, post.y().src, fill, out);
  pk.spec.head = Head::Sampled;
  pk.spec.post_fill = post.has_fill();
  if (pk.spec.post_fill && !bind_fills(b, post, nc)) return false;
  pk.out_shape = post.shape();
  return true;
}

bool warp(const PlannedKernel& k, const std::vector<AppliedOp>& ops, const Image& input, PreparedKernel& pk,
          Binder& b) {
  const AppliedOp& op = ops[static_cast<std::size_t>(k.interp)];
  const bool perspective = op_id(op.op) == OpId::Perspective;
  RemapChain pre(input.shape);
  if (!chain_of(ops, k.begin, k.interp, pre)) return false;
  const int w = pre.shape().w, h = pre.shape().h, nc = input.c();
  if (w <= 0 || h <= 0) return false;
  Interp interp;
  if (!parse_interp(op.args, perspective ? "bilinear" : "nearest", &interp) || interp == Interp::Bicubic) return false;
  WarpSetup s;
  if (!warp_setup(op, w, h, &s) || s.ow <= 0 || s.oh <= 0) return false;

  // torchvision's fill, as the reference's warp() takes it: a given fill goes through the mask channel; without one,
  // perspective (RandomPerspective) fills 0 through the mask and the F.rotate / F.affine ops have fill=None, the
  // zero padding alone (the same pixels for nearest; for bilinear the border is not blended with the mask).
  std::vector<double> fill = {0.0};
  const auto* given = op.args.find("fill");
  if (given && given->kind == ArgValue::Kind::Enum && given->text == "none") given = nullptr;
  if (given) {
    const auto l = op.args.list("fill");
    if (!l.empty()) fill = l;
  }
  const bool mask_fill = given || perspective;
  std::vector<double> fills;
  if (!per_channel(fill, nc, &fills)) return false;

  RemapChain post(Shape{nc, s.oh, s.ow, input.shape.elem});
  if (!chain_of(ops, k.interp + 1, k.tail, post)) return false;
  KernelSpec& spec = pk.spec;
  if (interp == Interp::Nearest && !s.perspective && pre.is_identity())
    return host_nearest_warp(s, w, h, fills, post, input, pk, b);
  spec.head = Head::Warp;
  spec.nearest = interp == Interp::Nearest;
  spec.perspective = s.perspective;
  b.image("in", input);
  // affine_grid / perspective_grid's rescaled rows, in float32 as the reference builds them.
  float r[2][3];
  if (s.perspective)
    torch_compat::perspective_theta_rows(s.coeffs, s.ow, s.oh, r);
  else
    torch_compat::affine_theta_rows(s.matrix, w, h, r);
  static const char* const kRowNames[2][3] = {{"grid_00", "grid_01", "grid_02"}, {"grid_10", "grid_11", "grid_12"}};
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j) b.f32(kRowNames[i][j], r[i][j]);
  if (s.perspective) {
    b.f32("c6", static_cast<float>(s.coeffs[6]));
    b.f32("c7", static_cast<float>(s.coeffs[7]));
  } else {
    b.f32("base_x", torch_compat::affine_base_start(s.ow));
    b.f32("base_y", torch_compat::affine_base_start(s.oh));
  }
  b.f32("half_w", torch_compat::grid_half_size(w));
  b.f32("half_h", torch_compat::grid_half_size(h));
  b.i32("src_w", w);
  b.i32("src_h", h);
  if (spec.nearest) {
    // grid_sample's f32 fill, stored as the reference stores every u8 result: rounded half to even, clamped.
    std::uint8_t* f = b.buffer<std::uint8_t>("fill_u8", {nc});
    for (int c = 0; c < nc; ++c) f[c] = fill_rounded(fills[static_cast<std::size_t>(c)]);
  } else {
    float* f = b.buffer<float>("fill", {nc});
    for (int c = 0; c < nc; ++c) f[c] = static_cast<float>(fills[static_cast<std::size_t>(c)]);
    b.i32("fill_mask", mask_fill ? 1 : 0);
  }

  if (!pre.is_identity()) {
    spec.pre = true;
    b.table("pre_x", pre.x().src);
    b.table("pre_y", pre.y().src);
    spec.pre_fill = pre.has_fill();
    if (spec.pre_fill && !bind_fills(b, pre, nc, "pre_")) return false;
  }
  if (!post.is_identity()) {
    spec.post = true;
    b.table("post_x", post.x().src);
    b.table("post_y", post.y().src);
    spec.post_fill = post.has_fill();
    if (spec.post_fill && !bind_fills(b, post, nc)) return false;
  }
  pk.out_shape = post.shape();
  return true;
}

}  // namespace

bool prepare_geometry(const PlannedKernel& k, const std::vector<AppliedOp>& ops, const Image& input, PreparedKernel& pk,
                      Binder& b) {
  switch (k.head) {
    case HeadKind::Remap: return remap(k, ops, input, pk, b);
    case HeadKind::Resample: return resample(k, ops, input, pk, b);
    case HeadKind::Warp: return warp(k, ops, input, pk, b);
    default: return false;
  }
}

}  // namespace auger::rt::fused
