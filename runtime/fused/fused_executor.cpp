#include "runtime/fused/fused_executor.h"

#include <stdexcept>

#include "runtime/fused/fusion_plan.h"
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

Image allocate(const Shape& s) {
  return s.elem == Elem::U8 ? Image::make_u8(s.c, s.h, s.w) : Image::make_f32(s.c, s.h, s.w);
}

}  // namespace

std::vector<AppliedOp> image_ops_of(const std::vector<AppliedOp>& ops) {
  std::vector<AppliedOp> out;
  for (const auto& op : ops)
    if (targets_image(op)) out.push_back(op);
  return out;
}

FusedExecutor::FusedExecutor(std::shared_ptr<KernelCache> cache) : cache_(std::move(cache)) {}

Image FusedExecutor::run(const std::vector<AppliedOp>& all, const Image& input) {
  const std::vector<AppliedOp> ops = image_ops_of(all);
  std::vector<std::string_view> names;
  names.reserve(ops.size());
  for (const auto& op : ops) names.push_back(op.op);
  // The image between kernels; `current` points at the input until the first kernel has run.
  Image img;
  const Image* current = &input;
  for (const PlannedKernel& k : plan_kernels(names, input.shape.elem)) {
    std::optional<PreparedKernel> pk;
    try {
      pk = prepare_kernel(k, ops, *current, &scratch_);
    } catch (const std::exception&) {
      pk.reset();  // the reference path reports the problem in the op's own words
    }
    if (!pk) {
      if (current == &input) img = input;  // the reference ops work in place
      current = &img;
      for (int i = k.begin; i < k.end; ++i) {
        run_reference(ops[static_cast<std::size_t>(i)], img);
        ++counters_.reference;
      }
      continue;
    }
    auto kernel = cache_->get(pk->spec);
    Image out = allocate(pk->out_shape);
    if (out.is_u8()) {
      HostBuffer<std::uint8_t> ob(out.u8.data(), {out.w(), out.h(), out.c()});
      pk->call.output(ob.raw_buffer());
      kernel->run(pk->call);
    } else {
      HostBuffer<float> ob(out.f32.data(), {out.w(), out.h(), out.c()});
      pk->call.output(ob.raw_buffer());
      kernel->run(pk->call);
    }
    ++counters_.kernels;
    img = std::move(out);
    current = &img;
  }
  if (current == &input) return input;  // no image op
  return img;
}

}  // namespace auger::rt::fused
