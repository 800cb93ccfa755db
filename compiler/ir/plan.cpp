// The plan a user reads. Statements are listed in program order with their source line; consecutive ops of one
// kernel are shown together under it, with the kernel's note (what it does; why it ends there). A choice lists
// its alternatives, each planned on its own.
#include "compiler/ir/plan.h"

#include <fmt/format.h>

#include <cctype>
#include <cstdlib>
#include <set>

#include "compiler/ir/fusion_rules.h"

namespace auger::ir {

namespace {

std::string indent(int depth) {
  return std::string(2 * static_cast<std::size_t>(depth), ' ');
}

// Numbers as a reader wants them: 0.06999999999999999 → 0.07, 1.3333333333333333 → 1.33333 (the IR keeps
// them exact; the plan is for reading).
std::string pretty(const std::string& text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    bool starts = std::isdigit(static_cast<unsigned char>(text[i])) &&
                  (i == 0 || !(std::isalnum(static_cast<unsigned char>(text[i - 1])) || text[i - 1] == '_'));
    if (!starts) {
      out += text[i++];
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && (std::isdigit(static_cast<unsigned char>(text[j])) || text[j] == '.')) ++j;
    std::string literal = text.substr(i, j - i);
    if (literal.find('.') != std::string::npos && literal.size() > 8)
      out += fmt::format("{:.6g}", std::strtod(literal.c_str(), nullptr));
    else
      out += literal;
    i = j;
  }
  return out;
}

// `random_resized_crop(size: 224, …)`: the arguments the user wrote; `…` stands for the defaults.
std::string call_text(const Node& n) {
  std::string out = n.label.empty() ? "" : n.label + ": ";
  out += n.op + "(";
  bool first = true, defaults = false;
  for (const auto& a : n.args) {
    if (!a.given) {
      defaults = true;
      continue;
    }
    out += (first ? "" : ", ") + a.name + ": " + (a.value ? a.value->to_string() : "?");
    first = false;
  }
  if (defaults) out += first ? "…" : ", …";
  return pretty(out + ")");
}

// "line 20: ", or "line 20 (pick): " for a statement inlined from the user's call of `pick` on that line.
std::string line_text(const Node& n) {
  std::string from = n.transform.empty() ? "" : " (" + n.transform + ")";
  return n.line > 0 ? fmt::format("line {}{}: ", n.line, from) : fmt::format("site {}{}: ", n.site, from);
}

std::string enable_flag(const Node& n) {
  return n.probability ? fmt::format("  @p({}): runs with a per-sample enable flag", n.probability->to_string()) : "";
}

std::string kernel_title(const Kernel& k) {
  std::string what = k.kind;
  if (k.kind == "remap" || k.kind == "resample" || k.kind == "warp")
    what = fmt::format("sampling: {}{}", k.kind, k.map.empty() ? "" : ", " + k.map + " map");
  if (!k.stats.empty()) what += ", with input statistics";
  return fmt::format("kernel k{} ({})", k.id, what);
}

// "samples once (nearest)" for a one-op sampling kernel: the interpolation a user may want to know.
std::string interp_hint(const Kernel& k) {
  auto at = k.note.find(" samples once (");
  if (at == std::string::npos || k.sites.size() != 1) return "";
  auto close = k.note.find(')', at);
  return close == std::string::npos ? "" : ", " + k.note.substr(at + 15, close - at - 15);
}

struct Renderer {
  const Function& f;
  std::string out;
  std::set<int> shown;  // kernels already listed

  void line(int depth, const std::string& text) { out += indent(depth) + text + "\n"; }

  const Kernel* kernel_of(const Node& n) const {
    if (n.kernel < 0 || static_cast<std::size_t>(n.kernel) >= f.kernels.size()) return nullptr;
    return &f.kernels[static_cast<std::size_t>(n.kernel)];
  }

  void kernel_details(int depth, const Kernel& k) {
    if (!k.stats.empty()) line(depth, "statistics: " + k.stats);
    if (!k.note.empty()) line(depth, pretty(k.note));
    if (!labels_follow.empty() && (k.kind == "remap" || k.kind == "resample" || k.kind == "warp"))
      line(depth, labels_follow);
  }

  // Geometry moves the sample's labels with the image: the same map, computed once per sample.
  std::string labels_follow;
  void find_labels() {
    std::vector<std::string> parts;
    for (const auto& [name, t] : f.inputs) {
      if (t.kind == "mask") parts.push_back(name + " (nearest)");
      if (t.kind == "boxes" || t.kind == "keypoints") parts.push_back(name);
    }
    if (!parts.empty())
      labels_follow = fmt::format("{} follow{} the same map", fmt::join(parts, ", "), parts.size() == 1 ? "s" : "");
  }

  // A sequence of statements; `numbered` for the policy's top level.
  void region(const std::vector<Node>& nodes, int depth, bool numbered) {
    int step = 0;
    auto bullet = [&]() { return numbered ? fmt::format("{}. ", ++step) : std::string("- "); };
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      const Node& n = nodes[i];
      if (n.kind == NodeKind::Op) {
        const Kernel* k = kernel_of(n);
        if (k && shown.count(k->id)) continue;
        if (!k) {
          line(depth, bullet() + line_text(n) + call_text(n) + enable_flag(n));
          line(depth + 2, is_image(n.in_type) ? std::string("(not planned yet)") : outside(n));
          continue;
        }
        shown.insert(k->id);
        line(depth,
             bullet() + kernel_title(*k) + (k->sites.size() > 1 ? fmt::format(", {} ops", k->sites.size()) : ""));
        for (std::size_t j = i; j < nodes.size() && nodes[j].kind == NodeKind::Op && nodes[j].kernel == k->id; ++j)
          line(depth + 2, line_text(nodes[j]) + call_text(nodes[j]) + enable_flag(nodes[j]));
        kernel_details(depth + 2, *k);
        continue;
      }
      control(n, depth, bullet());
    }
  }

  static std::string outside(const Node& n) {
    if (n.targets.empty()) return "runs on the collated batch, outside the image kernels";
    return fmt::format("works on {} ({}), outside the image kernels", fmt::join(n.targets, ", "), n.in_type.text);
  }

  std::string from(const Node& n) const { return n.transform.empty() ? "" : " from " + n.transform; }

  void control(const Node& n, int depth, const std::string& bullet) {
    std::string head = bullet + (n.line > 0 ? fmt::format("line {}: ", n.line) : fmt::format("site {}: ", n.site));
    std::string p = enable_flag(n);
    switch (n.kind) {
      case NodeKind::Seq:
        line(depth, head + (n.transform.empty() ? "seq" : n.transform) + " { … }" + p +
                        (n.probability ? " (its statements run together or not at all)" : ""));
        region(n.children, depth + 2, false);
        return;
      case NodeKind::Batch:
        line(depth, head + "batch { … }: runs on the collated batch, after the image kernels");
        region(n.children, depth + 2, false);
        return;
      case NodeKind::OneOf:
        line(depth, head +
                        fmt::format("one_of{}: per sample 1 of {} alternatives, each planned on its own:", from(n),
                                    n.children.size()) +
                        p);
        break;
      case NodeKind::SomeOf: {
        std::string count = n.some_n ? n.some_n->to_string() : "?";
        line(depth, head +
                        fmt::format("some_of(n: {}){}: per sample {} of {} alternatives ({}{}), each planned on "
                                    "its own:",
                                    count, from(n), count, n.children.size(),
                                    n.replace ? "drawn with replacement" : "distinct",
                                    n.order_random ? ", in random order" : ", in listed order") +
                        p);
        break;
      }
      case NodeKind::Match:
        line(depth,
             head + fmt::format("match on `{}`{}: one arm, chosen by the parameter's value:", n.match_param, from(n)) +
                 p);
        break;
      case NodeKind::Op: return;
    }
    for (std::size_t i = 0; i < n.children.size(); ++i) alternative(n, i, depth + 2);
  }

  void alternative(const Node& choice, std::size_t i, int depth) {
    const Node& a = choice.children[i];
    std::string arm =
        choice.kind == NodeKind::Match && i < choice.arm_values.size() ? choice.arm_values[i] + " => " : "";
    std::string w = a.weight ? fmt::format(" @w({})", a.weight->to_string()) : "";
    if (a.kind == NodeKind::Op) {
      const Kernel* k = kernel_of(a);
      std::string where = k ? " → " + kernel_title(*k) : is_image(a.in_type) ? " (not planned yet)" : "";
      if (k && !interp_hint(*k).empty()) where.insert(where.size() - 1, interp_hint(*k));
      line(depth, "- " + arm + call_text(a) + w + enable_flag(a) + where);
      // A lone op's kernel ends with its alternative: only a stencil's or a reference op's reason, and the
      // statistics a pre-pass computes, say more than the title.
      if (k && (k->kind == "stencil" || k->kind == "reference")) {
        auto at = k->note.rfind("; ends ");
        line(depth + 2, at == std::string::npos ? k->note : k->note.substr(0, at));
      }
      if (k && !k->stats.empty()) line(depth + 2, "statistics: " + k->stats);
      return;
    }
    if (a.kind == NodeKind::Seq && a.children.empty()) {
      line(depth, "- " + arm + "seq { }" + w + ": identity, nothing runs");
      return;
    }
    if (a.kind == NodeKind::Seq) {
      line(depth, "- " + arm + (a.transform.empty() ? "seq" : a.transform) + " { … }" + w + enable_flag(a) + ":");
      region(a.children, depth + 2, false);
      return;
    }
    control(a, depth, "- " + arm);
  }

  void run() {
    find_labels();
    std::string params;
    for (const auto& p : f.params)
      params += (params.empty() ? "" : ", ") + p.name + " = " + (p.value ? pretty(p.value->to_string()) : "?");
    std::size_t n_kernels = f.kernels.size();
    line(0, fmt::format("Plan for policy `{}` on `{}`{}: {} kernel{}{}", f.policy, f.sample,
                        params.empty() ? "" : " (" + params + ")", n_kernels, n_kernels == 1 ? "" : "s",
                        f.planned ? "" : " (plan incomplete)"));
    for (const auto& k : f.kernels) {
      if (!k.decode_roi.empty()) line(0, fmt::format("Decode (for k{}): {}", k.id, pretty(k.decode_roi)));
    }
    line(0, "");
    region(f.body, 0, true);
    bool choices = false;
    for (const auto& n : f.body) choices = choices || (n.kind != NodeKind::Op && n.kind != NodeKind::Batch);
    if (choices) {
      line(0, "");
      line(0,
           "Each sample runs the kernels of the ops it draws, exactly as planned here (docs/language.md §11.13): "
           "a kernel whose `@p` ops did not fire runs without them, and ops of different statements or "
           "alternatives never share a kernel.");
    }
  }
};

}  // namespace

std::string render_plan(const Function& f) {
  Renderer r{f, {}, {}, {}};
  r.run();
  return r.out;
}

}  // namespace auger::ir
