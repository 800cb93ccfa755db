// COCO segmentations (polygons, uncompressed and compressed RLE) as masks, bit for bit what pycocotools gives:
// the functions follow its maskApi.c, which is C inside a Python package and has no C++ package to link.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/image/image.h"

namespace auger::rt::io::coco {

// maskApi.c's RLE: a column-major h×w binary mask as alternating run lengths, the first run of zeros (possibly 0).
struct Rle {
  std::uint32_t h = 0, w = 0;
  std::vector<std::uint32_t> counts;
};

// rleEncode: the runs of a column-major mask (`mask[x * h + y]`, non-zero is set).
Rle rle_encode(const std::vector<std::uint8_t>& column_major, std::uint32_t h, std::uint32_t w);
// rleDecode: the column-major 0/1 mask. Throws std::invalid_argument when the runs do not add up to h*w.
std::vector<std::uint8_t> rle_decode(const Rle& rle);
// rleFrPoly: a polygon's flat [x0, y0, x1, y1, …] list (an odd last coordinate is ignored, as pycocotools does).
Rle rle_from_polygon(const std::vector<double>& xy, std::uint32_t h, std::uint32_t w);
// rleFrBbox: an [x, y, w, h] box, through the polygon of its corners.
Rle rle_from_bbox(const double* xywh, std::uint32_t h, std::uint32_t w);
// rleToString: COCO's compressed "counts" string (6 bits a character, ASCII 48..111, deltas from the run two
// back after the third run).
std::string rle_to_string(const Rle& rle);
// rleFrString. Throws std::invalid_argument on a string that ends inside a number or holds a character outside
// 48..111, or a run that is negative or does not fit 32 bits.
Rle rle_from_string(std::string_view s, std::uint32_t h, std::uint32_t w);

// An annotation's "segmentation" as stored, checked when the file is opened and rasterised when a sample is read
// (a compressed string is far smaller than its runs, so it stays a string until then).
struct Segmentation {
  enum class Kind { Polygons, Boxes, Counts, String };
  Kind kind = Kind::Polygons;
  std::vector<std::vector<double>> polygons;  // Polygons: flat coordinate lists; Boxes: [x, y, w, h] each
  std::vector<std::uint32_t> counts;          // Counts (uncompressed RLE)
  std::string string_counts;                  // String (compressed RLE)
  std::uint32_t h = 0, w = 0;                 // an RLE's "size"
};

// Reads a "segmentation" value: a list of polygons (pycocotools' frPyObjects reads a list whose first entry has
// exactly 4 numbers as [x, y, w, h] boxes), {"counts": [ints], "size": [h, w]} or {"counts": "…", "size": [h, w]}.
// Throws std::invalid_argument naming what is wrong.
Segmentation parse_segmentation(const nlohmann::json& value);

// Sets `value` on every pixel of the 1-channel u8 `mask` (row-major, as rt::Image stores it) that the segmentation
// covers; several polygons or boxes cover their union (maskApi's merge). Throws std::invalid_argument when an RLE's
// size is not the mask's or its runs are malformed.
void paint(const Segmentation& seg, std::uint8_t value, Image& mask);

}  // namespace auger::rt::io::coco
