// The ahead-of-time kernel catalog (runtime/fused/kernel_catalog.h): bounded, linked in, and enough for any kernel
// the planner makes — every head variant with any sequence of steps cuts into members, so no sample compiles.
#include "runtime/fused/kernel_catalog.h"

#include <doctest/doctest.h>

#include <random>
#include <set>

#include "runtime/fused/aot_kernels.h"

using namespace auger::rt::fused;

namespace {

// Every head the planner can produce, with each combination of the flags prepare_geometry.cpp sets for it.
std::vector<KernelSpec> every_head() {
  std::vector<KernelSpec> out;
  for (Head h : {Head::Input, Head::Sharpness, Head::Blur}) {
    KernelSpec s;
    s.head = h;
    out.push_back(s);
  }
  for (Head h : {Head::Remap, Head::Sampled})
    for (bool fill : {false, true}) {
      KernelSpec s;
      s.head = h;
      s.post_fill = fill;
      out.push_back(s);
    }
  for (int flags = 0; flags < 64; ++flags) {
    KernelSpec s;
    s.head = Head::Warp;
    s.post = (flags & 1) != 0;
    s.post_fill = (flags & 2) != 0;
    s.pre = (flags & 4) != 0;
    s.pre_fill = (flags & 8) != 0;
    s.nearest = (flags & 16) != 0;
    s.perspective = (flags & 32) != 0;
    if ((s.post_fill && !s.post) || (s.pre_fill && !s.pre)) continue;  // fills come with their map
    if (s.nearest && !s.perspective && !s.pre) continue;               // runs on the host (Sampled)
    out.push_back(s);
  }
  return out;
}

// A random step sequence as prepare_steps makes them: u8 steps, then optionally to_float and f32 steps.
std::vector<Step> random_steps(std::mt19937& rng) {
  const StepKind u8[] = {StepKind::Lut,      StepKind::Blend,        StepKind::Invert,     StepKind::Posterize,
                         StepKind::Solarize, StepKind::Autocontrast, StepKind::Saturation, StepKind::Hue,
                         StepKind::Paint,    StepKind::NoiseRect};
  const StepKind f32[] = {StepKind::Normalize, StepKind::Paint, StepKind::NoiseRect, StepKind::Noise};
  std::vector<Step> steps;
  const int n_u8 = static_cast<int>(rng() % 6);
  for (int i = 0; i < n_u8; ++i) steps.push_back({u8[rng() % std::size(u8)], false, false});
  if (rng() % 2) {
    steps.push_back({StepKind::ToFloat, false, false});
    const int n_f32 = static_cast<int>(rng() % 4);
    for (int i = 0; i < n_f32; ++i) {
      const StepKind k = f32[rng() % std::size(f32)];
      steps.push_back({k, true, k == StepKind::Noise && rng() % 2 == 0});
    }
  }
  return steps;
}

}  // namespace

TEST_CASE("catalog: bounded, no duplicates, and every member linked into the build") {
  const auto& catalog = kernel_catalog();
  CHECK(catalog.size() < 400);
  std::set<std::string> structures;
  for (const auto& k : catalog) structures.insert(k.structure());
  CHECK(structures.size() == catalog.size());
  REQUIRE(aot_target_matches());
  std::set<std::string> linked;
  for (const auto& k : aot_kernels()) linked.insert(k.structure);
  CHECK(linked == structures);
}

TEST_CASE("catalog: any head with any steps cuts into catalog members covering the steps in order") {
  std::mt19937 rng(7);
  const auto heads = every_head();
  CHECK(heads.size() == 40);
  for (const KernelSpec& head : heads)
    for (int trial = 0; trial < 200; ++trial) {
      KernelSpec spec = head;
      spec.steps = random_steps(rng);
      if (head.head == Head::Input && rng() % 3 == 0) {  // an f32 input takes f32 steps only
        spec.input_f32 = true;
        std::vector<Step> f32;
        for (const Step& s : spec.steps)
          if (s.f32) f32.push_back(s);
        spec.steps = f32;
      }
      const auto pieces = cut_into_catalog(spec);
      REQUIRE(!pieces.empty());
      int next = 0;
      for (std::size_t i = 0; i < pieces.size(); ++i) {
        const KernelPiece& p = pieces[i];
        INFO(spec.structure(), " piece ", i, ": ", p.spec.structure());
        CHECK(in_catalog(p.spec));
        CHECK(p.first == next);
        CHECK(p.end >= p.first);
        CHECK(static_cast<int>(p.spec.steps.size()) == p.end - p.first);
        for (int k = p.first; k < p.end; ++k)
          CHECK(p.spec.steps[static_cast<std::size_t>(k - p.first)].kind ==
                spec.steps[static_cast<std::size_t>(k)].kind);
        if (i == 0)
          CHECK(p.spec.head == spec.head);
        else
          CHECK(p.spec.head == Head::Input);
        next = p.end;
      }
      CHECK(next == static_cast<int>(spec.steps.size()));
    }
}

TEST_CASE("catalog: a member comes back whole; the common training kernels are single members") {
  KernelSpec sampled;
  sampled.head = Head::Sampled;
  sampled.steps = {
      {StepKind::Blend, false, false}, {StepKind::ToFloat, false, false}, {StepKind::Normalize, true, false}};
  CHECK(cut_into_catalog(sampled).size() == 1);
  KernelSpec warp;
  warp.head = Head::Warp;
  warp.nearest = false;
  warp.steps = {{StepKind::ToFloat, false, false}, {StepKind::Normalize, true, false}};
  CHECK(cut_into_catalog(warp).size() == 1);
}

TEST_CASE("catalog: a piece's arguments are found by their step prefix, never a head argument's") {
  for (int k : {0, 3, 12}) CHECK(step_of_argument(step_prefix(k) + "mask") == k);
  for (const char* head : {"in", "sampled", "src_w", "src_h", "s_", "s12", "sx_1", ""})
    CHECK(step_of_argument(head) == -1);
}
