// Decoding (runtime/io/decode.h) over the good and hostile images tests/data/make_hostile_images.py writes: every
// file decodes to its reference pixels (PIL's, or the array encoded) or is refused with a reason; regions are the
// full decode's pixels bit for bit; JPEG pixels are OpenCV's imread pixels (what `auger apply` read before), gray
// ones PIL's luma of them;
// headers over the pixel limit are refused before any pixel buffer exists; nothing is printed.
//
// The images come from $AUGER_HOSTILE_IMAGES (CTest's hostile_images fixture writes them), else the script is run
// into a temporary folder.
#include "runtime/io/decode.h"

#include <doctest/doctest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <random>
#include <string>
#include <vector>

#include "runtime/io/image_file.h"
#include "runtime/io/npy.h"

using namespace auger::rt;
using namespace auger::rt::io;
namespace fs = std::filesystem;

namespace {

class HostileImages {
 public:
  HostileImages() {
    if (const char* env = std::getenv("AUGER_HOSTILE_IMAGES"); env && *env) {
      dir_ = env;
    } else {
      dir_ = fs::temp_directory_path() / ("auger-hostile-images-" + std::to_string(getpid()));
      owned_ = true;
      const std::string command =
          "/usr/bin/python3 " AUGER_SOURCE_DIR "/tests/data/make_hostile_images.py '" + dir_.string() + "' > /dev/null";
      if (std::system(command.c_str()) != 0) dir_.clear();
    }
    if (!dir_.empty()) {
      std::ifstream in(dir_ / "expected.json");
      if (in) expected_ = nlohmann::json::parse(in);
    }
  }
  ~HostileImages() {
    std::error_code ec;
    if (owned_ && !dir_.empty()) fs::remove_all(dir_, ec);
  }
  HostileImages(const HostileImages&) = delete;
  HostileImages& operator=(const HostileImages&) = delete;

  [[nodiscard]] bool ok() const { return expected_.contains("files"); }
  [[nodiscard]] const nlohmann::json& files() const { return expected_.at("files"); }
  [[nodiscard]] std::string path(const std::string& name) const { return (dir_ / "images" / name).string(); }
  [[nodiscard]] std::string bytes(const std::string& name) const {
    std::ifstream in(path(name), std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
  }
  [[nodiscard]] Image reference(const std::string& name) const {
    return read_npy((dir_ / "reference" / (name + ".npy")).string());
  }
  [[nodiscard]] const nlohmann::json& entry(const std::string& name) const {
    for (const auto& e : files())
      if (e.at("name") == name) return e;
    throw std::runtime_error("no " + name + " in expected.json");
  }

 private:
  fs::path dir_;
  bool owned_ = false;
  nlohmann::json expected_;
};

const HostileImages& images() {
  static const HostileImages set;
  REQUIRE_MESSAGE(set.ok(), "tests/data/make_hostile_images.py did not run (needs /usr/bin/python3 with PIL, skimage)");
  return set;
}

Decoded decode(const std::string& bytes, int channels = 3, std::optional<Region> region = std::nullopt) {
  DecodeRequest request;
  request.channels = channels;
  request.region = region;
  return decode_image(bytes, request);
}

// Counts differing values; `got` may be a region of `want`.
long differences(const Image& got, const Image& want, int x0 = 0, int y0 = 0) {
  long n = 0;
  for (int c = 0; c < got.c(); ++c)
    for (int y = 0; y < got.h(); ++y)
      for (int x = 0; x < got.w(); ++x) n += got.at8(c, y, x) != want.at8(c, y0 + y, x0 + x);
  return n;
}

std::string refusal(const std::string& bytes, const DecodeRequest& request = {}) {
  try {
    (void)decode_image(bytes, request);
  } catch (const DecodeError& e) {
    return e.what();
  }
  return "(decoded)";
}

// The regions a test decodes: corners, single rows and columns, odd offsets and sizes, then random ones.
std::vector<Region> regions_of(int w, int h, unsigned seed) {
  std::vector<Region> rs = {{0, 0, w, h},
                            {0, 0, 1, 1},
                            {w - 1, h - 1, 1, 1},
                            {w - 1, 0, 1, h},
                            {0, h - 1, w, 1},
                            {1, 1, w - 2, h - 2},
                            {7, 9, 17, 15},
                            {w - 33, h - 31, 33, 31},
                            {w / 2 - 1, h / 3 + 1, w / 2, h / 2 - 3},
                            {15, 0, 2, h},
                            {16, 17, 16, 16}};
  std::mt19937 rng(seed);
  for (int i = 0; i < 30; ++i) {
    Region r;
    r.w = 1 + static_cast<int>(rng() % w), r.h = 1 + static_cast<int>(rng() % h);
    r.x = static_cast<int>(rng() % (w - r.w + 1)), r.y = static_cast<int>(rng() % (h - r.h + 1));
    rs.push_back(r);
  }
  return rs;
}

// Runs `body` with stderr sent to a file; returns what it printed there.
template <class Body>
std::string stderr_of(Body&& body) {
  std::fflush(stderr);
  const fs::path file = fs::temp_directory_path() / ("auger-decode-stderr-" + std::to_string(getpid()));
  const int saved = dup(2);
  FILE* sink = std::fopen(file.c_str(), "w");
  REQUIRE(sink);
  dup2(fileno(sink), 2);
  body();
  std::fflush(stderr);
  dup2(saved, 2);
  close(saved);
  std::fclose(sink);
  std::ifstream in(file);
  std::string printed{std::istreambuf_iterator<char>(in), {}};
  fs::remove(file);
  return printed;
}

long max_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

}  // namespace

TEST_CASE("decode: every file decodes to its reference or is refused, as expected.json says") {
  const auto& set = images();
  int decoded = 0, refused = 0;
  for (const auto& e : set.files()) {
    const std::string name = e.at("name");
    CAPTURE(name);
    const std::string bytes = set.bytes(name);
    if (!e.at("decodes").get<bool>()) {
      CHECK_THROWS_AS((void)decode(bytes), DecodeError);
      ++refused;
      continue;
    }
    const ImageInfo info = probe_image(bytes);
    CHECK(info.format == e.at("format").get<std::string>());
    CHECK(info.width == e.at("width").get<int>());
    CHECK(info.height == e.at("height").get<int>());
    CHECK(info.channels == e.at("channels").get<int>());
    CHECK(info.orientation == e.at("orientation").get<int>());
    const Decoded d = decode(bytes);
    const Image want = set.reference(name);
    REQUIRE(d.image.shape == want.shape);
    CHECK(differences(d.image, want) == 0);
    CHECK(d.region == Region{0, 0, info.width, info.height});
    CHECK(d.full_width == info.width);
    CHECK(d.full_height == info.height);
    const Decoded gray = decode(bytes, 1);
    CHECK(gray.image.shape == Shape{1, info.height, info.width});
    ++decoded;
  }
  CHECK(decoded >= 25);
  CHECK(refused >= 12);
}

TEST_CASE("decode: a region is the full decode's pixels, bit for bit") {
  const auto& set = images();
  // Every chroma subsampling and both JPEG processes, gray, CMYK, rotated ones (a region of the oriented image is
  // decoded from the stored rectangle it comes from), and the formats that decode whole and crop.
  const char* names[] = {"cat_420.jpg",
                         "coffee_444.jpg",
                         "astro_422.jpg",
                         "coffee_progressive_420.jpg",
                         "cat_progressive_444.jpg",
                         "camera_gray.jpg",
                         "cat_cmyk.jpg",
                         "astro_exif_3.jpg",
                         "astro_exif_5.jpg",
                         "astro_exif_6.jpg",
                         "astro_exif_7.jpg",
                         "astro_exif_8.jpg",
                         "cat_exif_6_progressive.jpg",
                         "cat_rgba.png",
                         "coffee_rgb16.png",
                         "astro_exif_6.png",
                         "coffee_lossy.webp",
                         "astro.bmp"};
  unsigned seed = 1;
  for (const std::string name : names) {
    const std::string bytes = set.bytes(name);
    for (const int channels : {3, 1}) {
      const Decoded full = decode(bytes, channels);
      for (const Region& r : regions_of(full.full_width, full.full_height, seed++)) {
        const std::string region = name + " channels " + std::to_string(channels) + " region " + std::to_string(r.w) +
                                   "x" + std::to_string(r.h) + "+" + std::to_string(r.x) + "+" + std::to_string(r.y);
        CAPTURE(region);
        const Decoded part = decode(bytes, channels, r);
        REQUIRE(part.image.shape == Shape{channels, r.h, r.w});
        CHECK(part.region == r);
        CHECK(part.full_width == full.full_width);
        CHECK(part.full_height == full.full_height);
        CHECK(differences(part.image, full.image, r.x, r.y) == 0);
      }
    }
  }
}

TEST_CASE("decode: JPEG pixels are OpenCV imread's (gray: PIL's luma of them; RGBA: opaque), EXIF included") {
  // What `auger apply` read through cv::imread before, and what torchvision reads from the same files.
  const auto& set = images();
  int compared = 0;
  for (const auto& e : set.files()) {
    const std::string name = e.at("name");
    if (e.at("format") != "jpeg" || !e.at("decodes").get<bool>() || name == "cat_cmyk.jpg" ||
        name.find("corrupt") != std::string::npos)  // CMYK: PIL's conversion, not OpenCV's (off by one)
      continue;
    CAPTURE(name);
    const cv::Mat bgr = cv::imread(set.path(name), cv::IMREAD_COLOR);
    const Decoded rgb = decode(set.bytes(name)), gray = decode(set.bytes(name), 1), rgba = decode(set.bytes(name), 4);
    REQUIRE(rgb.image.shape == Shape{3, bgr.rows, bgr.cols});
    REQUIRE(gray.image.shape == Shape{1, bgr.rows, bgr.cols});
    REQUIRE(rgba.image.shape == Shape{4, bgr.rows, bgr.cols});
    long diff = 0;
    for (int y = 0; y < bgr.rows; ++y)
      for (int x = 0; x < bgr.cols; ++x) {
        const cv::Vec3b px = bgr.at<cv::Vec3b>(y, x);
        for (int c = 0; c < 3; ++c) diff += rgb.image.at8(c, y, x) != px[2 - c];
        for (int c = 0; c < 3; ++c) diff += rgba.image.at8(c, y, x) != px[2 - c];
        diff += rgba.image.at8(3, y, x) != 255;  // a JPEG has no alpha: opaque
        // One channel: PIL's convert('L') of those RGB pixels (a gray file's own samples, which it equals).
        diff += gray.image.at8(0, y, x) != ((px[2] * 19595 + px[1] * 38470 + px[0] * 7471 + 0x8000) >> 16);
      }
    CHECK(diff == 0);
    ++compared;
  }
  CHECK(compared >= 12);
}

TEST_CASE("decode: EXIF orientations 6 and 3 turn the image") {
  const auto& set = images();
  // The same stored pixels as astro_exif_2.jpg (the files differ only in the tag), mirrored back.
  const Image stored = [&] {
    Image m = decode(set.bytes("astro_exif_2.jpg")).image;
    Image s = Image::make_u8(3, m.h(), m.w());
    for (int c = 0; c < 3; ++c)
      for (int y = 0; y < m.h(); ++y)
        for (int x = 0; x < m.w(); ++x) s.at8(c, y, x) = m.at8(c, y, m.w() - 1 - x);
    return s;
  }();
  const int w = stored.w(), h = stored.h();
  const ImageInfo info6 = probe_image(set.bytes("astro_exif_6.jpg"));
  CHECK(info6.orientation == 6);
  CHECK(info6.width == h);  // 90° clockwise: width and height swap
  CHECK(info6.height == w);
  const Image r6 = decode(set.bytes("astro_exif_6.jpg")).image;
  REQUIRE(r6.shape == Shape{3, w, h});
  const Image r3 = decode(set.bytes("astro_exif_3.jpg")).image;
  REQUIRE(r3.shape == Shape{3, h, w});
  long diff = 0;
  for (int c = 0; c < 3; ++c)
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        diff += r6.at8(c, x, h - 1 - y) != stored.at8(c, y, x);  // the stored top-left goes to the top-right
        diff += r3.at8(c, h - 1 - y, w - 1 - x) != stored.at8(c, y, x);
      }
  CHECK(diff == 0);
  CHECK(differences(r6, set.reference("astro_exif_6.jpg")) == 0);  // PIL's ImageOps.exif_transpose
}

TEST_CASE("decode: CMYK JPEG converts as PIL's convert('RGB'), gray replicates") {
  const auto& set = images();
  const Image want = set.reference("cat_cmyk.jpg");
  const std::string cmyk = set.bytes("cat_cmyk.jpg");
  CHECK(probe_image(cmyk).channels == 4);
  CHECK(differences(decode(cmyk).image, want) == 0);
  // One channel: PIL's convert('L') of those RGB values.
  const Image luma = decode(cmyk, 1).image;
  long diff = 0;
  for (int y = 0; y < want.h(); ++y)
    for (int x = 0; x < want.w(); ++x) {
      const int l = (want.at8(0, y, x) * 19595 + want.at8(1, y, x) * 38470 + want.at8(2, y, x) * 7471 + 0x8000) >> 16;
      diff += luma.at8(0, y, x) != l;
    }
  CHECK(diff == 0);

  const Decoded gray = decode(set.bytes("camera_gray.jpg"));
  const Image one = decode(set.bytes("camera_gray.jpg"), 1).image;
  REQUIRE(gray.image.c() == 3);
  long unequal = 0;
  for (int y = 0; y < one.h(); ++y)
    for (int x = 0; x < one.w(); ++x)
      for (int c = 0; c < 3; ++c) unequal += gray.image.at8(c, y, x) != one.at8(0, y, x);
  CHECK(unequal == 0);
}

TEST_CASE("decode: PNG, WebP and BMP: alpha dropped, 16 bits rounded, palettes expanded") {
  const auto& set = images();
  for (const std::string name :
       {"cat_rgba.png", "camera_gray_alpha.png", "camera_gray16.png", "coffee_rgb16.png", "astro_palette.png",
        "cat_lossless_rgba.webp", "coffee_lossy.webp", "astro.bmp", "astro_exif_3.webp"}) {
    CAPTURE(name);
    const std::string bytes = set.bytes(name);
    const ImageInfo info = probe_image(bytes);
    CHECK(info.bit_depth == (name.find("16") != std::string::npos ? 16 : 8));
    CHECK(differences(decode(bytes).image, set.reference(name)) == 0);
  }
}

TEST_CASE("decode: refused inputs say why, and nothing is printed") {
  const auto& set = images();
  const std::pair<const char*, const char*> cases[] = {
      {"cat_truncated.jpg", "jpeg: truncated"},
      {"coffee_progressive_truncated.jpg", "jpeg: truncated"},
      {"cat_truncated_header.jpg", "jpeg: truncated"},
      {"empty.jpg", "empty"},
      {"text.jpg", "not an image"},
      {"random.jpg", "not an image"},
      {"random_after_soi.jpg", "jpeg: "},
      {"cat_rgba_truncated.png", "png: truncated"},
      {"coffee_truncated.webp", "webp: truncated"},
      {"astro_truncated.bmp", "bmp: truncated"},
      {"astro.gif", "unsupported format (GIF)"},
  };
  for (const auto& [name, reason] : cases) {
    CAPTURE(name);
    std::string message;
    const std::string printed = stderr_of([&] { message = refusal(set.bytes(name)); });
    CHECK(message.find(reason) != std::string::npos);
    CHECK(printed.empty());
    CHECK_FALSE(set.entry(name).at("decodes").get<bool>());
  }
  // Corrupt entropy-coded data only makes libjpeg warn: decoded (as PIL does), and the warning is not printed.
  const std::string printed = stderr_of([&] {
    CHECK(differences(decode(set.bytes("cat_corrupt_scan.jpg")).image, set.reference("cat_corrupt_scan.jpg")) == 0);
  });
  CHECK(printed.empty());
}

TEST_CASE("decode: a truncated JPEG is refused whatever region is asked") {
  // The rows present would decode; refusing anyway keeps a file's verdict independent of the crop drawn.
  const std::string bytes = images().bytes("cat_truncated.jpg");
  const ImageInfo info = probe_image(bytes);
  CHECK(info.width == 397);
  CHECK(refusal(bytes, {3, Region{0, 0, info.width, 8}}).find("truncated") != std::string::npos);
}

TEST_CASE("decode: headers over max_pixels are refused before any pixel buffer exists") {
  const auto& set = images();
  const long rss_before = max_rss_kib();
  for (const std::string name : {"bomb_60000x60000.png", "bomb_60000x60000.jpg"}) {
    CAPTURE(name);
    const std::string bytes = set.bytes(name);
    std::string message;
    try {
      (void)probe_image(bytes);
    } catch (const DecodeError& e) {
      message = e.what();
    }
    CHECK(message.find("60000x60000 pixels is over the limit") != std::string::npos);
    CHECK(refusal(bytes).find("60000x60000 pixels is over the limit") != std::string::npos);
    CHECK(probe_image(bytes, 3'600'000'000).width == 60000);  // the limit, not the header's shape, refuses it
  }
  // One 60000x60000 RGB buffer is 10 GB; the peak resident size has not grown by even 64 MiB.
  CHECK(max_rss_kib() - rss_before < 64 * 1024);

  const std::string good = set.bytes("cat_420.jpg");  // 397x263
  CHECK(probe_image(good, 397 * 263).width == 397);
  CHECK_THROWS_AS((void)probe_image(good, 397 * 263 - 1), DecodeError);
  CHECK(refusal(good, {3, std::nullopt, 397 * 263 - 1}).find("397x263 pixels is over the limit") != std::string::npos);
  CHECK(refusal(set.bytes("cat_rgba.png"), {3, std::nullopt, 1000}).find("over the limit") != std::string::npos);
}

TEST_CASE("decode: a region outside the image or a channel count other than 1 and 3 is the caller's error") {
  const std::string bytes = images().bytes("cat_420.jpg");
  CHECK_THROWS_AS((void)decode(bytes, 3, Region{390, 0, 8, 8}), std::invalid_argument);
  CHECK_THROWS_AS((void)decode(bytes, 3, Region{0, 0, 0, 8}), std::invalid_argument);
  CHECK_THROWS_AS((void)decode(bytes, 3, Region{-1, 0, 8, 8}), std::invalid_argument);
  CHECK_THROWS_AS((void)decode(bytes, 2), std::invalid_argument);
}

TEST_CASE("read_image decodes files through decode_image") {
  const auto& set = images();
  CHECK(differences(read_image(set.path("astro_exif_6.jpg")), decode(set.bytes("astro_exif_6.jpg")).image) == 0);
  CHECK(read_image(set.path("cat_rgba.png"), 1).shape == Shape{1, 263, 397});
  CHECK(read_image(set.path("cat_rgba.png"), 4).shape == Shape{4, 263, 397});
  std::string message;
  try {
    (void)read_image(set.path("cat_truncated.jpg"));
  } catch (const std::runtime_error& e) {
    message = e.what();
  }
  CHECK(message.find("cat_truncated.jpg: jpeg: truncated") != std::string::npos);
  CHECK_THROWS_WITH_AS((void)read_image(set.path("no_such_file.jpg")), doctest::Contains("no such file"),
                       std::runtime_error);
}

TEST_CASE("decode: DCT-scaled regions are the scaled full decode's pixels; other formats ignore the scale") {
  const auto& set = images();
  for (const std::string name : {"cat_420.jpg", "coffee_444.jpg", "coffee_progressive_420.jpg", "astro_exif_6.jpg"}) {
    const std::string bytes = set.bytes(name);
    for (const int d : {2, 4, 8}) {
      DecodeRequest whole;
      whole.scale_denom = d;
      const Decoded full = decode_image(bytes, whole);
      CHECK(full.scale_denom == d);
      CHECK(full.image.w() == (full.full_width + d - 1) / d);
      CHECK(full.image.h() == (full.full_height + d - 1) / d);
      // The scaled IDCT is a real decode: close to the full decode averaged over d x d blocks.
      const Decoded exact = decode(bytes);
      double err = 0;
      for (int y = 0; y + 1 < full.image.h(); ++y)
        for (int x = 0; x + 1 < full.image.w(); ++x) {
          double mean = 0;
          for (int j = 0; j < d; ++j)
            for (int i = 0; i < d; ++i)
              mean += exact.image.at8(1, std::min(y * d + j, exact.image.h() - 1),
                                      std::min(x * d + i, exact.image.w() - 1));
          err += std::abs(mean / (d * d) - full.image.at8(1, y, x));
        }
      CHECK(err / ((full.image.w() - 1) * (full.image.h() - 1)) < 12.0);  // block means: a sanity bound
      unsigned seed = 7;
      for (const Region& r : regions_of(full.full_width, full.full_height, seed++)) {
        if (name == "astro_exif_6.jpg") break;  // turned images: the full-image case above
        DecodeRequest req;
        req.region = r;
        req.scale_denom = d;
        const Decoded part = decode_image(bytes, req);
        const int x0 = r.x / d, y0 = r.y / d;
        const int x1 = std::min((r.x + r.w + d - 1) / d, full.image.w()),
                  y1 = std::min((r.y + r.h + d - 1) / d, full.image.h());
        CAPTURE(name);
        CAPTURE(d);
        REQUIRE(part.image.shape == Shape{3, std::max(1, y1 - y0), std::max(1, x1 - x0)});
        CHECK(differences(part.image, full.image, x0, y0) == 0);
      }
    }
  }
  DecodeRequest png;
  png.scale_denom = 4;
  const Decoded p = decode_image(set.bytes("cat_rgba.png"), png);
  CHECK(p.scale_denom == 1);
  CHECK(p.image.w() == p.full_width);
}

TEST_CASE("decode: a palette PNG read as a mask gives its class ids, not the luma of its colours") {
  const std::string path = AUGER_SOURCE_DIR "/tests/data/masks/palette_mask.png";
  const Image mask = read_image(path, 1, /*class_ids=*/true);
  REQUIRE(mask.shape == Shape{1, 4, 6});
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 6; ++x) CHECK(mask.at8(0, y, x) == ((x == 5 && y == 3) ? 255 : (x + 6 * y) % 4));
  // As an image it is its colours: index 1 is VOC's dark red (128, 0, 0); as a gray image, their luma.
  const Image rgb = read_image(path, 3);
  CHECK(rgb.at8(0, 0, 1) == 128);
  CHECK(rgb.at8(1, 0, 1) == 0);
  CHECK(read_image(path, 1).at8(0, 0, 1) == (128 * 19595 + 0x8000) >> 16);
}
