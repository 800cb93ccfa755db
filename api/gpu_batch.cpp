#include "api/gpu_batch.h"

#include <fmt/format.h>

#include <optional>

#include "api/policy_state.h"
#include "runtime/fused/fused_executor.h"
#include "runtime/gpu/batch_plan.h"
#include "runtime/gpu/cuda_driver.h"

namespace auger {

namespace {

// The policy's one image input (the batch kernels transform one pixel field, RGB).
std::string image_field(const Policy& policy) {
  std::string field;
  for (const auto& [name, type] : policy.state().loaded.fn.inputs)
    if (type.kind == "image") {
      if (!field.empty()) throw Error("the GPU path takes policies with one image field; this one has several");
      if (type.channels() != 3)
        throw Error(fmt::format("the GPU batch kernels take RGB images; field `{}` is {}", name, type.text));
      field = name;
    }
  if (field.empty()) throw Error("the GPU path needs an image field; this policy has none");
  return field;
}

// The sample's ops as Policy::apply draws them.
rt::Trace trace_of(const Policy& policy, const std::string& field, const rt::Shape& shape, const std::string& key,
                   std::uint64_t epoch) {
  sampling::SampleContext ctx;
  ctx.seed = policy.state().seed;
  ctx.epoch = epoch;
  ctx.key = key;
  ctx.shapes[field] = shape;
  return policy.state().sampler->sample(ctx);
}

std::vector<rt::AppliedOp> image_ops(const Policy& policy, const std::string& field, const rt::Shape& shape,
                                     const std::string& key, std::uint64_t epoch) {
  return rt::fused::image_ops_of(trace_of(policy, field, shape, key, epoch).ops);
}

}  // namespace

const std::string& cuda_unavailable_reason() {
  return rt::gpu::cuda_unavailable_reason();
}

GpuAugmenter::GpuAugmenter(const Policy& policy, bool emulate) : policy_(policy), field_(image_field(policy)) {
  if (emulate) {
    executor_ = std::make_unique<rt::gpu::GpuBatchExecutor>(rt::gpu::GpuMode::HostEmulation);
    return;
  }
  if (const auto& why = cuda_unavailable_reason(); !why.empty()) throw Error(why);
  executor_ = std::make_unique<rt::gpu::GpuBatchExecutor>(rt::gpu::GpuMode::Cuda);
}

std::string gpu_loader_refusal(const Policy& policy) {
  const ir::Function& fn = policy.state().loaded.fn;
  for (const auto* fields : {&fn.inputs, &fn.outputs})
    for (const auto& [name, type] : *fields) {
      const bool rgb_image = type.kind == "image" && type.channels() == 3;
      const bool one_class = type.kind == "class" && type.text.find("[]") == std::string::npos;
      if (!rgb_image && !one_class)
        return fmt::format("field `{}` ({}): the GPU batch kernels carry one RGB image and class labels only", name,
                           type.text);
    }
  return GpuAugmenter::unsupported(policy, rt::Shape{3, 480, 640, rt::Elem::U8});
}

std::string GpuAugmenter::unsupported(const Policy& policy, const rt::Shape& probe) {
  try {
    const std::string field = image_field(policy);
    const rt::Image image = rt::Image::make_u8(probe.c, probe.h, probe.w);
    std::string why;
    if (!rt::gpu::plan_gpu_sample(image_ops(policy, field, probe, "probe", 0), image, &why)) return why;
    return "";
  } catch (const std::exception& e) {
    return e.what();
  }
}

std::vector<rt::gpu::GpuSample> GpuAugmenter::plan(const std::vector<rt::Image>& images,
                                                   const std::vector<std::string>& keys, std::uint64_t epoch) const {
  if (images.size() != keys.size()) throw Error("one key per image");
  std::vector<rt::gpu::GpuSample> samples;
  samples.reserve(images.size());
  for (std::size_t i = 0; i < images.size(); ++i) {
    std::string why;
    const rt::Trace trace = trace_of(policy_, field_, images[i].shape, keys[i], epoch);
    auto s = rt::gpu::plan_gpu_sample(rt::fused::image_ops_of(trace.ops), images[i], &why);
    if (!s) throw Error(fmt::format("sample `{}` cannot run on the GPU: {}", keys[i], why));
    samples.push_back(std::move(*s));
  }
  return samples;
}

rt::gpu::DeviceBatch GpuAugmenter::run(const std::vector<rt::Image>& images, const std::vector<std::string>& keys,
                                       std::uint64_t epoch) {
  const auto samples = plan(images, keys, epoch);
  try {
    return executor_->run(samples);
  } catch (const std::exception& e) {
    throw Error(e.what());
  }
}

}  // namespace auger
