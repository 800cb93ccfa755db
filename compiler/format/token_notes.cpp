#include "compiler/format/token_notes.h"

#include <algorithm>
#include <utility>

#include "AugLexer.h"
#include "antlr4-runtime.h"

namespace auger::format {

CodePointText::CodePointText(std::string_view bytes, std::vector<std::uint32_t> byte_offsets,
                             const std::u32string& code_points)
    : bytes_(bytes), offsets_(std::move(byte_offsets)) {
  line_starts_.push_back(0);
  // `\n`, `\r\n` and a lone `\r` each end a line, as for the lexer and diagnostics.
  for (std::size_t i = 0; i < code_points.size(); ++i) {
    bool lone_cr = code_points[i] == U'\r' && (i + 1 == code_points.size() || code_points[i + 1] != U'\n');
    if (code_points[i] == U'\n' || lone_cr) line_starts_.push_back(i + 1);
  }
}

std::string CodePointText::text(std::size_t first, std::size_t last) const {
  if (last < first || last + 1 >= offsets_.size()) return {};
  return std::string(bytes_.substr(offsets_[first], offsets_[last + 1] - offsets_[first]));
}

int CodePointText::line(std::size_t cp) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), cp);
  return static_cast<int>(it - line_starts_.begin()) - 1;
}

int CodePointText::column(std::size_t cp) const {
  return static_cast<int>(cp - line_starts_[static_cast<std::size_t>(line(cp))]);
}

namespace {

std::string trim_right(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\f' || s.back() == '\v')) s.pop_back();
  return s;
}

}  // namespace

TokenNotesTable::TokenNotesTable(antlr4::BufferedTokenStream& tokens, const CodePointText& text,
                                 const std::vector<bool>& dropped) {
  const auto& all = tokens.getTokens();
  notes_.resize(all.size());
  std::vector<Comment> pending;
  int last_end_line = -1;  // the last line of the last token or comment seen
  long kept = -1;          // the last token kept
  int kept_line = -1;
  for (antlr4::Token* t : all) {
    std::size_t index = t->getTokenIndex();
    bool eof = t->getType() == antlr4::Token::EOF;
    int start_line = eof ? last_end_line + 1 : text.line(t->getStartIndex());
    bool blank = last_end_line >= 0 && start_line > last_end_line + 1;
    if (eof) {
      notes_[index].leading = std::move(pending);
      break;
    }
    int end_line = text.line(t->getStopIndex());
    if (t->getType() == auger_gen::AugLexer::COMMENT) {
      Comment c{trim_right(text.text(t->getStartIndex(), t->getStopIndex())), blank, text.column(t->getStartIndex())};
      if (kept >= 0 && kept_line == start_line && pending.empty() && notes_[kept].trailing.empty())
        notes_[kept].trailing.push_back(std::move(c));
      else
        pending.push_back(std::move(c));
      last_end_line = end_line;
      continue;
    }
    if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
    last_end_line = end_line;
    if (index < dropped.size() && dropped[index]) continue;
    notes_[index].leading = std::move(pending);
    pending.clear();
    notes_[index].blank_before = blank;
    kept = static_cast<long>(index);
    kept_line = end_line;
  }
}

bool TokenNotesTable::comments_between(std::size_t open, std::size_t close) const {
  for (std::size_t i = open; i <= close && i < notes_.size(); ++i) {
    if (i > open && !notes_[i].leading.empty()) return true;
    if (i < close && !notes_[i].trailing.empty()) return true;
  }
  return false;
}

}  // namespace auger::format
