// Sources (runtime/io/source.h): image folders, JSONL manifests and WebDataset shards, built in a temporary
// directory; what open_source indexes, what read() returns byte for byte, and the errors.
#include "runtime/io/source.h"

#include <archive.h>
#include <archive_entry.h>
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "runtime/io/source_detail.h"
#include "runtime/io/tar_writer.h"
#include "tests/unit/runtime/source_errors.h"
#include "tests/unit/temp_dir.h"

using namespace auger::rt::io;
namespace fs = std::filesystem;
using auger::test::contains;
using auger::test::error_of;

namespace {

// Each test's own folder.
struct TempDir : auger::test::TempDir {
  TempDir() : auger::test::TempDir("auger-source") {}
};

void write_file(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << bytes;
  REQUIRE(out.good());
}

std::string random_bytes(std::size_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(gen() & 0xFF);
  return s;
}

std::vector<std::string> keys_of(const Source& s) {
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < s.size(); ++i) keys.push_back(s.key(i));
  return keys;
}

void write_shard(const std::string& path, const std::vector<std::pair<std::string, std::string>>& members) {
  TarWriter w(path);
  for (const auto& [name, bytes] : members) w.add(name, bytes);
  w.close();
}

}  // namespace

TEST_CASE("folder: class sub-folders give sorted labels, keys are paths without the extension") {
  TempDir d;
  const std::string a = random_bytes(1000, 1), b = random_bytes(10, 2), x = random_bytes(77, 3);
  write_file(d.path / "dog/x.jpeg", x);
  write_file(d.path / "dog/sub/y.webp", "y");
  write_file(d.path / "cat/b.jpg", b);
  write_file(d.path / "cat/a.PNG", a);
  write_file(d.path / "cat/notes.txt", "not an image");
  write_file(d.path / "cat/.hidden.jpg", "hidden");
  write_file(d.path / ".git/z.jpg", "hidden folder");
  write_file(d.path / "cat/.cache/w.jpg", "hidden folder");

  const auto src = open_source(d.path.string());
  CHECK(src->classes() == std::vector<std::string>{"cat", "dog"});
  CHECK(keys_of(*src) == std::vector<std::string>{"cat/a", "cat/b", "dog/sub/y", "dog/x"});
  const StoredSample s0 = src->read(0);
  CHECK(s0.key == "cat/a");
  CHECK(s0.origin == d / "cat/a.PNG");
  CHECK(s0.blobs.size() == 1);
  CHECK(s0.blobs.at("image") == a);
  CHECK(s0.fields == nlohmann::json{{"class", 0}});
  CHECK(src->read(1).blobs.at("image") == b);
  CHECK(src->read(2).fields["class"] == 1);
  CHECK(src->read(3).blobs.at("image") == x);
  CHECK(contains(src->describe(), "(4 samples, 2 classes)"));
}

TEST_CASE("folder: a flat folder has no labels; a trailing slash changes nothing") {
  TempDir d;
  write_file(d.path / "b.jpg", "B");
  write_file(d.path / "a.bmp", "A");
  write_file(d.path / "readme.md", "ignored");
  const auto src = open_source(d.path.string() + "/");
  CHECK(src->classes().empty());
  CHECK(keys_of(*src) == std::vector<std::string>{"a", "b"});
  const StoredSample s = src->read(1);
  CHECK(s.blobs.at("image") == "B");
  CHECK(s.fields == nlohmann::json::object());
  CHECK(s.origin == d / "b.jpg");
  CHECK(contains(src->describe(), "unlabelled"));
}

TEST_CASE("folder: errors") {
  TempDir d;
  SUBCASE("images both directly inside and in class folders") {
    write_file(d.path / "loose.jpg", "x");
    write_file(d.path / "cat/a.jpg", "x");
    CHECK(contains(error_of([&] { (void)open_source(d.path.string()); }), "both images directly inside"));
  }
  SUBCASE("an empty class folder would shift the labels") {
    write_file(d.path / "a/x.jpg", "x");
    write_file(d.path / "b/notes.txt", "x");
    CHECK(contains(error_of([&] { (void)open_source(d.path.string()); }), "class folder without images"));
  }
  SUBCASE("two files with one stem get their extension in the key") {
    write_file(d.path / "a.jpg", "x");
    write_file(d.path / "a.PNG", "x");
    write_file(d.path / "b.jpg", "x");
    const auto src = open_source(d.path.string());
    REQUIRE(src->size() == 3);
    CHECK(src->key(0) == "a_jpg");
    CHECK(src->key(1) == "a_png");
    CHECK(src->key(2) == "b");
    write_file(d.path / "a_jpg.bmp", "x");  // and if that collides too, the folder is refused
    CHECK(contains(error_of([&] { (void)open_source(d.path.string()); }), "have the same key a_jpg"));
  }
  SUBCASE("no images") {
    write_file(d.path / "readme.md", "x");
    CHECK(contains(error_of([&] { (void)open_source(d.path.string()); }), "no images"));
  }
  SUBCASE("a symlink loop") {
    write_file(d.path / "cat/a.jpg", "x");
    fs::create_directory_symlink(d.path / "cat", d.path / "cat/again");
    CHECK(contains(error_of([&] { (void)open_source(d.path.string()); }), "symlink loop"));
  }
  SUBCASE("a file that vanished after open") {
    write_file(d.path / "a.jpg", "x");
    write_file(d.path / "b.jpg", "y");
    const auto src = open_source(d.path.string());
    fs::remove(d.path / "a.jpg");
    CHECK(contains(error_of([&] { (void)src->read(0); }), d / "a.jpg"));
    CHECK(src->read(1).blobs.at("image") == "y");
  }
  SUBCASE("a spec naming nothing") {
    CHECK(contains(error_of([&] { (void)open_source(d / "missing"); }), "missing"));
    CHECK(!error_of([] { (void)open_source(""); }).empty());
  }
}

TEST_CASE("folder: symlinked files and folders are followed") {
  TempDir d, elsewhere;
  write_file(elsewhere.path / "real.jpg", "R");
  write_file(elsewhere.path / "more/m.png", "M");
  write_file(d.path / "cat/a.jpg", "A");
  fs::create_symlink(elsewhere.path / "real.jpg", d.path / "cat/link.jpg");
  fs::create_directory_symlink(elsewhere.path / "more", d.path / "dog");
  const auto src = open_source(d.path.string());
  CHECK(src->classes() == std::vector<std::string>{"cat", "dog"});
  CHECK(keys_of(*src) == std::vector<std::string>{"cat/a", "cat/link", "dog/m"});
  CHECK(src->read(1).blobs.at("image") == "R");
  CHECK(src->read(2).blobs.at("image") == "M");
}

TEST_CASE("jsonl: keys, image fields relative to the manifest, other fields") {
  TempDir d;
  const std::string img = random_bytes(3000, 4);
  write_file(d.path / "img/a.jpg", img);
  write_file(d.path / "img/m.png", "mask");
  write_file(d.path / "m.jsonl",
             R"({"key": "first", "image": "img/a.jpg", "mask": "img/m.png", "caption": "a cat", "n": 3})"
             "\n"
             R"({"__key__": "second", "image": ")" +
                 (d.path / "img/a.jpg").string() + R"(", "boxes": [[1, 2, 3, 4]]})" + "\n");
  const auto src = open_source(d / "m.jsonl");
  CHECK(keys_of(*src) == std::vector<std::string>{"first", "second"});
  const StoredSample s = src->read(0);
  CHECK(s.origin == d / "m.jsonl" + ":1");
  CHECK(s.blobs.at("image") == img);
  CHECK(s.blobs.at("mask") == "mask");
  CHECK(s.fields == nlohmann::json{{"caption", "a cat"}, {"n", 3}});
  const StoredSample t = src->read(1);  // an absolute path is used as it is
  CHECK(t.blobs.at("image") == img);
  CHECK(t.fields == nlohmann::json{{"boxes", {{1, 2, 3, 4}}}});
  CHECK(contains(src->describe(), "(2 samples)"));
}

TEST_CASE("jsonl: without keys the line number is the key; blank lines are skipped") {
  TempDir d;
  write_file(d.path / "m.jsonl", "{\"text\": \"one\"}\n\n  \r\n{\"text\": \"two\"}\r\n");
  const auto src = open_source(d / "m.jsonl");
  CHECK(keys_of(*src) == std::vector<std::string>{"00000000", "00000003"});
  CHECK(src->read(1).fields == nlohmann::json{{"text", "two"}});
  CHECK(src->read(1).origin == d / "m.jsonl" + ":4");
}

TEST_CASE("jsonl: errors") {
  TempDir d;
  const std::string m = d / "m.jsonl";
  // A bad line is that sample's error at read(), naming its line; the manifest opens and the other lines read.
  SUBCASE("a malformed line names its line number") {
    write_file(m, "{\"a\": 1}\n{\"a\": 2}\n{\"a\": \n");
    const auto src = open_source(m);
    CHECK(contains(error_of([&] { (void)src->read(2); }), "m.jsonl:3: not JSON"));
    CHECK(src->read(1).fields["a"] == 2);
    CHECK(src->origin(2) == m + ":3");
  }
  SUBCASE("a line that is not an object") {
    write_file(m, "[1, 2]\n");
    CHECK(contains(error_of([&] { (void)open_source(m)->read(0); }), "m.jsonl:1: expected a JSON object"));
  }
  SUBCASE("a lone surrogate escape is not JSON") {
    write_file(m, "{\"text\": \"a \\ud800 b\"}\n{\"text\": \"ok\"}\n");
    const auto src = open_source(m);
    CHECK(contains(error_of([&] { (void)src->read(0); }), "m.jsonl:1: not JSON"));
    CHECK(src->read(1).fields["text"] == "ok");
  }
  SUBCASE("a duplicate key is the later line's error, naming both lines; the first is kept") {
    write_file(m, "{\"key\": \"k\"}\n{\"key\": \"j\"}\n{\"key\": \"k\"}\n");
    const auto src = open_source(m);
    CHECK(src->key(0) == "k");
    CHECK(src->read(0).origin == m + ":1");
    const std::string e = error_of([&] { (void)src->read(2); });
    CHECK(contains(e, "m.jsonl:3"));
    CHECK(contains(e, "line 1"));
    CHECK(src->key(2) == "k@line3");
  }
  SUBCASE("a key that is not a string") {
    write_file(m, "{\"key\": 7}\n");
    CHECK(contains(error_of([&] { (void)open_source(m)->read(0); }), "non-empty string"));
  }
  SUBCASE("an empty manifest") {
    write_file(m, "\n\n");
    CHECK(contains(error_of([&] { (void)open_source(m); }), "no samples"));
  }
  SUBCASE("a missing image fails its read only, naming the line") {
    write_file(m, "{\"image\": \"gone.jpg\"}\n{\"text\": \"fine\"}\n");
    const auto src = open_source(m);
    const std::string e = error_of([&] { (void)src->read(0); });
    CHECK(contains(e, "m.jsonl:1"));
    CHECK(contains(e, "gone.jpg"));
    CHECK(src->read(1).fields["text"] == "fine");
  }
}

TEST_CASE("tar: multi-member samples, keys with folders, members read back byte for byte") {
  TempDir d;
  const std::string jpg = random_bytes(100000, 5), seg = random_bytes(513, 6), big = random_bytes(512, 7);
  const std::string long_dir(150, 'd');
  write_shard(d / "s.tar", {{"a.jpg", jpg},
                            {"a.cls", "3\n"},
                            {"a.json", R"({"w": 5, "tags": ["x"]})"},
                            {"a.seg.png", seg},
                            {"a.txt", "a caption"},
                            {"a.bin", std::string("\xff\xfe", 2)},  // not UTF-8: skipped
                            {"__meta__", "skipped"},
                            {"no_extension", "skipped"},
                            {"train/x.v2/abc.JPG", big},
                            {"train/x.v2/abc.seg.png", ""},
                            {long_dir + "/é.png", "long"}});
  const auto src = open_source(d / "s.tar");
  CHECK(keys_of(*src) == std::vector<std::string>{"a", "train/x.v2/abc", long_dir + "/é"});
  const StoredSample a = src->read(0);
  CHECK(a.origin == d / "s.tar" + ":a");
  CHECK(a.blobs.size() == 2);
  CHECK(a.blobs.at("jpg") == jpg);
  CHECK(a.blobs.at("seg.png") == seg);
  CHECK(a.fields == nlohmann::json{{"class", 3}, {"w", 5}, {"tags", {"x"}}, {"txt", "a caption"}});
  const StoredSample b = src->read(1);
  CHECK(b.blobs.at("jpg") == big);  // extensions are lower-cased, as webdataset does
  CHECK(b.blobs.at("seg.png").empty());
  CHECK(src->read(2).blobs.at("png") == "long");
  CHECK(contains(src->describe(), "(3 samples)"));
}

TEST_CASE("tar: brace patterns and globs list shards in order") {
  TempDir d;
  for (int i = 0; i < 3; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "shard-%03d.tar", i);
    const std::string n = std::to_string(i);
    write_shard(d / name, {{"k" + n + "a.jpg", "a" + n}, {"k" + n + "b.jpg", "b" + n}});
  }
  const std::vector<std::string> expected{"k0a", "k0b", "k1a", "k1b", "k2a", "k2b"};
  const auto braces = open_source(d / "shard-{000..002}.tar");
  CHECK(keys_of(*braces) == expected);
  CHECK(braces->read(3).blobs.at("jpg") == "b1");
  CHECK(braces->read(3).origin == d / "shard-001.tar" + ":k1b");
  CHECK(contains(braces->describe(), "(3 shards, 6 samples)"));
  CHECK(keys_of(*open_source(d / "*.tar")) == expected);
  CHECK(keys_of(*open_source(d / "shard-00{2,0}.tar")) == std::vector<std::string>{"k2a", "k2b", "k0a", "k0b"});
  CHECK(contains(error_of([&] { (void)open_source(d / "shard-{000..003}.tar"); }), "shard-003.tar"));
  CHECK(contains(error_of([&] { (void)open_source(d / "*.tgz"); }), "no file matches"));
}

TEST_CASE("tar: a shard written by GNU tar (pax headers for long names) reads back exactly") {
  TempDir d;
  const std::string long_name = std::string(120, 'n') + "/" + std::string(120, 'm');
  const std::string bytes = random_bytes(20000, 8);
  write_file(d.path / "in" / (long_name + ".jpg"), bytes);
  write_file(d.path / "in" / (long_name + ".cls"), "12");
  write_file(d.path / "in/short.png", "s");
  const std::string cmd = "cd '" + (d / "in") + "' && tar --format=posix -cf ../g.tar " + long_name + ".cls " +
                          long_name + ".jpg short.png";
  REQUIRE(std::system(cmd.c_str()) == 0);
  const auto src = open_source(d / "g.tar");
  REQUIRE(keys_of(*src) == std::vector<std::string>{long_name, "short"});
  CHECK(src->read(0).blobs.at("jpg") == bytes);
  CHECK(src->read(0).fields == nlohmann::json{{"class", 12}});
  CHECK(src->read(1).blobs.at("png") == "s");
}

TEST_CASE("tar: concurrent reads from four threads equal sequential reads") {
  TempDir d;
  std::vector<std::pair<std::string, std::string>> members;
  for (int i = 0; i < 200; ++i) {
    const std::string n = std::to_string(i);
    members.emplace_back("s" + n + ".jpg", random_bytes(100 + 37 * i, 100 + i));
    members.emplace_back("s" + n + ".cls", std::to_string(i % 7));
  }
  write_shard(d / "c.tar", members);
  const auto src = open_source(d / "c.tar");
  REQUIRE(src->size() == 200);
  std::vector<StoredSample> sequential;
  for (std::size_t i = 0; i < src->size(); ++i) sequential.push_back(src->read(i));
  std::vector<std::vector<StoredSample>> per_thread(4, std::vector<StoredSample>(src->size()));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      // Each thread walks the samples from a different starting point, so reads of one sample overlap in time.
      for (std::size_t n = 0; n < src->size(); ++n) {
        const std::size_t i = (n + 50 * static_cast<std::size_t>(t)) % src->size();
        per_thread[t][i] = src->read(i);
      }
    });
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t)
    for (std::size_t i = 0; i < src->size(); ++i) {
      CHECK(per_thread[t][i].key == sequential[i].key);
      CHECK(per_thread[t][i].blobs == sequential[i].blobs);
      CHECK(per_thread[t][i].fields == sequential[i].fields);
    }
  CHECK(sequential[199].fields["class"] == 199 % 7);
  CHECK(sequential[199].blobs.at("jpg") == members[398].second);
}

TEST_CASE("tar: errors") {
  TempDir d;
  SUBCASE("a key in two shards names both") {
    write_shard(d / "a.tar", {{"x.jpg", "1"}});
    write_shard(d / "b.tar", {{"y.jpg", "2"}, {"x.jpg", "3"}});
    const std::string e = error_of([&] { (void)open_source(d / "{a,b}.tar"); });
    CHECK(contains(e, "\"x\""));
    CHECK(contains(e, d / "a.tar"));
    CHECK(contains(e, d / "b.tar"));
  }
  SUBCASE("members of one sample apart") {
    write_shard(d / "a.tar", {{"x.jpg", "1"}, {"x.json", "1"}, {"y.jpg", "2"}, {"x.cls", "3"}});
    const std::string e = error_of([&] { (void)open_source(d / "a.tar"); });
    CHECK(contains(e, "appears twice"));
    // One shard twice says nothing: the members tell which is which.
    CHECK(contains(e, "members x.jpg, x.json in " + d / "a.tar" + ", then member x.cls in "));
  }
  SUBCASE("two members with one extension") {
    write_shard(d / "a.tar", {{"x.jpg", "1"}, {"x.JPG", "2"}});
    CHECK(contains(error_of([&] { (void)open_source(d / "a.tar"); }), "a second .jpg"));
  }
  SUBCASE("a class that is not an integer, conflicting fields") {
    write_shard(d / "a.tar", {{"x.jpg", "1"}, {"x.cls", "cat"}, {"y.cls", "1"}, {"y.json", R"({"class": 2})"}});
    const auto src = open_source(d / "a.tar");
    CHECK(contains(error_of([&] { (void)src->read(0); }), "x.cls: not an integer"));
    CHECK(contains(error_of([&] { (void)src->read(1); }), "given twice"));
  }
  SUBCASE("a compressed shard is refused by name") {
    archive* a = archive_write_new();
    archive_write_set_format_pax_restricted(a);
    archive_write_add_filter_gzip(a);
    REQUIRE(archive_write_open_filename(a, (d / "z.tar.gz").c_str()) == ARCHIVE_OK);
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, "x.jpg");
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_size(e, 1);
    archive_write_header(a, e);
    archive_write_data(a, "1", 1);
    archive_entry_free(e);
    archive_write_free(a);
    CHECK(contains(error_of([&] { (void)open_source(d / "z.tar.gz"); }), "gzip-compressed shard"));
  }
  SUBCASE("not a tar") {
    write_file(d.path / "notes.dat", "hello");  // (a .txt is a text source: text_lines_source_test.cpp)
    CHECK(contains(error_of([&] { (void)open_source(d / "notes.dat"); }), "not a tar archive"));
  }
  SUBCASE("a shard truncated or replaced after indexing") {
    write_shard(d / "a.tar", {{"x.jpg", random_bytes(5000, 9)}});
    const auto src = open_source(d / "a.tar");
    fs::resize_file(d.path / "a.tar", 1024);
    CHECK(contains(error_of([&] { (void)src->read(0); }), d / "a.tar" + ":x"));
    fs::remove(d.path / "a.tar");
    CHECK(contains(error_of([&] { (void)src->read(0); }), "cannot open the shard"));
  }
}

TEST_CASE("brace expansion follows braceexpand") {
  using detail::expand_braces;
  using V = std::vector<std::string>;
  CHECK(expand_braces("shard-{000..003}.tar") == V{"shard-000.tar", "shard-001.tar", "shard-002.tar", "shard-003.tar"});
  CHECK(expand_braces("{8..10}") == V{"8", "9", "10"});
  CHECK(expand_braces("{08..10}") == V{"08", "09", "10"});
  CHECK(expand_braces("{3..1}") == V{"3", "2", "1"});
  CHECK(expand_braces("{-1..1}") == V{"-1", "0", "1"});
  CHECK(expand_braces("{0..6..3}") == V{"0", "3", "6"});
  CHECK(expand_braces("{a..c}") == V{"a", "b", "c"});
  CHECK(expand_braces("{a,b}{1..2}") == V{"a1", "a2", "b1", "b2"});
  CHECK(expand_braces("x{b{1,2},c}y") == V{"xb1y", "xb2y", "xcy"});
  CHECK(expand_braces("{,s}") == V{"", "s"});
  CHECK(expand_braces("{x}") == V{"{x}"});
  CHECK(expand_braces("plain") == V{"plain"});
  CHECK_THROWS_AS(expand_braces("a{1..2"), SourceError);
  CHECK_THROWS_AS(expand_braces("a}b"), SourceError);
  CHECK_THROWS_AS(expand_braces("{0..9999999}"), SourceError);
}

TEST_CASE("UTF-8 validation") {
  using detail::is_valid_utf8;
  CHECK(is_valid_utf8("plain ascii"));
  CHECK(is_valid_utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"));
  CHECK_FALSE(is_valid_utf8("\xff"));
  CHECK_FALSE(is_valid_utf8("\xc3"));              // truncated
  CHECK_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong
  CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));      // surrogate
  CHECK_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  CHECK(detail::grouped(1281167) == "1,281,167");
  CHECK(detail::grouped(999) == "999");
}
