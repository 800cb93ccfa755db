#include "runtime/gpu/pipelines/batch_pipelines.h"

#include "runtime/gpu/pipelines/gpu_float.h"

namespace auger::rt::gpu {

using Halide::Expr;
using Halide::Func;
using Halide::ImageParam;
using Halide::RDom;
using Halide::Var;

namespace {

// 16x16 threads over (x, y), the channel and the sample fused into the third block index; a reduction's own loop
// runs inside each thread (Halide allows no serial loop between block and thread loops).
void gpu_tile_batch(Halide::Stage s, const Var& x, const Var& y, const Var& c, const Var& n,
                    const std::vector<Halide::RVar>& rvars = {}) {
  Var xo("xo"), yo("yo"), xi("xi"), yi("yi"), cn("cn");
  s.gpu_tile(x, y, xo, yo, xi, yi, 16, 16, Halide::TailStrategy::GuardWithIf);
  if (!rvars.empty()) {
    std::vector<Halide::VarOrRVar> order(rvars.begin(), rvars.end());
    for (const auto& v : {xi, yi, xo, yo}) order.emplace_back(v);
    s.reorder(order);
  }
  s.fuse(c, n, cn).gpu_blocks(cn);
}

std::vector<Halide::Argument> arguments(std::initializer_list<Halide::Argument> a) {
  return a;
}

// torch's accumulation of one tap (resample_taps.h): `add` adds the rounded product, else a fused multiply-add.
Expr accumulate(const Expr& acc, const Expr& v, const Expr& w, const Expr& add) {
  return Halide::select(add != 0, add_rn(acc, mul_rn(v, w)), fma_rn(v, w, acc));
}

}  // namespace

BatchPipeline resample_pipeline(bool gpu) {
  ImageParam pixels(Halide::UInt(8), 1, "pixels");  // every sample's planar CHW u8 image, one after another
  ImageParam geom(Halide::Int(32), 2, "geom");      // (field, n): offset, width, height, first row read
  ImageParam col_index(Halide::Int(32), 3, "col_index"), row_index(Halide::Int(32), 3, "row_index");  // (tap, i, n)
  ImageParam col_weight(Halide::Float(32), 3, "col_weight"), row_weight(Halide::Float(32), 3, "row_weight");
  ImageParam col_add(Halide::UInt(8), 3, "col_add"), row_add(Halide::UInt(8), 3, "row_add");
  Halide::Param<int> rows("rows");  // rows of the horizontal pass per sample: the batch's largest span
  Var x("x"), y("y"), c("c"), n("n"), j("j");

  const Expr off = geom(0, n), w = geom(1, n), h = geom(2, n), base = geom(3, n);
  auto src = [&](const Expr& col, const Expr& row) {
    Expr i = off + (c * h + Halide::clamp(row, 0, h - 1)) * w + Halide::clamp(col, 0, w - 1);
    return Halide::cast<float>(pixels(Halide::clamp(i, 0, pixels.dim(0).extent() - 1)));
  };
  // The horizontal pass over the rows the vertical taps read (row base + j), as torch: before the vertical one.
  Func hpass("hpass");
  hpass(x, j, c, n) = mul_rn(src(col_index(0, x, n), base + j), col_weight(0, x, n));
  RDom t(1, col_index.dim(0).extent() - 1, "t");
  hpass(x, j, c, n) =
      accumulate(hpass(x, j, c, n), src(col_index(t, x, n), base + j), col_weight(t, x, n), col_add(t, x, n));

  auto hrow = [&](const Expr& r) { return hpass(x, Halide::clamp(r, 0, rows - 1), c, n); };
  Func vpass("vpass");
  vpass(x, y, c, n) = mul_rn(hrow(row_index(0, y, n)), row_weight(0, y, n));
  RDom u(1, row_index.dim(0).extent() - 1, "u");
  vpass(x, y, c, n) = accumulate(vpass(x, y, c, n), hrow(row_index(u, y, n)), row_weight(u, y, n), row_add(u, y, n));

  Func out("resampled");
  out(x, y, c, n) = round_to_u8(vpass(x, y, c, n));

  hpass.compute_root();
  if (gpu) {
    gpu_tile_batch(out, x, y, c, n);
    vpass.compute_at(out, Var("xi"));
    gpu_tile_batch(hpass, x, j, c, n);
    gpu_tile_batch(hpass.update(), x, j, c, n, {t.x});
  } else {
    vpass.compute_at(out, x);
  }
  return {"auger_gpu_resample", Halide::Pipeline(out),
          arguments({pixels, geom, col_index, col_weight, col_add, row_index, row_weight, row_add, rows})};
}

BatchPipeline gray_sum_pipeline(bool gpu) {
  ImageParam in(Halide::UInt(8), 4, "in");
  Var y("y"), n("n"), yo("yo"), yi("yi"), no("no"), ni("ni");
  Func row("gray_row"), total("gray_sum");
  RDom rx(0, in.dim(0).extent(), "rx"), ry(0, in.dim(1).extent(), "ry");
  row(y, n) = 0;
  row(y, n) += Halide::cast<int>(gray_u8(in(rx, y, 0, n), in(rx, y, 1, n), in(rx, y, 2, n)));
  total(n) = 0;
  total(n) += row(ry, n);
  row.compute_root();
  if (gpu) {
    total.gpu_tile(n, no, ni, 64, Halide::TailStrategy::GuardWithIf);
    total.update().gpu_tile(n, no, ni, 64, Halide::TailStrategy::GuardWithIf).reorder(ry, ni, no);
    row.gpu_tile(y, n, yo, no, yi, ni, 32, 8, Halide::TailStrategy::GuardWithIf);
    row.update().gpu_tile(y, n, yo, no, yi, ni, 32, 8, Halide::TailStrategy::GuardWithIf).reorder(rx, yi, ni, yo, no);
  }
  return {"auger_gpu_gray_sum", Halide::Pipeline(total), arguments({in})};
}

BatchPipeline jitter_step_pipeline(bool gpu) {
  ImageParam in(Halide::UInt(8), 4, "in");
  ImageParam kind(Halide::Int(32), 1, "kind");      // per sample: 0 none, 1 brightness, 2 contrast, 3 saturation, 4 hue
  ImageParam value(Halide::Float(32), 2, "value");  // (field, n): ratio, rest (1 - ratio) or the hue shift
  ImageParam sums(Halide::Int(32), 1, "gray_sums");  // auger_gpu_gray_sum's, for contrast
  Var x("x"), y("y"), c("c"), n("n");
  const Expr k = kind(n), ratio = value(0, n), rest = value(1, n);
  const Expr pixels = in.dim(0).extent() * in.dim(1).extent();
  // The reference sums the truncated luma in double and divides by the pixel count (channel_tables.cpp).
  const Expr mean = Halide::cast<float>(Halide::cast<double>(sums(n)) / Halide::cast<double>(pixels));
  Expr r = in(x, y, 0, n), g = in(x, y, 1, n), b = in(x, y, 2, n);

  Func pixel("jitter_pixel");  // the three channels of a pixel at once
  const Halide::Tuple sat = saturation_rgb(r, g, b, ratio, rest);
  const Halide::Tuple hue = hue_rgb(r, g, b, value(0, n));
  auto blend = [&](const Expr& v, const Expr& other) {
    return trunc_to_u8(add_rn(mul_rn(ratio, Halide::cast<float>(v)), mul_rn(rest, other)));
  };
  std::vector<Expr> out3;
  const Expr channels[3] = {r, g, b};
  for (int ch = 0; ch < 3; ++ch) {
    const Expr v = channels[ch];
    out3.push_back(Halide::mux(k, {v, blend(v, 0.0f), blend(v, mean), sat[ch], hue[ch], v}));
  }
  pixel(x, y, n) = Halide::Tuple(out3);
  Func out("jittered");
  out(x, y, c, n) = Halide::mux(c, {pixel(x, y, n)[0], pixel(x, y, n)[1], pixel(x, y, n)[2]});

  Var xo("xo"), yo("yo"), xi("xi"), yi("yi");
  out.bound(c, 0, 3).reorder(c, x, y, n).unroll(c);
  if (gpu) {
    out.gpu_tile(x, y, xo, yo, xi, yi, 16, 16, Halide::TailStrategy::GuardWithIf).gpu_blocks(n);
    pixel.compute_at(out, xi);
  } else {
    pixel.compute_at(out, x);
  }
  return {"auger_gpu_jitter_step", Halide::Pipeline(out), arguments({in, kind, value, sums})};
}

BatchPipeline store_pipeline(bool gpu) {
  ImageParam in(Halide::UInt(8), 4, "in");
  ImageParam mean(Halide::Float(32), 1, "mean"), sd(Halide::Float(32), 1, "std");
  Var x("x"), y("y"), c("c"), n("n");
  Func out("stored");
  out(x, y, c, n) = div_rn(sub_rn(u8_over_255(in(x, y, c, n)), mean(c)), sd(c));
  if (gpu) gpu_tile_batch(out, x, y, c, n);
  return {"auger_gpu_store", Halide::Pipeline(out), arguments({in, mean, sd})};
}

std::vector<BatchPipeline> batch_pipelines(bool gpu) {
  return {resample_pipeline(gpu), gray_sum_pipeline(gpu), jitter_step_pipeline(gpu), store_pipeline(gpu)};
}

}  // namespace auger::rt::gpu
