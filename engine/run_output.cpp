#include "engine/run_output.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

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
  const bool several = s.images.size() > 1;
  for (const auto& [field, img] : s.images) {
    const std::string stem = out_key + (several ? "." + field : "");
    if (rt::io::encodes_as_png(img))
      m.emplace_back(stem + ".png", rt::io::encode_png(img));
    else
      m.emplace_back(stem + ".npy", rt::encode_npy(img));
  }
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
  explicit TarSink(const std::string& path) : tar_(path) {}
  void add(const Members& members) override {
    for (const auto& [name, bytes] : members) tar_.add(name, bytes);
  }
  std::uint64_t commit() override {
    tar_.close();
    return tar_.bytes();
  }

 private:
  rt::io::TarWriter tar_;
};

// Files go to NAME.tmp beside their final name and are renamed together by commit(); a killed run leaves only
// .tmp files, which a resumed run overwrites.
class FolderSink final : public ShardSink {
 public:
  explicit FolderSink(std::string dir) : dir_(std::move(dir)) {}
  ~FolderSink() override {
    std::error_code ec;
    for (const auto& p : pending_) fs::remove(p.string() + ".tmp", ec);
  }
  void add(const Members& members) override {
    for (const auto& [name, bytes] : members) {
      const fs::path p = fs::path(dir_) / name;
      fs::create_directories(p.parent_path());
      std::ofstream out(p.string() + ".tmp", std::ios::binary | std::ios::trunc);
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      out.close();
      if (!out) throw rt::io::WriteError("cannot write " + p.string() + ".tmp");
      pending_.push_back(p);
      bytes_ += bytes.size();
    }
  }
  std::uint64_t commit() override {
    for (const auto& p : pending_) {
      std::error_code ec;
      fs::rename(p.string() + ".tmp", p, ec);
      if (ec) throw rt::io::WriteError("cannot rename " + p.string() + ".tmp: " + ec.message());
    }
    pending_.clear();
    return bytes_;
  }

 private:
  std::string dir_;
  std::vector<fs::path> pending_;
  std::uint64_t bytes_ = 0;
};

}  // namespace

std::unique_ptr<ShardSink> open_shard(const std::string& format, const std::string& dir, const std::string& name) {
  if (format == "webdataset") return std::make_unique<TarSink>((fs::path(dir) / (name + ".tar")).string());
  if (format == "folder") return std::make_unique<FolderSink>(dir);
  throw std::invalid_argument("unknown output format `" + format + "` (webdataset or folder)");
}

}  // namespace auger::engine
