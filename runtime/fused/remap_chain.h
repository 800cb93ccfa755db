// Flips, crops and pads composed into one index map per axis. Every remap op of ops.md §1 is separable: an
// output column depends only on the input column (and a row only on the input row), so a chain of them is two
// small tables. Fill colours compose too: a pixel takes the fill of the LATEST remap that put it outside its
// input along either axis, so each axis records which remap filled it and the 2-D code is the larger of the two.
#pragma once

#include <string>
#include <vector>

#include "runtime/image/image.h"
#include "runtime/ops/trace.h"

namespace auger::rt::fused {

struct AxisMap {
  std::vector<int> src;   // per output index: the input index (meaningful when code < 0)
  std::vector<int> code;  // -1, or the remap step whose fill colour this index takes
  [[nodiscard]] int size() const { return static_cast<int>(src.size()); }
  [[nodiscard]] bool has_fill() const;
  [[nodiscard]] bool is_identity() const;  // src[i] == i everywhere, no fill
};

class RemapChain {
 public:
  explicit RemapChain(const Shape& input);

  // Appends a remap op (hflip, vflip, crop, center_crop, random_crop, pad) with resolved arguments. Returns false
  // for any other op or an argument it does not understand (the caller then runs the reference path).
  bool append(const AppliedOp& op);
  // The crop of random_resized_crop, whose resize follows.
  void crop(int top, int left, int h, int w);

  [[nodiscard]] const AxisMap& x() const { return x_; }
  [[nodiscard]] const AxisMap& y() const { return y_; }
  [[nodiscard]] const Shape& shape() const { return shape_; }
  // The fill colour of each code, one value per channel, in the image's scale (torch fills a u8 tensor with the
  // value truncated to u8).
  [[nodiscard]] const std::vector<std::vector<double>>& fills() const { return fills_; }
  [[nodiscard]] bool has_fill() const { return x_.has_fill() || y_.has_fill(); }
  // No remap changes anything: same extent as the input (a crop at the origin is not the identity) and every
  // index maps to itself.
  [[nodiscard]] bool is_identity() const {
    return shape_.w == input_w_ && shape_.h == input_h_ && x_.is_identity() && y_.is_identity();
  }

 private:
  enum class PadMode { Constant, Reflect, Edge };
  void pad(int left, int top, int right, int bottom, PadMode mode, std::vector<double> fill);
  void flip(bool along_x);
  // Applies one step to an axis: `step(i)` gives the input index of output i, or -1 when it is filled.
  template <class Step>
  void map_axis(AxisMap& axis, int out_size, Step step, int code);

  Shape shape_;
  int input_w_ = 0, input_h_ = 0;
  AxisMap x_, y_;
  std::vector<std::vector<double>> fills_;
};

}  // namespace auger::rt::fused
