#include "tools/preview_options.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "runtime/exec/order.h"
#include "tools/preview_draw.h"

namespace auger::cli {

namespace fs = std::filesystem;

std::pair<std::string, std::string> identity_lines(const PreviewOpts& o, const engine::LoadedPolicy& lp,
                                                   const rt::io::Source& source) {
  std::string args;
  for (const auto& s : o.sets) args += " --set " + s;
  for (const auto& d : o.disabled) args += " --disable " + d;
  return {fmt::format("{}  sha256 {}  policy {}  seed {}  epoch {}  {} path", fs::path(o.file).filename().string(),
                      lp.file_sha256.substr(0, 16), lp.policy->name, o.seed, o.epoch, o.path),
          fmt::format("input {}  ({}){}", o.input, source.describe(), args)};
}

int identity_width(const std::pair<std::string, std::string>& id, int content) {
  int base = 0;
  const int text_w = std::max(cv::getTextSize(id.first, cv::FONT_HERSHEY_SIMPLEX, 0.5, 1, &base).width,
                              cv::getTextSize(id.second, cv::FONT_HERSHEY_SIMPLEX, 0.45, 1, &base).width);
  return std::max(content, std::min(2000, text_w + 2 * kPreviewPad));
}

void draw_identity(cv::Mat& canvas, const std::pair<std::string, std::string>& id, int width) {
  cv::putText(canvas, fit(id.first, 0.5, width - 2 * kPreviewPad), {kPreviewPad, 24}, cv::FONT_HERSHEY_SIMPLEX, 0.5,
              {0, 0, 0}, 1, cv::LINE_AA);
  cv::putText(canvas, fit(id.second, 0.45, width - 2 * kPreviewPad), {kPreviewPad, 48}, cv::FONT_HERSHEY_SIMPLEX, 0.45,
              {60, 60, 60}, 1, cv::LINE_AA);
}

std::vector<std::size_t> preview_order(const PreviewOpts& o, std::size_t source_size) {
  rt::exec::OrderOptions oo;
  oo.seed = o.seed;
  oo.epoch = o.epoch;
  oo.shuffle = true;
  auto order = rt::exec::epoch_order(source_size, oo);
  order.resize(std::min(order.size(), static_cast<std::size_t>(o.n)));
  return order;
}

namespace {

bool same_file(const struct stat& a, const struct stat& b) {
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

}  // namespace

std::string output_over_input(const PreviewOpts& o) {
  struct stat out {
  }, in{}, policy{};
  if (o.out == "-" || ::stat(o.out.c_str(), &out) != 0) return "";  // a new file replaces nothing
  if (::stat(o.input.c_str(), &in) == 0 && same_file(out, in))
    return fmt::format("-o {} is the input {}: preview never writes over its input (choose another -o)", o.out,
                       o.input);
  if (::stat(o.file.c_str(), &policy) == 0 && same_file(out, policy))
    return fmt::format("-o {} is the policy file {} (choose another -o)", o.out, o.file);
  std::error_code ec;
  if (S_ISDIR(in.st_mode)) {
    // A file in the input folder (at any depth) is one of its samples, or a file a sample names.
    for (fs::path dir = fs::weakly_canonical(o.out, ec).parent_path(); !dir.empty(); dir = dir.parent_path()) {
      struct stat d {};
      if (::stat(dir.c_str(), &d) == 0 && same_file(d, in))
        return fmt::format(
            "-o {} is inside the input folder {}: preview never writes over its inputs (choose "
            "another -o)",
            o.out, o.input);
      if (dir == dir.root_path()) break;
    }
  }
  return "";
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

}  // namespace auger::cli
