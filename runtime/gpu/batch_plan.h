// What the GPU batch kernels need of one sample (docs/cuda.md): from its resolved image ops and decoded image, the
// resample's per-output source indices and weights — made by the CPU path's own code (resample_taps.h,
// remap_chain.h), so the taps are the same — with the flips and crops around it folded in, color_jitter's ops in
// their drawn order, and the store. A trace the kernels cannot express gets no plan and a reason: it runs on the
// CPU path.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runtime/image/image.h"
#include "runtime/ops/trace.h"

namespace auger::rt::gpu {

// One tap table over the source image's columns or rows: taps per output, tap fastest, absolute source indices.
struct GpuTaps {
  int taps = 0;
  std::vector<int> index;
  std::vector<float> weight;
  std::vector<std::uint8_t> add;  // 1: acc + round(x * w); 0: fma(x, w, acc) (resample_taps.h)
  [[nodiscard]] int outputs() const { return taps ? static_cast<int>(index.size()) / taps : 0; }
};

enum class JitterKind : std::int32_t { None = 0, Brightness = 1, Contrast = 2, Saturation = 3, Hue = 4 };

struct JitterOp {
  JitterKind kind = JitterKind::None;
  float a = 0, b = 0;  // blend ratio and 1 - ratio (torch_compat::blend_weights), or the hue shift in a
};

// How the batch is stored: u8 as the jitter leaves it, or f32 (to_float, then normalize's mean and std).
struct GpuStore {
  bool f32 = false;
  std::array<float, 3> mean{0, 0, 0}, std{1, 1, 1};
  friend bool operator==(const GpuStore&, const GpuStore&) = default;
};

struct GpuSample {
  const Image* image = nullptr;  // u8, 3 channels, planar; borrowed until the batch has run
  GpuTaps cols, rows;
  std::vector<JitterOp> jitter;
  GpuStore store;
  [[nodiscard]] int out_w() const { return cols.outputs(); }
  [[nodiscard]] int out_h() const { return rows.outputs(); }
  [[nodiscard]] Shape out_shape() const { return {3, out_h(), out_w(), store.f32 ? Elem::F32 : Elem::U8}; }
};

// The plan of `ops` (a sample's image ops, image_ops_of) on `input`, or nullopt with `why` set: an op outside
//   remap* [random_resized_crop | resize] remap* [brightness | contrast | saturation | hue]* [to_float [normalize]]
// (remap: hflip, vflip, crop, center_crop, random_crop, pad), an image that is not 3-channel u8, a remap that fills.
std::optional<GpuSample> plan_gpu_sample(const std::vector<AppliedOp>& ops, const Image& input, std::string* why);

}  // namespace auger::rt::gpu
