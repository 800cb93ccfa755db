// The label-invariant rules 1–8 (language.md §7), one file each under compiler/sema/rules/: each looks at one op
// statement — its declared effects against the sample's fields — and reports through the context. The invariant
// walk (compiler/sema/invariants.cpp) calls every rule of label_rules() on every op statement that may touch labels.
#pragma once

#include <fmt/args.h>
#include <fmt/format.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "compiler/sema/checker.h"

namespace auger::label_rules {

using BuildDiag = std::function<void(Diagnostic&)>;

struct Context {
  const ElabStmt& st;
  const OpInfo& op;
  const Effects& fx;
  const SchemaInfo& sample;
  // Reports `id` at the statement (or at the user's call of the transform holding it); `fixes` apply only in the
  // user's own text; `ack` names the parameter that silences it, forwarded through a transform when it can be.
  std::function<void(DiagId, const BuildDiag& build, const BuildDiag& fixes, const std::string& ack)> report;

  [[nodiscard]] std::vector<const FieldInfo*> fields(FieldKind kind) const { return sample.of_kind(kind); }
  // Whether the statement gives `param` (an invalid value the user wrote counts: already reported).
  [[nodiscard]] bool given(const std::string& param) const;
  // The first member of an enum parameter, for a fix-it ("…" when it is not an enum).
  [[nodiscard]] std::string first_enum_value(const std::string& param) const;
};

// The diagnostic's message template filled with `args` (compiler/diag/diag_kinds.def).
template <typename... Args>
std::string message(DiagId id, const Args&... args) {
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  (store.push_back(args), ...);
  return fmt::vformat(diag_kind(id).message, store);
}

// A fix-it inserting `name: value` as a new argument of the statement's call.
void add_argument_fix(Diagnostic& diag, const ElabStmt& st, const std::string& name, const std::string& value);

// Fields a rule cannot carry, each with what it is ("boxes", "keypoints", "mask"): one diagnostic per statement and
// rule, naming the first, with a note for each.
using Offending = std::vector<std::pair<const FieldInfo*, const char*>>;
void add_fields(Offending& out, const std::vector<const FieldInfo*>& fields, const char* what);
void report_fields(const Context& ctx, DiagId id, const Offending& fields);

// Rules 3, 4 and 6: an op with boxes effect `effect` over a sample with boxes must give its boxes parameter (how
// boxes are enclosed, kept or dropped); `note` follows "the boxes are declared here; ". With `fix`, the fix-it adds
// the parameter's first value and a transform may forward it.
void require_boxes_param(const Context& ctx, BoxesEffect effect, DiagId id, const std::string& note, bool fix);

using Rule = void (*)(const Context&);
const std::vector<Rule>& all();

// The rules, by number.
void geometry_on_tied_field(const Context& ctx);  // 1
void mirror_labels(const Context& ctx);           // 2
void boxes_enclosed(const Context& ctx);          // 3
void crop_min_visibility(const Context& ctx);     // 4
void non_invertible_warp(const Context& ctx);     // 5
void occlusion_hides_boxes(const Context& ctx);   // 6
void mix_labels(const Context& ctx);              // 7
void tags_alignment(const Context& ctx);          // 8

}  // namespace auger::label_rules
