// halide_source(): the Halide code of a trace's kernels, for `auger explain --emit halide`.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "runtime/fused/fused_executor.h"
#include "runtime/fused/fusion_plan.h"
#include "runtime/fused/kernel_catalog.h"
#include "runtime/fused/pipeline_builder.h"
#include "runtime/fused/prepare.h"
#include "runtime/ops/image_op.h"

namespace auger::rt::fused {

namespace {

// Pipeline::print_loop_nest writes to the standard streams; capture them for the duration.
std::string loop_nest(Halide::Pipeline& p) {
  std::ostringstream text;
  auto* out = std::cout.rdbuf(text.rdbuf());
  auto* err = std::cerr.rdbuf(text.rdbuf());
  try {
    p.print_loop_nest();
  } catch (...) {
    std::cout.rdbuf(out);
    std::cerr.rdbuf(err);
    throw;
  }
  std::cout.rdbuf(out);
  std::cerr.rdbuf(err);
  return text.str();
}

std::string lowered_stmt(Halide::Pipeline& p, const ParamSet& params) {
  const auto path = std::filesystem::temp_directory_path() / ("auger-stmt-" + std::to_string(::getpid()) + ".txt");
  p.compile_to_lowered_stmt(path.string(), params.arguments(), Halide::Text, kernel_target());
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  std::error_code ec;
  std::filesystem::remove(path, ec);
  return text.str();
}

Image zeros(const Shape& s) {
  return s.elem == Elem::U8 ? Image::make_u8(s.c, s.h, s.w) : Image::make_f32(s.c, s.h, s.w);
}

}  // namespace

std::string halide_source(const std::vector<AppliedOp>& all, const Shape& input, bool lowered) {
  const std::vector<AppliedOp> ops = image_ops_of(all);
  std::ostringstream text;
  Image img = zeros(input);
  int index = 0;
  for (const PlannedKernel& k : kernels_of(ops, input.elem)) {
    text << "# kernel " << index++ << ": " << head_kind_name(k.head) << " —";
    for (int i = k.begin; i < k.end; ++i) text << " " << ops[static_cast<std::size_t>(i)].op;
    text << "\n";
    std::optional<PreparedKernel> pk;
    try {
      pk = prepare_kernel(k, ops, img);
    } catch (const std::exception&) {
      pk.reset();
    }
    if (!pk) {
      text << "# runs on the reference path\n\n";
      for (int i = k.begin; i < k.end; ++i) {
        const ImageOp* ref = find_image_op(ops[static_cast<std::size_t>(i)].op);
        if (!ref) return text.str() + "# (no such op)\n";
        ref->apply(ops[static_cast<std::size_t>(i)].args, img);
      }
      continue;
    }
    text << "# structure " << pk->spec.structure() << "\n";
    // What runs: the ahead-of-time catalog members the kernel is cut into (kernel_catalog.h).
    for (const KernelPiece& piece : cut_into_catalog(pk->spec)) {
      text << "# catalog kernel " << piece.spec.structure() << "\n";
      BuiltKernel built = build_kernel(piece.spec);
      text << (lowered ? lowered_stmt(built.pipeline, *built.params) : loop_nest(built.pipeline)) << "\n";
    }
    img = zeros(pk->out_shape);
  }
  return text.str();
}

}  // namespace auger::rt::fused
