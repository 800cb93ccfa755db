// Traces made by hand for the image path's unit tests: ops by name and arguments, resolved as the sampler resolves
// them (each op's own draws on the shape it sees; kernel -1, no fusion plan).
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "runtime/ops/image_op.h"
#include "runtime/random/draw_stream.h"

namespace auger::test {

struct OpSpec {
  std::string name;
  std::vector<std::pair<std::string, rt::ArgValue>> args;
};

// Resolves each op (its own draws, `%` sizes) on the shape it will see, targeting the field `image`.
inline std::vector<rt::AppliedOp> resolve(const std::vector<OpSpec>& specs, rt::Shape shape, std::uint64_t seed = 0) {
  std::vector<rt::AppliedOp> ops;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    rt::AppliedOp op;
    op.site = std::to_string(i);
    op.op = specs[i].name;
    for (const auto& [k, v] : specs[i].args) op.args.set(k, v);
    op.targets = {"image"};
    const rt::ImageOp* ref = rt::find_image_op(op.op);
    REQUIRE_MESSAGE(ref != nullptr, op.op);
    shape = ref->resolve(op.args, shape, rng::DrawStream(seed, 0, "sample", op.site));
    ops.push_back(op);
  }
  return ops;
}

}  // namespace auger::test
