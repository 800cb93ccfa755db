// NumPy `.npy` files (format 1.0): what `auger apply` writes for float tensors and what tests exchange with
// torchvision. Only C-order arrays of uint8 or little-endian float32.
#pragma once

#include <string>
#include <vector>

#include "runtime/image/image.h"

namespace auger::rt {

// Writes a CHW image (u8 → `|u1`, f32 → `<f4`). Throws std::runtime_error on I/O failure.
void write_npy(const std::string& path, const Image& img);
// Writes a float32 array of any rank (a spectrogram: [n_mels, frames]); data.size() is the shape's product.
void write_npy_f32(const std::string& path, const std::vector<std::size_t>& shape, const std::vector<float>& data);
// The bytes write_npy_f32 writes.
std::string encode_npy_f32(const std::vector<std::size_t>& shape, const std::vector<float>& data);
// The bytes write_npy writes.
std::string encode_npy(const Image& img);
// Reads a 3-D (CHW) or 2-D (HW, one channel) array of uint8 or float32. Throws std::runtime_error otherwise.
Image read_npy(const std::string& path);

}  // namespace auger::rt
