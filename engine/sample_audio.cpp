#include "engine/sample_audio.h"

#include <fmt/format.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "engine/audio_labels.h"
#include "runtime/audio/audio_file.h"
#include "runtime/audio/run_audio.h"

namespace auger::engine {

namespace {

const std::string* audio_blob(const rt::io::StoredSample& s, const std::string& field, bool only_audio_field) {
  if (auto it = s.blobs.find(field); it != s.blobs.end()) return &it->second;
  if (!only_audio_field) return nullptr;
  for (const char* name : {"audio", "flac", "wav", "ogg"})
    if (auto it = s.blobs.find(name); it != s.blobs.end()) return &it->second;
  return nullptr;
}

// Why field `name` has no audio: a manifest value naming a file auger does not decode is kept as text (a caption
// may end in ".mp3"), so say that rather than that nothing was given.
std::string missing_audio(const rt::io::StoredSample& s, const std::string& name) {
  const auto it = s.fields.find(name);
  if (it != s.fields.end() && it->is_string()) {
    const auto& value = it->get_ref<const std::string&>();
    const auto dot = value.rfind('.');
    if (dot != std::string::npos && dot + 1 < value.size() && value.find('/', dot) == std::string::npos)
      return fmt::format(
          "field `{}`: unsupported audio format {} in `{}` (auger reads .wav, .flac and .ogg through "
          "libsndfile; convert it, e.g. `ffmpeg -i {} out.flac`)",
          name, value.substr(dot), value, value);
    return fmt::format("field `{}`: `{}` is not an audio file (.wav, .flac, .ogg)", name, value);
  }
  return fmt::format("field `{}` is required and missing", name);
}

}  // namespace

void gather_audio(const rt::io::StoredSample& s, const ir::Function& fn, const SchemaInfo& schema,
                  sampling::SampleContext& ctx, std::map<std::string, rt::audio::Signal>& audio) {
  audio.clear();
  std::vector<std::string> fields;
  for (const auto& [name, type] : fn.inputs)
    if (type.kind == "audio") fields.push_back(name);
  for (const auto& name : fields) {
    const std::string* blob = audio_blob(s, name, fields.size() == 1);
    if (!blob) throw std::runtime_error(missing_audio(s, name));
    const rt::audio::FieldFormat format = audio_format(name, schema);
    try {
      audio[name] = rt::audio::decode_audio(*blob, format);
    } catch (const std::exception& e) {
      throw std::runtime_error(fmt::format("field `{}`: {}", name, e.what()));
    }
    ctx.audio[name] = audio[name].shape;
  }
}

rt::audio::FieldFormat audio_format(const std::string& field, const SchemaInfo& schema) {
  const FieldInfo* info = schema.field(field);
  if (!info) return {};
  return {info->sample_rate, info->channels == "stereo" ? 2 : 1};
}

void augment_audio(const rt::Trace& trace, const SchemaInfo& schema, std::map<std::string, rt::audio::Signal>& audio,
                   nlohmann::ordered_json& fields, bool leave_level) {
  if (audio.empty()) return;
  nlohmann::json values(fields);
  const rt::audio::FrameLabels frames = frame_labels(schema, values);
  rt::audio::run_audio(trace, audio, frames, leave_level);
  for (const auto& f : frames.fields)
    if (values.contains(f.name)) fields[f.name] = values[f.name];
}

}  // namespace auger::engine
