// The geometric ops' coordinate maps, one per family; the op records (op_record.cpp) point at them.
#pragma once

#include "runtime/ops/op_geometry.h"

namespace auger::rt::geometry {

OpGeometry mirror(OpId id, const Args& args, const Shape& in, const Shape& out);       // hflip, vflip
OpGeometry crop(OpId id, const Args& args, const Shape& in, const Shape& out);         // the crops and RRC
OpGeometry resize(OpId id, const Args& args, const Shape& in, const Shape& out);       // resize
OpGeometry pad(OpId id, const Args& args, const Shape& in, const Shape& out);          // pad
OpGeometry warp(OpId id, const Args& args, const Shape& in, const Shape& out);         // the affine warps
OpGeometry perspective(OpId id, const Args& args, const Shape& in, const Shape& out);  // perspective
OpGeometry nonrigid(OpId id, const Args& args, const Shape& in, const Shape& out);     // elastic

}  // namespace auger::rt::geometry
