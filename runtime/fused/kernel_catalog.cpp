#include "runtime/fused/kernel_catalog.h"

#include <unordered_set>

namespace auger::rt::fused {

namespace {

using Steps = std::vector<Step>;

KernelSpec with_steps(KernelSpec head, Steps steps) {
  head.steps = std::move(steps);
  return head;
}

KernelSpec plain(Head h) {
  KernelSpec s;
  s.head = h;
  return s;
}

// Every head that reads or produces u8 pixels, with each combination of flags the planner can set. A nearest
// affine warp without a source map runs on the host (Sampled), so its Warp variants are absent.
std::vector<KernelSpec> u8_heads() {
  std::vector<KernelSpec> out = {plain(Head::Input), plain(Head::Sharpness), plain(Head::Blur)};
  for (Head h : {Head::Remap, Head::Sampled})
    for (bool fill : {false, true}) {
      KernelSpec s = plain(h);
      s.post_fill = fill;
      out.push_back(s);
    }
  for (bool nearest : {true, false})
    for (bool perspective : {false, true})
      for (int pre = 0; pre < 3; ++pre)  // none, a map, a map with fills
        for (int post = 0; post < 3; ++post) {
          if (nearest && !perspective && pre == 0) continue;
          KernelSpec s = plain(Head::Warp);
          s.nearest = nearest;
          s.perspective = perspective;
          s.pre = pre > 0;
          s.pre_fill = pre > 1;
          s.post = post > 0;
          s.post_fill = post > 1;
          out.push_back(s);
        }
  return out;
}

const Step kToFloat{StepKind::ToFloat, false, false};
const Step kNormalize{StepKind::Normalize, true, false};

// The steps that may follow u8 pixels (all but to_float keep them u8) and those that follow f32 ones.
Steps u8_steps() {
  Steps out;
  for (StepKind k : {StepKind::Lut, StepKind::Blend, StepKind::Invert, StepKind::Posterize, StepKind::Solarize,
                     StepKind::Autocontrast, StepKind::Saturation, StepKind::Hue, StepKind::Paint, StepKind::NoiseRect})
    out.push_back({k, false, false});
  return out;
}

Steps f32_steps() {
  return {kNormalize,
          {StepKind::Paint, true, false},
          {StepKind::NoiseRect, true, false},
          {StepKind::Noise, true, false},
          {StepKind::Noise, true, true}};
}

std::vector<KernelSpec> build_catalog() {
  std::vector<KernelSpec> out;
  // Every head alone, and with the store every training policy ends in.
  for (const KernelSpec& h : u8_heads()) {
    out.push_back(h);
    out.push_back(with_steps(h, {kToFloat, kNormalize}));
  }
  // Any single u8 step (or it and the store) after the input image or host-sampled pixels: a resample or warp
  // followed by one colour op is the commonest kernel of all.
  KernelSpec input = plain(Head::Input);
  KernelSpec sampled = plain(Head::Sampled);
  for (const KernelSpec& h : {input, sampled}) {
    out.push_back(with_steps(h, {kToFloat}));
    for (const Step& s : u8_steps()) {
      out.push_back(with_steps(h, {s}));
      out.push_back(with_steps(h, {s, kToFloat, kNormalize}));
    }
  }
  // f32 images: the input alone (a copy), each f32 step, and normalize followed by each other f32 step.
  KernelSpec f32_input = plain(Head::Input);
  f32_input.input_f32 = true;
  out.push_back(f32_input);
  for (const Step& s : f32_steps()) {
    out.push_back(with_steps(f32_input, {s}));
    if (s.kind != StepKind::Normalize) out.push_back(with_steps(f32_input, {kNormalize, s}));
  }
  return out;
}

const std::unordered_set<std::string>& catalog_structures() {
  static const std::unordered_set<std::string> set = [] {
    std::unordered_set<std::string> s;
    for (const auto& k : kernel_catalog()) s.insert(k.structure());
    return s;
  }();
  return set;
}

}  // namespace

const std::vector<KernelSpec>& kernel_catalog() {
  static const std::vector<KernelSpec> catalog = build_catalog();
  return catalog;
}

std::vector<KernelSpec> catalog_members(const std::set<Head>& heads, const std::set<StepKind>& steps) {
  std::vector<KernelSpec> out;
  for (const KernelSpec& k : kernel_catalog()) {
    bool ok = k.head == Head::Input || heads.count(k.head) != 0;
    for (const Step& s : k.steps) ok = ok && steps.count(s.kind) != 0;
    if (ok) out.push_back(k);
  }
  return out;
}

bool in_catalog(const KernelSpec& spec) {
  return catalog_structures().count(spec.structure()) != 0;
}

std::vector<KernelPiece> cut_into_catalog(const KernelSpec& spec) {
  const int n = static_cast<int>(spec.steps.size());
  const std::vector<KernelPiece> whole = {{spec, 0, n}};
  std::vector<KernelPiece> pieces;
  KernelSpec head = spec;
  head.steps.clear();
  for (int first = 0;;) {
    KernelSpec piece = with_steps(head, Steps(spec.steps.begin() + first, spec.steps.end()));
    int end = n;
    while (end > first && !in_catalog(piece)) {
      --end;
      piece.steps.pop_back();
    }
    // Not covered (a head outside the catalog), or an Input head that would only copy: the kernel stays whole.
    if (!in_catalog(piece) || (end == first && head.head == Head::Input && first < n)) return whole;
    pieces.push_back({std::move(piece), first, end});
    if (end == n) return pieces;
    first = end;
    head = plain(Head::Input);
    head.input_f32 = spec.steps[static_cast<std::size_t>(first)].f32;
  }
}

}  // namespace auger::rt::fused
