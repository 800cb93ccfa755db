// Drawing `auger preview`'s tiles: an augmented image made displayable, its boxes, keypoints and masks drawn on it,
// captions fitted to a tile.
#pragma once

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "compiler/sema/schema.h"
#include "engine/sample_runner.h"
#include "runtime/image/image.h"

namespace auger::cli {

// The displayable u8 BGR picture of an augmented image: u8 as is; f32 through the inverse of the policy's own
// normalize and to_float's scale, so a normalised tensor looks like the photo it came from.
cv::Mat displayable(const rt::Image& img, const nlohmann::ordered_json& params);

// `text` shortened with "…" to fit `width` pixels at `font_scale` (keeping its end when `keep_end`).
std::string fit(const std::string& text, double font_scale, int width, bool keep_end = false);

// Draws the sample's masks, boxes (with their class names) and keypoints on `pic`, the tile made from `shown`.
void draw_labels(cv::Mat& pic, const rt::Image& shown, const engine::ProcessedSample& s, const SchemaInfo& schema,
                 const std::vector<std::string>& classes);

// The image field a tile shows (the schema's first image), or null.
const rt::Image* shown_image(const engine::ProcessedSample& s, const SchemaInfo* schema);

}  // namespace auger::cli
