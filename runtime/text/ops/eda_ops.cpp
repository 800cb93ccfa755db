// EDA's four operations (Wei and Zou 2019, eda.py) on tokens with their tags and spacing; each op's formula is
// its doc in stdlib/std/prims_text.aug.
#include <algorithm>
#include <stdexcept>

#include "runtime/text/ops/families.h"
#include "runtime/text/stop_words.h"
#include "runtime/text/synonyms.h"
#include "runtime/text/tokenize.h"

namespace auger::rt::text {

namespace {

const std::vector<std::string>& synonyms_of(const Token& t) {
  return synonyms(word_core(t.text).lower);
}

// `t`'s word replaced by `word`, its punctuation kept ("dog," -> "hound,").
std::string with_word(const std::string& token, const std::string& word) {
  const WordCore w = word_core(token);
  return token.substr(0, w.begin) + word + token.substr(w.end);
}

void token_dropout(const Args& args, TextSample& s, Draws& d) {
  const double p = args.number("p");
  if (s.tokens.size() < 2) return;
  std::vector<Token> kept;
  kept.reserve(s.tokens.size());
  for (auto& t : s.tokens)  // moved: when none is kept, none was moved for the fallback below
    if (d.uniform01() >= p) kept.push_back(std::move(t));  // eda.py keeps a word when r > p
  if (kept.empty()) kept.push_back(s.tokens[d.randint(0, static_cast<std::int64_t>(s.tokens.size()) - 1)]);
  kept.front().gap.clear();  // the text's leading whitespace stays in s.lead
  s.tokens = std::move(kept);
}

void random_swap(const Args& args, TextSample& s, Draws& d) {
  const auto L = static_cast<std::int64_t>(s.tokens.size());
  if (L < 2) return;
  for (std::size_t k = resolve_count(args, "n", s.tokens.size()); k > 0; --k) {
    const auto i = d.randint(0, L - 1);
    // eda.py's swap_word: j redrawn while j == i; its fourth draw gives up whatever it drew.
    for (int tries = 1; tries <= 4; ++tries) {
      const auto j = d.randint(0, L - 1);
      if (tries == 4) break;
      if (j == i) continue;
      std::swap(s.tokens[i].text, s.tokens[j].text);  // the spacing stays where it was, the tags go with the tokens
      std::swap(s.tokens[i].tags, s.tokens[j].tags);
      break;
    }
  }
}

void random_insert(const Args& args, TextSample& s, Draws& d) {
  const std::string tag = args.text("tag", "O");
  for (std::size_t k = resolve_count(args, "n", s.tokens.size()); k > 0; --k) {
    const std::vector<std::string>* syns = nullptr;
    for (int tries = 0; tries < 10 && !syns; ++tries) {
      const auto& cand = synonyms_of(s.tokens[d.randint(0, static_cast<std::int64_t>(s.tokens.size()) - 1)]);
      if (!cand.empty()) syns = &cand;
    }
    if (!syns) continue;
    Token t{(*syns)[d.choice(syns->size())], " ", std::vector<std::string>(s.tag_fields.size(), tag)};
    const auto at = d.randint(0, static_cast<std::int64_t>(s.tokens.size()) - 1);
    if (at == 0) std::swap(t.gap, s.tokens.front().gap);  // the new first token takes the (empty) first gap
    s.tokens.insert(s.tokens.begin() + at, std::move(t));
  }
}

// EDA's form: distinct non-stop words in a shuffled order, every occurrence of each replaced by one synonym.
void replace_n(std::size_t n, TextSample& s, Draws& d) {
  std::vector<std::string> cores, words;  // each token's word; the distinct non-stop ones
  for (const auto& t : s.tokens) {
    cores.push_back(word_core(t.text).lower);
    if (!is_stop_word(cores.back())) words.push_back(cores.back());
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  for (std::size_t i = words.size(); i > 1; --i) std::swap(words[i - 1], words[d.choice(i)]);  // random.shuffle
  std::size_t replaced = 0;
  for (const auto& w : words) {
    if (replaced >= n) break;
    const auto& syns = synonyms(w);
    if (syns.empty()) continue;
    const std::string& syn = syns[d.choice(syns.size())];
    for (std::size_t i = 0; i < s.tokens.size(); ++i)
      if (cores[i] == w) s.tokens[i].text = with_word(s.tokens[i].text, syn);
    ++replaced;
  }
}

// nlpaug's SynonymAug(aug_p=p): each non-stop token with synonyms replaced with probability p.
void replace_p(double p, TextSample& s, Draws& d) {
  for (auto& t : s.tokens) {
    const auto w = word_core(t.text).lower;
    if (is_stop_word(w)) continue;
    const auto& syns = synonyms(w);
    if (syns.empty() || !d.bernoulli(p)) continue;
    t.text = with_word(t.text, syns[d.choice(syns.size())]);
  }
}

bool given(const Args& args, const std::string& name) {
  const ArgValue* a = args.find(name);
  return a && a->kind != ArgValue::Kind::Enum;  // an absent optional argument reads `none`
}

void synonym_replace(const Args& args, TextSample& s, Draws& d) {
  if (given(args, "n"))
    replace_n(resolve_count(args, "n", s.tokens.size()), s, d);
  else if (given(args, "p"))
    replace_p(args.number("p"), s, d);
  else
    throw std::runtime_error("synonym_replace needs one of n and p");
}

}  // namespace

std::vector<TextOp> eda_ops() {
  return {{OpId::TokenDropout, token_dropout},
          {OpId::RandomSwap, random_swap},
          {OpId::RandomInsert, random_insert},
          {OpId::SynonymReplace, synonym_replace}};
}

}  // namespace auger::rt::text
