// A batch's planned samples and their images as one binary file: what bench/gpu_prepare.sh writes on a machine
// with auger's build and the GPU check (auger_gpu_check) reads on a GPU machine that has none of auger's libraries.
// Little-endian, no versioning beyond the magic: writer and reader are built from the same commit.
#pragma once

#include <string>
#include <vector>

#include "runtime/gpu/batch_plan.h"

namespace auger::rt::gpu {

struct PlannedBatch {
  std::vector<Image> images;       // the decoded inputs, each stored once
  std::vector<GpuSample> samples;  // samples[i].image is images[image_of[i]] (set by read_planned_batch)
  std::vector<int> image_of;
  std::vector<std::string> keys;
  std::vector<float> expected;  // the CPU path's results, [N, 3, H, W] as floats (u8 values exactly); may be empty
};

void write_planned_batch(const std::string& path, const PlannedBatch& batch);
PlannedBatch read_planned_batch(const std::string& path);

}  // namespace auger::rt::gpu
