#include "compiler/base/source_manager.h"

#include <algorithm>
#include <filesystem>

#include "compiler/base/limits.h"
#include "compiler/base/read_source.h"

namespace auger {

namespace {
std::string canonical_of(const std::string& path) {
  std::error_code ec;
  auto c = std::filesystem::weakly_canonical(path, ec);
  return ec ? path : c.string();
}
}  // namespace

FileId SourceManager::add(std::string path, std::string text) {
  auto f = std::make_unique<File>();
  f->canonical = canonical_of(path);
  f->path = std::move(path);
  f->text = std::move(text);
  // A UTF-8 byte-order mark is not part of the program (editors on Windows write one); drop it so that it is
  // neither a token nor a column.
  if (f->text.starts_with("\xEF\xBB\xBF")) f->text.erase(0, 3);
  f->line_starts.push_back(0);
  // A line ends at `\n`, `\r\n` or a lone `\r` (classic Mac), as the lexer sees it.
  for (std::uint32_t i = 0; i < f->text.size(); ++i) {
    bool lone_cr = f->text[i] == '\r' && (i + 1 == f->text.size() || f->text[i + 1] != '\n');
    if (f->text[i] == '\n' || lone_cr) f->line_starts.push_back(i + 1);
  }
  files_.push_back(std::move(f));
  return static_cast<FileId>(files_.size() - 1);
}

std::optional<FileId> SourceManager::load(const std::string& path, std::string* why) {
  SourceRead read = read_source_file(path, limits::kMaxFileBytes);
  if (!read.text) {
    if (why) *why = read.why;
    return std::nullopt;
  }
  return add(path, std::move(*read.text));
}

const std::string& SourceManager::path(FileId id) const {
  return files_.at(id)->path;
}

std::string_view SourceManager::text(FileId id) const {
  return files_.at(id)->text;
}

std::string_view SourceManager::text(Span span) const {
  if (!span.valid()) return {};
  auto t = text(span.file);
  auto b = std::min<std::size_t>(span.begin, t.size());
  auto e = std::min<std::size_t>(std::max(span.end, span.begin), t.size());
  return t.substr(b, e - b);
}

LineCol SourceManager::line_col(FileId id, std::uint32_t offset) const {
  const auto& starts = files_.at(id)->line_starts;
  auto it = std::upper_bound(starts.begin(), starts.end(), offset);
  auto line = static_cast<std::uint32_t>(it - starts.begin());
  return {line, offset - starts[line - 1] + 1};
}

std::string_view SourceManager::line_text(FileId id, std::uint32_t line) const {
  const auto& f = *files_.at(id);
  if (line == 0 || line > f.line_starts.size()) return {};
  auto b = f.line_starts[line - 1];
  auto e = line < f.line_starts.size() ? f.line_starts[line] : static_cast<std::uint32_t>(f.text.size());
  std::string_view v(f.text);
  v = v.substr(b, e - b);
  while (!v.empty() && (v.back() == '\n' || v.back() == '\r')) v.remove_suffix(1);
  return v;
}

std::uint32_t SourceManager::line_count(FileId id) const {
  return static_cast<std::uint32_t>(files_.at(id)->line_starts.size());
}

std::optional<FileId> SourceManager::find(const std::string& path) const {
  auto c = canonical_of(path);
  for (std::size_t i = 0; i < files_.size(); ++i) {
    if (files_[i]->canonical == c) return static_cast<FileId>(i);
  }
  return std::nullopt;
}

}  // namespace auger
