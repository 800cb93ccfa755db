// A `.txt` file as a source (runtime/io/text_lines_source.cpp): one sample per line keyed NAME:LINE, lines split as
// `auger apply` splits them, every line a sample (bad ones are the runner's to refuse), and JSONL lines that are not
// UTF-8 kept as per-sample errors.
#include <doctest/doctest.h>

#include <fstream>
#include <string>

#include "runtime/io/source.h"
#include "runtime/io/source_detail.h"
#include "tests/unit/runtime/source_errors.h"
#include "tests/unit/temp_dir.h"

using namespace auger::rt::io;
using auger::test::contains;
using auger::test::error_of;

namespace {

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

}  // namespace

TEST_CASE("text lines: split as apply splits them") {
  using detail::split_text_lines;
  CHECK(split_text_lines("a\nb\n") == std::vector<std::string>{"a", "b"});
  CHECK(split_text_lines("a\r\nb") == std::vector<std::string>{"a", "b"});
  CHECK(split_text_lines("a\n\n  \n") == std::vector<std::string>{"a", "", "  "});
  CHECK(split_text_lines("x\r\r\n") == std::vector<std::string>{"x\r"});
  CHECK(split_text_lines("").empty());
  CHECK(split_text_lines("\xEF\xBB\xBFHello there\r\nb") == std::vector<std::string>{"Hello there", "b"});
  CHECK(split_text_lines("\xEF\xBB\xBF").empty());
  CHECK(split_text_lines("a\n\xEF\xBB\xBF"
                         "b") == std::vector<std::string>{"a",
                                                          "\xEF\xBB\xBF"
                                                          "b"});  // only a leading one
}

TEST_CASE("text lines: every line a sample keyed NAME:LINE") {
  auger::test::TempDir d;
  write_bytes(d / "corpus.txt", "The dog barked.\n\ncaf\xc3 au lait\nLast line");
  const auto src = open_source(d / "corpus.txt");
  REQUIRE(src->size() == 4);
  CHECK(src->key(0) == "corpus:1");
  CHECK(src->key(3) == "corpus:4");
  const StoredSample s = src->read(2);
  CHECK(s.key == "corpus:3");
  CHECK(s.origin == d / "corpus.txt:3");
  CHECK(s.blobs.at("txt") == "caf\xc3 au lait");
  CHECK(src->read(1).blobs.at("txt").empty());
  CHECK(contains(src->describe(), "4 lines"));
  write_bytes(d / "empty.txt", "");
  CHECK(contains(error_of([&] { (void)open_source(d / "empty.txt"); }), "has no lines"));
}

TEST_CASE("jsonl: a line that is not UTF-8 is that sample's error") {
  auger::test::TempDir d;
  write_bytes(d / "m.jsonl",
              "{\"text\": \"good\"}\n{\"text\": \"caf\xc3 au lait\"}\n{\"key\": \"k\", \"text\": \"ok\"}\n");
  const auto src = open_source(d / "m.jsonl");
  REQUIRE(src->size() == 3);
  CHECK(src->key(1) == "00000001");
  CHECK(src->read(0).fields["text"] == "good");
  CHECK(contains(error_of([&] { (void)src->read(1); }), "m.jsonl:2: the line is not valid UTF-8"));
  CHECK(src->key(2) == "k");
}

TEST_CASE("jsonl: a text ending like a file name is text unless the file exists") {
  auger::test::TempDir d;
  write_bytes(d / "my photo.jpg", "not really a jpeg");
  write_bytes(d / "m.jsonl",
              "{\"text\": \"a photo of the cat.jpg\", \"image\": \"my photo.jpg\"}\n"
              "{\"text\": \"fine\", \"image\": \"x.png\"}\n");
  const auto src = open_source(d / "m.jsonl");
  const StoredSample s = src->read(0);
  CHECK(s.fields["text"] == "a photo of the cat.jpg");
  CHECK(s.blobs.at("image") == "not really a jpeg");
  // No whitespace: a path, even when missing (the read names it).
  CHECK(contains(error_of([&] { (void)src->read(1); }), "cannot open " + d / "x.png"));
}
