// Label invariants (language.md §7, rules 1–11; rules 1–8 in compiler/sema/rules/), driven only by the effects in
// each op's declaration, and the field states (kind, element type, static shape) that give each policy its output
// schema.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "compiler/sema/audio_args.h"
#include "compiler/sema/checker.h"
#include "compiler/sema/rules/label_rule.h"

namespace auger {

namespace {

struct FieldState {
  FieldKind kind = FieldKind::Image;
  std::string element = "u8";  // images: u8, f32, or "u8 or f32" after branches disagree
  Span element_changed;        // the statement that last changed the kind or element
  bool is_static = false;
  long h = 0, w = 0;
  // A size fixed by policy parameters (`random_resized_crop(size: res)`) is static — it does not depend on the
  // input — but only known once the policy is bound: its dimensions are then these expressions.
  std::string hsym, wsym;
  Span dynamic_since;  // the statement that made the shape input-dependent (invalid: the decoded size)
  int bins = 0;        // spectrogram
  // Audio on some draws, a spectrogram on others (`melspec() @p(0.5)`): `kind` is then Spectrogram.
  bool maybe_audio = false;
  // Audio: every rate it may have here, each with the `resample` that set it (invalid: the schema's); empty when
  // not known before binding.
  std::map<double, Span> rates;
};

struct State {
  std::map<std::string, FieldState> fields;
};

// Sizes come from arbitrary literals (`1e300`, `99999999999999999999`): convert and add in double and
// saturate, so that no input makes a float-to-integer conversion or a sum overflow.
constexpr double kMaxExtent = 1e15;
long extent(double v) {
  return std::isnan(v) ? 0 : static_cast<long>(std::clamp(v, -kMaxExtent, kMaxExtent));
}
long grown(long base, double by) {
  return extent(static_cast<double>(base) + by);
}

State merge(const State& a, const State& b) {
  State out = a;
  for (auto& [name, f] : out.fields) {
    auto it = b.fields.find(name);
    if (it == b.fields.end()) continue;
    const auto& g = it->second;
    if (f.kind != g.kind) {
      // Kinds only change forward: audio → spectrogram (melspec), class → soft (mixup/cutmix). A branch that
      // did not convert leaves the field mixed. A hard label is a one-hot soft one, so a batch mixed on some
      // draws only still carries `soft(N)`; audio that is a spectrogram on some draws only stays marked so.
      bool soft = f.kind == FieldKind::Soft || g.kind == FieldKind::Soft;
      bool spec = f.kind == FieldKind::Spectrogram || g.kind == FieldKind::Spectrogram;
      if (soft) {
        f.kind = FieldKind::Soft;
      } else if (spec) {
        if (f.kind != FieldKind::Spectrogram) {
          f.bins = g.bins;
          if (g.element_changed.valid()) f.element_changed = g.element_changed;
        }
        f.kind = FieldKind::Spectrogram;
        f.maybe_audio = true;
      } else {
        f.kind = g.kind;
      }
    } else if (f.bins != g.bins) {
      f.bins = 0;
    }
    f.maybe_audio = f.maybe_audio || g.maybe_audio;
    if (f.rates.empty() || g.rates.empty()) {
      f.rates.clear();
    } else {
      f.rates.insert(g.rates.begin(), g.rates.end());
    }
    if (f.element != g.element) {
      f.element = "u8 or f32";
      if (!f.element_changed.valid()) f.element_changed = g.element_changed;
    }
    if (!(f.is_static && g.is_static && f.h == g.h && f.w == g.w && f.hsym == g.hsym && f.wsym == g.wsym)) {
      if (f.is_static || !f.dynamic_since.valid()) f.dynamic_since = g.dynamic_since;
      f.is_static = false;
    }
  }
  return out;
}

std::optional<Value> const_arg(const ElabStmt& st, const std::string& name) {
  const auto* a = st.arg(name);
  if (!a || !a->value) return std::nullopt;
  return fold(*a->value);
}

bool is_eval_name(const std::string& name) {
  // The name's first word: up to `_`, a digit, or a lower-to-upper case change (`evalPolicy`, `ValCrop`).
  std::string first;
  char prev = 0;
  for (char ch : name) {
    auto u = static_cast<unsigned char>(ch);
    if (ch == '_' || std::isdigit(u)) break;
    if (std::isupper(u) && prev && std::islower(static_cast<unsigned char>(prev))) break;
    first += static_cast<char>(std::tolower(u));
    prev = ch;
  }
  static const std::set<std::string> words = {"eval", "evaluation", "val", "valid", "validation", "test", "testing"};
  return words.count(first) > 0;
}

}  // namespace

struct InvariantChecker {
  InvariantChecker(Checker& checker, PolicyInfo& policy, const SchemaInfo& schema)
      : c(checker), p(policy), sample(schema) {}

  Checker& c;
  PolicyInfo& p;
  const SchemaInfo& sample;
  std::set<std::pair<DiagId, std::uint64_t>> reported;  // (code, primary span) already reported
  bool randomness_found = false;
  // Each `some_of` walks its children several rounds, so nested ones multiply (3^depth); past this many walks
  // a `some_of` takes one round, which keeps pathological nesting linear (found by fuzzing).
  static constexpr std::size_t kMaxWalks = 50000;
  std::size_t walks = 0;

  DiagEngine& d() { return c.diags; }

  static std::uint64_t key(Span s) {
    return (static_cast<std::uint64_t>(s.file) << 40) ^ (static_cast<std::uint64_t>(s.begin) << 20) ^ s.end;
  }

  // Reports at the statement, or — for a statement inside a transform — at the user's call of the transform,
  // with a note at the op inside it. Fix-its only make sense in the user's own text.
  // `ack`: the acknowledging parameter that silences this diagnostic; when the user's outermost transform call
  // can forward it (the transform has a parameter of that name), the fix-it goes there.
  Diagnostic* report(DiagId id, const ElabStmt& st, Span at, const std::function<void(Diagnostic&)>& build,
                     const std::function<void(Diagnostic&)>& fixes = nullptr, const std::string& ack = "") {
    Span primary = st.frames.empty() ? at : st.frames.front().call_span;
    if (!reported.insert({id, key(primary)}).second) return nullptr;
    auto& diag = d().add(id, primary, "");
    build(diag);
    if (!st.frames.empty()) {
      for (std::size_t i = 1; i < st.frames.size(); ++i)
        diag.note(st.frames[i].call_span, fmt::format("through `{}`, called here", st.frames[i].transform));
      diag.note(at, fmt::format("inside `{}`, this statement is the cause", st.frames.back().transform));
      const auto& outer = st.frames.front();
      const ParamInfo* p = outer.info && !ack.empty() ? outer.info->param(ack) : nullptr;
      if (p && p->type.base == BaseType::Enum && p->type.enumeration && !p->type.enumeration->values.empty()) {
        ElabStmt call;
        call.args_span = outer.args_span;
        label_rules::add_argument_fix(diag, call, ack, p->type.enumeration->values.front());
      }
    } else if (fixes) {
      fixes(diag);
    }
    return &diag;
  }

  State initial() {
    State s;
    for (const auto& f : sample.fields) {
      FieldState fs;
      fs.kind = f.kind;
      fs.element = f.kind == FieldKind::Image ? f.element : "";
      fs.bins = f.bins;
      if (f.kind == FieldKind::Audio) fs.rates = {{f.sample_rate, Span{}}};
      s.fields[f.name] = fs;
    }
    return s;
  }

  void run() {
    State s = initial();
    const ElabStmt* batch = nullptr;
    for (const auto& st : p.body) {
      if (st.kind == ElabStmt::Kind::Batch) batch = &st;
      if (st.kind == ElabStmt::Kind::Batch) check_static(s, st);
      s = walk(st, s);
    }
    (void)batch;
    deterministic_rules();
    p.output_schema = schema_text(s);
  }

  State walk(const ElabStmt& st, const State& in) {
    ++walks;
    State out = in;
    switch (st.kind) {
      case ElabStmt::Kind::Op: out = op(st, in); break;
      case ElabStmt::Kind::Seq:
      case ElabStmt::Kind::Batch:
        for (const auto& ch : st.children) out = walk(ch, out);
        break;
      case ElabStmt::Kind::OneOf:
      case ElabStmt::Kind::Match: {
        bool first = true;
        for (const auto& ch : st.children) {
          State r = walk(ch, in);
          out = first ? r : merge(out, r);
          first = false;
        }
        break;
      }
      case ElabStmt::Kind::SomeOf: {
        // Any subset in any order may run: every child sees the input merged with what the others may have
        // done before it — and, drawn with replacement, what it did itself. Without replacement a child runs
        // at most once, so `to_float()` in a `some_of` never sees its own output.
        // (A field whose last kind or element change was made by child i is taken back to the input's there.)
        auto within = [](Span inner, Span outer) {
          return inner.valid() && outer.valid() && inner.file == outer.file && inner.begin >= outer.begin &&
                 inner.end <= outer.end;
        };
        auto without = [&](State s, const ElabStmt& child) {
          for (auto& [name, fs] : s.fields) {
            auto it = in.fields.find(name);
            if (it == in.fields.end() || !within(fs.element_changed, child.span)) continue;
            fs.kind = it->second.kind;
            fs.element = it->second.element;
            fs.element_changed = it->second.element_changed;
            fs.bins = it->second.bins;
            fs.maybe_audio = it->second.maybe_audio;
          }
          return s;
        };
        std::vector<State> outs(st.children.size(), in);
        const int rounds = walks > kMaxWalks ? 1 : 3;
        for (int round = 0; round < rounds; ++round) {
          for (std::size_t i = 0; i < st.children.size(); ++i) {
            State seen = in;
            for (std::size_t j = 0; j < st.children.size(); ++j) {
              if (st.replace)
                seen = merge(seen, outs[j]);
              else if (j != i)
                seen = merge(seen, without(outs[j], st.children[i]));
            }
            outs[i] = walk(st.children[i], seen);
          }
        }
        out = in;
        for (const auto& o : outs) out = merge(out, o);
        break;
      }
    }
    if (st.probability) {
      auto v = fold(*st.probability);
      if (!(v && v->number >= 1)) out = merge(out, in);
    }
    return out;
  }

  static std::string state_text(const FieldInfo& f, const FieldState& fs) {
    if (fs.kind == FieldKind::Image) return fmt::format("image({}, {})", f.color, fs.element);
    if (fs.kind == FieldKind::Spectrogram) return "a spectrogram";
    return std::string(field_kind_name(fs.kind));
  }

  State op(const ElabStmt& st, const State& in) {
    State out = in;
    const OpInfo& op = *st.op;
    const Effects& fx = op.effects;
    // Rule 9: the op's modality and element type against each target's state.
    if (st.targets.empty() && !op.batch_level()) {
      report(DiagId::ModalityMismatch, st, st.callee_span, [&](Diagnostic& diag) {
        diag.message = label_rules::message(DiagId::ModalityMismatch, op.name, op.input.kind + " fields",
                                            fmt::format("sample `{}` has none", sample.name));
        diag.note(sample.name_span, "the sample is declared here");
      });
    }
    for (const auto& t : st.targets) {
      const auto* f = sample.field(t);
      auto& fs = out.fields[t];
      std::string problem;
      if (op.input.kind == "spectrogram" && fs.kind != FieldKind::Spectrogram) {
        problem = fmt::format("`{}` is still audio here; add `melspec()` before it", t);
      } else if (op.input.kind == "spectrogram" && fs.maybe_audio) {
        problem = fmt::format("`{}` may still be audio here: the `melspec()` before it does not always run", t);
      } else if (op.input.kind == "audio" && fs.kind != FieldKind::Audio) {
        problem = fmt::format("`{}` {} a spectrogram here", t, fs.maybe_audio ? "may already be" : "is already");
      } else if (op.input.kind == "image" && !op.input.element.empty() && fs.element != op.input.element) {
        problem = fmt::format("`{}` is {} here", t, state_text(*f, fs));
      }
      if (!problem.empty()) {
        report(DiagId::ModalityMismatch, st, st.callee_span, [&](Diagnostic& diag) {
          diag.message = label_rules::message(DiagId::ModalityMismatch, op.name, op.input.to_string(), problem);
          if (fs.element_changed.valid()) diag.note(fs.element_changed, "it changed here");
          diag.note(f->span, "the field is declared here");
        });
        continue;
      }
    }
    // An op with nothing to apply to (reported above) has no label effects: no second diagnostic about a caption
    // or keypoints that `hflip` on an audio sample would never touch.
    if (!st.targets.empty() || op.batch_level()) label_rules(st);
    for (const auto& t : st.targets) audio_rates(st, out.fields[t]);
    // Output kinds: only an op that converts (audio → spectrogram, u8 → f32) changes a field's state; an op
    // rejected above that converts nothing (a spectrogram op on audio, `normalize` on u8) leaves it as it was.
    for (const auto& t : st.targets) {
      auto& fs = out.fields[t];
      if (op.output.kind == "spectrogram" && op.input.kind == "audio" && fs.kind == FieldKind::Audio) {
        fs.kind = FieldKind::Spectrogram;
        fs.element_changed = st.span;
        auto n = const_arg(st, "n_mels");
        fs.bins = n && n->number >= 1 && n->number <= 1e9 ? static_cast<int>(n->number) : 0;
      }
      if (op.output.kind == "image" && !op.output.element.empty() && op.output.element != op.input.element &&
          fs.element != op.output.element) {
        fs.element = op.output.element;
        fs.element_changed = st.span;
      }
    }
    if (fx.klass == ClassEffect::Soften) {
      for (auto& [name, fs] : out.fields) {
        if (fs.kind == FieldKind::Class) fs.kind = FieldKind::Soft;
      }
    }
    // Shapes: a geometric op moves every image and mask (or only the explicit target).
    if (fx.geometric() || fx.shape != ShapeEffect::Keep) {
      std::vector<std::string> moved;
      // An audio op's `shape: dynamic` (speed, melspec) is about its own targets' length, not the images.
      if (st.explicit_target || (op.input.kind != "image" && op.input.kind != "mask")) {
        moved = st.targets;
      } else {
        for (const auto& f : sample.fields) {
          if (f.kind == FieldKind::Image || f.kind == FieldKind::Mask) moved.push_back(f.name);
        }
      }
      for (const auto& name : moved) apply_shape(out.fields[name], st, fx);
    }
    return out;
  }

  // The rates an audio field may have: `resample` sets one (unknown when its rate is not a constant); `melspec`'s
  // window, hop and filters are checked at each (audio_args.h).
  void audio_rates(const ElabStmt& st, FieldState& fs) {
    if (fs.kind != FieldKind::Audio) return;
    if (st.op->name == "resample") {
      auto r = const_arg(st, "rate");
      fs.rates.clear();
      if (r && std::abs(r->number - std::round(r->number)) > 1e-6) {
        report(DiagId::FailsAtRate, st, st.callee_span, [&](Diagnostic& diag) {
          diag.message = label_rules::message(DiagId::FailsAtRate, "resample", audio_args::rate_text(r->number),
                                              "the rate must be a whole number of hertz");
        });
        return;
      }
      if (r) fs.rates[r->number] = st.span;
    } else if (st.op->name == "melspec") {
      check_melspec(st, fs);
    }
  }

  void check_melspec(const ElabStmt& st, const FieldState& fs) {
    audio_args::Melspec m;
    auto n_fft = const_arg(st, "n_fft"), win = const_arg(st, "win"), hop = const_arg(st, "hop"),
         n_mels = const_arg(st, "n_mels");
    if (!n_fft || !win || !hop || !n_mels) return;  // a random or parameter-bound argument: checked when run
    m.n_fft = n_fft->number, m.win = win->number, m.hop = hop->number, m.n_mels = static_cast<int>(n_mels->number);
    for (const auto& entry : fs.rates) {
      // Not a structured binding: clang 14 (the fuzz build) cannot capture one in the lambdas below.
      const auto& rate = entry.first;
      const auto& set_at = entry.second;
      const std::string why = audio_args::melspec_failure(rate, m);
      if (!why.empty()) {
        report(DiagId::FailsAtRate, st, st.callee_span, [&](Diagnostic& diag) {
          diag.message = label_rules::message(DiagId::FailsAtRate, "melspec", audio_args::rate_text(rate), why);
          if (set_at.valid()) diag.note(set_at, "the rate is set here");
          diag.note({}, "torchaudio's win_length must not exceed n_fft: raise `n_fft` or shorten `win`");
        });
        return;
      }
      if (int empty = audio_args::empty_mel_filters(rate, m); empty > 0) {
        report(DiagId::EmptyMelFilters, st, st.callee_span, [&](Diagnostic& diag) {
          diag.message =
              label_rules::message(DiagId::EmptyMelFilters, empty, m.n_mels, audio_args::rate_text(rate), m.n_fft);
          diag.note({}, fmt::format("n_fft {} gives {} frequency bins; lower `n_mels` or raise `n_fft`", m.n_fft,
                                    static_cast<int>(m.n_fft) / 2 + 1));
        });
      }
    }
  }

  // A size argument that depends on policy parameters only (no random draw): static, with symbolic dimensions.
  static bool symbolic_size(FieldState& fs, const BoundArg* arg, bool square) {
    if (!arg || !arg->value || arg->value->is_random() || !arg->value->depends_on_params()) return false;
    auto text = [](const VExprPtr& e) {
      auto v = fold(*e);
      return v ? v->to_string() : e->to_string();
    };
    const auto& e = arg->value;
    if (e->kind == VExpr::Kind::List && e->operands.size() == 2) {
      fs.hsym = text(e->operands[0]);
      fs.wsym = text(e->operands[1]);
      return true;
    }
    if (!square || e->kind == VExpr::Kind::List || e->dim == Dim::Fraction) return false;
    fs.hsym = fs.wsym = text(e);
    return true;
  }

  void apply_shape(FieldState& fs, const ElabStmt& st, const Effects& fx) {
    auto dynamic = [&]() {
      if (fs.is_static || !fs.dynamic_since.valid()) fs.dynamic_since = st.span;
      fs.is_static = false;
    };
    auto size_of = [&](bool square) -> bool {
      fs.hsym.clear();
      fs.wsym.clear();
      auto v = const_arg(st, fx.shape_param);
      if (!v) return symbolic_size(fs, st.arg(fx.shape_param), square);
      if (v->kind == Value::Kind::Number && v->dim != Dim::Fraction && square) {
        fs.h = fs.w = extent(v->number);
        return true;
      }
      if (v->kind == Value::Kind::List && v->items.size() == 2 && v->items[0].dim != Dim::Fraction &&
          v->items[1].dim != Dim::Fraction) {
        fs.h = extent(v->items[0].number);
        fs.w = extent(v->items[1].number);
        return true;
      }
      return false;
    };
    switch (fx.shape) {
      case ShapeEffect::Keep: break;
      case ShapeEffect::Square:
      case ShapeEffect::Exact:
        if (size_of(fx.shape == ShapeEffect::Square)) {
          fs.is_static = true;
        } else {
          dynamic();
        }
        break;
      case ShapeEffect::Grow: {
        auto v = const_arg(st, fx.shape_param);
        if (fs.is_static && !fs.hsym.empty() && v && v->kind == Value::Kind::Number) {
          auto plus = fmt::format(" + {}", static_cast<long>(2 * v->number));
          fs.hsym += plus;
          fs.wsym += plus;
        } else if (fs.is_static && !fs.hsym.empty()) {
          dynamic();
        } else if (fs.is_static && v && v->kind == Value::Kind::Number) {
          fs.h = grown(fs.h, 2 * v->number);
          fs.w = grown(fs.w, 2 * v->number);
        } else if (fs.is_static && v && v->kind == Value::Kind::List && v->items.size() == 2) {
          fs.w = grown(fs.w, 2 * v->items[0].number);
          fs.h = grown(fs.h, 2 * v->items[1].number);
        } else if (fs.is_static && v && v->kind == Value::Kind::List && v->items.size() == 4) {
          fs.w = grown(fs.w, v->items[0].number + v->items[2].number);
          fs.h = grown(fs.h, v->items[1].number + v->items[3].number);
        } else {
          dynamic();
        }
        break;
      }
      case ShapeEffect::Expand: {
        auto v = const_arg(st, fx.shape_param);
        if (!(v && v->kind == Value::Kind::Bool && !v->boolean)) dynamic();
        break;
      }
      case ShapeEffect::Dynamic: dynamic(); break;
    }
  }

  // Rules 1–8, one file each (compiler/sema/rules/).
  void label_rules(const ElabStmt& st) {
    const label_rules::Context ctx{
        st, *st.op, st.op->effects, sample,
        [&](DiagId id, const label_rules::BuildDiag& build, const label_rules::BuildDiag& fixes,
            const std::string& ack) { report(id, st, st.span, build, fixes, ack); }};
    for (const auto rule : label_rules::all()) rule(ctx);
  }

  // Rule 10: deterministic policies draw nothing; evaluation policies are deterministic.
  std::set<const VExpr*> randoms_seen;
  // Marks the random nodes of `e`; true when one of them was not seen before.
  bool mark_randoms(const VExpr& e) {
    bool fresh = e.kind == VExpr::Kind::Random && randoms_seen.insert(&e).second;
    for (const auto& o : e.operands) {
      if (o && mark_randoms(*o)) fresh = true;
    }
    return fresh;
  }

  void deterministic_walk(const ElabStmt& st) {
    auto fail = [&](Span at, const std::string& what) {
      randomness_found = true;
      if (!p.deterministic) return;
      report(DiagId::RandomInDeterministic, st, at, [&](Diagnostic& diag) {
        diag.message = label_rules::message(DiagId::RandomInDeterministic, p.name, what);
        diag.note(p.ast->deterministic_span, "the policy is declared deterministic here");
      });
    };
    if (st.kind == ElabStmt::Kind::Op && st.op->effects.draws)
      fail(st.callee_span, fmt::format("uses `{}`, which draws its own random parameters", st.op->name));
    if (st.kind == ElabStmt::Kind::OneOf) fail(st.callee_span, "uses `one_of`");
    if (st.kind == ElabStmt::Kind::SomeOf) fail(st.callee_span, "uses `some_of`");
    if (st.probability) {
      auto v = fold(*st.probability);
      if (!(v && v->number >= 1))
        fail(st.probability_span.valid() ? st.probability_span : st.probability->span,
             "applies a statement with probability below 1");
    }
    // A random value passed to a transform is reported once, at the caller's argument: the statements inside
    // that use it share its nodes and are not reported again.
    bool reported_arg = false;
    for (const auto& a : st.args) {
      if (a.value && a.value->is_random() && mark_randoms(*a.value) && !reported_arg) {
        fail(a.explicit_given ? a.value_span : st.callee_span,
             fmt::format("draws a random value for `{}`", a.param ? a.param->name : "?"));
        reported_arg = true;
      }
    }
    for (const auto& ch : st.children) deterministic_walk(ch);
  }

  void deterministic_rules() {
    for (const auto& st : p.body) deterministic_walk(st);
    if (!p.deterministic && is_eval_name(p.name)) {
      auto& diag = d().report(DiagId::EvalNotDeterministic, p.name_span, p.name);
      diag.note({}, "evaluation must see the same input every time; train-time randomness leaks into the score");
      if (!randomness_found && p.ast && p.ast->sample.span.valid()) {
        Span at{p.ast->sample.span.file, p.ast->sample.span.end, p.ast->sample.span.end};
        diag.fix(at, " deterministic", "declare the policy `deterministic`");
      }
    }
  }

  // Rule 11: a batch needs every field's shape fixed.
  void check_static(const State& s, const ElabStmt& batch) {
    for (const auto& f : sample.fields) {
      auto it = s.fields.find(f.name);
      if (it == s.fields.end()) continue;
      const auto& fs = it->second;
      // Text and label lists are collated as lists; only tensors must agree in shape across a batch.
      bool tensor = fs.kind == FieldKind::Image || fs.kind == FieldKind::Mask || fs.kind == FieldKind::Audio ||
                    fs.kind == FieldKind::Spectrogram;
      if (!tensor || fs.is_static) continue;
      std::string how =
          fs.kind == FieldKind::Image || fs.kind == FieldKind::Mask ? "input-dependent" : "of variable length";
      auto& diag = d().report(DiagId::ShapeNotStatic, batch.callee_span, f.name, how);
      bool spatial = fs.kind == FieldKind::Image || fs.kind == FieldKind::Mask;
      if (spatial && fs.dynamic_since.valid()) {
        diag.note(fs.dynamic_since, "its size stops being static here");
      } else {
        // Audio and spectrograms are as long as the input from the start; no statement made them so.
        diag.note(f.span, spatial ? "its size is the decoded input's" : "its length is the input's");
      }
      if (fs.kind == FieldKind::Image || fs.kind == FieldKind::Mask) {
        std::uint32_t line = 0;
        for (const auto& st : p.body) {
          if (&st == &batch) break;
          // The statement's last line: a `one_of { … }` may span several.
          line = c.sources.line_col(st.span.file, st.span.end > st.span.begin ? st.span.end - 1 : st.span.begin).line;
        }
        diag.note({}, line ? fmt::format("add `resize(size: [h, w])` or `center_crop(size: n)` after line {}", line)
                           : std::string("add `resize(size: [h, w])` or `center_crop(size: n)` before the batch"));
      }
    }
  }

  std::vector<std::string> schema_text(const State& s) {
    std::vector<std::string> out;
    for (const auto& f : sample.fields) {
      auto it = s.fields.find(f.name);
      if (it == s.fields.end()) continue;
      const auto& fs = it->second;
      std::string text;
      auto dim = [&](long v, bool known) { return known ? std::to_string(v) : std::string("?"); };
      const bool symbolic = fs.is_static && !fs.hsym.empty();
      auto hd = [&]() { return symbolic ? fs.hsym : dim(fs.h, fs.is_static); };
      auto wd = [&]() { return symbolic ? fs.wsym : dim(fs.w, fs.is_static); };
      switch (fs.kind) {
        case FieldKind::Image:
          if (fs.element == "f32") {
            text = fmt::format("image({}, f32)[{},{},{}]", f.color, f.channel_count(), hd(), wd());
          } else {
            text = fmt::format("image({}{})[{},{},{}]", f.color, fs.element == "u8" ? "" : ", " + fs.element, hd(),
                               wd(), f.channel_count());
          }
          break;
        case FieldKind::Mask: text = fmt::format("mask({})[{},{}]", f.classes, hd(), wd()); break;
        case FieldKind::Spectrogram:
          text = fmt::format("spectrogram({})[?,{}]", fs.bins ? std::to_string(fs.bins) : "?",
                             fs.bins ? std::to_string(fs.bins) : "?");
          if (fs.maybe_audio) text = f.type_text() + " or " + text;
          break;
        case FieldKind::Soft:
          text = fmt::format("soft({})", f.classes);
          for (int i = 0; i < f.list_depth; ++i) text += "[]";
          if (f.optional) text += "?";
          break;
        default: text = f.type_text();
      }
      out.push_back(fmt::format("{}: {}", f.name, text));
    }
    return out;
  }
};

void Checker::check_invariants(PolicyInfo& p) {
  if (!p.sample) return;
  InvariantChecker ic(*this, p, *p.sample);
  ic.run();
}

}  // namespace auger
