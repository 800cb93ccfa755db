#include "runtime/gpu/batch_plan.h"

#include <memory>

#include "runtime/fused/remap_chain.h"
#include "runtime/fused/resample_taps.h"
#include "runtime/ops/image_op.h"
#include "runtime/ops/op_id.h"
#include "runtime/ops/op_record.h"
#include "runtime/ops/torch_compat/color_rules.h"
#include "runtime/random/draw_stream.h"

namespace auger::rt::gpu {

namespace {

using fused::AxisMap;
using fused::AxisTaps;
using fused::RemapChain;

bool is_resample(OpId id) {
  return id == OpId::RandomResizedCrop || id == OpId::Resize;
}

// The remaps a RemapChain composes (flips, crops, pads): folded into the resample's tables, as the CPU path does.
bool is_remap(OpId id) {
  return id == OpId::Hflip || id == OpId::Vflip || id == OpId::Crop || id == OpId::CenterCrop ||
         id == OpId::RandomCrop || id == OpId::Pad;
}

bool is_jitter(OpId id) {
  return id == OpId::Brightness || id == OpId::Contrast || id == OpId::Saturation || id == OpId::Hue;
}

// Output i of the result takes the taps of the resample's output post.src[i]; each tap's index goes through the
// remaps before the resample to a source index.
GpuTaps source_taps(const AxisTaps& t, const AxisMap& pre, const AxisMap& post) {
  GpuTaps g;
  g.taps = t.taps;
  const std::size_t k = static_cast<std::size_t>(t.taps);
  for (int i = 0; i < post.size(); ++i) {
    const std::size_t from = static_cast<std::size_t>(post.src[static_cast<std::size_t>(i)]) * k;
    for (std::size_t j = 0; j < k; ++j) {
      g.index.push_back(pre.src[static_cast<std::size_t>(t.index[from + j])]);
      g.weight.push_back(t.weight[from + j]);
      g.add.push_back(t.add[from + j]);
    }
  }
  return g;
}

bool three(const std::vector<double>& v, std::array<float, 3>* out) {
  if (v.size() != 1 && v.size() != 3) return false;
  for (std::size_t c = 0; c < 3; ++c) (*out)[c] = static_cast<float>(v[v.size() == 1 ? 0 : c]);
  return true;
}

// A color_jitter op as the batch kernel's per-sample values; false for an argument the CPU kernels also refuse.
bool jitter_op(const AppliedOp& op, JitterOp* out) {
  const OpId id = op_id(op.op);
  if (id == OpId::Hue) {
    const double shift = op.args.number("shift");
    if (!(shift >= -0.5 && shift <= 0.5)) return false;
    *out = {JitterKind::Hue, static_cast<float>(shift), 0.0f};
    return true;
  }
  const double f = op.args.number("factor", 1.0);
  if (!(f >= 0)) return false;
  const torch_compat::BlendWeights w = torch_compat::blend_weights(f);
  const JitterKind k = id == OpId::Brightness ? JitterKind::Brightness
                       : id == OpId::Contrast ? JitterKind::Contrast
                                              : JitterKind::Saturation;
  *out = {k, w.ratio, w.rest};
  return true;
}

}  // namespace

std::optional<GpuSample> plan_gpu_sample(const std::vector<AppliedOp>& ops, const Image& input, std::string* why) {
  auto fail = [&](const std::string& reason) -> std::optional<GpuSample> {
    *why = reason;
    return std::nullopt;
  };
  if (!input.is_u8() || input.c() != 3) return fail("the GPU kernels take 3-channel u8 images");
  std::size_t i = 0;
  RemapChain pre(input.shape);
  for (; i < ops.size() && is_remap(op_id(ops[i].op)); ++i)
    if (!pre.append(ops[i])) return fail(ops[i].op + ": arguments the GPU kernels do not take");
  Shape out = pre.shape();
  auto cols = fused::cached_identity_taps(out.w), rows = fused::cached_identity_taps(out.h);
  if (i < ops.size() && is_resample(op_id(ops[i].op))) {
    const AppliedOp& op = ops[i++];
    const Args& a = op.args;
    const Shape before = pre.shape();
    if (op_id(op.op) == OpId::RandomResizedCrop) {
      if (!a.has("top") || !a.has("left") || a.integer("height") <= 0 || a.integer("width") <= 0)
        return fail("random_resized_crop without a resolved box");
      pre.crop(a.integer("top"), a.integer("left"), a.integer("height"), a.integer("width"));
    }
    Args copy = op.args;
    out = find_image_op(op.op)->resolve(copy, before, rng::DrawStream(0, 0, "", ""));
    fused::Interp interp;
    if (!fused::parse_interp(a, "bilinear", &interp)) return fail(op.op + ": interpolation `" + a.text("interp") + "`");
    const bool antialias = a.flag("antialias", true);
    const int vw = pre.shape().w, vh = pre.shape().h;
    if (vw <= 0 || vh <= 0 || out.w <= 0 || out.h <= 0) return fail(op.op + ": an empty box");
    const bool same = out.w == vw && out.h == vh;  // F.resize hands the input back (prepare_geometry.cpp)
    cols = same ? fused::cached_identity_taps(vw) : fused::cached_resample_taps(vw, out.w, interp, antialias);
    rows = same ? fused::cached_identity_taps(vh) : fused::cached_resample_taps(vh, out.h, interp, antialias);
  }
  RemapChain post(Shape{3, out.h, out.w, Elem::U8});
  for (; i < ops.size() && is_remap(op_id(ops[i].op)); ++i)
    if (!post.append(ops[i])) return fail(ops[i].op + ": arguments the GPU kernels do not take");
  // A fill colour (pad, a crop past the border) would need a fill per output pixel: the CPU path has it.
  if (pre.has_fill() || post.has_fill()) return fail("a remap that fills pixels (pad, or a crop past the border)");
  GpuSample s;
  s.image = &input;
  s.cols = source_taps(*cols, pre.x(), post.x());
  s.rows = source_taps(*rows, pre.y(), post.y());
  for (; i < ops.size() && is_jitter(op_id(ops[i].op)); ++i) {
    JitterOp j;
    if (!jitter_op(ops[i], &j)) return fail(ops[i].op + ": an argument outside what the kernels take");
    s.jitter.push_back(j);
  }
  if (i < ops.size() && op_id(ops[i].op) == OpId::ToFloat) {
    s.store.f32 = true;
    ++i;
    if (i < ops.size() && op_id(ops[i].op) == OpId::Normalize) {
      const Args& a = ops[i++].args;
      if (!three(a.has("mean") ? a.list("mean") : std::vector<double>{0.0}, &s.store.mean) ||
          !three(a.has("std") ? a.list("std") : std::vector<double>{1.0}, &s.store.std))
        return fail("normalize: mean and std need one or three values");
      for (float v : s.store.std)
        if (v == 0.0f) return fail("normalize: a zero std");
    }
  }
  if (i < ops.size()) return fail("`" + ops[i].op + "` (or its place in the policy) has no GPU batch kernel");
  return s;
}

}  // namespace auger::rt::gpu
