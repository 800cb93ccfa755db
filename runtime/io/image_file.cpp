#include "runtime/io/image_file.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <stdexcept>

#include "runtime/io/decode.h"

namespace auger::rt {

Image read_image(const std::string& path, int channels, long long max_pixels) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw std::runtime_error(path + ": no such file");
  std::ifstream in(path, std::ios::binary);
  std::string bytes(std::filesystem::file_size(path, ec), '\0');
  if (ec || !in.read(bytes.data(), static_cast<std::streamsize>(bytes.size())))
    throw std::runtime_error(path + ": cannot read");
  io::DecodeRequest request;
  request.channels = channels == 1 ? 1 : 3;
  request.class_ids = channels == 1;  // one channel is read for masks: a palette PNG gives its class ids
  request.max_pixels = max_pixels < 0 ? 0 : static_cast<std::uint64_t>(max_pixels);
  try {
    return io::decode_image(bytes, request).image;
  } catch (const io::DecodeError& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

void write_png(const std::string& path, const Image& img) {
  if (!img.is_u8() || (img.c() != 1 && img.c() != 3))
    throw std::runtime_error(path + ": only u8 images with 1 or 3 channels are written as PNG");
  cv::Mat m(img.h(), img.w(), img.c() == 1 ? CV_8UC1 : CV_8UC3);
  for (int y = 0; y < img.h(); ++y) {
    auto* row = m.ptr<std::uint8_t>(y);
    for (int x = 0; x < img.w(); ++x) {
      if (img.c() == 1) {
        row[x] = img.at8(0, y, x);
      } else {
        row[3 * x + 0] = img.at8(2, y, x);
        row[3 * x + 1] = img.at8(1, y, x);
        row[3 * x + 2] = img.at8(0, y, x);
      }
    }
  }
  if (!cv::imwrite(path, m)) throw std::runtime_error("cannot write " + path);
}

}  // namespace auger::rt
