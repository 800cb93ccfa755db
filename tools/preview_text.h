// `auger preview` of a text policy (docs/text.md "Preview"): a table with one row per sample — its key, each text
// field before and after the policy with the changed tokens marked (and their tags under them), and the ops that
// ran with their draws — as HTML (-o NAME.html) or plain text (-o NAME.txt, -o - for stdout).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "compiler/sampling/policy_sampler.h"
#include "engine/policy_loader.h"
#include "runtime/io/source.h"
#include "runtime/text/text_sample.h"
#include "tools/preview_options.h"
#include "tools/token_diff.h"

namespace auger::cli {

struct TextFieldRow {
  std::string name;
  rt::text::TextSample before, after;
  TokenDiff diff;
};

struct TextRow {
  std::string key, origin;
  std::string error;  // non-empty: the sample could not be read or augmented, and why
  std::vector<TextFieldRow> fields;
  std::vector<std::string> ops;  // the text ops that ran, with their draws (op_summary)
};

struct TextTable {
  std::pair<std::string, std::string> identity;
  std::vector<TextRow> rows;
};

// Writes the table to o.out (stdout for "-"); the exit code (kExitRunFailed when every sample failed or the file
// cannot be written).
int preview_text(const PreviewOpts& o, const engine::LoadedPolicy& lp, const sampling::PolicySampler& sampler,
                 const rt::io::Source& source, bool html);

// The renderings (tools/text_table_html.cpp, tools/text_table_plain.cpp).
std::string text_table_html(const TextTable& table);
std::string text_table_plain(const TextTable& table);

}  // namespace auger::cli
