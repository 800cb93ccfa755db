// auger-difftest: the fused path against the reference path (ops.md §7, last line) over many seeds. For each
// seed and image, samples the policy once, runs both executors on the same resolved ops and compares:
//   u8 outputs: equal on >= 99.9% of values, off by at most 1 elsewhere;
//   f32 outputs: within 1e-5 on >= 99.9% of values, and elsewhere within one u8 step carried through the
//   sample's scale (1/255, divided by the smallest std of a `normalize` the sample ran), since a u8 value one
//   off before `to_float`/`normalize` is allowed and moves the float by that much.
// Prints one JSON summary line; exit 1 when any sample is out of tolerance (the worst is named).
//   auger-difftest FILE --policy P --seeds N [--set k=v]… IMAGE…
#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "compiler/sampling/policy_sampler.h"
#include "engine/run_path.h"
#include "runtime/io/image_file.h"
#include "tools/policy_front.h"

namespace {

struct Comparison {
  double exact_fraction = 1;  // values equal (u8) or within 1e-5 (f32)
  double max_diff = 0;
  bool shape_ok = true;
};

Comparison compare(const auger::rt::Image& a, const auger::rt::Image& b) {
  Comparison c;
  if (!(a.shape == b.shape)) {
    c.shape_ok = false;
    c.exact_fraction = 0;
    return c;
  }
  std::size_t n = a.is_u8() ? a.u8.size() : a.f32.size(), exact = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double d = a.is_u8() ? std::abs(int(a.u8[i]) - int(b.u8[i])) : std::abs(double(a.f32[i]) - b.f32[i]);
    if (a.is_u8() ? d == 0 : d <= 1e-5) ++exact;
    c.max_diff = std::max(c.max_diff, std::isnan(d) ? 1e30 : d);
  }
  c.exact_fraction = n ? double(exact) / double(n) : 1;
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace auger;
  CLI::App app{"auger-difftest: fused vs reference over many seeds", "auger-difftest"};
  std::string file, policy;
  std::vector<std::string> sets, images;
  int seeds = 500;
  bool alternate = false;
  cli::FrontOptions front;
  app.add_option("FILE", file)->required();
  app.add_option("IMAGE", images)->required();
  app.add_option("--policy,-p", policy);
  app.add_option("--seeds", seeds);
  app.add_flag("--alternate", alternate, "Seed s runs on image s mod N only (N images, not N x seeds samples)");
  app.add_option("--set", sets)->allow_extra_args(false);
  cli::add_front_options(app, front);
  CLI11_PARSE(app, argc, argv);
  engine::LoadedPolicy lp;
  if (int rc = cli::load_policy(file, policy, sets, front, lp); rc != 0) return rc;
  std::string field;
  for (const auto& [name, type] : lp.fn.inputs)
    if (type.kind == "image" && field.empty()) field = name;
  sampling::PolicySampler sampler(lp.fn);
  auto reference = engine::make_executor("reference");
  auto fused = engine::make_executor("fused");
  std::vector<rt::Image> decoded;
  for (const auto& path : images) decoded.push_back(rt::read_image(path));

  int samples = 0, failures = 0;
  double worst_fraction = 1, worst_diff = 0;
  nlohmann::json worst;
  for (int seed = 0; seed < seeds; ++seed) {
    for (std::size_t i = 0; i < decoded.size(); ++i) {
      if (alternate && i != static_cast<std::size_t>(seed) % decoded.size()) continue;
      sampling::SampleContext ctx;
      ctx.seed = static_cast<std::uint64_t>(seed);
      ctx.key = std::filesystem::path(images[i]).stem().string();
      ctx.shapes[field] = decoded[i].shape;
      rt::Trace trace;
      try {
        trace = sampler.sample(ctx);
      } catch (const std::exception& e) {
        std::cerr << fmt::format("seed {} {}: {}\n", seed, ctx.key, e.what());
        return 3;
      }
      std::map<std::string, rt::Image> a{{field, decoded[i]}}, b{{field, decoded[i]}};
      reference->run(trace, a);
      fused->run(trace, b);
      const auto c = compare(a.at(field), b.at(field));
      const bool u8 = a.at(field).is_u8();
      double f32_step = 1.0 / 255.0;
      for (const auto& op : trace.ops)
        if (op.op == "normalize")
          for (double s : op.args.list("std"))
            if (s > 0) f32_step = std::max(f32_step, 1.0 / 255.0 / s);
      const bool ok = c.shape_ok && c.exact_fraction >= 0.999 && c.max_diff <= (u8 ? 1.0 : f32_step * 1.0001 + 1e-5);
      ++samples;
      if (c.exact_fraction < worst_fraction || c.max_diff > worst_diff || !ok) {
        worst_fraction = std::min(worst_fraction, c.exact_fraction);
        worst_diff = std::max(worst_diff, c.max_diff);
        nlohmann::json ops = nlohmann::json::array();
        for (const auto& op : trace.ops) ops.push_back(op.op);
        auto shape = [](const rt::Image& im) {
          return fmt::format("{}x{}x{} {}", im.c(), im.h(), im.w(), im.is_u8() ? "u8" : "f32");
        };
        worst = {{"seed", seed},
                 {"key", ctx.key},
                 {"ops", ops},
                 {"exact_fraction", c.exact_fraction},
                 {"max_diff", c.max_diff},
                 {"shape_ok", c.shape_ok},
                 {"reference_shape", shape(a.at(field))},
                 {"fused_shape", shape(b.at(field))}};
      }
      if (!ok) {
        ++failures;
        std::cerr << "out of tolerance: " << worst.dump() << "\n";
      }
    }
  }
  nlohmann::json summary = {{"policy", lp.policy->name},    {"samples", samples},
                            {"failures", failures},         {"worst_exact_fraction", worst_fraction},
                            {"worst_max_diff", worst_diff}, {"worst", worst}};
  std::cout << summary.dump() << "\n";
  return failures ? 1 : 0;
}
