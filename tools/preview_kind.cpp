#include "tools/preview_kind.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <string_view>

namespace auger::cli {

namespace {

std::string lower_extension(const std::string& out) {
  auto ext = std::filesystem::path(out).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

bool is_picture(std::string_view ext) {
  static constexpr std::array<std::string_view, 5> kPictures = {".png", ".jpg", ".jpeg", ".webp", ".bmp"};
  return std::find(kPictures.begin(), kPictures.end(), ext) != kPictures.end();
}

PreviewKindChoice refuse(std::string why) {
  return {PreviewKind::Image, std::move(why)};
}

}  // namespace

PreviewKindChoice preview_kind(const std::string& out, const SchemaInfo& schema) {
  const std::string ext = lower_extension(out);
  const bool image = schema.has(FieldKind::Image), audio = schema.has(FieldKind::Audio),
             text = schema.has(FieldKind::Text);
  const bool html = ext == ".html" || ext == ".htm", plain = out == "-" || ext == ".txt";
  if (is_picture(ext)) {
    if (image) return {PreviewKind::Image, ""};
    if (audio) return {PreviewKind::Audio, ""};
    if (text)
      return refuse(
          fmt::format("-o {}: sample `{}` holds text, which preview shows as a table: -o NAME.html (HTML), "
                      "-o NAME.txt or -o - (plain text)",
                      out, schema.name));
    return refuse(fmt::format("-o {}: sample `{}` has no image, audio or text field to preview", out, schema.name));
  }
  if (html || plain) {
    if (text && !image) return {html ? PreviewKind::TextHtml : PreviewKind::TextPlain, ""};
    if (image || audio)
      return refuse(
          fmt::format("-o {}: a table is for text policies; sample `{}` has {} field: write a picture, "
                      "-o NAME.png",
                      out, schema.name, image ? "an image" : "an audio"));
    return refuse(fmt::format("-o {}: sample `{}` has no image, audio or text field to preview", out, schema.name));
  }
  return refuse(fmt::format(
      "-o {}: preview writes a picture (.png, .jpg, .webp, .bmp) for image and audio policies, or a table for text "
      "policies (.html, .txt, or - for stdout)",
      out));
}

}  // namespace auger::cli
