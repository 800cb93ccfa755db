// A `.txt` file as a data set: one sample per line, keyed NAME:LINE as `auger apply` keys them (docs/text.md), the
// line's bytes as the sample's "txt" file. Nothing is checked here: an empty, oversized or ill-encoded line is that
// sample's error when the runner tokenises it, so no line is lost and the keys stay the line numbers.
#include <fstream>
#include <sstream>

#include "runtime/io/source_detail.h"

namespace auger::rt::io::detail {
namespace {

class TextLinesSource final : public Source {
 public:
  TextLinesSource(std::string path, std::string name, std::vector<std::string> lines)
      : path_(std::move(path)), lines_(std::move(lines)) {
    for (std::size_t i = 0; i < lines_.size(); ++i) keys_.push_back(name + ":" + std::to_string(i + 1));
  }

  std::size_t size() const override { return lines_.size(); }
  const std::string& key(std::size_t i) const override { return keys_.at(i); }

  std::string origin(std::size_t i) const override { return path_ + ":" + std::to_string(i + 1); }

  StoredSample read(std::size_t i) const override {
    StoredSample out;
    out.key = keys_.at(i);
    out.origin = origin(i);
    out.blobs["txt"] = lines_.at(i);
    return out;
  }

  std::string describe() const override { return "text file " + path_ + " (" + grouped(lines_.size()) + " lines)"; }

 private:
  std::string path_;
  std::vector<std::string> lines_, keys_;
};

std::string stem(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  const std::size_t dot = name.rfind('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

}  // namespace

std::vector<std::string> split_text_lines(const std::string& all) {
  std::vector<std::string> lines;
  // A UTF-8 byte order mark (Windows editors write one) marks the encoding, it is no text of the first line.
  const std::size_t start = all.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  for (std::size_t i = start; i < all.size();) {
    std::size_t j = all.find('\n', i);
    if (j == std::string::npos) j = all.size();
    std::string line = all.substr(i, j - i);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    i = j + 1;
  }
  return lines;
}

std::unique_ptr<Source> open_text_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SourceError(path + ": cannot open the text file");
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) throw SourceError(path + ": read error");
  auto lines = split_text_lines(buf.str());
  if (lines.empty()) throw SourceError(path + ": the text file has no lines");
  return std::make_unique<TextLinesSource>(path, stem(path), std::move(lines));
}

}  // namespace auger::rt::io::detail
