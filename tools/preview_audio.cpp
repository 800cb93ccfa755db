#include "tools/preview_audio.h"

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <opencv2/imgproc.hpp>

#include "engine/sample_audio.h"
#include "engine/sample_runner.h"
#include "tools/preview_draw.h"
#include "tools/preview_params.h"
#include "tools/preview_spectrogram.h"
#include "tools/sample_error.h"

namespace auger::cli {

namespace {

constexpr int kCaption = 68, kGap = 4;  // four caption lines (key, then the ops); the space between input and result
constexpr double kFont = 0.4;

// What one block shows: the spectrograms (input first when asked for) and the caption's lines.
struct Block {
  std::vector<std::pair<std::string, cv::Mat>> panels;  // label (empty: none), picture
  std::vector<std::string> caption;
  std::string error;  // non-empty: the sample failed (running the policy or drawing it), and why
};

// Caption text greedily packed into lines of `width` px, at most `max_lines` (the last one shortened to fit).
std::vector<std::string> wrap(const std::vector<std::string>& items, int width, std::size_t max_lines) {
  std::vector<std::string> lines;
  int base = 0;
  for (const auto& item : items) {
    const std::string joined = lines.empty() ? item : lines.back() + "   " + item;
    if (!lines.empty() && cv::getTextSize(joined, cv::FONT_HERSHEY_SIMPLEX, kFont, 1, &base).width <= width)
      lines.back() = joined;
    else if (lines.size() < max_lines)
      lines.push_back(item);
    else
      lines.back() += "   " + item;
  }
  for (auto& l : lines) l = fit(l, kFont, width);
  return lines;
}

// An op's caption: SpecAugment's draws alone (the masks' intervals, the warp's centre and target), melspec by name
// (its arguments are the shape's), any other op with all its arguments (tools/preview_params).
std::string caption_item(const std::string& site, const nlohmann::ordered_json& p) {
  const std::string op = p.value("op", "");
  if (op == "melspec") return op;
  if (op == "time_warp") {
    const long long c = p.value("center", -1LL), t = p.value("target", -1LL);
    return c > 0 && t > 0 ? fmt::format("time_warp {}->{}", c, t) : "time_warp none";
  }
  if (op == "time_mask" || op == "freq_mask") {
    std::string out = op;
    const auto masks = p.value("masks", nlohmann::ordered_json::array());
    for (std::size_t i = 0; i + 1 < masks.size(); i += 2)
      out += fmt::format(" [{},{})", masks[i].get<double>(), masks[i + 1].get<double>());
    return masks.empty() ? out + " none" : out;
  }
  return op_summary(site, p);
}

int panel_height(const rt::audio::Signal& log_mel, int tile) {
  return std::clamp(2 * log_mel.shape.rows, 64, std::max(64, 2 * tile));
}

std::string shape_text(const rt::audio::Signal& result) {
  if (result.shape.spectrogram) return fmt::format("{} mels x {} frames", result.shape.rows, result.shape.cols);
  return fmt::format("{:.2f} s at {} Hz", static_cast<double>(result.shape.cols) / result.shape.rate,
                     static_cast<long long>(result.shape.rate));
}

// The input's spectrogram, with the policy's melspec arguments (drawn without marks: nothing is masked yet).
cv::Mat input_panel(const rt::io::Source& source, const engine::ProcessedSample& s, const engine::LoadedPolicy& lp,
                    const std::string& field, int width, int tile) {
  sampling::SampleContext ctx;
  std::map<std::string, rt::audio::Signal> audio;
  engine::gather_audio(source.read(s.index), lp.fn, *lp.policy->sample, ctx, audio);
  const auto log_mel = display_log_mel(audio.at(field), s.params);
  return draw_spectrogram(log_mel, width, panel_height(log_mel, tile), {});
}

// The block's pictures: the input's spectrogram (with --original), then the result's with its marks.
void add_panels(const PreviewOpts& o, const engine::LoadedPolicy& lp, const rt::io::Source& source,
                const engine::ProcessedSample& s, const std::string& field, int width, Block& b) {
  const auto& result = s.audio.at(field);
  if (o.original) b.panels.emplace_back("input", input_panel(source, s, lp, field, width, o.tile));
  const auto log_mel = display_log_mel(result, s.params);
  const auto marks = spectrogram_marks(s.params, log_mel.shape.cols);
  b.panels.emplace_back(o.original ? "augmented" : "",
                        draw_spectrogram(log_mel, width, panel_height(log_mel, o.tile), marks));
}

Block make_block(const PreviewOpts& o, const engine::LoadedPolicy& lp, const rt::io::Source& source,
                 const engine::ProcessedSample& s, const std::string& field, int width) {
  Block b;
  b.error = s.error;
  if (b.error.empty()) try {
      add_panels(o, lp, source, s, field, width, b);
    } catch (const std::exception& e) {
      b.error = e.what();
      b.panels.clear();
    }
  if (!b.error.empty()) {
    b.panels.emplace_back("", cv::Mat(64, width, CV_8UC3, cv::Scalar(40, 40, 200)));
    b.caption = {fit(s.key, 0.45, width, true), fit("error: " + b.error, kFont, width)};
    return b;
  }
  b.caption.push_back(fit(s.key + "   " + shape_text(s.audio.at(field)), 0.45, width, true));
  std::vector<std::string> ops;
  for (const auto& [site, p] : s.params.items()) ops.push_back(caption_item(site, p));
  if (ops.empty()) ops.push_back("no op ran");
  for (auto& line : wrap(ops, width, 3)) b.caption.push_back(std::move(line));
  return b;
}

int block_height(const Block& b) {
  int h = kCaption + kPreviewPad;
  for (const auto& [label, pic] : b.panels) h += pic.rows + kGap;
  return h - kGap;
}

// Draws `b` with its top-left corner at (kPreviewPad, y); returns the y after it.
int draw_block(cv::Mat& canvas, const Block& b, int y) {
  for (std::size_t i = 0; i < b.panels.size(); ++i) {
    const auto& [label, pic] = b.panels[i];
    pic.copyTo(canvas(cv::Rect(kPreviewPad, y, pic.cols, pic.rows)));
    cv::rectangle(canvas, cv::Rect(kPreviewPad - 1, y - 1, pic.cols + 2, pic.rows + 2), cv::Scalar(200, 200, 200), 1);
    if (!label.empty())
      cv::putText(canvas, label, {kPreviewPad + 4, y + 13}, cv::FONT_HERSHEY_SIMPLEX, kFont, {255, 255, 255}, 1,
                  cv::LINE_AA);
    y += pic.rows + (i + 1 < b.panels.size() ? kGap : 0);
  }
  for (std::size_t i = 0; i < b.caption.size() && i < 4; ++i)
    cv::putText(canvas, b.caption[i], {kPreviewPad, y + 15 + 16 * static_cast<int>(i)}, cv::FONT_HERSHEY_SIMPLEX,
                i == 0 ? 0.45 : kFont, i == 0 ? cv::Scalar(0, 0, 0) : cv::Scalar(90, 90, 90), 1, cv::LINE_AA);
  return y + kCaption + kPreviewPad;
}

}  // namespace

int preview_audio(const PreviewOpts& o, const engine::LoadedPolicy& lp, const sampling::PolicySampler& sampler,
                  const rt::io::Source& source) {
  const std::string field = lp.policy->sample->of_kind(FieldKind::Audio).front()->name;
  engine::RunnerOptions ro;
  ro.seed = o.seed;
  ro.path = o.path;
  engine::SampleRunner runner(lp, sampler, source, ro);
  const int width = 3 * o.tile;
  std::vector<Block> blocks;
  engine::ProcessedSample s;
  int failed = 0, height = kIdentityMargin;
  for (std::size_t index : preview_order(o, source.size())) {
    runner.run(index, o.epoch, s);
    blocks.push_back(make_block(o, lp, source, s, field, width));
    if (!blocks.back().error.empty()) {
      ++failed;
      std::cerr << fmt::format("error: {}\n", located_error(s.origin, s.key, blocks.back().error));
    }
    height += block_height(blocks.back());
  }
  const auto id = identity_lines(o, lp, source);
  const int canvas_width = identity_width(id, width + 2 * kPreviewPad);
  cv::Mat canvas(height + kPreviewPad, canvas_width, CV_8UC3, cv::Scalar(255, 255, 255));
  draw_identity(canvas, id, canvas_width);
  int y = kIdentityMargin;
  for (const auto& b : blocks) y = draw_block(canvas, b, y);
  if (int rc = write_png(o.out, canvas); rc != kExitOk) return rc;
  std::cerr << fmt::format("auger preview: {} samples ({} failed) → {}\n", blocks.size(), failed, o.out);
  return failed == static_cast<int>(blocks.size()) ? kExitRunFailed : kExitOk;
}

}  // namespace auger::cli
