#include "tools/preview_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "engine/sample_audio.h"
#include "engine/sample_io.h"
#include "engine/sample_text.h"
#include "engine/text_fields.h"
#include "runtime/text/back_translation.h"
#include "runtime/text/run_text.h"
#include "tools/preview_params.h"
#include "tools/sample_error.h"

namespace auger::cli {

namespace fs = std::filesystem;

namespace {

bool targets_text(const rt::AppliedOp& op, const SchemaInfo& schema) {
  return std::any_of(op.targets.begin(), op.targets.end(), [&](const std::string& t) {
    const FieldInfo* f = schema.field(t);
    return f && (f->kind == FieldKind::Text || f->kind == FieldKind::Tags);
  });
}

// One sample through the policy as `auger apply` runs it (its draws from seed, epoch and key), its texts kept from
// before the text ops ran.
TextRow run_sample(const PreviewOpts& o, const engine::LoadedPolicy& lp, const sampling::PolicySampler& sampler,
                   const rt::io::Source& source, std::size_t index) {
  const SchemaInfo& schema = *lp.policy->sample;
  TextRow row;
  row.key = source.key(index);
  try {
    const rt::io::StoredSample s = source.read(index);
    row.origin = s.origin;
    sampling::SampleContext ctx;
    ctx.seed = o.seed;
    ctx.epoch = o.epoch;
    ctx.key = row.key;
    std::map<std::string, rt::audio::Signal> audio;  // decoded only for their shapes: the sampler resolves from them
    if (schema.has(FieldKind::Audio)) engine::gather_audio(s, lp.fn, schema, ctx, audio);
    nlohmann::ordered_json fields(s.fields);
    engine::gather_text(s, schema, fields);  // a .txt line, a shard's KEY.txt
    engine::TextFields text = engine::take_text_fields(nlohmann::json(fields), schema);
    const auto before = text.texts;
    const rt::Trace trace = sampler.sample(ctx);
    engine::require_text_targets(trace, text, schema);
    rt::text::run_text(trace, {o.seed, o.epoch, row.key}, text.texts);
    for (const auto& applied : trace.ops)
      if (targets_text(applied, schema)) row.ops.push_back(op_summary(applied.site, engine::params_json(applied)));
    for (auto& [name, after] : text.texts) {
      const auto& was = before.at(name);
      row.fields.push_back({name, was, after, diff_tokens(was.tokens, after.tokens)});
    }
  } catch (const std::exception& e) {
    row.error = e.what();
  }
  return row;
}

int write_table(const std::string& out, const std::string& text) {
  if (out == "-") {
    std::cout << text << std::flush;
    return std::cout ? kExitOk : kExitRunFailed;
  }
  std::error_code ec;
  if (fs::path(out).has_parent_path()) fs::create_directories(fs::path(out).parent_path(), ec);
  std::ofstream f(out, std::ios::binary);
  f << text;
  if (!f.flush()) {
    std::cerr << fmt::format("error: cannot write {}\n", out);
    return kExitRunFailed;
  }
  return kExitOk;
}

}  // namespace

int preview_text(const PreviewOpts& o, const engine::LoadedPolicy& lp, const sampling::PolicySampler& sampler,
                 const rt::io::Source& source, bool html) {
  if (!o.translator.empty()) rt::text::set_translator(o.translator);
  TextTable table{identity_lines(o, lp, source), {}};
  std::size_t failed = 0;
  for (std::size_t index : preview_order(o, source.size())) {
    table.rows.push_back(run_sample(o, lp, sampler, source, index));
    const TextRow& row = table.rows.back();
    if (!row.error.empty()) {
      ++failed;
      std::cerr << fmt::format("error: {}\n", located_error(row.origin, row.key, row.error));
    }
  }
  if (int rc = write_table(o.out, html ? text_table_html(table) : text_table_plain(table)); rc != kExitOk) return rc;
  std::cerr << fmt::format("auger preview: {} samples ({} failed) → {}\n", table.rows.size(), failed,
                           o.out == "-" ? "stdout" : o.out);
  return failed == table.rows.size() ? kExitRunFailed : kExitOk;
}

}  // namespace auger::cli
