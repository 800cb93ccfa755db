// The IR builder: walks the elaborated statement tree once, tracking each field's type so that every op says
// what it reads and writes (the verifier checks that these chain).
#include "compiler/ir/build.h"

#include <fmt/format.h>

#include "compiler/base/source_manager.h"
#include "compiler/sema/program.h"

namespace auger::ir {

namespace {

// The type of every field at one point of the body.
using TypeState = std::map<std::string, FieldType>;

struct Builder {
  const PolicyInfo& policy;
  const SchemaInfo& sample;
  const SourceManager* sources;

  std::string image_text(const std::string& field, const std::string& element) const {
    const auto* f = sample.field(field);
    return fmt::format("image({}, {})", f ? f->color : "rgb", element.empty() ? "u8 or f32" : element);
  }

  TypeState initial() const {
    TypeState s;
    for (const auto& f : sample.fields) {
      s[f.name] = f.kind == FieldKind::Image && f.list_depth == 0 ? field_type(image_text(f.name, f.element))
                                                                  : field_type(f.type_text());
    }
    return s;
  }

  // Where branches disagree, the field's type is what either gives ("image(rgb, u8 or f32)").
  TypeState merge(const TypeState& a, const TypeState& b) const {
    TypeState out = a;
    for (auto& [name, t] : out) {
      auto it = b.find(name);
      if (it == b.end() || it->second.text == t.text) continue;
      if (t.kind == "image" && it->second.kind == "image")
        t = field_type(image_text(name, ""));
      else
        t = field_type(t.text + " or " + it->second.text);
    }
    return out;
  }

  int line_of(const ElabStmt& st) const {
    if (!sources) return 0;
    Span at = st.frames.empty() ? st.span : st.frames.front().call_span;
    if (!at.valid()) return 0;
    return static_cast<int>(sources->line_col(at.file, at.begin).line);
  }

  Node node(const ElabStmt& st, TypeState& state) {
    Node n;
    n.site = st.site;
    n.label = st.label;
    n.span = st.span;
    n.line = line_of(st);
    n.probability = st.probability;
    n.weight = st.weight;
    n.transform = st.transform;
    const TypeState in = state;
    switch (st.kind) {
      case ElabStmt::Kind::Op: op(st, n, state); break;
      case ElabStmt::Kind::Seq:
      case ElabStmt::Kind::Batch:
        n.kind = st.kind == ElabStmt::Kind::Seq ? NodeKind::Seq : NodeKind::Batch;
        // A transform call keeps its arguments: a random one is drawn once per call and shared inside.
        for (const auto& a : st.args) {
          if (a.param && a.value) n.args.push_back(Arg{a.param->name, a.value, a.explicit_given});
        }
        for (const auto& ch : st.children) n.children.push_back(node(ch, state));
        break;
      case ElabStmt::Kind::OneOf:
      case ElabStmt::Kind::Match:
      case ElabStmt::Kind::SomeOf: {
        n.kind = st.kind == ElabStmt::Kind::OneOf   ? NodeKind::OneOf
                 : st.kind == ElabStmt::Kind::Match ? NodeKind::Match
                                                    : NodeKind::SomeOf;
        n.some_n = st.some_n;
        n.replace = st.replace;
        n.order_random = st.order_random;
        n.match_param = st.match_param;
        n.arm_values = st.arm_values;
        // Each alternative starts from the state before the choice; what follows sees any of their results
        // (a some_of may also run none of them).
        TypeState out = st.kind == ElabStmt::Kind::SomeOf ? in : TypeState{};
        bool first = st.kind != ElabStmt::Kind::SomeOf;
        for (const auto& ch : st.children) {
          TypeState branch = in;
          n.children.push_back(node(ch, branch));
          out = first ? branch : merge(out, branch);
          first = false;
        }
        state = st.children.empty() ? in : out;
        break;
      }
    }
    if (st.probability) {
      auto p = fold(*st.probability);
      if (!(p && p->number >= 1)) state = merge(state, in);
    }
    return n;
  }

  void op(const ElabStmt& st, Node& n, TypeState& state) {
    n.kind = NodeKind::Op;
    if (!st.op) return;
    const OpInfo& info = *st.op;
    n.op = info.name;
    n.info = &info;
    for (const auto& a : st.args) {
      if (!a.param || !a.value) continue;  // an optional parameter left out is absent, not a value
      n.args.push_back(Arg{a.param->name, a.value, a.explicit_given});
    }
    n.targets = st.targets;
    if (n.targets.empty()) return;
    n.in_type = state[n.targets.front()];
    for (const auto& t : n.targets) {
      auto& ft = state[t];
      if (info.output.kind == "image" && ft.kind == "image" && !info.output.element.empty() &&
          info.output.element != info.input.element)
        ft = field_type(image_text(t, info.output.element));
      if (info.output.kind == "spectrogram" && ft.kind == "audio") {
        const auto* mels = st.arg("n_mels");
        auto v = mels && mels->value ? fold(*mels->value) : std::nullopt;
        ft = field_type(fmt::format("spectrogram({})", v ? v->to_string() : "?"));
      }
    }
    n.out_type = state[n.targets.front()];
  }
};

}  // namespace

Function build_ir(const PolicyInfo& policy, const std::map<std::string, Value>& overrides,
                  const SourceManager* sources) {
  Function f;
  f.policy = policy.name;
  f.deterministic = policy.deterministic;
  for (const auto& p : policy.params) {
    PolicyParam pp;
    pp.name = p.name;
    pp.type = p.type.name() + (p.domain ? " in " + p.domain->to_string() : "");
    auto it = overrides.find(p.name);
    pp.value = it != overrides.end() ? make_const(it->second, p.name_span) : p.default_value;
    f.params.push_back(std::move(pp));
  }
  if (!policy.sample) return f;
  f.sample = policy.sample->name;
  Builder b{policy, *policy.sample, sources};
  TypeState state = b.initial();
  for (const auto& fld : policy.sample->fields) f.inputs.emplace_back(fld.name, state[fld.name]);
  for (const auto& st : policy.body) f.body.push_back(b.node(st, state));
  for (const auto& line : policy.output_schema) {
    auto colon = line.find(": ");
    if (colon == std::string::npos) continue;
    f.outputs.emplace_back(line.substr(0, colon), field_type(line.substr(colon + 2)));
  }
  return f;
}

}  // namespace auger::ir
