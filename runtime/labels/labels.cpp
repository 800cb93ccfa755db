// The label side of every op (language.md §7 rules 1–6), applied in trace order so that each op sees the labels
// as the previous op left them: the frame after each geometric op clips boxes and hides keypoints.
#include "runtime/labels/labels.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "runtime/labels/caption_swap.h"
#include "runtime/ops/image_op.h"
#include "runtime/ops/op_geometry.h"
#include "runtime/ops/op_record.h"

namespace auger::rt::labels {

namespace {

using nlohmann::json;
using Box = std::array<double, 4>;

[[noreturn]] void fail(const std::string& why) {
  throw std::runtime_error(why);
}

// `where` says which value of the sample it is ("boxes[1][0]").
double number(const json& v, const std::string& where) {
  if (!v.is_number()) {
    std::string shown = v.dump(-1, ' ', false, json::error_handler_t::replace);
    if (shown.size() > 64) shown = shown.substr(0, 60) + " ...";  // a hostile file's value can be any size
    fail(where + " must be a number, not " + shown);
  }
  const double d = v.get<double>();
  if (!std::isfinite(d)) fail(where + " must be finite");
  return d;
}

std::string at(const std::string& where, std::size_t i) {
  return where + "[" + std::to_string(i) + "]";
}

// Coordinates that a rotation by a right angle or a chain of exact maps left a rounding error away from a
// multiple of 1/1024 (a whole pixel, a pixel centre) are written as that value: labels read back as the user would
// compute them.
double snap(double v) {
  const double r = std::nearbyint(v * 1024.0) / 1024.0;
  return std::fabs(v - r) < 1e-9 ? r + 0.0 : v;
}

// --- boxes ---

double area(const Box& b) {
  return std::max(0.0, b[2] - b[0]) * std::max(0.0, b[3] - b[1]);
}

// A width or height below this many pixels is none: a box whose edge an exact map puts on the frame's edge comes
// back clipped to a sliver of rounding error (cos 90° ≈ 6e-17 times a coordinate), and a sliver is written as a
// zero extent anyway (snap). No real box is a millionth of a pixel across. docs/labels.md "Boxes".
constexpr double kNoExtent = 1e-6;

// Whether a clipped box still covers something: both extents at least kNoExtent (language.md §7 rule 4).
bool has_area(const Box& b) {
  return b[2] - b[0] >= kNoExtent && b[3] - b[1] >= kNoExtent;
}

Box enclose(const Mat3& m, const Box& b, bool axis_aligned) {
  const std::array<std::array<double, 2>, 4> corners = {{{b[0], b[1]}, {b[2], b[1]}, {b[2], b[3]}, {b[0], b[3]}}};
  Box out{INFINITY, INFINITY, -INFINITY, -INFINITY};
  // Opposite corners suffice when the axes stay axes (and give the exact box without rounding from the others).
  for (int k = 0; k < 4; k += (axis_aligned ? 2 : 1)) {
    const auto p = map_point(m, corners[static_cast<std::size_t>(k)][0], corners[static_cast<std::size_t>(k)][1]);
    out[0] = std::min(out[0], p[0]);
    out[1] = std::min(out[1], p[1]);
    out[2] = std::max(out[2], p[0]);
    out[3] = std::max(out[3], p[1]);
  }
  return out;
}

Box clip(const Box& b, int w, int h) {
  return {std::clamp(b[0], 0.0, static_cast<double>(w)), std::clamp(b[1], 0.0, static_cast<double>(h)),
          std::clamp(b[2], 0.0, static_cast<double>(w)), std::clamp(b[3], 0.0, static_cast<double>(h))};
}

// --- keypoints: a list of instances, each K [x, y, v] (a flat [x, y, v, …] instance is accepted too) ---

struct Keypoint {
  double x = 0, y = 0, v = 0;
};
using Instance = std::vector<Keypoint>;

std::vector<Instance> read_keypoints(const json& value, const FieldSpec& spec) {
  if (!value.is_array()) fail("`" + spec.name + "` must be a list of instances, each a list of [x, y, v]");
  std::vector<Instance> out;
  for (std::size_t n = 0; n < value.size(); ++n) {
    const json& inst = value[n];
    const std::string where = at(spec.name, n);
    if (!inst.is_array()) fail(where + ": an instance must be a list of [x, y, v] points");
    Instance pts;
    const bool flat = !inst.empty() && inst.front().is_number();
    if (flat) {
      if (inst.size() % 3 != 0) fail(where + ": a flat instance needs x, y, v triples");
      for (std::size_t i = 0; i + 2 < inst.size(); i += 3)
        pts.push_back({number(inst[i], at(where, i)), number(inst[i + 1], at(where, i + 1)),
                       number(inst[i + 2], at(where, i + 2))});
    } else {
      for (std::size_t i = 0; i < inst.size(); ++i) {
        const json& p = inst[i];
        const std::string point = at(where, i);
        if (!p.is_array() || (p.size() != 3 && p.size() != 2))
          fail(point + ": a keypoint is [x, y, v] (or [x, y], visible)");
        pts.push_back(
            {number(p[0], at(point, 0)), number(p[1], at(point, 1)), p.size() == 3 ? number(p[2], at(point, 2)) : 2});
      }
    }
    if (spec.keypoints > 0 && static_cast<int>(pts.size()) != spec.keypoints)
      fail(where + ": an instance has " + std::to_string(pts.size()) + " keypoints, the schema says " +
           std::to_string(spec.keypoints));
    out.push_back(std::move(pts));
  }
  return out;
}

json write_keypoints(const std::vector<Instance>& instances) {
  json out = json::array();
  for (const auto& inst : instances) {
    json pts = json::array();
    for (const auto& p : inst) {
      // COCO's convention, kept by torchvision's detection references: a point that is not visible is [0, 0, 0].
      if (p.v == 0) {
        pts.push_back(json::array({0, 0, 0}));
        continue;
      }
      // Visibility keeps its integer form (COCO's 0/1/2).
      const json v = std::floor(p.v) == p.v ? json(static_cast<long long>(p.v)) : json(p.v);
      pts.push_back(json::array({snap(p.x), snap(p.y), v}));
    }
    out.push_back(std::move(pts));
  }
  return out;
}

// --- masks ---

// A mask's pixels are class ids 0..N-1 or the `ignore` index (language.md §4): any other value would reach the loss
// as a class the model has no output for. The sample is an error naming the value and where it first occurs.
void check_mask_values(const FieldSpec& spec, const Image& mask) {
  if (!mask.is_u8() || mask.c() != 1 || spec.classes <= 0) return;
  std::size_t bad = 0, first = 0;
  for (std::size_t k = 0; k < mask.u8.size(); ++k) {
    const int v = mask.u8[k];
    if (v < spec.classes || v == spec.ignore) continue;
    if (bad++ == 0) first = k;
  }
  if (bad == 0) return;
  const auto w = static_cast<std::size_t>(std::max(1, mask.w()));
  fail("mask `" + spec.name + "` has " + std::to_string(bad) + " pixel" + (bad == 1 ? "" : "s") + " outside mask(" +
       std::to_string(spec.classes) + ") (class ids 0.." + std::to_string(spec.classes - 1) + ", ignore " +
       std::to_string(spec.ignore) + "), the first " + std::to_string(mask.u8[first]) + " at x " +
       std::to_string(first % w) + ", y " + std::to_string(first / w));
}

bool inside(double x, double y, int w, int h) {
  return x >= 0 && y >= 0 && x < w && y < h;
}

// --- one sample's labels as they move ---

class Moving {
 public:
  Moving(const LabelSchema& schema, const std::string& image, const Shape& in, json& fields,
         std::map<std::string, Image>& masks)
      : schema_(schema), image_(image), shape_(in), fields_(fields), masks_(masks) {
    // Which fields are aligned with a box list is decided once, from the lengths the sample came with: lengths
    // that only become equal after some boxes are dropped align nothing.
    for (const auto& boxes : schema_.fields) {
      if (boxes.kind != "boxes" || !fields_.contains(boxes.name) || !fields_[boxes.name].is_array()) continue;
      auto& aligned = aligned_[boxes.name];
      for (const auto& spec : schema_.fields) {
        if (spec.name == boxes.name || !fields_.contains(spec.name)) continue;
        if (!(spec.list || spec.kind == "keypoints" || spec.kind == "boxes")) continue;
        const json& value = fields_[spec.name];
        if (value.is_array() && value.size() == fields_[boxes.name].size()) aligned.push_back(spec.name);
      }
    }
    for (const auto& [name, mask] : masks_)
      if (mask.h() != in.h || mask.w() != in.w)
        fail("mask `" + name + "` is " + std::to_string(mask.w()) + "x" + std::to_string(mask.h()) + " but `" + image +
             "` is " + std::to_string(in.w) + "x" + std::to_string(in.h) + "; a mask has its image's size");
    for (const auto& [name, mask] : masks_)
      if (const FieldSpec* spec = schema_.find(name)) check_mask_values(*spec, mask);
  }

  void run(const Trace& trace) {
    for (const auto& applied : trace.ops) {
      if (find_batch_op(applied.op)) continue;
      if (std::find(applied.targets.begin(), applied.targets.end(), image_) == applied.targets.end() &&
          !applied.targets.empty())
        continue;
      if (!find_image_op(applied.op)) continue;
      step(applied);
    }
  }

 private:
  void step(const AppliedOp& applied) {
    const auto geometry = op_geometry(applied.op, applied.args, shape_);
    const OpId id = op_id(applied.op);
    if (id == OpId::Cutout || id == OpId::RandomErasing) occlude(applied, id);
    if (!geometry) {
      // Label-neutral (colour, to_float…): only the element type may change.
      Args copy = applied.args;
      static const rng::DrawStream kNoDraws(0, 0, "labels", "shape");
      shape_ = find_image_op(applied.op)->resolve(copy, shape_, kNoDraws);
      return;
    }
    const OpGeometry& g = *geometry;
    for (const auto& spec : schema_.fields) {
      if (spec.kind == "boxes" && fields_.contains(spec.name)) move_boxes(spec, applied, g);
      if (spec.kind == "keypoints" && fields_.contains(spec.name)) move_keypoints(spec, applied, g);
      if (spec.kind == "mask" && masks_.count(spec.name)) move_mask(spec, applied);
      const std::string caption = applied.args.text("caption");
      if (spec.kind == "text" && fields_.contains(spec.name) && (caption == "swap_lr" || caption == "swap_tb")) {
        if (!fields_[spec.name].is_string()) fail("`" + spec.name + "` must be a string");
        const auto text = fields_[spec.name].get<std::string>();
        fields_[spec.name] = caption == "swap_lr" ? swap_left_right(text) : swap_top_bottom(text);
      }
    }
    shape_ = g.out;
  }

  void need_rigid(const FieldSpec& spec, const AppliedOp& applied, const OpGeometry& g) const {
    if (g.kind == OpGeometry::Kind::Nonrigid)
      fail("`" + applied.op + "` (site " + applied.site + ") cannot move `" + spec.name + "` (" + spec.kind +
           "): a non-invertible warp has no map for points (language.md §7 rule 5)");
  }

  void move_boxes(const FieldSpec& spec, const AppliedOp& applied, const OpGeometry& g) {
    need_rigid(spec, applied, g);
    const auto boxes = boxes_to_xyxy(fields_[spec.name], spec, shape_.w, shape_.h);
    // min_visibility: the fraction of the (moved) box that a crop must leave inside its window.
    const double min_vis = g.crop ? applied.args.number("min_visibility", 0.0) : 0.0;
    std::vector<Box> kept;
    std::vector<bool> keep;
    for (const auto& b : boxes) {
      const Box moved = enclose(g.forward, b, g.axis_aligned);
      const Box clipped = clip(moved, g.out.w, g.out.h);
      const double full = area(moved), left = area(clipped);
      const bool stays = has_area(clipped) && (min_vis <= 0 || left >= min_vis * full);
      keep.push_back(stays);
      if (stays) kept.push_back(clipped);
    }
    if (kept.size() != boxes.size()) drop_aligned(spec, keep);
    fields_[spec.name] = boxes_from_xyxy(kept, spec, g.out.w, g.out.h);
  }

  // Removes the entries of dropped boxes from every field aligned with the box list.
  void drop_aligned(const FieldSpec& boxes, const std::vector<bool>& keep) {
    for (const auto& name : aligned_[boxes.name]) {
      json& value = fields_[name];
      if (!value.is_array() || value.size() != keep.size())
        fail("`" + name + "` was aligned with `" + boxes.name + "` but no longer has its length");
      json kept = json::array();
      for (std::size_t i = 0; i < keep.size(); ++i)
        if (keep[i]) kept.push_back(value[i]);
      value = std::move(kept);
    }
  }

  void move_keypoints(const FieldSpec& spec, const AppliedOp& applied, const OpGeometry& g) {
    need_rigid(spec, applied, g);
    auto instances = read_keypoints(fields_[spec.name], spec);
    for (auto& inst : instances) {
      for (auto& p : inst) {
        const auto q = map_point(g.forward, p.x, p.y);
        p.x = q[0];
        p.y = q[1];
        if (p.v > 0 && !inside(p.x, p.y, g.out.w, g.out.h)) p.v = 0;
      }
      if (g.mirror)
        for (const auto& [i, j] : spec.flip_pairs)
          if (i >= 0 && j >= 0 && static_cast<std::size_t>(std::max(i, j)) < inst.size())
            std::swap(inst[static_cast<std::size_t>(i)], inst[static_cast<std::size_t>(j)]);
    }
    fields_[spec.name] = write_keypoints(instances);
  }

  // The op itself, run on the mask beside an all-255 validity channel with nearest sampling and fill 0: pixels
  // whose validity comes back 0 were read from outside the input and become `ignore`.
  void move_mask(const FieldSpec& spec, const AppliedOp& applied) {
    Image& mask = masks_.at(spec.name);
    Image two = Image::make_u8(2, mask.h(), mask.w(), 255);
    std::copy(mask.u8.begin(), mask.u8.end(), two.u8.begin());
    Args args = applied.args;
    if (args.has("interp")) args.set("interp", ArgValue::of_enum("nearest"));
    if (op_id(applied.op) == OpId::Elastic) args.set("interp", ArgValue::of_enum("nearest"));
    if (args.has("fill")) args.set("fill", ArgValue::of_list({0.0}));
    if (args.has("antialias")) args.set("antialias", ArgValue::of_bool(false));
    find_image_op(applied.op)->apply(args, two);
    const std::size_t n = static_cast<std::size_t>(two.h()) * static_cast<std::size_t>(two.w());
    Image out = Image::make_u8(1, two.h(), two.w());
    for (std::size_t k = 0; k < n; ++k)
      out.u8[k] = two.u8[n + k] == 255 ? two.u8[k] : static_cast<std::uint8_t>(spec.ignore);
    mask = std::move(out);
  }

  // cutout and random_erasing: a keypoint whose pixel is painted over is no longer visible.
  void occlude(const AppliedOp& applied, OpId id) {
    std::vector<std::array<int, 4>> rects;  // y1, y2, x1, x2, clamped as the ops paint them
    const int h = shape_.h, w = shape_.w;
    if (id == OpId::Cutout) {
      const int half = applied.args.integer("size", 0) / 2;
      const auto c = applied.args.list("centers");
      for (std::size_t k = 0; k + 1 < c.size(); k += 2) {
        const int cy = static_cast<int>(c[k]), cx = static_cast<int>(c[k + 1]);
        rects.push_back({std::clamp(cy - half, 0, h), std::clamp(cy + half, 0, h), std::clamp(cx - half, 0, w),
                         std::clamp(cx + half, 0, w)});
      }
    } else if (applied.args.flag("erased", true)) {
      const int top = applied.args.integer("top"), left = applied.args.integer("left");
      rects.push_back({std::clamp(top, 0, h), std::clamp(top + applied.args.integer("height"), 0, h),
                       std::clamp(left, 0, w), std::clamp(left + applied.args.integer("width"), 0, w)});
    }
    if (rects.empty()) return;
    for (const auto& spec : schema_.fields) {
      if (spec.kind != "keypoints" || !fields_.contains(spec.name)) continue;
      auto instances = read_keypoints(fields_[spec.name], spec);
      for (auto& inst : instances)
        for (auto& p : inst) {
          if (p.v <= 0 || !inside(p.x, p.y, w, h)) continue;
          const int px = static_cast<int>(std::floor(p.x)), py = static_cast<int>(std::floor(p.y));
          for (const auto& r : rects)
            if (py >= r[0] && py < r[1] && px >= r[2] && px < r[3]) p.v = 0;
        }
      fields_[spec.name] = write_keypoints(instances);
    }
  }

  const LabelSchema& schema_;
  const std::string& image_;
  Shape shape_;
  json& fields_;
  std::map<std::string, Image>& masks_;
  std::map<std::string, std::vector<std::string>> aligned_;  // box list → the fields aligned with it
};

}  // namespace

const FieldSpec* LabelSchema::find(const std::string& name) const {
  for (const auto& f : fields)
    if (f.name == name) return &f;
  return nullptr;
}

const FieldSpec* LabelSchema::first_of(const std::string& kind) const {
  for (const auto& f : fields)
    if (f.kind == kind) return &f;
  return nullptr;
}

std::vector<Box> boxes_to_xyxy(const json& boxes, const FieldSpec& spec, int w, int h) {
  if (!boxes.is_array()) fail("`" + spec.name + "` must be a list of boxes");
  std::vector<Box> out;
  out.reserve(boxes.size());
  const double sx = spec.normalized ? w : 1.0, sy = spec.normalized ? h : 1.0;
  for (std::size_t n = 0; n < boxes.size(); ++n) {
    const json& b = boxes[n];
    const std::string where = at(spec.name, n);
    if (!b.is_array() || b.size() != 4) fail(where + ": a box is 4 numbers");
    const double a = number(b[0], at(where, 0)) * sx, c = number(b[1], at(where, 1)) * sy;
    const double d = number(b[2], at(where, 2)) * sx, e = number(b[3], at(where, 3)) * sy;
    if (spec.box_format == "xywh")
      out.push_back({a, c, a + d, c + e});
    else if (spec.box_format == "cxcywh")
      out.push_back({a - d / 2, c - e / 2, a + d / 2, c + e / 2});
    else
      out.push_back({a, c, d, e});
  }
  return out;
}

json boxes_from_xyxy(const std::vector<Box>& boxes, const FieldSpec& spec, int w, int h) {
  json out = json::array();
  const double sx = spec.normalized ? 1.0 / w : 1.0, sy = spec.normalized ? 1.0 / h : 1.0;
  for (const auto& b : boxes) {
    std::array<double, 4> v = b;
    if (spec.box_format == "xywh")
      v = {b[0], b[1], b[2] - b[0], b[3] - b[1]};
    else if (spec.box_format == "cxcywh")
      v = {(b[0] + b[2]) / 2, (b[1] + b[3]) / 2, b[2] - b[0], b[3] - b[1]};
    out.push_back(json::array({snap(v[0] * sx), snap(v[1] * sy), snap(v[2] * sx), snap(v[3] * sy)}));
  }
  return out;
}

json convert_boxes(const json& boxes, const std::string& format, const FieldSpec& spec, int w, int h) {
  FieldSpec stored;
  stored.name = spec.name;
  stored.box_format = format;
  return boxes_from_xyxy(boxes_to_xyxy(boxes, stored, w, h), spec, w, h);
}

void transform(const Trace& trace, const LabelSchema& schema, const std::string& image, const Shape& in, json& fields,
               std::map<std::string, Image>& masks) {
  Moving(schema, image, in, fields, masks).run(trace);
}

}  // namespace auger::rt::labels
