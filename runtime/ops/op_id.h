// Every op the standard library declares, as a small typed id: the runtime dispatches on it, never on names.
// runtime/ops/op_record.h holds each op's one record; loading the prelude checks the two lists agree.
#pragma once

#include <cstdint>

namespace auger::rt {

enum class OpId : std::uint8_t {
  Hflip,
  Vflip,
  Rotate,
  Affine,
  ShearX,
  ShearY,
  TranslateX,
  TranslateY,
  Perspective,
  Crop,
  CenterCrop,
  RandomCrop,
  RandomResizedCrop,
  Resize,
  Pad,
  Elastic,
  Brightness,
  Contrast,
  Saturation,
  Hue,
  Grayscale,
  Invert,
  Posterize,
  Solarize,
  Autocontrast,
  Equalize,
  Sharpness,
  Gamma,
  GaussianBlur,
  GaussianNoise,
  Cutout,
  RandomErasing,
  ToFloat,
  Normalize,
  Mixup,
  Cutmix,
  Gain,
  AddNoise,
  AddBackground,
  TimeShift,
  Speed,
  PitchShift,
  TimeStretch,
  Resample,
  Melspec,
  TimeMask,
  FreqMask,
  TimeWarp,
  TokenDropout,
  RandomSwap,
  RandomInsert,
  SynonymReplace,
  CharNoise,
  BackTranslate,
  Count,  // not an op: the number of ops
};

}  // namespace auger::rt
