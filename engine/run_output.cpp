#include "engine/run_output.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "runtime/audio/audio_file.h"
#include "runtime/io/encode.h"
#include "runtime/io/npy.h"
#include "runtime/io/tar_writer.h"

namespace auger::engine {

namespace fs = std::filesystem;

std::string output_key(const std::string& key, std::uint64_t copy, bool several_copies) {
  return several_copies ? fmt::format("{}_e{}", key, copy) : key;
}

Members encode_members(const ProcessedSample& s, const std::string& out_key, const ir::Function& fn) {
  Members m;
  const bool several = s.images.size() + s.audio.size() > 1;
  for (const auto& [field, img] : s.images) {
    const std::string stem = out_key + (several ? "." + field : "");
    if (rt::io::encodes_as_png(img))
      m.emplace_back(stem + ".png", rt::io::encode_png(img));
    else
      m.emplace_back(stem + ".npy", rt::encode_npy(img));
  }
  for (const auto& [field, sound] : s.audio) {  // a waveform as FLAC, a spectrogram as [n_mels, frames] f32
    const std::string stem = out_key + (several ? "." + field : "");
    if (sound.shape.spectrogram)
      m.emplace_back(stem + ".npy",
                     rt::encode_npy_f32({static_cast<std::size_t>(sound.shape.rows), sound.shape.cols}, sound.data));
    else
      m.emplace_back(stem + ".flac", rt::audio::encode_flac(sound));
  }
  // A text sample's text fields, each also as KEY.txt (KEY.FIELD.txt when there are several); a transcript or a
  // caption beside an image or audio stays in KEY.json only.
  std::vector<std::string> texts;
  for (const auto& [name, type] : fn.inputs)
    if (type.kind == "text" && s.images.empty() && s.audio.empty() && s.fields.contains(name) &&
        s.fields[name].is_string())
      texts.push_back(name);
  for (const auto& field : texts)
    m.emplace_back(out_key + (texts.size() > 1 ? "." + field : "") + ".txt", s.fields[field].get<std::string>());
  nlohmann::ordered_json record = s.fields;
  record["params"] = s.params;
  record["key"] = s.key;
  record["epoch"] = s.epoch;
  m.emplace_back(out_key + ".json", record.dump());
  for (const auto& [name, type] : fn.inputs)
    if (type.kind == "class" && s.fields.contains(name) && s.fields[name].is_number_integer()) {
      m.emplace_back(out_key + ".cls", std::to_string(s.fields[name].get<long long>()));
      break;
    }
  return m;
}

namespace {

class TarSink final : public ShardSink {
 public:
  TarSink(const std::string& path, std::string name) : tar_(path), name_(std::move(name)) {}
  void add(const Members& members) override {
    for (const auto& [name, bytes] : members) tar_.add(name, bytes);
  }
  std::uint64_t commit() override {
    tar_.close();
    return tar_.bytes();
  }
  [[nodiscard]] std::vector<std::string> files() const override { return {name_ + ".tar"}; }

 private:
  rt::io::TarWriter tar_;
  std::string name_;
};

[[noreturn]] void fail(const fs::path& path, const std::string& what, int err) {
  throw rt::io::WriteError(fmt::format("cannot {} {}: {}", what, path.string(), std::strerror(err)));
}

// Creates the folders between `dir` and `file`, refusing to go through a symbolic link: the output folder may
// hold links auger did not make (--force over a foreign folder), and none may lead a write outside it.
void make_parents(const fs::path& dir, const std::string& name) {
  fs::path p = dir;
  for (const auto& part : fs::path(name).parent_path()) {
    p /= part;
    std::error_code ec;
    const auto st = fs::symlink_status(p, ec);
    if (fs::is_symlink(st)) throw rt::io::WriteError("refusing to write through the symbolic link " + p.string());
    if (fs::exists(st)) continue;
    if (::mkdir(p.c_str(), 0755) != 0 && errno != EEXIST) fail(p, "create the folder", errno);
  }
}

void write_new_file(const fs::path& tmp, const std::string& bytes) {
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) fail(tmp, "create", errno);
  for (std::size_t done = 0; done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = n < 0 ? errno : EIO;
      ::close(fd);
      fail(tmp, "write", err);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) fail(tmp, "close", errno);
}

// Files go to NAME.tmp beside their final name and are renamed together by commit(); a killed run leaves only
// .tmp files, which a resumed run overwrites.
class FolderSink final : public ShardSink {
 public:
  explicit FolderSink(std::string dir) : dir_(std::move(dir)) {}
  ~FolderSink() override {
    std::error_code ec;
    for (const auto& name : pending_) fs::remove(dir_ / (name + ".tmp"), ec);
  }
  void add(const Members& members) override {
    for (const auto& [name, bytes] : members) {
      make_parents(dir_, name);
      pending_.push_back(name);
      write_new_file(dir_ / (name + ".tmp"), bytes);
      bytes_ += bytes.size();
    }
  }
  std::uint64_t commit() override {
    for (const auto& name : pending_) {
      const fs::path p = dir_ / name;
      if (::rename((p.string() + ".tmp").c_str(), p.c_str()) != 0) fail(p, "rename a file to", errno);
    }
    committed_ = std::move(pending_);
    pending_.clear();
    return bytes_;
  }
  [[nodiscard]] std::vector<std::string> files() const override { return committed_; }

 private:
  fs::path dir_;
  std::vector<std::string> pending_, committed_;
  std::uint64_t bytes_ = 0;
};

}  // namespace

std::unique_ptr<ShardSink> open_shard(const std::string& format, const std::string& dir, const std::string& name) {
  if (format == "webdataset") return std::make_unique<TarSink>((fs::path(dir) / (name + ".tar")).string(), name);
  if (format == "folder") return std::make_unique<FolderSink>(dir);
  throw std::invalid_argument("unknown output format `" + format + "` (webdataset or folder)");
}

void write_files(const std::string& dir, const Members& members) {
  FolderSink sink(dir);
  sink.add(members);
  sink.commit();
}

}  // namespace auger::engine
