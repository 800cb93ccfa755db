// The coordinate map of one resolved geometric op: where a point of the input image lands in the output, in
// continuous pixel coordinates (pixel (i, j) covers [i, i+1) x [j, j+1)). It is the inverse of the map the
// reference kernels sample pixels with (an output pixel centre reads the input at S(centre)), so a label and the
// pixels under it move together. Each geometric op's record (op_record.h) points at its map.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "runtime/image/image.h"
#include "runtime/ops/args.h"
#include "runtime/ops/op_id.h"

namespace auger::rt {

// Row-major 3x3 projective map acting on (x, y, 1).
using Mat3 = std::array<double, 9>;

struct OpGeometry {
  enum class Kind { Projective, Nonrigid } kind = Kind::Projective;
  Mat3 forward{1, 0, 0, 0, 1, 0, 0, 0, 1};  // input → output (Projective)
  bool axis_aligned = true;                 // forward only scales, translates and mirrors the axes
  bool crop = false;                        // a window of the input (crop, center_crop, random_crop, RRC)
  bool mirror = false;                      // hflip, vflip: keypoint flip pairs trade places
  Shape out;                                // the output shape of the image
};

// An op's map from its resolved arguments and the input and output shapes. Throws std::invalid_argument for
// malformed arguments.
using GeometryMap = OpGeometry (*)(OpId id, const Args& args, const Shape& in, const Shape& out);

// The geometry of op `op` with resolved `args` on an input of shape `in`; nullopt for an op that moves no pixel
// (colour ops, erasing, to_float…).
std::optional<OpGeometry> op_geometry(std::string_view op, const Args& args, const Shape& in);

// Applies a projective map to a point (x, y).
std::array<double, 2> map_point(const Mat3& m, double x, double y);

}  // namespace auger::rt
