// Which picture or table `auger preview` makes: it follows the policy's sample schema (an image, audio or text
// field) and the extension of -o (docs/cli.md "auger preview").
#pragma once

#include <string>

#include "compiler/sema/schema.h"

namespace auger::cli {

enum class PreviewKind { Image, Audio, TextHtml, TextPlain };

struct PreviewKindChoice {
  PreviewKind kind = PreviewKind::Image;
  std::string error;  // non-empty: -o does not fit the schema (a usage error), and why
};

// A picture (.png, .jpg, .jpeg, .webp, .bmp) for a schema with an image field, else one with an audio field; an
// HTML table (.html, .htm) or a plain-text one (.txt, or `-` for stdout) for a schema with a text field and no
// image field.
PreviewKindChoice preview_kind(const std::string& out, const SchemaInfo& schema);

}  // namespace auger::cli
