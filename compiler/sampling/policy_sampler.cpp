#include "compiler/sampling/policy_sampler.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>
#include <vector>

#include "compiler/passes/pipeline.h"
#include "runtime/audio/audio_op.h"
#include "runtime/ops/image_op.h"
#include "runtime/random/draw_stream.h"
#include "runtime/text/text_op.h"

namespace auger::sampling {

namespace {

using rng::DrawStream;

bool contains(const Span& outer, const Span& inner) {
  return outer.file == inner.file && outer.file != kNoFile && inner.begin >= outer.begin && inner.end <= outer.end;
}

rt::ArgValue to_arg(const Value& v) {
  switch (v.kind) {
    case Value::Kind::Number: {
      auto a = rt::ArgValue::num(v.number, v.is_int);
      a.fraction = v.dim == Dim::Fraction;
      return a;
    }
    case Value::Kind::Bool: return rt::ArgValue::of_bool(v.boolean);
    case Value::Kind::Enum:
    case Value::Kind::String: return rt::ArgValue::of_enum(v.text);
    case Value::Kind::List:
    case Value::Kind::Tuple: {
      std::vector<double> items;
      std::vector<bool> fractions;
      for (const auto& item : v.items) {
        if (item.kind != Value::Kind::Number) throw SampleError("a list argument holds a non-number: " + v.to_string());
        items.push_back(item.number);
        fractions.push_back(item.dim == Dim::Fraction);
      }
      auto a = rt::ArgValue::of_list(std::move(items));
      // `[10%, 5]`: each element keeps its own unit (affine's tx is a fraction of the width, ty stays pixels).
      if (std::find(fractions.begin(), fractions.end(), true) != fractions.end()) a.fractions = std::move(fractions);
      a.fraction =
          !a.fractions.empty() && std::find(a.fractions.begin(), a.fractions.end(), false) == a.fractions.end();
      return a;
    }
  }
  return {};
}

// The state of one sample's walk.
class Walk {
 public:
  using Plan = std::map<std::string, PolicySampler::Slot>;
  Walk(const ir::Function& fn, const std::set<std::string>& disabled, const Plan& plan, const SampleContext& ctx)
      : fn_(fn), disabled_(disabled), plan_(plan), ctx_(ctx), shapes_(ctx.shapes), audio_(ctx.audio) {}

  rt::Trace run() {
    region(fn_.body, "");
    return std::move(trace_);
  }

 private:
  // Evaluation of one expression in the context of one statement's stream.
  struct Scope {
    const DrawStream* stream = nullptr;
    Span owner;                         // the statement as written: random values inside it are its own draws
    std::uint32_t next = 1;             // its next own draw index
    std::map<const VExpr*, Value> own;  // a node used twice in one evaluation is drawn once
  };

  DrawStream stream(const std::string& site) const { return {ctx_.seed, ctx_.epoch, ctx_.key, site}; }

  Value eval(const VExpr& e, Scope& scope) {
    std::string error;
    auto v = fold_with(
        e, [&](const VExpr& leaf) { return this->leaf(leaf, scope); }, &error);
    if (!v) throw SampleError("cannot evaluate `" + e.to_string() + "`" + (error.empty() ? "" : ": " + error));
    return *v;
  }

  double eval_number(const VExpr& e, Scope& scope) {
    auto v = eval(e, scope);
    if (v.kind != Value::Kind::Number) throw SampleError("`" + e.to_string() + "` is not a number");
    return v.number;
  }

  std::optional<Value> leaf(const VExpr& e, Scope& scope) {
    if (e.kind == VExpr::Kind::Param) {
      for (const auto& p : fn_.params)
        if (p.name == e.name && p.value) return eval(*p.value, scope);
      return std::nullopt;
    }
    // Random: the statement's own draw, or a value passed into a transform (drawn once per call).
    if (contains(scope.owner, e.span) || call_sites_.empty()) {
      if (auto it = scope.own.find(&e); it != scope.own.end()) return it->second;
      auto v = draw(e, scope, *scope.stream, scope);
      scope.own.emplace(&e, v);
      return v;
    }
    const std::string context = call_sites_.back() + "/" + std::to_string(e.span.begin);
    if (auto it = shared_.find({&e, context}); it != shared_.end()) return it->second;
    DrawStream s = stream("value:" + context);
    Scope inner{&s, e.span, 0, {}};
    auto v = draw(e, inner, s, scope);
    shared_.emplace(std::make_pair(&e, context), v);
    return v;
  }

  // Draws a Random node: operands first (they may be random too), then this node's own index.
  Value draw(const VExpr& e, Scope& index_scope, const DrawStream& s, Scope& operand_scope) {
    std::vector<Value> ops;
    if (e.name != "choice")
      for (const auto& o : e.operands) ops.push_back(eval(*o, operand_scope));
    const std::uint32_t i = index_scope.next++;
    auto num = [&](std::size_t k) { return ops.at(k).number; };
    const Dim dim = e.dim;
    if (e.name == "uniform") return Value::num(s.uniform(i, num(0), num(1)), false, dim);
    if (e.name == "randint")
      return Value::num(static_cast<double>(s.randint(i, std::llround(num(0)), std::llround(num(1)))), true, dim);
    if (e.name == "normal") return Value::num(s.normal(i, num(0), num(1)), false, dim);
    if (e.name == "log_uniform") return Value::num(s.log_uniform(i, num(0), num(1)), false, dim);
    if (e.name == "signed") {
      Value v = ops.at(0);
      if (s.coin(i)) v.number = -v.number;
      return v;
    }
    if (e.name == "choice") {
      const auto k = s.choice(i, e.operands.size());
      return eval(*e.operands[k], operand_scope);
    }
    throw SampleError("unknown random value `" + e.name + "`");
  }

  bool is_disabled(const ir::Node& n) const { return !n.label.empty() && disabled_.count(n.label) > 0; }

  // `@p`: draw 0 of the statement's stream.
  bool fires(const ir::Node& n, const DrawStream& s, Scope& scope) {
    if (!n.probability) return true;
    const double p = eval_number(*n.probability, scope);
    if (p >= 1) return true;
    if (p <= 0) return false;
    return s.bernoulli(0, p);
  }

  void region(const std::vector<ir::Node>& nodes, const std::string& suffix) {
    for (const auto& n : nodes) node(n, suffix);
  }

  void node(const ir::Node& n, const std::string& suffix) {
    if (is_disabled(n)) return;
    const std::string site = n.site + suffix;
    const DrawStream s = stream(site);
    Scope scope{&s, n.span, 1, {}};
    if (!fires(n, s, scope)) return;
    switch (n.kind) {
      case ir::NodeKind::Op: return op(n, site, s, scope);
      case ir::NodeKind::Seq: {
        const bool call = !n.transform.empty();
        if (call) call_sites_.push_back(site);
        region(n.children, suffix);
        if (call) call_sites_.pop_back();
        return;
      }
      case ir::NodeKind::Batch:
        if (ctx_.include_batch) region(n.children, suffix);
        return;
      case ir::NodeKind::Match: {
        std::string chosen;
        for (const auto& p : fn_.params)
          if (p.name == n.match_param && p.value) chosen = eval(*p.value, scope).text;
        for (std::size_t i = 0; i < n.children.size() && i < n.arm_values.size(); ++i)
          if (n.arm_values[i] == chosen) return node(n.children[i], suffix);
        return;
      }
      case ir::NodeKind::OneOf: return one_of(n, suffix, s, scope);
      case ir::NodeKind::SomeOf: return some_of(n, suffix, s, scope);
    }
  }

  void one_of(const ir::Node& n, const std::string& suffix, const DrawStream& s, Scope& scope) {
    if (n.children.empty()) return;
    std::vector<double> weights;
    for (const auto& c : n.children) weights.push_back(c.weight ? std::max(0.0, eval_number(*c.weight, scope)) : 1.0);
    const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
    if (total <= 0) return;
    double u = s.uniform01(1) * total;
    std::size_t pick = 0;
    for (; pick + 1 < weights.size(); ++pick) {
      if (u < weights[pick]) break;
      u -= weights[pick];
    }
    node(n.children[pick], suffix);
  }

  void some_of(const ir::Node& n, const std::string& suffix, const DrawStream& s, Scope& scope) {
    const auto k = n.children.size();
    if (k == 0 || !n.some_n) return;
    const auto count = static_cast<std::size_t>(std::max(0.0, eval_number(*n.some_n, scope)));
    if (n.replace) {
      // Independent picks (torchvision RandAugment): pick i is draw 1 + i.
      for (std::size_t i = 0; i < count; ++i)
        node(n.children[s.choice(static_cast<std::uint32_t>(1 + i), k)], suffix + "#" + std::to_string(i));
      return;
    }
    // Distinct picks: a partial Fisher–Yates shuffle (torch.randperm's distribution); `listed` keeps their order.
    std::vector<std::size_t> order(k);
    std::iota(order.begin(), order.end(), 0);
    const auto take = std::min(count, k);
    for (std::size_t i = 0; i < take; ++i) {
      const auto j = i + s.choice(static_cast<std::uint32_t>(1 + i), k - i);
      std::swap(order[i], order[j]);
    }
    order.resize(take);
    if (!n.order_random) std::sort(order.begin(), order.end());
    for (auto c : order) node(n.children[c], suffix);
  }

  void op(const ir::Node& n, const std::string& site, const DrawStream& s, Scope& scope) {
    rt::AppliedOp applied;
    applied.site = site;
    applied.op = n.op;
    applied.targets = n.targets;
    for (const auto& a : n.args) applied.args.set(a.name, to_arg(eval(*a.value, scope)));
    if (const auto* image_op = rt::find_image_op(n.op)) {
      // Geometry is drawn once per statement, from the first image field it writes; aligned fields follow it.
      std::string first;
      for (const auto& t : n.targets)
        if (shapes_.count(t)) {
          first = t;
          break;
        }
      if (first.empty()) throw SampleError("`" + n.op + "` (site " + site + ") has no decoded image to run on");
      rt::Shape out;
      try {
        out = image_op->resolve(applied.args, shapes_.at(first), s);
      } catch (const std::exception& e) {
        throw SampleError("`" + n.op + "` (site " + site + "): " + e.what());
      }
      for (const auto& t : n.targets)
        if (shapes_.count(t)) {
          const auto elem = shapes_[t].elem;
          shapes_[t] = out;
          if (t != first) shapes_[t].elem = elem;
        }
    } else if (const auto* audio_op = rt::audio::find_audio_op(n.op)) {
      audio(*audio_op, n, site, applied.args, s);
    } else if (rt::text::find_text_op(n.op)) {
      // A text op draws while it runs, from this site's stream (runtime/text/text_op.h): nothing to resolve here.
    } else if (const auto* batch_op = rt::find_batch_op(n.op); !batch_op) {
      throw SampleError("`" + n.op + "` has no runtime implementation yet");
    }
    applied.kernel = kernel_of(n.site);
    trace_.ops.push_back(std::move(applied));
  }

  // An audio op resolves on its first decoded audio target; every audio target takes its output shape.
  void audio(const rt::audio::AudioOp& op, const ir::Node& n, const std::string& site, rt::Args& args,
             const DrawStream& s) {
    const auto first = std::find_if(n.targets.begin(), n.targets.end(), [&](const auto& t) { return audio_.count(t); });
    if (first == n.targets.end())  // the sample came without that field (a bare .txt line, a JSON without it)
      throw SampleError("field `" + (n.targets.empty() ? std::string("audio") : n.targets.front()) +
                        "` is required and missing (`" + n.op + "`, site " + site + ", runs on it)");
    rt::audio::AudioShape out;
    try {
      out = op.resolve(args, audio_.at(*first), s);
    } catch (const std::exception& e) {
      throw SampleError("`" + n.op + "` (site " + site + "): " + e.what());
    }
    for (const auto& t : n.targets)
      if (audio_.count(t)) audio_[t] = out;
  }

  // The trace's number of the planned kernel this op joins: the previous op's when it is the next op of the same
  // kernel (an op that did not fire or is disabled leaves a gap, which is fine), a new one otherwise — a kernel
  // entered again (the same alternative of a some_of drawn twice) is a new instance.
  int kernel_of(const std::string& site) {
    const auto it = plan_.find(site);
    if (it == plan_.end() || it->second.kernel < 0) {
      last_ = {};
      return -1;
    }
    const PolicySampler::Slot slot = it->second;
    if (!(slot.kernel == last_.kernel && slot.position > last_.position)) ++group_;
    last_ = slot;
    return group_;
  }

  const ir::Function& fn_;
  const std::set<std::string>& disabled_;
  const Plan& plan_;
  PolicySampler::Slot last_;
  int group_ = -1;
  const SampleContext& ctx_;
  std::map<std::string, rt::Shape> shapes_;
  std::map<std::string, rt::audio::AudioShape> audio_;
  std::vector<std::string> call_sites_;
  std::map<std::pair<const VExpr*, std::string>, Value> shared_;
  rt::Trace trace_;
};

void collect_labels(const std::vector<ir::Node>& nodes, std::set<std::string>& out) {
  for (const auto& n : nodes) {
    if (!n.label.empty()) out.insert(n.label);
    collect_labels(n.children, out);
  }
}

}  // namespace

PolicySampler::PolicySampler(const ir::Function& fn, std::set<std::string> disabled)
    : fn_(fn), disabled_(std::move(disabled)) {
  // The plan is made on a copy: the walk itself needs the statements as written (a transform call's scope keys
  // the draws of its arguments), which flattening splices away. Statement sites survive every pass.
  ir::Function planned = fn;
  if (!passes::run_pipeline(planned).empty()) return;  // an IR the passes reject runs unplanned: op by op
  for (const auto& k : planned.kernels)
    for (std::size_t i = 0; i < k.sites.size(); ++i) plan_[k.sites[i]] = {k.id, static_cast<int>(i)};
}

rt::Trace PolicySampler::sample(const SampleContext& ctx) const {
  return Walk(fn_, disabled_, plan_, ctx).run();
}

std::set<std::string> PolicySampler::labels() const {
  std::set<std::string> out;
  collect_labels(fn_.body, out);
  return out;
}

}  // namespace auger::sampling
