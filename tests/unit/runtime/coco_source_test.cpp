// COCO annotation files as sources (runtime/io/coco_source.cpp) and the rasteriser of their segmentations
// (runtime/io/coco_masks.h): masks pycocotools' maskApi.c would give, hand-checked on small shapes; samples,
// keys, class indices, crowd regions and errors on hand-written files and on tests/data/coco.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "runtime/io/coco_masks.h"
#include "runtime/io/source.h"
#include "tests/unit/runtime/source_errors.h"
#include "tests/unit/temp_dir.h"

using namespace auger::rt;
using namespace auger::rt::io;
namespace fs = std::filesystem;
using auger::test::contains;
using auger::test::error_of;
using nlohmann::json;

namespace {

// The (x, y) of every pixel a segmentation covers on an h×w mask.
std::set<std::pair<int, int>> covered(const coco::Segmentation& seg, int h, int w) {
  Image mask = Image::make_u8(1, h, w, 0);
  coco::paint(seg, 1, mask);
  std::set<std::pair<int, int>> out;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      if (mask.at8(0, y, x)) out.emplace(x, y);
  return out;
}

std::set<std::pair<int, int>> polygon_pixels(const std::vector<double>& xy, int h, int w) {
  coco::Segmentation seg;
  seg.polygons = {xy};
  return covered(seg, h, w);
}

std::set<std::pair<int, int>> rect(int x0, int y0, int x1, int y1) {
  std::set<std::pair<int, int>> out;
  for (int x = x0; x < x1; ++x)
    for (int y = y0; y < y1; ++y) out.emplace(x, y);
  return out;
}

void write_file(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << bytes;
  REQUIRE(out.good());
}

cv::Mat decode_mask(const std::string& png) {
  const std::vector<unsigned char> buf(png.begin(), png.end());
  cv::Mat m = cv::imdecode(buf, cv::IMREAD_UNCHANGED);
  REQUIRE(!m.empty());
  REQUIRE(m.type() == CV_8UC1);
  return m;
}

// A small annotation file: two categories with ids 7 and 3 (classes 1 and 0), images in the order given.
json small_coco() {
  return {{"images",
           {{{"id", 10}, {"file_name", "b.png"}, {"height", 6}, {"width", 8}},
            {{"id", 4}, {"file_name", "a.png"}, {"height", 6}, {"width", 8}}}},
          {"annotations",
           {{{"id", 1},
             {"image_id", 4},
             {"category_id", 7},
             {"iscrowd", 0},
             {"bbox", {1.5, 1, 3, 2}},
             {"segmentation", json::array({json::array({1, 1, 4, 1, 4, 3, 1, 3})})}},
            {{"id", 2},
             {"image_id", 4},
             {"category_id", 3},
             {"iscrowd", 1},
             {"bbox", {0, 0, 2, 6}},
             {"segmentation", {{"counts", {0, 6, 42}}, {"size", {6, 8}}}}},
            {{"id", 3},
             {"image_id", 4},
             {"category_id", 3},
             {"iscrowd", 0},
             {"bbox", {3, 2, 2, 2}},
             {"segmentation", json::array({json::array({3, 2, 5, 2, 5, 4, 3, 4})})}}}},
          {"categories", {{{"id", 7}, {"name", "seven"}}, {{"id", 3}, {"name", "three"}}}}};
}

}  // namespace

TEST_CASE("coco masks: a rectangle polygon with integer corners covers columns x0..x1-1, rows y0..y1-1") {
  // Walked by hand through maskApi's rleFrPoly: the left/right edges toggle no column, the top and bottom edges
  // toggle columns x0..x1-1 at rows y0 and y1.
  CHECK(polygon_pixels({2, 1, 5, 1, 5, 4, 2, 4}, 6, 8) == rect(2, 1, 5, 4));
  CHECK(coco::rle_from_polygon({2, 1, 5, 1, 5, 4, 2, 4}, 6, 8).counts ==
        std::vector<std::uint32_t>{13, 3, 3, 3, 3, 3, 20});
  // Either winding, whatever the first corner.
  CHECK(polygon_pixels({5, 4, 5, 1, 2, 1, 2, 4}, 6, 8) == rect(2, 1, 5, 4));
  for (int x0 = 0; x0 < 7; ++x0)
    for (int x1 = x0 + 1; x1 <= 8; ++x1)
      for (int y0 : {0, 2})
        for (int y1 : {y0 + 1, 6}) {
          CAPTURE(x0);
          CAPTURE(x1);
          CAPTURE(y0);
          CAPTURE(y1);
          CHECK(polygon_pixels(
                    {double(x0), double(y0), double(x1), double(y0), double(x1), double(y1), double(x0), double(y1)}, 6,
                    8) == rect(x0, y0, x1, y1));
        }
  // A polygon reaching past the frame is cut by it.
  CHECK(polygon_pixels({-3, -2, 5, -2, 5, 20, -3, 20}, 6, 8) == rect(0, 0, 5, 6));
}

TEST_CASE("coco masks: a triangle covers the pixel centres inside it") {
  // Hand-walked: the hypotenuse x + y = 8 crosses column i's centre at y = 7.5 - i, so column i gets rows
  // 1 .. 6-i; the centres lying on it (i + j = 7) stay out.
  std::set<std::pair<int, int>> expected;
  for (int x = 1; x <= 5; ++x)
    for (int y = 1; y <= 6 - x; ++y) expected.emplace(x, y);
  CHECK(polygon_pixels({1, 1, 7, 1, 1, 7}, 8, 8) == expected);

  // A non-integer triangle: every pixel centre further than half a pixel from the boundary is in exactly when
  // it is inside (the 5x boundary walk decides only the pixels the boundary passes close to).
  const std::vector<double> tri = {3.3, 2.1, 17.8, 5.6, 7.2, 13.9};
  const auto got = polygon_pixels(tri, 16, 20);
  auto side = [&](int k, double px, double py) {
    const double ax = tri[2 * k], ay = tri[2 * k + 1], bx = tri[(2 * k + 2) % 6], by = tri[(2 * k + 3) % 6];
    const double len = std::hypot(bx - ax, by - ay);
    return ((bx - ax) * (py - ay) - (by - ay) * (px - ax)) / len;  // signed distance to the edge's line
  };
  int decided = 0;
  for (int y = 0; y < 16; ++y)
    for (int x = 0; x < 20; ++x) {
      const double px = x + 0.5, py = y + 0.5;
      double lo = 1e9, hi = -1e9;
      for (int k = 0; k < 3; ++k) {
        lo = std::min(lo, side(k, px, py));
        hi = std::max(hi, side(k, px, py));
      }
      const bool inside = lo > 0.5, outside = lo < -0.5;  // this triangle is wound with positive distances inside
      CAPTURE(x);
      CAPTURE(y);
      if (inside) CHECK(got.count({x, y}) == 1);
      if (outside) CHECK(got.count({x, y}) == 0);
      decided += inside || outside;
    }
  CHECK(decided > 200);
}

TEST_CASE("coco masks: uncompressed RLE is column-major, starting with a run of zeros") {
  coco::Segmentation seg;
  seg.kind = coco::Segmentation::Kind::Counts;
  seg.h = 3;
  seg.w = 4;
  seg.counts = {4, 2, 4, 1, 1};  // column 1: rows 1-2; column 3: row 1
  CHECK(covered(seg, 3, 4) == std::set<std::pair<int, int>>{{1, 1}, {1, 2}, {3, 1}});
  seg.counts = {0, 12};
  CHECK(covered(seg, 3, 4).size() == 12);
  seg.counts = {4, 2, 3};  // 9 of 12 pixels
  Image mask = Image::make_u8(1, 3, 4, 0);
  CHECK_THROWS_AS(coco::paint(seg, 1, mask), std::invalid_argument);
  seg.counts = {12};
  Image wrong = Image::make_u8(1, 4, 3, 0);  // the RLE's size is not the image's
  CHECK_THROWS_AS(coco::paint(seg, 1, wrong), std::invalid_argument);

  const json parsed = {{"counts", {4, 2, 4, 1, 1}}, {"size", {3, 4}}};
  const coco::Segmentation from_json = coco::parse_segmentation(parsed);
  CHECK(from_json.kind == coco::Segmentation::Kind::Counts);
  CHECK(covered(from_json, 3, 4) == std::set<std::pair<int, int>>{{1, 1}, {1, 2}, {3, 1}});
  CHECK_THROWS_AS(coco::parse_segmentation(json{{"counts", {-1, 13}}, {"size", {3, 4}}}), std::invalid_argument);
  CHECK_THROWS_AS(coco::parse_segmentation(json{{"counts", {12}}}), std::invalid_argument);
  CHECK_THROWS_AS(coco::parse_segmentation(json::array({json::array({1, 2, 3, 4, 5})})),
                  std::invalid_argument);  // under 3 points
}

TEST_CASE("coco masks: compressed RLE strings") {
  // Hand-encoded as rleToString does: 2410 = 75*32 + 10 → 'Z' (10|32 + 48), 75 = 2*32 + 11 → '[', 2 → '2';
  // 30 has bit 4 set, so a 0 follows: "n0"; from the fourth run on, each is a delta from the run two back.
  const coco::Rle r = coco::rle_from_string("Z[2n0n00J", 60, 80);
  CHECK(r.counts == std::vector<std::uint32_t>{2410, 30, 30, 30, 24});
  CHECK(coco::rle_to_string(coco::Rle{60, 80, {2410, 30, 30, 30, 24}}) == "Z[2n0n00J");
  CHECK(coco::rle_from_string("5:3J", 1, 1).counts == std::vector<std::uint32_t>{5, 10, 3, 4});

  // Round trip through the encoder for random masks, blobs and runs of every length.
  std::mt19937 gen(11);
  for (int trial = 0; trial < 200; ++trial) {
    const std::uint32_t h = 1 + gen() % 40, w = 1 + gen() % 40;
    std::vector<std::uint8_t> mask(static_cast<std::size_t>(h) * w);
    for (std::size_t i = 0; i < mask.size(); ++i) {
      const std::uint8_t prev = i ? mask[i - 1] : 0;
      if (trial % 3 == 0)
        mask[i] = gen() % 2;  // runs of 1 and 2
      else if (trial % 3 == 1)
        mask[i] = gen() % 17 == 0 ? !prev : prev;  // longer runs
      else
        mask[i] = (i * 7 / mask.size()) % 2;  // a few runs of hundreds
    }
    const coco::Rle enc = coco::rle_encode(mask, h, w);
    const std::string s = coco::rle_to_string(enc);
    const coco::Rle dec = coco::rle_from_string(s, h, w);
    REQUIRE(dec.counts == enc.counts);
    std::vector<std::uint8_t> bits(mask.size());
    for (std::size_t i = 0; i < mask.size(); ++i) bits[i] = mask[i] != 0;
    CHECK(coco::rle_decode(dec) == bits);
  }
  // Large runs: up to 32 bits.
  const coco::Rle big{1, 1, {4000000000u, 5, 123456789, 0, 4000000000u}};
  CHECK(coco::rle_from_string(coco::rle_to_string(big), 1, 1).counts == big.counts);

  CHECK_THROWS_AS(coco::rle_from_string("Z[", 60, 80), std::invalid_argument);    // ends inside a number
  CHECK_THROWS_AS(coco::rle_from_string("Z[2 ", 60, 80), std::invalid_argument);  // ' ' is below 48
  CHECK_THROWS_AS(coco::rle_from_string("0J", 60, 80), std::invalid_argument);    // negative run
}

TEST_CASE("coco source: samples in file order, keys, categories by id, boxes, crowd, mask") {
  auger::test::TempDir d("auger-coco");
  write_file(d.path / "ann.json", small_coco().dump());
  write_file(d.path / "a.png", "A-bytes");
  write_file(d.path / "b.png", "B-bytes");
  const auto src = open_source(d / "ann.json");
  REQUIRE(src->size() == 2);
  CHECK(src->key(0) == "b");
  CHECK(src->key(1) == "a");
  CHECK(src->classes() == std::vector<std::string>{"three", "seven"});
  CHECK(contains(src->describe(), "2 images, 3 annotations, 2 categories"));

  const StoredSample b = src->read(0);
  CHECK(b.origin == "ann.json:b.png");
  CHECK(b.blobs.at("image") == "B-bytes");
  CHECK(b.fields["boxes"] == json::array());
  CHECK(b.fields["classes"] == json::array());
  CHECK(b.fields["image_id"] == 10);
  CHECK(!b.fields.contains("keypoints"));
  CHECK(decode_mask(b.blobs.at("mask")).size() == cv::Size(8, 6));
  CHECK(cv::countNonZero(decode_mask(b.blobs.at("mask"))) == 0);

  const StoredSample a = src->read(1);
  CHECK(a.blobs.at("image") == "A-bytes");
  // The crowd annotation gives no box; the others keep COCO's xywh and the runner converts them.
  CHECK(a.fields["boxes"] == json{{1.5, 1, 3, 2}, {3, 2, 2, 2}});
  CHECK(a.fields["classes"] == json{1, 0});
  CHECK(a.formats.at("boxes") == "xywh");
  const cv::Mat m = decode_mask(a.blobs.at("mask"));
  REQUIRE(m.size() == cv::Size(8, 6));
  for (int y = 0; y < 6; ++y)
    for (int x = 0; x < 8; ++x) {
      // Painted in file order, later wins: the rectangle (class 1 → 2), the crowd column 0 (255), the square
      // (class 0 → 1) over the rectangle's corner.
      int want = 0;
      if (x >= 1 && x < 4 && y >= 1 && y < 3) want = 2;
      if (x == 0) want = 255;
      if (x >= 3 && x < 5 && y >= 2 && y < 4) want = 1;
      CAPTURE(x);
      CAPTURE(y);
      CHECK(int(m.at<std::uint8_t>(y, x)) == want);
    }
}

TEST_CASE("coco source: keypoints as K triples per box, none for crowds") {
  auger::test::TempDir d("auger-coco");
  json j = small_coco();
  j["annotations"][0]["keypoints"] = {1, 2, 2, 0, 0, 0};
  j["annotations"][1]["keypoints"] = {0, 0, 0, 0, 0, 0};
  // The third has none in a keypoint file: K points at (0, 0), invisible.
  write_file(d.path / "ann.json", j.dump());
  write_file(d.path / "a.png", "A");
  const auto src = open_source(d / "ann.json");
  const StoredSample a = src->read(1);
  CHECK(a.fields["keypoints"] == json{{{1.0, 2.0, 2}, {0.0, 0.0, 0}}, {{0.0, 0.0, 0}, {0.0, 0.0, 0}}});

  j["annotations"][2]["keypoints"] = {1, 2, 2};
  write_file(d.path / "ann.json", j.dump());
  CHECK(contains(error_of([&] { (void)open_source(d / "ann.json"); }), "1 keypoints, earlier annotations have 2"));
}

TEST_CASE("coco source: image files beside the annotations, in ../SPLIT, or in images/") {
  auger::test::TempDir d("auger-coco");
  json j = small_coco();
  write_file(d.path / "annotations/instances_val2017.json", j.dump());
  write_file(d.path / "val2017/a.png", "from split");
  write_file(d.path / "annotations/images/b.png", "from images");
  const auto src = open_source(d / "annotations/instances_val2017.json");
  CHECK(src->read(1).blobs.at("image") == "from split");
  CHECK(src->read(0).blobs.at("image") == "from images");
  CHECK(src->read(1).origin == "instances_val2017.json:a.png");
  write_file(d.path / "annotations/a.png", "beside");
  CHECK(src->read(1).blobs.at("image") == "beside");

  fs::remove(d.path / "annotations/images/b.png");
  const std::string e = error_of([&] { (void)src->read(0); });
  CHECK(contains(e, "instances_val2017.json:b.png: image file not found"));
  CHECK(contains(e, "annotations/b.png"));
  CHECK(contains(e, "annotations/../val2017/b.png"));
  CHECK(contains(e, "annotations/images/b.png"));
}

TEST_CASE("coco source: errors") {
  auger::test::TempDir d("auger-coco");
  write_file(d.path / "list.json", "[1, 2]");
  CHECK(contains(error_of([&] { (void)open_source(d / "list.json"); }), "not a COCO annotation file"));
  write_file(d.path / "other.json", R"({"name": "x", "images": []})");
  const std::string other = error_of([&] { (void)open_source(d / "other.json"); });
  CHECK(contains(other, "not a COCO annotation file"));
  CHECK(contains(other, "its keys: images, name"));
  write_file(d.path / "broken.json", R"({"images": [)");
  CHECK(contains(error_of([&] { (void)open_source(d / "broken.json"); }), "not JSON"));

  auto error_for = [&](json j) {
    write_file(d.path / "bad.json", j.dump());
    return error_of([&] { (void)open_source(d / "bad.json"); });
  };
  json j = small_coco();
  j["images"][1]["file_name"] = "dir/b.jpg";  // same key as b.png
  j["images"][0]["file_name"] = "dir/b.png";
  CHECK(contains(error_for(j), "images[1]: key \"dir/b\" was already used by images[0]"));
  j = small_coco();
  j["images"][1]["id"] = 10;
  CHECK(contains(error_for(j), "the id 10 was already used"));
  j = small_coco();
  j["annotations"][2]["category_id"] = 5;
  CHECK(contains(error_for(j), "annotations[2]: category_id 5 is not in \"categories\""));
  j = small_coco();
  j["annotations"][0]["image_id"] = 99;
  CHECK(contains(error_for(j), "image_id 99 is not in \"images\""));
  j = small_coco();
  j["images"][0] = 3;
  CHECK(contains(error_for(j), "images[0]: expected an object, got number"));
  j = small_coco();
  j["annotations"][0]["segmentation"] = {{"counts", "abc"}};
  CHECK(contains(error_for(j), "annotations[0] (id 1): \"segmentation\": an RLE segmentation needs"));
  j = small_coco();
  j["images"][1].erase("height");
  CHECK(contains(error_for(j), "a mask needs \"height\" and \"width\""));

  // A malformed RLE fails its sample, not the file.
  j = small_coco();
  j["annotations"][1]["segmentation"]["counts"] = {0, 6, 40};
  write_file(d.path / "bad.json", j.dump());
  write_file(d.path / "a.png", "A");
  const auto src = open_source(d / "bad.json");
  CHECK(contains(error_of([&] { (void)src->read(1); }),
                 "bad.json:a.png: the segmentation of annotation 2: the RLE's runs cover 46 pixels"));
}

TEST_CASE("coco source: tests/data/coco") {
  const std::string root = std::string(AUGER_SOURCE_DIR) + "/tests/data/coco/annotations/";
  const auto src = open_source(root + "instances_mini.json");
  REQUIRE(src->size() == 3);
  CHECK(src->key(0) == "000000000002");
  CHECK(src->key(1) == "000000000001");
  CHECK(src->key(2) == "000000000003");
  CHECK(src->classes() == std::vector<std::string>{"person", "dog"});
  const StoredSample one = src->read(1);
  CHECK(one.fields["classes"] == json{1, 0, 1});
  const cv::Mat m = decode_mask(one.blobs.at("mask"));
  REQUIRE(m.size() == cv::Size(80, 60));
  // The compressed RLE (dog, x 40..59, y 10..39), the uncompressed one (person, x 4..19, y 20..49) and the
  // rectangle painted over it (dog, x 14..33, y 30..55).
  CHECK(int(m.at<std::uint8_t>(10, 40)) == 2);
  CHECK(int(m.at<std::uint8_t>(39, 59)) == 2);
  CHECK(int(m.at<std::uint8_t>(9, 40)) == 0);
  CHECK(int(m.at<std::uint8_t>(25, 10)) == 1);
  CHECK(int(m.at<std::uint8_t>(35, 15)) == 2);
  CHECK(int(m.at<std::uint8_t>(55, 33)) == 2);
  CHECK(int(m.at<std::uint8_t>(56, 33)) == 0);
  CHECK(cv::countNonZero(m) == 20 * 30 + 16 * 30 + 20 * 26 - 6 * 20);
  const cv::Mat two = decode_mask(src->read(0).blobs.at("mask"));
  CHECK(int(two.at<std::uint8_t>(40, 2)) == 255);
  CHECK(!src->read(2).blobs.at("image").empty());

  const auto people = open_source(root + "person_keypoints_mini.json");
  const StoredSample p = people->read(0);
  REQUIRE(p.fields["keypoints"].size() == 1);  // the crowd has none
  CHECK(p.fields["keypoints"][0].size() == 17);
  CHECK(people->classes() == std::vector<std::string>{"person"});
}
