// A cursor over one line of IR text: the small lexer that the IR parser and the `--set` value parser share.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace auger::ir {

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  [[nodiscard]] bool done() const { return pos_ >= text_.size(); }
  [[nodiscard]] std::size_t pos() const { return pos_; }
  void seek(std::size_t pos) { pos_ = pos; }
  [[nodiscard]] std::string_view rest() const { return text_.substr(pos_ < text_.size() ? pos_ : text_.size()); }
  [[nodiscard]] char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }

  void skip_space() {
    while (!done() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
  }
  // Consumes `word` (after spaces) when it comes next; an identifier-like word must end there.
  bool accept(std::string_view word) {
    skip_space();
    if (rest().substr(0, word.size()) != word) return false;
    bool wordlike = !word.empty() && is_ident_char(word.back());
    if (wordlike && is_ident_char(peek(word.size()))) return false;
    pos_ += word.size();
    return true;
  }
  // [A-Za-z_][A-Za-z0-9_]*, or "" (nothing consumed).
  std::string ident() {
    skip_space();
    if (done() || !(std::isalpha(static_cast<unsigned char>(peek())) || peek() == '_')) return {};
    std::size_t start = pos_;
    while (!done() && is_ident_char(peek())) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }
  // Everything up to (not including) the first occurrence of any of `stops`, or to the end.
  std::string until_any(std::initializer_list<std::string_view> stops) {
    std::size_t end = text_.size();
    for (auto s : stops) {
      auto at = text_.find(s, pos_);
      if (at != std::string_view::npos && at < end) end = at;
    }
    std::string out(text_.substr(pos_, end - pos_));
    pos_ = end;
    return out;
  }
  // A string literal "…" with \" \\ \n escapes; false when none comes next.
  bool quoted(std::string& out) {
    skip_space();
    if (peek() != '"') return false;
    ++pos_;
    out.clear();
    while (!done() && peek() != '"') {
      char c = text_[pos_++];
      if (c == '\\' && !done()) {
        char e = text_[pos_++];
        out += e == 'n' ? '\n' : e;
      } else {
        out += c;
      }
    }
    if (done()) return false;
    ++pos_;
    return true;
  }

  static bool is_ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

// The quoted form that Scanner::quoted reads back.
inline std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

}  // namespace auger::ir
