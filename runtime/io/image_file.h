// Reading image files (JPEG, PNG, WebP, BMP; decode.h) as planar `u8` images (run_output.h writes them).
#pragma once

#include <string>

#include "runtime/image/image.h"

namespace auger::rt {

// Decodes `path` with decode_image (decode.h) into a CHW u8 image with `channels` channels (3: RGB; 1: grayscale,
// PIL's convert('L'); 4: RGBA). Grayscale files become three equal channels for RGB, alpha is dropped for RGB and
// gray (and 255 for RGBA where the file has none), 16-bit samples are scaled to 8 bits, EXIF orientation is
// applied. Throws std::runtime_error naming the path and the reason when the file is missing, not an image,
// corrupt, or its header says it is larger than `max_pixels` (refused before any pixel is decoded).
// `class_ids` (masks, one channel): a palette PNG gives its palette indices (class ids), not luma.
Image read_image(const std::string& path, int channels = 3, bool class_ids = false, long long max_pixels = 178956970);

}  // namespace auger::rt
