#include "compiler/format/format.h"

#include <exception>

#include "compiler/format/ast_equal.h"
#include "compiler/format/cst_printer.h"
#include "compiler/syntax/parser.h"

namespace auger::format {

namespace {

FormatResult internal(std::string message) {
  FormatResult r;
  r.status = FormatResult::Status::InternalError;
  r.message = std::move(message);
  return r;
}

}  // namespace

FormatResult format_file(const SourceManager& sources, FileId file, DiagEngine& diags, int width) {
  std::size_t errors_before = diags.error_count();
  auto before = parse_file(sources, file, diags);
  if (diags.error_count() > errors_before) {
    FormatResult r;
    r.status = FormatResult::Status::SyntaxErrors;
    return r;
  }
  std::string text;
  try {
    text = print_canonical(sources.text(file), width);
  } catch (const std::exception& e) {
    return internal(std::string("the formatter failed: ") + e.what());
  }
  // The safety check: what the output says must be exactly what the input said.
  SourceManager out_sources;
  FileId out = out_sources.add(sources.path(file), text);
  DiagEngine out_diags;
  auto after = parse_file(out_sources, out, out_diags);
  if (out_diags.has_errors()) return internal("the formatted text does not parse");
  if (std::string where = ast_difference(*before, *after); !where.empty())
    return internal("the formatted text would change the file's meaning (" + where + ")");
  FormatResult r;
  r.text = std::move(text);
  return r;
}

}  // namespace auger::format
