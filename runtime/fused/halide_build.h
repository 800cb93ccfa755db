// Internal to runtime/fused: the pieces that turn a KernelSpec into a Halide pipeline. Only the builder files
// include Halide.h (it is large); the executor sees KernelSpec, KernelCall and CompiledKernel.
#pragma once

#include <string>
#include <vector>

#include "Halide.h"
#include "runtime/fused/kernel_args.h"
#include "runtime/fused/kernel_spec.h"

namespace auger::rt::fused {

// The runtime arguments a pipeline declares, in declaration order (which is the compiled function's order). Names
// must not look like Halide's own temporaries ("t123", "_4"): a clash silently rebinds the argument.
class ParamSet {
 public:
  Halide::ImageParam image(Halide::Type t, int dims, const std::string& name);
  Halide::Expr i32(const std::string& name);
  Halide::Expr f32(const std::string& name);

  [[nodiscard]] const std::vector<Halide::Argument>& arguments() const { return arguments_; }
  [[nodiscard]] const std::vector<ArgSlot>& slots() const { return slots_; }
  // For the JIT fallback: the values of `call` as a ParamMap.
  [[nodiscard]] Halide::ParamMap param_map(const KernelCall& call) const;

 private:
  std::vector<Halide::ImageParam> images_;
  std::vector<Halide::Param<int>> ints_;
  std::vector<Halide::Param<float>> floats_;
  std::vector<Halide::Argument> arguments_;
  std::vector<ArgSlot> slots_;
};

// The state shared while one pipeline is built.
struct BuildContext {
  const KernelSpec& spec;
  ParamSet& params;
  int vector_f32 = 8;  // lanes of an f32 vector on the target
  Halide::Var x{"x"}, y{"y"}, c{"c"};
  std::vector<Halide::Func> row_funcs;   // computed per output row, all channels (compute_at(out, y))
  std::vector<Halide::Func> root_funcs;  // computed once per call (compute_root)
};

// A per-channel image value during the pointwise steps: f(x, y, c), u8 or f32.
struct Value {
  Halide::Func f;
  bool f32 = false;
};

// The head's pixels (u8 except an f32 Input head).
Value build_head(BuildContext& ctx);
// One step applied to `in`; `index` makes its parameter names unique.
Value build_step(BuildContext& ctx, const Step& step, int index, const Value& in);

// fma(a, b, c) in f32 as the reference computes it with std::fma: the product of two floats is exact in double,
// so one double add and the conversion back round like the fused operation (except for double-rounding ties,
// about 2^-29 of cases). Halide 14 has no fma of its own.
Halide::Expr fma_f32(const Halide::Expr& a, const Halide::Expr& b, const Halide::Expr& c);
// torchvision's float -> u8 store after rounding: round half to even, clamp to [0, 255].
Halide::Expr round_to_u8(const Halide::Expr& v);
// `.clamp(0, 255).to(uint8)`: truncation toward zero.
Halide::Expr trunc_to_u8(const Halide::Expr& v);

// The target every kernel is compiled for: the host, with strict float semantics (no reassociation, no fused
// contractions) so that kernels reproduce the reference's float arithmetic operation by operation.
Halide::Target kernel_target();

}  // namespace auger::rt::fused
