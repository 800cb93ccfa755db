#include "engine/run_path.h"

#include <stdexcept>

#include "runtime/fused/fused_executor.h"
#include "runtime/ops/run_reference.h"

namespace auger::engine {

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
      const auto ops = ops_on(trace, field);
      if (!ops.empty()) img = executor_.run(ops, img);
    }
  }

  void run(const rt::Trace& trace, const std::map<std::string, const rt::Image*>& in,
           std::map<std::string, rt::Image>& out) override {
    for (const auto& [field, img] : in) {
      const auto ops = ops_on(trace, field);
      if (ops.empty())
        out[field] = *img;
      else
        executor_.run(ops, *img, out[field]);
    }
  }

 private:
  static std::vector<rt::AppliedOp> ops_on(const rt::Trace& trace, const std::string& field) {
    std::vector<rt::AppliedOp> ops;
    for (const auto& op : trace.ops)
      for (const auto& t : op.targets)
        if (t == field) {
          ops.push_back(op);
          ops.back().targets.clear();  // the executor reads an op with no target as one on its image
          break;
        }
    return ops;
  }

  rt::fused::FusedExecutor executor_;
};

}  // namespace

std::unique_ptr<Executor> make_executor(const std::string& path) {
  if (path == "reference") return std::make_unique<ReferenceExecutor>();
  if (path == "fused") return std::make_unique<FusedPath>();
  throw std::invalid_argument("unknown execution path `" + path + "` (fused or reference)");
}

}  // namespace auger::engine
