#include "runtime/audio/background.h"

#include <sndfile.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <mutex>
#include <stdexcept>
#include <utility>

#include "runtime/audio/audio_file.h"
#include "runtime/audio/resample.h"

namespace auger::rt::audio {

namespace {

namespace fs = std::filesystem;

// Decoded recordings kept at most: beyond it the cache starts over (a MUSAN noise folder at 16 kHz is ~1.4 GB).
constexpr std::size_t kCacheBytes = std::size_t{256} << 20;

bool is_audio(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".wav" || ext == ".flac";
}

std::vector<std::string> list(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw std::runtime_error("add_background: `" + dir + "` is not a folder auger can read");
  std::vector<std::string> files;
  fs::recursive_directory_iterator it(dir, fs::directory_options::follow_directory_symlink, ec), end;
  for (; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec) && is_audio(it->path())) files.push_back(it->path().string());
  if (ec) throw std::runtime_error("add_background: cannot list `" + dir + "`: " + ec.message());
  if (files.empty()) throw std::runtime_error("add_background: `" + dir + "` holds no .wav or .flac file");
  std::sort(files.begin(), files.end());
  return files;
}

std::mutex& lock() {
  static std::mutex m;
  return m;
}

}  // namespace

const std::vector<std::string>& background_files(const std::string& dir) {
  static std::map<std::string, std::vector<std::string>> listed;  // never erased: references stay valid
  std::lock_guard<std::mutex> g(lock());
  if (auto it = listed.find(dir); it != listed.end()) return it->second;
  return listed.emplace(dir, list(dir)).first->second;
}

std::size_t background_length(const std::string& path, double rate) {
  SF_INFO info{};
  SNDFILE* f = sf_open(path.c_str(), SFM_READ, &info);
  if (!f) throw std::runtime_error("add_background: cannot decode `" + path + "`: " + sf_strerror(nullptr));
  sf_close(f);
  if (info.frames <= 0 || info.samplerate < 1) throw std::runtime_error("add_background: `" + path + "` is empty");
  return resampled_length(static_cast<std::size_t>(info.frames), info.samplerate, std::llround(rate));
}

std::shared_ptr<const std::vector<float>> background_samples(const std::string& path, double rate) {
  using Key = std::pair<std::string, long long>;
  static std::map<Key, std::shared_ptr<const std::vector<float>>> cache;
  static std::size_t bytes = 0;
  const Key key{path, std::llround(rate)};
  {
    std::lock_guard<std::mutex> g(lock());
    if (auto it = cache.find(key); it != cache.end()) return it->second;
  }
  std::shared_ptr<const std::vector<float>> samples;
  try {
    samples = std::make_shared<const std::vector<float>>(read_audio(path, {rate, 1}).data);
  } catch (const std::exception& e) {
    throw std::runtime_error("add_background: `" + path + "`: " + e.what());
  }
  std::lock_guard<std::mutex> g(lock());
  const std::size_t size = samples->size() * sizeof(float);
  if (bytes + size > kCacheBytes) {
    cache.clear();
    bytes = 0;
  }
  if (size <= kCacheBytes && cache.emplace(key, samples).second) bytes += size;
  return samples;
}

}  // namespace auger::rt::audio
