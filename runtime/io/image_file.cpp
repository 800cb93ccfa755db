#include "runtime/io/image_file.h"

#include <filesystem>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

namespace auger::rt {

Image read_image(const std::string& path, int channels, long long max_pixels) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw std::runtime_error(path + ": no such file");
  cv::Mat m;
  try {
    m = cv::imread(path, (channels == 1 ? cv::IMREAD_GRAYSCALE : cv::IMREAD_COLOR));
  } catch (const cv::Exception& e) {
    throw std::runtime_error(path + ": cannot decode (" + e.msg + ")");
  }
  if (m.empty()) throw std::runtime_error(path + ": not a decodable image");
  if (static_cast<long long>(m.rows) * m.cols > max_pixels)
    throw std::runtime_error(path + ": " + std::to_string(m.cols) + "x" + std::to_string(m.rows) +
                             " pixels is over the limit");
  if (m.depth() != CV_8U) m.convertTo(m, CV_8U, 1.0 / 257.0);
  Image img = Image::make_u8(m.channels() == 1 ? 1 : 3, m.rows, m.cols);
  if (m.channels() == 1) {
    for (int y = 0; y < m.rows; ++y) std::copy_n(m.ptr<std::uint8_t>(y), m.cols, &img.at8(0, y, 0));
    return img;
  }
  for (int y = 0; y < m.rows; ++y) {
    const auto* row = m.ptr<std::uint8_t>(y);
    for (int x = 0; x < m.cols; ++x) {
      img.at8(0, y, x) = row[3 * x + 2];  // OpenCV decodes BGR
      img.at8(1, y, x) = row[3 * x + 1];
      img.at8(2, y, x) = row[3 * x + 0];
    }
  }
  return img;
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
