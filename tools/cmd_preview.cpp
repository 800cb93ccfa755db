// `auger preview FILE --policy P --input SRC -o OUT [--n 16] [--seed S]`: what a policy does to a few samples, with
// the run's identity (file hash, policy, seed, arguments) on it, so a picture pasted into a report says exactly how
// to reproduce it. An image policy gives a PNG grid with the labels drawn (tools/preview_image), an audio policy a
// PNG of spectrograms with the masks marked (tools/preview_audio), a text policy a before/after table in HTML or
// plain text (tools/preview_text); tools/preview_kind picks one from the schema and -o.
#include <fmt/format.h>

#include <iostream>

#include "compiler/sampling/policy_sampler.h"
#include "runtime/text/translator.h"
#include "tools/commands.h"
#include "tools/policy_front.h"
#include "tools/preview_audio.h"
#include "tools/preview_image.h"
#include "tools/preview_kind.h"
#include "tools/preview_options.h"
#include "tools/preview_text.h"
#include "tools/u64_option.h"

namespace auger::cli {

namespace {

// A --disable that names no statement is a typo the user wants to hear about (as in `auger apply`).
int check_disabled(const PreviewOpts& o, const engine::LoadedPolicy& lp, const sampling::PolicySampler& sampler) {
  const auto labels = sampler.labels();
  for (const auto& d : o.disabled)
    if (!labels.count(d)) {
      std::cerr << fmt::format("error: --disable {}: policy `{}` has no statement labelled `{}` (labels: {})\n", d,
                               lp.policy->name, d,
                               labels.empty() ? std::string("none") : fmt::format("{}", fmt::join(labels, ", ")));
      return kExitUsage;
    }
  return kExitOk;
}

int preview(const PreviewOpts& o) {
  if (auto bad = output_over_input(o); !bad.empty()) {
    std::cerr << "error: " << bad << "\n";
    return kExitUsage;
  }
  engine::LoadedPolicy lp;
  if (int rc = load_policy(o.file, o.policy, o.sets, o.front, lp); rc != kExitOk) return rc;
  const PreviewKindChoice kind = preview_kind(o.out, *lp.policy->sample);
  if (!kind.error.empty()) {
    std::cerr << "error: " << kind.error << "\n";
    return kExitUsage;
  }
  if (o.original && kind.kind == PreviewKind::Image) {
    std::cerr << "error: --original draws an audio sample's input above its result; an image policy's grid has "
                 "no room for it\n";
    return kExitUsage;
  }
  note_batch_block_skipped(lp, "preview");
  const sampling::PolicySampler sampler(lp.fn, {o.disabled.begin(), o.disabled.end()});
  if (int rc = check_disabled(o, lp, sampler); rc != kExitOk) return rc;
  std::unique_ptr<rt::io::Source> source;
  if (int rc = open_input(o.input, source); rc != kExitOk) return rc;
  switch (kind.kind) {
    case PreviewKind::Image: return preview_images(o, lp, sampler, *source);
    case PreviewKind::Audio: return preview_audio(o, lp, sampler, *source);
    case PreviewKind::TextHtml: return preview_text(o, lp, sampler, *source, true);
    case PreviewKind::TextPlain: return preview_text(o, lp, sampler, *source, false);
  }
  return kExitRunFailed;
}

}  // namespace

std::function<int()> register_preview(CLI::App& app) {
  auto o = std::make_shared<PreviewOpts>();
  auto* cmd = app.add_subcommand("preview",
                                 "Show what a policy does to a few samples: a PNG grid of images, a PNG of audio "
                                 "spectrograms, or a before/after table of texts, with the run's identity");
  cmd->add_option("FILE", o->file, "Policy file (.aug)")->required();
  cmd->add_option("--policy,-p", o->policy, "The policy to run (may be left out when the file has one)");
  cmd->add_option(
         "--input,-i", o->input,
         "The data set: an image folder, a folder of recordings (.wav .flac .ogg), a .jsonl manifest, a COCO .json "
         "or WebDataset shards; for a text "
         "policy also a .txt file (one sample per line, keyed NAME:LINE as apply keys them)")
      ->required();
  cmd->add_option("-o,--out", o->out,
                  "What to write: a .png for an image or audio policy; for a text policy a .html table, a .txt "
                  "table, or - for the plain table on stdout")
      ->required();
  cmd->add_option("--n", o->n, "Samples shown (default 16)")->check(CLI::Range(1, 1024));
  add_u64_option(*cmd, "--seed", o->seed, "The run's seed; it also picks which samples are shown (default 0)");
  add_u64_option(*cmd, "--epoch", o->epoch, "The epoch (default 0)");
  cmd->add_option("--tile", o->tile, "Tile size in pixels (default 224); audio spectrograms are 3 tiles wide")
      ->check(CLI::Range(32, 2048));
  cmd->add_option("--set", o->sets, "Override a policy parameter (repeatable)")->allow_extra_args(false);
  cmd->add_option("--disable", o->disabled, "Skip the statement with this label (repeatable)")->allow_extra_args(false);
  cmd->add_option("--path", o->path, "fused (default) or reference")->check(CLI::IsMember({"fused", "reference"}));
  cmd->add_flag("--original", o->original, "Audio: draw each sample's input spectrogram above its result");
  cmd->add_option("--translator", o->translator,
                  "back_translate's translator: a command speaking JSON lines or a local http:// URL (docs/text.md); "
                  "default $AUGER_TRANSLATOR, else Apertium")
      ->check(rt::text::translator_spec_error, "CMD_OR_URL");
  add_front_options(*cmd, o->front);
  cmd->footer(
      "The output follows the policy's sample schema and -o: an image field gives a grid of tiles with the labels "
      "drawn; an audio field one log-mel spectrogram per sample with SpecAugment's masks outlined at their recorded "
      "bounds (docs/audio.md \"Preview\"); a text field a table of each text before and after, changed tokens "
      "marked (docs/text.md \"`auger preview` on text\"). A -o that does not fit the schema is a usage error.\n"
      "Exit codes: 0 written, 1 errors in the policy, 2 wrong usage (-o not fitting the schema), 3 every sample "
      "failed or the output cannot be written.");
  return [o]() { return preview(*o); };
}

}  // namespace auger::cli
