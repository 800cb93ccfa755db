#include "engine/background_dirs.h"

#include <fmt/format.h>

#include <stdexcept>

#include "runtime/audio/background.h"

namespace auger::engine {

namespace {

// The folder an argument names once the policy is bound: a constant, or a parameter whose bound value is one.
const VExpr* bound(const ir::Function& fn, const VExpr* v) {
  if (v && v->kind == VExpr::Kind::Param)
    for (const auto& p : fn.params)
      if (p.name == v->name) return p.value.get();
  return v;
}

}  // namespace

std::string check_background_dirs(const ir::Function& fn) {
  std::string error;
  ir::for_each_node(fn, [&](const ir::Node& n) {
    if (!error.empty() || n.kind != ir::NodeKind::Op || n.op != "add_background") return;
    const ir::Arg* dir = n.arg("dir");
    const VExpr* v = dir ? bound(fn, dir->value.get()) : nullptr;
    if (!v || v->kind != VExpr::Kind::Const || v->value.kind != Value::Kind::String) return;
    try {
      rt::audio::background_files(v->value.text);
    } catch (const std::exception& e) {
      error = fmt::format("line {}: {}", n.line, e.what());
    }
  });
  return error;
}

}  // namespace auger::engine
