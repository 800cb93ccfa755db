// Reading image files (JPEG, PNG, WebP, BMP; decode.h) and writing PNG files as planar RGB `u8` images.
#pragma once

#include <string>

#include "runtime/image/image.h"

namespace auger::rt {

// Decodes `path` with decode_image (decode.h) into a CHW u8 image with `channels` channels (3: RGB; 1: grayscale).
// Grayscale files become three equal channels, alpha is dropped, 16-bit samples are scaled to 8 bits, EXIF
// orientation is applied. Throws std::runtime_error naming the path and the reason when the file is missing, not
// an image, corrupt, or its header says it is larger than `max_pixels` (refused before any pixel is decoded).
// One channel is how masks are read: a palette PNG then gives its palette indices (class ids), not luma.
Image read_image(const std::string& path, int channels = 3, long long max_pixels = 178956970);

// Writes a u8 image (1 or 3 channels) as PNG. Throws std::runtime_error on failure.
void write_png(const std::string& path, const Image& img);

}  // namespace auger::rt
