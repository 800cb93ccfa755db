#include "tools/preview_draw.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <optional>
#include <set>

#include "runtime/labels/labels.h"

namespace auger::cli {

using engine::ProcessedSample;

// The displayable u8 picture of an augmented image: u8 as is; f32 through the inverse of the policy's own
// normalize (mean, std) and to_float's scale, so a normalised tensor looks like the photo it came from.
cv::Mat displayable(const rt::Image& img, const nlohmann::ordered_json& params) {
  std::vector<double> mean(static_cast<std::size_t>(img.c()), 0.0), std(static_cast<std::size_t>(img.c()), 1.0);
  double scale = img.is_u8() ? 1.0 : 255.0;
  for (const auto& [site, p] : params.items()) {
    if (p.value("op", "") != "normalize") continue;
    const auto m = p.value("mean", nlohmann::ordered_json::array()),
               s = p.value("std", nlohmann::ordered_json::array());
    for (int c = 0; c < img.c(); ++c) {
      const auto k = static_cast<std::size_t>(c);
      if (m.size() == static_cast<std::size_t>(img.c())) mean[k] = m[k].get<double>();
      if (s.size() == static_cast<std::size_t>(img.c())) std[k] = s[k].get<double>();
      if (m.size() == 1) mean[k] = m[0].get<double>();
      if (s.size() == 1) std[k] = s[0].get<double>();
    }
  }
  const int c3 = img.c() >= 3 ? 3 : 1;
  cv::Mat m(img.h(), img.w(), c3 == 3 ? CV_8UC3 : CV_8UC1);
  for (int y = 0; y < img.h(); ++y)
    for (int x = 0; x < img.w(); ++x)
      for (int c = 0; c < c3; ++c) {
        double v = img.is_u8() ? img.at8(c, y, x) : img.atf(c, y, x);
        if (!img.is_u8()) v = (v * std[static_cast<std::size_t>(c)] + mean[static_cast<std::size_t>(c)]) * scale;
        const auto b = static_cast<std::uint8_t>(std::clamp(std::lround(v), 0L, 255L));
        if (c3 == 3)
          m.at<cv::Vec3b>(y, x)[2 - c] = b;  // OpenCV is BGR
        else
          m.at<std::uint8_t>(y, x) = b;
      }
  if (c3 == 1) cv::cvtColor(m, m, cv::COLOR_GRAY2BGR);
  return m;
}

// Text fitted to `width` pixels: shortened with an ellipsis when it would not fit — at the front for keys, whose
// end (the file name) says more than their start (the class folder, captioned below anyway).
std::string fit(const std::string& text, double font_scale, int width, bool keep_end) {
  std::string t = text;
  int base = 0;
  while (t.size() > 4 && cv::getTextSize(t, cv::FONT_HERSHEY_SIMPLEX, font_scale, 1, &base).width > width)
    t = keep_end ? "..." + t.substr(4) : t.substr(0, t.size() - 4) + "...";
  return t;
}

namespace {

// Label colours in RGB, one per class id (cycling): Sasha Trubetskoy's distinct colours without black, white, grey
// and the palest two, so that no class looks like the grey hatching of a mask's `ignore` pixels or vanishes on a
// bright picture. docs/runtime.md lists them; the tests check pixels against them.
constexpr std::array<std::array<int, 3>, 17> kPalette = {{{230, 25, 75},
                                                          {60, 180, 75},
                                                          {255, 225, 25},
                                                          {0, 130, 200},
                                                          {245, 130, 48},
                                                          {145, 30, 180},
                                                          {70, 240, 240},
                                                          {240, 50, 230},
                                                          {210, 245, 60},
                                                          {250, 190, 212},
                                                          {0, 128, 128},
                                                          {170, 110, 40},
                                                          {128, 0, 0},
                                                          {170, 255, 195},
                                                          {128, 128, 0},
                                                          {255, 215, 180},
                                                          {0, 0, 128}}};
// Keypoints: the first point of each flip pair (COCO lists left before right), the second, and points in no pair.
constexpr std::array<int, 3> kLeftRgb = {0, 200, 255}, kRightRgb = {255, 80, 0}, kCentreRgb = {255, 255, 0};
constexpr std::array<int, 3> kIgnoreRgb = {60, 60, 60};
constexpr double kMaskAlpha = 0.45;

cv::Scalar bgr(const std::array<int, 3>& rgb) {
  return {static_cast<double>(rgb[2]), static_cast<double>(rgb[1]), static_cast<double>(rgb[0])};
}

cv::Scalar class_colour(long long id) {
  const auto n = static_cast<long long>(kPalette.size());
  return bgr(kPalette[static_cast<std::size_t>(((id % n) + n) % n)]);
}

// Where a sample's labels are drawn: the tile picture and its scale against the augmented image the labels'
// coordinates refer to.
struct LabelCanvas {
  cv::Mat& pic;
  int image_w, image_h;
  double kx, ky;
};

// A box in the schema's format as xyxy pixels of the augmented image (the label code's own conversion); nullopt
// when it is not 4 finite numbers.
std::optional<std::array<double, 4>> box_xyxy(const nlohmann::ordered_json& b, const FieldInfo& f, int w, int h) {
  rt::labels::FieldSpec spec;
  spec.name = f.name;
  spec.kind = "boxes";
  spec.box_format = f.box_format;
  spec.normalized = f.normalized;
  try {
    return rt::labels::boxes_to_xyxy(nlohmann::json::array({nlohmann::json(b)}), spec, w, h).front();
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// Tile pixel index of continuous image coordinate `v`, kept well inside int so that a wild label cannot overflow
// OpenCV's fixed-point drawing (it clips to the picture anyway).
int to_tile(double v, double k) {
  return static_cast<int>(std::floor(std::clamp(v * k, -1e6, 1e6)));
}

// COCO's layout (docs/runtime.md "Sources"): a mask(N + 1) in a schema whose boxes have a class(N)[] list holds
// class index + 1, 0 being background; its id v is then drawn in class v - 1's colour, its box's.
int mask_class_offset(const SchemaInfo& schema, const FieldInfo& mask) {
  if (schema.of_kind(FieldKind::Boxes).empty()) return 0;
  for (const FieldInfo* f : schema.of_kind(FieldKind::Class))
    if (f->list_depth >= 1 && f->classes + 1 == mask.classes) return 1;
  return 0;
}

// Mask fields as a translucent overlay: id 0 is taken as background and left as it is (tinting it would tint
// most of the picture), the `ignore` index is drawn as dark grey diagonal hatching, any other id in its class's
// palette colour at kMaskAlpha.
void draw_masks(LabelCanvas& c, const ProcessedSample& s, const SchemaInfo& schema) {
  for (const FieldInfo* f : schema.of_kind(FieldKind::Mask)) {
    const int offset = mask_class_offset(schema, *f);
    const auto it = s.images.find(f->name);
    if (it == s.images.end() || it->second.h() == 0 || it->second.w() == 0) continue;
    const rt::Image& m = it->second;
    cv::Mat ids(m.h(), m.w(), CV_8UC1);
    for (int y = 0; y < m.h(); ++y)
      for (int x = 0; x < m.w(); ++x)
        ids.at<std::uint8_t>(y, x) =
            m.is_u8() ? m.at8(0, y, x) : static_cast<std::uint8_t>(std::clamp(std::lround(m.atf(0, y, x)), 0L, 255L));
    cv::resize(ids, ids, c.pic.size(), 0, 0, cv::INTER_NEAREST);
    cv::Mat tint = c.pic.clone();
    std::vector<cv::Point> hatch;
    for (int y = 0; y < ids.rows; ++y)
      for (int x = 0; x < ids.cols; ++x) {
        const int id = ids.at<std::uint8_t>(y, x);
        if (id == f->ignore) {
          if ((x + y) % 6 < 2) hatch.emplace_back(x, y);
        } else if (id != 0) {
          const cv::Scalar col = class_colour(id - offset);
          tint.at<cv::Vec3b>(y, x) = {static_cast<std::uint8_t>(col[0]), static_cast<std::uint8_t>(col[1]),
                                      static_cast<std::uint8_t>(col[2])};
        }
      }
    cv::addWeighted(tint, kMaskAlpha, c.pic, 1 - kMaskAlpha, 0, c.pic);
    const cv::Scalar grey = bgr(kIgnoreRgb);
    for (const auto& p : hatch)
      c.pic.at<cv::Vec3b>(p) = {static_cast<std::uint8_t>(grey[0]), static_cast<std::uint8_t>(grey[1]),
                                static_cast<std::uint8_t>(grey[2])};
  }
}

// The class list aligned with box list `boxes` (language.md §4): a `class(N)[]` field of the same length.
const nlohmann::ordered_json* aligned_classes(const ProcessedSample& s, const SchemaInfo& schema,
                                              const nlohmann::ordered_json& boxes) {
  for (const FieldInfo* f : schema.of_kind(FieldKind::Class)) {
    if (f->list_depth < 1 || !s.fields.contains(f->name)) continue;
    const auto& v = s.fields[f->name];
    if (v.is_array() && v.size() == boxes.size()) return &v;
  }
  return nullptr;
}

void draw_boxes(LabelCanvas& c, const ProcessedSample& s, const SchemaInfo& schema,
                const std::vector<std::string>& names) {
  const int thick = std::max(c.pic.cols, c.pic.rows) >= 320 ? 2 : 1;
  const double font = 0.35;
  int field_index = 0;
  for (const FieldInfo* f : schema.of_kind(FieldKind::Boxes)) {
    // Boxes without classes: one colour per box field, so two fields stay apart.
    const cv::Scalar plain = class_colour(field_index++);
    if (!s.fields.contains(f->name)) continue;
    const auto& v = s.fields[f->name];
    if (!v.is_array()) continue;
    // A single box (`boxes(xyxy)` without `[]`) is a list of 4 numbers.
    const bool single = v.size() >= 4 && v[0].is_number();
    const nlohmann::ordered_json one = nlohmann::ordered_json::array({v});
    const auto& list = single ? one : v;
    const auto* cls = aligned_classes(s, schema, list);
    for (std::size_t i = 0; i < list.size(); ++i) {
      const auto b = box_xyxy(list[i], *f, c.image_w, c.image_h);
      if (!b) continue;
      // The box covers columns x1 … x2-1, so its outline runs along its first and last pixels.
      const int x1 = to_tile((*b)[0], c.kx), y1 = to_tile((*b)[1], c.ky);
      const int x2 = std::max(x1, static_cast<int>(std::ceil(std::clamp((*b)[2] * c.kx, -1e6, 1e6))) - 1);
      const int y2 = std::max(y1, static_cast<int>(std::ceil(std::clamp((*b)[3] * c.ky, -1e6, 1e6))) - 1);
      std::optional<long long> id;
      if (cls && (*cls)[i].is_number_integer()) id = (*cls)[i].get<long long>();
      const cv::Scalar col = id ? class_colour(*id) : plain;
      cv::rectangle(c.pic, {x1, y1}, {x2, y2}, col, thick);
      if (!id) continue;
      std::string text = std::to_string(*id);
      if (*id >= 0 && static_cast<std::size_t>(*id) < names.size()) text = names[static_cast<std::size_t>(*id)];
      text = fit(text, font, std::max(24, x2 - x1 + 1));
      int base = 0;
      const cv::Size ts = cv::getTextSize(text, cv::FONT_HERSHEY_SIMPLEX, font, 1, &base);
      // Above the box's corner when there is room, else just inside it.
      const int top = y1 - ts.height - 4 >= 0 ? y1 - ts.height - 4 : y1;
      cv::rectangle(c.pic, {x1, top}, {x1 + ts.width + 3, top + ts.height + 4}, col, cv::FILLED);
      const double luma = 0.114 * col[0] + 0.587 * col[1] + 0.299 * col[2];
      cv::putText(c.pic, text, {x1 + 2, top + ts.height + 2}, cv::FONT_HERSHEY_SIMPLEX, font,
                  luma > 140 ? cv::Scalar(0, 0, 0) : cv::Scalar(255, 255, 255), 1, cv::LINE_AA);
    }
  }
}

struct Keypoint {
  double x = 0, y = 0, v = 0;
};

// One instance's points: a list of [x, y, v] (or [x, y], visible), or COCO's flat [x1, y1, v1, x2, …].
std::vector<Keypoint> points_of(const nlohmann::ordered_json& inst) {
  std::vector<Keypoint> out;
  if (!inst.is_array()) return out;
  if (!inst.empty() && inst[0].is_number()) {
    if (inst.size() % 3 != 0) return out;
    for (std::size_t i = 0; i < inst.size(); i += 3) {
      if (!inst[i].is_number() || !inst[i + 1].is_number() || !inst[i + 2].is_number()) return {};
      out.push_back({inst[i].get<double>(), inst[i + 1].get<double>(), inst[i + 2].get<double>()});
    }
    return out;
  }
  for (const auto& p : inst) {
    Keypoint k;
    if (p.is_array() && p.size() >= 2 && p[0].is_number() && p[1].is_number()) {
      k = {p[0].get<double>(), p[1].get<double>(), 2};
      if (p.size() >= 3 && p[2].is_number()) k.v = p[2].get<double>();
    }
    // A malformed point stays in place (invisible) so that the indices of the ones after it still match the schema.
    out.push_back(k);
  }
  return out;
}

bool is_point(const nlohmann::ordered_json& p) {
  return p.is_array() && p.size() >= 2 && p[0].is_number() && p[1].is_number();
}

void draw_keypoints(LabelCanvas& c, const ProcessedSample& s, const SchemaInfo& schema) {
  const int r = std::max(2, static_cast<int>(std::lround(std::max(c.pic.cols, c.pic.rows) / 75.0)));
  for (const FieldInfo* f : schema.of_kind(FieldKind::Keypoints)) {
    if (!s.fields.contains(f->name)) continue;
    const auto& v = s.fields[f->name];
    if (!v.is_array() || v.empty()) continue;
    std::set<int> left, right;
    for (const auto& [a, b] : f->flip_pairs) {
      left.insert(a);
      right.insert(b);
    }
    auto colour = [&](int i) { return bgr(left.count(i) ? kLeftRgb : right.count(i) ? kRightRgb : kCentreRgb); };
    // One instance (a list of points, or COCO's flat list) or a list of instances.
    std::vector<std::vector<Keypoint>> instances;
    if (is_point(v[0]) || v[0].is_number())
      instances.push_back(points_of(v));
    else
      for (const auto& inst : v) instances.push_back(points_of(inst));
    for (const auto& pts : instances) {
      auto at = [&](const Keypoint& p) { return cv::Point(to_tile(p.x, c.kx), to_tile(p.y, c.ky)); };
      auto shown = [&](int i) {
        return i >= 0 && static_cast<std::size_t>(i) < pts.size() && pts[static_cast<std::size_t>(i)].v > 0 &&
               std::isfinite(pts[static_cast<std::size_t>(i)].x) && std::isfinite(pts[static_cast<std::size_t>(i)].y);
      };
      // Limbs first so that the points stay on top; a limb takes its side's colour when both ends are on it.
      for (const auto& [a, b] : f->skeleton) {
        if (!shown(a) || !shown(b)) continue;
        const bool same = (left.count(a) && left.count(b)) || (right.count(a) && right.count(b));
        cv::line(c.pic, at(pts[static_cast<std::size_t>(a)]), at(pts[static_cast<std::size_t>(b)]),
                 same ? colour(a) : bgr(kCentreRgb), 1, cv::LINE_AA);
      }
      for (std::size_t i = 0; i < pts.size(); ++i) {
        if (!shown(static_cast<int>(i))) continue;
        // A dark ring keeps light points visible on light pictures.
        cv::circle(c.pic, at(pts[i]), r, {0, 0, 0}, cv::FILLED, cv::LINE_8);
        cv::circle(c.pic, at(pts[i]), r - 1, colour(static_cast<int>(i)), cv::FILLED, cv::LINE_8);
      }
    }
  }
}

}  // namespace

// The sample's labels on its tile picture `pic`, which shows augmented image `shown` scaled to the tile.
void draw_labels(cv::Mat& pic, const rt::Image& shown, const ProcessedSample& s, const SchemaInfo& schema,
                 const std::vector<std::string>& names) {
  if (shown.w() == 0 || shown.h() == 0) return;
  LabelCanvas c{pic, shown.w(), shown.h(), static_cast<double>(pic.cols) / shown.w(),
                static_cast<double>(pic.rows) / shown.h()};
  draw_masks(c, s, schema);
  draw_boxes(c, s, schema, names);
  draw_keypoints(c, s, schema);
}

// The image field a tile shows: the schema's first image field the sample has, not a mask that sorts before it.
const rt::Image* shown_image(const ProcessedSample& s, const SchemaInfo* schema) {
  if (schema) {
    for (const FieldInfo* f : schema->of_kind(FieldKind::Image))
      if (auto it = s.images.find(f->name); it != s.images.end()) return &it->second;
    for (const auto& [name, img] : s.images)
      if (const FieldInfo* f = schema->field(name); !f || f->kind != FieldKind::Mask) return &img;
  }
  return s.images.empty() ? nullptr : &s.images.begin()->second;
}

}  // namespace auger::cli
