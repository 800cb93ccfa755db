#include "engine/output_key.h"

#include <fmt/format.h>

#include <unordered_map>

namespace auger::engine {

namespace {

// A name longer than this leaves no room for ".FIELD.png" and "_eK" under the 255 bytes file systems allow.
constexpr std::size_t kMaxComponent = 200;

std::string shown(std::string_view key) {
  std::string out;
  for (unsigned char c : key)
    out += c < 0x20 || c == 0x7f ? fmt::format("\\x{:02x}", c) : std::string(1, static_cast<char>(c));
  return out;
}

std::string refuse(std::string_view key, std::string_view why) {
  return fmt::format("key \"{}\" {}; it is not written", shown(key), why);
}

}  // namespace

SafeKey safe_output_key(std::string_view key) {
  for (unsigned char c : key)
    if (c < 0x20 || c == 0x7f) return {{}, refuse(key, c == 0 ? "holds a NUL character" : "holds a control character")};
  if (!key.empty() && key.front() == '/')
    return {{}, refuse(key, "is an absolute path, which would be written outside the output folder")};
  SafeKey out;
  std::size_t start = 0;
  while (start <= key.size()) {
    const std::size_t slash = std::min(key.find('/', start), key.size());
    const std::string_view part = key.substr(start, slash - start);
    start = slash + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") return {{}, refuse(key, "has a `..` component, which would lead outside the output folder")};
    if (part.size() > kMaxComponent)
      return {{}, refuse(key, fmt::format("has a name longer than {} bytes", kMaxComponent))};
    if (!out.key.empty()) out.key += '/';
    out.key += part;
  }
  if (out.key.empty()) return {{}, refuse(key, "names no file")};
  return out;
}

namespace {

// The key an output file `name` (KEY.EXT, KEY.FIELD.EXT, KEY_eN.EXT) could belong to, for each dot of its last
// component: `fn` is called with each candidate.
template <typename Fn>
void owners_of_file_name(const std::string& name, Fn fn) {
  const std::size_t base = name.rfind('/') == std::string::npos ? 0 : name.rfind('/') + 1;
  for (std::size_t dot = name.find('.', base + 1); dot != std::string::npos; dot = name.find('.', dot + 1)) {
    std::string stem = name.substr(0, dot);
    fn(stem);
    const std::size_t e = stem.rfind("_e");
    if (e != std::string::npos && e + 2 < stem.size() &&
        stem.find_first_not_of("0123456789", e + 2) == std::string::npos)
      fn(stem.substr(0, e));
  }
}

void refuse_later(std::vector<SafeKey>& plan, std::size_t a, std::size_t b, const std::string& why_of_later) {
  SafeKey& later = plan[std::max(a, b)];
  if (later.ok()) later.error = why_of_later;
}

}  // namespace

std::vector<SafeKey> plan_output_keys(const std::vector<std::string>& keys, bool folder_output) {
  std::vector<SafeKey> plan;
  plan.reserve(keys.size());
  std::unordered_map<std::string, std::size_t> first;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    plan.push_back(safe_output_key(keys[i]));
    SafeKey& k = plan.back();
    if (!k.ok()) continue;
    if (folder_output && (k.key == "manifest" || k.key == ".auger" || k.key.rfind(".auger/", 0) == 0)) {
      k.error = refuse(keys[i], "names a file auger keeps for the run itself (manifest.json, .auger/)");
      continue;
    }
    if (auto [it, fresh] = first.emplace(k.key, i); !fresh)
      k.error = refuse(keys[i],
                       fmt::format("names the same files as sample \"{}\" (as `{}`)", shown(keys[it->second]), k.key));
  }
  // A folder one key needs where another writes a file: `a.png/x` and `a`.
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (!plan[i].ok()) continue;
    const std::string key = plan[i].key;
    for (std::size_t slash = key.find('/'); slash != std::string::npos; slash = key.find('/', slash + 1))
      owners_of_file_name(key.substr(0, slash), [&](const std::string& owner) {
        if (auto it = first.find(owner); it != first.end() && it->second != i)
          refuse_later(plan, i, it->second,
                       refuse(keys[std::max(i, it->second)],
                              fmt::format("and sample \"{}\" need `{}` as both a folder and a file",
                                          shown(keys[std::min(i, it->second)]), key.substr(0, slash))));
      });
  }
  return plan;
}

}  // namespace auger::engine
