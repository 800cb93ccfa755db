#include "compiler/ir/regions.h"

#include <fmt/format.h>

namespace auger::ir {

namespace {

void region(std::vector<Node>& nodes, const Node* parent, bool alternative, std::vector<Run>& out);
void region_of_one(Node& n, std::vector<Run>& out);

// The children of a choice: each is an alternative region of its own.
void alternatives(Node& choice, std::vector<Run>& out) {
  for (auto& ch : choice.children) {
    if (ch.kind == NodeKind::Op) {
      Run r;
      r.ops.push_back(&ch);
      r.parent = &choice;
      r.alternative = true;
      out.push_back(std::move(r));
    } else if (ch.kind == NodeKind::Seq) {
      region(ch.children, &ch, true, out);
    } else {
      // A choice directly inside a choice: its alternatives are regions again.
      region_of_one(ch, out);
    }
  }
}

void region(std::vector<Node>& nodes, const Node* parent, bool alternative, std::vector<Run>& out) {
  Run cur;
  auto close = [&](const Node* after) {
    if (cur.ops.empty()) return;
    cur.after = after;
    cur.parent = parent;
    cur.alternative = alternative;
    out.push_back(std::move(cur));
    cur = Run{};
  };
  for (auto& n : nodes) {
    if (n.kind == NodeKind::Op) {
      cur.ops.push_back(&n);
      continue;
    }
    close(&n);
    region_of_one(n, out);
  }
  close(nullptr);
}

void region_of_one(Node& n, std::vector<Run>& out) {
  switch (n.kind) {
    case NodeKind::Op: break;
    case NodeKind::Seq:
    case NodeKind::Batch: region(n.children, &n, false, out); break;
    case NodeKind::OneOf:
    case NodeKind::SomeOf:
    case NodeKind::Match: alternatives(n, out); break;
  }
}

std::string line_suffix(const Node& n) {
  return n.line > 0 ? fmt::format(" (line {})", n.line) : "";
}

}  // namespace

std::vector<Run> op_runs(Function& f) {
  std::vector<Run> out;
  region(f.body, nullptr, false, out);
  return out;
}

std::map<std::string, int> program_order(const Function& f) {
  std::map<std::string, int> order;
  int i = 0;
  for_each_node(f, [&](const Node& n) { order.emplace(n.site, i++); });
  return order;
}

std::string describe(const Node& n) {
  std::string from = n.transform.empty() ? "" : " from " + n.transform;
  switch (n.kind) {
    case NodeKind::Op: return fmt::format("`{}`{}", n.op, line_suffix(n));
    case NodeKind::Seq:
      return n.transform.empty() ? fmt::format("a `seq`{}", line_suffix(n))
                                 : fmt::format("`{}`{}", n.transform, line_suffix(n));
    case NodeKind::Batch: return fmt::format("the `batch` block{}", line_suffix(n));
    case NodeKind::OneOf: return fmt::format("the one_of{}{}", from, line_suffix(n));
    case NodeKind::SomeOf: return fmt::format("the some_of{}{}", from, line_suffix(n));
    case NodeKind::Match: return fmt::format("the match on `{}`{}", n.match_param, line_suffix(n));
  }
  return "?";
}

std::string ends_at(const Run& run, std::size_t j) {
  if (j < run.ops.size() || run.after) return "ends before " + describe_next(run, j);
  if (run.alternative) return "ends with its alternative";
  if (run.parent) return "ends with " + describe(*run.parent);
  return "ends with the policy";
}

std::string describe_next(const Run& run, std::size_t j) {
  if (j < run.ops.size()) return describe(*run.ops[j]);
  if (run.after) return describe(*run.after);
  if (run.alternative) return "the end of its alternative";
  if (run.parent) return "the end of " + describe(*run.parent);
  return "the end of the policy";
}

}  // namespace auger::ir
