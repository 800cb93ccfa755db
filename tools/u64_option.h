// --seed and --epoch: a whole number in 0..2^64-1 written in decimal, one rule for every command that has them.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

namespace auger::cli {

// Adds `name` bound to `target`. CLI11's own conversion wraps `-1` to 2^64-1, clamps a larger number to 2^64-1 and
// reads `010` as octal: each gives a plausible run under a seed the user never asked for, so they are wrong usage
// (exit 2) instead.
CLI::Option* add_u64_option(CLI::App& cmd, const std::string& name, std::uint64_t& target, const std::string& help);

}  // namespace auger::cli
