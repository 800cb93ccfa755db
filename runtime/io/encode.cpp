#include "runtime/io/encode.h"

#include <opencv2/imgcodecs.hpp>
#include <stdexcept>
#include <vector>

namespace auger::rt::io {

bool encodes_as_png(const Image& img) {
  return img.is_u8() && (img.c() == 1 || img.c() == 3 || img.c() == 4);
}

std::string encode_png(const Image& img, int level) {
  if (!encodes_as_png(img)) throw std::runtime_error("only u8 images with 1, 3 or 4 channels are encoded as PNG");
  // OpenCV wants interleaved BGR(A).
  const int c = img.c();
  cv::Mat m(img.h(), img.w(), CV_8UC(c));
  const std::size_t plane = static_cast<std::size_t>(img.h()) * img.w();
  static constexpr int kFrom[4] = {2, 1, 0, 3};  // BGRA's channel k is RGBA's kFrom[k]
  for (int y = 0; y < img.h(); ++y) {
    auto* row = m.ptr<std::uint8_t>(y);
    const std::size_t at = static_cast<std::size_t>(y) * img.w();
    if (c == 1) {
      std::copy_n(img.u8.data() + at, img.w(), row);
      continue;
    }
    for (int k = 0; k < c; ++k) {
      const std::uint8_t* src = img.u8.data() + static_cast<std::size_t>(kFrom[k]) * plane + at;
      for (int x = 0; x < img.w(); ++x) row[c * x + k] = src[x];
    }
  }
  std::vector<std::uint8_t> buf;
  if (!cv::imencode(".png", m, buf, {cv::IMWRITE_PNG_COMPRESSION, level}))
    throw std::runtime_error("PNG encoding failed");
  return {buf.begin(), buf.end()};
}

}  // namespace auger::rt::io
