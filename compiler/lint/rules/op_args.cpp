#include "compiler/lint/rules/op_args.h"

#include "compiler/lint/values.h"
#include "compiler/lint/walk.h"

namespace auger::lint::rules {

void for_each_given_arg(LintContext& ctx, const std::string& op, const std::string& param,
                        const std::function<void(const ElabStmt&, const BoundArg&)>& fn) {
  for_each_stmt(ctx.policy.body, [&](const ElabStmt& st) {
    if (st.kind != ElabStmt::Kind::Op || st.op->name != op) return;
    const BoundArg* a = given_arg(st, param);
    if (a && ctx.user_span(a->value_span)) fn(st, *a);
  });
}

}  // namespace auger::lint::rules
