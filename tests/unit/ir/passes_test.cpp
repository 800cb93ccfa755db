// The passes: the whole pipeline on the examples (the verifier is happy after each pass), fold_constants keeps
// shared random draws shared, and every kernel the fusion passes make is one the fused executor runs as planned
// (rt::fused::kernels_of reads the plan off a trace and never has to fall back to running ops one by one).
#include "compiler/passes/passes.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "compiler/ir/build.h"
#include "compiler/ir/parser.h"
#include "compiler/ir/printer.h"
#include "compiler/passes/pipeline.h"
#include "compiler/sema/compilation.h"
#include "compiler/sema/program.h"
#include "runtime/fused/fusion_plan.h"

using namespace auger;

namespace {

// A policy body that is one straight run of ops on `image`, with the types to_float gives.
ir::Function straight(const std::vector<std::string>& ops) {
  std::string error;
  auto parsed = ir::parse("policy p on S\ninput image: image(rgb, u8)\nbody {\n}\n", error);
  REQUIRE_MESSAGE(parsed, error);
  ir::Function f = *parsed;
  std::string elem = "u8";
  for (std::size_t i = 0; i < ops.size(); ++i) {
    ir::Node n;
    n.site = std::to_string(i);
    n.op = ops[i];
    n.targets = {"image"};
    n.in_type = ir::field_type(fmt::format("image(rgb, {})", elem));
    if (ops[i] == "to_float") elem = "f32";
    n.out_type = ir::field_type(fmt::format("image(rgb, {})", elem));
    f.body.push_back(n);
  }
  return f;
}

std::vector<std::string> planned(ir::Function f, const std::vector<std::string>& passes) {
  auto errors = passes::run_passes(f, passes, true);
  REQUIRE_MESSAGE(errors.empty(), errors.front());
  std::vector<std::string> out;
  for (const auto& k : f.kernels) {
    std::string s = (k.kind == "store" ? std::string("pointwise") : k.kind) + "[";
    for (const auto& site : k.sites) s += site + " ";
    out.push_back(s + "]");
  }
  return out;
}

const std::vector<std::string> kPipeline = {"compose_geometry", "isolate_stencils", "fuse_pointwise",
                                            "fuse_store",       "split_statistics", "finish_plan"};

}  // namespace

TEST_CASE("passes: the pipeline on every example policy verifies after each pass") {
  namespace fs = std::filesystem;
  int policies = 0;
  for (const auto& entry : fs::directory_iterator(std::string(AUGER_SOURCE_DIR) + "/examples")) {
    if (entry.path().extension() != ".aug") continue;
    Compilation comp;
    const Module* m = comp.check_file(entry.path().string());
    REQUIRE(m);
    if (comp.diags().has_errors()) continue;
    for (const auto& p : m->policies) {
      auto fn = ir::build_ir(*p, {}, &comp.sources());
      auto errors = passes::run_pipeline(fn);
      CHECK_MESSAGE(errors.empty(), entry.path().filename().string(), " ", p->name, ": ", errors.front());
      CHECK(fn.planned);
      ++policies;
    }
  }
  CHECK(policies >= 10);
}

TEST_CASE("passes: --set values replace defaults before folding") {
  Compilation comp;
  const Module* m = comp.check_file(std::string(AUGER_SOURCE_DIR) + "/examples/imagenet.aug");
  REQUIRE(m);
  const PolicyInfo* train = nullptr;
  for (const auto& p : m->policies) train = p->name == "train" ? p.get() : train;
  REQUIRE(train);
  auto fn = ir::build_ir(*train, {{"magnitude", Value::num(30, true)}, {"erase_p", Value::num(0, false)}});
  REQUIRE(passes::run_pipeline(fn).empty());
  auto text = ir::print(fn);
  CHECK(text.find("rotate(angle: signed(30deg)") != std::string::npos);
  CHECK(text.find("random_erasing") == std::string::npos);  // @p(0): removed
}

TEST_CASE("passes: fold_constants keeps a random value passed into a transform shared") {
  Compilation comp;
  const Module* m = comp.check_text("t.aug",
                                    "sample Photo { image: image(rgb) }\n"
                                    "transform tilt(a: angle) { rotate(angle: a) shear_x(amount: 0.1 * 2) }\n"
                                    "transform both(a: angle) { rotate(angle: a)  rotate(angle: -a) }\n"
                                    "policy p on Photo { both(a: uniform(1deg, 2deg * 3)) }\n");
  REQUIRE(m);
  REQUIRE_MESSAGE(!comp.diags().has_errors(), comp.diags().all().front().message);
  auto fn = ir::build_ir(*m->policies.front());
  passes::fold_constants(fn);
  const auto& body = fn.body.front().children;
  REQUIRE(body.size() == 2);
  const auto& first = body[0].args[0].value;
  const auto& second = body[1].args[0].value;
  CHECK(first->to_string() == "uniform(1deg, 6deg)");
  // The second use is `-a`: its operand is the very node the first use draws.
  REQUIRE(second->operands.size() == 1);
  CHECK(second->operands[0].get() == first.get());
}

TEST_CASE("passes: fusion of straight runs, pass by pass") {
  CHECK(planned(straight({"random_resized_crop", "hflip", "rotate", "brightness", "to_float", "normalize"}),
                kPipeline) == std::vector<std::string>{"resample[0 1 ]", "warp[2 3 4 5 ]"});
  CHECK(planned(straight({"brightness", "equalize", "saturation", "autocontrast"}), kPipeline) ==
        std::vector<std::string>{"pointwise[0 1 2 ]", "pointwise[3 ]"});
  CHECK(planned(straight({"cutout", "brightness", "equalize"}), kPipeline) ==
        std::vector<std::string>{"pointwise[0 1 ]", "pointwise[2 ]"});
  // fuse_store before fuse_pointwise gives the same kernels.
  CHECK(planned(straight({"brightness", "cutout", "invert", "to_float"}),
                {"fuse_store", "fuse_pointwise", "split_statistics", "finish_plan"}) ==
        std::vector<std::string>{"pointwise[0 1 2 3 ]"});
  CHECK(planned(straight({"to_float", "rotate", "normalize"}), kPipeline) ==
        std::vector<std::string>{"pointwise[0 ]", "reference[1 ]", "pointwise[2 ]"});
}

TEST_CASE("passes: the fused executor runs every kernel of the plan as the plan says (rt::fused::kernels_of)") {
  const std::vector<std::string> pool = {"hflip",
                                         "vflip",
                                         "crop",
                                         "center_crop",
                                         "pad",
                                         "resize",
                                         "random_resized_crop",
                                         "rotate",
                                         "shear_x",
                                         "perspective",
                                         "brightness",
                                         "invert",
                                         "posterize",
                                         "solarize",
                                         "equalize",
                                         "autocontrast",
                                         "contrast",
                                         "saturation",
                                         "hue",
                                         "grayscale",
                                         "sharpness",
                                         "gaussian_blur",
                                         "to_float",
                                         "normalize",
                                         "gaussian_noise",
                                         "random_erasing",
                                         "cutout",
                                         "elastic"};
  std::mt19937 rng(20240611);
  for (int trial = 0; trial < 4000; ++trial) {
    std::vector<std::string> ops(1 + rng() % 12);
    for (auto& op : ops) op = pool[rng() % pool.size()];
    ir::Function f = straight(ops);
    const std::vector<std::string> expected = planned(f, kPipeline);
    // The trace the sampler makes of this body: each op numbered with its kernel of the plan.
    auto errors = passes::run_passes(f, kPipeline, true);
    REQUIRE(errors.empty());
    std::vector<rt::AppliedOp> trace(ops.size());
    for (std::size_t i = 0; i < ops.size(); ++i) trace[i].op = ops[i];
    for (const auto& k : f.kernels)
      for (const auto& site : k.sites) trace[std::stoul(site)].kernel = k.id;
    std::vector<std::string> ran;
    for (const auto& k : rt::fused::kernels_of(trace)) {
      std::string s = std::string(rt::fused::head_kind_name(k.head)) + "[";
      for (int i = k.begin; i < k.end; ++i) s += std::to_string(i) + " ";
      ran.push_back(s + "]");
    }
    std::string listing;
    for (const auto& op : ops) listing += op + " ";
    CHECK_MESSAGE(ran == expected, listing);
  }
}
