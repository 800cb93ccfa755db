#include "compiler/lint/image_size.h"

#include "compiler/lint/values.h"

namespace auger::lint {

namespace {

using Size = std::optional<ImageSize>;

Size join(const Size& a, const Size& b) {
  return a == b ? a : std::nullopt;
}

class SizeWalk {
 public:
  std::map<const ElabStmt*, Size> seen;

  Size sequence(const std::vector<ElabStmt>& body, Size in) {
    for (const auto& st : body) in = stmt(st, in);
    return in;
  }

 private:
  Size stmt(const ElabStmt& st, const Size& in) {
    Size out = body_of(st, in);
    // A statement that may not run leaves either size behind.
    bool always = !st.probability || always_within(*st.probability, 1, 1);
    return always ? out : join(in, out);
  }

  Size body_of(const ElabStmt& st, const Size& in) {
    switch (st.kind) {
      case ElabStmt::Kind::Op: seen[&st] = in; return after_op(st, in);
      case ElabStmt::Kind::Seq:
      case ElabStmt::Kind::Batch: return sequence(st.children, in);
      case ElabStmt::Kind::OneOf:
      case ElabStmt::Kind::Match: {
        std::optional<Size> out;
        for (const auto& ch : st.children) {
          Size s = stmt(ch, in);
          out = out ? join(*out, s) : s;
        }
        return out ? *out : in;
      }
      case ElabStmt::Kind::SomeOf: {
        Size out = in;
        for (const auto& ch : st.children) out = join(out, stmt(ch, in));
        return out;
      }
    }
    return std::nullopt;
  }

  static Size after_op(const ElabStmt& st, const Size& in) {
    const Effects& fx = st.op->effects;
    if (fx.shape == ShapeEffect::Keep) return in;
    if (fx.shape != ShapeEffect::Square && fx.shape != ShapeEffect::Exact) return std::nullopt;
    const BoundArg* a = st.arg(fx.shape_param);
    if (!a || !a->value) return std::nullopt;
    auto v = fold_at_defaults(*a->value);
    auto hw = v ? number_pair(*v) : std::nullopt;
    if (!hw) return std::nullopt;
    return ImageSize{hw->first, hw->second};
  }
};

}  // namespace

std::map<const ElabStmt*, std::optional<ImageSize>> image_sizes(const PolicyInfo& policy) {
  SizeWalk w;
  w.sequence(policy.body, std::nullopt);
  return w.seen;
}

}  // namespace auger::lint
