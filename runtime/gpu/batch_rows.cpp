#include "runtime/gpu/batch_rows.h"

#include <stdexcept>

namespace auger::rt::gpu {

DeviceBatch run_rows(GpuBatchExecutor& executor, std::vector<GpuRow>& rows, const Shape& shape) {
  if (rows.empty()) throw std::invalid_argument("an empty GPU batch");
  const GpuRow* planned = nullptr;
  for (const auto& r : rows)
    if (r.plan) {
      planned = &r;
      break;
    }
  DeviceBatch batch;
  if (planned) {
    // A finished row takes a planned row's work as a stand-in (one launch per kernel for the whole batch) and is
    // then written over: finished rows are rare (a draw outside the kernels), so the wasted work is too.
    std::vector<GpuSample> samples;
    samples.reserve(rows.size());
    for (auto& r : rows) {
      const GpuRow& from = r.plan ? r : *planned;
      samples.push_back(*from.plan);
      samples.back().image = &from.image;
    }
    batch = executor.run(samples);
  } else {
    batch =
        executor.allocate({static_cast<std::int64_t>(rows.size()), shape.c, shape.h, shape.w}, shape.elem == Elem::F32);
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].plan) continue;
    const Image& done = rows[i].image;
    if (done.shape != shape) throw std::invalid_argument("a finished row of another shape than its GPU batch");
    executor.put_row(
        batch, i, done.is_u8() ? static_cast<const void*>(done.u8.data()) : static_cast<const void*>(done.f32.data()));
  }
  return batch;
}

}  // namespace auger::rt::gpu
