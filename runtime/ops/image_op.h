// One image op of ops.md §1–3 as the runtime sees it: how it resolves its own randomness and its output shape
// from the concrete arguments and the input shape, and its reference implementation (the oracle for the fused
// path and for the conformance tests, following torchvision 0.14's tensor backend on u8 CHW data).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "runtime/image/image.h"
#include "runtime/ops/args.h"
#include "runtime/ops/op_id.h"
#include "runtime/random/draw_stream.h"

namespace auger::rt {

// The first draw index an op may use for its internal randomness. Indices below it belong to the statement
// (its `@p` and the random values of its arguments), so adding an argument never shifts an op's own draws.
inline constexpr std::uint32_t kOpDrawBase = 1024;

struct ImageOp {
  OpId id;
  // Turns `%` sizes into pixels, draws the op's own random parameters (a crop box, an erasing rectangle, corner
  // displacements, a noise seed…) into `args` as concrete values, and returns the output shape. Draws use
  // `draws` at indices kOpDrawBase, kOpDrawBase + 1, …. Deterministic ops only compute the shape.
  Shape (*resolve)(Args& args, const Shape& in, const rng::DrawStream& draws) = nullptr;
  // Applies the op with resolved arguments to `img` (replaced by the result).
  void (*apply)(const Args& args, Image& img) = nullptr;
};

// The image op named `name` when it has a reference implementation, else nullptr (op_record.h: its record).
const ImageOp* find_image_op(std::string_view name);

// Batch-level ops (mixup, cutmix): they see the whole batch. `draws` is the statement's stream for this batch.
struct BatchOp {
  OpId id;
  void (*resolve)(Args& args, const Shape& in, int batch_size, const rng::DrawStream& draws) = nullptr;
  void (*apply)(const Args& args, std::vector<Image>& batch) = nullptr;
};
const BatchOp* find_batch_op(std::string_view name);

// The family tables (runtime/ops/reference/families.h), joined into the op records by id.
const std::vector<ImageOp>& image_ops();
const std::vector<BatchOp>& batch_op_table();

}  // namespace auger::rt
