#include "tools/cmd_apply_outputs.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <utility>

#include "engine/output_key.h"
#include "tools/cmd_apply_text.h"

namespace auger::cli {

namespace fs = std::filesystem;

namespace {

using FileId = std::pair<dev_t, ino_t>;

bool is_pixel_or_audio(const std::string& kind) {
  return kind == "image" || kind == "mask" || kind == "audio";
}

// The extensions a field of this (output) type may be written with.
std::vector<std::string> extensions(const ir::FieldType& type) {
  if (type.kind == "audio") return {".wav"};
  if (type.kind == "spectrogram") return {".npy"};
  if (type.element == "f32") return {".npy"};
  return {".png", ".npy"};  // u8 with another channel count than 1 or 3 is an .npy
}

// The files a sample file reads besides itself: the paths of its pixel and audio fields, relative to it. A file
// that is not JSON names none (it fails when it is read).
std::vector<fs::path> named_files(const fs::path& sample_file, const ir::Function& fn) {
  std::vector<fs::path> out;
  std::ifstream in(sample_file);
  const auto j = nlohmann::json::parse(in, nullptr, false);
  if (!j.is_object()) return out;
  for (const auto& [name, type] : fn.inputs)
    if (is_pixel_or_audio(type.kind) && j.contains(name) && j[name].is_string())
      out.push_back(sample_file.parent_path() / j[name].get<std::string>());
  return out;
}

std::map<FileId, std::string> input_files(const std::vector<std::string>& inputs, const ir::Function& fn) {
  std::map<FileId, std::string> ids;
  auto add = [&](const fs::path& p, const std::string& shown) {
    struct stat st {};
    if (::stat(p.c_str(), &st) == 0) ids.emplace(FileId{st.st_dev, st.st_ino}, shown);
  };
  for (const auto& in : inputs) {
    add(in, in);
    if (fs::path(in).extension() == ".json")
      for (const auto& f : named_files(in, fn)) add(f, fmt::format("{} (named by {})", f.string(), in));
  }
  return ids;
}

}  // namespace

std::vector<std::string> apply_output_names(const std::string& input, const std::string& key, const ir::Function& fn) {
  std::vector<std::string> names = {key + ".json"};
  if (is_text_file(input)) {
    names.push_back(key + ".txt");
    return names;
  }
  std::size_t fields = 0;
  for (const auto& [name, type] : fn.outputs) fields += is_pixel_or_audio(type.kind) || type.kind == "spectrogram";
  for (const auto& [name, type] : fn.outputs) {
    if (!is_pixel_or_audio(type.kind) && type.kind != "spectrogram") continue;
    for (const auto& ext : extensions(type)) {
      names.push_back(key + ext);  // a sample with only one of several fields writes plain names
      if (fields > 1) names.push_back(key + "." + name + ext);
    }
  }
  return names;
}

std::optional<std::string> output_replacing_input(const std::string& out, const std::vector<std::string>& inputs,
                                                  const ir::Function& fn) {
  const auto ids = input_files(inputs, fn);
  for (const auto& in : inputs) {
    const engine::SafeKey key = engine::safe_output_key(fs::path(in).stem().string());
    if (!key.ok()) continue;  // that input fails on its own, writing nothing
    for (const auto& name : apply_output_names(in, key.key, fn)) {
      const fs::path p = fs::path(out) / name;
      struct stat st {};
      if (::lstat(p.c_str(), &st) != 0) continue;
      if (const auto it = ids.find({st.st_dev, st.st_ino}); it != ids.end())
        return fmt::format(
            "--out {}: {} would replace the input {}; apply never writes over its inputs (choose "
            "another --out)",
            out, p.string(), it->second);
    }
  }
  return std::nullopt;
}

}  // namespace auger::cli
