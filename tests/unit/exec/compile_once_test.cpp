// A RandAugment policy end to end (front end → IR → sampler → fused executor): 1,000 samples compile each
// kernel structure exactly once, and a fresh process-like cache over the same directory compiles nothing.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <unistd.h>

#include <filesystem>
#include <set>

#include "compiler/exec/sampler.h"
#include "compiler/ir/build.h"
#include "compiler/sema/compilation.h"
#include "compiler/sema/program.h"
#include "runtime/fused/fused_executor.h"

namespace {

using namespace auger;

const char* kPolicy = R"(import std.vision
sample Photo { image: image(rgb) }
policy train on Photo {
  random_resized_crop(size: 64)
  hflip() @p(0.5)
  rand_augment(n: 2, magnitude: 9)
  to_float()
  normalize(mean: imagenet_mean, std: imagenet_std)
}
)";

rt::Image photo_like(int h, int w) {
  auto img = rt::Image::make_u8(3, h, w);
  for (int c = 0; c < 3; ++c)
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) img.at8(c, y, x) = static_cast<std::uint8_t>((x * 7 + y * 3 + c * 50 + x * y) % 256);
  return img;
}

}  // namespace

TEST_CASE("exec: 1,000 RandAugment samples compile each kernel structure once; a new cache on the same disk none") {
  Compilation comp;
  const Module* m = comp.check_text("ra.aug", kPolicy);
  REQUIRE(m);
  REQUIRE_FALSE(comp.diags().has_errors());
  const PolicyInfo* policy = m->policies.front().get();
  const ir::Function fn = ir::build_ir(*policy);
  exec::PolicySampler sampler(fn);

  const auto dir = std::filesystem::temp_directory_path() / fmt::format("auger-compile-once-{}", ::getpid());
  std::filesystem::remove_all(dir);
  const rt::Image img = photo_like(75, 101);
  auto run_many = [&](rt::fused::FusedExecutor& fused, std::uint64_t epoch) {
    std::set<std::string> op_lists;
    for (int k = 0; k < 1000; ++k) {
      exec::SampleContext ctx;
      ctx.epoch = epoch;
      ctx.key = fmt::format("k{}", k);
      ctx.shapes["image"] = img.shape;
      auto trace = sampler.sample(ctx);
      std::string names;
      for (auto& op : trace.ops) {
        op.targets.clear();
        names += op.op + " ";
      }
      op_lists.insert(names);
      (void)fused.run(trace.ops, img);
    }
    return op_lists.size();
  };

  auto cache = std::make_shared<rt::fused::KernelCache>(dir.string());
  rt::fused::FusedExecutor fused(cache);
  const auto before = rt::fused::kernel_compilations();
  const auto distinct_samples = run_many(fused, 0);
  const auto compiled = rt::fused::kernel_compilations() - before;
  std::size_t in_memory = 0;
  for (const auto& k : cache->list()) in_memory += k.in_memory ? 1 : 0;
  MESSAGE(distinct_samples << " distinct op sequences ran as " << in_memory << " kernel structures");
  CHECK(compiled == in_memory);  // one compilation per structure, never one per sample
  CHECK(compiled < distinct_samples);
  CHECK(fused.counters().reference == 0);

  // Another epoch draws other parameters (and other choices): nothing compiles that is already compiled.
  const auto before_epoch = rt::fused::kernel_compilations();
  run_many(fused, 1);
  std::size_t in_memory_after = 0;
  for (const auto& k : cache->list()) in_memory_after += k.in_memory ? 1 : 0;
  CHECK(rt::fused::kernel_compilations() - before_epoch == in_memory_after - in_memory);

  // A new cache over the same directory (a second process) loads every kernel from disk.
  auto reloaded = std::make_shared<rt::fused::KernelCache>(dir.string());
  rt::fused::FusedExecutor again(reloaded);
  const auto before_reload = rt::fused::kernel_compilations();
  run_many(again, 0);
  CHECK(rt::fused::kernel_compilations() == before_reload);
  std::filesystem::remove_all(dir);
}
