#include "api/policy_audio.h"

#include <fmt/format.h>

#include <cmath>

#include "api/auger.h"
#include "engine/sample_audio.h"

namespace auger::detail {

namespace {

const ir::FieldType* input_field(const ir::Function& fn, const std::string& name) {
  for (const auto& [n, t] : fn.inputs)
    if (n == name) return &t;
  return nullptr;
}

}  // namespace

void bind_audio(const std::map<std::string, rt::audio::Signal>& audio, const ir::Function& fn, const SchemaInfo& schema,
                sampling::SampleContext& ctx, engine::LoadedSample& present) {
  for (const auto& [name, s] : audio) {
    const ir::FieldType* type = input_field(fn, name);
    if (!type || type->kind != "audio")
      throw Error(fmt::format("field `{}` is not an audio field of sample `{}`", name, fn.sample));
    const rt::audio::FieldFormat format = engine::audio_format(name, schema);
    if (s.shape.spectrogram || s.shape.rows != format.channels || s.shape.cols == 0 ||
        s.data.size() != static_cast<std::size_t>(s.shape.rows) * s.shape.cols)
      throw Error(fmt::format("field `{}` takes a {} waveform ({}) with at least one sample, not {} x {}", name,
                              format.channels == 1 ? "mono" : "stereo",
                              format.channels == 1 ? "[T] or [1, T]" : "[2, T]", s.shape.rows, s.shape.cols));
    for (float v : s.data)
      if (!std::isfinite(v)) throw Error(fmt::format("field `{}`: the waveform holds NaN or infinite samples", name));
    rt::audio::AudioShape shape = s.shape;
    shape.rate = format.rate;
    ctx.audio[name] = shape;
    present.audio[name].shape = shape;
  }
}

}  // namespace auger::detail
