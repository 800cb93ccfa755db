// Torch-compat scalar rules of resizing (torch 1.13's UpSample.h / UpSampleKernel.cpp, as torchvision 0.14's
// F_t.resize runs them): the one definition that the reference resize (runtime/ops/reference/resample.cpp) and the
// fused resample tables (runtime/fused/resample_taps.cpp) both call, so the two agree by construction. Each function
// keeps the kernel's float/double mix and the multiply-adds GCC fuses in torch's AVX2 build; resample_rules.cpp is
// compiled without implicit contraction (no_fp_contract.h).
#pragma once

#include <cstdint>
#include <vector>

namespace auger::rt::torch_compat {

// area_pixel_compute_scale<float>(in, out, align_corners=false, no explicit scale): in / out in float32.
float area_pixel_compute_scale(int in, int out);

// area_pixel_compute_source_index<double>(scale, dst, align_corners=false, cubic): scale * (dst + 0.5) - 0.5 in
// double (the kernels' accumulate type); clamped at 0 unless cubic.
double area_pixel_compute_source_index(float scale, int dst, bool cubic);

// nearest_idx (legacy 'nearest'): floor(dst * scale) in float32, at most in - 1, with the kernel's exact shortcuts
// for out == in and out == 2 * in.
std::int64_t nearest_source_index(int dst, int in, int out);

// upsample_bilinear2d's two taps of output `dst` (compute_source_index_and_lambda): the indices i0 <= i1 and their
// weights l0 = 1 - l1, l1 = the fraction, taken in double and rounded to float.
struct LinearTaps {
  std::int64_t i0 = 0, i1 = 0;
  float l0 = 1.0f, l1 = 0.0f;
};
LinearTaps linear_source_taps(int dst, int in, int out);

// upsample_bicubic2d's taps of output `dst`: the first of the four source indices (base - 1, before clamping to the
// image) and get_cubic_upsample_coefficients' weights. The base is floorf of the float-rounded position but the
// fraction comes from the double, so just below an integer the base can be the integer above and the fraction
// slightly negative, as in torch.
struct CubicTaps {
  std::int64_t first = 0;
  float w[4] = {0, 0, 0, 0};
};
CubicTaps cubic_source_taps(int dst, int in, int out);

// cubic_convolution1 / cubic_convolution2: Keys' kernel on [0, 1) and [1, 2) in float32, with the multiply-adds GCC
// fuses in torch's AVX2 build (found bit for bit against torch's weights).
float cubic_convolution1(float x, float a);
float cubic_convolution2(float x, float a);
// get_cubic_upsample_coefficients<float>(coeffs, t) with A = -0.75 (torch's bicubic, as OpenCV).
void cubic_upsample_coefficients(float w[4], float t);

// The antialiasing filters of _upsample_{bilinear,bicubic}2d_aa (PIL's): HelperInterpLinear::aa_filter (triangle)
// and HelperInterpCubic::aa_filter (Keys' cubic with a = -0.5).
float aa_linear_filter(float x);
float aa_cubic_filter(float x);

// HelperInterpBase::_compute_weights_aa for one axis: the filter stretched by the scale when downsampling, output i
// reads `count[i]` taps starting at `xmin[i]` (the window clipped to the image), weights normalised to sum 1 and
// stored at weight[i * window + j] (zero past count[i]).
struct AaWeights {
  int window = 0;  // the kernel's interp_size: ceil(support) * 2 + 1
  std::vector<std::int64_t> xmin;
  std::vector<int> count;
  std::vector<float> weight;
};
AaWeights compute_weights_aa(int in, int out, bool cubic);

}  // namespace auger::rt::torch_compat
