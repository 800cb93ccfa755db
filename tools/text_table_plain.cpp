// The text preview as plain text, one record per sample: removed tokens as [-word-] (before), added ones as
// {+word+} (after), as wdiff marks them; tags in aligned columns under their tokens. Every piece of the data set's
// text goes through plain_escape, so no control sequence reaches a terminal.
#include <fmt/format.h>

#include <algorithm>

#include "tools/preview_text.h"
#include "tools/text_escape.h"

namespace auger::cli {

namespace {

std::string marked(const rt::text::Token& t, bool changed, bool after) {
  const std::string word = plain_escape(t.text);
  if (!changed) return word;
  return after ? "{+" + word + "+}" : "[-" + word + "-]";
}

std::string pad(const std::string& s, int width) {
  return s + std::string(static_cast<std::size_t>(std::max(0, width - display_width(s))), ' ');
}

// An untagged text as written (its own whitespace, escaped), the changed tokens marked.
std::string flowing(const rt::text::TextSample& s, const std::vector<bool>& changed, bool after) {
  std::string out = plain_escape(s.lead);
  for (std::size_t i = 0; i < s.tokens.size(); ++i)
    out += plain_escape(s.tokens[i].gap) + marked(s.tokens[i], changed[i], after);
  return out + plain_escape(s.trail);
}

// A tagged text: the tokens on the first line and each tags field on a line under it, in aligned columns.
std::vector<std::string> columns(const rt::text::TextSample& s, const std::vector<bool>& changed, bool after) {
  std::vector<std::string> lines(1 + s.tag_fields.size());
  for (std::size_t i = 0; i < s.tokens.size(); ++i) {
    std::vector<std::string> cells = {marked(s.tokens[i], changed[i], after)};
    for (const auto& tag : s.tokens[i].tags) cells.push_back(plain_escape(tag));
    int width = 0;
    for (const auto& c : cells) width = std::max(width, display_width(c));
    for (std::size_t k = 0; k < lines.size() && k < cells.size(); ++k)
      lines[k] += (i ? " " : "") + (i + 1 < s.tokens.size() ? pad(cells[k], width) : cells[k]);
  }
  return lines;
}

// One text's line(s) after its label, the labels of a row padded to `label_width` so that the texts line up.
void field_lines(std::string& out, const std::string& label, std::size_t label_width, const rt::text::TextSample& s,
                 const std::vector<bool>& changed, bool after) {
  const std::string head = fmt::format("  {:<{}} ", label + ":", label_width), indent(head.size(), ' ');
  if (s.tag_fields.empty()) {
    out += head + flowing(s, changed, after) + "\n";
    return;
  }
  const auto lines = columns(s, changed, after);
  for (std::size_t k = 0; k < lines.size(); ++k) out += (k ? indent : head) + lines[k] + "\n";
}

void row_text(std::string& out, const TextRow& row, std::size_t i) {
  out += fmt::format("\n#{}  {}", i + 1, plain_escape(row.key));
  if (!row.origin.empty()) out += "  (" + plain_escape(row.origin) + ")";
  out += "\n";
  if (!row.error.empty()) {
    out += "  error:   " + plain_escape(row.error) + "\n";
    return;
  }
  // With several text fields each label names its field: "before title:".
  auto suffix = [&](const TextFieldRow& f) { return row.fields.size() > 1 ? " " + plain_escape(f.name) : ""; };
  std::size_t width = 8;
  for (const auto& f : row.fields) width = std::max(width, std::string("before:").size() + suffix(f).size());
  for (const auto& f : row.fields) {
    field_lines(out, "before" + suffix(f), width, f.before, f.diff.removed, false);
    field_lines(out, "after" + suffix(f), width, f.after, f.diff.added, true);
  }
  std::string ops;
  for (const auto& op : row.ops) ops += (ops.empty() ? "" : "; ") + plain_escape(op);
  out += fmt::format("  {:<{}} ", "ops:", width) + (ops.empty() ? std::string("no text op ran") : ops) + "\n";
}

}  // namespace

std::string text_table_plain(const TextTable& table) {
  std::string out = "auger preview: " + plain_escape(table.identity.first) + "\n" +
                    plain_escape(table.identity.second) + "\n" +
                    "[-word-]: removed from the input; {+word+}: added by the policy\n";
  for (std::size_t i = 0; i < table.rows.size(); ++i) row_text(out, table.rows[i], i);
  return out;
}

}  // namespace auger::cli
