#include "compiler/lint/render_lint.h"

#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

#include "compiler/diag/render_brief.h"
#include "compiler/diag/render_parts.h"
#include "compiler/lint/rule_table.h"

namespace auger::lint {

namespace {

using namespace render;  // NOLINT(google-build-using-namespace): the shared pieces of every renderer
namespace fs = std::filesystem;

std::string severity_word(Severity s) {
  return std::string(severity_name(s));
}

// ------------------------------------------------------------------------------------------------------------
// Text

std::string text_finding(const Finding& f, const SourceManager& sm, const RenderOptions& opt) {
  std::string out = fmt::format("{}[{}]: {}\n", severity_word(f.severity()), f.rule->code, f.message);
  out += render_frame(sm, f.span, f.severity(), '^', opt);
  for (const auto& n : f.notes) {
    if (usable(sm, n.span))
      out += fmt::format("note: {}\n{}", n.message, render_frame(sm, n.span, Severity::Note, '-', opt));
    else
      out += fmt::format("  = note: {}\n", n.message);
  }
  for (const auto& x : f.fixits) out += fmt::format("  = help: {}\n", fix_message(sm, x));
  out += fmt::format("  = rule: {} ({}), see docs/lint.md#{}\n\n", f.rule->name, f.rule->category, lower(f.rule->code));
  return out;
}

std::pair<std::size_t, std::size_t> counts(const LintReport& r) {
  std::size_t errors = 0, warnings = 0;
  for (const auto& f : r.findings) (f.severity() == Severity::Error ? errors : warnings)++;
  return {errors, warnings};
}

// ------------------------------------------------------------------------------------------------------------
// JSON and SARIF

// The artifact index of a file in the run, adding it when check's diagnostics did not mention it.
ojson artifact(ojson& artifacts, const SourceManager& sm, FileId f) {
  std::string uri = path_uri(sm.path(f));
  for (std::size_t i = 0; i < artifacts.size(); ++i) {
    if (artifacts[i]["location"]["uri"] == uri) return ojson{{"uri", uri}, {"index", i}};
  }
  artifacts.push_back(ojson{
      {"location", {{"uri", uri}}}, {"length", sm.text(f).size()}, {"sourceLanguage", "auger"}, {"encoding", "utf-8"}});
  return ojson{{"uri", uri}, {"index", artifacts.size() - 1}};
}

std::string lint_docs_uri(const RenderOptions& opt) {
  std::string uri = opt.docs_uri;
  auto at = uri.rfind("diagnostics.md");
  return at == std::string::npos ? uri : uri.replace(at, std::string("diagnostics.md").size(), "lint.md");
}

ojson sarif_rule(const LintRule& r, const RenderOptions& opt) {
  return ojson{
      {"id", r.code},
      {"name", r.name},
      {"shortDescription", {{"text", r.summary}}},
      {"fullDescription", {{"text", r.finds}}},
      {"help", {{"text", fmt::format("{} Instead: {} Fix: {}", r.why, r.right, r.fix)}}},
      {"defaultConfiguration", {{"level", r.level == Severity::Error ? "error" : "warning"}}},
      {"helpUri", fmt::format("{}#{}", lint_docs_uri(opt), lower(r.code))},
      {"properties", {{"category", r.category}}},
  };
}

ojson sarif_fixes(const Finding& f, const SourceManager& sm, ojson& artifacts) {
  ojson fixes = ojson::array();
  for (const auto& x : f.fixits) {
    if (!usable(sm, x.span)) continue;
    ojson rep{{"deletedRegion", sarif_region(sm, x.span)}};
    if (!x.replacement.empty()) rep["insertedContent"] = {{"text", x.replacement}};
    ojson change{{"artifactLocation", artifact(artifacts, sm, x.span.file)}, {"replacements", ojson::array({rep})}};
    fixes.push_back(
        ojson{{"description", {{"text", fix_message(sm, x)}}}, {"artifactChanges", ojson::array({change})}});
  }
  return fixes;
}

ojson sarif_result(const Finding& f, std::size_t rule_index, const SourceManager& sm, ojson& artifacts,
                   const std::string& fingerprint) {
  ojson res;
  res["ruleId"] = f.rule->code;
  res["ruleIndex"] = rule_index;
  res["level"] = f.severity() == Severity::Error ? "error" : "warning";
  res["message"] = {{"text", f.message}};
  if (usable(sm, f.span)) {
    ojson loc{{"physicalLocation",
               {{"artifactLocation", artifact(artifacts, sm, f.span.file)}, {"region", sarif_region(sm, f.span)}}}};
    res["locations"] = ojson::array({loc});
  }
  if (!f.notes.empty()) {
    ojson related = ojson::array();
    for (std::size_t i = 0; i < f.notes.size(); ++i) {
      ojson loc{{"id", i}};
      if (usable(sm, f.notes[i].span))
        loc["physicalLocation"] = {{"artifactLocation", artifact(artifacts, sm, f.notes[i].span.file)},
                                   {"region", sarif_region(sm, f.notes[i].span)}};
      loc["message"] = {{"text", f.notes[i].message}};
      related.push_back(std::move(loc));
    }
    res["relatedLocations"] = std::move(related);
  }
  ojson fixes = sarif_fixes(f, sm, artifacts);
  if (!fixes.empty()) res["fixes"] = std::move(fixes);
  res["partialFingerprints"] = {{"auger/lint/v1", fingerprint}};
  return res;
}

std::uint64_t fnv1a(std::string_view s, std::uint64_t h) {
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

std::string relative_path(const std::string& path) {
  fs::path p(path);
  if (p.is_absolute()) {
    std::error_code ec;
    fs::path rel = fs::relative(p, fs::current_path(ec), ec);
    p = (!ec && !rel.empty() && *rel.begin() != "..") ? rel : p.filename();
  }
  return p.lexically_normal().generic_string();
}

std::string collapsed(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// Fingerprints of all findings, counting occurrences of equal (code, path, text).
std::vector<std::string> fingerprints(const std::vector<Finding>& findings, const SourceManager& sm) {
  std::map<std::string, int> seen;
  std::vector<std::string> out;
  for (const auto& f : findings) {
    std::string key = finding_fingerprint(f, sm, 0);
    out.push_back(finding_fingerprint(f, sm, seen[key]++));
  }
  return out;
}

}  // namespace

std::string finding_fingerprint(const Finding& f, const SourceManager& sm, int occurrence) {
  std::string path = usable(sm, f.span) ? relative_path(sm.path(f.span.file)) : "";
  std::string text = usable(sm, f.span) ? collapsed(sm.text(f.span)) : "";
  std::uint64_t h = 14695981039346656037ULL;
  std::string index = std::to_string(occurrence);
  for (std::string_view part :
       {std::string_view(f.rule->code), std::string_view(path), std::string_view(text), std::string_view(index)}) {
    h = fnv1a(std::string_view("\0", 1), fnv1a(part, h));
  }
  return fmt::format("{:016x}", h);
}

std::string render_text(const LintReport& r, const SourceManager& sm, const RenderOptions& opt) {
  std::string out = auger::render_text(r.diagnostics, sm, opt);
  for (const auto& f : r.findings) out += text_finding(f, sm, opt);
  auto [errors, warnings] = counts(r);
  if (errors + warnings > 0)
    out += fmt::format("lint: {} error{}, {} warning{}.\n", errors, errors == 1 ? "" : "s", warnings,
                       warnings == 1 ? "" : "s");
  return out;
}

std::string render_brief(const LintReport& r, const SourceManager& sm) {
  std::string out = auger::render_brief(r.diagnostics, sm);
  for (const auto& f : r.findings) {
    std::string where = "<unknown>";
    if (usable(sm, f.span)) {
      Pos p = position(sm, f.span.file, f.span.begin);
      where = fmt::format("{}:{}:{}", visible_controls(sm.path(f.span.file)), p.line, p.col);
    }
    out +=
        fmt::format("{}: {}[{}]: {}\n", where, severity_word(f.severity()), f.rule->code, visible_controls(f.message));
    for (const auto& n : f.notes) {
      if (!usable(sm, n.span)) continue;
      Pos p = position(sm, n.span.file, n.span.begin);
      out += fmt::format("{}:{}:{}: note: {}\n", visible_controls(sm.path(n.span.file)), p.line, p.col,
                         visible_controls(n.message));
    }
  }
  return out;
}

std::string render_json(const LintReport& r, const SourceManager& sm, const RenderOptions& opt) {
  ojson root = ojson::parse(auger::render_json(r.diagnostics, sm, opt));
  auto fps = fingerprints(r.findings, sm);
  for (std::size_t i = 0; i < r.findings.size(); ++i) {
    const Finding& f = r.findings[i];
    ojson j;
    j["code"] = f.rule->code;
    j["severity"] = severity_word(f.severity());
    j["name"] = f.rule->name;
    j["message"] = f.message;
    put_location(j, sm, f.span);
    j["notes"] = json_notes(f.notes, sm);
    j["fixits"] = json_fixits(f.fixits, sm);
    j["fingerprint"] = fps[i];
    root["diagnostics"].push_back(std::move(j));
  }
  auto [errors, warnings] = counts(r);
  root["errors"] = root["errors"].get<std::size_t>() + errors;
  root["warnings"] = root["warnings"].get<std::size_t>() + warnings;
  return root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string render_sarif(const LintReport& r, const SourceManager& sm, const RenderOptions& opt) {
  ojson log = ojson::parse(auger::render_sarif(r.diagnostics, sm, opt));
  ojson& run = log["runs"][0];
  ojson& rules = run["tool"]["driver"]["rules"];
  std::map<const LintRule*, std::size_t> index;
  for (const auto* rule : all_rules()) {
    index[rule] = rules.size();
    rules.push_back(sarif_rule(*rule, opt));
  }
  auto fps = fingerprints(r.findings, sm);
  for (std::size_t i = 0; i < r.findings.size(); ++i) {
    const Finding& f = r.findings[i];
    run["results"].push_back(sarif_result(f, index[f.rule], sm, run["artifacts"], fps[i]));
  }
  return log.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string render_rules_json(const RenderOptions& opt) {
  ojson rules = ojson::array();
  for (const auto* r : all_rules()) {
    rules.push_back(ojson{{"code", r->code},
                          {"name", r->name},
                          {"level", severity_word(r->level)},
                          {"category", r->category},
                          {"summary", r->summary},
                          {"description", r->finds},
                          {"help_uri", fmt::format("{}#{}", lint_docs_uri(opt), lower(r->code))}});
  }
  return ojson{{"rules", rules}}.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string render_rules_sarif(const RenderOptions& opt) {
  SourceManager none;
  return render_sarif(LintReport{}, none, opt);
}

}  // namespace auger::lint
