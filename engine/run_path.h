// The two execution paths `apply` and `bench` choose between with --path.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "runtime/image/image.h"
#include "runtime/ops/trace.h"

namespace auger::engine {

class Executor {
 public:
  virtual ~Executor() = default;
  // Runs a sample's resolved ops on its pixel fields, in place.
  virtual void run(const rt::Trace& trace, std::map<std::string, rt::Image>& images) = 0;
  // The same, reading `in` and writing `out` (whose storage is reused from call to call): no copy of the inputs.
  // Fields no op writes are copied.
  virtual void run(const rt::Trace& trace, const std::map<std::string, const rt::Image*>& in,
                   std::map<std::string, rt::Image>& out) {
    for (const auto& [field, img] : in) out[field] = *img;
    run(trace, out);
  }
};

// "reference" (op by op) or "fused" (Halide kernels).
std::unique_ptr<Executor> make_executor(const std::string& path);

}  // namespace auger::engine
