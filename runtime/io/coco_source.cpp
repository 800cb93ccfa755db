// A COCO annotation file (instances_*.json, person_keypoints_*.json): one sample per "images" entry, with the
// boxes, classes and keypoints of its annotations and a class mask rasterised from their segmentations.
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <unordered_map>
#include <utility>

#include "runtime/io/coco_masks.h"
#include "runtime/io/encode.h"
#include "runtime/io/source_detail.h"

namespace auger::rt::io::detail {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// A mask pixel holds class index + 1 in 8 bits, 0 and 255 being background and ignore.
constexpr std::size_t kMaxMaskClasses = 254;

struct CocoAnnotation {
  std::int64_t id = -1;  // for messages; -1 when the file gives none
  std::int64_t image_id = 0;
  std::int64_t category_id = 0;
  int label = -1;  // index of category_id among the categories sorted by id
  bool crowd = false;
  std::array<double, 4> bbox{};   // x, y, w, h
  std::vector<double> keypoints;  // COCO's flat [x, y, v, …]; empty when the annotation has none
  std::optional<coco::Segmentation> segmentation;
};

struct CocoImage {
  std::int64_t id = 0;
  std::string file_name;
  std::string key;
  std::int64_t height = 0, width = 0;       // 0 when the file gives none
  std::vector<CocoAnnotation> annotations;  // in file order
};

struct Category {
  std::int64_t id = 0;
  std::string name;
};

// What the file holds beyond its samples, fixed when it is opened.
struct CocoIndex {
  std::vector<CocoImage> images;
  std::vector<std::string> class_names;
  std::size_t annotation_count = 0;
  std::size_t keypoint_count = 0;  // K, 0 when no annotation has "keypoints"
  bool masks = false;              // some annotation has a "segmentation", and the classes fit a u8 mask
};

bool is_integral(double d) {
  return std::isfinite(d) && std::floor(d) == d;
}

class CocoSource final : public Source {
 public:
  CocoSource(std::string path, CocoIndex index) : path_(std::move(path)), index_(std::move(index)) {
    const fs::path p(path_);
    name_ = p.filename().string();
    dir_ = p.parent_path().empty() ? fs::path(".") : p.parent_path();
    // instances_val2017.json → val2017: the official layout keeps annotations/ beside the images' split folder.
    const std::string stem = p.stem().string();
    if (const std::size_t us = stem.rfind('_'); us != std::string::npos && us + 1 < stem.size())
      split_ = stem.substr(us + 1);
  }

  std::size_t size() const override { return index_.images.size(); }
  const std::string& key(std::size_t i) const override { return index_.images.at(i).key; }
  std::vector<std::string> classes() const override { return index_.class_names; }

  std::string origin(std::size_t i) const override { return name_ + ":" + index_.images.at(i).file_name; }

  StoredSample read(std::size_t i) const override {
    const CocoImage& img = index_.images.at(i);
    StoredSample out;
    out.key = img.key;
    out.origin = origin(i);
    out.blobs["image"] = read_image(img.file_name, out.origin);

    json boxes = json::array(), classes = json::array(), keypoints = json::array();
    for (const CocoAnnotation& a : img.annotations) {
      if (a.crowd) continue;
      boxes.push_back({a.bbox[0], a.bbox[1], a.bbox[2], a.bbox[3]});
      classes.push_back(a.label);
      if (index_.keypoint_count == 0) continue;
      json points = json::array();
      for (std::size_t k = 0; k < index_.keypoint_count; ++k) {
        if (a.keypoints.empty()) {
          points.push_back({0.0, 0.0, 0});
          continue;
        }
        points.push_back(
            {a.keypoints[3 * k], a.keypoints[3 * k + 1], static_cast<std::int64_t>(a.keypoints[3 * k + 2])});
      }
      keypoints.push_back(std::move(points));
    }
    out.fields["boxes"] = std::move(boxes);
    out.fields["classes"] = std::move(classes);
    if (index_.keypoint_count > 0) out.fields["keypoints"] = std::move(keypoints);
    out.fields["image_id"] = img.id;
    out.formats["boxes"] = "xywh";

    if (index_.masks) {
      Image mask = Image::make_u8(1, static_cast<int>(img.height), static_cast<int>(img.width), 0);
      for (const CocoAnnotation& a : img.annotations) {
        if (!a.segmentation) continue;
        try {
          coco::paint(*a.segmentation, a.crowd ? 255 : static_cast<std::uint8_t>(a.label + 1), mask);
        } catch (const std::invalid_argument& e) {
          throw SourceError(out.origin + ": the segmentation of annotation " + std::to_string(a.id) + ": " + e.what());
        }
      }
      out.blobs["mask"] = encode_png(mask);
    }
    return out;
  }

  std::string describe() const override {
    return "COCO " + path_ + " (" + grouped(index_.images.size()) + " images, " + grouped(index_.annotation_count) +
           " annotations, " + grouped(index_.class_names.size()) + " categories)";
  }

 private:
  // The image beside the annotation file, else in the split's folder beside annotations/, else in images/.
  std::string read_image(const std::string& file_name, const std::string& origin) const {
    std::vector<std::string> tried;
    if (!file_name.empty() && file_name[0] == '/') {
      tried.push_back(file_name);
    } else {
      tried.push_back((dir_ / file_name).string());
      if (!split_.empty()) tried.push_back((dir_ / ".." / split_ / file_name).string());
      tried.push_back((dir_ / "images" / file_name).string());
    }
    for (const std::string& path : tried) {
      struct stat st {};
      if (::stat(path.c_str(), &st) == 0) return read_file(path, origin);
    }
    std::string msg = origin + ": image file not found; tried";
    for (std::size_t k = 0; k < tried.size(); ++k) msg += (k ? ", " : " ") + tried[k];
    throw SourceError(msg);
  }

  std::string path_, name_, split_;
  fs::path dir_;
  CocoIndex index_;
};

std::int64_t integer_field(const json& obj, const char* name, const std::string& where) {
  const auto it = obj.find(name);
  if (it == obj.end()) throw SourceError(where + ": no \"" + name + "\"");
  if (it->is_number_integer()) return it->get<std::int64_t>();
  if (it->is_number_float() && is_integral(it->get<double>()) && std::abs(it->get<double>()) < 9e15)
    return static_cast<std::int64_t>(it->get<double>());
  throw SourceError(where + ": \"" + name + "\" must be an integer, not " + it->dump());
}

CocoImage image_entry(const json& obj, const std::string& where) {
  if (!obj.is_object()) throw SourceError(where + ": expected an object, got " + obj.type_name());
  CocoImage img;
  img.id = integer_field(obj, "id", where);
  const auto name = obj.find("file_name");
  if (name == obj.end() || !name->is_string() || name->get_ref<const std::string&>().empty())
    throw SourceError(where + ": \"file_name\" must be a non-empty string");
  img.file_name = name->get<std::string>();
  // The key is the file name without its extension (its folders kept, as a folder source's keys keep theirs).
  img.key = fs::path(img.file_name).replace_extension().generic_string();
  if (img.key.empty()) img.key = img.file_name;
  if (obj.contains("height")) img.height = integer_field(obj, "height", where);
  if (obj.contains("width")) img.width = integer_field(obj, "width", where);
  return img;
}

CocoAnnotation annotation_entry(const json& obj, const std::string& where_index) {
  if (!obj.is_object()) throw SourceError(where_index + ": expected an object, got " + obj.type_name());
  CocoAnnotation a;
  std::string where = where_index;
  if (const auto id = obj.find("id"); id != obj.end() && id->is_number_integer()) {
    a.id = id->get<std::int64_t>();
    where += " (id " + std::to_string(a.id) + ")";
  }
  a.image_id = integer_field(obj, "image_id", where);
  a.category_id = integer_field(obj, "category_id", where);
  if (const auto crowd = obj.find("iscrowd"); crowd != obj.end()) {
    if (crowd->is_boolean())
      a.crowd = crowd->get<bool>();
    else
      a.crowd = integer_field(obj, "iscrowd", where) != 0;
  }
  if (const auto bbox = obj.find("bbox"); bbox != obj.end()) {
    if (!bbox->is_array() || bbox->size() != 4) throw SourceError(where + ": \"bbox\" must be [x, y, w, h]");
    for (std::size_t k = 0; k < 4; ++k) {
      if (!(*bbox)[k].is_number() || !std::isfinite((*bbox)[k].get<double>()))
        throw SourceError(where + ": \"bbox\" must hold 4 numbers, not " + bbox->dump());
      a.bbox[k] = (*bbox)[k].get<double>();
    }
  } else if (!a.crowd) {
    throw SourceError(where + ": no \"bbox\"");
  }
  if (const auto kp = obj.find("keypoints"); kp != obj.end()) {
    if (!kp->is_array() || kp->size() % 3 != 0)
      throw SourceError(where + ": \"keypoints\" must be a flat list of (x, y, v) triples");
    for (std::size_t k = 0; k < kp->size(); ++k) {
      const json& v = (*kp)[k];
      if (!v.is_number() || !std::isfinite(v.get<double>()) || (k % 3 == 2 && !is_integral(v.get<double>())))
        throw SourceError(where + ": \"keypoints\" holds " + v.dump() + " (x and y numbers, v an integer)");
      a.keypoints.push_back(v.get<double>());
    }
  }
  if (const auto seg = obj.find("segmentation"); seg != obj.end()) {
    try {
      a.segmentation = coco::parse_segmentation(*seg);
    } catch (const std::invalid_argument& e) {
      throw SourceError(where + ": \"segmentation\": " + e.what());
    }
  }
  return a;
}

std::string top_level_keys(const json& root) {
  std::string keys;
  for (const auto& [k, v] : root.items()) keys += (keys.empty() ? "" : ", ") + k;
  return keys.empty() ? "none" : keys;
}

}  // namespace

std::unique_ptr<Source> open_coco(const std::string& path) {
  const std::string text = read_file(path, path);
  CocoIndex index;
  std::vector<CocoAnnotation> annotations;

  // "images" and "annotations" entries become compact records as they are parsed and are dropped from the JSON
  // tree, which for the train2017 file would take several times the file's 450 MB.
  std::string key;   // the top-level key being parsed
  std::string list;  // "images" or "annotations" while inside that list, else empty
  std::size_t element = 0;
  auto where = [&] { return path + ": " + list + "[" + std::to_string(element) + "]"; };
  auto callback = [&](int depth, json::parse_event_t event, json& parsed) {
    using E = json::parse_event_t;
    if (depth == 1) {
      if (event == E::key) key = parsed.get<std::string>();
      if (event == E::array_start && (key == "images" || key == "annotations")) {
        list = key;
        element = 0;
      }
      if (event == E::array_end) list.clear();
      return true;
    }
    if (depth != 2 || list.empty()) return true;
    if (event == E::object_end) {
      if (list == "images")
        index.images.push_back(image_entry(parsed, where()));
      else
        annotations.push_back(annotation_entry(parsed, where()));
      ++element;
      return false;
    }
    if (event == E::value || event == E::array_end)
      throw SourceError(where() + ": expected an object, got " + (event == E::value ? parsed.type_name() : "array"));
    return true;
  };
  json root;
  try {
    root = json::parse(text, callback);
  } catch (const json::parse_error& e) {
    throw SourceError(path + ": not JSON: " + e.what());
  }
  if (!root.is_object() || !root.contains("images") || !root["images"].is_array() || !root.contains("annotations") ||
      !root["annotations"].is_array())
    throw SourceError(
        path + ": not a COCO annotation file (a JSON object with \"images\" and \"annotations\" lists; " +
        (root.is_object() ? "its keys: " + top_level_keys(root) : std::string("it is ") + root.type_name()) + ")");

  // Categories in id order: COCO's 80 ids (1..90 with gaps) become the class indices 0..79.
  std::vector<Category> categories;
  if (root.contains("categories")) {
    const json& cats = root["categories"];
    if (!cats.is_array()) throw SourceError(path + ": \"categories\" must be a list");
    for (std::size_t k = 0; k < cats.size(); ++k) {
      const std::string at = path + ": categories[" + std::to_string(k) + "]";
      if (!cats[k].is_object()) throw SourceError(at + ": expected an object");
      Category c;
      c.id = integer_field(cats[k], "id", at);
      const auto name = cats[k].find("name");
      if (name == cats[k].end() || !name->is_string()) throw SourceError(at + ": \"name\" must be a string");
      c.name = name->get<std::string>();
      categories.push_back(std::move(c));
    }
  }
  std::stable_sort(categories.begin(), categories.end(),
                   [](const Category& a, const Category& b) { return a.id < b.id; });
  std::unordered_map<std::int64_t, int> label_of;
  for (std::size_t k = 0; k < categories.size(); ++k) {
    if (!label_of.emplace(categories[k].id, static_cast<int>(k)).second)
      throw SourceError(path + ": two categories have the id " + std::to_string(categories[k].id));
    index.class_names.push_back(categories[k].name);
  }

  std::unordered_map<std::int64_t, std::size_t> image_of_id;
  std::unordered_map<std::string, std::size_t> image_of_key;
  for (std::size_t k = 0; k < index.images.size(); ++k) {
    const CocoImage& img = index.images[k];
    if (auto [it, fresh] = image_of_id.emplace(img.id, k); !fresh)
      throw SourceError(path + ": images[" + std::to_string(k) + "]: the id " + std::to_string(img.id) +
                        " was already used by images[" + std::to_string(it->second) + "]");
    if (auto [it, fresh] = image_of_key.emplace(img.key, k); !fresh)
      throw SourceError(path + ": images[" + std::to_string(k) + "]: key \"" + img.key +
                        "\" was already used by images[" + std::to_string(it->second) + "]");
  }

  bool segmentations = false;
  for (std::size_t k = 0; k < annotations.size(); ++k) {
    CocoAnnotation& a = annotations[k];
    const std::string at = path + ": annotations[" + std::to_string(k) + "]";
    const auto label = label_of.find(a.category_id);
    if (label == label_of.end())
      throw SourceError(at + ": category_id " + std::to_string(a.category_id) + " is not in \"categories\"");
    a.label = label->second;
    const auto image = image_of_id.find(a.image_id);
    if (image == image_of_id.end())
      throw SourceError(at + ": image_id " + std::to_string(a.image_id) + " is not in \"images\"");
    if (!a.keypoints.empty()) {
      const std::size_t k_points = a.keypoints.size() / 3;
      if (index.keypoint_count != 0 && k_points != index.keypoint_count)
        throw SourceError(at + ": " + std::to_string(k_points) + " keypoints, earlier annotations have " +
                          std::to_string(index.keypoint_count));
      index.keypoint_count = k_points;
    }
    segmentations = segmentations || a.segmentation.has_value();
    index.images[image->second].annotations.push_back(std::move(a));
  }
  index.annotation_count = annotations.size();

  // More classes than a u8 mask holds (LVIS has 1203) leave the samples without a mask rather than unusable.
  index.masks = segmentations && categories.size() <= kMaxMaskClasses;
  if (index.masks)
    for (std::size_t k = 0; k < index.images.size(); ++k) {
      const CocoImage& img = index.images[k];
      if (img.height <= 0 || img.width <= 0 || img.height > 1 << 16 || img.width > 1 << 16)
        throw SourceError(path + ": images[" + std::to_string(k) + "]: a mask needs \"height\" and \"width\" " +
                          "(positive, at most 65536)");
    }
  return std::make_unique<CocoSource>(path, std::move(index));
}

}  // namespace auger::rt::io::detail
