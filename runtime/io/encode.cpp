#include "runtime/io/encode.h"

#include <opencv2/imgcodecs.hpp>
#include <stdexcept>
#include <vector>

namespace auger::rt::io {

bool encodes_as_png(const Image& img) {
  return img.is_u8() && (img.c() == 1 || img.c() == 3);
}

std::string encode_png(const Image& img, int level) {
  if (!encodes_as_png(img)) throw std::runtime_error("only u8 images with 1 or 3 channels are encoded as PNG");
  // OpenCV wants interleaved BGR.
  cv::Mat m(img.h(), img.w(), img.c() == 1 ? CV_8UC1 : CV_8UC3);
  const std::size_t plane = static_cast<std::size_t>(img.h()) * img.w();
  for (int y = 0; y < img.h(); ++y) {
    auto* row = m.ptr<std::uint8_t>(y);
    const std::size_t at = static_cast<std::size_t>(y) * img.w();
    if (img.c() == 1) {
      std::copy_n(img.u8.data() + at, img.w(), row);
      continue;
    }
    const std::uint8_t *r = img.u8.data() + at, *g = r + plane, *b = g + plane;
    for (int x = 0; x < img.w(); ++x) {
      row[3 * x + 0] = b[x];
      row[3 * x + 1] = g[x];
      row[3 * x + 2] = r[x];
    }
  }
  std::vector<std::uint8_t> buf;
  if (!cv::imencode(".png", m, buf, {cv::IMWRITE_PNG_COMPRESSION, level}))
    throw std::runtime_error("PNG encoding failed");
  return {buf.begin(), buf.end()};
}

}  // namespace auger::rt::io
