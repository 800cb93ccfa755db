// The heads of fused kernels: where a kernel's pixels come from. Each reproduces its reference op's float32
// arithmetic operation by operation (runtime/ops/reference/*.cpp), with every sample-dependent value a runtime
// argument.
#include <climits>

#include "runtime/fused/halide_build.h"

namespace auger::rt::fused {

using Halide::Expr;
using Halide::Func;
using Halide::ImageParam;
using Halide::RDom;
using Halide::Tuple;

namespace {

Expr clamp_index(const Expr& i, const Expr& extent) {
  return Halide::clamp(i, 0, extent - 1);
}

// The fill code of a pixel of a composed index map: the latest remap that filled it along either axis, or -1.
Expr fill_code(const Expr& cx, const Expr& cy) {
  return Halide::max(cx, cy);
}

// --- Input ---------------------------------------------------------------------------------------------------

Value input_head(BuildContext& ctx) {
  ImageParam in = ctx.params.image(ctx.spec.input_f32 ? Halide::Float(32) : Halide::UInt(8), 3, "in");
  Func f("input");
  f(ctx.x, ctx.y, ctx.c) = in(ctx.x, ctx.y, ctx.c);
  return {f, ctx.spec.input_f32};
}

// --- Remap: flips, crops and pads as one index map per axis ----------------------------------------------------

Value remap_head(BuildContext& ctx) {
  auto& p = ctx.params;
  ImageParam in = p.image(Halide::UInt(8), 3, "in");
  ImageParam mx = p.image(Halide::Int(32), 1, "map_x"), my = p.image(Halide::Int(32), 1, "map_y");
  const Expr& x = ctx.x;
  const Expr& y = ctx.y;
  const Expr& c = ctx.c;
  Expr v = in(clamp_index(mx(x), in.dim(0).extent()), clamp_index(my(y), in.dim(1).extent()), c);
  if (ctx.spec.post_fill) {
    ImageParam cx = p.image(Halide::Int(32), 1, "code_x"), cy = p.image(Halide::Int(32), 1, "code_y");
    ImageParam fills = p.image(Halide::UInt(8), 2, "fills");  // (channel, code)
    Expr code = fill_code(cx(x), cy(y));
    v = Halide::select(code >= 0, fills(c, clamp_index(code, fills.dim(1).extent())), v);
  }
  Func f("remap");
  f(x, y, c) = v;
  return {f, false};
}

// --- Sampled: pixels the host sampled (resample_pass.h, warp_pass.h) ---------------------------------------------

Value sampled_head(BuildContext& ctx) {
  auto& p = ctx.params;
  ImageParam sampled = p.image(Halide::UInt(8), 3, "sampled");  // (x, y, c)
  const Halide::Var& x = ctx.x;
  const Halide::Var& y = ctx.y;
  const Halide::Var& c = ctx.c;
  Expr v = sampled(x, y, c);
  if (ctx.spec.post_fill) {
    ImageParam cx = p.image(Halide::Int(32), 1, "code_x"), cy = p.image(Halide::Int(32), 1, "code_y");
    ImageParam fills = p.image(Halide::UInt(8), 2, "fills");
    Expr code = fill_code(cx(x), cy(y));
    v = Halide::select(code >= 0, fills(c, clamp_index(code, fills.dim(1).extent())), v);
  }
  Func f("sampled");
  f(x, y, c) = v;
  return {f, false};
}

// --- Warp: torchvision's _apply_grid_transform (grid_sample, align_corners=False, fill through the mask) -------

Value warp_head(BuildContext& ctx) {
  auto& p = ctx.params;
  const KernelSpec& s = ctx.spec;
  const Halide::Var& X = ctx.x;
  const Halide::Var& Y = ctx.y;
  const Halide::Var& c = ctx.c;
  ImageParam in = p.image(Halide::UInt(8), 3, "in");
  // The matrix rescaled by the half sizes (affine_grid's / perspective_grid's `r`), the perspective row, the base
  // grid's offset, the virtual input's half sizes and extents.
  Expr t00 = p.f32("grid_00"), t01 = p.f32("grid_01"), t02 = p.f32("grid_02");
  Expr t10 = p.f32("grid_10"), t11 = p.f32("grid_11"), t12 = p.f32("grid_12");
  Expr c6, c7, bx0, by0;
  if (s.perspective) {
    c6 = p.f32("c6");
    c7 = p.f32("c7");
  } else {
    bx0 = p.f32("base_x");
    by0 = p.f32("base_y");
  }
  Expr half_w = p.f32("half_w"), half_h = p.f32("half_h");
  Expr vw = p.i32("src_w"), vh = p.i32("src_h");
  // The fill colour per channel: as u8 (rounded like the reference's store) for nearest, where every pixel is a
  // source value or the fill; as f32 for bilinear, whose mask blends it in (unless `fill_mask` is 0: fill=None, the
  // fill 0 and no blend).
  ImageParam fill = s.nearest ? p.image(Halide::UInt(8), 1, "fill_u8") : p.image(Halide::Float(32), 1, "fill");

  // Output pixel -> the warp's own output coordinate (remaps after the warp).
  Expr x = X, y = Y;
  ImageParam qx, qy;
  if (s.post) {
    qx = p.image(Halide::Int(32), 1, "post_x");
    qy = p.image(Halide::Int(32), 1, "post_y");
    x = qx(X);
    y = qy(Y);
  }

  // The source value at a virtual input pixel (remaps before the warp), as f32.
  ImageParam mx, my, pcx, pcy, pfills;
  if (s.pre) {
    mx = p.image(Halide::Int(32), 1, "pre_x");
    my = p.image(Halide::Int(32), 1, "pre_y");
    if (s.pre_fill) {
      pcx = p.image(Halide::Int(32), 1, "pre_code_x");
      pcy = p.image(Halide::Int(32), 1, "pre_code_y");
      pfills = p.image(Halide::UInt(8), 2, "pre_fills");
    }
  }
  auto sample = [&](const Expr& xi, const Expr& yi) -> Expr {  // u8
    Expr xv = clamp_index(xi, vw), yv = clamp_index(yi, vh);
    if (!s.pre) return in(xv, yv, c);
    Expr v = in(clamp_index(mx(xv), in.dim(0).extent()), clamp_index(my(yv), in.dim(1).extent()), c);
    if (s.pre_fill) {
      Expr code = fill_code(pcx(xv), pcy(yv));
      v = Halide::select(code >= 0, pfills(c, clamp_index(code, pfills.dim(1).extent())), v);
    }
    return v;
  };

  // The grid, one float32 operation at a time in the reference's order.
  Expr fx = Halide::cast<float>(x), fy = Halide::cast<float>(y);
  Expr gx, gy;
  if (s.perspective) {
    Expr bx = 0.5f + fx, by = 0.5f + fy;
    Expr nx = (bx * t00 + by * t01) + t02;
    Expr ny = (bx * t10 + by * t11) + t12;
    Expr den = (bx * c6 + by * c7) + 1.0f;
    gx = nx / den - 1.0f;
    gy = ny / den - 1.0f;
  } else {
    Expr bx = bx0 + fx, by = by0 + fy;
    gx = (bx * t00 + by * t01) + t02;
    gy = (bx * t10 + by * t11) + t12;
  }
  Expr ix = fma_f32(gx + 1.0f, half_w, -0.5f);
  Expr iy = fma_f32(gy + 1.0f, half_h, -0.5f);
  // cvttps2dq: far values (and NaN, which the clamp turns into a bound) land outside every image.
  auto to_int = [](const Expr& v) { return Halide::cast<int>(Halide::clamp(v, -1.0e9f, 1.0e9f)); };

  Func grid("warp_grid");
  Func f("warp");
  if (s.nearest) {
    Expr xi = to_int(Halide::round(ix)), yi = to_int(Halide::round(iy));
    Expr inside = xi >= 0 && xi < vw && yi >= 0 && yi < vh;
    grid(X, Y) = Tuple(xi, yi, Halide::cast<uint8_t>(inside));
    ctx.row_funcs.push_back(grid);
    f(X, Y, c) = Halide::select(grid(X, Y)[2] != 0, sample(grid(X, Y)[0], grid(X, Y)[1]), fill(c));
  } else {
    Expr finite = Halide::is_finite(ix) && Halide::is_finite(iy);
    Expr x_w = Halide::floor(ix), y_n = Halide::floor(iy);
    Expr we = ix - x_w, ea = 1.0f - we, no = iy - y_n, so = 1.0f - no;
    Expr x0 = to_int(x_w), y0 = to_int(y_n);
    Expr in_w = x0 > -1 && x0<vw, in_e = x0 + 1> - 1 && x0 + 1 < vw;
    Expr in_n = y0 > -1 && y0<vh, in_s = y0 + 1> - 1 && y0 + 1 < vh;
    // Not finite: every corner masked, so the pixel takes the fill colour.
    Expr m_nw = finite && in_n && in_w, m_ne = finite && in_n && in_e;
    Expr m_sw = finite && in_s && in_w, m_se = finite && in_s && in_e;
    Expr nw = so * ea, ne = so * we, sw = no * ea, se = no * we;
    auto f01 = [](const Expr& b) { return Halide::select(b, 1.0f, 0.0f); };
    Expr mask = fma_f32(f01(m_se), se, fma_f32(f01(m_sw), sw, fma_f32(f01(m_ne), ne, f01(m_nw) * nw)));
    // torchvision's fill=None has no mask channel: a mask of 1 keeps the zero-padded sum as it is (v * 1 + 0 * 0).
    mask = Halide::select(p.i32("fill_mask") != 0, mask, 1.0f);
    Expr flags = Halide::cast<uint8_t>(Halide::select(m_nw, 1, 0) + Halide::select(m_ne, 2, 0) +
                                       Halide::select(m_sw, 4, 0) + Halide::select(m_se, 8, 0));
    grid(X, Y) = Tuple(x0, y0, nw, ne, sw, se, mask, flags);
    ctx.row_funcs.push_back(grid);
    Tuple g = grid(X, Y);
    Expr fl = Halide::cast<int>(g[7]);
    auto corner = [&](int bit, const Expr& xi, const Expr& yi) {
      return Halide::select((fl & bit) != 0, Halide::cast<float>(sample(xi, yi)), 0.0f);
    };
    Expr gx0 = g[0], gy0 = g[1];
    Expr v_nw = corner(1, gx0, gy0), v_ne = corner(2, gx0 + 1, gy0);
    Expr v_sw = corner(4, gx0, gy0 + 1), v_se = corner(8, gx0 + 1, gy0 + 1);
    // (nw * v_nw) + (ne * v_ne) + (sw * v_sw) + (se * v_se) as GCC fuses it in torch's AVX2 kernel.
    Expr v = fma_f32(v_se, g[5], fma_f32(v_sw, g[4], fma_f32(v_ne, g[3], v_nw * g[2])));
    Expr kept = v * g[6];
    Expr filled = (1.0f - g[6]) * fill(c);
    f(X, Y, c) = round_to_u8(kept + filled);
  }

  if (s.post_fill) {
    ImageParam cx = p.image(Halide::Int(32), 1, "code_x"), cy = p.image(Halide::Int(32), 1, "code_y");
    ImageParam fills = p.image(Halide::UInt(8), 2, "fills");
    Func g("warp_post");
    Expr code = fill_code(cx(X), cy(Y));
    g(X, Y, c) = Halide::select(code >= 0, fills(c, clamp_index(code, fills.dim(1).extent())), f(X, Y, c));
    return {g, false};
  }
  return {f, false};
}

// --- Sharpness: torchvision's adjust_sharpness -----------------------------------------------------------------

Value sharpness_head(BuildContext& ctx) {
  auto& p = ctx.params;
  ImageParam in = p.image(Halide::UInt(8), 3, "in");
  Expr ratio = p.f32("ratio"), rest = p.f32("rest");
  const Halide::Var& x = ctx.x;
  const Halide::Var& y = ctx.y;
  const Halide::Var& c = ctx.c;
  Expr w = in.dim(0).extent(), h = in.dim(1).extent();
  // The [[1,1,1],[1,5,1],[1,1,1]] / 13 convolution on u8 rounds n / 13 to nearest, never a tie: (n + 6) / 13.
  // n <= 13 * 255 fits 16 bits, where the division by a constant vectorises as a high multiply. It is defined on
  // the interior only (the border keeps its pixels), so it reads `in` without any boundary condition; the host
  // sends images of width or height <= 2 (which adjust_sharpness returns unchanged) to a plain copy instead.
  Func blurred("sharpness_blur");
  Expr sum = 4 * Halide::cast<uint16_t>(in(x, y, c));
  for (int dy = -1; dy <= 1; ++dy)
    for (int dx = -1; dx <= 1; ++dx) sum += Halide::cast<uint16_t>(in(x + dx, y + dy, c));
  blurred(x, y, c) = (sum + Halide::cast<uint16_t>(6)) / Halide::cast<uint16_t>(13);
  ctx.row_funcs.push_back(blurred);
  Expr interior = x > 0 && x < w - 1 && y > 0 && y < h - 1;
  Expr v = Halide::cast<float>(in(x, y, c));
  // The clamps keep the read inside the interior (they change nothing where the value is used); `likely` lets the
  // loop's steady state read it with dense vectors.
  Expr b = blurred(Halide::clamp(Halide::likely(x), 1, w - 2), Halide::clamp(y, 1, h - 2), c);
  Expr d = Halide::select(interior, Halide::cast<float>(b), v);
  Func f("sharpness");
  f(x, y, c) = trunc_to_u8(ratio * v + rest * d);
  return {f, false};
}

// --- Gaussian blur: torchvision's gaussian_blur, separable in double as the reference sums it ------------------

Expr reflect(const Expr& i, const Expr& n) {
  Expr period = Halide::max(2 * (n - 1), 1);
  Expr m = i % period;  // Halide's % is Euclidean: never negative
  Expr mirrored = Halide::select(n == 1, 0, Halide::select(m < n, m, period - m));
  // The outer clamp changes nothing (both branches are in range); it tells bounds inference so.
  return Halide::clamp(Halide::select(i >= 0 && i < n, i, mirrored), 0, n - 1);
}

Value blur_head(BuildContext& ctx) {
  auto& p = ctx.params;
  ImageParam in = p.image(Halide::UInt(8), 3, "in");
  ImageParam wx = p.image(Halide::Float(32), 1, "blur_wx"), wy = p.image(Halide::Float(32), 1, "blur_wy");
  Expr kx = wx.dim(0).extent(), ky = wy.dim(0).extent();
  const Halide::Var& x = ctx.x;
  const Halide::Var& y = ctx.y;
  const Halide::Var& c = ctx.c;
  Expr w = in.dim(0).extent(), h = in.dim(1).extent();
  RDom j(0, kx, "bj"), i(0, ky, "bi");
  Func hrow("blur_rows");
  hrow(x, y, c) = Halide::cast<double>(0);
  hrow(x, y, c) += Halide::cast<double>(wx(j)) * Halide::cast<double>(in(reflect(x + j - kx / 2, w), y, c));
  Func vcol("blur_cols");
  vcol(x, y, c) = Halide::cast<double>(0);
  vcol(x, y, c) += Halide::cast<double>(wy(i)) * hrow(x, reflect(y + i - ky / 2, h), c);
  hrow.update().reorder(x, j);
  vcol.update().reorder(x, i);
  ctx.root_funcs.push_back(hrow);
  ctx.row_funcs.push_back(vcol);
  Func f("blur");
  f(x, y, c) = round_to_u8(Halide::cast<float>(vcol(x, y, c)));
  return {f, false};
}

}  // namespace

Value build_head(BuildContext& ctx) {
  switch (ctx.spec.head) {
    case Head::Input: return input_head(ctx);
    case Head::Remap: return remap_head(ctx);
    case Head::Sampled: return sampled_head(ctx);
    case Head::Warp: return warp_head(ctx);
    case Head::Sharpness: return sharpness_head(ctx);
    case Head::Blur: return blur_head(ctx);
  }
  return input_head(ctx);
}

}  // namespace auger::rt::fused
