#include "tools/preview_image.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <opencv2/imgproc.hpp>

#include "compiler/sema/schema.h"
#include "engine/sample_runner.h"
#include "tools/preview_draw.h"
#include "tools/sample_error.h"

namespace auger::cli {

using engine::LoadedPolicy;
using engine::ProcessedSample;

namespace {

// The grid's layout: tiles with two caption lines, in a square-ish grid under a margin holding the identity.
struct Grid {
  int n = 0, cols = 0, rows = 0, tile = 224;
  static constexpr int kCaption = 36, kPad = kPreviewPad, kMargin = kIdentityMargin;
  cv::Mat canvas;
  [[nodiscard]] cv::Point corner(int i) const {
    return {kPad + (i % cols) * (tile + kPad), kMargin + (i / cols) * (tile + kCaption + kPad)};
  }
};

Grid make_grid(int n, int tile, const std::pair<std::string, std::string>& id) {
  Grid g;
  g.n = n;
  g.tile = tile;
  g.cols = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(n))));
  g.rows = (n + g.cols - 1) / g.cols;
  const int width = identity_width(id, Grid::kPad + g.cols * (tile + Grid::kPad));
  g.canvas = cv::Mat(Grid::kMargin + g.rows * (tile + Grid::kCaption + Grid::kPad) + Grid::kPad, width, CV_8UC3,
                     cv::Scalar(255, 255, 255));
  draw_identity(g.canvas, id, width);
  return g;
}

// The caption's class: a per-sample `class(N)`, not a per-box `class(N)[]` (that one is drawn on the boxes).
std::string caption_class_field(const LoadedPolicy& lp) {
  const SchemaInfo* schema = lp.policy->sample;
  for (const auto& [name, type] : lp.fn.inputs) {
    const FieldInfo* f = schema ? schema->field(name) : nullptr;
    if (type.kind == "class" && (!f || f->list_depth == 0)) return name;
  }
  return "";
}

struct TileText {
  const SchemaInfo* schema;
  std::string class_field;
  std::vector<std::string> classes;
};

// One sample's tile: its picture with labels drawn (a red square when it failed) and its two caption lines.
void draw_tile(Grid& g, int i, const ProcessedSample& s, const TileText& t) {
  const cv::Point at = g.corner(i);
  std::string line2;
  cv::Mat pic;
  if (!s.error.empty()) {
    pic = cv::Mat(g.tile, g.tile, CV_8UC3, cv::Scalar(40, 40, 200));
    line2 = "error: " + s.error;
  } else if (const rt::Image* shown = shown_image(s, t.schema)) {
    pic = displayable(*shown, s.params);
    const double k = static_cast<double>(g.tile) / std::max(pic.cols, pic.rows);
    cv::resize(pic, pic,
               cv::Size(std::max(1, static_cast<int>(pic.cols * k)), std::max(1, static_cast<int>(pic.rows * k))), 0, 0,
               k < 1 ? cv::INTER_AREA : cv::INTER_NEAREST);
    if (t.schema) draw_labels(pic, *shown, s, *t.schema, t.classes);
    if (!t.class_field.empty() && s.fields.contains(t.class_field)) {
      const auto& v = s.fields[t.class_field];
      line2 = t.class_field + ": " + v.dump();
      if (v.is_number_integer() && v.get<long long>() >= 0 &&
          static_cast<std::size_t>(v.get<long long>()) < t.classes.size())
        line2 += " (" + t.classes[static_cast<std::size_t>(v.get<long long>())] + ")";
    }
  }
  if (!pic.empty()) pic.copyTo(g.canvas(cv::Rect(at.x, at.y, pic.cols, pic.rows)));
  cv::rectangle(g.canvas, cv::Rect(at.x - 1, at.y - 1, g.tile + 2, g.tile + 2), cv::Scalar(200, 200, 200), 1);
  cv::putText(g.canvas, fit(s.key, 0.45, g.tile, true), {at.x, at.y + g.tile + 15}, cv::FONT_HERSHEY_SIMPLEX, 0.45,
              {0, 0, 0}, 1, cv::LINE_AA);
  if (!line2.empty())
    cv::putText(g.canvas, fit(line2, 0.4, g.tile), {at.x, at.y + g.tile + 31}, cv::FONT_HERSHEY_SIMPLEX, 0.4,
                {90, 90, 90}, 1, cv::LINE_AA);
}

}  // namespace

int preview_images(const PreviewOpts& o, const LoadedPolicy& lp, const sampling::PolicySampler& sampler,
                   const rt::io::Source& source) {
  engine::RunnerOptions ro;
  ro.seed = o.seed;
  ro.path = o.path;
  engine::SampleRunner runner(lp, sampler, source, ro);
  const auto order = preview_order(o, source.size());
  const TileText text{lp.policy->sample, caption_class_field(lp), source.classes()};
  Grid grid = make_grid(static_cast<int>(order.size()), o.tile, identity_lines(o, lp, source));
  ProcessedSample s;
  int failed = 0;
  for (int i = 0; i < grid.n; ++i) {
    runner.run(order[static_cast<std::size_t>(i)], o.epoch, s);
    if (!s.error.empty()) {
      ++failed;
      std::cerr << fmt::format("error: {}\n", located_error(s.origin, s.key, s.error));
    }
    draw_tile(grid, i, s, text);
  }
  if (int rc = write_png(o.out, grid.canvas); rc != kExitOk) return rc;
  std::cerr << fmt::format("auger preview: {} samples ({} failed) → {}\n", grid.n, failed, o.out);
  return failed == grid.n ? kExitRunFailed : kExitOk;
}

}  // namespace auger::cli
