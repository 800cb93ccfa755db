// Where a sample's output may go: the one rule every writer (`auger run`'s shards and folders, `auger apply`)
// applies to a sample key before it becomes a path or a tar member name (cli.md "Output folders").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace auger::engine {

// A key made safe: `key` is the normalised key ("a/./b" and "a//b" are "a/b"), or `error` says why the key is
// refused for its sample.
struct SafeKey {
  std::string key;
  std::string error;
  [[nodiscard]] bool ok() const { return error.empty(); }
};

// Refuses a key that is empty (after normalising), absolute, holds a `..` component, a NUL or another control
// character; otherwise collapses `.` and empty components. The result is relative and stays inside any folder it
// is joined to.
SafeKey safe_output_key(std::string_view key);

// safe_output_key for every key of a source, in source order, plus the checks between keys: a key whose
// normalised form is an earlier key's (`a//b` after `a/b`) or that needs a folder where an earlier key writes a
// file (`a.png/x` after `a`) is refused, the earlier one kept. With `folder_output` the names auger writes beside
// the samples (`manifest.json`, `.auger/`) are refused too. A function of the key list alone, so every process of
// a run refuses the same samples.
std::vector<SafeKey> plan_output_keys(const std::vector<std::string>& keys, bool folder_output);

}  // namespace auger::engine
