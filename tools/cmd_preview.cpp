// `auger preview FILE --policy P --input SRC -o grid.png [--n 16] [--seed S]`: a PNG grid of augmented samples,
// each captioned with its key and label, with the run's identity (file hash, policy, seed, arguments) in the margin,
// so a picture pasted into a report says exactly how to reproduce it.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "compiler/exec/sampler.h"
#include "runtime/exec/order.h"
#include "runtime/io/source.h"
#include "tools/commands.h"
#include "tools/policy_loader.h"
#include "tools/sample_runner.h"

namespace auger::cli {

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
std::string fit(const std::string& text, double font_scale, int width, bool keep_end = false) {
  std::string t = text;
  int base = 0;
  while (t.size() > 4 && cv::getTextSize(t, cv::FONT_HERSHEY_SIMPLEX, font_scale, 1, &base).width > width)
    t = keep_end ? "..." + t.substr(4) : t.substr(0, t.size() - 4) + "...";
  return t;
}

}  // namespace

std::function<int()> register_preview(CLI::App& app) {
  auto o = std::make_shared<PreviewOpts>();
  auto* cmd = app.add_subcommand("preview",
                                 "Write a PNG grid of augmented samples, captioned with their keys and the "
                                 "run's identity");
  cmd->add_option("FILE", o->file, "Policy file (.aug)")->required();
  cmd->add_option("--policy,-p", o->policy, "The policy to run (may be left out when the file has one)");
  cmd->add_option("--input,-i", o->input, "The data set: an image folder, a .jsonl manifest or WebDataset shards")
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
  return [o]() {
    LoadedPolicy lp;
    if (int rc = load_policy(o->file, o->policy, o->sets, o->front, lp); rc != kExitOk) return rc;
    exec::PolicySampler sampler(lp.fn, {o->disabled.begin(), o->disabled.end()});
    std::unique_ptr<rt::io::Source> source;
    try {
      source = rt::io::open_source(o->input);
    } catch (const std::exception& e) {
      std::cerr << fmt::format("error: --input {}: {}\n", o->input, e.what());
      return kExitRunFailed;
    }
    if (source->size() == 0) {
      std::cerr << fmt::format("error: --input {}: no samples\n", o->input);
      return kExitRunFailed;
    }
    RunnerOptions ro;
    ro.seed = o->seed;
    ro.path = o->path;
    SampleRunner runner(lp, sampler, *source, ro);
    rt::exec::OrderOptions oo;
    oo.seed = o->seed;
    oo.epoch = o->epoch;
    oo.shuffle = true;
    const auto order = rt::exec::epoch_order(source->size(), oo);
    std::string class_field;
    for (const auto& [name, type] : lp.fn.inputs)
      if (type.kind == "class" && class_field.empty()) class_field = name;
    const auto classes = source->classes();

    const int n = std::min<int>(o->n, static_cast<int>(order.size()));
    const int cols = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(n))));
    const int rows = (n + cols - 1) / cols;
    const int tile = o->tile, caption = 36, pad = 8, margin = 64;
    // The identity in the top margin: what the grid is a function of.
    std::string args;
    for (const auto& s2 : o->sets) args += " --set " + s2;
    for (const auto& d : o->disabled) args += " --disable " + d;
    const std::string id1 =
        fmt::format("{}  sha256 {}  policy {}  seed {}  epoch {}  {} path", fs::path(o->file).filename().string(),
                    lp.file_sha256.substr(0, 16), lp.policy->name, o->seed, o->epoch, o->path);
    const std::string id2 = fmt::format("input {}  ({}){}", o->input, source->describe(), args);
    // Wide enough for the identity (up to 2,000 px; beyond that it is shortened).
    int base = 0;
    const int text_w = std::max(cv::getTextSize(id1, cv::FONT_HERSHEY_SIMPLEX, 0.5, 1, &base).width,
                                cv::getTextSize(id2, cv::FONT_HERSHEY_SIMPLEX, 0.45, 1, &base).width);
    const int width = std::max(pad + cols * (tile + pad), std::min(2000, text_w + 2 * pad));
    cv::Mat grid(margin + rows * (tile + caption + pad) + pad, width, CV_8UC3, cv::Scalar(255, 255, 255));
    ProcessedSample s;
    int failed = 0;
    for (int i = 0; i < n; ++i) {
      runner.run(order[static_cast<std::size_t>(i)], o->epoch, s);
      const int x0 = pad + (i % cols) * (tile + pad), y0 = margin + (i / cols) * (tile + caption + pad);
      std::string line1 = s.key, line2;
      cv::Mat pic;
      if (!s.error.empty()) {
        ++failed;
        pic = cv::Mat(tile, tile, CV_8UC3, cv::Scalar(40, 40, 200));
        line2 = "error: " + s.error;
        std::cerr << fmt::format("error: {}: {}\n", s.origin.empty() ? s.key : s.origin, s.error);
      } else if (!s.images.empty()) {
        pic = displayable(s.images.begin()->second, s.params);
        const double k = static_cast<double>(tile) / std::max(pic.cols, pic.rows);
        cv::resize(pic, pic,
                   cv::Size(std::max(1, static_cast<int>(pic.cols * k)), std::max(1, static_cast<int>(pic.rows * k))),
                   0, 0, k < 1 ? cv::INTER_AREA : cv::INTER_NEAREST);
        if (!class_field.empty() && s.fields.contains(class_field)) {
          const auto& v = s.fields[class_field];
          line2 = class_field + ": " + v.dump();
          if (v.is_number_integer() && v.get<long long>() >= 0 &&
              static_cast<std::size_t>(v.get<long long>()) < classes.size())
            line2 += " (" + classes[static_cast<std::size_t>(v.get<long long>())] + ")";
        }
      }
      if (!pic.empty()) pic.copyTo(grid(cv::Rect(x0, y0, pic.cols, pic.rows)));
      cv::rectangle(grid, cv::Rect(x0 - 1, y0 - 1, tile + 2, tile + 2), cv::Scalar(200, 200, 200), 1);
      cv::putText(grid, fit(line1, 0.45, tile, true), {x0, y0 + tile + 15}, cv::FONT_HERSHEY_SIMPLEX, 0.45, {0, 0, 0},
                  1, cv::LINE_AA);
      if (!line2.empty())
        cv::putText(grid, fit(line2, 0.4, tile), {x0, y0 + tile + 31}, cv::FONT_HERSHEY_SIMPLEX, 0.4, {90, 90, 90}, 1,
                    cv::LINE_AA);
    }
    cv::putText(grid, fit(id1, 0.5, grid.cols - 2 * pad), {pad, 24}, cv::FONT_HERSHEY_SIMPLEX, 0.5, {0, 0, 0}, 1,
                cv::LINE_AA);
    cv::putText(grid, fit(id2, 0.45, grid.cols - 2 * pad), {pad, 48}, cv::FONT_HERSHEY_SIMPLEX, 0.45, {60, 60, 60}, 1,
                cv::LINE_AA);
    std::error_code ec;
    if (fs::path(o->out).has_parent_path()) fs::create_directories(fs::path(o->out).parent_path(), ec);
    if (!cv::imwrite(o->out, grid)) {
      std::cerr << fmt::format("error: cannot write {}\n", o->out);
      return kExitRunFailed;
    }
    std::cerr << fmt::format("auger preview: {} samples ({} failed) → {}\n", n, failed, o->out);
    return failed == n ? kExitRunFailed : kExitOk;
  };
}

}  // namespace auger::cli
