#include "engine/sample_runner.h"

#include <fmt/format.h>

#include <chrono>
#include <optional>

#include "engine/required_fields.h"
#include "engine/sample_audio.h"
#include "engine/sample_io.h"
#include "engine/sample_labels.h"
#include "engine/sample_text.h"
#include "runtime/fused/fused_executor.h"
#include "runtime/io/decode.h"
#include "runtime/ops/op_record.h"
#include "runtime/text/back_translation.h"

namespace auger::engine {

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

bool is_pixel_kind(const std::string& kind) {
  return kind == "image" || kind == "mask";
}

// The stored file that holds pixel field `field`: one named after the field, else the usual names of its kind
// (a folder's "image", a WebDataset member's extension).
const std::string* blob_for(const rt::io::StoredSample& s, const std::string& field, const std::string& kind,
                            bool only_field_of_kind) {
  if (auto it = s.blobs.find(field); it != s.blobs.end()) return &it->second;
  if (!only_field_of_kind) return nullptr;
  static const std::vector<std::string> kImage = {"image", "jpg", "jpeg", "png", "webp", "bmp"};
  static const std::vector<std::string> kMask = {"mask", "seg.png", "mask.png", "png"};
  for (const auto& name : kind == "mask" ? kMask : kImage)
    if (auto it = s.blobs.find(name); it != s.blobs.end()) return &it->second;
  return nullptr;
}

// The first crop of `field` when it is one decoding can serve from a region: its box lies in the image and the op
// reads nothing outside it.
rt::AppliedOp* first_crop(rt::Trace& trace, const std::string& field) {
  for (auto& op : trace.ops) {
    bool on_field = false;
    for (const auto& t : op.targets) on_field = on_field || t == field;
    if (!on_field) continue;
    const rt::OpRecord* record = rt::find_op(op.op);
    if (record && record->region_decode && op.args.has("top") && op.args.has("left") && op.args.has("height") &&
        op.args.has("width"))
      return &op;
    return nullptr;  // the first op on the field reads the whole image
  }
  return nullptr;
}

// The largest DCT scale (8, 4, 2) at which the crop's box still has at least the crop's output size, so that the
// resize after it still shrinks (or keeps) the image; 1 when none does.
int scale_for(const rt::AppliedOp& crop, const rt::io::Region& box) {
  const auto size = crop.args.list("size");
  if (size.empty()) return 1;
  const double oh = size[0], ow = size.size() > 1 ? size[1] : size[0];
  for (int d : {8, 4, 2})
    if (box.w / d >= ow && box.h / d >= oh) return d;
  return 1;
}

// The fields a gathered sample holds: its pixel files, decoded audio and non-null values.
std::set<std::string> present_fields(const std::map<std::string, const std::string*>& blobs,
                                     const ProcessedSample& out) {
  std::set<std::string> present;
  for (const auto& [name, blob] : blobs) present.insert(name);
  for (const auto& [name, sound] : out.audio) present.insert(name);
  for (const auto& [name, value] : out.fields.items())
    if (!value.is_null()) present.insert(name);
  return present;
}

}  // namespace

SampleRunner::SampleRunner(const LoadedPolicy& policy, const sampling::PolicySampler& sampler,
                           const rt::io::Source& source, RunnerOptions options)
    : policy_(policy),
      sampler_(sampler),
      source_(source),
      options_(std::move(options)),
      executor_(make_executor(options_.path)),
      labels_(sample_labels(*policy.policy->sample)),
      label_rules_(rt::io::label_rules(labels_.schema)),
      class_names_(source.classes()) {}

void SampleRunner::run(std::size_t index, std::uint64_t epoch, ProcessedSample& out) {
  out.index = index;
  out.epoch = epoch;
  out.key = source_.key(index);
  out.origin = source_.origin(index);  // named even when reading fails
  out.error.clear();
  out.gpu.reset();
  out.gpu_refusal.clear();
  out.fields = nlohmann::ordered_json::object();
  out.params = nlohmann::ordered_json::object();
  out.times = {};
  const rt::text::TranslatorScope translator(options_.translator);
  try {
    auto t = Clock::now();
    const rt::io::StoredSample s = source_.read(index);
    out.origin = s.origin;
    out.times.read = since(t);

    sampling::SampleContext ctx;
    ctx.seed = options_.seed;
    ctx.epoch = epoch;
    ctx.key = out.key;
    std::map<std::string, rt::io::ImageInfo> infos;
    const Blobs blobs = gather(s, ctx, out, infos);
    gather_text(s, *policy_.policy->sample, out.fields);
    t = Clock::now();
    gather_audio(s, policy_.fn, *policy_.policy->sample, ctx, out.audio);  // decoded whole, before the sampler
    const double audio_decode = since(t);
    if (s.whole) require_fields(*policy_.policy->sample, present_fields(blobs, out));
    rt::io::check_labels(label_rules_, out.fields, class_names_);

    rt::Trace trace = sampler_.sample(ctx);
    for (const auto& applied : trace.ops) out.params[applied.site] = params_json(applied);
    // The labels move with the geometry as drawn, in the whole image's coordinates: decoding a region rewrites the
    // first crop's box, so they keep their own copy of the trace.
    nlohmann::json label_fields;
    std::optional<rt::Trace> label_trace;
    if (labels_.any) {
      label_fields = nlohmann::json(out.fields);
      if (auto it = infos.find(labels_.image); it != infos.end() && !s.formats.empty())
        to_schema_formats(labels_, s.formats, it->second.width, it->second.height, label_fields);
      label_trace = trace;
    }

    t = Clock::now();
    decode(blobs, ctx, trace);
    out.times.decode = since(t) + audio_decode;

    t = Clock::now();
    augment(trace, out);
    if (label_trace) {
      const rt::Shape in = ctx.shapes.count(labels_.image) ? ctx.shapes.at(labels_.image) : rt::Shape{};
      move_sample_labels(*label_trace, in, label_fields, masks_, out);
    }
    // after the labels: it moves frames
    augment_audio(trace, *policy_.policy->sample, out.audio, out.fields, options_.leave_audio_level);
    augment_text(trace, *policy_.policy->sample, {options_.seed, epoch, out.key}, out.fields);
    for (auto& [name, mask] : masks_) out.images[name] = std::move(mask);
    out.times.augment = since(t);
  } catch (const std::exception& e) {
    out.error = e.what();
  }
}

// Pixel fields: their files and header sizes (into ctx.shapes); the other fields: their values (into out.fields).
// Whether the schema's field holds one value per sample rather than a list (`class(N)`, not `class(N)[]`).
bool SampleRunner::is_per_sample(const std::string& field) const {
  const FieldInfo* f = policy_.policy && policy_.policy->sample ? policy_.policy->sample->field(field) : nullptr;
  return !f || f->list_depth == 0;
}

bool SampleRunner::is_mask(const std::string& field) const {
  for (const auto& [name, type] : policy_.fn.inputs)
    if (name == field) return type.kind == "mask";
  return false;
}

SampleRunner::Blobs SampleRunner::gather(const rt::io::StoredSample& s, sampling::SampleContext& ctx,
                                         ProcessedSample& out, std::map<std::string, rt::io::ImageInfo>& infos) const {
  const ir::Function& fn = policy_.fn;
  std::map<std::string, int> per_kind;
  for (const auto& [name, type] : fn.inputs)
    if (is_pixel_kind(type.kind)) ++per_kind[type.kind];
  Blobs blobs;
  for (const auto& [name, type] : fn.inputs) {
    if (type.kind == "audio") continue;  // gather_audio's
    if (!is_pixel_kind(type.kind)) {
      if (s.fields.contains(name))
        out.fields[name] = s.fields[name];
      else if (type.kind == "class" && is_per_sample(name) && s.fields.contains("class"))
        out.fields[name] = s.fields["class"];  // a folder's or manifest's one class per sample, not a per-box list
      continue;
    }
    const std::string* blob = blob_for(s, name, type.kind, per_kind[type.kind] == 1);
    if (!blob) {
      if (type.kind == "mask") continue;  // an absent label; the checks refuse ops that need it
      std::vector<std::string> names;
      for (const auto& [b, bytes] : s.blobs) names.push_back(b);
      throw std::runtime_error(
          fmt::format("no file for field `{}` (the sample has: {})", name,
                      names.empty() ? std::string("no files") : fmt::format("{}", fmt::join(names, ", "))));
    }
    blobs[name] = blob;
    const auto info = rt::io::probe_image(*blob, options_.max_pixels);
    infos[name] = info;
    ctx.shapes[name] = rt::Shape{type.channels(), info.height, info.width, rt::Elem::U8};
  }
  return blobs;
}

// Decodes every pixel field into decoded_; a lone image whose first op is a crop is decoded as that region only
// (and DCT-scaled with --scaled-decode), the crop's box then rewritten to the decoded pixels.
void SampleRunner::decode(const Blobs& blobs, const sampling::SampleContext& ctx, rt::Trace& trace) {
  decoded_.clear();
  for (const auto& [name, blob] : blobs) {
    rt::io::DecodeRequest req;
    req.channels = ctx.shapes.at(name).c;
    req.class_ids = is_mask(name);  // palette PNGs give their indices
    req.max_pixels = options_.max_pixels;
    rt::AppliedOp* crop = options_.region_decode && blobs.size() == 1 ? first_crop(trace, name) : nullptr;
    if (crop) {
      req.region = rt::io::Region{crop->args.integer("left"), crop->args.integer("top"), crop->args.integer("width"),
                                  crop->args.integer("height")};
      if (options_.scaled_decode) req.scale_denom = scale_for(*crop, *req.region);
    }
    rt::io::Decoded d = rt::io::decode_image(*blob, req);
    if (crop && d.scale_denom > 1) {
      // The decoded pixels are the box at 1/d: the crop takes all of them.
      crop->args.set("left", rt::ArgValue::num(0, true));
      crop->args.set("top", rt::ArgValue::num(0, true));
      crop->args.set("width", rt::ArgValue::num(d.image.w(), true));
      crop->args.set("height", rt::ArgValue::num(d.image.h(), true));
    } else if (crop && (d.region.x != 0 || d.region.y != 0)) {
      // The crop's box is in the whole image's pixels; the decoder returned only that part.
      crop->args.set("left", rt::ArgValue::num(crop->args.integer("left") - d.region.x, true));
      crop->args.set("top", rt::ArgValue::num(crop->args.integer("top") - d.region.y, true));
    }
    decoded_[name] = std::move(d.image);
  }
}

// Checks the sample's fields against what the trace's ops need, then runs the images through the executor; masks
// are set aside in masks_ (they move with the labels: nearest, `ignore` fill).
void SampleRunner::augment(const rt::Trace& trace, ProcessedSample& out) {
  LoadedSample as_loaded;
  as_loaded.key = out.key;
  as_loaded.images.swap(decoded_);
  as_loaded.audio.swap(out.audio);
  as_loaded.fields = nlohmann::json(out.fields);
  check_sample_fields(trace, as_loaded, policy_.fn);
  as_loaded.images.swap(decoded_);
  as_loaded.audio.swap(out.audio);

  masks_.clear();
  for (auto it = decoded_.begin(); it != decoded_.end();) {
    const auto* spec = labels_.schema.find(it->first);
    if (spec && spec->kind == "mask") {
      masks_[it->first] = std::move(it->second);
      it = decoded_.erase(it);
    } else {
      ++it;
    }
  }
  in_.clear();
  for (const auto& [name, img] : decoded_) in_[name] = &img;
  for (auto it = out.images.begin(); it != out.images.end();)
    it = decoded_.count(it->first) ? std::next(it) : out.images.erase(it);
  if (plan_for_gpu(trace, out)) return;
  executor_->run(trace, in_, out.images);
}

// The GPU path's sample: its decoded image and the batch kernels' plan of its image ops, when they can express
// them (the plan is made on the decoded region, whose crop box decode() rewrote, as the CPU kernels would see it).
bool SampleRunner::plan_for_gpu(const rt::Trace& trace, ProcessedSample& out) {
  if (options_.gpu_field.empty()) return false;
  const auto it = decoded_.find(options_.gpu_field);
  if (it == decoded_.end() || decoded_.size() != 1 || !masks_.empty()) {
    out.gpu_refusal = "the sample has pixel fields other than `" + options_.gpu_field + "`";
    return false;
  }
  auto plan = rt::gpu::plan_gpu_sample(rt::fused::image_ops_of(trace.ops), it->second, &out.gpu_refusal);
  if (!plan) return false;
  plan->image = nullptr;  // the image moves: the batch points the plan at it when it runs
  out.images.clear();
  out.images[options_.gpu_field] = std::move(it->second);
  out.gpu = std::move(plan);
  return true;
}

void SampleRunner::move_sample_labels(const rt::Trace& trace, const rt::Shape& in, nlohmann::json& fields,
                                      std::map<std::string, rt::Image>& masks, ProcessedSample& out) const {
  move_labels(labels_, trace, in, fields, masks);
  for (auto& [name, value] : fields.items()) out.fields[name] = value;
}

}  // namespace auger::engine
