#include "runtime/fused/fused_executor.h"

#include <optional>
#include <stdexcept>

#include "runtime/fused/fusion_plan.h"
#include "runtime/fused/kernel_catalog.h"
#include "runtime/fused/prepare.h"
#include "runtime/ops/image_op.h"

namespace auger::rt::fused {

namespace {

bool targets_image(const AppliedOp& op) {
  if (op.targets.empty()) return true;
  for (const auto& t : op.targets)
    if (t == "image") return true;
  return false;
}

void run_reference(const AppliedOp& op, Image& img) {
  const ImageOp* ref = find_image_op(op.op);
  if (!ref || !ref->apply) throw std::runtime_error("no image op `" + op.op + "`");
  ref->apply(op.args, img);
}

// Gives `img` shape `s`, keeping its storage when it is large enough (no zero-filling of what the kernel writes).
void reshape(Image& img, const Shape& s) {
  const std::size_t n = static_cast<std::size_t>(s.c) * s.h * s.w;
  img.shape = s;
  if (s.elem == Elem::U8) {
    img.u8.resize(n);
    img.f32.clear();
  } else {
    img.f32.resize(n);
    img.u8.clear();
  }
}

// Runs `kernel` with `call`, writing `target` (given `shape` first).
void run_into(const CompiledKernel& kernel, KernelCall& call, const Shape& shape, Image& target) {
  reshape(target, shape);
  if (target.is_u8()) {
    HostBuffer<std::uint8_t> ob(target.u8.data(), {target.w(), target.h(), target.c()});
    call.output(ob.raw_buffer());
    kernel.run(call);
  } else {
    HostBuffer<float> ob(target.f32.data(), {target.w(), target.h(), target.c()});
    call.output(ob.raw_buffer());
    kernel.run(call);
  }
}

// The arguments of `piece`: its steps' renumbered from 0, the head's for the first piece only.
KernelCall piece_call(const KernelCall& call, const KernelPiece& piece, bool first) {
  return call.renamed([&](std::string& name) {
    const int k = step_of_argument(name);
    if (k < 0) return first;
    if (k < piece.first || k >= piece.end) return false;
    name = step_prefix(k - piece.first) + name.substr(name.find('_') + 1);
    return true;
  });
}

}  // namespace

void FusedExecutor::run_prepared(PreparedKernel& pk, Image& target) {
  const std::vector<KernelPiece> pieces = cut_into_catalog(pk.spec);
  if (pieces.size() == 1) {
    run_into(*cache_->get(pk.spec), pk.call, pk.out_shape, target);
    return;
  }
  // Each piece reads the image the one before wrote: this executor's piece images in turn, the last the target.
  const Image* previous = nullptr;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const KernelPiece& piece = pieces[i];
    Image& dst = i + 1 == pieces.size() ? target : pieces_[i % 2];
    KernelCall call = piece_call(pk.call, piece, i == 0);
    std::optional<HostBuffer<std::uint8_t>> in_u8;
    std::optional<HostBuffer<float>> in_f32;
    if (previous) {
      const int w = previous->w(), h = previous->h(), c = previous->c();
      if (previous->is_u8())
        call.buffer("in", in_u8.emplace(const_cast<std::uint8_t*>(previous->u8.data()), w, h, c).raw_buffer());
      else
        call.buffer("in", in_f32.emplace(const_cast<float*>(previous->f32.data()), w, h, c).raw_buffer());
    }
    Shape shape = pk.out_shape;
    shape.elem = piece.spec.output_f32() ? Elem::F32 : Elem::U8;
    run_into(*cache_->get(piece.spec), call, shape, dst);
    previous = &dst;
  }
}

std::vector<AppliedOp> image_ops_of(const std::vector<AppliedOp>& ops) {
  std::vector<AppliedOp> out;
  for (const auto& op : ops)
    if (targets_image(op)) out.push_back(op);
  return out;
}

FusedExecutor::FusedExecutor(std::shared_ptr<KernelCache> cache) : cache_(std::move(cache)) {}

Image FusedExecutor::run(const std::vector<AppliedOp>& ops, const Image& input) {
  Image out;
  run(ops, input, out);
  return out;
}

void FusedExecutor::run(const std::vector<AppliedOp>& all, const Image& input, Image& out) {
  const std::vector<AppliedOp> ops = image_ops_of(all);
  const std::vector<PlannedKernel> plan = kernels_of(ops, input.shape.elem);
  // Each kernel writes a new image: the last one into `out`, the others into this executor's two intermediate
  // images in turn (never the one being read), all of them reused from sample to sample.
  const Image* current = &input;
  for (std::size_t n = 0; n < plan.size(); ++n) {
    const PlannedKernel& k = plan[n];
    Image& target = n + 1 == plan.size() ? out : (current == &between_[0] ? between_[1] : between_[0]);
    std::optional<PreparedKernel> pk;
    try {
      pk = prepare_kernel(k, ops, *current, &scratch_, &target);
    } catch (const std::exception&) {
      pk.reset();  // the reference path reports the problem in the op's own words
    }
    if (!pk) {
      if (current != &target) target = *current;  // the reference ops work in place
      for (int i = k.begin; i < k.end; ++i) {
        run_reference(ops[static_cast<std::size_t>(i)], target);
        ++counters_.reference;
      }
      current = &target;
      continue;
    }
    ++counters_.kernels;
    if (pk->done) {  // a resample or warp alone: the host pass wrote the target
      current = &target;
      continue;
    }
    run_prepared(*pk, target);
    current = &target;
  }
  if (current != &out) out = input;  // no image op ran
}

}  // namespace auger::rt::fused
