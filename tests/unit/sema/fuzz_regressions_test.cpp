// Replays every input under tests/fuzz/regressions (inputs that once crashed the front end or tripped a
// sanitizer) through check_text and all four renderers, in every build, not only the libFuzzer one.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/diag/render.h"
#include "compiler/diag/render_brief.h"
#include "compiler/sema/compilation.h"

TEST_CASE("fuzz regressions: every seed checks and renders") {
  namespace fs = std::filesystem;
  std::vector<fs::path> seeds;
  for (const auto& e : fs::directory_iterator(fs::path(AUGER_SOURCE_DIR) / "tests/fuzz/regressions")) {
    if (e.is_regular_file()) seeds.push_back(e.path());
  }
  std::sort(seeds.begin(), seeds.end());
  CHECK(seeds.size() >= 6);
  for (const auto& path : seeds) {
    INFO(path.filename().string());
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    auger::Compilation c;
    c.check_text("fuzz.aug", text.str());
    auto diags = c.diags().sorted();
    auger::RenderOptions opt;
    if (!diags.empty()) CHECK_FALSE(auger::render_text(diags, c.sources(), opt).empty());
    (void)auger::render_json(diags, c.sources(), opt);
    (void)auger::render_sarif(diags, c.sources(), opt);
    (void)auger::render_brief(diags, c.sources());
    // No input may end in an internal error (E0001).
    for (const auto& d : diags) CHECK(d.kind().code != "E0001");
  }
}
