// runtime/text/wordnet_blob: the tables linked at build time answer exactly as WordNet's files read at run time
// (base forms and synonyms of every lemma, inflected form and exception the files hold, in every part of speech).
#include "runtime/text/wordnet_blob.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "runtime/text/wordnet.h"

using namespace auger::rt::text;

namespace {

constexpr const char* kDir = "/usr/share/wordnet";

// Every `step`-th first field of the index and exception files, with inflections made from it (an -s, -es, -ed,
// -ing, -er, -est form: most are no lemma, and morphy must find their base), upper case and a few non-words.
std::vector<std::string> sample_words(int step) {
  std::vector<std::string> words = {"", "xyzzyq", "Dogs", "ran", "geese", "better", "churches", "i", "s", "a_b"};
  int n = 0;
  for (const char* file : {"index.noun", "index.verb", "index.adj", "index.adv", "noun.exc", "verb.exc", "adj.exc"}) {
    std::ifstream in(std::string(kDir) + "/" + file);
    for (std::string line; std::getline(in, line);) {
      if (line.empty() || line[0] == ' ' || n++ % step != 0) continue;
      const std::string w = line.substr(0, line.find(' '));
      for (const char* tail : {"", "s", "es", "ed", "ing", "er", "est"}) words.push_back(w + tail);
    }
  }
  return words;
}

}  // namespace

TEST_CASE("WordNet's linked tables answer as its files") {
  if (!std::filesystem::exists(std::string(kDir) + "/index.noun")) {
    MESSAGE("wordnet-base is not installed: nothing to compare");
    return;
  }
  const WordNetBlob* blob = WordNetBlob::linked();
  REQUIRE_MESSAGE(blob != nullptr, "the build had wordnet-base, so the tables must be linked in");
  CHECK(blob->dir() == kDir);
  const WordNet tables(*blob);
  const WordNet files{std::string(kDir)};
  const auto words = sample_words(7);
  CHECK(words.size() > 100000);
  for (const auto& w : words) {
    INFO("word: " << w);
    REQUIRE(tables.synonyms(w) == files.synonyms(w));
    for (int p = 0; p < 4; ++p) REQUIRE(tables.base_forms(w, p) == files.base_forms(w, p));
  }
}
