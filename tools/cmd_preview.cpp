// `auger preview FILE --policy P --input SRC -o grid.png [--n 16] [--seed S]`: a PNG grid of augmented samples,
// each captioned with its key and label and with its boxes, keypoints and masks drawn on it, with the run's identity
// (file hash, policy, seed, arguments) in the margin, so a picture pasted into a report says exactly how to
// reproduce it.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <optional>
#include <set>

#include "compiler/sampling/policy_sampler.h"
#include "compiler/sema/schema.h"
#include "engine/sample_runner.h"
#include "runtime/exec/order.h"
#include "runtime/io/source.h"
#include "runtime/labels/labels.h"
#include "tools/commands.h"
#include "tools/policy_front.h"
#include "tools/preview_draw.h"

namespace auger::cli {

using namespace engine;  // the commands are thin layers over the engine

namespace fs = std::filesystem;

namespace {

struct PreviewOpts {
  std::string file, policy, input, out;
  std::vector<std::string> sets, disabled;
  std::uint64_t seed = 0, epoch = 0;
  int n = 16, tile = 224;
  std::string path = "fused";
  FrontOptions front;
};

// The grid's layout: tiles with two caption lines, in a square-ish grid under a margin holding the identity.
struct Grid {
  int n = 0, cols = 0, rows = 0, tile = 224;
  static constexpr int kCaption = 36, kPad = 8, kMargin = 64;
  cv::Mat canvas;
  [[nodiscard]] cv::Point corner(int i) const {
    return {kPad + (i % cols) * (tile + kPad), kMargin + (i / cols) * (tile + kCaption + kPad)};
  }
};

// The identity in the top margin: what the grid is a function of.
std::pair<std::string, std::string> identity_lines(const PreviewOpts& o, const LoadedPolicy& lp,
                                                   const rt::io::Source& source) {
  std::string args;
  for (const auto& s : o.sets) args += " --set " + s;
  for (const auto& d : o.disabled) args += " --disable " + d;
  return {fmt::format("{}  sha256 {}  policy {}  seed {}  epoch {}  {} path", fs::path(o.file).filename().string(),
                      lp.file_sha256.substr(0, 16), lp.policy->name, o.seed, o.epoch, o.path),
          fmt::format("input {}  ({}){}", o.input, source.describe(), args)};
}

Grid make_grid(int n, int tile, const std::pair<std::string, std::string>& id) {
  Grid g;
  g.n = n;
  g.tile = tile;
  g.cols = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(n))));
  g.rows = (n + g.cols - 1) / g.cols;
  // Wide enough for the identity (up to 2,000 px; beyond that it is shortened).
  int base = 0;
  const int text_w = std::max(cv::getTextSize(id.first, cv::FONT_HERSHEY_SIMPLEX, 0.5, 1, &base).width,
                              cv::getTextSize(id.second, cv::FONT_HERSHEY_SIMPLEX, 0.45, 1, &base).width);
  const int width = std::max(Grid::kPad + g.cols * (tile + Grid::kPad), std::min(2000, text_w + 2 * Grid::kPad));
  g.canvas = cv::Mat(Grid::kMargin + g.rows * (tile + Grid::kCaption + Grid::kPad) + Grid::kPad, width, CV_8UC3,
                     cv::Scalar(255, 255, 255));
  cv::putText(g.canvas, fit(id.first, 0.5, width - 2 * Grid::kPad), {Grid::kPad, 24}, cv::FONT_HERSHEY_SIMPLEX, 0.5,
              {0, 0, 0}, 1, cv::LINE_AA);
  cv::putText(g.canvas, fit(id.second, 0.45, width - 2 * Grid::kPad), {Grid::kPad, 48}, cv::FONT_HERSHEY_SIMPLEX, 0.45,
              {60, 60, 60}, 1, cv::LINE_AA);
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

int write_png(const std::string& out, const cv::Mat& image) {
  std::error_code ec;
  if (fs::path(out).has_parent_path()) fs::create_directories(fs::path(out).parent_path(), ec);
  if (!cv::imwrite(out, image)) {
    std::cerr << fmt::format("error: cannot write {}\n", out);
    return kExitRunFailed;
  }
  return kExitOk;
}

int preview(const PreviewOpts& o) {
  LoadedPolicy lp;
  if (int rc = load_policy(o.file, o.policy, o.sets, o.front, lp); rc != kExitOk) return rc;
  note_batch_block_skipped(lp, "preview");
  const sampling::PolicySampler sampler(lp.fn, {o.disabled.begin(), o.disabled.end()});
  std::unique_ptr<rt::io::Source> source;
  if (int rc = open_input(o.input, source); rc != kExitOk) return rc;
  RunnerOptions ro;
  ro.seed = o.seed;
  ro.path = o.path;
  SampleRunner runner(lp, sampler, *source, ro);
  rt::exec::OrderOptions oo;
  oo.seed = o.seed;
  oo.epoch = o.epoch;
  oo.shuffle = true;  // the seed picks which samples are shown
  const auto order = rt::exec::epoch_order(source->size(), oo);
  const TileText text{lp.policy->sample, caption_class_field(lp), source->classes()};
  Grid grid = make_grid(std::min<int>(o.n, static_cast<int>(order.size())), o.tile, identity_lines(o, lp, *source));
  ProcessedSample s;
  int failed = 0;
  for (int i = 0; i < grid.n; ++i) {
    runner.run(order[static_cast<std::size_t>(i)], o.epoch, s);
    if (!s.error.empty()) {
      ++failed;
      std::cerr << fmt::format("error: {}: {}\n", s.origin.empty() ? s.key : s.origin, s.error);
    }
    draw_tile(grid, i, s, text);
  }
  if (int rc = write_png(o.out, grid.canvas); rc != kExitOk) return rc;
  std::cerr << fmt::format("auger preview: {} samples ({} failed) → {}\n", grid.n, failed, o.out);
  return failed == grid.n ? kExitRunFailed : kExitOk;
}

}  // namespace

std::function<int()> register_preview(CLI::App& app) {
  auto o = std::make_shared<PreviewOpts>();
  auto* cmd = app.add_subcommand("preview",
                                 "Write a PNG grid of augmented samples, captioned with their keys and the "
                                 "run's identity");
  cmd->add_option("FILE", o->file, "Policy file (.aug)")->required();
  cmd->add_option("--policy,-p", o->policy, "The policy to run (may be left out when the file has one)");
  cmd->add_option("--input,-i", o->input,
                  "The data set: an image folder, a .jsonl manifest, a COCO .json or WebDataset shards")
      ->required();
  cmd->add_option("-o,--out", o->out, "The PNG to write")->required();
  cmd->add_option("--n", o->n, "Samples in the grid (default 16)")->check(CLI::Range(1, 1024));
  cmd->add_option("--seed", o->seed, "The run's seed; it also picks which samples are shown (default 0)");
  cmd->add_option("--epoch", o->epoch, "The epoch (default 0)");
  cmd->add_option("--tile", o->tile, "Tile size in pixels (default 224)")->check(CLI::Range(32, 2048));
  cmd->add_option("--set", o->sets, "Override a policy parameter (repeatable)")->allow_extra_args(false);
  cmd->add_option("--disable", o->disabled, "Skip the statement with this label (repeatable)")->allow_extra_args(false);
  cmd->add_option("--path", o->path, "fused (default) or reference")->check(CLI::IsMember({"fused", "reference"}));
  add_front_options(*cmd, o->front);
  return [o]() { return preview(*o); };
}

}  // namespace auger::cli
