// `auger apply`'s output names, and the check that none of them is one of its inputs (cli.md "auger apply"): run
// before anything is written, so `apply --out DIR DIR/a.json` cannot replace the sample file it reads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"

namespace auger::cli {

// The files apply may write in --out for `input` (key `key`): NAME.png or NAME.npy per pixel field of the
// policy's output schema (NAME.npy only when it is f32), NAME.wav or NAME.npy per audio field, NAME.FIELD.* as
// well when the schema has several, NAME.json, and NAME.txt for a .txt input.
std::vector<std::string> apply_output_names(const std::string& input, const std::string& key, const ir::Function& fn);

// A usage error naming the output and the input when a file apply would write in `out` is one of `inputs` or a
// file a sample file among them names (an image, a mask, an audio file): the same file by device and inode, so a
// symbolic link or another spelling of the path is caught. A link at an output's own name is not its target (it
// is replaced, never written through), so only the name itself is compared.
std::optional<std::string> output_replacing_input(const std::string& out, const std::vector<std::string>& inputs,
                                                  const ir::Function& fn);

}  // namespace auger::cli
