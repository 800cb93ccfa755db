// The text preview as an HTML page: one table row per sample, removed tokens in <del> (before), added ones in
// <ins> (after), tags under their tokens; every piece of the data set's text goes through html_escape.
#include <fmt/format.h>

#include "tools/preview_text.h"
#include "tools/text_escape.h"

namespace auger::cli {

namespace {

constexpr const char* kStyle = R"(body { font-family: sans-serif; margin: 1em; }
.identity { font-family: monospace; color: #333; white-space: pre-wrap; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: 4px 6px; vertical-align: top; text-align: left; }
.text { font-family: monospace; white-space: pre-wrap; }
.field + .field { margin-top: 0.4em; }
.name { color: #777; font-size: 85%; }
del { background: #fdd; }
ins { background: #cfc; text-decoration: none; }
.tok { display: inline-block; text-align: center; }
.tag { display: block; color: #555; font-size: 80%; }
.ops { font-family: monospace; font-size: 85%; }
.error { color: #b00; }
)";

// A token, marked when `changed` (<del> before, <ins> after), its tags under it when it has any.
std::string token_html(const rt::text::Token& t, bool changed, const char* mark) {
  std::string word = html_escape(t.text);
  if (changed) word = fmt::format("<{0}>{1}</{0}>", mark, word);
  if (t.tags.empty()) return word;
  std::string tags;
  for (const auto& tag : t.tags) tags += "<span class=\"tag\">" + html_escape(tag) + "</span>";
  return "<span class=\"tok\">" + word + tags + "</span>";
}

// One text as written (its own whitespace between tokens), the changed tokens marked.
std::string text_html(const rt::text::TextSample& s, const std::vector<bool>& changed, const char* mark) {
  std::string out = html_escape(s.lead);
  for (std::size_t i = 0; i < s.tokens.size(); ++i)
    out += html_escape(s.tokens[i].gap) + token_html(s.tokens[i], changed[i], mark);
  return out + html_escape(s.trail);
}

std::string cell(const TextRow& row, bool after) {
  std::string out;
  for (const auto& f : row.fields) {
    out += "<div class=\"field\" data-field=\"" + html_escape(f.name) + "\">";
    if (row.fields.size() > 1) out += "<span class=\"name\">" + html_escape(f.name) + ":</span> ";
    out += after ? text_html(f.after, f.diff.added, "ins") : text_html(f.before, f.diff.removed, "del");
    out += "</div>";
  }
  return out;
}

std::string row_html(const TextRow& row, std::size_t i) {
  std::string out = fmt::format("<tr class=\"sample{}\"><td>{}</td><td class=\"key\">{}",
                                row.error.empty() ? "" : " error", i + 1, html_escape(row.key));
  if (!row.origin.empty()) out += "<br><small>" + html_escape(row.origin) + "</small>";
  out += "</td>";
  if (!row.error.empty())
    return out + "<td class=\"error\" colspan=\"3\">error: " + html_escape(row.error) + "</td></tr>\n";
  out += "<td class=\"text before\">" + cell(row, false) + "</td><td class=\"text after\">" + cell(row, true) +
         "</td><td class=\"ops\">";
  for (std::size_t k = 0; k < row.ops.size(); ++k) out += (k ? "<br>" : "") + html_escape(row.ops[k]);
  if (row.ops.empty()) out += "no text op ran";
  return out + "</td></tr>\n";
}

}  // namespace

std::string text_table_html(const TextTable& table) {
  std::string out = "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>auger preview: " +
                    html_escape(table.identity.first) + "</title>\n<style>\n" + kStyle + "</style>\n</head>\n<body>\n";
  out += "<p class=\"identity\">" + html_escape(table.identity.first) + "\n" + html_escape(table.identity.second) +
         "</p>\n";
  out += "<table>\n<thead><tr><th>#</th><th>key</th><th>before</th><th>after</th><th>ops</th></tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < table.rows.size(); ++i) out += row_html(table.rows[i], i);
  return out + "</tbody>\n</table>\n</body>\n</html>\n";
}

}  // namespace auger::cli
