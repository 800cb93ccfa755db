// WebDataset shards: indexed once with libarchive (each member's data offset and size), then read with pread,
// so concurrent reads share no decoder state.
#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <glob.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <optional>
#include <regex>
#include <unordered_map>
#include <utility>

#include "runtime/io/source_detail.h"
#include "runtime/io/utf8_locale.h"

namespace auger::rt::io::detail {
namespace {

constexpr std::size_t kMaxExpansions = 1'000'000;

// ---- brace patterns ----------------------------------------------------------------------------------------------

// The '}' closing the '{' at `open`, or npos.
std::size_t matching_brace(const std::string& s, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < s.size(); ++i) {
    if (s[i] == '{') ++depth;
    if (s[i] == '}' && --depth == 0) return i;
  }
  return std::string::npos;
}

// Splits at commas outside nested braces.
std::vector<std::string> split_top_level(const std::string& s) {
  std::vector<std::string> parts(1);
  int depth = 0;
  for (char c : s) {
    if (c == '{') ++depth;
    if (c == '}') --depth;
    if (c == ',' && depth == 0)
      parts.emplace_back();
    else
      parts.back() += c;
  }
  return parts;
}

std::optional<long long> parse_int(const std::string& s) {
  long long v = 0;
  const char* end = s.data() + s.size();
  const auto [p, ec] = std::from_chars(s.data(), end, v);
  if (ec != std::errc() || p != end) return std::nullopt;
  return v;
}

// `{A..B}` or `{A..B..STEP}` with integers or single letters, as braceexpand's make_int_range/make_char_range.
std::optional<std::vector<std::string>> expand_range(const std::string& inner) {
  static const std::regex range(R"(^(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])(?:\.\.(-?\d+))?$)");
  std::smatch m;
  if (!std::regex_match(inner, m, range)) return std::nullopt;
  const std::string left = m[1], right = m[2];
  long long step = m[3].matched ? parse_int(m[3]).value_or(0) : 1;
  if (step < 0) step = -step;
  if (step == 0) step = 1;
  const auto a = parse_int(left), b = parse_int(right);
  const bool letters = !a && !b;
  if (!letters && (!a || !b)) return std::nullopt;  // "{1..z}" mixes kinds: literal, as braceexpand does
  const long long first = letters ? left[0] : *a, last = letters ? right[0] : *b;
  const long long count = (first <= last ? last - first : first - last) / step + 1;
  if (count > static_cast<long long>(kMaxExpansions)) throw SourceError("{" + inner + "}: too many shards");
  std::size_t width = 0;
  auto padded = [](const std::string& s) { return s != "0" && s != "-0" && (s[0] == '0' || s.starts_with("-0")); };
  if (!letters && (padded(left) || padded(right))) width = std::max(left.size(), right.size());
  std::vector<std::string> out;
  for (long long i = 0, v = first; i < count; ++i, v += first <= last ? step : -step) {
    if (letters) {
      out.emplace_back(1, static_cast<char>(v));
      continue;
    }
    // Python's "%0Nd": the sign counts towards the width.
    std::string digits = std::to_string(v < 0 ? -v : v);
    const std::size_t sign = v < 0 ? 1 : 0;
    if (digits.size() + sign < width) digits.insert(0, width - digits.size() - sign, '0');
    out.push_back((v < 0 ? "-" : "") + digits);
  }
  return out;
}

void expand_into(const std::string& s, std::vector<std::string>& out) {
  const std::size_t open = s.find('{');
  const std::size_t stray = s.find('}');
  if (stray != std::string::npos && (open == std::string::npos || stray < open))
    throw SourceError(s + ": unbalanced braces");
  if (open == std::string::npos) {
    out.push_back(s);
    if (out.size() > kMaxExpansions) throw SourceError("the pattern expands to too many shards");
    return;
  }
  const std::size_t close = matching_brace(s, open);
  if (close == std::string::npos) throw SourceError(s + ": unbalanced braces");
  const std::string head = s.substr(0, open), inner = s.substr(open + 1, close - open - 1), tail = s.substr(close + 1);
  std::vector<std::string> alternatives;
  if (const auto parts = split_top_level(inner); parts.size() > 1) {
    for (const std::string& part : parts) expand_into(part, alternatives);
  } else if (auto range = expand_range(inner)) {
    alternatives = std::move(*range);
  } else {
    std::vector<std::string> inside;
    expand_into(inner, inside);
    for (const std::string& x : inside) alternatives.push_back("{" + x + "}");
  }
  std::vector<std::string> tails;
  expand_into(tail, tails);
  for (const std::string& a : alternatives)
    for (const std::string& t : tails) {
      out.push_back(head + a + t);
      if (out.size() > kMaxExpansions) throw SourceError("the pattern expands to too many shards");
    }
}

// ---- the index ---------------------------------------------------------------------------------------------------

struct Member {
  std::string ext;  // after the first '.' of the base name, lower-cased: "jpg", "seg.png"
  std::uint64_t offset = 0, size = 0;
};

struct TarSample {
  std::string key;
  std::uint32_t shard = 0;
  std::vector<Member> members;
};

struct Shard {
  std::string path;
  // What the shard looked like when indexed: offsets are meaningless in a file replaced since.
  off_t size = 0;
  struct timespec mtime {};
};

// webdataset's base_plus_ext: key up to the first '.' of the base name, which must not start it.
bool split_member_name(const std::string& name, std::string& key, std::string& ext) {
  const std::size_t base = name.rfind('/') == std::string::npos ? 0 : name.rfind('/') + 1;
  const std::size_t dot = name.find('.', base);
  if (dot == std::string::npos || dot == base) return false;
  key = name.substr(0, dot);
  ext = name.substr(dot + 1);
  for (char& c : ext)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return !ext.empty();
}

// webdataset skips "__...__" metadata members (its default skip_meta, r"__[^/]*__($|/)").
bool is_metadata(const std::string& name) {
  if (!name.starts_with("__")) return false;
  const std::size_t slash = name.find('/');
  const std::string first = name.substr(0, slash);
  return first.size() >= 4 && first.ends_with("__");
}

struct ArchiveReader {
  archive* a = archive_read_new();
  ~ArchiveReader() { archive_read_free(a); }
};

void index_shard(const std::string& path, std::uint32_t shard_index, Shard& shard, std::vector<TarSample>& samples) {
  const ScopedUtf8Locale utf8;
  ArchiveReader r;
  if (!r.a) throw SourceError(path + ": out of memory");
  archive_read_support_format_tar(r.a);
  // Every filter is recognised so that a compressed shard is refused by name instead of "not a tar".
  archive_read_support_filter_all(r.a);
  auto fail = [&](const std::string& what) {
    const char* why = archive_error_string(r.a);
    return SourceError(path + ": " + what + (why ? std::string(": ") + why : std::string()));
  };
  if (archive_read_open_filename(r.a, path.c_str(), 1 << 16) != ARCHIVE_OK) {
    // libarchive says "Unrecognized archive format" for a readable file of another kind; say what was expected.
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), R_OK) == 0)
      throw fail("not a tar archive (a data set is a folder, a .jsonl manifest or .tar shards)");
    throw fail("cannot open the shard");
  }
  if (archive_filter_count(r.a) > 1 || archive_filter_code(r.a, 0) != ARCHIVE_FILTER_NONE)
    throw SourceError(path + ": " + archive_filter_name(r.a, 0) +
                      "-compressed shard; samples are read at random offsets, which needs an uncompressed tar "
                      "(decompress it first, e.g. with gunzip)");

  const std::size_t first_of_shard = samples.size();
  for (bool first_header = true;; first_header = false) {
    archive_entry* e = nullptr;
    const int rc = archive_read_next_header(r.a, &e);
    if (rc == ARCHIVE_EOF) break;
    if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) throw fail(first_header ? "not a tar archive" : "damaged tar");
    // webdataset reads regular files only (tarfile's isreg(): hard links and symlinks are not).
    if (archive_entry_filetype(e) != AE_IFREG || archive_entry_hardlink(e) != nullptr) continue;
    const char* raw_name = archive_entry_pathname_utf8(e);
    if (!raw_name) throw fail("a member name that is not UTF-8");
    const std::string name = raw_name;
    if (archive_entry_sparse_count(e) > 0) throw SourceError(path + ":" + name + ": sparse member (unsupported)");
    std::string key, ext;
    if (is_metadata(name) || !split_member_name(name, key, ext)) continue;
    const auto offset = static_cast<std::uint64_t>(archive_filter_bytes(r.a, 0));
    const auto size = static_cast<std::uint64_t>(archive_entry_size(e));
    if (samples.size() == first_of_shard || samples.back().key != key)
      samples.push_back({std::move(key), shard_index, {}});
    for (const Member& m : samples.back().members)
      if (m.ext == ext) throw SourceError(path + ":" + name + ": a second ." + ext + " member for one sample");
    samples.back().members.push_back({std::move(ext), offset, size});
    if (archive_read_data_skip(r.a) != ARCHIVE_OK) throw fail("truncated member " + name);
  }

  FdCloser f{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  struct stat st {};
  if (f.fd < 0 || ::fstat(f.fd, &st) != 0) throw SourceError(path + ": cannot stat: " + std::strerror(errno));
  shard.path = path;
  shard.size = st.st_size;
  shard.mtime = st.st_mtim;
  for (std::size_t i = first_of_shard; i < samples.size(); ++i)
    for (const Member& m : samples[i].members)
      if (m.offset + m.size > static_cast<std::uint64_t>(st.st_size))
        throw SourceError(path + ":" + samples[i].key + "." + m.ext + ": member runs past the end of the file");
}

// ---- reading -----------------------------------------------------------------------------------------------------

// Sets a field once; two members giving it different values (KEY.cls and "class" in KEY.json) are an error.
void set_field(nlohmann::json& fields, const std::string& name, nlohmann::json value, const std::string& origin) {
  if (auto it = fields.find(name); it != fields.end() && *it != value)
    throw SourceError(origin + ": field \"" + name + "\" is given twice with different values");
  fields[name] = std::move(value);
}

class TarSource final : public Source {
 public:
  TarSource(std::string spec, std::vector<Shard> shards, std::vector<TarSample> samples)
      : spec_(std::move(spec)), shards_(std::move(shards)), samples_(std::move(samples)) {}

  std::size_t size() const override { return samples_.size(); }
  const std::string& key(std::size_t i) const override { return samples_.at(i).key; }

  std::string origin(std::size_t i) const override {
    const TarSample& s = samples_.at(i);
    return shards_[s.shard].path + ":" + s.key;
  }

  StoredSample read(std::size_t i) const override {
    const TarSample& s = samples_.at(i);
    const Shard& shard = shards_[s.shard];
    StoredSample out;
    out.key = s.key;
    out.origin = origin(i);
    FdCloser f{::open(shard.path.c_str(), O_RDONLY | O_CLOEXEC)};
    if (f.fd < 0) throw SourceError(out.origin + ": cannot open the shard: " + std::strerror(errno));
    struct stat st {};
    if (::fstat(f.fd, &st) != 0) throw SourceError(out.origin + ": cannot stat the shard: " + std::strerror(errno));
    if (st.st_size != shard.size || st.st_mtim.tv_sec != shard.mtime.tv_sec ||
        st.st_mtim.tv_nsec != shard.mtime.tv_nsec)
      throw SourceError(out.origin + ": the shard changed after it was indexed");

    for (const Member& m : s.members) {
      const std::string where = shard.path + ":" + s.key + "." + m.ext;
      std::string bytes(m.size, '\0');
      pread_exact(f.fd, m.offset, bytes.data(), bytes.size(), where);
      if (has_image_extension("." + m.ext) || has_audio_extension("." + m.ext)) {
        out.blobs[m.ext] = std::move(bytes);
      } else if (m.ext == "json") {
        nlohmann::json j;
        try {
          j = nlohmann::json::parse(bytes);
        } catch (const nlohmann::json::parse_error& e) {
          throw SourceError(where + ": not JSON: " + e.what());
        }
        if (j.is_object())
          for (auto& [name, value] : j.items()) set_field(out.fields, name, std::move(value), where);
        else
          set_field(out.fields, "json", std::move(j), where);
      } else if (m.ext == "cls") {
        const std::size_t b = bytes.find_first_not_of(" \t\r\n"), e = bytes.find_last_not_of(" \t\r\n");
        const auto label = b == std::string::npos ? std::nullopt : parse_int(bytes.substr(b, e - b + 1));
        if (!label) throw SourceError(where + ": not an integer class label");
        set_field(out.fields, "class", *label, where);
      } else if (is_valid_utf8(bytes)) {
        set_field(out.fields, m.ext, std::move(bytes), where);
      }
    }
    return out;
  }

  std::string describe() const override {
    if (shards_.size() == 1) return "tar " + spec_ + " (" + grouped(samples_.size()) + " samples)";
    return "tar shards " + spec_ + " (" + grouped(shards_.size()) + " shards, " + grouped(samples_.size()) +
           " samples)";
  }

 private:
  std::string spec_;
  std::vector<Shard> shards_;
  std::vector<TarSample> samples_;
};

}  // namespace

std::vector<std::string> expand_braces(const std::string& pattern) {
  std::vector<std::string> out;
  expand_into(pattern, out);
  return out;
}

std::vector<std::string> expand_shard_pattern(const std::string& spec) {
  std::vector<std::string> paths;
  for (const std::string& p : expand_braces(spec)) {
    if (p.find_first_of("*?[") == std::string::npos) {
      paths.push_back(p);
      continue;
    }
    glob_t g{};
    const int rc = ::glob(p.c_str(), GLOB_ERR, nullptr, &g);
    if (rc == 0)
      for (std::size_t i = 0; i < g.gl_pathc; ++i) paths.emplace_back(g.gl_pathv[i]);
    ::globfree(&g);
    if (rc == GLOB_NOMATCH) throw SourceError(p + ": no file matches");
    if (rc != 0) throw SourceError(p + ": cannot expand the pattern");
  }
  return paths;
}

namespace {

// Where a sample's members are, for a message: "member k.png in a.tar" or "members k.png, k.cls in a.tar".
std::string where(const TarSample& sample, const std::vector<Shard>& shards) {
  std::string names;
  for (const auto& m : sample.members) names += (names.empty() ? "" : ", ") + sample.key + "." + m.ext;
  return (sample.members.size() == 1 ? "member " : "members ") + names + " in " + shards[sample.shard].path;
}

}  // namespace

std::unique_ptr<Source> open_tar_shards(const std::string& spec, const std::vector<std::string>& paths) {
  if (paths.empty()) throw SourceError(spec + ": names no shard");
  std::vector<Shard> shards(paths.size());
  std::vector<TarSample> samples;
  for (std::size_t i = 0; i < paths.size(); ++i)
    index_shard(paths[i], static_cast<std::uint32_t>(i), shards[i], samples);
  if (samples.empty()) throw SourceError(spec + ": no samples (no member named KEY.EXT)");

  std::unordered_map<std::string_view, std::size_t> first;
  first.reserve(samples.size());
  for (std::size_t i = 0; i < samples.size(); ++i)
    if (auto [it, fresh] = first.emplace(samples[i].key, i); !fresh)
      throw SourceError("key \"" + samples[i].key + "\" appears twice: " + where(samples[it->second], shards) +
                        ", then " + where(samples[i], shards) +
                        " (the members of a sample must be consecutive, in one shard)");
  return std::make_unique<TarSource>(spec, std::move(shards), std::move(samples));
}

}  // namespace auger::rt::io::detail
