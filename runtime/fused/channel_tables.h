// Per-channel u8 -> u8 tables: a run of per-channel ops (brightness, invert, posterize, solarize, gamma,
// autocontrast, equalize, contrast) composed into one 256-entry table per channel on the host, so the kernel does
// one lookup per value whatever the run. Ops that need statistics of their input get them exactly: the histogram of
// the kernel's input mapped through the table so far is the histogram of the op's input, and contrast's mean grey
// is one pass over the input through the table so far. Each op's arithmetic is its reference's, value by value.
#pragma once

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "runtime/image/image.h"
#include "runtime/ops/trace.h"

namespace auger::rt::fused {

class ChannelTables {
 public:
  // Identity tables for `channels` channels. `input` is the kernel's materialised input when statistics ops may
  // appear (the first table of a pointwise kernel), else nullptr.
  ChannelTables(int channels, const Image* input);

  using Table = std::array<std::uint8_t, 256>;

  // The op's own table per channel, with the statistics of the image the tables so far produce. False for an op it
  // cannot express (the caller falls back).
  bool op_tables(const AppliedOp& op, std::vector<Table>* out);
  // Composes per-channel tables after the tables so far.
  void compose(const std::vector<Table>& t);
  // op_tables then compose.
  bool append(const AppliedOp& op);

  [[nodiscard]] int channels() const { return static_cast<int>(t_.size()); }
  [[nodiscard]] const std::array<std::uint8_t, 256>& table(int c) const { return t_[static_cast<std::size_t>(c)]; }
  [[nodiscard]] bool is_identity() const;

  // The statistics the next op would use, for a kernel that applies it arithmetically instead of as a table:
  // contrast's mean grey and autocontrast's per-channel lo and scale (needs the input; lo = 0, scale = 1 for a flat
  // channel, as the reference).
  [[nodiscard]] bool has_input() const { return input_ != nullptr; }
  [[nodiscard]] float gray_mean() const { return current_gray_mean(); }
  std::pair<float, float> autocontrast_params(int c);

 private:
  using Hist = std::array<std::int64_t, 256>;
  // The histogram of channel c of the image the next op sees.
  Hist current_histogram(int c);
  // The least and greatest value of channel c as the tables so far map it; false when the channel is empty.
  bool current_range(int c, int* lo, int* hi);
  // mean(gray(image the next op sees)) as the reference's contrast computes it.
  float current_gray_mean() const;
  void map(int c, const Table& f);  // t = f o t

  std::vector<std::array<std::uint8_t, 256>> t_;
  const Image* input_;
  std::vector<Hist> input_hist_;                  // lazily, per channel
  std::vector<std::pair<int, int>> input_range_;  // lazily, per channel: the input's least and greatest value
};

}  // namespace auger::rt::fused
