#include "api/audio_batch.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>

#include "runtime/audio/pending_level.h"

namespace auger::detail {

void collate_audio(const std::string& field, std::vector<rt::audio::Signal>& rows, Batch& b) {
  std::size_t longest = 0;
  int channels = 1;
  bool spectrogram = false;
  for (const auto& s : rows) {
    longest = std::max(longest, s.shape.cols);
    if (!s.data.empty()) {
      channels = std::max(channels, s.shape.rows);
      spectrogram = spectrogram || s.shape.spectrogram;
    }
  }
  BatchTensor t;
  t.elem = rt::Elem::F32;
  const auto n = static_cast<std::int64_t>(rows.size()), len = static_cast<std::int64_t>(longest);
  if (channels == 1 && !spectrogram) {
    t.rank = 2;
    t.shape = {n, len, 1, 1};
  } else {
    t.rank = 3;
    t.shape = {n, channels, len, 1};
  }
  const std::size_t bytes = std::max<std::size_t>(64, (t.bytes() + 63) / 64 * 64);
  void* p = std::aligned_alloc(64, bytes);
  if (!p) throw std::bad_alloc();
  std::memset(p, 0, bytes);
  t.storage = std::shared_ptr<void>(p, std::free);
  auto* out = static_cast<float*>(t.data());
  std::vector<std::int64_t> lengths(rows.size(), 0);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& s = rows[i];
    lengths[i] = static_cast<std::int64_t>(s.shape.cols);
    for (int c = 0; c < s.shape.rows && c < channels; ++c)  // a pending gain and time shift done as it copies
      rt::audio::copy_row_settled(
          s, c, out + (i * static_cast<std::size_t>(channels) + static_cast<std::size_t>(c)) * longest);
  }
  rows.clear();
  b.tensors[field] = std::move(t);
  b.classes[field + "_lengths"] = std::move(lengths);
}

}  // namespace auger::detail
