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

}  // namespace

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
  std::vector<std::string_view> names;
  names.reserve(ops.size());
  for (const auto& op : ops) names.push_back(op.op);
  const std::vector<PlannedKernel> plan = plan_kernels(names, input.shape.elem);
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
    auto kernel = cache_->get(pk->spec);
    reshape(target, pk->out_shape);
    if (target.is_u8()) {
      HostBuffer<std::uint8_t> ob(target.u8.data(), {target.w(), target.h(), target.c()});
      pk->call.output(ob.raw_buffer());
      kernel->run(pk->call);
    } else {
      HostBuffer<float> ob(target.f32.data(), {target.w(), target.h(), target.c()});
      pk->call.output(ob.raw_buffer());
      kernel->run(pk->call);
    }
    current = &target;
  }
  if (current != &out) out = input;  // no image op ran
}

}  // namespace auger::rt::fused
