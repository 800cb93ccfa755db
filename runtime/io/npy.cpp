#include "runtime/io/npy.h"

#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace auger::rt {

namespace {

// The format 1.0 header for a C-order array of `descr` with `shape`.
std::string npy_header(const char* descr, const std::vector<std::size_t>& shape) {
  std::ostringstream dict;
  dict << "{'descr': '" << descr << "', 'fortran_order': False, 'shape': (";
  for (std::size_t i = 0; i < shape.size(); ++i) dict << (i ? ", " : "") << shape[i];
  dict << (shape.size() == 1 ? ",), }" : "), }");
  std::string header = dict.str();
  // magic (6) + version (2) + length (2) + header + '\n', padded to a multiple of 64.
  std::size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header.push_back('\n');
  std::string out("\x93NUMPY\x01\x00", 8);
  const auto len = static_cast<std::uint16_t>(header.size());
  out.push_back(static_cast<char>(len & 0xff));
  out.push_back(static_cast<char>(len >> 8));
  return out + header;
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw std::runtime_error("cannot write " + path);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path);
}

}  // namespace

std::string encode_npy(const Image& img) {
  const std::vector<std::size_t> shape = {static_cast<std::size_t>(img.c()), static_cast<std::size_t>(img.h()),
                                          static_cast<std::size_t>(img.w())};
  std::string out = npy_header(img.is_u8() ? "|u1" : "<f4", shape);
  if (img.is_u8())
    out.append(reinterpret_cast<const char*>(img.u8.data()), img.u8.size());
  else
    out.append(reinterpret_cast<const char*>(img.f32.data()), img.f32.size() * sizeof(float));
  return out;
}

std::string encode_npy_f32(const std::vector<std::size_t>& shape, const std::vector<float>& data) {
  std::string bytes = npy_header("<f4", shape);
  bytes.append(reinterpret_cast<const char*>(data.data()), data.size() * sizeof(float));
  return bytes;
}

void write_npy_f32(const std::string& path, const std::vector<std::size_t>& shape, const std::vector<float>& data) {
  write_bytes(path, encode_npy_f32(shape, data));
}

void write_npy(const std::string& path, const Image& img) {
  write_bytes(path, encode_npy(img));
}

Image read_npy(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  char magic[8];
  in.read(magic, 8);
  if (!in || std::memcmp(magic, "\x93NUMPY", 6) != 0) throw std::runtime_error(path + ": not a .npy file");
  std::size_t hlen = 0;
  if (magic[6] == 1) {
    unsigned char b[2];
    in.read(reinterpret_cast<char*>(b), 2);
    hlen = b[0] | (b[1] << 8);
  } else {
    unsigned char b[4];
    in.read(reinterpret_cast<char*>(b), 4);
    hlen = b[0] | (b[1] << 8) | (b[2] << 16) | (static_cast<std::size_t>(b[3]) << 24);
  }
  std::string header(hlen, '\0');
  in.read(header.data(), static_cast<std::streamsize>(hlen));
  std::smatch m;
  if (!std::regex_search(header, m, std::regex("'descr':\\s*'([^']*)'"))) throw std::runtime_error(path + ": no dtype");
  const std::string descr = m[1];
  if (std::regex_search(header, std::regex("'fortran_order':\\s*True")))
    throw std::runtime_error(path + ": Fortran order is not supported");
  if (!std::regex_search(header, m, std::regex("'shape':\\s*\\(([^)]*)\\)")))
    throw std::runtime_error(path + ": no shape");
  std::vector<int> dims;
  std::stringstream ss(m[1].str());
  for (std::string item; std::getline(ss, item, ',');)
    if (item.find_first_not_of(" ") != std::string::npos) dims.push_back(std::stoi(item));
  if (dims.size() == 2) dims.insert(dims.begin(), 1);
  if (dims.size() != 3) throw std::runtime_error(path + ": expected a CHW or HW array");
  Image img;
  if (descr == "|u1" || descr == "<u1") {
    img = Image::make_u8(dims[0], dims[1], dims[2]);
    in.read(reinterpret_cast<char*>(img.u8.data()), static_cast<std::streamsize>(img.u8.size()));
  } else if (descr == "<f4") {
    img = Image::make_f32(dims[0], dims[1], dims[2]);
    in.read(reinterpret_cast<char*>(img.f32.data()), static_cast<std::streamsize>(img.f32.size() * 4));
  } else {
    throw std::runtime_error(path + ": dtype " + descr + " is not supported (uint8 or float32)");
  }
  if (!in) throw std::runtime_error(path + ": truncated");
  return img;
}

}  // namespace auger::rt
