// What every kind of `auger preview` shares: its options, the run's identity it prints, which samples it shows and
// where a picture goes.
#pragma once

#include <cstdint>
#include <opencv2/core.hpp>
#include <string>
#include <utility>
#include <vector>

#include "engine/policy_loader.h"
#include "runtime/io/source.h"
#include "tools/commands.h"

namespace auger::cli {

struct PreviewOpts {
  std::string file, policy, input, out;
  std::vector<std::string> sets, disabled;
  std::uint64_t seed = 0, epoch = 0;
  int n = 16, tile = 224;
  std::string path = "fused";
  bool original = false;   // audio: draw each sample's input above its result
  std::string translator;  // back_translate's (docs/text.md); empty: AUGER_TRANSLATOR, else Apertium
  FrontOptions front;
};

// The identity's two lines: the file, its hash, the policy, seed, epoch and path; the input and the arguments.
std::pair<std::string, std::string> identity_lines(const PreviewOpts& o, const engine::LoadedPolicy& lp,
                                                   const rt::io::Source& source);

// The identity in a picture's top margin (`kIdentityMargin` px), each line fitted to `width` less the padding.
inline constexpr int kIdentityMargin = 64, kPreviewPad = 8;
void draw_identity(cv::Mat& canvas, const std::pair<std::string, std::string>& id, int width);
// The canvas width that holds `content` px and the identity (up to 2,000 px; beyond that it is shortened).
int identity_width(const std::pair<std::string, std::string>& id, int content);

// The first `n` samples of the epoch's shuffled order: the seed picks which samples are shown.
std::vector<std::size_t> preview_order(const PreviewOpts& o, std::size_t source_size);

// Why `-o` may not be written (a usage error, checked before anything is): it is the input file, a file in the
// input folder, or the policy file — the same file by device and inode, so a link or another spelling is caught.
// Empty when it may.
std::string output_over_input(const PreviewOpts& o);

// Writes `image` (creating the folder); prints why not and returns kExitRunFailed.
int write_png(const std::string& out, const cv::Mat& image);

}  // namespace auger::cli
