// A RandAugment policy end to end (front end → IR → sampler → fused executor): over two epochs of 1,000 samples,
// with an empty kernel cache, nothing is compiled and nothing is written to the cache — every kernel a sample
// needs was compiled at build time (runtime/fused/kernel_catalog.h).
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <set>

#include "compiler/ir/build.h"
#include "compiler/sampling/policy_sampler.h"
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

TEST_CASE("exec: 2,000 RandAugment samples with an empty kernel cache compile nothing") {
  Compilation comp;
  const Module* m = comp.check_text("ra.aug", kPolicy);
  REQUIRE(m);
  REQUIRE_FALSE(comp.diags().has_errors());
  const PolicyInfo* policy = m->policies.front().get();
  const ir::Function fn = ir::build_ir(*policy);
  sampling::PolicySampler sampler(fn);

  const auto dir = std::filesystem::temp_directory_path() / fmt::format("auger-compile-once-{}", ::getpid());
  std::filesystem::remove_all(dir);
  const rt::Image img = photo_like(75, 101);
  auto cache = std::make_shared<rt::fused::KernelCache>(dir.string());
  rt::fused::FusedExecutor fused(cache);
  const auto before = rt::fused::kernel_compilations();
  std::set<std::string> op_lists;
  for (std::uint64_t epoch = 0; epoch < 2; ++epoch)
    for (int k = 0; k < 1000; ++k) {
      sampling::SampleContext ctx;
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
  std::size_t used = 0;
  for (const auto& k : cache->list()) {
    CHECK(k.in_memory);
    CHECK_FALSE(k.jit);
    used += 1;
  }
  MESSAGE(op_lists.size() << " distinct op sequences ran on " << used << " linked kernels");
  CHECK(rt::fused::kernel_compilations() == before);
  CHECK(rt::fused::list_disk_kernels(dir.string()).empty());
  CHECK(used < op_lists.size());
  CHECK(fused.counters().reference == 0);
  std::filesystem::remove_all(dir);
}
