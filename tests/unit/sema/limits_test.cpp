// The front end's limits (compiler/base/limits.h, docs/language.md §11.15): each is accepted exactly up to its
// bound and refused one past it with E0003 at the crossing line, also for text checked in memory (the fuzzer's
// path, which has no file-size limit to hide behind); and policy files are read only when regular and small.
#include "compiler/base/limits.h"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <fstream>
#include <string>
#include <vector>

#include "compiler/base/read_source.h"
#include "compiler/sema/compilation.h"
#include "tests/unit/temp_dir.h"

using namespace auger;

namespace {

const char* const kSample = "sample Photo {\n  image: image(rgb)\n}\n";

// The codes and lines of every diagnostic of `text` checked in memory.
std::vector<std::string> check(const std::string& text) {
  Compilation c;
  c.check_text("limits.aug", text);
  std::vector<std::string> out;
  for (const auto& d : c.diags().sorted()) {
    auto line = d.span.valid() ? c.sources().line_col(d.span.file, d.span.begin).line : 0;
    out.push_back(std::string(d.kind().code) + "@" + std::to_string(line));
  }
  return out;
}

// A policy (lines 4-6) calling t1; line 6+i: transform t<i> calls t<i+1>.
std::string transform_chain(std::size_t depth) {
  std::string s = std::string(kSample) + "policy train on Photo {\n  t1()\n}\n";
  for (std::size_t i = 1; i < depth; ++i)
    s += "transform t" + std::to_string(i) + "() { t" + std::to_string(i + 1) + "() }\n";
  return s + "transform t" + std::to_string(depth) + "() { hflip() }\n";
}

std::string sum_of(std::size_t operators) {
  std::string s = std::string(kSample) + "policy train on Photo {\n  rotate(angle: 1deg";
  for (std::size_t i = 0; i < operators; ++i) s += " + 0deg";
  return s + ")\n}\n";
}

}  // namespace

TEST_CASE("transform calls: 64 nest, the 65th is E0003 at its call, once") {
  CHECK(check(transform_chain(limits::kMaxTransformDepth)).empty());
  CHECK(check(transform_chain(limits::kMaxTransformDepth + 1)) == std::vector<std::string>{"E0003@70"});
  CHECK(check(transform_chain(3000)) == std::vector<std::string>{"E0003@70"});  // crashed before
}

TEST_CASE("expressions: 256 operators nest, 257 are E0003 at the expression") {
  CHECK(check(sum_of(limits::kMaxExprDepth)).empty());
  CHECK(check(sum_of(limits::kMaxExprDepth + 1)) == std::vector<std::string>{"E0003@5"});
  CHECK(check(sum_of(100000)) == std::vector<std::string>{"E0003@5"});
}

TEST_CASE("constants: a chain of 20,000 is one E0003 reversed, none in declaration order") {
  std::string forward = kSample, backward = kSample;
  const int n = 20000;  // reversed, 100,000 overflowed the stack before; 20,000 keeps the test quick
  for (int i = 1; i <= n; ++i) {
    forward += "const c" + std::to_string(i) + " = " + (i == 1 ? "1" : "c" + std::to_string(i - 1)) + "\n";
    backward += "const c" + std::to_string(i) + " = " + (i == n ? "1" : "c" + std::to_string(i + 1)) + "\n";
  }
  // Declared before use, each constant is evaluated once and the chain never nests.
  CHECK(check(forward).empty());
  // c64 (line 3+64) refers to c65.
  CHECK(check(backward) == std::vector<std::string>{"E0003@67"});
}

TEST_CASE("policy files: only regular files up to 1 MiB are read") {
  test::TempDir dir;
  CHECK(read_source_file(dir.path.string(), limits::kMaxFileBytes).why == "not a readable file (it is a folder)");
  CHECK(read_source_file("/dev/zero", limits::kMaxFileBytes).why == "not a readable file (it is a character device)");
  REQUIRE(::mkfifo((dir / "p.aug").c_str(), 0600) == 0);
  CHECK(read_source_file(dir / "p.aug", limits::kMaxFileBytes).why == "not a readable file (it is a FIFO)");
  CHECK(read_source_file(dir / "missing.aug", limits::kMaxFileBytes).why == "no such file");
  std::ofstream(dir / "ok.aug") << std::string(100, '#');
  auto ok = read_source_file(dir / "ok.aug", 100);
  REQUIRE(ok.text);
  CHECK(ok.text->size() == 100);
  auto big = read_source_file(dir / "ok.aug", 99);
  CHECK_FALSE(big.text);
  CHECK(big.why == "it is 100 bytes; a policy file may be at most 99 bytes");
}
