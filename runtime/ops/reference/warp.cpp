// Sampling grids and grid_sample as torchvision 0.14's tensor warps run them on torch 1.13's CPU kernels.
//
// Why the float32 detail: a nearest-neighbour warp reads the pixel whose index rounds from the grid coordinate,
// and after a 90-degree turn of an image with one odd and one even side every coordinate lies exactly on a .5
// tie, so which neighbour torch reads depends on the last bit of its float32 arithmetic. The grids are therefore
// built with torch's operation order (the batched matmul is a plain k = 0, 1, 2 sum, as netlib BLAS does it) and
// the kernel's unnormalisation is the fused multiply-add that GCC emits for torch's AVX2 kernel.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numbers>
#include <stdexcept>

#include "runtime/ops/reference/geometry.h"
#include "runtime/ops/reference/no_fp_contract.h"  // bit-exact with torch: no implicit fma
#include "runtime/ops/torch_compat/affine_rules.h"
#include "runtime/random/draw_stream.h"

namespace auger::rt::geo {

namespace {

// cvttps2dq: values outside int32 (and NaN) become INT_MIN, which every bounds check rejects.
int to_int(float v) {
  return (v >= -2147483648.0f && v < 2147483648.0f) ? static_cast<int>(v) : std::numeric_limits<int>::min();
}

// torch.linspace(start, end, steps) in float32 on the AVX2 kernel: chunks of 16 are two 8-lane `arange`s from a
// base computed at the chunk's first index, the tail is scalar; the first half counts up from `start`, the second
// down from `end`. (Only the elastic identity grid has steps that are not exactly 1.)
std::vector<float> linspace_f32(double start_d, double end_d, int steps) {
  std::vector<float> out(static_cast<std::size_t>(std::max(steps, 0)));
  if (steps <= 0) return out;
  const float start = static_cast<float>(start_d), end = static_cast<float>(end_d);
  if (steps == 1) {
    out[0] = start;
    return out;
  }
  const float step = (end - start) / static_cast<float>(steps - 1);
  const int halfway = steps / 2;
  auto base_at = [&](int idx) {
    return idx < halfway ? std::fma(step, static_cast<float>(idx), start)
                         : std::fma(-step, static_cast<float>(steps - idx - 1), end);
  };
  int i = 0;
  for (; i + 16 <= steps; i += 16)
    for (int half = 0; half < 2; ++half) {
      const int idx = i + 8 * half;
      const float base = base_at(idx);
      for (int k = 0; k < 8; ++k) out[idx + k] = std::fma(static_cast<float>(k), step, base);
    }
  for (; i < steps; ++i) out[i] = base_at(i);
  return out;
}

}  // namespace

Interp parse_interp(const std::string& name) {
  if (name == "nearest") return Interp::Nearest;
  if (name == "bilinear") return Interp::Bilinear;
  if (name == "bicubic") return Interp::Bicubic;
  throw std::invalid_argument("unknown interpolation `" + name + "`");
}

std::array<double, 6> inverse_affine_matrix(std::array<double, 2> center, double angle, std::array<double, 2> translate,
                                            double scale, std::array<double, 2> shear) {
  // Python's math.radians multiplies by pi / 180; the expressions keep torchvision's evaluation order.
  constexpr double kDegToRad = std::numbers::pi / 180.0;
  const double rot = angle * kDegToRad, sx = shear[0] * kDegToRad, sy = shear[1] * kDegToRad;
  const auto [cx, cy] = center;
  const auto [tx, ty] = translate;
  const double a = std::cos(rot - sy) / std::cos(sy);
  const double b = -std::cos(rot - sy) * std::tan(sx) / std::cos(sy) - std::sin(rot);
  const double c = std::sin(rot - sy) / std::cos(sy);
  const double d = -std::sin(rot - sy) * std::tan(sx) / std::cos(sy) + std::cos(rot);
  std::array<double, 6> m = {d / scale, -b / scale, 0.0 / scale, -c / scale, a / scale, 0.0 / scale};
  m[2] += m[0] * (-cx - tx) + m[1] * (-cy - ty);
  m[5] += m[3] * (-cx - tx) + m[4] * (-cy - ty);
  m[2] += cx;
  m[5] += cy;
  return m;
}

std::array<int, 2> affine_output_size(const std::array<double, 6>& matrix, int w, int h) {
  // float32 throughout, as torchvision builds the corner tensor and theta with the default dtype.
  const float hw = static_cast<float>(0.5 * w), hh = static_cast<float>(0.5 * h);
  const float pts[4][2] = {{-hw, -hh}, {-hw, hh}, {hw, hh}, {hw, -hh}};
  float t[6];
  for (int i = 0; i < 6; ++i) t[i] = static_cast<float>(matrix[i]);
  float lo[2] = {std::numeric_limits<float>::infinity(), std::numeric_limits<float>::infinity()};
  float hi[2] = {-lo[0], -lo[1]};
  for (const auto& p : pts)
    for (int k = 0; k < 2; ++k) {
      float v = p[0] * t[3 * k];
      v = v + p[1] * t[3 * k + 1];
      v = v + t[3 * k + 2];
      lo[k] = std::min(lo[k], v);
      hi[k] = std::max(hi[k], v);
    }
  // torchvision truncates to 1e-4 before ceil/floor so that 1e-15 noise does not add a pixel.
  const float tol = 1e-4f;
  const float half[2] = {hw, hh};
  int size[2];
  for (int k = 0; k < 2; ++k) {
    const float mx = hi[k] + half[k], mn = lo[k] + half[k];
    const float cmax = std::ceil(std::trunc(mx / tol) * tol);
    const float cmin = std::floor(std::trunc(mn / tol) * tol);
    size[k] = static_cast<int>(cmax - cmin);
  }
  return {size[0], size[1]};
}

Grid affine_grid(const std::array<double, 6>& matrix, int w, int h, int ow, int oh) {
  float r[2][3];
  torch_compat::affine_theta_rows(matrix, w, h, r);
  Grid g;
  g.w = ow;
  g.h = oh;
  g.x.resize(static_cast<std::size_t>(ow) * oh);
  g.y.resize(g.x.size());
  // The base grid holds pixel centres relative to the output centre: exact half-integers.
  const float x0 = torch_compat::affine_base_start(ow), y0 = torch_compat::affine_base_start(oh);
  std::size_t i = 0;
  for (int y = 0; y < oh; ++y) {
    const float by = y0 + static_cast<float>(y);
    for (int x = 0; x < ow; ++x, ++i) {
      const float bx = x0 + static_cast<float>(x);
      float gx = bx * r[0][0];
      gx = gx + by * r[0][1];
      g.x[i] = gx + r[0][2];
      float gy = bx * r[1][0];
      gy = gy + by * r[1][1];
      g.y[i] = gy + r[1][2];
    }
  }
  return g;
}

Grid perspective_grid(const std::array<double, 8>& coeffs, int ow, int oh) {
  float c[8];
  for (int i = 0; i < 8; ++i) c[i] = static_cast<float>(coeffs[i]);
  float r[2][3];
  torch_compat::perspective_theta_rows(coeffs, ow, oh, r);
  Grid g;
  g.w = ow;
  g.h = oh;
  g.x.resize(static_cast<std::size_t>(ow) * oh);
  g.y.resize(g.x.size());
  std::size_t i = 0;
  for (int y = 0; y < oh; ++y) {
    const float by = 0.5f + static_cast<float>(y);
    for (int x = 0; x < ow; ++x, ++i) {
      const float bx = 0.5f + static_cast<float>(x);
      float nx = bx * r[0][0];
      nx = nx + by * r[0][1];
      nx = nx + r[0][2];
      float ny = bx * r[1][0];
      ny = ny + by * r[1][1];
      ny = ny + r[1][2];
      float den = bx * c[6];
      den = den + by * c[7];
      den = den + 1.0f;
      g.x[i] = nx / den - 1.0f;
      g.y[i] = ny / den - 1.0f;
    }
  }
  return g;
}

// ElasticTransform (torchvision 0.15 semantics, the formula of the stdlib doc), made deterministic:
//   dx0[y, x] = u(word 0) * 2 - 1, dy0[y, x] = u(word 2) * 2 - 1, where the words are
//     DrawStream(seed, 0, "elastic", "noise").block(y * W + x, 0) and u(word) = (word >> 8) * 2^-24
//     (a float32 in [0, 1) with 24 random bits, like torch.rand);
//   when sigma > 0, each is blurred by F.gaussian_blur with kernel k = int(8 * sigma + 1) (+1 when even) and that
//     sigma, reflect padding (mirrored again where the image is smaller than the kernel, where torch refuses);
//   dx = dx * alpha / H, dy = dy * alpha / W (torchvision's size[0], size[1] order, kept);
//   grid = _create_identity_grid([H, W]) + (dx, dy), sampled like every warp.
void elastic_noise(int w, int h, std::uint64_t seed, std::vector<float>& dx, std::vector<float>& dy) {
  const rng::DrawStream stream(seed, 0, "elastic", "noise");
  const std::size_t n = static_cast<std::size_t>(w) * h;
  dx.resize(n);
  dy.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto words = stream.block(static_cast<std::uint32_t>(i), 0);
    dx[i] = static_cast<float>(words[0] >> 8) * 0x1.0p-24f * 2.0f - 1.0f;
    dy[i] = static_cast<float>(words[2] >> 8) * 0x1.0p-24f * 2.0f - 1.0f;
  }
}

namespace {

// F.gaussian_blur of one float plane, separably: the 2-D kernel torch convolves with is the outer product of this
// 1-D kernel, so the results agree to float32 rounding.
void gaussian_blur_plane(std::vector<float>& plane, int w, int h, double sigma) {
  int k = static_cast<int>(8 * sigma + 1);
  if (k % 2 == 0) ++k;
  const int half = k / 2;
  // _get_gaussian_kernel1d in float32: linspace(-half, half) is exact, pdf = exp(-0.5 (x / sigma)^2).
  std::vector<float> kern(static_cast<std::size_t>(k));
  float sum = 0;
  const float s = static_cast<float>(sigma);
  for (int i = 0; i < k; ++i) {
    const float x = static_cast<float>(i - half) / s;
    kern[i] = std::exp(-0.5f * (x * x));
    sum += kern[i];
  }
  for (auto& v : kern) v /= sum;
  // Rows first, through a reflect-padded copy of each row; then columns, a whole row of accumulators at a time.
  std::vector<float> tmp(plane.size());
  std::vector<float> padded(static_cast<std::size_t>(w) + 2 * half);
  std::vector<int> src_x(padded.size());
  for (int i = 0; i < static_cast<int>(padded.size()); ++i) src_x[i] = reflect_index(i - half, w);
  for (int y = 0; y < h; ++y) {
    const float* row = plane.data() + static_cast<std::size_t>(y) * w;
    for (std::size_t i = 0; i < padded.size(); ++i) padded[i] = row[src_x[i]];
    for (int x = 0; x < w; ++x) {
      double acc = 0;
      for (int j = 0; j < k; ++j) acc += static_cast<double>(kern[j]) * padded[x + j];
      tmp[static_cast<std::size_t>(y) * w + x] = static_cast<float>(acc);
    }
  }
  std::vector<double> acc(static_cast<std::size_t>(w));
  for (int y = 0; y < h; ++y) {
    std::fill(acc.begin(), acc.end(), 0.0);
    for (int j = 0; j < k; ++j) {
      const float* row = tmp.data() + static_cast<std::size_t>(reflect_index(y + j - half, h)) * w;
      const double kj = kern[j];
      for (int x = 0; x < w; ++x) acc[x] += kj * row[x];
    }
    for (int x = 0; x < w; ++x) plane[static_cast<std::size_t>(y) * w + x] = static_cast<float>(acc[x]);
  }
}

}  // namespace

Grid elastic_grid(int w, int h, std::uint64_t seed, double alpha, double sigma) {
  std::vector<float> dx, dy;
  elastic_noise(w, h, seed, dx, dy);
  if (sigma > 0) {
    gaussian_blur_plane(dx, w, h, sigma);
    gaussian_blur_plane(dy, w, h, sigma);
  }
  const float a = static_cast<float>(alpha);
  const auto gx = linspace_f32(static_cast<double>(-w + 1) / w, static_cast<double>(w - 1) / w, w);
  const auto gy = linspace_f32(static_cast<double>(-h + 1) / h, static_cast<double>(h - 1) / h, h);
  Grid g;
  g.w = w;
  g.h = h;
  g.x.resize(dx.size());
  g.y.resize(dx.size());
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const std::size_t i = static_cast<std::size_t>(y) * w + x;
      g.x[i] = gx[x] + dx[i] * a / static_cast<float>(h);
      g.y[i] = gy[y] + dy[i] * a / static_cast<float>(w);
    }
  return g;
}

void grid_sample(Image& img, const Grid& grid, Interp interp, const std::optional<Fill>& given_fill) {
  if (interp == Interp::Bicubic) throw std::invalid_argument("warps support nearest and bilinear interpolation only");
  const int c = img.c(), h = img.h(), w = img.w();
  // fill=None: no mask channel; out-of-image corners read 0 and nothing else is blended in.
  const bool mask_fill = given_fill.has_value();
  const Fill fill = given_fill.value_or(Fill{});
  if (!fill.empty() && fill.size() != 1 && static_cast<int>(fill.size()) != c)
    throw std::invalid_argument("fill has " + std::to_string(fill.size()) + " values for " + std::to_string(c) +
                                " channels");
  const auto src = planes_f32(img);
  const std::size_t n = grid.x.size(), plane = static_cast<std::size_t>(h) * w;
  std::vector<float> out(static_cast<std::size_t>(c) * n);
  std::vector<float> fills(static_cast<std::size_t>(c), 0.0f);
  for (int ch = 0; ch < c; ++ch)
    if (!fill.empty()) fills[ch] = static_cast<float>(fill.size() == 1 ? fill[0] : fill[ch]);
  // grid_sample's unnormalisation for align_corners=False.
  const float half_w = torch_compat::grid_half_size(w), half_h = torch_compat::grid_half_size(h);
  for (std::size_t i = 0; i < n; ++i) {
    const float ix = torch_compat::grid_sampler_unnormalize(grid.x[i], half_w);
    const float iy = torch_compat::grid_sampler_unnormalize(grid.y[i], half_h);
    if (interp == Interp::Nearest) {
      // Half-to-even rounding (the kernel's _mm256_round_ps), then the mask channel decides the fill.
      const int xi = to_int(std::nearbyint(ix)), yi = to_int(std::nearbyint(iy));
      const bool in = xi >= 0 && xi < w && yi >= 0 && yi < h;
      const std::size_t at = in ? static_cast<std::size_t>(yi) * w + xi : 0;
      for (int ch = 0; ch < c; ++ch) out[ch * n + i] = in ? src[ch * plane + at] : fills[ch];
      continue;
    }
    if (!std::isfinite(ix) || !std::isfinite(iy)) {
      for (int ch = 0; ch < c; ++ch) out[ch * n + i] = fills[ch];
      continue;
    }
    const float x_w = std::floor(ix), y_n = std::floor(iy);
    const float we = ix - x_w, ea = 1.0f - we, no = iy - y_n, so = 1.0f - no;
    const float nw = so * ea, ne = so * we, sw = no * ea, se = no * we;
    const int x0 = to_int(x_w), y0 = to_int(y_n);
    const bool in_w = x0 > -1 && x0<w, in_e = x0 + 1> - 1 && x0 + 1 < w;
    const bool in_n = y0 > -1 && y0<h, in_s = y0 + 1> - 1 && y0 + 1 < h;
    const bool m_nw = in_n && in_w, m_ne = in_n && in_e, m_sw = in_s && in_w, m_se = in_s && in_e;
    // The mask channel of ones goes through the same arithmetic as the image.
    const float mask =
        std::fma(m_se ? 1.0f : 0.0f, se,
                 std::fma(m_sw ? 1.0f : 0.0f, sw, std::fma(m_ne ? 1.0f : 0.0f, ne, (m_nw ? 1.0f : 0.0f) * nw)));
    const float inv = 1.0f - mask;
    for (int ch = 0; ch < c; ++ch) {
      const float* p = src.data() + ch * plane;
      const float v_nw = m_nw ? p[static_cast<std::size_t>(y0) * w + x0] : 0.0f;
      const float v_ne = m_ne ? p[static_cast<std::size_t>(y0) * w + x0 + 1] : 0.0f;
      const float v_sw = m_sw ? p[static_cast<std::size_t>(y0 + 1) * w + x0] : 0.0f;
      const float v_se = m_se ? p[static_cast<std::size_t>(y0 + 1) * w + x0 + 1] : 0.0f;
      // (nw * v_nw) + (ne * v_ne) + (sw * v_sw) + (se * v_se) as GCC fuses it in torch's AVX2 kernel (checked
      // bit for bit against torch on float images).
      const float v = std::fma(v_se, se, std::fma(v_sw, sw, std::fma(v_ne, ne, v_nw * nw)));
      if (!mask_fill) {
        out[ch * n + i] = v;
        continue;
      }
      // torchvision's blend with the fill colour: img * mask + (1 - mask) * fill, one float32 op at a time.
      const float kept = v * mask;
      const float filled = inv * fills[ch];
      out[ch * n + i] = kept + filled;
    }
  }
  store_f32(img, grid.h, grid.w, out);
}

}  // namespace auger::rt::geo
