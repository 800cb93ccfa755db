#include "tools/run_path.h"

#include <stdexcept>

#include "runtime/ops/run_reference.h"

namespace auger::cli {

namespace {

class ReferenceExecutor final : public Executor {
 public:
  void run(const rt::Trace& trace, std::map<std::string, rt::Image>& images) override {
    rt::run_reference(trace, images);
  }
};

}  // namespace

std::unique_ptr<Executor> make_executor(const std::string& path) {
  if (path == "reference") return std::make_unique<ReferenceExecutor>();
  throw std::runtime_error("the fused path is not built into this auger yet; use --path reference");
}

}  // namespace auger::cli
