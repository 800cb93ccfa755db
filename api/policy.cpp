#include <fmt/format.h>

#include <algorithm>

#include "api/auger.h"
#include "api/policy_audio.h"
#include "api/policy_state.h"
#include "compiler/diag/render.h"
#include "engine/sample_audio.h"
#include "engine/sample_io.h"
#include "engine/sample_text.h"
#include "runtime/io/label_rules.h"
#include "runtime/text/back_translation.h"
#include "runtime/text/translator.h"

namespace auger {

namespace {

bool is_pixel_kind(const std::string& kind) {
  return kind == "image" || kind == "mask";
}

// The file's diagnostics as the text an exception or Policy::warnings carries.
std::string diagnostics_text(const engine::LoadedPolicy& lp) {
  std::string text = render_text(lp.comp->diags().sorted(), lp.comp->sources(), RenderOptions{});
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

std::string joined(const std::string& a, const std::string& b) {
  return a.empty() ? b : b.empty() ? a : a + "\n" + b;
}

std::vector<SchemaField> field_infos(const std::vector<std::pair<std::string, ir::FieldType>>& fields) {
  std::vector<SchemaField> out;
  for (const auto& [name, type] : fields) out.push_back({name, type.kind, type.element, type.channels()});
  return out;
}

std::string shape_text(const rt::Shape& s) {
  return fmt::format("[{}, {}, {}] {}", s.c, s.h, s.w, s.elem == rt::Elem::U8 ? "u8" : "f32");
}

}  // namespace

Policy load(const std::string& file, const std::string& policy_name, const std::map<std::string, ArgValue>& args,
            std::uint64_t seed, const std::string& exec_path, const std::vector<std::string>& disable) {
  if (exec_path != "fused" && exec_path != "reference")
    throw Error(fmt::format("the execution path is `fused` or `reference`, not `{}`", exec_path));
  auto st = std::make_shared<detail::PolicyState>();
  st->file = file;
  st->exec_path = exec_path;
  st->seed = seed;
  st->disabled = disable;
  engine::PolicyRequest request;
  request.file = file;
  request.policy = policy_name;
  request.args = args;
  engine::LoadResult result;
  try {
    result = engine::load_policy(request, {}, st->loaded);
  } catch (const std::exception& e) {
    throw Error(fmt::format("{}: {}", file, e.what()));
  }
  const std::string diagnostics = diagnostics_text(st->loaded);
  if (!result.ok()) {
    const std::string why = joined(diagnostics, result.message);
    throw Error(why.empty() ? fmt::format("cannot load `{}`", file) : why);
  }
  st->warnings = diagnostics;
  for (const auto& [name, value] : st->loaded.overrides) st->sets.push_back(name + "=" + value.to_string());

  st->sampler =
      std::make_unique<sampling::PolicySampler>(st->loaded.fn, std::set<std::string>(disable.begin(), disable.end()));
  const auto labels = st->sampler->labels();
  for (const auto& d : disable)
    if (!labels.count(d))
      throw Error(fmt::format("policy `{}` has no statement labelled `{}` (labels: {})", st->loaded.policy->name, d,
                              labels.empty() ? std::string("none") : fmt::format("{}", fmt::join(labels, ", "))));
  st->executor = engine::make_executor(exec_path);
  st->labels = engine::sample_labels(*st->loaded.policy->sample);
  Policy p;
  p.state_ = std::move(st);
  return p;
}

Sample Policy::apply(const Sample& in, const std::string& key, std::uint64_t epoch) const {
  const detail::PolicyState& st = *state_;
  const ir::Function& fn = st.loaded.fn;
  const auto field_of = [&](const std::string& name) -> const ir::FieldType* {
    for (const auto& [n, t] : fn.inputs)
      if (n == name) return &t;
    return nullptr;
  };
  const auto unknown = [&](const std::string& name) {
    std::vector<std::string> names;
    for (const auto& [n, t] : fn.inputs) names.push_back(n);
    return Error(
        fmt::format("field `{}` is not in sample `{}` (its fields: {})", name, fn.sample, fmt::join(names, ", ")));
  };

  // The checks see only which fields are present and their shapes, so they get shapes without pixels.
  engine::LoadedSample present;
  present.key = key;
  sampling::SampleContext ctx;
  ctx.seed = st.seed;
  ctx.epoch = epoch;
  ctx.key = key;
  std::map<std::string, const rt::Image*> images;
  for (const auto& [name, img] : in.images) {
    const ir::FieldType* type = field_of(name);
    if (!type) throw unknown(name);
    if (!is_pixel_kind(type->kind))
      throw Error(fmt::format("field `{}` is a {}, not pixels: give it as a value, not an image", name, type->kind));
    const int channels = type->channels();
    if (img.c() != channels || img.h() < 1 || img.w() < 1 || !img.is_u8())
      throw Error(fmt::format("field `{}` ({}) must be a u8 image with {} channel(s), not {}", name, type->kind,
                              channels, shape_text(img.shape)));
    const std::size_t n = static_cast<std::size_t>(img.c()) * img.h() * img.w();
    if (img.u8.size() != n)
      throw Error(fmt::format("field `{}`: {} values for shape {}", name, img.u8.size(), shape_text(img.shape)));
    present.images[name].shape = img.shape;
    ctx.shapes[name] = img.shape;
    images[name] = &img;
  }
  for (const auto& [name, type] : fn.inputs)
    if (type.kind == "image" && !in.images.count(name))
      throw Error(fmt::format("sample `{}` needs its image field `{}`", key, name));
  detail::bind_audio(in.audio, fn, *st.loaded.policy->sample, ctx, present);
  for (auto it = in.fields.begin(); it != in.fields.end(); ++it) {
    const ir::FieldType* type = field_of(it.key());
    if (!type) throw unknown(it.key());
    if (is_pixel_kind(type->kind))
      throw Error(fmt::format("field `{}` is a {}: give it as an image, not a value", it.key(), type->kind));
    if (type->kind == "audio")
      throw Error(fmt::format("field `{}` is audio: give it as a waveform or a file, not a value", it.key()));
    present.fields[it.key()] = *it;
  }

  Sample out;
  try {
    rt::Trace trace = st.sampler->sample(ctx);
    engine::check_sample_fields(trace, present, fn);
    rt::io::check_labels(rt::io::label_rules(st.labels.schema), present.fields, {});
    // Masks are labels: they move with the image's geometry (nearest, `ignore` fill), not through its kernels.
    std::map<std::string, rt::Image> masks;
    for (auto it = images.begin(); it != images.end();) {
      if (field_of(it->first)->kind == "mask") {
        masks[it->first] = *it->second;
        it = images.erase(it);
      } else {
        ++it;
      }
    }
    {
      std::lock_guard lock(state_->apply_mu);
      state_->executor->run(trace, images, out.images);
    }
    out.fields = in.fields;
    if (st.labels.any && ctx.shapes.count(st.labels.image)) {  // labels follow an image; text and audio have none
      nlohmann::json moved = in.fields;
      engine::move_labels(st.labels, trace, ctx.shapes.at(st.labels.image), moved, masks);
      for (auto& [name, value] : moved.items()) out.fields[name] = value;
    }
    for (auto& [name, mask] : masks) out.images[name] = std::move(mask);
    out.audio = in.audio;
    for (auto& [name, s] : out.audio) s.shape = ctx.audio.at(name);  // at the field's rate
    engine::augment_audio(trace, *st.loaded.policy->sample, out.audio, out.fields);
    {
      const rt::text::TranslatorScope translator(translator_);
      engine::augment_text(trace, *st.loaded.policy->sample, {st.seed, epoch, key}, out.fields);
    }
    auto params = nlohmann::ordered_json::object();
    for (const auto& applied : trace.ops) params[applied.site] = engine::params_json(applied);
    out.fields["params"] = std::move(params);
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(fmt::format("sample `{}`: {}", key, e.what()));
  }
  return out;
}

rt::audio::Signal Policy::read_audio(const std::string& field, const std::string& path) const {
  const ir::Function& fn = state_->loaded.fn;
  const auto it = std::find_if(fn.inputs.begin(), fn.inputs.end(), [&](const auto& f) { return f.first == field; });
  if (it == fn.inputs.end() || it->second.kind != "audio")
    throw Error(fmt::format("field `{}` is not an audio field of sample `{}`", field, fn.sample));
  try {
    return rt::audio::read_audio(path, engine::audio_format(field, *state_->loaded.policy->sample));
  } catch (const std::exception& e) {
    throw Error(fmt::format("field `{}`: {}: {}", field, path, e.what()));
  }
}

Policy Policy::with_translator(std::string spec) const {
  // Known invalid before any sample runs: a ValueError in Python, not an error per sample.
  if (const std::string why = rt::text::translator_spec_error(spec); !why.empty()) throw std::invalid_argument(why);
  Policy p = *this;
  p.translator_ = std::move(spec);
  return p;
}

const std::string& Policy::name() const {
  return state_->loaded.policy->name;
}
std::uint64_t Policy::seed() const {
  return state_->seed;
}
const std::string& Policy::exec_path() const {
  return state_->exec_path;
}
std::vector<SchemaField> Policy::inputs() const {
  return field_infos(state_->loaded.fn.inputs);
}
std::vector<SchemaField> Policy::outputs() const {
  return field_infos(state_->loaded.fn.outputs);
}
const std::string& Policy::warnings() const {
  return state_->warnings;
}

nlohmann::ordered_json Policy::identity() const {
  const auto& st = *state_;
  return {{"file", st.file},        {"file_sha256", st.loaded.file_sha256},
          {"policy", name()},       {"set", st.sets},
          {"disable", st.disabled}, {"seed", st.seed},
          {"path", st.exec_path}};
}

}  // namespace auger
