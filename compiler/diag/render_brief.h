// One line per diagnostic, note and fix-it, gcc style — for editors, grep and FileCheck:
//   a.aug:12:17: error[E0302]: `angle` is an angle and needs a unit (deg or rad), found …
//   a.aug:5:3: note: the boxes are declared here
//   a.aug:12:19: fix-it: insert `deg`
#pragma once

#include <string>
#include <vector>

#include "compiler/base/source_manager.h"
#include "compiler/diag/diagnostic.h"

namespace auger {

std::string render_brief(const std::vector<Diagnostic>& diags, const SourceManager& sm);

}  // namespace auger
