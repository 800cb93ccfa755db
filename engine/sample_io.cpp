#include "engine/sample_io.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "engine/required_fields.h"
#include "engine/sample_audio.h"
#include "runtime/audio/audio_file.h"
#include "runtime/io/image_file.h"
#include "runtime/ops/op_record.h"

namespace auger::engine {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::vector<std::string> kImageExtensions = {".png", ".jpg", ".jpeg", ".webp", ".bmp"};

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

const std::vector<std::string> kAudioExtensions = {".wav", ".flac", ".ogg"};

bool is_pixel_kind(const std::string& kind) {
  return kind == "image" || kind == "mask";
}

bool has(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// Decodes a sample file's audio field from `file`, naming the file in any error (the sample file is named by the
// caller).
rt::audio::Signal read_audio_field(const fs::path& file, const std::string& field, const SchemaInfo& schema) {
  try {
    return rt::audio::read_audio(file.string(), audio_format(field, schema));
  } catch (const std::exception& e) {
    throw std::runtime_error(fmt::format("field `{}` ({}): {}", field, file.string(), e.what()));
  }
}

}  // namespace

LoadedSample load_sample(const std::string& input, const ir::Function& fn, const SchemaInfo& schema) {
  LoadedSample s;
  const fs::path p(input);
  s.key = p.stem().string();
  const std::string ext = lower(p.extension().string());
  const bool image = has(kImageExtensions, ext), audio = has(kAudioExtensions, ext);
  if (image || audio) {
    const std::string kind = image ? "image" : "audio";
    std::vector<std::string> fields;
    int channels = 3;
    for (const auto& [name, type] : fn.inputs)
      if (type.kind == kind) {
        fields.push_back(name);
        channels = type.channels();
      }
    if (fields.size() != 1)
      throw std::runtime_error(
          fmt::format("a bare {0} file needs a schema with exactly one {0} field (`{1}` has {2}); give a sample file "
                      "NAME.json",
                      kind, fn.sample, fields.size()));
    if (image)
      s.images[fields.front()] = rt::read_image(input, channels);
    else
      s.audio[fields.front()] = rt::audio::read_audio(input, audio_format(fields.front(), schema));
    return s;
  }
  if (ext == ".txt") throw std::runtime_error("text inputs are not run by this version of auger");
  if (ext != ".json")
    throw std::runtime_error(
        fmt::format("`{}` is not an input auger reads (.png .jpg .jpeg .webp .bmp, .wav .flac .ogg, .txt with a "
                    "text sample per line, or a sample file .json)",
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
      // Not the schema's: ignored, as a manifest line's extra keys are in `run` and the loader (docs/runtime.md
      // "Absent fields"): data files carry metadata (a speaker, a duration) the policy has no use for.
      if (schema.field(it.key())) s.fields[it.key()] = *it;
      continue;
    }
    if (is_pixel_kind(type->kind)) {
      if (!it->is_string()) throw std::runtime_error(fmt::format("field `{}` must be a path to an image", it.key()));
      const fs::path file = p.parent_path() / it->get<std::string>();
      s.images[it.key()] = rt::read_image(file.string(), type->channels(), type->kind == "mask");
    } else if (type->kind == "audio") {
      if (!it->is_string())
        throw std::runtime_error(fmt::format("field `{}` must be a path to an audio file", it.key()));
      s.audio[it.key()] = read_audio_field(p.parent_path() / it->get<std::string>(), it.key(), schema);
    } else {
      s.fields[it.key()] = *it;
    }
  }
  // A sample file is a whole sample, held to the schema as a manifest line is (a bare input is one field).
  std::set<std::string> present;
  for (const auto& [name, img] : s.images) present.insert(name);
  for (const auto& [name, sound] : s.audio) present.insert(name);
  for (const auto& [name, value] : s.fields.items())
    if (!value.is_null()) present.insert(name);
  require_fields(schema, present);
  return s;
}

void check_sample_fields(const rt::Trace& trace, const LoadedSample& sample, const ir::Function& fn) {
  for (const auto& applied : trace.ops)
    for (const auto& t : applied.targets) {
      if (sample.images.count(t) || sample.audio.count(t) || sample.fields.contains(t)) continue;
      for (const auto& [name, type] : fn.inputs)
        if (name == t && (type.kind == "image" || type.kind == "audio"))
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
