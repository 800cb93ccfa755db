// libFuzzer target: the whole front end (lex, parse, sema) on arbitrary bytes, then every diagnostic renderer.
// Built only with -DAUGER_FUZZ=ON and clang; scripts/fuzz runs it with a seed corpus and tests/fuzz/aug.dict.
#include <cstddef>
#include <cstdint>
#include <string>

#include "compiler/diag/render.h"
#include "compiler/diag/render_brief.h"
#include "compiler/sema/compilation.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // One compilation for the whole run: the stdlib is parsed once, each input is checked as a fresh file.
  // (tests/unit/sema/check_test.cpp checks that forget_user_files() leaves no trace of an earlier input.)
  static auger::Compilation c;
  c.forget_user_files();
  c.check_text("fuzz.aug", std::string(reinterpret_cast<const char*>(data), size));
  const auto diags = c.diags().sorted();
  auger::RenderOptions opt;
  opt.color = size % 2 == 1;  // exercise the ANSI path too
  (void)auger::render_text(diags, c.sources(), opt);
  (void)auger::render_json(diags, c.sources(), opt);
  (void)auger::render_sarif(diags, c.sources(), opt);
  (void)auger::render_brief(diags, c.sources());
  return 0;
}
