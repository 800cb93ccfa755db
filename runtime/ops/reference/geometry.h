// The kernels behind the geometric reference ops (ops.md §1), one file per job: warp.cpp (affine, perspective and
// elastic sampling grids, grid_sample), resample.cpp (resize), crop_pad.cpp (crop, pad, flips), perspective_solve.cpp
// (the corner-to-coefficient solve). Each reproduces the torch 1.13 / torchvision 0.14 CPU routine it names,
// including its float32 rounding wherever that decides which source pixel is read: a nearest-neighbour warp or
// resize must pick the same pixel as the reference, not one next to it.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runtime/image/image.h"

namespace auger::rt::geo {

enum class Interp { Nearest, Bilinear, Bicubic };
Interp parse_interp(const std::string& name);  // throws std::invalid_argument

// One value for every channel, or one per channel (torchvision's `fill` for tensors).
using Fill = std::vector<double>;

// The image's values as float32 planes: torchvision casts u8 to float32 before any resampling.
std::vector<float> planes_f32(const Image& img);
// Replaces `img` with c x h x w float planes in its own element type; u8 values are rounded half to even and clamped
// to [0, 255] (torchvision's `_cast_squeeze_out`).
void store_f32(Image& img, int h, int w, const std::vector<float>& data);

// --- Warps: torchvision's _apply_grid_transform ---------------------------------------------------------------

// Source positions in grid_sample's normalised coordinates ([-1, 1] spans the input, align_corners=False), one per
// output pixel, row-major. Kept in float32 because that is what torch samples with.
struct Grid {
  int w = 0, h = 0;
  std::vector<float> x, y;
};

// torchvision's `_get_inverse_affine_matrix(center, angle, translate, scale, shear)` (degrees), in double as
// Python computes it.
std::array<double, 6> inverse_affine_matrix(std::array<double, 2> center, double angle, std::array<double, 2> translate,
                                            double scale, std::array<double, 2> shear);
// `_compute_affine_output_size`: the (width, height) that holds the whole warped image (rotate's expand).
std::array<int, 2> affine_output_size(const std::array<double, 6>& matrix, int w, int h);
// `_gen_affine_grid(theta, w, h, ow, oh)`.
Grid affine_grid(const std::array<double, 6>& matrix, int w, int h, int ow, int oh);

// `_get_perspective_coeffs(startpoints, endpoints)`: the float32 least-squares solve torch runs (LAPACK sgels).
// Points are [x0, y0, x1, y1, …] for top-left, top-right, bottom-right, bottom-left.
std::array<double, 8> perspective_coeffs(const std::array<double, 8>& startpoints,
                                         const std::array<double, 8>& endpoints);
// `_perspective_grid(coeffs, ow, oh)`.
Grid perspective_grid(const std::array<double, 8>& coeffs, int ow, int oh);

// The displacement of ElasticTransform (documented in warp.cpp and docs/stdlib-notes.md) added to
// `_create_identity_grid`: deterministic in (seed, w, h, alpha, sigma).
Grid elastic_grid(int w, int h, std::uint64_t seed, double alpha, double sigma);
// The undisplaced noise of elastic_grid: dx0 and dy0 in [-1, 1), row-major h x w (exposed for tests).
void elastic_noise(int w, int h, std::uint64_t seed, std::vector<float>& dx, std::vector<float>& dy);

// torchvision's _apply_grid_transform: grid_sample(padding_mode="zeros", align_corners=False), then, when `fill` is
// given, the fill through the appended mask channel; std::nullopt is torchvision's fill=None, grid_sample's zero
// padding alone (which a bilinear warp blends into its border pixels, unlike fill 0 through the mask). The image
// becomes grid.h x grid.w. Nearest and bilinear only (as torchvision's tensor warps).
void grid_sample(Image& img, const Grid& grid, Interp interp, const std::optional<Fill>& fill);

// --- Resampling: torchvision's F_t.resize (torch.nn.functional.interpolate) ------------------------------------

// Resize to oh x ow. Nearest is torch's legacy 'nearest' (src = floor(dst * in / out)); bilinear and bicubic use
// align_corners=False; `antialias` selects _upsample_bilinear2d_aa / _upsample_bicubic2d_aa and is ignored for
// nearest. u8 results are rounded half to even (bicubic clamped first), as torchvision does.
void resize(Image& img, int oh, int ow, Interp interp, bool antialias);

// --- Crops, pads, flips ---------------------------------------------------------------------------------------

enum class PadMode { Constant, Reflect, Edge };
PadMode parse_pad_mode(const std::string& name);  // throws std::invalid_argument

// Mirrors an index into [0, n) without repeating the edge (torch's reflect padding), for any distance: torch
// refuses a pad as wide as the image, this keeps mirroring.
inline int reflect_index(int i, int n) {
  if (n == 1) return 0;
  const int period = 2 * (n - 1);
  i %= period;
  if (i < 0) i += period;
  return i < n ? i : period - i;
}

// F.crop: the h x w window at (top, left); parts outside the image are 0.
void crop(Image& img, int top, int left, int h, int w);
// F.pad with per-side amounts (all >= 0).
void pad(Image& img, int left, int top, int right, int bottom, PadMode mode, const Fill& fill);
void hflip(Image& img);
void vflip(Image& img);

}  // namespace auger::rt::geo
