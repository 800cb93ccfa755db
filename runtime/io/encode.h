// Encoding augmented images for shards and files: PNG for u8 images with 1 or 3 channels (deterministic: the
// same pixels give the same bytes), NumPy .npy for everything else (float tensors, other channel counts).
#pragma once

#include <string>

#include "runtime/image/image.h"

namespace auger::rt::io {

// True when `img` is written as PNG (u8, 1, 3 or 4 channels), false when as .npy.
bool encodes_as_png(const Image& img);

// PNG bytes of a u8 image with 1, 3 or 4 channels (gray, RGB, RGBA), zlib level `level` (0..9). Throws
// std::runtime_error otherwise.
std::string encode_png(const Image& img, int level = 3);

}  // namespace auger::rt::io
