// Private to runtime/io (and its tests): what the kinds of source share, and their constructors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/io/source.h"

namespace auger::rt::io::detail {

// Closes on every path out, so a throwing read leaks no descriptor.
struct FdCloser {
  explicit FdCloser(int descriptor) : fd(descriptor) {}
  FdCloser(const FdCloser&) = delete;
  FdCloser& operator=(const FdCloser&) = delete;
  ~FdCloser();
  int fd;
};

// True when `name` ends in .jpg .jpeg .png .webp or .bmp, in any letter case.
bool has_image_extension(std::string_view name);
// True when `name` ends in .wav .flac or .ogg, in any letter case (audio fields' files).
bool has_audio_extension(std::string_view name);
// The whole file. Throws SourceError naming `origin` (the file missing, unreadable, or shrinking while read).
std::string read_file(const std::string& path, const std::string& origin);
// Reads exactly `size` bytes at `offset` of an open file; throws SourceError naming `origin` on a short read.
void pread_exact(int fd, std::uint64_t offset, char* out, std::size_t size, const std::string& origin);
// True for well-formed UTF-8 (no overlong forms, surrogates or code points above U+10FFFF).
bool is_valid_utf8(std::string_view s);
// 1281167 → "1,281,167", for describe().
std::string grouped(std::size_t n);

// Brace expansion as Python's braceexpand (which webdataset uses) does it: comma lists `{a,b}`, numeric ranges
// `{0..9}` / `{0..9..2}` zero-padded to the wider bound when either bound has a leading zero, letter ranges
// `{a..e}`, nesting; a brace pair of neither kind stays literal. No backslash escapes. Throws SourceError on
// unbalanced braces or more than a million results.
std::vector<std::string> expand_braces(const std::string& pattern);
// A shard pattern: braces expanded, then each result with * ? or [ globbed (glob(3), sorted). Throws SourceError
// when a glob matches nothing.
std::vector<std::string> expand_shard_pattern(const std::string& spec);

std::unique_ptr<Source> open_folder(const std::string& root);
std::unique_ptr<Source> open_jsonl(const std::string& path);
// A text file's lines, as `auger apply` splits them: a final newline ends the last line, a `\r` before `\n` goes,
// and so does a UTF-8 byte order mark at the start.
std::vector<std::string> split_text_lines(const std::string& all);
// A `.txt` file, one sample per line keyed NAME:LINE (text_lines_source.cpp).
std::unique_ptr<Source> open_text_lines(const std::string& path);
// A COCO annotation file (coco_source.cpp). Throws SourceError for a JSON file that is not one.
std::unique_ptr<Source> open_coco(const std::string& path);
// `spec` is what the user wrote (for describe() and errors), `paths` the shard files in order.
std::unique_ptr<Source> open_tar_shards(const std::string& spec, const std::vector<std::string>& paths);

}  // namespace auger::rt::io::detail
