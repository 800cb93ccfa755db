// The structure of one fused kernel: everything that decides the Halide code, and nothing that varies from sample
// to sample (crop boxes, matrices, tables, factors, fills and rectangles are runtime buffers and scalars). Two
// kernels with equal structure() strings are the same compiled code.
#pragma once

#include <string>
#include <vector>

namespace auger::rt::fused {

// Where a kernel runs: this CPU, or an NVIDIA GPU (CUDA host code for this CPU plus PTX for sm_80 and later).
enum class KernelDevice { Cpu, Cuda };

// Bump when the generated code of any kernel changes, so that stale kernels in the disk cache are not reused.
inline constexpr int kKernelCodeVersion = 20;

enum class Head {
  Input,      // read the input image (u8 or f32)
  Remap,      // out(x, y) = in(map_x[x], map_y[y]) or a fill colour
  Sampled,    // pixels the host sampled: a separable resample (resample_pass.h), a nearest affine warp (warp_pass.h)
  Warp,       // affine or perspective grid_sample, nearest or bilinear
  Sharpness,  // torchvision's adjust_sharpness
  Blur,       // torchvision's gaussian_blur
};

// A pointwise step after the head, in trace order. Per-channel ops that are cheap to compute are steps of their own
// (Blend: brightness and contrast; Invert; Posterize; Solarize; Autocontrast); the others (equalize, gamma) compose
// into one 256-entry table per channel (`Lut`) per stretch of them: a table lookup is a gather, which Halide
// scalarises on x86, while the computed steps vectorise fully.
enum class StepKind {
  Lut,
  Blend,
  Invert,
  Posterize,
  Solarize,
  Autocontrast,
  Saturation,
  Hue,
  ToFloat,
  Normalize,
  Paint,
  NoiseRect,
  Noise
};

struct Step {
  StepKind kind = StepKind::Lut;
  bool f32 = false;   // the value type before the step is f32 (else u8)
  bool clip = false;  // Noise: clamp to [0, 1]
};

struct KernelSpec {
  Head head = Head::Input;
  bool input_f32 = false;  // Input head: the image is f32
  // Remap, Sampled, Warp: the output index maps may point outside the image (pads, crops) and take fill colours.
  bool post = false;         // Warp: an output index map is present (remaps after the warp)
  bool post_fill = false;    // Remap/Sampled/Warp: some output pixels take a remap's fill colour
  bool pre = false;          // Warp: a source index map is present (remaps before the warp)
  bool pre_fill = false;     // Warp: some source pixels take a remap's fill colour
  bool nearest = true;       // Warp: nearest (else bilinear)
  bool perspective = false;  // Warp: perspective grid (else affine)
  std::vector<Step> steps;

  [[nodiscard]] bool output_f32() const;
  [[nodiscard]] bool has_mix() const;  // a cross-channel step (saturation, hue)
  // The cache key: head, flags and steps, with the code version.
  [[nodiscard]] std::string structure() const;
};

const char* step_name(StepKind k);

// The prefix of step `index`'s argument names ("s3_"), shared by the builder and the host side that binds them.
std::string step_prefix(int index);
// The inverse: the step an argument name belongs to ("s3_mask" -> 3), or -1 for the head's arguments.
int step_of_argument(const std::string& name);

}  // namespace auger::rt::fused
