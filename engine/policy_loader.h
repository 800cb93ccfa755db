// Loading a policy for every front door (the commands, the C++ API, Python): check the file, find the policy,
// bind its arguments (`--set name=value` text or typed values), build its IR and compute the run's identity.
// Nothing here prints: diagnostics stay in the Compilation and the reason for a refusal is returned, so each
// caller reports them its own way (the CLI renders to stderr, Python raises).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"
#include "compiler/sema/compilation.h"
#include "compiler/sema/program.h"
#include "engine/arg_value.h"

namespace auger::engine {

struct LoadedPolicy {
  std::unique_ptr<Compilation> comp;
  const Module* module = nullptr;
  const PolicyInfo* policy = nullptr;
  std::map<std::string, Value> overrides;  // checked against the parameters' types and domains
  ir::Function fn;
  std::string file_sha256;  // of the policy file's bytes: part of the run's identity (language.md §6)
};

// Where imports and the standard library come from.
struct LoadOptions {
  std::vector<std::string> include_paths;
  std::string stdlib_dir;  // empty: the built-in copy
};

using auger::ArgValue;

struct PolicyRequest {
  std::string file, policy;              // policy: empty when the file has exactly one
  std::vector<std::string> sets;         // `name=value` text, as `--set` gives it
  std::map<std::string, ArgValue> args;  // typed values
};

enum class LoadStatus {
  Ok,
  InputErrors,  // errors in the file (in comp->diags()) or a bad argument value
  Usage,        // no such policy / parameter, a malformed `--set`
};

struct LoadResult {
  LoadStatus status = LoadStatus::Ok;
  std::string message;  // why, when not Ok and the diagnostics do not say it
  [[nodiscard]] bool ok() const { return status == LoadStatus::Ok; }
};

// Fills `out`. The file's diagnostics (warnings included) are in out.comp->diags() whatever the status.
LoadResult load_policy(const PolicyRequest& request, const LoadOptions& options, LoadedPolicy& out);

// Binds one `--set` value for a parameter (`12`, `30deg`, `[0.1, 0.2]`, `bilinear`, `true`), checked against its
// type and domain. Empty string on success, the reason otherwise.
std::string parse_override(const ParamInfo& param, const std::string& text, Value& out);
// The same for a typed value.
std::string bind_argument(const ParamInfo& param, const ArgValue& value, Value& out);

std::string sha256_file(const std::string& path);  // hex; empty when unreadable

// Whether the policy ends with a `batch { }` block (mixup, cutmix), which only collated batches can run.
bool has_batch_block(const LoadedPolicy& lp);

}  // namespace auger::engine
