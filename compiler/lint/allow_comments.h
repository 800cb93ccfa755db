// `# auger: allow(AUG103)` and `# auger: allow(AUG103, zero-factor)`: a comment that silences the named rules
// for the findings on its own line or, when the comment stands alone on its line, on the line below it, and on
// every line of the statement that line belongs to (a call wrapped over several lines, a block's header).
#pragma once

#include <map>
#include <set>
#include <string>

#include "compiler/lint/finding.h"
#include "compiler/sema/program.h"

namespace auger::lint {

class AllowComments {
 public:
  // Reads the comments of `module` and of the user modules it imports.
  AllowComments(const Module& module, const SourceManager& sources);
  [[nodiscard]] bool allows(const Finding& f) const;

 private:
  void read(const Module& m, const SourceManager& sources, std::set<const Module*>& seen);
  // (file, line) -> the codes and names allowed there
  std::map<std::pair<FileId, std::uint32_t>, std::set<std::string>> allowed_;
  const SourceManager& sources_;
};

}  // namespace auger::lint
