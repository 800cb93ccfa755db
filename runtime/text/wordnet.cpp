#include "runtime/text/wordnet.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <span>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace auger::rt::text {

namespace {

constexpr std::array<const char*, 4> kPosFile = {"noun", "verb", "adj", "adv"};

// NLTK's MORPHOLOGICAL_SUBSTITUTIONS (WordNet's morph.c detachment rules), per part of speech.
struct Rule {
  std::string_view old, repl;
};
constexpr Rule kNounRules[] = {{"s", ""},      {"ses", "s"},   {"ves", "f"},   {"xes", "x"}, {"zes", "z"},
                               {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}};
constexpr Rule kVerbRules[] = {{"s", ""},   {"ies", "y"}, {"es", "e"},  {"es", ""},
                               {"ed", "e"}, {"ed", ""},   {"ing", "e"}, {"ing", ""}};
constexpr Rule kAdjRules[] = {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}};
constexpr std::array<std::span<const Rule>, 4> kRules = {kNounRules, kVerbRules, kAdjRules, {}};

// NLTK's apply_rules: every rule that matches every form, in order, into `next`.
void apply_rules(const std::vector<std::string>& forms, int p, std::vector<std::string>& next) {
  next.clear();
  for (const auto& f : forms)
    for (const auto& [old, repl] : kRules[p])
      if (std::string_view(f).ends_with(old)) {
        std::string& n = next.emplace_back();
        n.reserve(f.size() - old.size() + repl.size());
        n.append(f, 0, f.size() - old.size()).append(repl);
      }
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

// `path` when it can be opened, else the error that names the package.
const std::string& open_checked(const std::string& path) {
  if (!std::ifstream(path)) read_file(path);  // throws the message naming wordnet-base
  return path;
}

std::vector<std::string_view> split(std::string_view line) {
  std::vector<std::string_view> out;
  out.reserve(32);
  for (std::size_t i = 0; i < line.size();) {
    const auto j = std::min(line.find(' ', i), line.size());
    if (j > i) out.push_back(line.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

// A field's leading digits as a number (0 when it has none), as atoi and strtoull read them.
std::size_t number(std::string_view field, int base) {
  std::size_t n = 0;
  std::from_chars(field.data(), field.data() + field.size(), n, base);
  return n;
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

// Each lemma line of an index file (the licence's lines start with spaces) hashed into `slots` by its lemma.
void hash_lemma_lines(std::string_view all, std::vector<std::uint32_t>& slots) {
  std::vector<std::uint32_t> starts;
  for (std::size_t i = 0; i < all.size();) {
    if (all[i] != ' ') starts.push_back(static_cast<std::uint32_t>(i));
    const auto nl = all.find('\n', i);
    i = nl == std::string_view::npos ? all.size() : nl + 1;
  }
  std::size_t size = 16;
  while (size < 2 * starts.size()) size <<= 1;
  slots.assign(size, 0);
  for (const std::uint32_t at : starts) {
    const auto sp = std::min(all.find(' ', at), all.size());
    auto h = fnv1a(all.substr(at, sp - at)) & (size - 1);
    while (slots[h] != 0) h = (h + 1) & (size - 1);
    slots[h] = at + 1;
  }
}

}  // namespace

const WordNet& WordNet::system() {
  static const WordNet wn = [] {
    const char* env = std::getenv("AUGER_WORDNET_DIR");
    const std::string dir = env && *env ? env : "/usr/share/wordnet";
    const WordNetBlob* blob = WordNetBlob::linked();
    return blob && blob->dir() == dir ? WordNet(*blob) : WordNet(dir);
  }();
  return wn;
}

WordNet::WordNet(const std::string& dir) {
  for (int p = 0; p < 4; ++p) {
    Pos& pos = pos_[p];
    pos.index = MappedFile(open_checked(dir + "/index." + kPosFile[p]));
    hash_lemma_lines(pos.index.text(), pos.slots);
    // POS.exc: inflected base…
    each_line(read_file(dir + "/" + kPosFile[p] + ".exc"), [&](std::string_view line) {
      const auto f = split(line);
      if (f.size() < 2) return;
      auto& bases = pos.exceptions[std::string(f[0])];
      for (std::size_t i = 1; i < f.size(); ++i) bases.emplace_back(f[i]);
    });
    pos.data = MappedFile(open_checked(dir + "/data." + kPosFile[p]));
  }
}

std::string_view WordNet::index_line(std::string_view lemma, int p) const {
  const std::string_view all = pos_[p].index.text();
  const auto& slots = pos_[p].slots;
  const std::size_t mask = slots.size() - 1;
  for (auto h = fnv1a(lemma) & mask; slots[h] != 0; h = (h + 1) & mask) {
    const std::size_t at = slots[h] - 1;
    if (at + lemma.size() < all.size() && all[at + lemma.size()] == ' ' && all.compare(at, lemma.size(), lemma) == 0) {
      const auto nl = all.find('\n', at);
      return all.substr(at, (nl == std::string_view::npos ? all.size() : nl) - at);
    }
  }
  return {};
}

bool WordNet::has(const std::string& lemma, int p) const {
  return blob_ ? blob_->has(lemma, p) : !index_line(lemma, p).empty();
}

bool WordNet::exception_forms(const std::string& word, int p, std::vector<std::string>& out) const {
  if (blob_) return blob_->exception_forms(word, p, out);
  const auto it = pos_[p].exceptions.find(word);
  if (it == pos_[p].exceptions.end()) return false;
  out.insert(out.end(), it->second.begin(), it->second.end());
  return true;
}

void WordNet::names(const std::string& lemma, int p, Names& out) const {
  if (blob_) return blob_->names(lemma, p, out.views);
  // lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset…
  const auto f = split(index_line(lemma, p));
  const std::size_t count = number(f.at(2), 10);
  for (std::size_t i = f.size() - std::min(count, f.size()); i < f.size(); ++i) lemma_names(p, number(f[i], 10), out);
}

std::vector<std::string> WordNet::base_forms(const std::string& word, int p) const {
  std::vector<std::string> out;
  auto keep = [&](const std::vector<std::string>& forms) {  // NLTK's filter_forms
    for (const auto& f : forms)
      if (has(f, p) && std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
  };
  // Scratch lists reused from call to call: morphy runs four times for every new word.
  thread_local std::vector<std::string> forms, next;
  forms.assign(1, word);
  if (exception_forms(word, p, forms)) {
    keep(forms);
    return out;
  }
  apply_rules(forms, p, next);
  forms.insert(forms.end(), next.begin(), next.end());
  keep(forms);
  // No match yet: keep detaching (NLTK's _morphy loop), the first level with a match wins.
  while (out.empty() && !next.empty()) {
    std::swap(forms, next);
    apply_rules(forms, p, next);
    keep(next);
  }
  return out;
}

// data.POS at `offset`: offset lex_filenum ss_type w_cnt(hex) word lex_id [word lex_id…] …
void WordNet::lemma_names(int p, std::size_t offset, Names& out) const {
  const std::string_view data = pos_[p].data.text();
  if (offset >= data.size()) return;
  std::string_view rest = data.substr(offset, std::min(data.find('\n', offset), data.size()) - offset);
  auto next = [&rest] {  // the next space-separated field
    const auto sp = std::min(rest.find(' '), rest.size());
    const std::string_view f = rest.substr(0, sp);
    rest.remove_prefix(std::min(sp + 1, rest.size()));
    return f;
  };
  next(), next(), next();
  const std::string_view count_field = next();
  const std::size_t count = number(count_field, 16);
  for (std::size_t i = 0; i < count && !rest.empty(); ++i) {
    std::string_view word = next();
    next();                                 // lex_id
    word = word.substr(0, word.find('('));  // an adjective's syntactic marker, "(a)"
    std::string name(word);
    for (auto& c : name)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out.views.push_back(out.owned.emplace_back(std::move(name)));
  }
}

std::vector<std::string> WordNet::synonyms(const std::string& word) const {
  Names all;
  for (int p = 0; p < 4; ++p)
    for (const auto& form : base_forms(word, p)) {
      names(form, p, all);
    }
  auto& v = all.views;
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  v.erase(std::remove(v.begin(), v.end(), word), v.end());
  return {v.begin(), v.end()};
}

}  // namespace auger::rt::text
