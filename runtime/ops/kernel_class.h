// How each image op runs on the fused path: the class decides which kernel it can join. Shared by the compiler's
// fusion passes (the plan `auger explain --emit plan` prints) and the fused executor (which runs that plan), so
// the plan a user reads is the one that runs.
#pragma once

#include <string_view>

namespace auger::rt {

enum class KernelClass {
  Remap,      // exact index maps: hflip, vflip, crop, center_crop, random_crop, pad — fold into any sampling
  Resample,   // separable resampling of an axis-aligned box: resize, random_resized_crop
  Warp,       // one interpolating inverse map: rotate, affine, shear_x/y, translate_x/y, perspective
  Lut,        // per-channel u8 → u8 maps: brightness, invert, posterize, solarize, gamma, autocontrast, equalize
  Mix,        // cross-channel pointwise: contrast, saturation, hue, grayscale
  Stencil,    // neighbourhood ops: sharpness, gaussian_blur
  Store,      // the final store: to_float, normalize, gaussian_noise, random_erasing, cutout
  Reference,  // runs on the reference path only (elastic, ops of other modalities)
};

KernelClass kernel_class(std::string_view op);  // the op record's (op_record.h); Reference for unknown names  // the op
                                                // record's (op_record.h); Reference for unknown names
std::string_view kernel_class_name(KernelClass k);  // "remap", "resample", …

}  // namespace auger::rt
