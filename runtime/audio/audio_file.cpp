#include "runtime/audio/audio_file.h"

#include <sndfile.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "runtime/audio/resample.h"
#include "runtime/exec/heap_tuning.h"

namespace auger::rt::audio {

namespace {

struct CloseFile {
  void operator()(SNDFILE* f) const { sf_close(f); }
};
using File = std::unique_ptr<SNDFILE, CloseFile>;

std::runtime_error truncated(long long header, long long holds) {
  return std::runtime_error("truncated: the header says " + std::to_string(header) + " frames, the file holds " +
                            std::to_string(holds));
}

// libsndfile sizes a WAV / AIFF whose data chunk is shorter than its header says by what the file holds (info.frames
// is then the shorter count) and notes the header's size in its log: "data : 122804 (should be 61380)". The header's
// frames are its bytes over the bytes per frame that the file's own count gives.
void refuse_short_data_chunk(SNDFILE* f, sf_count_t frames) {
  char log[8192] = {};
  sf_command(f, SFC_GET_LOG_INFO, log, sizeof log);
  std::istringstream lines{std::string(log)};
  for (std::string line; std::getline(lines, line);) {
    long long said = 0, holds = 0;
    char chunk[5] = {};
    if (std::sscanf(line.c_str(), " %4s : %lld (should be %lld)", chunk, &said, &holds) != 3) continue;
    if (std::strcmp(chunk, "data") != 0 && std::strcmp(chunk, "SSND") != 0) continue;
    // Streaming writers that cannot seek back leave a sentinel (0xFFFFFFFF, 0x7FFFF000): length unknown, not short.
    // Any other size past the file's end is a truncation, however large.
    if (said <= holds || holds <= 0 || said == 0xFFFFFFFFLL || said == 0x7FFFF000LL) continue;
    const long long per_frame = holds / std::max<sf_count_t>(frames, 1);
    throw truncated(per_frame > 0 ? said / per_frame : std::llround(static_cast<double>(frames) * said / holds),
                    frames);
  }
  const std::string text(log);  // other phrasings of a short file in libsndfile's readers
  if (text.find("truncated") != std::string::npos || text.find("> file length") != std::string::npos ||
      text.find("Data length in header") != std::string::npos)
    throw std::runtime_error("truncated: the header says more data than the file holds");
}

// The planar channels of interleaved `frames`, mixed to what the field declares.
Signal to_field_channels(const std::vector<float>& frames, int file_channels, std::size_t n, double rate,
                         int channels) {
  Signal s = Signal::wave(channels, n, rate);
  if (channels == 1) {
    for (std::size_t i = 0; i < n; ++i) {
      double sum = 0;
      for (int c = 0; c < file_channels; ++c) sum += frames[i * file_channels + c];
      s.data[i] = static_cast<float>(sum / file_channels);
    }
    return s;
  }
  if (file_channels != 1 && file_channels != 2)
    throw std::runtime_error("a stereo field takes a mono or stereo recording, not " + std::to_string(file_channels) +
                             " channels");
  for (int c = 0; c < 2; ++c)
    for (std::size_t i = 0; i < n; ++i) s.row(c)[i] = frames[i * file_channels + (file_channels == 1 ? 0 : c)];
  return s;
}

}  // namespace

namespace {

// Bytes in memory as a libsndfile virtual file: a sample's blob from a manifest or a shard, or FLAC being encoded.
struct Memory {
  std::string bytes;
  sf_count_t pos = 0;
};

sf_count_t mem_length(void* m) {
  return static_cast<sf_count_t>(static_cast<Memory*>(m)->bytes.size());
}
sf_count_t mem_seek(sf_count_t offset, int whence, void* m) {
  auto* mem = static_cast<Memory*>(m);
  const sf_count_t base = whence == SEEK_CUR ? mem->pos : whence == SEEK_END ? mem_length(m) : 0;
  if (base + offset < 0) return -1;
  mem->pos = base + offset;
  return mem->pos;
}
sf_count_t mem_read(void* ptr, sf_count_t count, void* m) {
  auto* mem = static_cast<Memory*>(m);
  const sf_count_t n = std::max<sf_count_t>(0, std::min(count, mem_length(m) - mem->pos));
  if (n > 0) std::memcpy(ptr, mem->bytes.data() + mem->pos, static_cast<std::size_t>(n));
  mem->pos += n;
  return n;
}
sf_count_t mem_write(const void* ptr, sf_count_t count, void* m) {
  auto* mem = static_cast<Memory*>(m);
  const auto end = static_cast<std::size_t>(mem->pos + count);
  if (mem->bytes.size() < end) mem->bytes.resize(end);
  std::memcpy(mem->bytes.data() + mem->pos, ptr, static_cast<std::size_t>(count));
  mem->pos += count;
  return count;
}
sf_count_t mem_tell(void* m) {
  return static_cast<Memory*>(m)->pos;
}
SF_VIRTUAL_IO kMemoryIo = {mem_length, mem_seek, mem_read, mem_write, mem_tell};

Signal read_open(SNDFILE* file, SF_INFO& info, const FieldFormat& format);

}  // namespace

Signal read_audio(const std::string& path, const FieldFormat& format) {
  // libsndfile opens a directory or a FIFO and then says "Format not recognised"; say what it is instead.
  std::error_code ec;
  const auto type = std::filesystem::status(path, ec).type();
  if (!ec && type != std::filesystem::file_type::regular)
    throw std::runtime_error(type == std::filesystem::file_type::directory ? "is a directory, not a regular file"
                                                                           : "is not a regular file");
  SF_INFO info{};
  File f(sf_open(path.c_str(), SFM_READ, &info));
  if (!f) throw std::runtime_error(std::string("cannot decode the audio file: ") + sf_strerror(nullptr));
  return read_open(f.get(), info, format);
}

namespace {

// `s` as a file of `format` in memory (interleaved frames); `clip`: samples beyond [-1, 1] saturate.
std::string encode(const Signal& s, int format, const char* name, bool clip) {
  if (s.shape.spectrogram) throw std::runtime_error(std::string("a spectrogram is written as .npy, not as ") + name);
  SF_INFO info{};
  info.samplerate = static_cast<int>(std::llround(s.shape.rate));
  info.channels = s.shape.rows;
  info.format = format;
  Memory mem;
  {
    File f(sf_open_virtual(&kMemoryIo, SFM_WRITE, &info, &mem));
    if (!f) throw std::runtime_error(std::string("cannot encode ") + name + ": " + sf_strerror(nullptr));
    if (clip) sf_command(f.get(), SFC_SET_CLIPPING, nullptr, SF_TRUE);
    std::vector<float> frames(s.data.size());
    for (int c = 0; c < s.shape.rows; ++c)
      for (std::size_t i = 0; i < s.shape.cols; ++i) frames[i * s.shape.rows + c] = s.row(c)[i];
    const auto n = static_cast<sf_count_t>(s.shape.cols);
    if (sf_writef_float(f.get(), frames.data(), n) != n) throw std::runtime_error(std::string("cannot encode ") + name);
  }
  return std::move(mem.bytes);
}

}  // namespace

Signal decode_audio(const std::string& bytes, const FieldFormat& format) {
  Memory mem{bytes, 0};
  SF_INFO info{};
  File f(sf_open_virtual(&kMemoryIo, SFM_READ, &info, &mem));
  if (!f) throw std::runtime_error(std::string("cannot decode the audio file: ") + sf_strerror(nullptr));
  return read_open(f.get(), info, format);
}

std::string encode_flac(const Signal& s) {
  return encode(s, SF_FORMAT_FLAC | SF_FORMAT_PCM_24, "FLAC", true);  // beyond [-1, 1]: clipped, not wrapped around
}

namespace {

// `frames` frames of `channels` into `out`; all of them there (the header's count) and finite, or an error.
void read_frames(SNDFILE* file, float* out, sf_count_t frames, int channels) {
  const sf_count_t got = sf_readf_float(file, out, frames);
  if (got != frames) throw truncated(frames, got);  // FLAC, OGG: the header's count, fewer decoded
  const auto n = static_cast<std::size_t>(frames) * static_cast<std::size_t>(channels);
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isfinite(out[i])) throw std::runtime_error("the recording holds NaN or infinite samples");
}

Signal read_open(SNDFILE* file, SF_INFO& info, const FieldFormat& format) {
  if (info.channels < 1 || info.samplerate < 1) throw std::runtime_error("the audio file has no channels or no rate");
  if (info.frames <= 0) throw std::runtime_error("the audio file holds no samples");
  const double seconds = static_cast<double>(info.frames) / info.samplerate;
  if (seconds > kMaxSeconds)
    throw std::runtime_error("the recording is " + std::to_string(static_cast<long long>(seconds)) +
                             " s long; auger takes at most " + std::to_string(static_cast<int>(kMaxSeconds)) +
                             " s per sample (split it)");
  refuse_short_data_chunk(file, info.frames);
  exec::keep_large_buffers_in_heap();
  // Integer formats read as f32 in [-1, 1) (divided by 2^(bits - 1)), as torchaudio.load does.
  const auto n = static_cast<std::size_t>(info.frames);
  Signal s;
  if (info.channels == 1 && format.channels == 1) {  // read in place: no interleaved copy to mix down
    s = Signal::wave(1, n, info.samplerate);
    read_frames(file, s.data.data(), info.frames, 1);
  } else {
    std::vector<float> frames(n * static_cast<std::size_t>(info.channels));
    read_frames(file, frames.data(), info.frames, info.channels);
    s = to_field_channels(frames, info.channels, n, info.samplerate, format.channels);
  }
  const auto to = std::llround(format.rate);
  if (info.samplerate != to) {
    resample_rows(s, info.samplerate, to);
    s.shape.rate = static_cast<double>(to);
  }
  return s;
}

}  // namespace

std::string encode_wav(const Signal& s) {
  return encode(s, SF_FORMAT_WAV | SF_FORMAT_FLOAT, "WAV", false);  // float: as it is, no normalising or clipping
}

}  // namespace auger::rt::audio
