#include "runtime/fused/prepare.h"

#include <algorithm>
#include <cmath>

#include "runtime/fused/prepare_parts.h"

namespace auger::rt::fused {

void Binder::table(const std::string& name, const std::vector<int>& v) {
  int* p = buffer<int>(name, {static_cast<int>(v.size())});
  std::copy(v.begin(), v.end(), p);
}

void Binder::image(const std::string& name, const Image& img) {
  std::shared_ptr<void> b;
  if (img.is_u8()) {
    auto buf = std::make_shared<HostBuffer<std::uint8_t>>(const_cast<std::uint8_t*>(img.u8.data()),
                                                          std::vector<int>{img.w(), img.h(), img.c()});
    pk_.call.buffer(name, buf->raw_buffer());
    b = buf;
  } else {
    auto buf = std::make_shared<HostBuffer<float>>(const_cast<float*>(img.f32.data()),
                                                   std::vector<int>{img.w(), img.h(), img.c()});
    pk_.call.buffer(name, buf->raw_buffer());
    b = buf;
  }
  pk_.owned.push_back(b);
}

std::uint8_t* Binder::sampled(int w, int h, int c, bool post_fill) {
  if (target_ && final_ && !post_fill) {
    target_->shape = Shape{c, h, w, Elem::U8};
    target_->u8.resize(static_cast<std::size_t>(c) * h * w);
    target_->f32.clear();
    pk_.done = true;
    return target_->u8.data();
  }
  return buffer<std::uint8_t>("sampled", {w, h, c}, false);
}

bool per_channel(const std::vector<double>& v, int c, std::vector<double>* out) {
  if (v.size() == 1) {
    out->assign(static_cast<std::size_t>(c), v[0]);
    return true;
  }
  if (static_cast<int>(v.size()) != c) return false;
  *out = v;
  return true;
}

std::uint8_t fill_u8(double v) {
  return static_cast<std::uint8_t>(std::clamp(v, 0.0, 255.0));
}

bool bind_fills(Binder& b, const RemapChain& chain, int channels, const std::string& prefix) {
  b.table(prefix + "code_x", chain.x().code);
  b.table(prefix + "code_y", chain.y().code);
  const auto& fills = chain.fills();
  std::uint8_t* f = b.buffer<std::uint8_t>(prefix + "fills", {channels, static_cast<int>(fills.size())});
  for (std::size_t k = 0; k < fills.size(); ++k) {
    std::vector<double> v;
    if (!per_channel(fills[k], channels, &v)) return false;
    for (int c = 0; c < channels; ++c)
      f[k * static_cast<std::size_t>(channels) + c] = fill_u8(v[static_cast<std::size_t>(c)]);
  }
  return true;
}

std::optional<PreparedKernel> prepare_kernel(const PlannedKernel& k, const std::vector<AppliedOp>& ops,
                                             const Image& input, Scratch* scratch, Image* target) {
  PreparedKernel pk;
  Binder b(pk, scratch, target, k.tail == k.end);
  pk.out_shape = input.shape;
  const Image* stats_input = nullptr;
  int steps_begin = k.tail;
  switch (k.head) {
    case HeadKind::Reference: return std::nullopt;
    case HeadKind::Input:
      pk.spec.head = Head::Input;
      pk.spec.input_f32 = !input.is_u8();
      b.image("in", input);
      steps_begin = k.begin;
      if (input.is_u8()) stats_input = &input;
      break;
    case HeadKind::Stencil:
      if (!input.is_u8() || !prepare_stencil(ops[static_cast<std::size_t>(k.interp)], input, pk, b))
        return std::nullopt;
      steps_begin = k.interp + 1;
      break;
    case HeadKind::Remap:
    case HeadKind::Resample:
    case HeadKind::Warp:
      if (!input.is_u8() || !prepare_geometry(k, ops, input, pk, b)) return std::nullopt;
      break;
  }
  if (!prepare_steps(ops, steps_begin, k.end, stats_input, pk, b)) return std::nullopt;
  return pk;
}

}  // namespace auger::rt::fused
