#include "runtime/ops/kernel_class.h"

#include <array>
#include <utility>

namespace auger::rt {

KernelClass kernel_class(std::string_view op) {
  static constexpr std::array<std::pair<std::string_view, KernelClass>, 33> table{{
      {"hflip", KernelClass::Remap},          {"vflip", KernelClass::Remap},
      {"crop", KernelClass::Remap},           {"center_crop", KernelClass::Remap},
      {"random_crop", KernelClass::Remap},    {"pad", KernelClass::Remap},
      {"resize", KernelClass::Resample},      {"random_resized_crop", KernelClass::Resample},
      {"rotate", KernelClass::Warp},          {"affine", KernelClass::Warp},
      {"shear_x", KernelClass::Warp},         {"shear_y", KernelClass::Warp},
      {"translate_x", KernelClass::Warp},     {"translate_y", KernelClass::Warp},
      {"perspective", KernelClass::Warp},     {"brightness", KernelClass::Lut},
      {"invert", KernelClass::Lut},           {"posterize", KernelClass::Lut},
      {"solarize", KernelClass::Lut},         {"gamma", KernelClass::Lut},
      {"autocontrast", KernelClass::Lut},     {"equalize", KernelClass::Lut},
      {"contrast", KernelClass::Mix},         {"saturation", KernelClass::Mix},
      {"hue", KernelClass::Mix},              {"grayscale", KernelClass::Mix},
      {"sharpness", KernelClass::Stencil},    {"gaussian_blur", KernelClass::Stencil},
      {"to_float", KernelClass::Store},       {"normalize", KernelClass::Store},
      {"gaussian_noise", KernelClass::Store}, {"random_erasing", KernelClass::Store},
      {"cutout", KernelClass::Store},
  }};
  for (const auto& [name, k] : table)
    if (name == op) return k;
  return KernelClass::Reference;
}

std::string_view kernel_class_name(KernelClass k) {
  switch (k) {
    case KernelClass::Remap: return "remap";
    case KernelClass::Resample: return "resample";
    case KernelClass::Warp: return "warp";
    case KernelClass::Lut: return "lut";
    case KernelClass::Mix: return "mix";
    case KernelClass::Stencil: return "stencil";
    case KernelClass::Store: return "store";
    case KernelClass::Reference: return "reference";
  }
  return "reference";
}

}  // namespace auger::rt
