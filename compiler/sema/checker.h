// The semantic checker: loads modules, resolves names, checks declarations, elaborates policies.
// Internal to sema/; the public entry point is compilation.h.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "compiler/diag/diag_engine.h"
#include "compiler/sema/compilation.h"
#include "compiler/sema/program.h"

namespace auger {

// What names mean inside one body or expression: parameters (bound to expressions) and the module scope.
struct Env {
  Module* module = nullptr;
  std::map<std::string, VExprPtr> params;  // parameter name → its value expression
  std::map<std::string, const ParamInfo*> param_info;
  // Transform parameters the caller left at their default: passing one on to an op is not an explicit
  // acknowledgement (`rand_augment(boxes: enclose)` acknowledges rule 3 for the rotations inside).
  std::set<std::string> defaulted;
  std::set<std::string> absent;  // optional (`= none`) transform parameters the caller did not give
  bool allow_random = false;
  const char* context = "this position";  // for E0308: "a constant", "a default value", …
  const ParamRange* ranges = nullptr;     // ranges of Param nodes
};

class Checker {
 public:
  Checker(SourceManager& sources, DiagEngine& diags, const CheckOptions& options);
  void report_unused_imports(Module& m);
  ~Checker();

  Module* check_path(const std::string& path, Span import_span = {});
  Module* check_buffer(const std::string& name, std::string text);

  // module_loader.cpp
 private:
  Module* load_prelude();
  Module* load_stdlib_module(const std::string& dotted, Span span);
  Module* load_file_module(const std::string& path, Span span);
  Module* process(std::unique_ptr<Module> m);
  void resolve_imports(Module& m);
  void collect(Module& m);

 public:
  // Lookup through a module's scope: own, then imports, then the prelude. Marks imports used.
  const Symbol* lookup(Module& m, const std::string& name);
  std::vector<std::string> visible_names(Module& m, std::optional<SymbolKind> kind);
  const OpInfo* prelude_op(const std::string& name) const;
  std::vector<const OpInfo*> prelude_ops() const;
  // Drops every module that is not part of the stdlib (stdlib modules never refer to user modules).
  void forget_user_modules();
  std::string doc_comment(const Module& m, Span decl) const;

  // declarations.cpp
  void check_declarations(Module& m);
  const Value* const_value(Module& m, const std::string& name, Span use);
  std::optional<Type> resolve_type(Module& m, const ast::TypeRef& t);
  std::optional<Domain> resolve_domain(Module& m, const ast::Domain& d, const Type& type);
  std::vector<ParamInfo> resolve_params(Module& m, const std::vector<ast::Param>& params, const char* owner_kind);
  void check_sample(Module& m, const ast::Sample& s);
  void check_op(Module& m, const ast::OpDecl& d);

  // expressions.cpp
  VExprPtr check_expr(const ast::Expr& e, const Type* expected, Env& env);
  // Checks `e` against `type` (units, ints, enums, lists); reports and returns false on a mismatch.
  bool coerce(VExprPtr& e, const Type& type, const std::string& what, Span span);
  // Checks a value against a domain; for random values and parameters, the range they can take.
  void check_domain(const VExpr& e, const Domain& d, const std::string& what, const Env& env);
  // Measures a new composite value (depth, nodes); reports E0003 at `at` and returns false past the limits.
  bool within_value_limits(VExpr& e, Span at);

  // elaborate.cpp
  void check_transform_body(Module& m, TransformInfo& t);
  void elaborate_policy(Module& m, PolicyInfo& p);

  // invariants.cpp
  void check_invariants(PolicyInfo& p);

  SourceManager& sources;
  DiagEngine& diags;  // the user's diagnostics
  const CheckOptions& options;
  // Where sema reports: `diags`, or a scratch engine while re-elaborating a transform body that was
  // already checked on its own (its errors must not repeat per call).
  DiagEngine& d() { return *sink_; }
  DiagEngine* sink_ = nullptr;

 private:
  struct Elaborator;
  friend struct Elaborator;
  std::vector<std::unique_ptr<Module>> modules_;
  std::map<std::string, Module*> by_key_;
  std::set<std::string> in_progress_;
  std::vector<std::string> import_stack_;  // keys of the file modules being loaded, outermost first
  std::vector<Module*> prelude_;
  std::map<std::string, const OpInfo*> prelude_ops_;
  std::set<std::pair<Module*, std::string>> consts_in_progress_;
  std::set<std::pair<Module*, std::string>> consts_failed_;          // already reported: not re-evaluated at each use
  bool const_depth_reported_ = false;                                // E0003 for constants: once per check
  std::set<std::pair<FileId, std::uint32_t>> value_limit_reported_;  // E0003 for values: once per place
  std::set<std::pair<Module*, Module*>> used_imports_;
};

// The range of a parameter from its declaration: its domain, else its default (nullopt when neither bounds it).
ParamRange param_decl_ranges();

// "did you mean" over candidates (Damerau–Levenshtein); empty when nothing is close.
std::string closest(const std::string& name, const std::vector<std::string>& candidates);
// The stdlib module ("std.vision") whose text declares a top-level `transform`/`const` NAME, or "".
std::string stdlib_module_declaring(const std::string& name);

}  // namespace auger
