// TarWriter (runtime/io/tar_writer.h): identical add() sequences give identical files, header fields carry nothing
// of the writing machine or moment, PATH appears only at close(), and GNU tar and libarchive read the result.
#include "runtime/io/tar_writer.h"

#include <archive.h>
#include <archive_entry.h>
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "tests/unit/temp_dir.h"

namespace fs = std::filesystem;
using auger::rt::io::TarWriter;
using auger::rt::io::WriteError;

namespace {

// Each test's own folder.
struct TempDir : auger::test::TempDir {
  TempDir() : auger::test::TempDir("auger-tarw") {}
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

using Members = std::vector<std::pair<std::string, std::string>>;

const Members& sample_members() {
  static const Members m = [] {
    Members out{{"a.jpg", std::string("\xff\xd8\xff\x00jpeg", 8)},
                {"a.cls", "7"},
                {"a.json", R"({"caption": "x"})"},
                {"a.seg.png", std::string(512, 'p')},
                {"empty.txt", ""},
                {std::string(130, 'd') + "/" + std::string(140, 'f') + ".jpg", "long name"},
                {"dir/caf\xc3\xa9.png", "utf-8 name"}};
    std::string big(70000, '\0');
    for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 2654435761u >> 24);
    out.emplace_back("big.bin", big);
    return out;
  }();
  return m;
}

void write(const std::string& path, const Members& members) {
  TarWriter w(path);
  for (const auto& [name, bytes] : members) w.add(name, bytes);
  w.close();
}

// The members as libarchive reads them back.
Members read_with_libarchive(const std::string& path) {
  Members out;
  archive* a = archive_read_new();
  archive_read_support_format_tar(a);
  REQUIRE(archive_read_open_filename(a, path.c_str(), 10240) == ARCHIVE_OK);
  archive_entry* e = nullptr;
  int rc = 0;
  while ((rc = archive_read_next_header(a, &e)) == ARCHIVE_OK || rc == ARCHIVE_WARN) {
    CHECK(archive_entry_filetype(e) == AE_IFREG);
    std::string data(static_cast<std::size_t>(archive_entry_size(e)), '\0');
    CHECK(archive_read_data(a, data.data(), data.size()) == static_cast<la_ssize_t>(data.size()));
    const char* name = archive_entry_pathname_utf8(e);
    out.emplace_back(name ? name : archive_entry_pathname(e), data);
  }
  CHECK(rc == ARCHIVE_EOF);
  archive_read_free(a);
  return out;
}

std::uint64_t octal_field(const std::string& block, std::size_t offset, std::size_t len) {
  std::uint64_t v = 0;
  for (std::size_t i = offset; i < offset + len && block[i] >= '0' && block[i] <= '7'; ++i)
    v = v * 8 + (block[i] - '0');
  return v;
}

}  // namespace

TEST_CASE("tar writer: the same add() calls give byte-identical files") {
  TempDir d;
  write(d / "one.tar", sample_members());
  write(d / "two.tar", sample_members());
  const std::string one = slurp(d / "one.tar");
  CHECK(!one.empty());
  CHECK(one == slurp(d / "two.tar"));
  Members changed = sample_members();
  changed[1].second = "8";
  write(d / "three.tar", changed);
  CHECK(one != slurp(d / "three.tar"));
}

TEST_CASE("tar writer: every header has mtime 0, uid/gid 0, mode 0644 and no owner names") {
  TempDir d;
  write(d / "t.tar", sample_members());
  const std::string tar = slurp(d / "t.tar");
  REQUIRE(tar.size() % 512 == 0);
  std::size_t headers = 0;
  for (std::size_t pos = 0; pos + 512 <= tar.size();) {
    const std::string block = tar.substr(pos, 512);
    if (block == std::string(512, '\0')) break;  // the end-of-archive marker
    ++headers;
    CAPTURE(block.substr(0, 100));
    CHECK(block.substr(257, 5) == "ustar");
    CHECK(octal_field(block, 100, 8) == 0644);
    CHECK(octal_field(block, 108, 8) == 0);                 // uid
    CHECK(octal_field(block, 116, 8) == 0);                 // gid
    CHECK(octal_field(block, 136, 12) == 0);                // mtime
    CHECK(block.substr(265, 32) == std::string(32, '\0'));  // uname
    CHECK(block.substr(297, 32) == std::string(32, '\0'));  // gname
    const std::uint64_t size = octal_field(block, 124, 12);
    pos += 512 + (size + 511) / 512 * 512;
  }
  // One header per member, and one pax header each for the two names ustar cannot hold.
  CHECK(headers == sample_members().size() + 2);
}

TEST_CASE("tar writer: libarchive and GNU tar read the members back") {
  TempDir d;
  write(d / "t.tar", sample_members());
  CHECK(read_with_libarchive(d / "t.tar") == sample_members());

  const std::string cmd = "LC_ALL=C.UTF-8 tar -tf '" + (d / "t.tar") + "' > '" + (d / "list.txt") + "'";
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::istringstream listing(slurp(d / "list.txt"));
  std::vector<std::string> names, expected;
  for (std::string line; std::getline(listing, line);) names.push_back(line);
  for (const auto& m : sample_members()) expected.push_back(m.first);
  CHECK(names == expected);

  const std::string extract = "cd '" + d.path.string() + "' && mkdir x && cd x && tar -xf ../t.tar";
  REQUIRE(std::system(extract.c_str()) == 0);
  CHECK(slurp(d / "x/big.bin") == sample_members().back().second);
}

TEST_CASE("tar writer: PATH appears only at close(); without close() nothing is left") {
  TempDir d;
  const std::string path = d / "s.tar";
  SUBCASE("close renames") {
    TarWriter w(path);
    w.add("a.txt", "hello");
    CHECK(fs::exists(path + ".tmp"));
    CHECK_FALSE(fs::exists(path));
    CHECK(w.bytes() == 1024);  // one header and one padded data block
    w.close();
    CHECK_FALSE(fs::exists(path + ".tmp"));
    CHECK(fs::exists(path));
    CHECK(w.bytes() == fs::file_size(path));
    CHECK_THROWS_AS(w.add("b.txt", "late"), WriteError);
  }
  SUBCASE("destruction without close removes the temporary file and keeps an older PATH") {
    {
      std::ofstream(path) << "previous run";
      TarWriter w(path);
      w.add("a.txt", "hello");
    }
    CHECK_FALSE(fs::exists(path + ".tmp"));
    CHECK(slurp(path) == "previous run");
  }
  SUBCASE("a stale temporary file from a killed run is replaced") {
    std::ofstream(path + ".tmp") << std::string(100000, 'x');
    TarWriter w(path);
    w.add("a.txt", "hello");
    w.close();
    CHECK(read_with_libarchive(path) == Members{{"a.txt", "hello"}});
  }
  SUBCASE("errors") {
    CHECK_THROWS_AS(TarWriter(d / "no/such/dir/s.tar"), WriteError);
    TarWriter w(path);
    CHECK_THROWS_AS(w.add("", "x"), WriteError);
  }
}
