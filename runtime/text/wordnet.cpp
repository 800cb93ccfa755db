#include "runtime/text/wordnet.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace auger::rt::text {

namespace {

constexpr std::array<const char*, 4> kPosFile = {"noun", "verb", "adj", "adv"};

// NLTK's MORPHOLOGICAL_SUBSTITUTIONS (WordNet's morph.c detachment rules), per part of speech.
const std::array<std::vector<std::pair<std::string, std::string>>, 4>& substitutions() {
  static const std::array<std::vector<std::pair<std::string, std::string>>, 4> rules = {{
      {{"s", ""},
       {"ses", "s"},
       {"ves", "f"},
       {"xes", "x"},
       {"zes", "z"},
       {"ches", "ch"},
       {"shes", "sh"},
       {"men", "man"},
       {"ies", "y"}},
      {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}},
      {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}},
      {},
  }};
  return rules;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw std::runtime_error("cannot read " + path +
                             ": WordNet's database is missing (install Debian's wordnet-base, or set "
                             "AUGER_WORDNET_DIR to a folder with WordNet 3.0's index.*, data.* and *.exc files)");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string_view> split(std::string_view line) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < line.size();) {
    const auto j = std::min(line.find(' ', i), line.size());
    if (j > i) out.push_back(line.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

template <typename Fn>
void each_line(const std::string& text, Fn fn) {
  std::string_view all(text);
  for (std::size_t i = 0; i < all.size();) {
    const auto j = std::min(all.find('\n', i), all.size());
    if (j > i && all[i] != ' ') fn(all.substr(i, j - i));  // lines starting with spaces are the licence
    i = j + 1;
  }
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

const WordNet& WordNet::system() {
  static const WordNet wn([] {
    const char* dir = std::getenv("AUGER_WORDNET_DIR");
    return std::string(dir && *dir ? dir : "/usr/share/wordnet");
  }());
  return wn;
}

WordNet::WordNet(const std::string& dir) {
  for (int p = 0; p < 4; ++p) {
    Pos& pos = pos_[p];
    // index.POS: lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset…
    each_line(read_file(dir + "/index." + kPosFile[p]), [&](std::string_view line) {
      const auto f = split(line);
      if (f.size() < 4) return;
      const auto count = static_cast<std::size_t>(std::atoi(std::string(f[2]).c_str()));
      if (count > f.size()) return;
      auto& offsets = pos.index[std::string(f[0])];
      for (std::size_t i = f.size() - count; i < f.size(); ++i)
        offsets.push_back(std::strtoull(std::string(f[i]).c_str(), nullptr, 10));
    });
    // POS.exc: inflected base…
    each_line(read_file(dir + "/" + kPosFile[p] + ".exc"), [&](std::string_view line) {
      const auto f = split(line);
      if (f.size() < 2) return;
      auto& bases = pos.exceptions[std::string(f[0])];
      for (std::size_t i = 1; i < f.size(); ++i) bases.emplace_back(f[i]);
    });
    pos.data = read_file(dir + "/data." + kPosFile[p]);
  }
}

std::vector<std::string> WordNet::base_forms(const std::string& word, int p) const {
  std::vector<std::string> out;
  auto keep = [&](const std::vector<std::string>& forms) {
    for (const auto& f : forms)
      if (has(f, p) && std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
  };
  auto apply_rules = [&](const std::vector<std::string>& forms) {
    std::vector<std::string> next;
    for (const auto& f : forms)
      for (const auto& [old, repl] : substitutions()[p])
        if (ends_with(f, old)) next.push_back(f.substr(0, f.size() - old.size()) + repl);
    return next;
  };
  if (auto it = pos_[p].exceptions.find(word); it != pos_[p].exceptions.end()) {
    std::vector<std::string> forms{word};
    forms.insert(forms.end(), it->second.begin(), it->second.end());
    keep(forms);
    return out;
  }
  auto forms = apply_rules({word});
  std::vector<std::string> first{word};
  first.insert(first.end(), forms.begin(), forms.end());
  keep(first);
  // No match yet: keep detaching (NLTK's _morphy loop), the first level with a match wins.
  while (out.empty() && !forms.empty()) {
    forms = apply_rules(forms);
    keep(forms);
  }
  return out;
}

// data.POS at `offset`: offset lex_filenum ss_type w_cnt(hex) word lex_id [word lex_id…] …
void WordNet::lemma_names(int p, std::size_t offset, std::vector<std::string>& out) const {
  const std::string& data = pos_[p].data;
  if (offset >= data.size()) return;
  const auto end = std::min(data.find('\n', offset), data.size());
  const auto f = split(std::string_view(data).substr(offset, end - offset));
  if (f.size() < 4) return;
  const auto count = std::strtoul(std::string(f[3]).c_str(), nullptr, 16);
  for (std::size_t i = 0; i < count && 4 + 2 * i < f.size(); ++i) {
    std::string name(f[4 + 2 * i]);
    if (auto paren = name.find('('); paren != std::string::npos) name.resize(paren);  // adjective marker "(a)"
    for (auto& c : name)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out.push_back(std::move(name));
  }
}

std::vector<std::string> WordNet::synonyms(const std::string& word) const {
  std::vector<std::string> names;
  for (int p = 0; p < 4; ++p)
    for (const auto& form : base_forms(word, p))
      for (auto offset : pos_[p].index.at(form)) lemma_names(p, offset, names);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  names.erase(std::remove(names.begin(), names.end(), word), names.end());
  return names;
}

}  // namespace auger::rt::text
