// libFuzzer target for `auger fmt`: on arbitrary bytes, formatting either refuses (syntax errors) or succeeds;
// a success must pass the formatter's own AST and comment round-trip check (an internal error is a finding) and
// be a fixed point (formatting the output again gives the output). Built only with -DAUGER_FUZZ=ON and clang;
// scripts/fuzz runs it (FUZZ_TARGET=fuzz_fmt) seeded with the examples, the stdlib and the lit tests.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "compiler/format/format.h"

namespace {

auger::format::FormatResult format_text(const std::string& text) {
  auger::SourceManager sources;
  auger::FileId id = sources.add("fuzz.aug", text);
  auger::DiagEngine diags;
  return auger::format::format_file(sources, id, diags);
}

[[noreturn]] void finding(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz_fmt: %s: %s\n", what, detail.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using Status = auger::format::FormatResult::Status;
  std::string input(reinterpret_cast<const char*>(data), size);
  auto once = format_text(input);
  if (once.status == Status::SyntaxErrors) return 0;
  if (once.status == Status::InternalError) finding("round trip", once.message);
  auto twice = format_text(once.text);
  if (twice.status != Status::Ok) finding("the output does not format", twice.message);
  if (twice.text != once.text) finding("not idempotent", once.text + "\n---- formats to ----\n" + twice.text);
  return 0;
}
