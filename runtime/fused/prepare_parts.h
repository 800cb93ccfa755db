// Internal to runtime/fused: what the prepare_*.cpp files share.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/fused/prepare.h"
#include "runtime/fused/remap_chain.h"
#include "runtime/fused/scratch.h"

namespace auger::rt::fused {

// Allocates host buffers (from the executor's scratch when there is one, else owned by the prepared kernel) and
// binds them (and scalars) to argument names.
class Binder {
 public:
  Binder(PreparedKernel& pk, Scratch* scratch, Image* target = nullptr, bool final = false)
      : pk_(pk), scratch_(scratch), target_(target), final_(final) {}

  // A buffer of `sizes` (x fastest), bound to `name`; returns its storage, zero-initialised unless `zero` is false
  // (a large buffer the caller overwrites entirely).
  template <class T>
  T* buffer(const std::string& name, std::vector<int> sizes, bool zero = true) {
    std::size_t count = 1;
    for (auto& s : sizes) {
      s = std::max(s, 1);  // Halide buffers never have an empty dimension here
      count *= static_cast<std::size_t>(s);
    }
    std::shared_ptr<HostBuffer<T>> b;
    if (scratch_)
      b = std::make_shared<HostBuffer<T>>(static_cast<T*>(scratch_->get(name, count * sizeof(T))), sizes);
    else
      b = std::make_shared<HostBuffer<T>>(sizes);
    if (zero) std::fill(b->data(), b->data() + count, T{});
    pk_.call.buffer(name, b->raw_buffer());
    pk_.owned.push_back(b);
    return b->data();
  }
  [[nodiscard]] Scratch* scratch() const { return scratch_; }
  // Where a host-sampled head writes its u8 pixels (w x h x c): straight into the target image when the head is
  // the whole kernel (`final`, nothing after it) and no remap fill follows — then pk.done — else the "sampled"
  // argument of the kernel.
  std::uint8_t* sampled(int w, int h, int c, bool post_fill);
  // A 1-D int32 table.
  void table(const std::string& name, const std::vector<int>& v);
  // The image's own storage as (x, y, c), borrowed.
  void image(const std::string& name, const Image& img);
  void i32(const std::string& name, int v) { pk_.call.i32(name, v); }
  void f32(const std::string& name, float v) { pk_.call.f32(name, v); }

 private:
  PreparedKernel& pk_;
  Scratch* scratch_;
  Image* target_;
  bool final_;
};

// One value per channel from a list of one or `c` values; false when the count fits neither.
bool per_channel(const std::vector<double>& v, int c, std::vector<double>* out);
// torch's float -> u8 fill: clamped to [0, 255], then truncated.
std::uint8_t fill_u8(double v);

// Binds code_x, code_y and fills (u8, (channel, code)) of a chain whose output may take fill colours.
bool bind_fills(Binder& b, const RemapChain& chain, int channels, const std::string& prefix = "");

// The heads. Each fills pk.spec's head fields, binds its arguments and sets pk.out_shape; false to fall back.
bool prepare_geometry(const PlannedKernel& k, const std::vector<AppliedOp>& ops, const Image& input, PreparedKernel& pk,
                      Binder& b);
bool prepare_stencil(const AppliedOp& op, const Image& input, PreparedKernel& pk, Binder& b);

// The pointwise and store steps of ops [begin, end), after the head. `input` is the kernel's materialised input
// when the first step may need its statistics (a pointwise kernel), else nullptr.
bool prepare_steps(const std::vector<AppliedOp>& ops, int begin, int end, const Image* input, PreparedKernel& pk,
                   Binder& b);

}  // namespace auger::rt::fused
