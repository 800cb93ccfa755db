#include "engine/sample_io.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "runtime/io/image_file.h"

namespace auger::engine {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::vector<std::string> kImageExtensions = {".png", ".jpg", ".jpeg", ".webp", ".bmp"};

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool is_pixel_kind(const std::string& kind) {
  return kind == "image" || kind == "mask";
}

}  // namespace

LoadedSample load_sample(const std::string& input, const ir::Function& fn) {
  LoadedSample s;
  const fs::path p(input);
  s.key = p.stem().string();
  const std::string ext = lower(p.extension().string());
  if (std::find(kImageExtensions.begin(), kImageExtensions.end(), ext) != kImageExtensions.end()) {
    std::vector<std::string> image_fields;
    for (const auto& [name, type] : fn.inputs)
      if (type.kind == "image") image_fields.push_back(name);
    if (image_fields.size() != 1)
      throw std::runtime_error(fmt::format(
          "a bare image needs a schema with exactly one image field (`{}` has {}); give a sample file NAME.json",
          fn.sample, image_fields.size()));
    s.images[image_fields.front()] = rt::read_image(input);
    return s;
  }
  if (ext == ".wav" || ext == ".flac" || ext == ".txt")
    throw std::runtime_error("audio and text inputs are not run by this version of auger (image policies only)");
  if (ext != ".json")
    throw std::runtime_error(
        fmt::format("`{}` is not an input auger reads (.png .jpg .jpeg .webp .bmp or a sample "
                    "file .json)",
                    ext.empty() ? input : ext));
  std::ifstream in(input);
  if (!in) throw std::runtime_error("cannot read the sample file");
  json j;
  try {
    j = json::parse(in);
  } catch (const json::exception& e) {
    throw std::runtime_error(fmt::format("not valid JSON: {}", e.what()));
  }
  if (!j.is_object()) throw std::runtime_error("a sample file holds one JSON object whose keys are schema fields");
  for (auto it = j.begin(); it != j.end(); ++it) {
    const ir::FieldType* type = nullptr;
    for (const auto& [name, t] : fn.inputs)
      if (name == it.key()) type = &t;
    if (!type) {
      std::vector<std::string> names;
      for (const auto& [name, t] : fn.inputs) names.push_back(name);
      throw std::runtime_error(fmt::format("field `{}` is not in sample `{}` (its fields: {})", it.key(), fn.sample,
                                           fmt::join(names, ", ")));
    }
    if (is_pixel_kind(type->kind)) {
      if (!it->is_string()) throw std::runtime_error(fmt::format("field `{}` must be a path to an image", it.key()));
      const fs::path file = p.parent_path() / it->get<std::string>();
      s.images[it.key()] = rt::read_image(file.string(), type->kind == "mask" ? 1 : 3);
    } else {
      s.fields[it.key()] = *it;
    }
  }
  return s;
}

void check_sample_fields(const rt::Trace& trace, const LoadedSample& sample, const ir::Function& fn) {
  for (const auto& applied : trace.ops)
    for (const auto& t : applied.targets) {
      if (sample.images.count(t) || sample.fields.contains(t)) continue;
      for (const auto& [name, type] : fn.inputs)
        if (name == t && type.kind == "image")
          throw std::runtime_error(fmt::format("`{}` (site {}) needs field `{}`, which this sample does not have",
                                               applied.op, applied.site, t));
    }
}

nlohmann::ordered_json params_json(const rt::AppliedOp& applied) {
  auto j = nlohmann::ordered_json::object();
  j["op"] = applied.op;
  for (const auto& [name, v] : applied.args.items()) {
    switch (v.kind) {
      case rt::ArgValue::Kind::Number:
        if (v.is_int)
          j[name] = static_cast<long long>(v.number);
        else
          j[name] = v.number;
        break;
      case rt::ArgValue::Kind::List: j[name] = v.list; break;
      case rt::ArgValue::Kind::Enum: j[name] = v.text; break;
      case rt::ArgValue::Kind::Bool: j[name] = v.boolean; break;
    }
  }
  return j;
}

}  // namespace auger::engine
