// JPEG through libjpeg-turbo's libjpeg API: headers first (size, components, EXIF), then a decode of any
// rectangle that reads only the rows it needs and skips the columns it can.
#pragma once

#include <memory>
#include <string_view>

#include "runtime/image/image.h"
#include "runtime/io/decode.h"

namespace auger::rt::io::detail {

class JpegDecoder {
 public:
  // Reads the headers (up to the first scan). Throws DecodeError. `bytes` must outlive the decoder.
  explicit JpegDecoder(std::string_view bytes);
  ~JpegDecoder();
  JpegDecoder(const JpegDecoder&) = delete;
  JpegDecoder& operator=(const JpegDecoder&) = delete;

  // As stored, before EXIF orientation.
  [[nodiscard]] int width() const;
  [[nodiscard]] int height() const;
  [[nodiscard]] int components() const;  // 1, 3, or 4 (CMYK/YCCK)
  // The first APP1 segment holding EXIF ("Exif\0\0" and TIFF data); empty when there is none.
  [[nodiscard]] std::string_view exif() const;

  // Decodes `rect` (stored pixels, inside the image) into a CHW u8 image of `channels` channels: 3 gives RGB
  // (gray replicated, CMYK converted as PIL does), 1 gives luma. Call once. Throws DecodeError when the data is
  // truncated (no end-of-image marker after the scans, or the data ends early) or libjpeg reports an error.
  // `scale_denom` (1, 2, 4 or 8) decodes at that fraction of the size with libjpeg's scaled IDCT; `rect` is then
  // in the scaled image's pixels (ceil(width / scale_denom) wide).
  Image decode(const Region& rect, int channels, int scale_denom = 1);

 private:
  struct State;
  std::unique_ptr<State> s_;
};

}  // namespace auger::rt::io::detail
