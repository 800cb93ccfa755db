#include "runtime/image/image.h"

namespace auger::rt {

Image Image::make_u8(int c, int h, int w, std::uint8_t fill) {
  Image im;
  im.shape = {c, h, w, Elem::U8};
  im.u8.assign(static_cast<std::size_t>(c) * h * w, fill);
  return im;
}

Image Image::make_f32(int c, int h, int w, float fill) {
  Image im;
  im.shape = {c, h, w, Elem::F32};
  im.f32.assign(static_cast<std::size_t>(c) * h * w, fill);
  return im;
}

}  // namespace auger::rt
