// back_translate: the text through another language and back (runtime/text/back_translation.h); the result is
// tokenised anew. The checker rejects it on a schema with tags (rule 8); a sample that still brings tags is refused.
#include <stdexcept>

#include "runtime/text/back_translation.h"
#include "runtime/text/ops/families.h"
#include "runtime/text/tokenize.h"

namespace auger::rt::text {

namespace {

void back_translate(const Args& args, TextSample& s, Draws&) {
  if (!s.tag_fields.empty())
    throw std::runtime_error("back_translate cannot keep the tags of `" + s.tag_fields.front() + "` aligned");
  const std::string result = back_translate_text(detokenize(s), s.lang, args.text("via"));
  TextSample out = tokenize(result);
  out.lang = s.lang;
  s = std::move(out);
}

}  // namespace

std::vector<TextOp> translate_ops() {
  return {{OpId::BackTranslate, back_translate}};
}

}  // namespace auger::rt::text
