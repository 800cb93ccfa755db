#include "compiler/lint/walk.h"

namespace auger::lint {

void for_each_stmt(const std::vector<ElabStmt>& body, const std::function<void(const ElabStmt&)>& fn) {
  for (const auto& st : body) {
    fn(st);
    for_each_stmt(st.children, fn);
  }
}

void for_each_sequence(const std::vector<ElabStmt>& body, const std::function<void(const std::vector<ElabStmt>&)>& fn) {
  fn(body);
  for_each_stmt(body, [&](const ElabStmt& st) {
    if (st.kind == ElabStmt::Kind::Seq || st.kind == ElabStmt::Kind::Batch) fn(st.children);
  });
}

void params_read(const VExpr& e, std::vector<const ParamInfo*>& out) {
  if (e.kind == VExpr::Kind::Param && e.param) out.push_back(e.param);
  for (const auto& o : e.operands) {
    if (o) params_read(*o, out);
  }
}

}  // namespace auger::lint
