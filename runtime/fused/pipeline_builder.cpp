#include "runtime/fused/pipeline_builder.h"

namespace auger::rt::fused {

// --- ParamSet ------------------------------------------------------------------------------------------------

Halide::ImageParam ParamSet::image(Halide::Type t, int dims, const std::string& name) {
  Halide::ImageParam p(t, dims, name);
  images_.push_back(p);
  arguments_.emplace_back(p);
  slots_.push_back({name, ArgKind::Buffer});
  return p;
}

Halide::Expr ParamSet::i32(const std::string& name) {
  Halide::Param<int> p(name);
  ints_.push_back(p);
  arguments_.emplace_back(p);
  slots_.push_back({name, ArgKind::Int});
  return p;
}

Halide::Expr ParamSet::f32(const std::string& name) {
  Halide::Param<float> p(name);
  floats_.push_back(p);
  arguments_.emplace_back(p);
  slots_.push_back({name, ArgKind::Float});
  return p;
}

Halide::ParamMap ParamSet::param_map(const KernelCall& call) const {
  Halide::ParamMap m;
  for (const auto& p : images_) {
    halide_buffer_t* b = call.find_buffer(p.name());
    if (!b) throw std::logic_error("fused kernel argument `" + p.name() + "` is not bound");
    m.set(p, Halide::Buffer<>(*b));
  }
  for (const auto& p : ints_) {
    const int* v = call.find_int(p.name());
    if (!v) throw std::logic_error("fused kernel argument `" + p.name() + "` is not bound");
    m.set(p, *v);
  }
  for (const auto& p : floats_) {
    const float* v = call.find_float(p.name());
    if (!v) throw std::logic_error("fused kernel argument `" + p.name() + "` is not bound");
    m.set(p, *v);
  }
  return m;
}

// --- Shared expressions --------------------------------------------------------------------------------------

Halide::Expr fma_f32(const Halide::Expr& a, const Halide::Expr& b, const Halide::Expr& c) {
  return Halide::cast<float>(Halide::cast<double>(a) * Halide::cast<double>(b) + Halide::cast<double>(c));
}

// torch_compat::round_u8 (runtime/ops/torch_compat/pixel_rules.h) as a Halide expression.
Halide::Expr round_to_u8(const Halide::Expr& v) {
  return Halide::cast<uint8_t>(Halide::clamp(Halide::round(v), 0.0f, 255.0f));
}

Halide::Expr trunc_to_u8(const Halide::Expr& v) {
  return Halide::cast<uint8_t>(Halide::clamp(v, 0.0f, 255.0f));
}

Halide::Target kernel_target() {
  // Halide 14 reports AVX-512 "Sapphire Rapids" on any host with AVX512-BF16 and -VNNI (AMD Zen 4 included), and
  // LLVM then emits AVX512-FP16 instructions (vmovw for 16-bit loads) that such hosts fault on. Without the flag
  // the kernels use the Cannon Lake set, which every AVX-512 host Halide detects has.
  Halide::Target t = Halide::get_host_target().with_feature(Halide::Target::StrictFloat);
  if (!__builtin_cpu_supports("avx512fp16")) t = t.without_feature(Halide::Target::AVX512_SapphireRapids);
  return t;
}

// --- The pipeline --------------------------------------------------------------------------------------------

namespace {

void vectorize_x(Halide::Func f, int lanes) {
  const Halide::Var x = f.args()[0];
  f.vectorize(x, lanes, Halide::TailStrategy::GuardWithIf);
  for (int u = 0; u < f.num_update_definitions(); ++u)
    f.update(u).vectorize(x, lanes, Halide::TailStrategy::GuardWithIf);
}

// A GPU thread block per 16x16 tile of x and y; a reduction's own loops run inside each thread, after the tile
// loops (Halide allows no serial loop between a block loop and its thread loops).
void gpu_tile_xy(Halide::Stage stage, const Halide::Var& x, const Halide::Var& y,
                 const std::vector<Halide::RVar>& rvars) {
  Halide::Var xo(x.name() + "_o"), yo(y.name() + "_o"), xi(x.name() + "_i"), yi(y.name() + "_i");
  stage.gpu_tile(x, y, xo, yo, xi, yi, 16, 16, Halide::TailStrategy::GuardWithIf);
  if (rvars.empty()) return;
  std::vector<Halide::VarOrRVar> order(rvars.begin(), rvars.end());
  for (const auto& v : {xi, yi, xo, yo}) order.emplace_back(v);
  stage.reorder(order);
}

void schedule_cpu(BuildContext& ctx, Halide::Func out) {
  out.reorder(ctx.x, ctx.c, ctx.y);
  vectorize_x(out, ctx.vector_f32);
  // Row functions are computed per output row but stored once per call: allocated inside the row loop they would
  // cost a heap allocation per row (their width is a runtime value, so Halide cannot put them on the stack).
  for (auto& f : ctx.row_funcs) {
    f.store_root().compute_at(out, ctx.y);
    vectorize_x(f, ctx.vector_f32);
  }
  for (auto& f : ctx.root_funcs) {
    f.compute_root();
    vectorize_x(f, ctx.vector_f32);
  }
}

// Every stage a kernel of 16x16 tiles; what the CPU schedule computes per row is computed whole, once per call.
void schedule_cuda(BuildContext& ctx, Halide::Func out) {
  gpu_tile_xy(out, ctx.x, ctx.y, {});
  for (auto* funcs : {&ctx.row_funcs, &ctx.root_funcs})
    for (auto& f : *funcs) {
      f.compute_root();
      const auto args = f.args();
      gpu_tile_xy(f, args[0], args[1], {});
      for (int u = 0; u < f.num_update_definitions(); ++u) gpu_tile_xy(f.update(u), args[0], args[1], f.rvars(u));
    }
}

}  // namespace

BuiltKernel build_kernel(const KernelSpec& spec, KernelDevice device) {
  BuiltKernel built;
  built.params = std::make_shared<ParamSet>();
  const Halide::Target target = kernel_target();
  BuildContext ctx{spec,
                   *built.params,
                   target.natural_vector_size<float>(),
                   Halide::Var("x"),
                   Halide::Var("y"),
                   Halide::Var("c"),
                   {},
                   {}};

  Value v = build_head(ctx);
  for (std::size_t i = 0; i < spec.steps.size(); ++i) v = build_step(ctx, spec.steps[i], static_cast<int>(i), v);

  Halide::Func out("auger_out");
  out(ctx.x, ctx.y, ctx.c) = spec.output_f32() ? Halide::cast<float>(v.f(ctx.x, ctx.y, ctx.c))
                                               : Halide::cast<uint8_t>(v.f(ctx.x, ctx.y, ctx.c));
  if (device == KernelDevice::Cuda)
    schedule_cuda(ctx, out);
  else
    schedule_cpu(ctx, out);
  built.pipeline = Halide::Pipeline(out);
  return built;
}

}  // namespace auger::rt::fused
