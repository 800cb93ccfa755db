#include "runtime/text/translation_cache.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "runtime/random/draw_stream.h"

namespace auger::rt::text {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

fs::path file_of(const RoundTrip& k) {
  const std::string tag = k.from + '\x1f' + k.via + '\x1f' + k.translator;
  const auto h = rng::stream_hash(0, k.text, tag);  // a stable 64-bit hash; the file holds the full key
  const std::string name = fmt::format("{:016x}", h);
  return fs::path(translation_cache_dir()) / name.substr(0, 2) / (name + ".json");
}

json key_json(const RoundTrip& k) {
  return {{"text", k.text}, {"from", k.from}, {"via", k.via}, {"translator", k.translator}};
}

}  // namespace

std::string translation_cache_dir() {
  if (const char* d = std::getenv("AUGER_CACHE_DIR"); d && *d) return (fs::path(d) / "translations").string();
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return (fs::path(x) / "auger" / "translations").string();
  if (const char* h = std::getenv("HOME"); h && *h) return (fs::path(h) / ".cache" / "auger" / "translations").string();
  return (fs::temp_directory_path() / "auger-translations").string();
}

std::optional<std::string> cached_translation(const RoundTrip& key) {
  std::ifstream in(file_of(key), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  try {
    const json j = json::parse(s.str());
    if (j.at("key") != key_json(key)) return std::nullopt;
    return j.at("result").get<std::string>();
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

void cache_translation(const RoundTrip& key, const std::string& result) {
  const fs::path file = file_of(key);
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  const fs::path tmp = file.string() + fmt::format(".tmp{}", ::getpid());
  {
    std::ofstream out(tmp, std::ios::binary);
    out << json{{"key", key_json(key)}, {"result", result}}.dump() << "\n";
    if (!out) return;
  }
  fs::rename(tmp, file, ec);
  if (ec) fs::remove(tmp, ec);
}

}  // namespace auger::rt::text
