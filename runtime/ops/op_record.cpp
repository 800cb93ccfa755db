#include "runtime/ops/op_record.h"

#include <stdexcept>
#include <unordered_map>

#include "runtime/ops/geometry_maps.h"

namespace auger::rt {

namespace {

// In OpId order: id, name, modality, kernel class, statistics, region decode, geometry map. Resolve/apply come from the
// family tables (runtime/ops/reference/), joined by id below.
std::vector<OpRecord> declared() {
  return {
      {OpId::Hflip, "hflip", Modality::Image, KernelClass::Remap, "", false, geometry::mirror},
      {OpId::Vflip, "vflip", Modality::Image, KernelClass::Remap, "", false, geometry::mirror},
      {OpId::Rotate, "rotate", Modality::Image, KernelClass::Warp, "", false, geometry::warp},
      {OpId::Affine, "affine", Modality::Image, KernelClass::Warp, "", false, geometry::warp},
      {OpId::ShearX, "shear_x", Modality::Image, KernelClass::Warp, "", false, geometry::warp},
      {OpId::ShearY, "shear_y", Modality::Image, KernelClass::Warp, "", false, geometry::warp},
      {OpId::TranslateX, "translate_x", Modality::Image, KernelClass::Warp, "", false, geometry::warp},
      {OpId::TranslateY, "translate_y", Modality::Image, KernelClass::Warp, "", false, geometry::warp},
      {OpId::Perspective, "perspective", Modality::Image, KernelClass::Warp, "", false, geometry::perspective},
      {OpId::Crop, "crop", Modality::Image, KernelClass::Remap, "", false, geometry::crop},
      {OpId::CenterCrop, "center_crop", Modality::Image, KernelClass::Remap, "", false, geometry::crop},
      {OpId::RandomCrop, "random_crop", Modality::Image, KernelClass::Remap, "", false, geometry::crop},
      {OpId::RandomResizedCrop, "random_resized_crop", Modality::Image, KernelClass::Resample, "", true,
       geometry::crop},
      {OpId::Resize, "resize", Modality::Image, KernelClass::Resample, "", false, geometry::resize},
      {OpId::Pad, "pad", Modality::Image, KernelClass::Remap, "", false, geometry::pad},
      {OpId::Elastic, "elastic", Modality::Image, KernelClass::Reference, "", false, geometry::nonrigid},
      {OpId::Brightness, "brightness", Modality::Image, KernelClass::Lut, "", false},
      {OpId::Contrast, "contrast", Modality::Image, KernelClass::Mix, "the mean grey level of its input", false},
      {OpId::Saturation, "saturation", Modality::Image, KernelClass::Mix, "", false},
      {OpId::Hue, "hue", Modality::Image, KernelClass::Mix, "", false},
      {OpId::Grayscale, "grayscale", Modality::Image, KernelClass::Mix, "", false},
      {OpId::Invert, "invert", Modality::Image, KernelClass::Lut, "", false},
      {OpId::Posterize, "posterize", Modality::Image, KernelClass::Lut, "", false},
      {OpId::Solarize, "solarize", Modality::Image, KernelClass::Lut, "", false},
      {OpId::Autocontrast, "autocontrast", Modality::Image, KernelClass::Lut, "per-channel min and max of its input",
       false},
      {OpId::Equalize, "equalize", Modality::Image, KernelClass::Lut, "per-channel 256-bin histograms of its input",
       false},
      {OpId::Sharpness, "sharpness", Modality::Image, KernelClass::Stencil, "", false},
      {OpId::Gamma, "gamma", Modality::Image, KernelClass::Lut, "", false},
      {OpId::GaussianBlur, "gaussian_blur", Modality::Image, KernelClass::Stencil, "", false},
      {OpId::GaussianNoise, "gaussian_noise", Modality::Image, KernelClass::Store, "", false},
      {OpId::Cutout, "cutout", Modality::Image, KernelClass::Store, "", false},
      {OpId::RandomErasing, "random_erasing", Modality::Image, KernelClass::Store, "", false},
      {OpId::ToFloat, "to_float", Modality::Image, KernelClass::Store, "", false},
      {OpId::Normalize, "normalize", Modality::Image, KernelClass::Store, "", false},
      {OpId::Mixup, "mixup", Modality::Batch, KernelClass::Reference, "", false},
      {OpId::Cutmix, "cutmix", Modality::Batch, KernelClass::Reference, "", false},
      {OpId::Gain, "gain", Modality::Audio, KernelClass::Reference, "", false},
      {OpId::AddNoise, "add_noise", Modality::Audio, KernelClass::Reference, "", false},
      {OpId::AddBackground, "add_background", Modality::Audio, KernelClass::Reference, "", false},
      {OpId::TimeShift, "time_shift", Modality::Audio, KernelClass::Reference, "", false},
      {OpId::Speed, "speed", Modality::Audio, KernelClass::Reference, "", false},
      {OpId::PitchShift, "pitch_shift", Modality::Audio, KernelClass::Reference, "", false},
      {OpId::TimeStretch, "time_stretch", Modality::Audio, KernelClass::Reference, "", false},
      {OpId::Resample, "resample", Modality::Audio, KernelClass::Reference, "", false},
      {OpId::Melspec, "melspec", Modality::Audio, KernelClass::Reference, "", false},
      {OpId::TimeMask, "time_mask", Modality::Audio, KernelClass::Reference, "", false},
      {OpId::FreqMask, "freq_mask", Modality::Audio, KernelClass::Reference, "", false},
      {OpId::TimeWarp, "time_warp", Modality::Audio, KernelClass::Reference, "", false},
      {OpId::TokenDropout, "token_dropout", Modality::Text, KernelClass::Reference, "", false},
      {OpId::RandomSwap, "random_swap", Modality::Text, KernelClass::Reference, "", false},
      {OpId::RandomInsert, "random_insert", Modality::Text, KernelClass::Reference, "", false},
      {OpId::SynonymReplace, "synonym_replace", Modality::Text, KernelClass::Reference, "", false},
      {OpId::CharNoise, "char_noise", Modality::Text, KernelClass::Reference, "", false},
      {OpId::BackTranslate, "back_translate", Modality::Text, KernelClass::Reference, "", false},
  };
}

std::vector<OpRecord> joined() {
  std::vector<OpRecord> records = declared();
  for (std::size_t i = 0; i < records.size(); ++i)
    if (static_cast<std::size_t>(records[i].id) != i) throw std::logic_error("op records out of OpId order");
  if (records.size() != static_cast<std::size_t>(OpId::Count)) throw std::logic_error("an OpId without a record");
  for (const auto& op : image_ops()) records[static_cast<std::size_t>(op.id)].image = &op;
  for (const auto& op : batch_op_table()) records[static_cast<std::size_t>(op.id)].batch = &op;
  for (const auto& op : audio::audio_ops()) records[static_cast<std::size_t>(op.id)].audio = &op;
  for (const auto& op : text::text_ops()) records[static_cast<std::size_t>(op.id)].text = &op;
  return records;
}

}  // namespace

const std::vector<OpRecord>& op_records() {
  static const std::vector<OpRecord> records = joined();
  return records;
}

const OpRecord& op_record(OpId id) {
  return op_records().at(static_cast<std::size_t>(id));
}

const OpRecord* find_op(std::string_view name) {
  static const std::unordered_map<std::string_view, const OpRecord*> by_name = [] {
    std::unordered_map<std::string_view, const OpRecord*> out;
    for (const auto& r : op_records()) out.emplace(r.name, &r);
    return out;
  }();
  const auto it = by_name.find(name);
  return it == by_name.end() ? nullptr : it->second;
}

OpId op_id(std::string_view name) {
  const OpRecord* r = find_op(name);
  return r ? r->id : OpId::Count;
}

}  // namespace auger::rt
