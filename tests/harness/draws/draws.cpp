// auger-draws: the parameters a policy draws for many samples, without touching pixels — what the distribution
// tests compare with torchvision's own sampling. Prints one JSON object per sample (its "params", as
// `auger apply` writes them) for the keys k0, k1, ….
//   auger-draws FILE --policy P --n N [--shape CxHxW] [--seed S] [--epoch E] [--set k=v]…
#include <fmt/format.h>

#include <iostream>

#include "compiler/sampling/policy_sampler.h"
#include "engine/sample_io.h"
#include "tools/policy_front.h"

int main(int argc, char** argv) {
  using namespace auger;
  CLI::App app{"auger-draws: the parameters a policy draws, one JSON line per sample", "auger-draws"};
  std::string file, policy, shape = "3x375x500";
  std::vector<std::string> sets;
  std::size_t n = 1000;
  std::uint64_t seed = 0, epoch = 0;
  cli::FrontOptions front;
  app.add_option("FILE", file)->required();
  app.add_option("--policy,-p", policy);
  app.add_option("--n", n);
  app.add_option("--shape", shape, "The decoded image's shape, CxHxW");
  app.add_option("--seed", seed);
  app.add_option("--epoch", epoch);
  app.add_option("--set", sets)->allow_extra_args(false);
  cli::add_front_options(app, front);
  CLI11_PARSE(app, argc, argv);
  int c = 0, h = 0, w = 0;
  if (std::sscanf(shape.c_str(), "%dx%dx%d", &c, &h, &w) != 3) {
    std::cerr << "auger-draws: --shape is CxHxW\n";
    return 2;
  }
  engine::LoadedPolicy lp;
  if (int rc = cli::load_policy(file, policy, sets, front, lp); rc != 0) return rc;
  sampling::PolicySampler sampler(lp.fn);
  sampling::SampleContext ctx;
  ctx.seed = seed;
  ctx.epoch = epoch;
  for (const auto& [name, type] : lp.fn.inputs)
    if (type.kind == "image") ctx.shapes[name] = rt::Shape{c, h, w, rt::Elem::U8};
  try {
    for (std::size_t i = 0; i < n; ++i) {
      ctx.key = fmt::format("k{}", i);
      auto trace = sampler.sample(ctx);
      auto params = nlohmann::ordered_json::array();
      for (const auto& applied : trace.ops) {
        auto j = engine::params_json(applied);
        j["site"] = applied.site;
        params.push_back(j);
      }
      std::cout << params.dump() << "\n";
    }
  } catch (const std::exception& e) {
    std::cerr << "auger-draws: " << e.what() << "\n";
    return 3;
  }
  return 0;
}
