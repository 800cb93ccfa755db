// docs/lint.md and `auger lint --list-rules`, generated from the rule records (rules/*.cpp), so a rule's doc is
// written once. tests/lint/test_lint_doc.py fails when the committed docs/lint.md differs from the generator.
#pragma once

#include <string>

namespace auger::lint {

std::string rules_markdown();    // the whole of docs/lint.md
std::string rules_table_text();  // one line per rule: code, level, name, summary

}  // namespace auger::lint
