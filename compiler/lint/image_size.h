// The image size each op statement of a policy sees, where the policy fixes it: after `resize(size: …)`,
// `random_resized_crop(size: 224)` or any op whose declared shape effect is `square(p)`/`exact(p)` with a
// constant `p`. Before such an op the size is the input's, which a policy does not know.
#pragma once

#include <map>
#include <optional>

#include "compiler/sema/program.h"

namespace auger::lint {

struct ImageSize {
  double height = 0, width = 0;
  [[nodiscard]] double pixels() const { return height * width; }
  bool operator==(const ImageSize&) const = default;
};

// For every op statement of the policy, the size of the image it receives (nullopt: unknown).
std::map<const ElabStmt*, std::optional<ImageSize>> image_sizes(const PolicyInfo& policy);

}  // namespace auger::lint
