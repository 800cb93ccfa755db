// Decoding encoded images into planar u8 images: JPEG through libjpeg-turbo (with region decoding), PNG, WebP and
// BMP through OpenCV; EXIF orientation applied; headers checked before any pixel buffer is allocated.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "runtime/image/image.h"

namespace auger::rt::io {

// Not an image, truncated, unsupported, or refused by the limits. The message says which, without the path
// (the caller adds where the bytes came from).
struct DecodeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// An image as its header describes it, after EXIF orientation (width and height swapped for 90° rotations).
struct ImageInfo {
  int width = 0, height = 0;
  int channels = 0;     // as stored: 1 gray, 2 gray+alpha, 3 colour, 4 colour+alpha or CMYK
  int bit_depth = 8;    // 8 or 16
  int orientation = 1;  // EXIF orientation 1..8 (1 when absent)
  std::string format;   // "jpeg", "png", "webp", "bmp"
};

// A rectangle in the oriented image's pixels.
struct Region {
  int x = 0, y = 0, w = 0, h = 0;
  friend bool operator==(const Region&, const Region&) = default;
};

struct DecodeRequest {
  // 3: RGB (gray replicated, alpha dropped, CMYK converted); 1: grayscale (PIL's convert('L') luma); 4: RGBA (alpha
  // 255 where the file has none).
  int channels = 3;
  // Only this part is needed: the decoder may decode less than the whole image, but always all of `region`.
  std::optional<Region> region;
  std::uint64_t max_pixels = 178956970;  // width × height above this is refused from the header (PIL's default)
  // JPEG only: decode at 1/scale_denom of the size (1, 2, 4 or 8) with the scaled IDCT, much cheaper than a full
  // decode and a downscale. The pixels are not those of a full decode resized: callers ask for it knowingly.
  int scale_denom = 1;
  // Masks (channels == 1): a palette PNG (Pascal VOC's masks) gives each pixel's palette index — its class id —
  // rather than the luma of its colour.
  bool class_ids = false;
};

struct Decoded {
  // u8 CHW, `channels` channels: the pixels of `region` below; at 1/scale_denom of the size when scaled, the
  // scaled pixels [floor(x / d), ceil((x + w) / d)) × [floor(y / d), ceil((y + h) / d)) of the scaled image.
  Image image;
  Region region;        // the part of the oriented image `image` holds (the whole image when no region was asked)
  int scale_denom = 1;  // what was applied (always 1 for formats other than JPEG)
  int full_width = 0, full_height = 0;  // the oriented image's size
};

// Reads the header only. Throws DecodeError (not an image, unsupported, over max_pixels).
ImageInfo probe_image(std::string_view bytes, std::uint64_t max_pixels = 178956970);

// Decodes. 16-bit samples are scaled to 8 bits as round(v / 257). Throws DecodeError.
Decoded decode_image(std::string_view bytes, const DecodeRequest& request);

}  // namespace auger::rt::io
