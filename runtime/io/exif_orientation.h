// EXIF orientation (tag 0x0112): reading it with libexif, mapping regions between the stored and the oriented
// image, and turning a stored image the way the tag says.
#pragma once

#include <string_view>

#include "runtime/image/image.h"
#include "runtime/io/decode.h"

namespace auger::rt::io::detail {

// The orientation in an EXIF block: a JPEG APP1 payload ("Exif\0\0" then TIFF data) or bare TIFF data (a PNG
// eXIf chunk, a WebP EXIF chunk). 1 when the block is absent, unreadable or holds a value outside 1..8: a broken
// EXIF block never makes an image undecodable.
int exif_orientation(std::string_view exif);

// Orientations 5..8 are 90° turns: the oriented image is the stored one with width and height swapped.
inline bool swaps_axes(int orientation) {
  return orientation >= 5 && orientation <= 8;
}

// The rectangle of the stored (width × height) image whose pixels `oriented` shows once turned.
Region stored_region(const Region& oriented, int orientation, int stored_width, int stored_height);

// The stored image (or a stored rectangle of it: the turns commute with cropping) turned as `orientation` says.
Image apply_orientation(Image stored, int orientation);

}  // namespace auger::rt::io::detail
