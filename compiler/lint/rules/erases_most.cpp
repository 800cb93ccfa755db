// AUG103: `random_erasing` or `cutout` that may cover most of the image.
#include <fmt/format.h>

#include <cmath>

#include "compiler/lint/context.h"
#include "compiler/lint/image_size.h"
#include "compiler/lint/rules/op_args.h"
#include "compiler/lint/rules/rules.h"
#include "compiler/lint/values.h"

namespace auger::lint::rules {

namespace {

constexpr double kMost = 0.5;  // "most of the image": more than half its area

std::string percent(double fraction) {
  return fmt::format("{:.0f}%", std::min(fraction, 1.0) * 100);
}

// random_erasing's `scale` is the erased fraction of the area, [lo, hi].
void random_erasing(LintContext& ctx) {
  for_each_given_arg(ctx, "random_erasing", "scale", [&](const ElabStmt&, const BoundArg& a) {
    auto v = fold_at_defaults(*a.value);
    auto scale = v ? number_pair(*v) : std::nullopt;
    if (!scale || scale->second <= kMost) return;
    ctx.report(kErasesMost, a.value_span,
               fmt::format("`random_erasing(scale: {})` may erase up to {} of the image", ctx.text(a.value_span),
                           percent(scale->second)))
        .fix(a.value_span, "[0.02, 0.33]", "erase at most a third (torchvision's and timm's default)");
  });
}

// cutout's `count` squares of side `size` pixels: at most count * size² of the image's area, where the policy
// fixes the image's size before it.
void cutout(LintContext& ctx) {
  auto sizes = image_sizes(ctx.policy);
  for_each_given_arg(ctx, "cutout", "size", [&](const ElabStmt& st, const BoundArg& a) {
    auto image = sizes[&st];
    auto side = value_range(*a.value);
    if (!image || !side || !std::isfinite(side->hi) || image->pixels() <= 0) return;
    double count = 1;
    if (const BoundArg* c = st.arg("count"); c && c->value) {
      auto r = value_range(*c->value);
      if (!r || !std::isfinite(r->hi)) return;
      count = r->hi;
    }
    double covered = count * std::min(side->hi, image->height) * std::min(side->hi, image->width);
    double fraction = covered / image->pixels();
    if (fraction <= kMost) return;
    ctx.report(kErasesMost, a.value_span,
               fmt::format("`cutout` may cover up to {} of the {}x{} image ({} square{} of {} px)", percent(fraction),
                           image->width, image->height, count, count == 1 ? "" : "s", side->hi))
        .note({}, "the image's size is fixed by an earlier statement of the policy");
  });
}

void check(LintContext& ctx) {
  random_erasing(ctx);
  cutout(ctx);
}

}  // namespace

const LintRule kErasesMost{
    .code = "AUG103",
    .name = "erases-most",
    .category = "signal",
    .level = Severity::Warning,
    .summary = "random_erasing or cutout may cover most of the image",
    .finds =
        "A `random_erasing` whose `scale` reaches above half of the image's area, or a `cutout` whose squares "
        "(`count` of side `size`) may cover more than half of it, where an earlier statement fixes the image's "
        "size (`random_resized_crop(size: 224)`, `resize(size: …)`, …).",
    .why =
        "Occlusion teaches a model not to rely on one part of the object. Once most of the image is erased, "
        "the object is often gone while its label stays: the model learns to predict the class from "
        "nothing, which adds label noise rather than robustness.",
    .wrong = "random_erasing(scale: [0.5, 0.9])",
    .right = "random_erasing(scale: [0.02, 0.33]) @p(0.25)",
    .fix = "Replace `scale` with `[0.02, 0.33]` (torchvision's default); shrink or reduce cutout's squares.",
    .restates = {},
    .check = check,
};

}  // namespace auger::lint::rules
