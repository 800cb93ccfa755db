// Which part of a data set this process handles: `--shard i/n`, or the rank and world size its launcher set —
// torchrun (RANK, WORLD_SIZE), Open MPI (OMPI_COMM_WORLD_RANK/SIZE), MPICH/Hydra (PMI_RANK/SIZE), Slurm
// (SLURM_PROCID, SLURM_NTASKS) — in that order; one process of one otherwise.
#pragma once

#include <string>

namespace auger::rt::exec {

struct World {
  int rank = 0, size = 1;
  std::string from = "default";  // "--shard", "torchrun", "openmpi", "pmi", "slurm" or "default"
};

// Parses "i/n" (0 <= i < n). Throws std::invalid_argument with the reason.
World parse_shard(const std::string& text);

// The launcher's rank and world size from the environment; throws std::invalid_argument on inconsistent values.
World world_from_environment();

}  // namespace auger::rt::exec
