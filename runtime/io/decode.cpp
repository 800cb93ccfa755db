#include "runtime/io/decode.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "runtime/io/exif_orientation.h"
#include "runtime/io/jpeg_decode.h"

namespace auger::rt::io {

namespace {

using detail::apply_orientation;
using detail::exif_orientation;
using detail::JpegDecoder;
using detail::stored_region;
using detail::swaps_axes;

enum class Format { Jpeg, Png, Webp, Bmp };

std::uint32_t be32(const unsigned char* p) {
  return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3];
}
std::uint32_t le32(const unsigned char* p) {
  return std::uint32_t{p[3]} << 24 | std::uint32_t{p[2]} << 16 | std::uint32_t{p[1]} << 8 | p[0];
}
std::uint32_t le24(const unsigned char* p) {
  return std::uint32_t{p[2]} << 16 | std::uint32_t{p[1]} << 8 | p[0];
}
std::uint16_t le16(const unsigned char* p) {
  return static_cast<std::uint16_t>(p[1] << 8 | p[0]);
}

const unsigned char* u8(std::string_view bytes) {
  return reinterpret_cast<const unsigned char*>(bytes.data());
}

Format detect(std::string_view b) {
  if (b.empty()) throw DecodeError("empty (no bytes)");
  if (b.size() >= 3 && b.substr(0, 3) == "\xFF\xD8\xFF") return Format::Jpeg;
  if (b.size() >= 8 && b.substr(0, 8) == "\x89PNG\r\n\x1A\n") return Format::Png;
  if (b.size() >= 12 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP") return Format::Webp;
  if (b.size() >= 2 && b.substr(0, 2) == "BM") return Format::Bmp;
  if (b.substr(0, 4) == "GIF8") throw DecodeError("unsupported format (GIF)");
  if (b.substr(0, 4) == std::string_view("II*\0", 4) || b.substr(0, 4) == std::string_view("MM\0*", 4))
    throw DecodeError("unsupported format (TIFF)");
  throw DecodeError("not an image (no JPEG, PNG, WebP or BMP signature)");
}

// A header's facts, before orientation.
struct Header {
  ImageInfo info;         // width and height as stored
  std::string_view exif;  // EXIF block (PNG eXIf / WebP EXIF chunk), empty when none
  bool complete = false;  // the container reaches its end (PNG: IEND; WebP: the RIFF size; BMP: the pixels)
};

void check_limit(const char* format, std::uint64_t w, std::uint64_t h, std::uint64_t max_pixels) {
  if (w * h > max_pixels)
    throw DecodeError(std::string(format) + ": " + std::to_string(w) + "x" + std::to_string(h) +
                      " pixels is over the limit of " + std::to_string(max_pixels));
}

// PNG: the IHDR chunk gives the size; the chunk list is walked (lengths only, nothing inflated) for eXIf and to
// see whether it reaches IEND.
Header png_header(std::string_view b) {
  const unsigned char* p = u8(b);
  if (b.size() < 33 || be32(p + 8) != 13 || b.substr(12, 4) != "IHDR")
    throw DecodeError("png: corrupt header (no IHDR chunk)");
  Header h;
  const std::uint32_t w = be32(p + 16), ht = be32(p + 20);
  const int depth = p[24], colour = p[25];
  if (w == 0 || ht == 0 || w > 0x7FFFFFFF || ht > 0x7FFFFFFF) throw DecodeError("png: corrupt header (size)");
  static constexpr int kChannels[] = {1, 0, 3, 3, 2, 0, 4};  // by colour type; 0: invalid
  if (colour > 6 || kChannels[colour] == 0) throw DecodeError("png: corrupt header (colour type)");
  if (depth != 1 && depth != 2 && depth != 4 && depth != 8 && depth != 16)
    throw DecodeError("png: corrupt header (bit depth)");
  h.info = {static_cast<int>(w), static_cast<int>(ht), kChannels[colour], depth == 16 ? 16 : 8, 1, "png"};
  for (std::size_t at = 8; at + 12 <= b.size();) {
    const std::uint64_t length = be32(p + at);
    const std::string_view type = b.substr(at + 4, 4);
    if (length > 0x7FFFFFFF || at + 12 + length > b.size()) break;
    if (type == "eXIf" && h.exif.empty()) h.exif = b.substr(at + 8, length);
    if (type == "IEND") {
      h.complete = true;
      break;
    }
    at += 12 + length;
  }
  return h;
}

// WebP: the first chunk says lossy (VP8), lossless (VP8L) or extended (VP8X, whose chunks may hold EXIF).
Header webp_header(std::string_view b) {
  const unsigned char* p = u8(b);
  Header h;
  h.complete = std::uint64_t{le32(p + 4)} + 8 <= b.size();
  if (b.size() < 30) throw DecodeError("webp: truncated (the data ends inside the headers)");
  const std::string_view kind = b.substr(12, 4);
  const unsigned char* d = p + 20;
  std::uint32_t w = 0, ht = 0;
  int channels = 3;
  if (kind == "VP8 ") {
    if ((d[0] & 1) != 0 || d[3] != 0x9D || d[4] != 0x01 || d[5] != 0x2A)
      throw DecodeError("webp: corrupt header (no VP8 key frame)");
    w = le16(d + 6) & 0x3FFF, ht = le16(d + 8) & 0x3FFF;
  } else if (kind == "VP8L") {
    if (d[0] != 0x2F) throw DecodeError("webp: corrupt header (VP8L signature)");
    const std::uint32_t bits = le32(d + 1);
    w = (bits & 0x3FFF) + 1, ht = ((bits >> 14) & 0x3FFF) + 1;
    channels = (bits >> 28) & 1 ? 4 : 3;
  } else if (kind == "VP8X") {
    if (d[0] & 0x02) throw DecodeError("unsupported format (animated WebP)");
    channels = d[0] & 0x10 ? 4 : 3;
    w = le24(d + 4) + 1, ht = le24(d + 7) + 1;
    for (std::size_t at = 12; at + 8 <= b.size();) {
      const std::uint64_t length = le32(p + at + 4);
      if (at + 8 + length > b.size()) break;
      if (b.substr(at, 4) == "EXIF") {
        h.exif = b.substr(at + 8, length);
        break;
      }
      at += 8 + length + (length & 1);
    }
  } else {
    throw DecodeError("webp: corrupt header (unknown chunk)");
  }
  if (w == 0 || ht == 0) throw DecodeError("webp: corrupt header (size)");
  h.info = {static_cast<int>(w), static_cast<int>(ht), channels, 8, 1, "webp"};
  return h;
}

// BMP: BITMAPCOREHEADER (12 bytes) or BITMAPINFOHEADER and its successors (40 bytes and more).
Header bmp_header(std::string_view b) {
  const unsigned char* p = u8(b);
  if (b.size() < 26) throw DecodeError("bmp: truncated (the data ends inside the headers)");
  const std::uint32_t offset = le32(p + 10), dib = le32(p + 14);
  std::int64_t w = 0, ht = 0;
  int bpp = 0;
  std::uint32_t compression = 0;
  if (dib == 12) {
    w = le16(p + 18), ht = le16(p + 20), bpp = le16(p + 24);
  } else if (dib >= 40) {
    if (b.size() < 34) throw DecodeError("bmp: truncated (the data ends inside the headers)");
    w = static_cast<std::int32_t>(le32(p + 18)), ht = static_cast<std::int32_t>(le32(p + 22));
    bpp = le16(p + 28), compression = le32(p + 30);
  } else {
    throw DecodeError("bmp: corrupt header (unknown DIB header)");
  }
  if (ht < 0) ht = -ht;  // top-down rows
  if (w <= 0 || ht == 0 || w > 0x7FFFFFFF || ht > 0x7FFFFFFF) throw DecodeError("bmp: corrupt header (size)");
  if (bpp != 1 && bpp != 4 && bpp != 8 && bpp != 16 && bpp != 24 && bpp != 32)
    throw DecodeError("bmp: corrupt header (bits per pixel)");
  Header h;
  h.info = {static_cast<int>(w), static_cast<int>(ht), bpp == 32 ? 4 : 3, 8, 1, "bmp"};
  // Uncompressed (BI_RGB, BI_BITFIELDS) pixel arrays have a known size; run-length ones end where they end.
  const bool uncompressed = compression == 0 || compression == 3;
  const std::uint64_t stride = (static_cast<std::uint64_t>(w) * bpp + 31) / 32 * 4;
  h.complete = !uncompressed || std::uint64_t{offset} + stride * static_cast<std::uint64_t>(ht) <= b.size();
  return h;
}

Header read_header(Format f, std::string_view b) {
  switch (f) {
    case Format::Png: return png_header(b);
    case Format::Webp: return webp_header(b);
    case Format::Bmp: return bmp_header(b);
    case Format::Jpeg: break;
  }
  throw std::logic_error("read_header: JPEG headers are read by JpegDecoder");
}

void orient(ImageInfo& info) {
  if (swaps_axes(info.orientation)) std::swap(info.width, info.height);
}

void check_region(const Region& r, int w, int h) {
  if (r.w <= 0 || r.h <= 0 || r.x < 0 || r.y < 0 || r.x > w - r.w || r.y > h - r.h)
    throw std::invalid_argument("decode_image: region " + std::to_string(r.w) + "x" + std::to_string(r.h) + "+" +
                                std::to_string(r.x) + "+" + std::to_string(r.y) + " is not inside the " +
                                std::to_string(w) + "x" + std::to_string(h) + " image");
}

// OpenCV's decoders (PNG, WebP, BMP), then `rect` (stored pixels) as RGB, RGBA or luma: 16 bits → round(v / 257),
// gray replicated, alpha dropped (PIL's convert('RGB')) or kept (convert('RGBA'): 255 where the file has none),
// BGR → RGB.
Image decode_with_opencv(std::string_view b, const char* format, const Region& rect, int channels) {
  cv::Mat m;
  try {
    // imdecode only reads its input; the Mat header just cannot say so.
    const cv::Mat input(1, static_cast<int>(b.size()), CV_8UC1, const_cast<char*>(b.data()));
    m = cv::imdecode(input, cv::IMREAD_UNCHANGED);  // UNCHANGED: no conversions, and no EXIF (done here)
  } catch (const cv::Exception& e) {
    throw DecodeError(std::string(format) + ": corrupt image data (" + e.err + ")");
  }
  if (m.empty()) throw DecodeError(std::string(format) + ": corrupt image data (the decoder gave up)");
  if (m.depth() != CV_8U && m.depth() != CV_16U) throw DecodeError(std::string(format) + ": unsupported sample type");
  if (m.cols < rect.x + rect.w || m.rows < rect.y + rect.h)
    throw DecodeError(std::string(format) + ": the decoded image is smaller than its header says");
  const int mc = m.channels();
  Image out = Image::make_u8(channels, rect.h, rect.w);
  const std::size_t plane = static_cast<std::size_t>(rect.w) * rect.h;
  // BGR(A) order: red is channel 2, blue 0; gray (and gray+alpha) has one colour channel.
  const int red = mc >= 3 ? 2 : 0, green = mc >= 3 ? 1 : 0;
  const bool wide = m.depth() == CV_16U;
  for (int y = 0; y < rect.h; ++y) {
    const std::uint8_t* row = m.ptr<std::uint8_t>(rect.y + y);
    const auto sample = [&](int x, int c) -> int {
      const std::size_t i = static_cast<std::size_t>(rect.x + x) * mc + c;
      return wide ? (reinterpret_cast<const std::uint16_t*>(row)[i] + 128) / 257 : row[i];
    };
    std::uint8_t* dst = out.u8.data() + static_cast<std::size_t>(y) * rect.w;
    const int alpha = mc == 4 ? 3 : mc == 2 ? 1 : -1;
    for (int x = 0; x < rect.w; ++x) {
      const int r = sample(x, red), g = sample(x, green), b = sample(x, 0);
      if (channels >= 3) {
        dst[x] = static_cast<std::uint8_t>(r);
        dst[plane + x] = static_cast<std::uint8_t>(g);
        dst[2 * plane + x] = static_cast<std::uint8_t>(b);
        if (channels == 4) dst[3 * plane + x] = static_cast<std::uint8_t>(alpha < 0 ? 255 : sample(x, alpha));
      } else {  // gray as it is; colour as PIL's convert('L')
        dst[x] = static_cast<std::uint8_t>(mc <= 2 ? r : (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16);
      }
    }
  }
  return out;
}

// The PLTE colours of a palette PNG (colour type 3) as 0xRRGGBB; empty for any other PNG.
std::vector<std::uint32_t> png_palette(std::string_view b) {
  const auto* p = u8(b);
  std::vector<std::uint32_t> colours;
  if (b.size() < 33 || p[25] != 3) return colours;
  for (std::size_t at = 8; at + 12 <= b.size();) {
    const std::uint64_t length = be32(p + at);
    if (at + 12 + length > b.size()) break;
    if (b.substr(at + 4, 4) == "PLTE") {
      for (std::size_t k = 0; k + 2 < length; k += 3) {
        const unsigned char* c = p + at + 8 + k;
        colours.push_back(std::uint32_t{c[0]} << 16 | std::uint32_t{c[1]} << 8 | c[2]);
      }
      break;
    }
    at += 12 + length;
  }
  return colours;
}

// A palette PNG's pixels are exactly palette colours: map the decoded RGB back to indices (the first index of a
// colour listed twice).
Image palette_indices(const Image& rgb, const std::vector<std::uint32_t>& palette) {
  std::unordered_map<std::uint32_t, std::uint8_t> index;
  for (std::size_t i = palette.size(); i-- > 0;)
    index[palette[i]] = static_cast<std::uint8_t>(std::min<std::size_t>(i, 255));
  Image out = Image::make_u8(1, rgb.h(), rgb.w());
  const std::size_t plane = out.u8.size();
  for (std::size_t k = 0; k < plane; ++k) {
    const std::uint32_t c =
        std::uint32_t{rgb.u8[k]} << 16 | std::uint32_t{rgb.u8[plane + k]} << 8 | rgb.u8[2 * plane + k];
    const auto it = index.find(c);
    if (it == index.end()) throw DecodeError("png: a pixel whose colour is not in the palette");
    out.u8[k] = it->second;
  }
  return out;
}

}  // namespace

ImageInfo probe_image(std::string_view bytes, std::uint64_t max_pixels) {
  const Format f = detect(bytes);
  ImageInfo info;
  if (f == Format::Jpeg) {
    const JpegDecoder jpeg(bytes);
    info = {jpeg.width(), jpeg.height(), jpeg.components(), 8, exif_orientation(jpeg.exif()), "jpeg"};
  } else {
    const Header h = read_header(f, bytes);
    info = h.info;
    info.orientation = exif_orientation(h.exif);
  }
  check_limit(info.format.c_str(), info.width, info.height, max_pixels);
  orient(info);
  return info;
}

Decoded decode_image(std::string_view bytes, const DecodeRequest& request) {
  if (request.channels != 1 && request.channels != 3 && request.channels != 4)
    throw std::invalid_argument("decode_image: channels must be 1, 3 or 4, not " + std::to_string(request.channels));
  const Format f = detect(bytes);
  Decoded out;
  if (f == Format::Jpeg) {
    JpegDecoder jpeg(bytes);
    check_limit("jpeg", jpeg.width(), jpeg.height(), request.max_pixels);
    const int orientation = exif_orientation(jpeg.exif());
    const bool swap = swaps_axes(orientation);
    out.full_width = swap ? jpeg.height() : jpeg.width();
    out.full_height = swap ? jpeg.width() : jpeg.height();
    out.region = request.region.value_or(Region{0, 0, out.full_width, out.full_height});
    check_region(out.region, out.full_width, out.full_height);
    // Decode only the stored rectangle that becomes the region, then turn it.
    Region rect = stored_region(out.region, orientation, jpeg.width(), jpeg.height());
    const int d = request.scale_denom;
    if (d != 1 && d != 2 && d != 4 && d != 8)
      throw std::invalid_argument("decode_image: scale_denom must be 1, 2, 4 or 8, not " + std::to_string(d));
    if (d > 1) {
      const auto up = [d](int v) { return (v + d - 1) / d; };
      const int x1 = std::min(up(rect.x + rect.w), up(jpeg.width())),
                y1 = std::min(up(rect.y + rect.h), up(jpeg.height()));
      rect = {rect.x / d, rect.y / d, 0, 0};
      rect.w = std::max(1, x1 - rect.x);
      rect.h = std::max(1, y1 - rect.y);
    }
    out.scale_denom = d;
    out.image = apply_orientation(jpeg.decode(rect, request.channels, d), orientation);
    return out;
  }
  const Header h = read_header(f, bytes);
  const char* format = h.info.format.c_str();
  check_limit(format, h.info.width, h.info.height, request.max_pixels);
  if (!h.complete) throw DecodeError(std::string(format) + ": truncated (the data ends before the image does)");
  const int orientation = exif_orientation(h.exif);
  const bool swap = swaps_axes(orientation);
  out.full_width = swap ? h.info.height : h.info.width;
  out.full_height = swap ? h.info.width : h.info.height;
  out.region = request.region.value_or(Region{0, 0, out.full_width, out.full_height});
  check_region(out.region, out.full_width, out.full_height);
  const Region rect = stored_region(out.region, orientation, h.info.width, h.info.height);
  if (request.class_ids && request.channels == 1 && f == Format::Png) {
    if (const auto palette = png_palette(bytes); !palette.empty()) {
      out.image = apply_orientation(palette_indices(decode_with_opencv(bytes, format, rect, 3), palette), orientation);
      return out;
    }
  }
  out.image = apply_orientation(decode_with_opencv(bytes, format, rect, request.channels), orientation);
  return out;
}

}  // namespace auger::rt::io
