#include "tools/run_path.h"

#include <stdexcept>

#include "runtime/fused/fused_executor.h"
#include "runtime/ops/run_reference.h"

namespace auger::cli {

namespace {

class ReferenceExecutor final : public Executor {
 public:
  void run(const rt::Trace& trace, std::map<std::string, rt::Image>& images) override {
    rt::run_reference(trace, images);
  }
};

// Runs, for each pixel field, the ops that write it, through the fused kernels. The executor is per worker
// (it keeps counters); the kernel cache behind it is the process-wide one.
class FusedPath final : public Executor {
 public:
  void run(const rt::Trace& trace, std::map<std::string, rt::Image>& images) override {
    for (auto& [field, img] : images) {
      std::vector<rt::AppliedOp> ops;
      for (const auto& op : trace.ops)
        for (const auto& t : op.targets)
          if (t == field) {
            ops.push_back(op);
            ops.back().targets.clear();  // the executor reads an op with no target as one on its image
            break;
          }
      if (!ops.empty()) img = executor_.run(ops, img);
    }
  }

 private:
  rt::fused::FusedExecutor executor_;
};

}  // namespace

std::unique_ptr<Executor> make_executor(const std::string& path) {
  if (path == "reference") return std::make_unique<ReferenceExecutor>();
  if (path == "fused") return std::make_unique<FusedPath>();
  throw std::invalid_argument("unknown execution path `" + path + "` (fused or reference)");
}

}  // namespace auger::cli
