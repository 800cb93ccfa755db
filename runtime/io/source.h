// Data sets as sources of stored samples with stable keys: an image folder, a JSONL manifest, a COCO annotation
// file, WebDataset shards.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace auger::rt::io {

// A sample as stored, before decoding.
struct StoredSample {
  std::string key;     // stable: the file stem (folders, COCO), "key" or the line number (JSONL), `__key__` (tar)
  std::string origin;  // where it came from, for reports: a path, "manifest.jsonl:12", "shard-000.tar:KEY.jpg"
  // Encoded files by name: "image" for a folder's file; for a JSONL line, each field whose value is a path to an
  // image file (relative to the manifest), under the field's name; for a tar, each member "KEY.EXT" under EXT
  // ("jpg", "png", "seg.png", …).
  std::map<std::string, std::string> blobs;
  // Non-pixel fields: {"class": 3} for a folder; the JSONL object less its blob fields; a tar's "KEY.json"
  // object, with "KEY.cls" as "class" (an integer).
  nlohmann::json fields = nlohmann::json::object();
  // A field's stored format where the source fixes it rather than the schema: {"boxes": "xywh"} for a COCO file
  // (pixels). The runner converts such a field into the schema's format (rt::labels::convert_boxes).
  std::map<std::string, std::string> formats;
  // Whether the source names the sample's fields itself (a JSONL line), so that one it lacks is missing; an image
  // folder's file or a .txt line is a bare input, one field by construction (engine/required_fields.h).
  bool whole = false;
};

// I/O failure or malformed input naming the sample (the run counts it and goes on, within --max-errors).
struct SourceError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Source {
 public:
  virtual ~Source() = default;
  [[nodiscard]] virtual std::size_t size() const = 0;
  // The key of sample i, without reading it (keys are unique within a source).
  [[nodiscard]] virtual const std::string& key(std::size_t i) const = 0;
  // Where sample i comes from, for reports, without reading it (the origin read() gives): a refused key or a
  // failed read is named by it in a run's manifest.
  [[nodiscard]] virtual std::string origin(std::size_t i) const = 0;
  // Reads sample i. Thread-safe: workers call it concurrently. Throws SourceError.
  [[nodiscard]] virtual StoredSample read(std::size_t i) const = 0;
  // Class names in label order (a folder's sorted sub-folder names); empty when the source has none.
  [[nodiscard]] virtual std::vector<std::string> classes() const { return {}; }
  // One line for reports: "folder data/train (1,281,167 samples, 1,000 classes)".
  [[nodiscard]] virtual std::string describe() const = 0;
};

// Opens `spec`: a directory (an image folder: class sub-folders give "class" labels in sorted order; images
// directly inside have none), a `.jsonl` manifest, a `.txt` file (one text sample per line, keyed NAME:LINE, the line
// as its "txt" file), a COCO annotation file (a `.json`: one sample per image, with
// "boxes", "classes", "keypoints" fields and a "mask" blob; docs/runtime.md), or WebDataset shards (`.tar`, a glob
// `a/*.tar` or a brace pattern `shard-{000..009}.tar`). Sample order is sorted by key within a folder, file order
// otherwise. Throws SourceError when `spec` names nothing usable, or two samples share a key.
std::unique_ptr<Source> open_source(const std::string& spec);

}  // namespace auger::rt::io
