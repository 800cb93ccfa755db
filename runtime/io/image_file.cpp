#include "runtime/io/image_file.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "runtime/io/decode.h"

namespace auger::rt {

Image read_image(const std::string& path, int channels, bool class_ids, long long max_pixels) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw std::runtime_error(path + ": no such file");
  std::ifstream in(path, std::ios::binary);
  std::string bytes(std::filesystem::file_size(path, ec), '\0');
  if (ec || !in.read(bytes.data(), static_cast<std::streamsize>(bytes.size())))
    throw std::runtime_error(path + ": cannot read");
  io::DecodeRequest request;
  request.channels = channels;
  request.class_ids = class_ids;
  request.max_pixels = max_pixels < 0 ? 0 : static_cast<std::uint64_t>(max_pixels);
  try {
    return io::decode_image(bytes, request).image;
  } catch (const io::DecodeError& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

}  // namespace auger::rt
