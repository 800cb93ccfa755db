// COCO segmentations as masks. rle_encode, rle_decode, rle_from_polygon, rle_from_bbox, rle_to_string and
// rle_from_string follow pycocotools' maskApi.c (rleEncode, rleDecode, rleFrPoly, rleFrBbox, rleToString,
// rleFrString) step for step, integer truncations included, so a mask is the one pycocotools' annToMask gives;
// where maskApi.c has undefined behaviour (0/0 on a repeated vertex, shifts past an int) the result it never
// uses is replaced by a defined one, and malformed input is refused instead of read past its end.
#include "runtime/io/coco_masks.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <utility>

namespace auger::rt::io::coco {
namespace {

// Coordinates beyond this are refused: rleFrPoly walks every fifth of a pixel along each edge, so a hostile
// coordinate would otherwise cost memory in proportion to it (and overflow maskApi's ints long before 2^31).
constexpr double kMaxCoordinate = 1e6;
// And so is a polygon whose boundary walk would take more than this many steps (400 MB), far beyond any image's.
constexpr std::size_t kMaxWalk = 50'000'000;

std::invalid_argument error(const std::string& what) {
  return std::invalid_argument(what);
}

std::uint64_t area(std::uint32_t h, std::uint32_t w) {
  return static_cast<std::uint64_t>(h) * w;
}

std::vector<double> numbers(const nlohmann::json& list, const char* what) {
  if (!list.is_array()) throw error(std::string(what) + " is not a list of numbers");
  std::vector<double> out;
  out.reserve(list.size());
  for (const auto& v : list) {
    if (!v.is_number()) throw error(std::string(what) + " holds " + v.type_name() + ", not a number");
    const double d = v.get<double>();
    if (!std::isfinite(d) || std::abs(d) > kMaxCoordinate)
      throw error(std::string(what) + " holds the coordinate " + v.dump() + " (at most 1e6 in magnitude)");
    out.push_back(d);
  }
  return out;
}

std::uint32_t to_u32(const nlohmann::json& v, const char* what) {
  if (!v.is_number_integer() || v.get<std::int64_t>() < 0 ||
      v.get<std::int64_t>() > std::numeric_limits<std::uint32_t>::max())
    throw error(std::string(what) + " must be an integer in 0..2^32-1, not " + v.dump());
  return static_cast<std::uint32_t>(v.get<std::int64_t>());
}

}  // namespace

Rle rle_encode(const std::vector<std::uint8_t>& column_major, std::uint32_t h, std::uint32_t w) {
  if (column_major.size() != area(h, w)) throw error("rle_encode: the mask is not h*w values");
  Rle r{h, w, {}};
  std::uint8_t p = 0;
  std::uint32_t c = 0;
  for (std::uint8_t value : column_major) {
    const std::uint8_t bit = value != 0;
    if (bit != p) {
      r.counts.push_back(c);
      c = 0;
      p = bit;
    }
    ++c;
  }
  r.counts.push_back(c);
  return r;
}

std::vector<std::uint8_t> rle_decode(const Rle& rle) {
  std::uint64_t total = 0;
  for (std::uint32_t c : rle.counts) total += c;
  if (total != area(rle.h, rle.w))
    throw error("the RLE's runs cover " + std::to_string(total) + " pixels, its size " + std::to_string(rle.h) + "x" +
                std::to_string(rle.w) + " has " + std::to_string(area(rle.h, rle.w)));
  std::vector<std::uint8_t> out;
  out.reserve(total);
  std::uint8_t v = 0;
  for (std::uint32_t c : rle.counts) {
    out.insert(out.end(), c, v);
    v = !v;
  }
  return out;
}

Rle rle_from_polygon(const std::vector<double>& xy, std::uint32_t h, std::uint32_t w) {
  const std::size_t k = xy.size() / 2;
  if (k == 0) return Rle{h, w, {static_cast<std::uint32_t>(area(h, w))}};
  // Upsample by 5 and walk the boundary one step at a time along its longer axis.
  constexpr double scale = 5;
  std::vector<int> x(k + 1), y(k + 1);
  for (std::size_t j = 0; j < k; ++j) x[j] = static_cast<int>(scale * xy[j * 2 + 0] + .5);
  x[k] = x[0];
  for (std::size_t j = 0; j < k; ++j) y[j] = static_cast<int>(scale * xy[j * 2 + 1] + .5);
  y[k] = y[0];
  std::size_t m = 0;
  for (std::size_t j = 0; j < k; ++j)
    m += static_cast<std::size_t>(std::max(std::abs(x[j] - x[j + 1]), std::abs(y[j] - y[j + 1]))) + 1;
  if (m > kMaxWalk) throw error("a segmentation polygon's boundary is too long to rasterise");
  std::vector<int> u(m), v(m);
  m = 0;
  for (std::size_t j = 0; j < k; ++j) {
    int xs = x[j], xe = x[j + 1], ys = y[j], ye = y[j + 1];
    const int dx = std::abs(xe - xs), dy = std::abs(ys - ye);
    const bool flip = (dx >= dy && xs > xe) || (dx < dy && ys > ye);
    if (flip) {
      std::swap(xs, xe);
      std::swap(ys, ye);
    }
    if (dx == 0 && dy == 0) {
      // maskApi divides 0 by 0 here and truncates the NaN; the point shares its u with both neighbours, so the
      // column scan below never reads its v.
      u[m] = xs;
      v[m] = ys;
      ++m;
      continue;
    }
    const double s = dx >= dy ? static_cast<double>(ye - ys) / dx : static_cast<double>(xe - xs) / dy;
    if (dx >= dy) {
      for (int d = 0; d <= dx; ++d) {
        const int t = flip ? dx - d : d;
        u[m] = t + xs;
        v[m] = static_cast<int>(ys + s * t + .5);
        ++m;
      }
    } else {
      for (int d = 0; d <= dy; ++d) {
        const int t = flip ? dy - d : d;
        v[m] = t + ys;
        u[m] = static_cast<int>(xs + s * t + .5);
        ++m;
      }
    }
  }
  // Where the walk crosses a pixel column's centre, the first pixel centre below the boundary; downsample.
  const std::size_t walked = m;
  std::vector<int> bx, by;
  for (std::size_t j = 1; j < walked; ++j) {
    if (u[j] == u[j - 1]) continue;
    double xd = u[j] < u[j - 1] ? u[j] : u[j] - 1;
    xd = (xd + .5) / scale - .5;
    if (std::floor(xd) != xd || xd < 0 || xd > static_cast<double>(w) - 1) continue;
    double yd = v[j] < v[j - 1] ? v[j] : v[j - 1];
    yd = (yd + .5) / scale - .5;
    if (yd < 0)
      yd = 0;
    else if (yd > h)
      yd = h;
    yd = std::ceil(yd);
    bx.push_back(static_cast<int>(xd));
    by.push_back(static_cast<int>(yd));
  }
  // Each boundary point toggles the mask at its column-major index; the sorted differences are the runs.
  std::vector<std::uint32_t> a(bx.size() + 1);
  for (std::size_t j = 0; j < bx.size(); ++j) a[j] = static_cast<std::uint32_t>(bx[j] * static_cast<int>(h) + by[j]);
  a[bx.size()] = static_cast<std::uint32_t>(area(h, w));
  std::sort(a.begin(), a.end());
  std::uint32_t p = 0;
  for (std::uint32_t& t : a) {
    const std::uint32_t at = t;
    t -= p;
    p = at;
  }
  // Two toggles at one index cancel: a zero run merges its neighbours.
  Rle r{h, w, {}};
  std::size_t j = 0;
  r.counts.push_back(a[j++]);
  while (j < a.size()) {
    if (a[j] > 0) {
      r.counts.push_back(a[j++]);
    } else {
      ++j;
      if (j < a.size()) r.counts.back() += a[j++];
    }
  }
  return r;
}

Rle rle_from_bbox(const double* xywh, std::uint32_t h, std::uint32_t w) {
  const double xs = xywh[0], xe = xs + xywh[2];
  const double ys = xywh[1], ye = ys + xywh[3];
  return rle_from_polygon({xs, ys, xs, ye, xe, ye, xe, ys}, h, w);
}

std::string rle_to_string(const Rle& rle) {
  std::string s;
  for (std::size_t i = 0; i < rle.counts.size(); ++i) {
    long long x = rle.counts[i];
    if (i > 2) x -= rle.counts[i - 2];
    bool more = true;
    while (more) {
      char c = static_cast<char>(x & 0x1f);
      x >>= 5;
      more = (c & 0x10) ? x != -1 : x != 0;
      if (more) c |= 0x20;
      s += static_cast<char>(c + 48);
    }
  }
  return s;
}

Rle rle_from_string(std::string_view s, std::uint32_t h, std::uint32_t w) {
  Rle r{h, w, {}};
  std::size_t p = 0;
  while (p < s.size()) {
    long long x = 0;
    int k = 0;
    bool more = true;
    while (more) {
      if (p >= s.size()) throw error("the compressed RLE string ends inside a number");
      const int c = static_cast<unsigned char>(s[p]) - 48;
      if (c < 0 || c > 63)
        throw error("the compressed RLE string holds '" + std::string(1, s[p]) + "' (only ASCII 48..111)");
      // 7 characters carry 35 bits, enough for any 32-bit run and its sign; maskApi's int shifts break sooner.
      if (k == 7) throw error("the compressed RLE string holds a number longer than 7 characters");
      x |= static_cast<long long>(c & 0x1f) << (5 * k);
      more = (c & 0x20) != 0;
      ++p;
      ++k;
      if (!more && (c & 0x10)) x |= -(1LL << (5 * k));
    }
    if (r.counts.size() > 2) x += r.counts[r.counts.size() - 2];
    if (x < 0 || x > std::numeric_limits<std::uint32_t>::max())
      throw error("the compressed RLE string decodes to the run " + std::to_string(x));
    r.counts.push_back(static_cast<std::uint32_t>(x));
  }
  return r;
}

Segmentation parse_segmentation(const nlohmann::json& value) {
  Segmentation seg;
  if (value.is_array()) {
    // frPyObjects' dispatch: the first entry's length decides between boxes and polygons. An empty list (some
    // data sets write one for "no mask"), which pycocotools refuses, covers nothing.
    if (!value.empty() && value[0].is_array() && value[0].size() == 4) {
      seg.kind = Segmentation::Kind::Boxes;
      for (const auto& box : value) {
        seg.polygons.push_back(numbers(box, "a segmentation box"));
        if (seg.polygons.back().size() != 4) throw error("a segmentation box must hold 4 numbers [x, y, w, h]");
      }
      return seg;
    }
    seg.kind = Segmentation::Kind::Polygons;
    for (const auto& poly : value) seg.polygons.push_back(numbers(poly, "a segmentation polygon"));
    if (!seg.polygons.empty() && seg.polygons[0].size() < 6)
      throw error("a segmentation polygon needs at least 3 points (6 numbers), the first has " +
                  std::to_string(seg.polygons[0].size()) + " numbers");
    return seg;
  }
  if (!value.is_object())
    throw error(std::string("a segmentation is a list of polygons or an RLE object, not ") + value.type_name());
  if (!value.contains("counts") || !value.contains("size"))
    throw error("an RLE segmentation needs \"counts\" and \"size\"");
  const nlohmann::json& size = value["size"];
  if (!size.is_array() || size.size() != 2) throw error("an RLE's \"size\" must be [height, width]");
  seg.h = to_u32(size[0], "an RLE's height");
  seg.w = to_u32(size[1], "an RLE's width");
  const nlohmann::json& counts = value["counts"];
  if (counts.is_string()) {
    seg.kind = Segmentation::Kind::String;
    seg.string_counts = counts.get<std::string>();
  } else if (counts.is_array()) {
    seg.kind = Segmentation::Kind::Counts;
    seg.counts.reserve(counts.size());
    for (const auto& c : counts) seg.counts.push_back(to_u32(c, "an RLE count"));
  } else {
    throw error("an RLE's \"counts\" must be a list of integers or a compressed string");
  }
  return seg;
}

namespace {

void paint_rle(const Rle& rle, std::uint8_t value, Image& mask) {
  if (rle.h != static_cast<std::uint32_t>(mask.h()) || rle.w != static_cast<std::uint32_t>(mask.w()))
    throw error("the RLE's size " + std::to_string(rle.h) + "x" + std::to_string(rle.w) + " is not the image's " +
                std::to_string(mask.h()) + "x" + std::to_string(mask.w()));
  std::uint64_t total = 0;
  for (std::uint32_t c : rle.counts) total += c;
  if (total != area(rle.h, rle.w))
    throw error("the RLE's runs cover " + std::to_string(total) + " pixels, not the " +
                std::to_string(area(rle.h, rle.w)) + " of its size");
  const std::uint64_t h = rle.h, w = rle.w;
  std::uint64_t at = 0;
  bool on = false;
  for (std::uint32_t c : rle.counts) {
    if (on)
      for (std::uint64_t i = at; i < at + c; ++i) mask.u8[(i % h) * w + i / h] = value;
    at += c;
    on = !on;
  }
}

}  // namespace

void paint(const Segmentation& seg, std::uint8_t value, Image& mask) {
  const auto h = static_cast<std::uint32_t>(mask.h()), w = static_cast<std::uint32_t>(mask.w());
  switch (seg.kind) {
    case Segmentation::Kind::Polygons:
      for (const auto& poly : seg.polygons) paint_rle(rle_from_polygon(poly, h, w), value, mask);
      return;
    case Segmentation::Kind::Boxes:
      for (const auto& box : seg.polygons) paint_rle(rle_from_bbox(box.data(), h, w), value, mask);
      return;
    case Segmentation::Kind::Counts: paint_rle(Rle{seg.h, seg.w, seg.counts}, value, mask); return;
    case Segmentation::Kind::String: paint_rle(rle_from_string(seg.string_counts, seg.h, seg.w), value, mask); return;
  }
}

}  // namespace auger::rt::io::coco
