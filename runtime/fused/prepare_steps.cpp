// The stencil heads and the pointwise / store steps: their runtime values, computed as the reference ops compute
// them (runtime/ops/reference/{color,histogram_ops,filters,erase,float_ops}.cpp).
#include <algorithm>
#include <cmath>
#include <string>

#include "runtime/fused/channel_tables.h"
#include "runtime/fused/fusion_plan.h"
#include "runtime/fused/prepare_parts.h"
#include "runtime/ops/op_record.h"
#include "runtime/ops/reference/pixel_common.h"
#include "runtime/ops/torch_compat/color_rules.h"
#include "runtime/random/draw_stream.h"

namespace auger::rt::fused {

namespace {

// Appends a step; returns its parameter prefix.
std::string add_step(PreparedKernel& pk, StepKind kind, bool f32, bool clip = false) {
  pk.spec.steps.push_back({kind, f32, clip});
  return step_prefix(static_cast<int>(pk.spec.steps.size()) - 1);
}

bool paint_rects(PreparedKernel& pk, Binder& b, bool f32, const std::vector<std::array<int, 4>>& rects,
                 const std::vector<double>& fill) {
  const std::string p = add_step(pk, StepKind::Paint, f32);
  const int n = std::max<int>(1, static_cast<int>(rects.size()));
  int* r = b.buffer<int>(p + "rects", {4, n});  // an empty rectangle when there are none
  for (std::size_t i = 0; i < rects.size(); ++i)
    for (int j = 0; j < 4; ++j) r[i * 4 + static_cast<std::size_t>(j)] = rects[i][static_cast<std::size_t>(j)];
  float* f = b.buffer<float>(p + "fill", {static_cast<int>(fill.size())});
  for (std::size_t c = 0; c < fill.size(); ++c)
    f[c] = f32 ? static_cast<float>(fill[c]) : static_cast<float>(fill_u8(fill[c]));
  return true;
}

// Per-channel ops the kernel computes rather than looks up (a lookup is a gather, which Halide scalarises).
bool computable(OpId op) {
  return op == OpId::Brightness || op == OpId::Contrast || op == OpId::Invert || op == OpId::Posterize ||
         op == OpId::Solarize || op == OpId::Autocontrast;
}

// The step of a computable op, its statistics from `prefix` (the tables of the ops before it in its run).
bool arithmetic_step(const AppliedOp& op, ChannelTables& prefix, PreparedKernel& pk, Binder& b) {
  const Args& a = op.args;
  const OpId id = op_id(op.op);
  const int nc = prefix.channels();
  if (id == OpId::Brightness || id == OpId::Contrast) {
    const double f = a.number("factor", 1.0);
    const std::string p = add_step(pk, StepKind::Blend, false);
    const torch_compat::BlendWeights w = torch_compat::blend_weights(f);
    b.f32(p + "ratio", w.ratio);
    b.f32(p + "rest", w.rest);
    b.f32(p + "other", id == OpId::Contrast ? prefix.gray_mean() : 0.0f);
    return true;
  }
  if (id == OpId::Invert) {
    add_step(pk, StepKind::Invert, false);
    return true;
  }
  if (id == OpId::Posterize) {
    b.i32(add_step(pk, StepKind::Posterize, false) + "mask",
          static_cast<std::uint8_t>(-(1 << (8 - a.integer("bits", 8)))));
    return true;
  }
  if (id == OpId::Solarize) {
    b.f32(add_step(pk, StepKind::Solarize, false) + "threshold", static_cast<float>(a.number("threshold", 128)));
    return true;
  }
  if (id == OpId::Autocontrast) {
    std::vector<std::pair<float, float>> params;
    for (int c = 0; c < nc; ++c) params.push_back(prefix.autocontrast_params(c));
    const std::string p = add_step(pk, StepKind::Autocontrast, false);
    float* lo = b.buffer<float>(p + "lo", {nc});
    float* scale = b.buffer<float>(p + "scale", {nc});
    for (int c = 0; c < nc; ++c) {
      lo[c] = params[static_cast<std::size_t>(c)].first;
      scale[c] = params[static_cast<std::size_t>(c)].second;
    }
    return true;
  }
  return false;
}

}  // namespace

bool prepare_stencil(const AppliedOp& op, const Image& input, PreparedKernel& pk, Binder& b) {
  const OpId id = op_id(op.op);
  const Args& a = op.args;
  b.image("in", input);
  if (id == OpId::Sharpness) {
    const double f = a.number("factor", 1.0);
    if (!(f >= 0)) return false;
    // adjust_sharpness returns an image of width or height <= 2 unchanged: a copy.
    if (input.h() <= 2 || input.w() <= 2) {
      pk.spec.head = Head::Input;
      return true;
    }
    pk.spec.head = Head::Sharpness;
    const torch_compat::BlendWeights w = torch_compat::blend_weights(f);  // _blend(img, degenerate, factor)
    b.f32("ratio", w.ratio);
    b.f32("rest", w.rest);
    return true;
  }
  if (id == OpId::GaussianBlur) {
    auto k = a.list("kernel");
    auto s = a.list("sigma");
    if (k.size() == 1) k.push_back(k[0]);
    if (s.size() == 1) s.push_back(s[0]);
    if (k.size() != 2 || s.size() != 2) return false;
    const int kx = static_cast<int>(std::lround(k[0])), ky = static_cast<int>(std::lround(k[1]));
    if (kx <= 0 || ky <= 0 || kx % 2 == 0 || ky % 2 == 0 || !(s[0] > 0 && s[1] > 0)) return false;
    pk.spec.head = Head::Blur;
    const auto wx = pixel::gaussian_kernel(kx, s[0]), wy = pixel::gaussian_kernel(ky, s[1]);
    std::copy(wx.begin(), wx.end(), b.buffer<float>("blur_wx", {kx}));
    std::copy(wy.begin(), wy.end(), b.buffer<float>("blur_wy", {ky}));
    return true;
  }
  return false;
}

bool prepare_steps(const std::vector<AppliedOp>& ops, int begin, int end, const Image* input, PreparedKernel& pk,
                   Binder& b) {
  const int nc = pk.out_shape.c, h = pk.out_shape.h, w = pk.out_shape.w;
  bool f32 = pk.spec.head == Head::Input && pk.spec.input_f32;
  for (int i = begin; i < end; ++i) {
    const AppliedOp& op = ops[static_cast<std::size_t>(i)];
    const Args& a = op.args;
    const OpId id = op_id(op.op);
    if (is_per_channel(op.op)) {
      if (f32) return false;
      // A run of per-channel ops. Ops that are cheap to compute become steps of their own; the others (equalize,
      // gamma) compose into tables, one step per stretch of them. `prefix` follows the whole run so that each op's
      // statistics are those of its own input; they come from the kernel's input, which the plan provides
      // whenever a statistics op is in the run.
      ChannelTables prefix(nc, pk.spec.steps.empty() ? input : nullptr), stretch(nc, nullptr);
      auto flush = [&] {
        if (!stretch.is_identity()) {  // nothing to look up for equalize of a flat image, posterize(8), …
          std::uint8_t* t = b.buffer<std::uint8_t>(add_step(pk, StepKind::Lut, false) + "lut", {256, nc});
          for (int c = 0; c < nc; ++c) std::copy(stretch.table(c).begin(), stretch.table(c).end(), t + 256 * c);
        }
        stretch = ChannelTables(nc, nullptr);
      };
      int j = i;
      for (; j < end && is_per_channel(ops[static_cast<std::size_t>(j)].op); ++j) {
        const AppliedOp& o = ops[static_cast<std::size_t>(j)];
        std::vector<ChannelTables::Table> own;
        if (!prefix.op_tables(o, &own)) return false;
        if (computable(op_id(o.op))) {
          flush();
          if (!arithmetic_step(o, prefix, pk, b)) return false;
        } else {
          stretch.compose(own);
        }
        prefix.compose(own);
      }
      flush();
      i = j - 1;
      continue;
    }
    if (id == OpId::Saturation || id == OpId::Hue || id == OpId::Grayscale) {
      if (f32) return false;
      if (id == OpId::Grayscale && a.integer("channels", 3) != 3) return false;
      if (nc == 1) continue;  // all three are the identity on 1-channel images
      if (nc != 3) return false;
      if (id == OpId::Hue) {
        const double shift = a.number("shift");
        if (!(shift >= -0.5 && shift <= 0.5)) return false;
        b.f32(add_step(pk, StepKind::Hue, false) + "shift", static_cast<float>(shift));
        continue;
      }
      // grayscale with three channels is _blend(img, gray, 0): exactly the gray value.
      const double f = id == OpId::Grayscale ? 0.0 : a.number("factor", 1.0);
      if (!(f >= 0)) return false;
      const std::string p = add_step(pk, StepKind::Saturation, false);
      const torch_compat::BlendWeights w = torch_compat::blend_weights(f);
      b.f32(p + "ratio", w.ratio);
      b.f32(p + "rest", w.rest);
      continue;
    }
    if (id == OpId::ToFloat) {
      if (!f32) add_step(pk, StepKind::ToFloat, false);  // an f32 image is returned unchanged
      f32 = true;
      continue;
    }
    if (id == OpId::Normalize) {
      if (!f32) return false;
      std::vector<double> mean, sd;
      if (!per_channel(a.has("mean") ? a.list("mean") : std::vector<double>{0.0}, nc, &mean)) return false;
      if (!per_channel(a.has("std") ? a.list("std") : std::vector<double>{1.0}, nc, &sd)) return false;
      const std::string p = add_step(pk, StepKind::Normalize, true);
      float* m = b.buffer<float>(p + "mean", {nc});
      float* s = b.buffer<float>(p + "std", {nc});
      for (int c = 0; c < nc; ++c) {
        m[c] = static_cast<float>(mean[static_cast<std::size_t>(c)]);
        s[c] = static_cast<float>(sd[static_cast<std::size_t>(c)]);
        if (s[c] == 0.0f) return false;
      }
      continue;
    }
    if (id == OpId::GaussianNoise) {
      if (!f32 || !a.has("seed")) return false;
      const double sd = a.number("std", 0);
      const std::string p = add_step(pk, StepKind::Noise, true, a.flag("clip", true));
      float* n = b.buffer<float>(p + "noise", {w, h, nc});
      // out[k] = x[k] + f32(std * z_k), z_k the k-th normal of the seed's stream, k the flat CHW index. The draws
      // run on the host (one Philox block and a Box-Muller per element): exact, but the costliest store step.
      const auto noise = pixel::noise_stream(static_cast<std::uint64_t>(a.number("seed")));
      const std::size_t total = static_cast<std::size_t>(w) * h * nc;
      for (std::size_t k = 0; k < total; ++k)
        n[k] = static_cast<float>(sd * noise.normal(static_cast<std::uint32_t>(k), 0.0, 1.0));
      continue;
    }
    if (id == OpId::Cutout) {
      const int half = a.integer("size", 0) / 2;
      std::vector<double> fill;
      if (!per_channel(a.has("fill") ? a.list("fill") : std::vector<double>{0.0}, nc, &fill)) return false;
      const auto centers = a.list("centers");
      if (centers.size() % 2 != 0) return false;
      std::vector<std::array<int, 4>> rects;
      for (std::size_t k = 0; k + 1 < centers.size(); k += 2) {
        const int cy = static_cast<int>(centers[k]), cx = static_cast<int>(centers[k + 1]);
        rects.push_back({std::clamp(cx - half, 0, w), std::clamp(cx + half, 0, w), std::clamp(cy - half, 0, h),
                         std::clamp(cy + half, 0, h)});
      }
      paint_rects(pk, b, f32, rects, fill);
      continue;
    }
    if (id == OpId::RandomErasing) {
      if (!a.flag("erased", true)) continue;
      const int top = a.integer("top"), left = a.integer("left");
      const int eh = a.integer("height"), ew = a.integer("width");
      const int y1 = std::clamp(top, 0, h), y2 = std::clamp(top + eh, 0, h);
      const int x1 = std::clamp(left, 0, w), x2 = std::clamp(left + ew, 0, w);
      const bool noise = a.flag("noise") || a.text("value") == "random";
      if (!noise) {
        std::vector<double> value;
        if (!per_channel(a.has("value") ? a.list("value") : std::vector<double>{0.0}, nc, &value)) return false;
        paint_rects(pk, b, f32, {{x1, x2, y1, y2}}, value);
        continue;
      }
      if (!a.has("noise_seed")) return false;
      const std::string p = add_step(pk, StepKind::NoiseRect, f32);
      int* r = b.buffer<int>(p + "rect", {6});
      const int rect[6] = {x1, x2, y1, y2, x1, y1};
      std::copy(rect, rect + 6, r);
      // Element (c, y, x) of the patch takes draw (c * height + (y - top)) * width + (x - left).
      const auto stream = pixel::noise_stream(static_cast<std::uint64_t>(a.number("noise_seed")));
      const int pw = std::max(x2 - x1, 1), ph = std::max(y2 - y1, 1);
      auto z = [&](int c, int y, int x) {
        return stream.normal(static_cast<std::uint32_t>((c * eh + (y - top)) * ew + (x - left)), 0.0, 1.0);
      };
      if (f32) {
        float* patch = b.buffer<float>(p + "patch", {pw, ph, nc});
        for (int c = 0; c < nc; ++c)
          for (int y = y1; y < y2; ++y)
            for (int x = x1; x < x2; ++x)
              patch[(static_cast<std::size_t>(c) * ph + (y - y1)) * pw + (x - x1)] = static_cast<float>(z(c, y, x));
      } else {
        std::uint8_t* patch = b.buffer<std::uint8_t>(p + "patch", {pw, ph, nc});
        for (int c = 0; c < nc; ++c)
          for (int y = y1; y < y2; ++y)
            for (int x = x1; x < x2; ++x)
              patch[(static_cast<std::size_t>(c) * ph + (y - y1)) * pw + (x - x1)] =
                  fill_u8(static_cast<float>(z(c, y, x)));
      }
      continue;
    }
    return false;  // not a pointwise or store op
  }
  if (f32) pk.out_shape.elem = Elem::F32;
  return true;
}

}  // namespace auger::rt::fused
