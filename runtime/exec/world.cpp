#include "runtime/exec/world.h"

#include <cstdlib>
#include <stdexcept>
#include <string_view>

namespace auger::rt::exec {

namespace {

int parse_int(std::string_view text, const std::string& what) {
  if (text.empty() || text.size() > 9)
    throw std::invalid_argument(what + ": `" + std::string(text) + "` is not a count");
  int v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') throw std::invalid_argument(what + ": `" + std::string(text) + "` is not a count");
    v = v * 10 + (c - '0');
  }
  return v;
}

World checked(int rank, int size, const std::string& from) {
  if (size < 1 || rank < 0 || rank >= size)
    throw std::invalid_argument(from + ": rank " + std::to_string(rank) + " is not in 0.." + std::to_string(size - 1));
  return {rank, size, from};
}

}  // namespace

World parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) throw std::invalid_argument("--shard takes i/n, e.g. 0/4");
  return checked(parse_int(std::string_view(text).substr(0, slash), "--shard"),
                 parse_int(std::string_view(text).substr(slash + 1), "--shard"), "--shard");
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
      return checked(parse_int(r, name + " " + l.rank), parse_int(s, name + " " + l.size), name);
    }
  }
  return {};
}

}  // namespace auger::rt::exec
