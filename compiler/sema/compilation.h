// The front end's entry point: load a file and everything it imports, parse, check, and keep the result.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/base/source_manager.h"
#include "compiler/diag/diag_engine.h"

namespace auger {

struct Module;  // compiler/sema/program.h

struct CheckOptions {
  std::vector<std::string> include_paths;  // searched for `import "x.aug"` after the importing file's folder
  std::optional<std::string> stdlib_dir;   // read std.* from here instead of the embedded copy
};

class Compilation {
 public:
  explicit Compilation(CheckOptions options = {});
  ~Compilation();
  Compilation(const Compilation&) = delete;
  Compilation& operator=(const Compilation&) = delete;

  // Parses and checks `path` and its imports; diagnostics go to diags(). nullptr when the file cannot be read
  // (reported as E0002).
  const Module* check_file(const std::string& path);
  // Same for text in memory (tests, fuzzing); `name` is the path diagnostics print.
  const Module* check_text(const std::string& name, std::string text);

  // Forgets every checked file and its diagnostics but keeps the parsed stdlib, so the next check does not
  // parse the prelude again (the fuzzer checks thousands of inputs this way).
  void forget_user_files();

  // Every primitive op of the prelude (stdlib/std/prims*.aug), in declaration order.
  std::vector<const struct OpInfo*> prelude_ops() const;

  SourceManager& sources() { return sources_; }
  DiagEngine& diags() { return diags_; }

 private:
  struct Impl;
  SourceManager sources_;
  DiagEngine diags_;
  std::unique_ptr<Impl> impl_;
};

// The output schema of each policy (or of `policy` only), one per line:
//   train: image: image(rgb, f32)[3,224,224], label: soft(1000)
// nullopt when the module has no such policy.
std::optional<std::string> explain_schema(const Module& module, const std::string& policy);
std::vector<std::string> policy_names(const Module& module);

}  // namespace auger
