#include "compiler/diag/render.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/diag/render_parts.h"

namespace auger {

namespace {

using namespace render;  // NOLINT(google-build-using-namespace): the shared pieces of every renderer

// ---------------------------------------------------------------------------------------------------------
// Locations

bool is_continuation(unsigned char c) {
  return (c & 0xC0U) == 0x80U;
}

// ---------------------------------------------------------------------------------------------------------
// Text: colours

struct Style {
  bool on = false;
  [[nodiscard]] std::string wrap(std::string_view code, std::string_view text) const {
    if (!on || text.empty()) return std::string(text);
    return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
  }
};

constexpr std::string_view kBold = "1";
constexpr std::string_view kGutter = "1;34";
constexpr std::string_view kHelp = "1;36";

std::string_view severity_color(Severity s) {
  switch (s) {
    case Severity::Error: return "1;31";
    case Severity::Warning: return "1;33";
    case Severity::Note: return "1;32";
  }
  return "1";
}

// ---------------------------------------------------------------------------------------------------------
// Text: one source line as displayed

constexpr std::uint32_t kTabWidth = 4;        // rustc's choice; every tab becomes this many spaces
constexpr std::uint32_t kMaxLineWidth = 120;  // longer lines are cut to a window around the span
constexpr std::uint32_t kLeftContext = 24;    // columns kept left of the span when a line is cut

// A source line with tabs expanded. `col_of_byte[i]` is the display column (0-based) where byte i of the source
// line starts; `cell[c]` is the index in `text` where display column c starts (with one extra entry at the end).
// Multi-byte UTF-8 characters take one column; wide (CJK) characters may misalign by their extra width, which
// no terminal-independent renderer can know.
struct DisplayLine {
  std::string text;
  std::vector<std::uint32_t> col_of_byte;
  std::vector<std::size_t> cell;
  [[nodiscard]] std::uint32_t width() const { return static_cast<std::uint32_t>(cell.size() - 1); }
};

}  // namespace

std::string visible_controls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (c == 0x7F)
      out += "\xE2\x90\xA1";
    else if (c < 0x20 && c != '\n' && c != '\t')
      out += std::string("\xE2\x90") + static_cast<char>(0x80 + c);
    else
      out.push_back(ch);
  }
  return out;
}

namespace {

DisplayLine display(std::string_view line) {
  DisplayLine d;
  std::uint32_t col = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    auto c = static_cast<unsigned char>(line[i]);
    d.col_of_byte.push_back(col);
    if (c == '\t') {
      for (std::uint32_t k = 0; k < kTabWidth; ++k) {
        d.cell.push_back(d.text.size());
        d.text.push_back(' ');
        ++col;
      }
    } else if (c < 0x20 || c == 0x7F) {
      // A control character (NUL, ESC, BEL…) is shown as its Control Pictures symbol (␀ ␛ ␇, ␡ for DEL): the
      // frame must not pass escape sequences from a file to the terminal, and it keeps the character's column.
      d.cell.push_back(d.text.size());
      d.text += visible_controls(std::string_view(&line[i], 1));
      ++col;
    } else if (is_continuation(c) && !d.text.empty()) {
      d.col_of_byte.back() = col - 1;  // a byte inside a character belongs to that character's column
      d.text.push_back(static_cast<char>(c));
    } else {
      d.cell.push_back(d.text.size());
      d.text.push_back(static_cast<char>(c));
      ++col;
    }
  }
  d.col_of_byte.push_back(col);
  d.cell.push_back(d.text.size());
  return d;
}

// What one frame line shows: the (possibly cut) line and a marker run under display columns [from, to).
struct Marked {
  std::string line;
  std::uint32_t indent = 0;  // columns before the marker
  std::uint32_t length = 1;  // marker length, at least 1
};

Marked mark(const DisplayLine& d, std::uint32_t from, std::uint32_t to) {
  from = std::min(from, d.width());
  to = std::clamp(to, from, d.width());
  std::uint32_t length = std::max<std::uint32_t>(to - from, 1);
  if (d.width() <= kMaxLineWidth) return {d.text, from, length};

  // Cut a window that starts a little left of the marker, so the marked text and its context stay visible.
  std::uint32_t start = from > kLeftContext ? from - kLeftContext : 0;
  start = std::min(start, d.width() - kMaxLineWidth);
  std::uint32_t stop = start + kMaxLineWidth;
  std::string out;
  std::uint32_t shift = 0;
  if (start > 0) {
    out = "...";
    shift = 3;
  }
  out += d.text.substr(d.cell[start], d.cell[stop] - d.cell[start]);
  if (stop < d.width()) out += "...";
  std::uint32_t indent = from - start + shift;
  std::uint32_t end = std::min(from + length, stop);
  length = std::max<std::uint32_t>(end > from ? end - from : 0, 1);
  return {out, indent, length};
}

std::string rtrim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
  return s;
}

std::uint32_t digits(std::uint32_t n) {
  std::uint32_t d = 1;
  while (n >= 10) {
    n /= 10;
    ++d;
  }
  return d;
}

// ---------------------------------------------------------------------------------------------------------
// Text: a diagnostic

// A fix-it can be drawn as an edited line only when it stays on one line.
bool fix_drawable(const SourceManager& sm, const FixIt& f) {
  if (!usable(sm, f.span)) return false;
  if (f.replacement.find('\n') != std::string::npos) return false;
  Range r = range_of(sm, f.span);
  return r.begin.line == r.end.line;
}

class TextRenderer {
 public:
  TextRenderer(const SourceManager& sm, const RenderOptions& opt) : sm_(sm), opt_(opt), st_{opt.color} {}

  void diagnostic(const Diagnostic& d) {
    pad_ = std::string(gutter_width(d), ' ');
    const DiagKind& kind = d.kind();
    std::string head = fmt::format("{}[{}]", severity_name(d.severity), kind.code);
    out_ += st_.wrap(severity_color(d.severity), head) + st_.wrap(kBold, ": " + visible_controls(d.message)) + "\n";

    bool framed = usable(sm_, d.span);
    if (framed) frame(d.span, d.span.file, severity_color(d.severity), '^');

    // Notes and fixes without a frame attach to the primary frame, rustc's `= note:` lines.
    std::vector<std::pair<std::string_view, std::string>> attached;
    for (const auto& n : d.notes) {
      if (!usable(sm_, n.span)) attached.emplace_back("note", visible_controls(n.message));
    }
    if (d.id == DiagId::InternalError) {
      attached.emplace_back("note", fmt::format("this is a bug in auger {}, not in your policy; please report it, "
                                                "with the input that triggered it",
                                                opt_.tool_version));
    }
    for (const auto& f : d.fixits) {
      if (!fix_drawable(sm_, f)) attached.emplace_back("help", fix_message(sm_, f));
    }
    bool more = !attached.empty() ||
                std::any_of(d.notes.begin(), d.notes.end(), [&](const DiagNote& n) { return usable(sm_, n.span); }) ||
                std::any_of(d.fixits.begin(), d.fixits.end(), [&](const FixIt& f) { return fix_drawable(sm_, f); });
    if (framed && more) out_ += gutter("") + "\n";
    for (const auto& [label, msg] : attached) {
      out_ += pad_ + st_.wrap(kGutter, " =") + " " + st_.wrap(kBold, std::string(label) + ":") + " " + msg + "\n";
    }

    for (const auto& n : d.notes) {
      if (!usable(sm_, n.span)) continue;
      out_ +=
          st_.wrap(severity_color(Severity::Note), "note") + st_.wrap(kBold, ": " + visible_controls(n.message)) + "\n";
      frame(n.span, n.span.file, severity_color(Severity::Note), '^');
    }
    for (const auto& f : d.fixits) {
      if (fix_drawable(sm_, f)) fix_frame(f, framed ? std::optional<FileId>(d.span.file) : std::nullopt);
    }
    out_ += "\n";
  }

  void summary(std::size_t errors, std::size_t warnings) {
    if (errors == 0 && warnings == 0) return;
    std::vector<std::string> parts;
    if (errors > 0) parts.push_back(fmt::format("{} error{}", errors, errors == 1 ? "" : "s"));
    if (warnings > 0) parts.push_back(fmt::format("{} warning{}", warnings, warnings == 1 ? "" : "s"));
    out_ += st_.wrap(kBold, fmt::format("{} generated.", fmt::join(parts, ", "))) + "\n";
  }

  std::string take() { return std::move(out_); }

  // A frame on its own (another report's entry, e.g. a lint finding), with a gutter as wide as its line number.
  void lone_frame(Span span, Severity severity, char marker) {
    pad_ = std::string(digits(range_of(sm_, span).begin.line), ' ');
    frame(span, span.file, severity_color(severity), marker);
  }

 private:
  std::uint32_t gutter_width(const Diagnostic& d) const {
    std::uint32_t max_line = 1;
    auto see = [&](Span s) {
      if (usable(sm_, s)) max_line = std::max(max_line, range_of(sm_, s).begin.line);
    };
    see(d.span);
    for (const auto& n : d.notes) see(n.span);
    for (const auto& f : d.fixits) {
      if (fix_drawable(sm_, f)) see(f.span);
    }
    return digits(max_line);
  }

  // "7 | text" or, for an empty number, the bare "  |" continuation; never trailing spaces.
  std::string gutter(std::string_view number) const {
    std::string num = number.empty() ? pad_ : fmt::format("{:>{}}", number, pad_.size());
    return st_.wrap(kGutter, num + " |");
  }

  void source_line(std::uint32_t line_no, const std::string& text) {
    out_ += gutter(std::to_string(line_no));
    std::string shown = rtrim(text);
    if (!shown.empty()) out_ += " " + shown;
    out_ += "\n";
  }

  void marker_line(const Marked& m, char marker, std::string_view color, std::string_view suffix = {}) {
    out_ += gutter("") + " " + std::string(m.indent, ' ') +
            st_.wrap(color, std::string(m.length, marker) + std::string(suffix)) + "\n";
  }

  void location(FileId file, Pos p) {
    out_ +=
        pad_ + st_.wrap(kGutter, "-->") + fmt::format(" {}:{}:{}\n", visible_controls(sm_.path(file)), p.line, p.col);
  }

  // The code frame: location, the first line of the span, and carets under it. A span running onto later lines
  // is underlined to the end of its first line and marked with "..." to say it continues.
  void frame(Span span, FileId file, std::string_view color, char marker) {
    Range r = range_of(sm_, span);
    // A span that ends just after a newline has not really reached the next line.
    if (r.end.line > r.begin.line && r.end.byte_col == 0 && span.end > span.begin) {
      r.end = position(sm_, file, clamp_offset(sm_, file, std::max(span.begin, span.end)) - 1);
    }
    location(file, r.begin);
    out_ += gutter("") + "\n";
    std::string_view text = sm_.line_text(file, r.begin.line);
    DisplayLine d = display(text);
    auto col = [&](std::uint32_t byte) { return d.col_of_byte[std::min<std::size_t>(byte, d.col_of_byte.size() - 1)]; };
    bool multi = r.end.line > r.begin.line;
    std::uint32_t from = col(r.begin.byte_col);
    std::uint32_t to = multi ? d.width() : col(r.end.byte_col);
    Marked m = mark(d, from, to);
    source_line(r.begin.line, m.line);
    marker_line(m, marker, color, multi ? "..." : "");
  }

  // A fix-it drawn as the line after the edit, the new text underlined: `~` replaced, `+` inserted, and for a
  // deletion the original line with `-` under what goes.
  void fix_frame(const FixIt& f, std::optional<FileId> primary_file) {
    out_ += st_.wrap(kHelp, "help") + st_.wrap(kBold, ": " + fix_message(sm_, f)) + "\n";
    Range r = range_of(sm_, f.span);
    if (primary_file != f.span.file) location(f.span.file, r.begin);
    out_ += gutter("") + "\n";
    std::string_view text = sm_.line_text(f.span.file, r.begin.line);
    std::uint32_t b = std::min<std::uint32_t>(r.begin.byte_col, static_cast<std::uint32_t>(text.size()));
    std::uint32_t e = std::clamp<std::uint32_t>(r.end.byte_col, b, static_cast<std::uint32_t>(text.size()));
    bool deletion = f.replacement.empty();
    std::string edited =
        deletion ? std::string(text) : std::string(text.substr(0, b)) + f.replacement + std::string(text.substr(e));
    std::uint32_t mark_end = deletion ? e : b + static_cast<std::uint32_t>(f.replacement.size());
    char marker = deletion ? '-' : (b == e ? '+' : '~');
    DisplayLine d = display(edited);
    Marked m = mark(d, d.col_of_byte[b], d.col_of_byte[std::min<std::size_t>(mark_end, d.col_of_byte.size() - 1)]);
    source_line(r.begin.line, m.line);
    marker_line(m, marker, kHelp);
  }

  const SourceManager& sm_;
  const RenderOptions& opt_;
  Style st_;
  std::string pad_;
  std::string out_;
};

std::pair<std::size_t, std::size_t> counts(const std::vector<Diagnostic>& diags) {
  std::size_t errors = 0;
  std::size_t warnings = 0;
  for (const auto& d : diags) {
    if (d.severity == Severity::Error) ++errors;
    if (d.severity == Severity::Warning) ++warnings;
  }
  return {errors, warnings};
}

// ---------------------------------------------------------------------------------------------------------
// JSON

// ---------------------------------------------------------------------------------------------------------
// SARIF

// A path as a URI reference: forward slashes, absolute paths as file:// URIs, and every byte outside the
// characters RFC 3986 allows in a path percent-encoded (spaces, '%', '#', '?', non-ASCII). A ':' in a relative
// path is encoded too, or its first segment would read as a URI scheme.
std::string to_uri(std::string_view path) {
  std::string p(path);
  std::replace(p.begin(), p.end(), '\\', '/');
  bool drive = p.size() >= 3 && p[1] == ':' && p[2] == '/' && std::isalpha(static_cast<unsigned char>(p[0])) != 0;
  bool absolute = (!p.empty() && p[0] == '/') || drive;
  std::string out = absolute ? (drive ? "file:///" : "file://") : "";
  for (char ch : p) {
    auto c = static_cast<unsigned char>(ch);
    bool plain = std::isalnum(c) != 0 || std::string_view("-._~!$&'()*+,;=@/").find(ch) != std::string_view::npos ||
                 (ch == ':' && absolute);
    if (plain) {
      out += ch;
    } else {
      out += fmt::format("%{:02X}", static_cast<unsigned>(c));
    }
  }
  return out;
}

std::string_view sarif_level(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

// A rule's short description is its message template with the placeholders shown as "…".
std::string describe_template(std::string_view t) {
  std::string out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.compare(i, 2, "{}") == 0) {
      out += "…";
      ++i;
    } else if (t.compare(i, 2, "{{") == 0 || t.compare(i, 2, "}}") == 0) {
      out += t[i];
      ++i;
    } else {
      out += t[i];
    }
  }
  return out;
}

// run.artifacts, one entry per distinct URI (the schema wants the array's items unique, and two FileIds can
// name the same path), in order of first mention; locations point into it with artifactLocation.index.
class Artifacts {
 public:
  explicit Artifacts(const SourceManager& sm) : sm_(sm) {}
  int index(FileId f) {
    std::string uri = to_uri(sm_.path(f));
    auto [it, fresh] = index_.try_emplace(uri, static_cast<int>(list_.size()));
    if (fresh) {
      list_.push_back(ojson{{"location", {{"uri", uri}}},
                            {"length", sm_.text(f).size()},
                            {"sourceLanguage", "auger"},
                            {"encoding", "utf-8"}});
    }
    return it->second;
  }
  ojson location(FileId f) {
    int i = index(f);
    return ojson{{"uri", to_uri(sm_.path(f))}, {"index", i}};
  }
  // A file that was never read (E0002): listed without a length.
  ojson location(const std::string& path) {
    std::string uri = to_uri(path);
    auto [it, fresh] = index_.try_emplace(uri, static_cast<int>(list_.size()));
    if (fresh) list_.push_back(ojson{{"location", {{"uri", uri}}}, {"sourceLanguage", "auger"}});
    return ojson{{"uri", uri}, {"index", it->second}};
  }
  [[nodiscard]] const ojson& list() const { return list_; }

 private:
  const SourceManager& sm_;
  std::map<std::string, int> index_;
  ojson list_ = ojson::array();
};

ojson physical(const SourceManager& sm, Artifacts& arts, Span s) {
  return ojson{{"artifactLocation", arts.location(s.file)}, {"region", sarif_region(sm, s)}};
}

std::uint64_t fnv1a(std::string_view s, std::uint64_t h) {
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------

std::string diagnostic_fingerprint(const Diagnostic& d, const SourceManager& sm) {
  std::string file;
  std::string line;
  if (usable(sm, d.span)) {
    file = to_uri(sm.path(d.span.file));
    Range r = range_of(sm, d.span);
    std::string_view t = sm.line_text(d.span.file, r.begin.line);
    auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!t.empty() && ws(t.front())) t.remove_prefix(1);
    while (!t.empty() && ws(t.back())) t.remove_suffix(1);
    line = t;
  } else if (!d.path.empty()) {
    file = to_uri(d.path);
  }
  // Fields are joined with a NUL so that ("ab", "c") and ("a", "bc") hash apart.
  std::uint64_t h = 14695981039346656037ULL;
  for (std::string_view part :
       {std::string_view(d.kind().code), std::string_view(file), std::string_view(d.message), std::string_view(line)}) {
    h = fnv1a(part, h);
    h = fnv1a(std::string_view("\0", 1), h);
  }
  return fmt::format("{:016x}", h);
}

std::string render_text(const std::vector<Diagnostic>& diags, const SourceManager& sm, const RenderOptions& opt) {
  TextRenderer r(sm, opt);
  for (const auto& d : diags) r.diagnostic(d);
  auto [errors, warnings] = counts(diags);
  r.summary(errors, warnings);
  return r.take();
}

std::string render_json(const std::vector<Diagnostic>& diags, const SourceManager& sm, const RenderOptions&) {
  ojson list = ojson::array();
  for (const auto& d : diags) {
    ojson j;
    j["code"] = d.kind().code;
    j["severity"] = severity_name(d.severity);
    j["name"] = d.kind().name;
    j["message"] = d.message;
    put_location(j, sm, d.span);
    if (!usable(sm, d.span) && !d.path.empty()) j["file"] = d.path;
    j["notes"] = json_notes(d.notes, sm);
    j["fixits"] = json_fixits(d.fixits, sm);
    list.push_back(std::move(j));
  }
  auto [errors, warnings] = counts(diags);
  ojson root;
  root["diagnostics"] = std::move(list);
  root["errors"] = errors;
  root["warnings"] = warnings;
  return root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string render_sarif(const std::vector<Diagnostic>& diags, const SourceManager& sm, const RenderOptions& opt) {
  ojson rules = ojson::array();
  for (const auto& k : all_diag_kinds()) {
    rules.push_back(ojson{{"id", k.code},
                          {"name", k.name},
                          {"shortDescription", {{"text", describe_template(k.message)}}},
                          {"defaultConfiguration", {{"level", sarif_level(k.severity)}}},
                          {"helpUri", fmt::format("{}#{}", opt.docs_uri, lower(k.code))}});
  }

  Artifacts arts(sm);
  ojson results = ojson::array();
  for (const auto& d : diags) {
    ojson res;
    res["ruleId"] = d.kind().code;
    res["ruleIndex"] = static_cast<std::size_t>(d.id);
    res["level"] = sarif_level(d.severity);
    std::string text = d.message;
    if (d.id == DiagId::InternalError) text += "; please report it";
    res["message"] = {{"text", text}};
    if (usable(sm, d.span)) {
      ojson loc;
      loc["physicalLocation"] = physical(sm, arts, d.span);
      res["locations"] = ojson::array();
      res["locations"].push_back(std::move(loc));
    } else if (!d.path.empty()) {  // the file as a whole: an artifact with no region
      res["locations"] = ojson::array({ojson{{"physicalLocation", {{"artifactLocation", arts.location(d.path)}}}}});
    }

    if (!d.notes.empty()) {
      ojson related = ojson::array();
      int id = 0;
      for (const auto& n : d.notes) {
        ojson loc;
        loc["id"] = id++;
        if (usable(sm, n.span)) loc["physicalLocation"] = physical(sm, arts, n.span);
        loc["message"] = {{"text", n.message}};
        related.push_back(std::move(loc));
      }
      res["relatedLocations"] = std::move(related);
    }

    ojson fixes = ojson::array();
    for (const auto& f : d.fixits) {
      if (!usable(sm, f.span)) continue;  // a fix with nowhere to apply it is not a SARIF fix
      ojson rep;
      rep["deletedRegion"] = sarif_region(sm, f.span);
      if (!f.replacement.empty()) rep["insertedContent"] = {{"text", f.replacement}};
      ojson change;
      change["artifactLocation"] = arts.location(f.span.file);
      change["replacements"] = ojson::array();
      change["replacements"].push_back(std::move(rep));
      ojson fix;
      fix["description"] = {{"text", fix_message(sm, f)}};
      fix["artifactChanges"] = ojson::array();
      fix["artifactChanges"].push_back(std::move(change));
      // The schema wants a result's fixes unique; a pass that proposes the same fix twice should not break CI.
      if (std::find(fixes.begin(), fixes.end(), fix) == fixes.end()) fixes.push_back(std::move(fix));
    }
    if (!fixes.empty()) res["fixes"] = std::move(fixes);
    res["partialFingerprints"] = {{"auger/v1", diagnostic_fingerprint(d, sm)}};
    results.push_back(std::move(res));
  }

  ojson driver;
  driver["name"] = "auger";
  driver["version"] = opt.tool_version;
  driver["semanticVersion"] = opt.tool_version;
  if (!opt.information_uri.empty()) driver["informationUri"] = opt.information_uri;
  driver["rules"] = std::move(rules);

  ojson run;
  run["tool"] = {{"driver", std::move(driver)}};
  run["artifacts"] = arts.list();
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = std::move(results);

  ojson log;
  log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  log["version"] = "2.1.0";
  log["runs"] = ojson::array({std::move(run)});
  return log.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string render_frame(const SourceManager& sm, Span span, Severity severity, char marker, const RenderOptions& opt) {
  if (!usable(sm, span)) return {};
  TextRenderer r(sm, opt);
  r.lone_frame(span, severity, marker);
  return r.take();
}

std::string path_uri(std::string_view path) {
  return to_uri(path);
}

}  // namespace auger
