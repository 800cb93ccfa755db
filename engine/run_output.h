// What `auger run` writes for one augmented sample, and where: the members of a WebDataset sample (KEY.png or
// KEY.npy per pixel field, KEY.flac per waveform and KEY.npy per spectrogram, KEY.txt per text field of a text-only
// sample (KEY.FIELD.txt when several), KEY.json with the other fields and the drawn parameters, KEY.cls for a class
// label), collected into tar shards, or the files `auger apply` writes, in a folder.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/sample_runner.h"

namespace auger::engine {

// name → bytes, in the order they are written.
using Members = std::vector<std::pair<std::string, std::string>>;

// The output key of a sample: its key (made safe by safe_output_key, engine/output_key.h), with "_e<copy>"
// appended when the run writes several copies.
std::string output_key(const std::string& key, std::uint64_t copy, bool several_copies);

// Encodes a processed sample (no error) as members named `out_key`.EXT.
Members encode_members(const ProcessedSample& s, const std::string& out_key, const ir::Function& fn);

// One shard of output: a tar file (webdataset) or a group of files in the output folder (folder). Written under
// temporary names and made visible by commit(), so what is visible is complete.
class ShardSink {
 public:
  virtual ~ShardSink() = default;
  virtual void add(const Members& members) = 0;
  // Makes the shard's output visible; returns its bytes. Throws on an I/O failure, naming the path and the reason.
  virtual std::uint64_t commit() = 0;
  // The files (relative to the output folder) commit() made visible.
  [[nodiscard]] virtual std::vector<std::string> files() const = 0;
};

// `format` is "webdataset" (DIR/NAME.tar) or "folder" (files in DIR; member names are safe keys plus extensions,
// and a symbolic link inside DIR is never written through).
std::unique_ptr<ShardSink> open_shard(const std::string& format, const std::string& dir, const std::string& name);

// Writes `members` as files in `dir` the way folder output does (`auger apply` writes its outputs so): each whole
// (NAME.tmp, renamed when all are written), never through a symbolic link inside `dir` — a link at a file's own
// name is replaced, not followed. Throws rt::io::WriteError naming the path and the reason.
void write_files(const std::string& dir, const Members& members);

}  // namespace auger::engine
