#include "runtime/audio/kernels/audio_pipelines.h"

#include <utility>

#include "runtime/fused/halide_build.h"

namespace auger::rt::audio::kernels {

using namespace Halide;

namespace {

Expr f64(double v) {
  return Internal::make_const(Float(64), v);
}

Expr u64(uint64_t v) {
  return Internal::UIntImm::make(UInt(64), v);
}

// Philox-4x32-10 (runtime/random/philox.h) of counter {k, 0, h0, h1} and key {k0, k1}, as four u32 expressions.
// The words are carried in u64 lanes (their upper halves zero): a 32 x 32 -> 64-bit multiply is then one vpmuludq
// per 8 lanes, where u32 lanes widened and narrowed again around each multiply (~40 % slower on AVX-512).
std::vector<Expr> philox(Expr k, Expr h0, Expr h1, Expr key0, Expr key1) {
  const Expr low = u64(0xFFFFFFFFULL);
  Expr c0 = cast<uint64_t>(cast<uint32_t>(k)), c1 = u64(0), c2 = cast<uint64_t>(h0), c3 = cast<uint64_t>(h1);
  Expr k0 = cast<uint64_t>(key0), k1 = cast<uint64_t>(key1);
  for (int round = 0; round < 10; ++round) {
    Expr p0 = (c0 & low) * u64(0xD2511F53U), p1 = (c2 & low) * u64(0xCD9E8D57U);
    Expr n0 = (p1 >> 32) ^ c1 ^ k0, n1 = p1 & low;
    Expr n2 = (p0 >> 32) ^ c3 ^ k1, n3 = p0 & low;
    c0 = n0, c1 = n1, c2 = n2, c3 = n3;
    k0 = (k0 + u64(0x9E3779B9U)) & low;
    k1 = (k1 + u64(0xBB67AE85U)) & low;
  }
  return {cast<uint32_t>(c0), cast<uint32_t>(c1), cast<uint32_t>(c2), cast<uint32_t>(c3)};
}

// cos and sin of 2 pi u for u in [0, 1) with one range reduction between them (Halide's fast_cos and fast_sin make
// one each: ~30 % of WhiteNoise's time went to them): q = round(4 u), theta = (4 u - q) pi / 2 in [-pi / 4, pi / 4],
// Taylor polynomials of degree 7 and 8 there (error < 4e-7), then a turn by q quarters.
std::pair<Expr, Expr> turn_cos_sin(const Expr& u) {
  Expr t4 = u * 4.0f, q = round(t4), th = (t4 - q) * 1.57079632679489662f, t2 = th * th;
  Expr s = th * (1.0f + t2 * (-1.0f / 6 + t2 * (1.0f / 120 + t2 * (-1.0f / 5040))));
  Expr c = 1.0f + t2 * (-0.5f + t2 * (1.0f / 24 + t2 * (-1.0f / 720 + t2 * (1.0f / 40320))));
  Expr quarter = cast<int>(q) & 3;
  return {select(quarter == 0, c, quarter == 1, -s, quarter == 2, -c, s),
          select(quarter == 0, s, quarter == 1, c, quarter == 2, -s, -c)};
}

constexpr int kLanes = 16;
constexpr int kNoiseLanes = 32;  // WhiteNoise's blocks per vector: 1.6x faster than 16 on AVX-512 (fewer spills)

}  // namespace

WhiteNoise::WhiteNoise() {
  Var j("j"), k("k"), ko("ko"), ki("ki");
  const auto w = philox(k, hash0, hash1, key0, key1);
  std::vector<Expr> v;
  for (int p = 0; p < 2; ++p) {
    Expr u1 = (cast<float>(w[2 * p] >> 8) + 1.0f) * (1.0f / 16777216.0f);
    Expr u2 = cast<float>(w[2 * p + 1]) * (1.0f / 4294967296.0f);
    Expr r = sqrt(-2.0f * fast_log(u1));
    const auto [c, s] = turn_cos_sin(u2);
    v.push_back(r * c);
    v.push_back(r * s);
  }
  Func normals("normals");
  normals(k) = Tuple(v);
  out(j, k) = mux(j, {normals(k)[0], normals(k)[1], normals(k)[2], normals(k)[3]});
  // The caller passes whole vectors of blocks (audio_kernels.cpp computes a ragged end in a vector of its own).
  out.bound(j, 0, 4).reorder(j, k).split(k, ko, ki, kNoiseLanes, TailStrategy::RoundUp).unroll(j).vectorize(ki);
  normals.compute_at(out, ko).vectorize(k);
  const OutputImageParam buf = out.output_buffer();
  buf.dim(0).set_bounds(0, 4);
  buf.dim(1).set_stride(4).set_extent(buf.dim(1).extent() / kNoiseLanes * kNoiseLanes);
}

SumSquares::SumSquares() {
  Var l("l");
  RDom r(0, in.dim(0).extent() / kLanes);
  Expr v = cast<double>(in(r * kLanes + l));
  out(l) = cast<double>(0);
  out(l) += v * v;
  out.bound(l, 0, kLanes).vectorize(l);
  out.update().reorder(l, r).vectorize(l);
}

Mix::Mix() {
  Var i("i");
  out(i) = x(i) + cast<float>(k * cast<double>(noise(i)));
  out.vectorize(i, kLanes, TailStrategy::GuardWithIf);
}

Scale::Scale() {
  Var i("i");
  out(i) = x(i) * k;
  out.vectorize(i, kLanes, TailStrategy::GuardWithIf);
}

namespace {

// A sum of terms as a balanced tree, so that the adds of one block are not one long serial chain.
Expr tree_sum(std::vector<Expr> terms) {
  while (terms.size() > 1) {
    std::vector<Expr> next;
    for (std::size_t k = 0; k + 1 < terms.size(); k += 2) next.push_back(terms[k] + terms[k + 1]);
    if (terms.size() % 2 == 1) next.push_back(terms.back());
    terms = std::move(next);
  }
  return terms.front();
}

constexpr int kIirStates = 8;

}  // namespace

IirStates::IirStates() {
  Var i("i"), b("b");
  out(i, b) = undef<float>();
  out(i, 0) = 0.0f;
  RDom r(0, out.output_buffer().dim(1).extent() - 1);
  std::vector<Expr> terms;
  for (int j = 0; j < kLanes; ++j) terms.push_back(w(i, j) * x(r * kLanes + j));
  out(i, r + 1) = a(i) * out(i, r) + tree_sum(terms);
  out.bound(i, 0, kIirStates);
  out.update(0).vectorize(i);
  out.update(1).vectorize(i);
  out.output_buffer().dim(0).set_bounds(0, kIirStates);
  out.output_buffer().dim(1).set_min(0);
  w.dim(0).set_bounds(0, kIirStates).dim(1).set_bounds(0, kLanes);
  a.dim(0).set_bounds(0, kIirStates);
}

IirOutput::IirOutput() {
  Var j("j"), b("b");
  std::vector<Expr> terms;
  for (int r = -1; r < kLanes; ++r) terms.push_back(m(j, r + 1) * x(b * kLanes + r));
  for (int i = 0; i < kIirStates; ++i) terms.push_back(p(j, i) * states(i, b));
  out(j, b) = tree_sum(terms);
  out.bound(j, 0, kLanes).vectorize(j);
  out.output_buffer().dim(0).set_bounds(0, kLanes).dim(1).set_stride(kLanes);
  m.dim(0).set_bounds(0, kLanes).dim(1).set_bounds(0, kLanes + 1);
  p.dim(0).set_bounds(0, kLanes).dim(1).set_bounds(0, kIirStates);
  states.dim(0).set_bounds(0, kIirStates);
}

MelBank::MelBank() {
  Var t("t"), m("m"), to("to"), ti("ti");
  RDom r(0, weights.dim(0).extent());
  Func mel("mel");
  mel(t, m) = 0.0f;
  Expr k = clamp(first(m) + r, 0, power.dim(1).extent() - 1);  // within the padded bins for any sane table
  mel(t, m) += weights(r, m) * power(t % kLanes, k, t / kLanes);
  out(t, m) = select(take_log != 0, fast_log(mel(t, m) + 1e-6f), mel(t, m));
  out.split(t, to, ti, kLanes, TailStrategy::RoundUp).vectorize(ti);
  mel.compute_at(out, to).vectorize(t);
  mel.update().vectorize(t);
  const OutputImageParam buf = out.output_buffer();
  buf.dim(0).set_min(0).set_extent(buf.dim(0).extent() / kLanes * kLanes);
  power.dim(0).set_bounds(0, kLanes);
}

Polar::Polar() {
  Var b("b");
  // In f32 (16 lanes, f32 square roots and divisions): in f64 they were most of the vocoder's per-bin time. The
  // phasor's f32 rounding (1e-7 a frame) is far below the drift of torch's f32 sum of angles. Scaled by the larger
  // part first, as hypot is: a bin of 1e-25 (a frame at the edge of digital silence) has a square below f32's
  // range, and taken as zero its phase would be 0 where torch's angle() says pi — carried into every later frame.
  Expr re = bins(0, b), im = bins(1, b);
  Expr a = max(abs(re), abs(im));
  Expr r = select(a > 0, re / a, 1.0f), i = select(a > 0, im / a, 0.0f);
  Expr s = sqrt(r * r + i * i);
  out(b) = Tuple(select(a > 0, a * s, 0.0f), r / s, i / s);
  out.vectorize(b, 16, TailStrategy::GuardWithIf);
  bins.dim(0).set_bounds(0, 2).dim(1).set_stride(2);
}

Vocode::Vocode() {
  Var b("b"), c("c");
  // In f32, as torch's phase_vocoder (16 lanes).
  Expr af = cast<float>(a);
  Expr m = af * mag1(b) + (1.0f - af) * mag0(b);
  bins(c, b) = m * select(c == 0, acc_re(b), acc_im(b));
  Expr sr = re1(b) * re0(b) + im1(b) * im0(b), si = im1(b) * re0(b) - re1(b) * im0(b);
  next(b) = Tuple(acc_re(b) * sr - acc_im(b) * si, acc_re(b) * si + acc_im(b) * sr);
  bins.bound(c, 0, 2).reorder(c, b).unroll(c).vectorize(b, 16, TailStrategy::GuardWithIf);
  next.vectorize(b, 16, TailStrategy::GuardWithIf);
  bins.output_buffer().dim(0).set_bounds(0, 2).dim(1).set_stride(2);
}

Target audio_kernel_target() {
  return fused::kernel_target();
}

}  // namespace auger::rt::audio::kernels
