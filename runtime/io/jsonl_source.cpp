// A JSONL manifest: one JSON object per line, image and audio fields as paths relative to the manifest (a
// LibriSpeech/Lhotse-style {"audio": "a.flac", "transcript": "..."} line as well as {"image": "a.jpg", "class": 3});
// text fields as strings ({"text": "...", "tags": [...]}).
#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <unordered_map>
#include <utility>

#include "runtime/io/source_detail.h"

namespace auger::rt::io::detail {
namespace {

struct ManifestLine {
  std::string key;
  std::size_t line = 0;                                    // 1-based, as editors count
  std::vector<std::pair<std::string, std::string>> blobs;  // field name → path to read
  nlohmann::json fields;
  std::string bad;  // non-empty: the line cannot be a sample (read() throws this, naming the line)
};

std::string line_key(std::size_t index) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%08zu", index);
  return buf;
}

bool is_blank(const std::string& s) {
  return s.find_first_not_of(" \t\r") == std::string::npos;
}

std::string resolve(const std::string& file, const std::string& dir) {
  return !file.empty() && file[0] == '/' ? file : dir + file;
}

// An image or audio file's path, by its extension — unless the value holds whitespace and names no file: then it is
// text that happens to end like one ("a photo of the cat.jpg", "see https://x.org/a.png"), kept as a field.
bool is_file_value(const std::string& value, const std::string& dir) {
  if (!has_image_extension(value) && !has_audio_extension(value)) return false;
  if (value.find_first_of(" \t\n\r") == std::string::npos) return true;
  struct stat st {};
  return ::stat(resolve(value, dir).c_str(), &st) == 0;
}

// The line as a JSON object; anything else — not UTF-8 (a text field's broken bytes), not JSON (a lone surrogate
// escape too), an array — is that sample's error (l.bad), not the manifest's: the other lines still run.
nlohmann::json parse_line(const std::string& text, ManifestLine& l) {
  if (!is_valid_utf8(text)) {
    l.bad = "the line is not valid UTF-8";
    return {};
  }
  nlohmann::json obj;
  try {
    obj = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    l.bad = std::string("not JSON: ") + e.what();
    return {};
  }
  if (!obj.is_object()) l.bad = std::string("expected a JSON object, got ") + obj.type_name();
  return obj;
}

// The line's own key ("key", else "__key__"), removed from its fields; without one the line number stands.
void take_key(nlohmann::json& obj, ManifestLine& l) {
  const char* key_field = obj.contains("key") ? "key" : obj.contains("__key__") ? "__key__" : nullptr;
  if (!key_field) return;
  const nlohmann::json& k = obj[key_field];
  if (!k.is_string() || k.get_ref<const std::string&>().empty()) {
    l.bad = std::string("\"") + key_field + "\" must be a non-empty string";
    return;
  }
  l.key = k.get<std::string>();
  obj.erase(key_field);
}

class JsonlSource final : public Source {
 public:
  JsonlSource(std::string path, std::vector<ManifestLine> lines) : path_(std::move(path)), lines_(std::move(lines)) {}

  std::size_t size() const override { return lines_.size(); }
  const std::string& key(std::size_t i) const override { return lines_.at(i).key; }

  std::string origin(std::size_t i) const override { return path_ + ":" + std::to_string(lines_.at(i).line); }

  StoredSample read(std::size_t i) const override {
    const ManifestLine& l = lines_.at(i);
    StoredSample out;
    out.key = l.key;
    out.origin = origin(i);
    if (!l.bad.empty()) throw SourceError(out.origin + ": " + l.bad);
    for (const auto& [name, file] : l.blobs) out.blobs[name] = read_file(file, out.origin + " (" + name + ")");
    out.fields = l.fields;
    out.whole = true;
    return out;
  }

  std::string describe() const override { return "manifest " + path_ + " (" + grouped(lines_.size()) + " samples)"; }

 private:
  std::string path_;
  std::vector<ManifestLine> lines_;
};

}  // namespace

std::unique_ptr<Source> open_jsonl(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SourceError(path + ": cannot open the manifest");
  const std::size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);

  std::vector<ManifestLine> lines;
  std::unordered_map<std::string, std::size_t> line_of_key;
  std::string text;
  for (std::size_t index = 0; std::getline(in, text); ++index) {
    if (is_blank(text)) continue;
    ManifestLine l;
    l.line = index + 1;
    l.key = line_key(index);
    nlohmann::json obj = parse_line(text, l);
    if (l.bad.empty()) take_key(obj, l);
    // Keys are unique in a source: a key seen before is the later line's error (the first is kept), and that line
    // goes by KEY@lineN.
    if (auto [it, fresh] = line_of_key.emplace(l.key, l.line); !fresh) {
      l.bad = "key \"" + l.key + "\" was already used on line " + std::to_string(it->second) + " (the first is kept)";
      l.key += "@line" + std::to_string(l.line);
    }
    if (!l.bad.empty()) {
      lines.push_back(std::move(l));
      continue;
    }

    l.fields = nlohmann::json::object();
    for (auto& [name, value] : obj.items()) {
      if (value.is_string() && is_file_value(value.get_ref<const std::string&>(), dir)) {
        const std::string& file = value.get_ref<const std::string&>();
        l.blobs.emplace_back(name, resolve(file, dir));
      } else {
        l.fields[name] = std::move(value);
      }
    }
    lines.push_back(std::move(l));
  }
  if (in.bad()) throw SourceError(path + ": read error");
  if (lines.empty()) throw SourceError(path + ": the manifest has no samples");
  return std::make_unique<JsonlSource>(path, std::move(lines));
}

}  // namespace auger::rt::io::detail
