// The IR text format, one construct per line, so that FileCheck tests read it line by line:
//
//   policy train on Photo                               `deterministic` follows when the policy is
//   param magnitude: int in 0..30 = 9                   type (with domain) = value after --set
//   input image: image(rgb, u8)                         the schema's fields at entry
//   output image: image(rgb, f32)[3,224,224]            … and after the body (the checker's output schema)
//   body {
//     0: random_resized_crop(size: 224, interp = bilinear) on image : image(rgb, u8) -> image(rgb, u8) @line(28)
//     1: hflip() on image : image(rgb, u8) -> image(rgb, u8) @p(0.5) @line(30)
//     2: seq from rand_augment(n: 2, magnitude: magnitude, bins = 31) @line(32) {   a transform call
//     2.0: some_of(n: 2, replace: true, order: random) from rand_augment @line(32) {
//       2.0.0: seq { }
//       …
//     }
//     imagenet => 3.imagenet: one_of { … }              an arm of a `match PARAM { … }`
//   }
//   kernels complete {                                  "complete" once every image op has its kernel
//     k0 = resample [0, 1]
//       map box
//       note "…"
//   }
//
// Every node line starts with its site (language.md §6), which is also how kernels name their ops. Arguments
// the user wrote print as `name: value`, defaults filled in by the builder as `name = value`. Value expressions
// print with VExpr::to_string. A label is not printed apart: it is the site's last component (the parser
// derives it); a node whose site ends in a name without being labelled — the arm of a `match` that elaboration
// resolved — says `@arm`. `//` lines are comments.
#include "compiler/ir/printer.h"

#include <fmt/format.h>

#include <cctype>

#include "compiler/ir/text_scanner.h"

namespace auger::ir {

namespace {

std::string expr(const VExprPtr& e) {
  return e ? e->to_string() : "?";
}

std::string arg_list(const std::vector<Arg>& args) {
  std::string out = "(";
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto& a = args[i];
    out += (i ? ", " : "") + a.name + (a.given ? ": " : " = ") + expr(a.value);
  }
  return out + ")";
}

bool name_component(const std::string& site, const std::string& arm) {
  auto dot = site.rfind('.');
  std::string last = dot == std::string::npos ? site : site.substr(dot + 1);
  return !last.empty() && !std::isdigit(static_cast<unsigned char>(last[0])) && last != arm;
}

std::string annotations(const Node& n, const std::string& arm) {
  std::string out;
  // A site ending in a name is read as a label, unless it is the arm a `match` resolved at compile time.
  if (n.label.empty() && name_component(n.site, arm)) out += " @arm";
  if (n.probability) out += " @p(" + expr(n.probability) + ")";
  if (n.weight) out += " @w(" + expr(n.weight) + ")";
  if (!n.transform.empty()) out += " from " + n.transform;
  // A transform call's arguments (only seqs hold them: an op's are its own)
  if (n.kind == NodeKind::Seq && !n.args.empty()) out += arg_list(n.args);
  if (n.line > 0) out += fmt::format(" @line({})", n.line);
  return out;
}

void print_node(const Node& n, int depth, const std::string& arm, std::string& out);

void print_children(const Node& n, int depth, std::string& out) {
  if (n.children.empty()) {
    out += " { }\n";
    return;
  }
  out += " {\n";
  for (std::size_t i = 0; i < n.children.size(); ++i) {
    std::string arm = n.kind == NodeKind::Match && i < n.arm_values.size() ? n.arm_values[i] : "";
    print_node(n.children[i], depth + 1, arm, out);
  }
  out += std::string(2 * depth, ' ') + "}\n";
}

void print_node(const Node& n, int depth, const std::string& arm, std::string& out) {
  out += std::string(2 * depth, ' ');
  if (!arm.empty()) out += arm + " => ";
  out += node_line(n, arm);
  if (n.kind == NodeKind::Op)
    out += "\n";
  else
    print_children(n, depth, out);
}

}  // namespace

std::string node_line(const Node& n, const std::string& arm) {
  std::string out = n.site + ": ";
  switch (n.kind) {
    case NodeKind::Op: {
      out += n.op + arg_list(n.args);
      if (!n.targets.empty()) {
        out += " on ";
        for (std::size_t i = 0; i < n.targets.size(); ++i) out += (i ? ", " : "") + n.targets[i];
        out += " : " + n.in_type.text + " -> " + n.out_type.text;
      }
      break;
    }
    case NodeKind::Seq: out += "seq"; break;
    case NodeKind::Batch: out += "batch"; break;
    case NodeKind::OneOf: out += "one_of"; break;
    case NodeKind::SomeOf:
      out += fmt::format("some_of(n: {}, replace: {}, order: {})", expr(n.some_n), n.replace ? "true" : "false",
                         n.order_random ? "random" : "listed");
      break;
    case NodeKind::Match: out += "match " + n.match_param; break;
  }
  return out + annotations(n, arm);
}

std::string print(const Function& f) {
  std::string out = fmt::format("policy {} on {}{}\n", f.policy, f.sample, f.deterministic ? " deterministic" : "");
  for (const auto& p : f.params)
    out += fmt::format("param {}: {}{}\n", p.name, p.type, p.value ? " = " + p.value->to_string() : "");
  for (const auto& [name, t] : f.inputs) out += fmt::format("input {}: {}\n", name, t.text);
  for (const auto& [name, t] : f.outputs) out += fmt::format("output {}: {}\n", name, t.text);
  out += "body {\n";
  for (const auto& n : f.body) print_node(n, 1, "", out);
  out += "}\n";
  if (!f.kernels.empty() || f.planned) {
    out += f.planned ? "kernels complete {\n" : "kernels {\n";
    for (const auto& k : f.kernels) {
      out += fmt::format("  k{} = {} [{}]\n", k.id, k.kind, fmt::join(k.sites, ", "));
      if (!k.map.empty()) out += "    map " + k.map + "\n";
      if (!k.stats.empty()) out += "    stats " + quote(k.stats) + "\n";
      if (!k.decode_roi.empty()) out += "    roi " + quote(k.decode_roi) + "\n";
      if (!k.note.empty()) out += "    note " + quote(k.note) + "\n";
    }
    out += "}\n";
  }
  return out;
}

}  // namespace auger::ir
