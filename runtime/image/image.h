// A decoded image in the layout torchvision's tensor backend uses: planar CHW, `u8` or `f32`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace auger::rt {

enum class Elem { U8, F32 };

struct Shape {
  int c = 0, h = 0, w = 0;
  Elem elem = Elem::U8;
  friend bool operator==(const Shape&, const Shape&) = default;
};

struct Image {
  Shape shape;
  std::vector<std::uint8_t> u8;  // c*h*w values when elem == U8
  std::vector<float> f32;        // c*h*w values when elem == F32

  static Image make_u8(int c, int h, int w, std::uint8_t fill = 0);
  static Image make_f32(int c, int h, int w, float fill = 0);

  [[nodiscard]] int c() const { return shape.c; }
  [[nodiscard]] int h() const { return shape.h; }
  [[nodiscard]] int w() const { return shape.w; }
  [[nodiscard]] bool is_u8() const { return shape.elem == Elem::U8; }
  [[nodiscard]] std::size_t index(int ch, int y, int x) const {
    return (static_cast<std::size_t>(ch) * shape.h + y) * shape.w + x;
  }
  std::uint8_t& at8(int ch, int y, int x) { return u8[index(ch, y, x)]; }
  [[nodiscard]] std::uint8_t at8(int ch, int y, int x) const { return u8[index(ch, y, x)]; }
  float& atf(int ch, int y, int x) { return f32[index(ch, y, x)]; }
  [[nodiscard]] float atf(int ch, int y, int x) const { return f32[index(ch, y, x)]; }
};

}  // namespace auger::rt
