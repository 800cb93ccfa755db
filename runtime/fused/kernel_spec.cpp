#include "runtime/fused/kernel_spec.h"

namespace auger::rt::fused {

const char* step_name(StepKind k) {
  switch (k) {
    case StepKind::Lut: return "lut";
    case StepKind::Blend: return "blend";
    case StepKind::Invert: return "invert";
    case StepKind::Posterize: return "posterize";
    case StepKind::Solarize: return "solarize";
    case StepKind::Autocontrast: return "autocontrast";
    case StepKind::Saturation: return "saturation";
    case StepKind::Hue: return "hue";
    case StepKind::ToFloat: return "to_float";
    case StepKind::Normalize: return "normalize";
    case StepKind::Paint: return "paint";
    case StepKind::NoiseRect: return "noise_rect";
    case StepKind::Noise: return "noise";
  }
  return "?";
}

std::string step_prefix(int index) {
  std::string p = "s";
  p += std::to_string(index);
  p += '_';
  return p;
}

int step_of_argument(const std::string& name) {
  std::size_t i = 1;
  int k = 0;
  for (; i < name.size() && name[i] >= '0' && name[i] <= '9'; ++i) k = k * 10 + (name[i] - '0');
  return !name.empty() && name[0] == 's' && i > 1 && i < name.size() && name[i] == '_' ? k : -1;
}

namespace {

const char* head_name(Head h) {
  switch (h) {
    case Head::Input: return "input";
    case Head::Remap: return "remap";
    case Head::Sampled: return "sampled";
    case Head::Warp: return "warp";
    case Head::Sharpness: return "sharpness";
    case Head::Blur: return "blur";
  }
  return "?";
}

}  // namespace

bool KernelSpec::output_f32() const {
  bool f = head == Head::Input && input_f32;
  for (const auto& s : steps)
    if (s.kind == StepKind::ToFloat) f = true;
  return f;
}

bool KernelSpec::has_mix() const {
  for (const auto& s : steps)
    if (s.kind == StepKind::Saturation || s.kind == StepKind::Hue) return true;
  return false;
}

std::string KernelSpec::structure() const {
  std::string s = "v";
  s += std::to_string(kKernelCodeVersion);
  s += ':';
  s += head_name(head);
  auto flag = [&](bool on, const char* name) {
    if (!on) return;
    s += '+';
    s += name;
  };
  flag(head == Head::Input && input_f32, "f32");
  flag(post, "post");
  flag(post_fill, "post_fill");
  flag(pre, "pre");
  flag(pre_fill, "pre_fill");
  if (head == Head::Warp) {
    flag(nearest, "nearest");
    flag(!nearest, "bilinear");
    flag(perspective, "perspective");
    flag(!perspective, "affine");
  }
  for (const auto& st : steps) {
    s += '|';
    s += step_name(st.kind);
    s += st.f32 ? ".f32" : ".u8";
    if (st.clip) s += ".clip";
  }
  return s;
}

}  // namespace auger::rt::fused
