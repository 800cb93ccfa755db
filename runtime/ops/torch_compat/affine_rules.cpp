// Each rule moved here unchanged from the reference warps, operation for operation.
#include "runtime/ops/torch_compat/affine_rules.h"

#include <cmath>
#include <numbers>

#include "runtime/ops/reference/geometry.h"
#include "runtime/ops/reference/no_fp_contract.h"  // bit-exact with torch: no implicit fma

namespace auger::rt::torch_compat {

std::optional<std::array<double, 2>> affine_shear(const Args& args) {
  const ArgValue* v = args.find("shear");
  if (!v) return std::array<double, 2>{0.0, 0.0};
  const auto l = args.list("shear");
  if (v->kind != ArgValue::Kind::List && !l.empty()) return std::array<double, 2>{l[0], 0.0};
  if (l.size() == 1) return std::array<double, 2>{l[0], l[0]};
  if (l.size() == 2) return std::array<double, 2>{l[0], l[1]};
  return std::nullopt;
}

std::array<double, 6> shear_inverse_matrix(double amount, bool along_x, int w, int h) {
  // math.degrees multiplies by 180 / pi.
  const double deg = std::atan(amount) * (180.0 / std::numbers::pi);
  const std::array<double, 2> center = {0.0 - w * 0.5, 0.0 - h * 0.5};
  const std::array<double, 2> shear = along_x ? std::array<double, 2>{deg, 0.0} : std::array<double, 2>{0.0, deg};
  return geo::inverse_affine_matrix(center, 0.0, {0.0, 0.0}, 1.0, shear);
}

float affine_base_start(int n) {
  return static_cast<float>(-n * 0.5 + 0.5);
}

namespace {

// The first six coefficients rounded to float32, each row divided by half the output's extent, as torch's
// affine_grid / perspective_grid rescale theta.
void theta_rows(const double* m, int w, int h, float rows[2][3]) {
  float t[6];
  for (int i = 0; i < 6; ++i) t[i] = static_cast<float>(m[i]);
  const float sx = static_cast<float>(0.5 * w), sy = static_cast<float>(0.5 * h);
  for (int j = 0; j < 3; ++j) {
    rows[0][j] = t[j] / sx;
    rows[1][j] = t[3 + j] / sy;
  }
}

}  // namespace

void affine_theta_rows(const std::array<double, 6>& matrix, int w, int h, float rows[2][3]) {
  theta_rows(matrix.data(), w, h, rows);
}

void perspective_theta_rows(const std::array<double, 8>& coeffs, int ow, int oh, float rows[2][3]) {
  theta_rows(coeffs.data(), ow, oh, rows);
}

float grid_half_size(int size) {
  return static_cast<float>(size) / 2;
}

float grid_sampler_unnormalize(float coord, float half) {
  return std::fma(coord + 1.0f, half, -0.5f);
}

}  // namespace auger::rt::torch_compat
