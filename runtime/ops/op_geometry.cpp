#include "runtime/ops/op_geometry.h"

#include "runtime/ops/op_record.h"
#include "runtime/random/draw_stream.h"

namespace auger::rt {

std::array<double, 2> map_point(const Mat3& m, double x, double y) {
  const double w = m[6] * x + m[7] * y + m[8];
  return {(m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w};
}

std::optional<OpGeometry> op_geometry(std::string_view op, const Args& args, const Shape& in) {
  const OpRecord* record = find_op(op);
  if (!record || !record->image || !record->geometry) return std::nullopt;
  // The output shape from the op's own resolve: the arguments are resolved already, so it draws nothing.
  Args copy = args;
  static const rng::DrawStream kNoDraws(0, 0, "labels", "shape");
  const Shape out = record->image->resolve(copy, in, kNoDraws);
  return record->geometry(record->id, args, in, out);
}

}  // namespace auger::rt
