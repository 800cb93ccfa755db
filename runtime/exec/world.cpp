#include "runtime/exec/world.h"

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>

namespace auger::rt::exec {

namespace {

// A whole number of at most 9 digits, no sign; -1 for anything else.
int parse_whole(std::string_view text) {
  if (text.empty() || text.size() > 9) return -1;
  int v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

// How the messages name the two numbers: `where` ("--shard 5/4", "torchrun") and each one's label.
struct Names {
  std::string where, rank, size;
};

World checked(std::string_view rank_text, std::string_view size_text, const Names& n, const std::string& from) {
  const int size = parse_whole(size_text);
  if (size < 1)
    throw std::invalid_argument(n.where + ": " + n.size + " must be a process count, 1 or more (got `" +
                                std::string(size_text) + "`)");
  const int rank = parse_whole(rank_text);
  if (rank < 0 || rank >= size)
    throw std::invalid_argument(n.where + ": " + n.rank + " must be a rank in 0.." + std::to_string(size - 1) +
                                " (got `" + std::string(rank_text) + "`)");
  return {rank, size, from};
}

}  // namespace

World parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) throw std::invalid_argument("--shard takes i/n, e.g. 0/4");
  const std::string_view v(text);
  return checked(v.substr(0, slash), v.substr(slash + 1), {"--shard " + text, "i", "n"}, "--shard");
}

World world_from_environment() {
  struct Launcher {
    const char *rank, *size, *name;
  };
  static const Launcher kLaunchers[] = {{"RANK", "WORLD_SIZE", "torchrun"},
                                        {"OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE", "openmpi"},
                                        {"PMI_RANK", "PMI_SIZE", "pmi"},
                                        {"SLURM_PROCID", "SLURM_NTASKS", "slurm"}};
  for (const auto& l : kLaunchers) {
    const char* r = std::getenv(l.rank);
    const char* s = std::getenv(l.size);
    if (r && s) {
      const std::string name = l.name;
      return checked(r, s, {name, l.rank, l.size}, name);
    }
  }
  return {};
}

}  // namespace auger::rt::exec
