// The torch-compat scalar rules (runtime/ops/torch_compat) pinned against values computed with torch 1.13 /
// torchvision 0.14 (/usr/bin/python3): weights read off F.interpolate of one-hot rows (exact: every other product is
// a zero), colour values from F.convert_image_dtype / F.adjust_gamma / F.equalize / F_t._blend /
// F_t.rgb_to_grayscale, rounded stores from torch.round(...).clamp(0, 255).to(torch.uint8), matrices from
// F._get_inverse_affine_matrix and _gen_affine_grid's rescaled theta.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <vector>

#include "runtime/ops/args.h"
#include "runtime/ops/torch_compat/affine_rules.h"
#include "runtime/ops/torch_compat/color_rules.h"
#include "runtime/ops/torch_compat/pixel_rules.h"
#include "runtime/ops/torch_compat/resample_rules.h"

namespace tc = auger::rt::torch_compat;

TEST_CASE("torch_compat: resize scale, source index and nearest index") {
  CHECK(tc::area_pixel_compute_scale(7, 3) == 2.3333332538604736f);
  CHECK(tc::area_pixel_compute_source_index(tc::area_pixel_compute_scale(7, 3), 1, false) == 2.9999998807907104);
  CHECK(tc::area_pixel_compute_source_index(tc::area_pixel_compute_scale(3, 7), 0, false) == 0.0);  // clamped
  CHECK(tc::area_pixel_compute_source_index(tc::area_pixel_compute_scale(3, 7), 0, true) < 0.0);    // cubic: not
  // F.interpolate(arange, mode="nearest"): 7 -> 3 and 5 -> 13.
  const std::vector<std::int64_t> down = {0, 2, 4}, up = {0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 3, 4, 4};
  for (int i = 0; i < 3; ++i) CHECK(tc::nearest_source_index(i, 7, 3) == down[static_cast<std::size_t>(i)]);
  for (int i = 0; i < 13; ++i) CHECK(tc::nearest_source_index(i, 5, 13) == up[static_cast<std::size_t>(i)]);
}

TEST_CASE("torch_compat: bilinear and bicubic weights") {
  const tc::LinearTaps l = tc::linear_source_taps(1, 5, 3);
  CHECK(l.i0 == 1);
  CHECK(l.i1 == 2);
  CHECK(l.l0 == 5.960464477539063e-08f);
  CHECK(l.l1 == 0.9999999403953552f);
  const tc::CubicTaps c = tc::cubic_source_taps(3, 5, 8);
  CHECK(c.first == 0);
  const float want[4] = {-0.05035400390625f, 0.34271240234375f, 0.81842041015625f, -0.11077880859375f};
  for (int j = 0; j < 4; ++j) CHECK(c.w[j] == want[j]);
}

TEST_CASE("torch_compat: antialiased weights") {
  // F.interpolate(antialias=True), 10 -> 3, output 1: taps 2..7.
  const tc::AaWeights lin = tc::compute_weights_aa(10, 3, false);
  CHECK(lin.xmin[1] == 2);
  CHECK(lin.count[1] == 6);
  const float lw[6] = {0.07575757801532745f, 0.1666666567325592f, 0.25757578015327454f,
                       0.25757578015327454f, 0.1666666567325592f, 0.07575757801532745f};
  for (int j = 0; j < 6; ++j) CHECK(lin.weight[static_cast<std::size_t>(lin.window + j)] == lw[j]);
  // Bicubic: taps 0..9 (the whole input); torch's last bits differ here (resample.cpp's note), so within 1e-6.
  const tc::AaWeights cub = tc::compute_weights_aa(10, 3, true);
  CHECK(cub.xmin[1] == 0);
  CHECK(cub.count[1] == 10);
  const float cw[5] = {-0.02162780985236168f, -0.006599910091608763f, 0.06627298891544342f, 0.18441259860992432f,
                       0.2775421440601349f};
  for (int j = 0; j < 5; ++j) {
    CHECK(cub.weight[static_cast<std::size_t>(cub.window + j)] == doctest::Approx(cw[j]).epsilon(1e-6));
    CHECK(cub.weight[static_cast<std::size_t>(cub.window + 9 - j)] == doctest::Approx(cw[j]).epsilon(1e-6));
  }
}

TEST_CASE("torch_compat: pixel scale, pow, gamma, autocontrast") {
  CHECK(tc::u8_to_unit(37) == 0.14509804546833038f);
  CHECK(tc::unit_to_u8(0.5f) == 127);
  CHECK(tc::unit_to_u8(0.999f) == 255);
  CHECK(tc::unit_to_u8(1.0f) == 255);
  CHECK(tc::pow_tensor_scalar(0.3f, 2.2f) == 0.07074028253555298f);
  CHECK(tc::pow_tensor_scalar(0.3f, 2.0f) == 0.09000000357627869f);
  CHECK(tc::pow_tensor_scalar(0.3f, 0.5f) == 0.547722578048706f);
  // F.adjust_gamma(uint8 image, 0.7, 1.1).
  const int in[5] = {0, 1, 100, 200, 255}, out[5] = {0, 5, 146, 237, 255};
  for (int i = 0; i < 5; ++i) CHECK(tc::adjust_gamma_u8(static_cast<std::uint8_t>(in[i]), 0.7f, 1.1f) == out[i]);
  CHECK(tc::autocontrast_scale(12.0f, 200.0f, 255.0f) == 1.356382966041565f);
}

TEST_CASE("torch_compat: _blend weights and values") {
  const tc::BlendWeights w3 = tc::blend_weights(0.3), w17 = tc::blend_weights(1.7);
  CHECK(w3.ratio == 0.30000001192092896f);
  CHECK(w3.rest == 0.699999988079071f);
  CHECK(w17.ratio == 1.7000000476837158f);
  CHECK(w17.rest == -0.699999988079071f);
  // F_t._blend(uint8 [0, 1, 37, 128, 200, 255], float32 other, ratio).
  const std::array<std::uint8_t, 6> img = {0, 1, 37, 128, 200, 255};
  struct Case {
    double ratio;
    float other;
    std::array<std::uint8_t, 6> want;
  };
  const Case cases[] = {{0.3, 37.25f, {26, 26, 37, 64, 86, 102}},
                        {1.7, 99.5f, {0, 0, 0, 147, 255, 255}},
                        {0.0, 12.75f, {12, 12, 12, 12, 12, 12}},
                        {2.5, 0.0f, {0, 2, 92, 255, 255, 255}}};
  for (const Case& c : cases)
    for (std::size_t i = 0; i < img.size(); ++i)
      CHECK(static_cast<std::uint8_t>(
                tc::blend(static_cast<float>(img[i]), c.other, tc::blend_weights(c.ratio), 255.0f)) == c.want[i]);
  // On float32 [0.1, 0.5, 0.9] with other 0.25 and ratio 1.3 (bound 1).
  const tc::BlendWeights w13 = tc::blend_weights(1.3);
  CHECK(tc::blend(0.1f, 0.25f, w13, 1.0f) == 0.05499999225139618f);
  CHECK(tc::blend(0.5f, 0.25f, w13, 1.0f) == 0.574999988079071f);
  CHECK(tc::blend(0.9f, 0.25f, w13, 1.0f) == 1.0f);
}

TEST_CASE("torch_compat: grey luma") {
  // F_t.rgb_to_grayscale on uint8 pixels, and its f32 sum before `.to(uint8)`.
  struct Case {
    std::uint8_t r, g, b, want;
    float luma;
  };
  const Case cases[] = {{255, 255, 255, 254, 254.97451782226562f}, {1, 1, 1, 0, 0.9999000430107117f},
                        {10, 20, 30, 18, 18.14900016784668f},      {100, 150, 200, 140, 140.74000549316406f},
                        {0, 255, 0, 149, 149.68499755859375f},     {37, 0, 255, 40, 40.12929916381836f},
                        {3, 251, 17, 150, 150.1717071533203f}};
  for (const Case& c : cases) {
    CHECK(tc::gray_luma_u8(c.r, c.g, c.b) == c.want);
    CHECK(tc::gray_luma(c.r, c.g, c.b) == c.luma);
  }
  CHECK(tc::gray_luma(0.2f, 0.6f, 0.9f) == 0.5145800113677979f);  // a float32 image
}

TEST_CASE("torch_compat: _cast_squeeze_out rounding to uint8") {
  const float in[] = {-3.0f, -0.5f, 0.4999f, 0.5f, 1.5f, 2.5f, 127.5f, 128.5f, 254.5f, 254.6f, 255.49f, 300.0f};
  const std::uint8_t want[] = {0, 0, 0, 0, 2, 2, 128, 128, 254, 255, 255, 255};
  for (std::size_t i = 0; i < std::size(in); ++i) CHECK(tc::round_u8(in[i]) == want[i]);
}

TEST_CASE("torch_compat: equalize step and table") {
  // The 20 x 30 image [0, 0, 0, 10, 10, 20, 30, 30, 30, 30, 40, 250] * 50 through F.equalize.
  std::array<std::int64_t, 256> hist{};
  hist[0] = 150, hist[10] = 100, hist[20] = 50, hist[30] = 200, hist[40] = 50, hist[250] = 50;
  CHECK(tc::equalize_step(hist) == 2);
  const auto lut = tc::equalize_lut(hist);
  REQUIRE(lut.has_value());
  const int value[6] = {0, 10, 20, 30, 40, 250}, mapped[6] = {0, 75, 125, 150, 250, 255};
  for (int i = 0; i < 6; ++i) CHECK((*lut)[static_cast<std::size_t>(value[i])] == mapped[i]);
  std::array<std::int64_t, 256> flat{};
  flat[7] = 600;  // one value: step 0, the channel unchanged
  CHECK_FALSE(tc::equalize_lut(flat).has_value());
}

TEST_CASE("torch_compat: shear arguments and matrices") {
  using auger::rt::ArgValue;
  auger::rt::Args a;
  CHECK(*tc::affine_shear(a) == std::array<double, 2>{0.0, 0.0});
  a.set("shear", ArgValue::num(5));
  CHECK(*tc::affine_shear(a) == std::array<double, 2>{5.0, 0.0});
  a.set("shear", ArgValue::of_list({5}));
  CHECK(*tc::affine_shear(a) == std::array<double, 2>{5.0, 5.0});
  a.set("shear", ArgValue::of_list({5, -3}));
  CHECK(*tc::affine_shear(a) == std::array<double, 2>{5.0, -3.0});
  a.set("shear", ArgValue::of_list({1, 2, 3}));
  CHECK_FALSE(tc::affine_shear(a).has_value());

  // _apply_op("ShearX", 0.3) and ("ShearY", -0.2) on a 10 x 6 image.
  const std::array<double, 6> sx = {1.0, 0.3, 0.9000000000000004, -0.0, 1.0, 0.0};
  CHECK(tc::shear_inverse_matrix(0.3, true, 10, 6) == sx);
  const std::array<double, 6> sy = {1.0, 0.0, 0.0, -0.2, 1.0, -1.0};
  CHECK(tc::shear_inverse_matrix(-0.2, false, 10, 6) == sy);

  float rows[2][3];
  tc::affine_theta_rows(sx, 10, 6, rows);
  const float want[2][3] = {{0.20000000298023224f, 0.06000000238418579f, 0.17999999225139618f},
                            {-0.0f, 0.3333333432674408f, 0.0f}};
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j) CHECK(rows[i][j] == want[i][j]);
}

TEST_CASE("torch_compat: affine grid start and grid_sample unnormalisation") {
  CHECK(tc::affine_base_start(5) == -2.0f);
  CHECK(tc::affine_base_start(6) == -2.5f);
  CHECK(tc::grid_half_size(10) == 5.0f);
  // grid_sample(bilinear) of arange(10) at x = -0.55, 0.1, 0.3 reads source positions 1.75, 5, 6.
  CHECK(tc::grid_sampler_unnormalize(-0.55f, tc::grid_half_size(10)) == 1.75f);
  CHECK(tc::grid_sampler_unnormalize(0.1f, tc::grid_half_size(10)) == 5.0f);
  CHECK(tc::grid_sampler_unnormalize(0.3f, tc::grid_half_size(10)) == 6.0f);
}
