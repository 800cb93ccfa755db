#include "runtime/gpu/plan_io.h"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace auger::rt::gpu {

namespace {

constexpr char kMagic[8] = {'A', 'U', 'G', 'E', 'R', 'G', 'P', '1'};

class Writer {
 public:
  explicit Writer(const std::string& path) : out_(path, std::ios::binary) {
    if (!out_) throw std::runtime_error("cannot write " + path);
  }
  template <class T>
  void pod(const T& v) {
    out_.write(reinterpret_cast<const char*>(&v), sizeof v);
  }
  template <class T>
  void vec(const std::vector<T>& v) {
    pod<std::uint64_t>(v.size());
    out_.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(v.size() * sizeof(T)));
  }
  void str(const std::string& s) { vec(std::vector<char>(s.begin(), s.end())); }
  void raw(const char* p, std::size_t n) { out_.write(p, static_cast<std::streamsize>(n)); }
  void finish(const std::string& path) {
    out_.flush();
    if (!out_) throw std::runtime_error("cannot write " + path);
  }

 private:
  std::ofstream out_;
};

class Reader {
 public:
  explicit Reader(const std::string& path) : in_(path, std::ios::binary), path_(path) {
    if (!in_) throw std::runtime_error("cannot read " + path);
  }
  template <class T>
  T pod() {
    T v{};
    in_.read(reinterpret_cast<char*>(&v), sizeof v);
    check();
    return v;
  }
  template <class T>
  std::vector<T> vec() {
    const auto n = pod<std::uint64_t>();
    if (n > (std::uint64_t{1} << 34) / sizeof(T)) throw std::runtime_error(path_ + ": a corrupt size");
    std::vector<T> v(n);
    in_.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(n * sizeof(T)));
    check();
    return v;
  }
  std::string str() {
    const auto v = vec<char>();
    return {v.begin(), v.end()};
  }
  void raw(char* p, std::size_t n) {
    in_.read(p, static_cast<std::streamsize>(n));
    check();
  }

 private:
  void check() {
    if (!in_) throw std::runtime_error(path_ + ": truncated");
  }
  std::ifstream in_;
  std::string path_;
};

void write_taps(Writer& w, const GpuTaps& t) {
  w.pod<std::int32_t>(t.taps);
  w.vec(t.index);
  w.vec(t.weight);
  w.vec(t.add);
}

GpuTaps read_taps(Reader& r) {
  GpuTaps t;
  t.taps = r.pod<std::int32_t>();
  t.index = r.vec<int>();
  t.weight = r.vec<float>();
  t.add = r.vec<std::uint8_t>();
  return t;
}

}  // namespace

void write_planned_batch(const std::string& path, const PlannedBatch& batch) {
  Writer w(path);
  w.raw(kMagic, sizeof kMagic);
  w.pod<std::uint64_t>(batch.images.size());
  for (const Image& img : batch.images) {
    w.pod<std::int32_t>(img.c());
    w.pod<std::int32_t>(img.h());
    w.pod<std::int32_t>(img.w());
    w.vec(img.u8);
  }
  w.pod<std::uint64_t>(batch.samples.size());
  for (std::size_t i = 0; i < batch.samples.size(); ++i) {
    const GpuSample& s = batch.samples[i];
    w.str(batch.keys[i]);
    w.pod<std::int32_t>(batch.image_of[i]);
    write_taps(w, s.cols);
    write_taps(w, s.rows);
    w.vec(s.jitter);
    w.pod(s.store);
  }
  w.vec(batch.expected);
  w.finish(path);
}

PlannedBatch read_planned_batch(const std::string& path) {
  Reader r(path);
  char magic[sizeof kMagic];
  r.raw(magic, sizeof magic);
  if (std::memcmp(magic, kMagic, sizeof kMagic) != 0) throw std::runtime_error(path + ": not a planned batch");
  PlannedBatch b;
  b.images.resize(r.pod<std::uint64_t>());
  for (Image& img : b.images) {
    img.shape.c = r.pod<std::int32_t>();
    img.shape.h = r.pod<std::int32_t>();
    img.shape.w = r.pod<std::int32_t>();
    img.u8 = r.vec<std::uint8_t>();
  }
  const auto n = r.pod<std::uint64_t>();
  for (std::uint64_t i = 0; i < n; ++i) {
    b.keys.push_back(r.str());
    const int k = r.pod<std::int32_t>();
    if (k < 0 || static_cast<std::size_t>(k) >= b.images.size()) throw std::runtime_error(path + ": a bad image index");
    b.image_of.push_back(k);
    GpuSample s;
    s.image = &b.images[static_cast<std::size_t>(k)];
    s.cols = read_taps(r);
    s.rows = read_taps(r);
    s.jitter = r.vec<JitterOp>();
    s.store = r.pod<GpuStore>();
    b.samples.push_back(std::move(s));
  }
  b.expected = r.vec<float>();
  return b;
}

}  // namespace auger::rt::gpu
