#include "runtime/fused/remap_chain.h"

#include <algorithm>
#include <cmath>

#include "runtime/ops/image_op.h"
#include "runtime/ops/op_record.h"
#include "runtime/ops/reference/geometry.h"

namespace auger::rt::fused {

bool AxisMap::has_fill() const {
  return std::any_of(code.begin(), code.end(), [](int c) { return c >= 0; });
}

bool AxisMap::is_identity() const {
  for (int i = 0; i < size(); ++i)
    if (code[static_cast<std::size_t>(i)] >= 0 || src[static_cast<std::size_t>(i)] != i) return false;
  return true;
}

namespace {

AxisMap identity_axis(int n) {
  AxisMap a;
  a.src.resize(static_cast<std::size_t>(n));
  a.code.assign(static_cast<std::size_t>(n), -1);
  for (int i = 0; i < n; ++i) a.src[static_cast<std::size_t>(i)] = i;
  return a;
}

// The op's output shape from its own resolve(), which keeps the draws already in the arguments: the one place
// that knows how `size` (an int, [h, w] or a `%`) becomes pixels.
bool resolved_shape(const AppliedOp& op, const Shape& in, Shape* out) {
  const ImageOp* ref = find_image_op(op.op);
  if (!ref || !ref->resolve) return false;
  Args copy = op.args;
  const rng::DrawStream none(0, 0, "", "");
  *out = ref->resolve(copy, in, none);
  return true;
}

// Python's round() on a float: half to even.
int py_round(double v) {
  return static_cast<int>(std::nearbyint(v));
}

}  // namespace

RemapChain::RemapChain(const Shape& input)
    : shape_(input), input_w_(input.w), input_h_(input.h), x_(identity_axis(input.w)), y_(identity_axis(input.h)) {}

template <class Step>
void RemapChain::map_axis(AxisMap& axis, int out_size, Step step, int code) {
  AxisMap next;
  next.src.assign(static_cast<std::size_t>(out_size), 0);
  next.code.assign(static_cast<std::size_t>(out_size), -1);
  for (int i = 0; i < out_size; ++i) {
    const int j = step(i);
    if (j < 0) {
      next.code[static_cast<std::size_t>(i)] = code;
    } else {
      next.src[static_cast<std::size_t>(i)] = axis.src[static_cast<std::size_t>(j)];
      next.code[static_cast<std::size_t>(i)] = axis.code[static_cast<std::size_t>(j)];
    }
  }
  axis = std::move(next);
}

void RemapChain::crop(int top, int left, int h, int w) {
  const int code = static_cast<int>(fills_.size());
  fills_.push_back({0.0});
  const int iw = shape_.w, ih = shape_.h;
  map_axis(
      x_, w, [&](int i) { return left + i >= 0 && left + i < iw ? left + i : -1; }, code);
  map_axis(
      y_, h, [&](int i) { return top + i >= 0 && top + i < ih ? top + i : -1; }, code);
  shape_.w = w;
  shape_.h = h;
}

void RemapChain::pad(int left, int top, int right, int bottom, PadMode mode, std::vector<double> fill) {
  const int code = static_cast<int>(fills_.size());
  fills_.push_back(fill.empty() ? std::vector<double>{0.0} : std::move(fill));
  auto axis_step = [mode](int before, int n) {
    return [mode, before, n](int i) {
      const int s = i - before;
      if (s >= 0 && s < n) return s;
      switch (mode) {
        case PadMode::Constant: return -1;
        case PadMode::Reflect: return geo::reflect_index(s, n);
        case PadMode::Edge: return std::clamp(s, 0, n - 1);
      }
      return -1;
    };
  };
  const int iw = shape_.w, ih = shape_.h;
  map_axis(x_, iw + left + right, axis_step(left, iw), code);
  map_axis(y_, ih + top + bottom, axis_step(top, ih), code);
  shape_.w = iw + left + right;
  shape_.h = ih + top + bottom;
}

void RemapChain::flip(bool along_x) {
  AxisMap& axis = along_x ? x_ : y_;
  const int n = axis.size();
  map_axis(
      axis, n, [n](int i) { return n - 1 - i; }, -1);
}

bool RemapChain::append(const AppliedOp& op) {
  const OpId id = op_id(op.op);
  const Args& a = op.args;
  if (id == OpId::Hflip) {
    flip(true);
    return true;
  }
  if (id == OpId::Vflip) {
    flip(false);
    return true;
  }
  if (id == OpId::Crop) {
    if (a.integer("w") <= 0 || a.integer("h") <= 0) return false;
    crop(a.integer("y"), a.integer("x"), a.integer("h"), a.integer("w"));
    return true;
  }
  if (id == OpId::Pad) {
    const int px = a.integer("px");
    const std::string mode = a.text("mode", "constant");
    if (px < 0 || (mode != "constant" && mode != "reflect" && mode != "edge")) return false;
    if (mode != "constant" && (shape_.w == 0 || shape_.h == 0)) return false;
    std::vector<double> fill;
    if (const auto* f = a.find("fill"); f && !(f->kind == ArgValue::Kind::Enum && f->text == "none"))
      fill = a.list("fill");
    pad(px, px, px, px,
        mode == "reflect" ? PadMode::Reflect
        : mode == "edge"  ? PadMode::Edge
                          : PadMode::Constant,
        fill);
    return true;
  }
  Shape out;
  if (id == OpId::CenterCrop) {
    if (!resolved_shape(op, shape_, &out)) return false;
    const int ch = out.h, cw = out.w;
    // F.center_crop: zero-pad a too-small image first (floor on the left/top), then crop at round((H - h) / 2).
    if (cw > shape_.w || ch > shape_.h) {
      const int dw = cw - shape_.w, dh = ch - shape_.h;
      pad(dw > 0 ? dw / 2 : 0, dh > 0 ? dh / 2 : 0, dw > 0 ? (dw + 1) / 2 : 0, dh > 0 ? (dh + 1) / 2 : 0,
          PadMode::Constant, {0.0});
      if (cw == shape_.w && ch == shape_.h) return true;
    }
    crop(py_round((shape_.h - ch) / 2.0), py_round((shape_.w - cw) / 2.0), ch, cw);
    return true;
  }
  if (id == OpId::RandomCrop) {
    if (!a.has("top") || !a.has("left") || !resolved_shape(op, shape_, &out)) return false;
    const int th = out.h, tw = out.w, padding = a.integer("padding", 0);
    if (padding > 0) pad(padding, padding, padding, padding, PadMode::Constant, {0.0});
    if (shape_.w < tw) pad(tw - shape_.w, 0, tw - shape_.w, 0, PadMode::Constant, {0.0});
    if (shape_.h < th) pad(0, th - shape_.h, 0, th - shape_.h, PadMode::Constant, {0.0});
    crop(a.integer("top"), a.integer("left"), th, tw);
    return true;
  }
  return false;
}

}  // namespace auger::rt::fused
