// The limits of the language that protect the compiler from hostile input (docs/language.md §11.14).
// The front end recurses over nesting: the parser per bracket, the checker per constant, import and
// transform call, later passes per statement and per operation of a value. Without a bound, a few KiB of
// input (3,000 nested transforms) overflow the stack. Each limit is far above anything a real policy needs;
// crossing one is E0003 (limit-exceeded) at the line that crosses it, never a crash.
#pragma once

#include <cstddef>
#include <cstdint>

namespace auger::limits {

// The size of one `.aug` file read from disk.
inline constexpr std::uint64_t kMaxFileBytes = 1024 * 1024;
// Brackets `( [ {` and consecutive signs `- -` open at once in one file (the parser recurses per level).
inline constexpr std::size_t kMaxNesting = 100;
// The depth of one expression: operators and brackets (`1 + 1 + …` is a chain as deep as it is long).
inline constexpr std::size_t kMaxExprDepth = 256;
// Files importing files importing files.
inline constexpr std::size_t kMaxImportDepth = 64;
// Constants defined by constants defined by constants.
inline constexpr std::size_t kMaxConstDepth = 64;
// Transforms calling transforms, from a policy's body.
inline constexpr std::size_t kMaxTransformDepth = 64;
// Blocks in blocks, counting the body of every transform called as one more level.
inline constexpr std::size_t kMaxStatementDepth = 256;
// Operations in one value once transform arguments are substituted (`t(x: x + x)` doubles per call).
inline constexpr std::size_t kMaxValueDepth = 256;
inline constexpr std::size_t kMaxValueNodes = 10000;

}  // namespace auger::limits
