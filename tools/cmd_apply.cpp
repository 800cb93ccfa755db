// `auger apply FILE --policy P --out DIR INPUT…`: runs a policy on individual inputs (cli.md "auger apply").
// Each input is its own sample whose key is its base name, so a file's result never depends on the rest of the
// command line.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "compiler/sampling/policy_sampler.h"
#include "engine/audio_labels.h"
#include "engine/output_key.h"
#include "engine/run_output.h"
#include "engine/run_path.h"
#include "engine/sample_io.h"
#include "engine/sample_labels.h"
#include "engine/text_fields.h"
#include "runtime/audio/audio_file.h"
#include "runtime/audio/run_audio.h"
#include "runtime/io/encode.h"
#include "runtime/io/label_rules.h"
#include "runtime/io/npy.h"
#include "runtime/text/back_translation.h"
#include "runtime/text/run_text.h"
#include "runtime/text/translator.h"
#include "tools/cmd_apply_outputs.h"
#include "tools/cmd_apply_text.h"
#include "tools/commands.h"
#include "tools/policy_front.h"
#include "tools/sample_error.h"
#include "tools/u64_option.h"

namespace auger::cli {

using namespace engine;  // the commands are thin layers over the engine

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct ApplyOpts {
  std::string file, policy, out;
  std::vector<std::string> inputs, sets, disabled;
  std::uint64_t seed = 0, epoch = 0;
  std::string path = "fused";
  std::string translator;  // back_translate's (docs/text.md); empty: AUGER_TRANSLATOR, else Apertium
  FrontOptions front;
};

// What apply writes for a sample: its pixel and audio fields, then NAME.json.
Members apply_members(const LoadedSample& sample, const std::string& key, const std::string& json_text) {
  Members m;
  const bool several = sample.images.size() + sample.audio.size() > 1;
  auto stem = [&](const std::string& field) { return key + (several ? "." + field : ""); };
  for (const auto& [field, img] : sample.images) {
    if (rt::io::encodes_as_png(img))
      m.emplace_back(stem(field) + ".png", rt::io::encode_png(img));
    else
      m.emplace_back(stem(field) + ".npy", rt::encode_npy(img));
  }
  for (const auto& [field, sound] : sample.audio) {
    if (sound.shape.spectrogram)
      m.emplace_back(stem(field) + ".npy",
                     rt::encode_npy_f32({static_cast<std::size_t>(sound.shape.rows), sound.shape.cols}, sound.data));
    else
      m.emplace_back(stem(field) + ".wav", rt::audio::encode_wav(sound));
  }
  m.emplace_back(key + ".json", json_text);
  return m;
}

std::string record_json(const LoadedSample& sample, const rt::Trace& trace, const nlohmann::ordered_json& identity) {
  nlohmann::ordered_json record = sample.fields;
  auto params = nlohmann::ordered_json::object();
  for (const auto& applied : trace.ops) params[applied.site] = params_json(applied);
  record["params"] = params;
  record["key"] = sample.key;
  record["identity"] = identity;
  return record.dump(2) + "\n";
}

int apply_one(const ApplyOpts& o, const LoadedPolicy& lp, const SampleLabels& labels,
              const sampling::PolicySampler& sampler, Executor& executor, const std::string& input,
              const nlohmann::ordered_json& identity) {
  LoadedSample sample = load_sample(input, lp.fn, *lp.policy->sample);
  // The output files are named after the key: refused before anything runs when it is no safe name.
  const SafeKey name = safe_output_key(sample.key);
  if (!name.ok()) throw std::runtime_error(name.error);
  TextFields text = take_text_fields(sample.fields, *lp.policy->sample);
  sampling::SampleContext ctx;
  ctx.seed = o.seed;
  ctx.epoch = o.epoch;
  ctx.key = sample.key;
  for (const auto& [field, img] : sample.images) ctx.shapes[field] = img.shape;
  for (const auto& [field, sound] : sample.audio) ctx.audio[field] = sound.shape;
  rt::Trace trace = sampler.sample(ctx);
  check_sample_fields(trace, sample, lp.fn);
  require_text_targets(trace, text, *lp.policy->sample);
  rt::io::check_labels(rt::io::label_rules(labels.schema), sample.fields, {});
  // Masks move with the labels (nearest, `ignore` fill), the other pixel fields through the executor.
  std::map<std::string, rt::Image> masks;
  for (const auto& spec : labels.schema.fields)
    if (auto it = sample.images.find(spec.name); spec.kind == "mask" && it != sample.images.end()) {
      masks[spec.name] = std::move(it->second);
      sample.images.erase(it);
    }
  const rt::Shape image_in = sample.images.count(labels.image) ? sample.images.at(labels.image).shape : rt::Shape{};
  executor.run(trace, sample.images);
  rt::audio::run_audio(trace, sample.audio, frame_labels(*lp.policy->sample, sample.fields));
  rt::text::run_text(trace, {o.seed, o.epoch, sample.key}, text.texts);
  put_text_fields(text, sample.fields);
  move_labels(labels, trace, image_in, sample.fields, masks);
  for (auto& [name, mask] : masks) sample.images[name] = std::move(mask);

  // Written as folder output is (engine/run_output.h): whole files, never through a symbolic link in DIR.
  write_files(o.out, apply_members(sample, name.key, record_json(sample, trace, identity)));
  return kExitOk;
}

}  // namespace

std::function<int()> register_apply(CLI::App& app) {
  auto o = std::make_shared<ApplyOpts>();
  auto* cmd = app.add_subcommand("apply", "Run a policy on individual inputs and write the augmented samples");
  cmd->add_option("FILE", o->file, "Policy file (.aug)")->required();
  cmd->add_option("INPUT", o->inputs,
                  "Images (.png .jpg .jpeg .webp .bmp), audio files (.wav .flac .ogg), text files (.txt, one sample "
                  "per line, keyed NAME:LINE) or sample files (NAME.json whose keys are the schema's fields); each "
                  "input's base name is its sample key")
      ->required();
  cmd->add_option("--policy,-p", o->policy, "The policy to run (may be left out when the file has one)");
  cmd->add_option("--out,-o", o->out, "Output folder (created if missing)")->required();
  add_u64_option(*cmd, "--seed", o->seed, "The run's seed (default 0)");
  add_u64_option(*cmd, "--epoch", o->epoch, "The epoch: another epoch draws other parameters (default 0)");
  cmd->add_option("--set", o->sets, "Override a policy parameter: --set magnitude=12 (repeatable)")
      ->allow_extra_args(false);  // one value per flag, so `--set a=1 in.png` leaves in.png an input
  cmd->add_option("--disable", o->disabled,
                  "Skip the statement with this label; no other statement's draws change (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--path", o->path, "fused (Halide kernels, default) or reference (op by op, the oracle)")
      ->check(CLI::IsMember({"fused", "reference"}));
  cmd->add_option("--translator", o->translator,
                  "back_translate's translator: a command speaking JSON lines or a local http:// URL (docs/text.md); "
                  "default $AUGER_TRANSLATOR, else Apertium")
      ->check(rt::text::translator_spec_error, "CMD_OR_URL");
  add_front_options(*cmd, o->front);
  cmd->footer(
      "Writes DIR/NAME.png for a u8 image (NAME.FIELD.png when the schema has several), DIR/NAME.npy for a float "
      "tensor (CHW, f32) or a spectrogram ([n_mels, frames], f32), DIR/NAME.wav for audio (32-bit float WAV at the "
      "field's rate), DIR/NAME.txt for a .txt input (line i is line i's result, empty where it failed; docs/text.md) "
      "and DIR/NAME.json with the non-pixel fields, the parameters each statement site drew "
      "(\"params\") and the run's identity. A symbolic link at an output's name is replaced, never written "
      "through; an output that would replace one of the inputs (or a file a sample file names) is refused before "
      "anything is written.\nExit codes: 0 success, 1 errors in the policy, 2 wrong usage (an output over an "
      "input included), 3 a run failed (unreadable input, I/O).");
  return [o]() {
    LoadedPolicy lp;
    if (int rc = load_policy(o->file, o->policy, o->sets, o->front, lp); rc != kExitOk) return rc;
    note_batch_block_skipped(lp, "apply");
    sampling::PolicySampler sampler(lp.fn, {o->disabled.begin(), o->disabled.end()});
    const auto labels = sampler.labels();
    for (const auto& d : o->disabled)
      if (!labels.count(d)) {
        std::cerr << fmt::format("error: --disable {}: policy `{}` has no statement labelled `{}` (labels: {})\n", d,
                                 lp.policy->name, d,
                                 labels.empty() ? std::string("none") : fmt::format("{}", fmt::join(labels, ", ")));
        return kExitUsage;
      }
    // Two inputs with one base name would write the same files.
    std::map<std::string, std::string> keys;
    for (const auto& in : o->inputs) {
      const auto key = fs::path(in).stem().string();
      if (auto [it, fresh] = keys.emplace(key, in); !fresh) {
        std::cerr << fmt::format("error: `{}` and `{}` have the same sample key `{}`; their outputs would collide\n",
                                 it->second, in, key);
        return kExitUsage;
      }
    }
    if (const auto clash = output_replacing_input(o->out, o->inputs, lp.fn)) {
      std::cerr << "error: " << *clash << "\n";
      return kExitUsage;
    }
    std::error_code ec;
    fs::create_directories(o->out, ec);
    if (ec) {
      std::cerr << fmt::format("error: cannot create {}: {}\n", o->out, ec.message());
      return kExitRunFailed;
    }
    nlohmann::ordered_json identity = {{"file", o->file},           {"file_sha256", lp.file_sha256},
                                       {"policy", lp.policy->name}, {"seed", o->seed},
                                       {"epoch", o->epoch},         {"set", o->sets},
                                       {"disable", o->disabled},    {"path", o->path}};
    if (!o->translator.empty()) rt::text::set_translator(o->translator);
    auto executor = make_executor(o->path);
    const SampleLabels moving = sample_labels(*lp.policy->sample);
    std::cerr << fmt::format("auger apply: {} (sha256 {}), policy {}, seed {}, epoch {}, {} path\n", o->file,
                             lp.file_sha256.substr(0, 12), lp.policy->name, o->seed, o->epoch, o->path);
    int failed = 0;
    for (const auto& in : o->inputs) {
      try {
        if (is_text_file(in)) {
          const auto lines_failed = apply_text_file({lp, sampler, identity, o->out, o->seed, o->epoch}, in);
          if (lines_failed) throw std::runtime_error(fmt::format("{} line(s) failed", lines_failed));
          continue;
        }
        apply_one(*o, lp, moving, sampler, *executor, in, identity);
      } catch (const std::exception& e) {
        std::cerr << fmt::format("error: {}\n", located_error(in, in, e.what()));
        ++failed;
      }
    }
    if (failed) {
      std::cerr << fmt::format("auger apply: {} of {} inputs failed\n", failed, o->inputs.size());
      return kExitRunFailed;
    }
    return kExitOk;
  };
}

}  // namespace auger::cli
