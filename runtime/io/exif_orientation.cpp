#include "runtime/io/exif_orientation.h"

#include <libexif/exif-data.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

namespace auger::rt::io::detail {

namespace {

constexpr char kExifHeader[] = "Exif\0\0";  // 6 bytes; libexif finds TIFF data only behind it

struct ExifDataFree {
  void operator()(ExifData* d) const { exif_data_unref(d); }
};

}  // namespace

int exif_orientation(std::string_view exif) {
  if (exif.empty()) return 1;
  // PNG and WebP store bare TIFF data; libexif wants the JPEG segment's header in front of it.
  std::string prefixed;
  if (exif.size() < 6 || std::memcmp(exif.data(), kExifHeader, 6) != 0) {
    prefixed.assign(kExifHeader, 6);
    prefixed.append(exif);
    exif = prefixed;
  }
  std::unique_ptr<ExifData, ExifDataFree> data(exif_data_new());
  if (!data) return 1;
  // Following the specification would add every mandatory tag the block lacks: work for nothing here.
  exif_data_unset_option(data.get(), EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
  exif_data_load_data(data.get(), reinterpret_cast<const unsigned char*>(exif.data()),
                      static_cast<unsigned int>(exif.size()));
  ExifEntry* entry = exif_content_get_entry(data->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
  if (!entry || entry->format != EXIF_FORMAT_SHORT || entry->components < 1 || !entry->data || entry->size < 2)
    return 1;
  const int value = exif_get_short(entry->data, exif_data_get_byte_order(data.get()));
  return value >= 1 && value <= 8 ? value : 1;
}

Region stored_region(const Region& r, int orientation, int sw, int sh) {
  // Inverse of apply_orientation's pixel map, applied to the rectangle's corners.
  switch (orientation) {
    case 2: return {sw - r.x - r.w, r.y, r.w, r.h};
    case 3: return {sw - r.x - r.w, sh - r.y - r.h, r.w, r.h};
    case 4: return {r.x, sh - r.y - r.h, r.w, r.h};
    case 5: return {r.y, r.x, r.h, r.w};
    case 6: return {r.y, sh - r.x - r.w, r.h, r.w};
    case 7: return {sw - r.y - r.h, sh - r.x - r.w, r.h, r.w};
    case 8: return {sw - r.y - r.h, r.x, r.h, r.w};
    default: return r;
  }
}

Image apply_orientation(Image stored, int orientation) {
  if (orientation < 2 || orientation > 8) return stored;
  const int sw = stored.w(), sh = stored.h();
  const int ow = swaps_axes(orientation) ? sh : sw, oh = swaps_axes(orientation) ? sw : sh;
  // Output pixel (y, x) reads stored row sy = a·y + b·x + c and column sx = d·y + e·x + f; within a channel that
  // is one offset moving by a fixed step along x and another along y.
  int a = 1, b = 0, c = 0, d = 0, e = 1, f = 0;
  switch (orientation) {
    case 2: e = -1, f = sw - 1; break;
    case 3: a = -1, c = sh - 1, e = -1, f = sw - 1; break;
    case 4: a = -1, c = sh - 1; break;
    case 5: a = 0, b = 1, d = 1, e = 0; break;
    case 6: a = 0, b = -1, c = sh - 1, d = 1, e = 0; break;
    case 7: a = 0, b = -1, c = sh - 1, d = -1, e = 0, f = sw - 1; break;
    case 8: a = 0, b = 1, d = -1, e = 0, f = sw - 1; break;
    default: break;
  }
  const std::ptrdiff_t step_x = static_cast<std::ptrdiff_t>(b) * sw + e;
  const std::ptrdiff_t step_y = static_cast<std::ptrdiff_t>(a) * sw + d;
  const std::ptrdiff_t origin = static_cast<std::ptrdiff_t>(c) * sw + f;
  Image out = Image::make_u8(stored.c(), oh, ow);
  const std::size_t plane = static_cast<std::size_t>(sw) * sh;
  for (int ch = 0; ch < stored.c(); ++ch) {
    const std::uint8_t* src = stored.u8.data() + ch * plane;
    std::uint8_t* dst = out.u8.data() + ch * plane;
    for (int y = 0; y < oh; ++y) {
      std::ptrdiff_t s = origin + y * step_y;
      for (int x = 0; x < ow; ++x, s += step_x) *dst++ = src[s];
    }
  }
  return out;
}

}  // namespace auger::rt::io::detail
