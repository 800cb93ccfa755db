// An image folder: class sub-folders (torchvision's ImageFolder layout) or images directly inside the root; or, when
// it holds no image at all, an audio folder laid out the same way (.wav .flac .ogg: Speech Commands' class
// folders, a folder of utterances), each file a sample's `audio` blob.
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <tuple>
#include <utility>

#include "runtime/io/source_detail.h"

namespace auger::rt::io::detail {
namespace {

namespace fs = std::filesystem;

struct FolderSample {
  std::string key;   // path below the root, '/'-separated, without the extension
  std::string ext;   // ".jpg" as spelled in the file name
  int label = -1;    // index into classes_, -1 for a flat folder
  std::string stem;  // the path without the extension when it is not the key (files sharing it), else empty
};

bool is_hidden(const fs::path& p) {
  const std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

// What a folder's samples are: the files of one kind.
enum class FolderKind { Images, Audio };

bool has_kind_extension(FolderKind kind, std::string_view name) {
  return kind == FolderKind::Images ? has_image_extension(name) : has_audio_extension(name);
}

class FolderSource final : public Source {
 public:
  FolderSource(std::string root, FolderKind kind, std::vector<std::string> classes, std::vector<FolderSample> samples)
      : root_(std::move(root)), kind_(kind), classes_(std::move(classes)), samples_(std::move(samples)) {}

  std::size_t size() const override { return samples_.size(); }
  const std::string& key(std::size_t i) const override { return samples_.at(i).key; }
  std::vector<std::string> classes() const override { return classes_; }

  std::string origin(std::size_t i) const override {
    const FolderSample& s = samples_.at(i);
    return (root_.back() == '/' ? root_ : root_ + "/") + (s.stem.empty() ? s.key : s.stem) + s.ext;
  }

  StoredSample read(std::size_t i) const override {
    const FolderSample& s = samples_.at(i);
    StoredSample out;
    out.key = s.key;
    out.origin = origin(i);
    out.blobs[kind_ == FolderKind::Images ? "image" : "audio"] = read_file(out.origin, out.origin);
    if (s.label >= 0) out.fields["class"] = s.label;
    return out;
  }

  std::string describe() const override {
    std::string d = "folder " + root_ + " (" + grouped(samples_.size()) + " samples, ";
    d += classes_.empty() ? "unlabelled)" : grouped(classes_.size()) + " classes)";
    return d;
  }

 private:
  std::string root_;
  FolderKind kind_;
  std::vector<std::string> classes_;
  std::vector<FolderSample> samples_;
};

// Walks one directory tree, following symlinks. Ancestors are remembered by (device, inode) because a symlink
// back up the tree would otherwise recurse forever.
class Walker {
 public:
  Walker(const fs::path& root, FolderKind kind, std::vector<FolderSample>& out) : root_(root), kind_(kind), out_(out) {}

  // Adds every file of the kind below `dir` (recursively) with `label`.
  void walk(const fs::path& dir, int label) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0) throw SourceError(dir.string() + ": cannot read the folder");
    const std::pair<dev_t, ino_t> id{st.st_dev, st.st_ino};
    if (!ancestors_.insert(id).second) throw SourceError(dir.string() + ": symlink loop (the folder contains itself)");
    for (const fs::path& entry : list(dir)) {
      std::error_code ec;
      const fs::file_status status = fs::status(entry, ec);
      if (!ec && fs::is_directory(status)) {
        walk(entry, label);
      } else if (has_kind_extension(kind_, entry.filename().string()) && (ec || fs::is_regular_file(status))) {
        // A dangling symlink still becomes a sample: reading it fails and the run counts the error, rather than
        // the file silently missing from the data set.
        add(entry, label);
      }
    }
    ancestors_.erase(id);
  }

  void add(const fs::path& file, int label) {
    const std::string rel = file.lexically_relative(root_).generic_string();
    const std::size_t dot = rel.rfind('.');
    out_.push_back({rel.substr(0, dot), rel.substr(dot), label, {}});
  }

  // The visible entries of `dir`.
  static std::vector<fs::path> list(const fs::path& dir) {
    std::vector<fs::path> entries;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
      if (!is_hidden(it->path())) entries.push_back(it->path());
    if (ec) throw SourceError(dir.string() + ": cannot list the folder: " + ec.message());
    return entries;
  }

 private:
  fs::path root_;
  FolderKind kind_;
  std::vector<FolderSample>& out_;
  std::set<std::pair<dev_t, ino_t>> ancestors_;
};

// Whether any image lies below `dir`, symlinked folders followed, each folder looked at once (a loop ends there).
bool holds_images(const fs::path& dir, std::set<std::pair<dev_t, ino_t>>& seen) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0 || !seen.insert({st.st_dev, st.st_ino}).second) return false;
  for (const fs::path& entry : Walker::list(dir)) {
    std::error_code ec;
    if (has_image_extension(entry.filename().string())) return true;
    if (fs::is_directory(entry, ec) && holds_images(entry, seen)) return true;
  }
  return false;
}

}  // namespace

std::unique_ptr<Source> open_folder(const std::string& root_spec) {
  std::string root = root_spec;
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  const fs::path root_path(root);
  std::set<std::pair<dev_t, ino_t>> seen;
  const FolderKind kind = holds_images(root_path, seen) ? FolderKind::Images : FolderKind::Audio;
  const char* noun = kind == FolderKind::Images ? "images" : "audio files";

  std::vector<std::string> classes;
  std::string loose_image;  // a file of the kind directly inside the root, for the error message
  for (const fs::path& entry : Walker::list(root_path)) {
    std::error_code ec;
    const fs::file_status status = fs::status(entry, ec);
    if (!ec && fs::is_directory(status))
      classes.push_back(entry.filename().string());
    else if (loose_image.empty() && has_kind_extension(kind, entry.filename().string()))
      loose_image = entry.filename().string();
  }
  std::sort(classes.begin(), classes.end());
  if (!classes.empty() && !loose_image.empty())
    throw SourceError(root + ": both " + noun + " directly inside (" + loose_image + ") and class sub-folders (" +
                      classes.front() + "/); a folder is either flat (no labels) or all class sub-folders");

  std::vector<FolderSample> samples;
  Walker walker(root_path, kind, samples);
  if (classes.empty()) {
    walker.walk(root_path, -1);
  } else {
    for (std::size_t k = 0; k < classes.size(); ++k) {
      const std::size_t before = samples.size();
      walker.walk(root_path / classes[k], static_cast<int>(k));
      // torchvision refuses an empty class too: skipping it would shift every later label by one.
      if (samples.size() == before)
        throw SourceError(root + "/" + classes[k] + ": class folder without " + noun + " (it would still take label " +
                          std::to_string(k) + ")");
    }
  }
  if (samples.empty())
    throw SourceError(root + ": no images (.jpg .jpeg .png .webp .bmp) or audio files (.wav .flac .ogg) in the folder");

  std::sort(samples.begin(), samples.end(), [](const FolderSample& a, const FolderSample& b) {
    return std::tie(a.key, a.ext) < std::tie(b.key, b.ext);
  });
  // Keys are paths without the extension, so "a.jpg" next to "a.png" is the one way two samples can collide.
  // Refusing the whole data set for it would be harsh; each of them gets its extension in the key instead
  // ("a_jpg", "a_png": no dot, which WebDataset reads as the start of the extension). Should that still collide
  // with another file's key, the folder is refused.
  for (std::size_t i = 0; i < samples.size();) {
    std::size_t j = i + 1;
    while (j < samples.size() && samples[j].key == samples[i].key) ++j;
    if (j - i > 1)
      for (std::size_t k = i; k < j; ++k) {
        std::string ext = samples[k].ext.substr(1);
        std::transform(ext.begin(), ext.end(), ext.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        samples[k].stem = samples[k].key;
        samples[k].key += "_" + ext;
      }
    i = j;
  }
  std::sort(samples.begin(), samples.end(), [](const FolderSample& a, const FolderSample& b) {
    return std::tie(a.key, a.ext) < std::tie(b.key, b.ext);
  });
  for (std::size_t i = 1; i < samples.size(); ++i)
    if (samples[i].key == samples[i - 1].key)
      throw SourceError(root + ": " + (samples[i - 1].stem.empty() ? samples[i - 1].key : samples[i - 1].stem) +
                        samples[i - 1].ext + " and " + (samples[i].stem.empty() ? samples[i].key : samples[i].stem) +
                        samples[i].ext + " have the same key " + samples[i].key);
  return std::make_unique<FolderSource>(root, kind, std::move(classes), std::move(samples));
}

}  // namespace auger::rt::io::detail
