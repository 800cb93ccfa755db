#include "engine/text_fields.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "runtime/text/tokenize.h"

namespace auger::engine {

namespace {

// A tags list as strings; `ids` says whether it was given as class ids.
std::vector<std::string> tag_strings(const nlohmann::json& list, const std::string& field, bool& ids) {
  if (!list.is_array()) throw std::runtime_error(fmt::format("field `{}` must be a list of tags", field));
  ids = !list.empty() && std::all_of(list.begin(), list.end(), [](const auto& v) { return v.is_number_integer(); });
  std::vector<std::string> out;
  for (const auto& v : list) {
    if (v.is_string())
      out.push_back(v.get<std::string>());
    else if (v.is_number_integer())
      out.push_back(std::to_string(v.get<long long>()));
    else
      throw std::runtime_error(
          fmt::format("field `{}`: a tag must be a string or a class id, not {}", field, v.dump()));
  }
  return out;
}

// An inserted tag in a field of class ids: a number as it is, `O` as class 0 (CoNLL's and the Hugging Face
// datasets' id of the outside tag), held to `tags(classes)[]`'s range as the input's ids are.
nlohmann::json tag_value(const std::string& tag, bool ids, const std::string& field, int classes) {
  if (!ids) return tag;
  if (tag == "O") return 0;
  long long v = 0;
  try {
    std::size_t used = 0;
    v = std::stoll(tag, &used);
    if (used != tag.size()) throw std::invalid_argument(tag);
  } catch (const std::exception&) {
    throw std::runtime_error(
        fmt::format("field `{}` holds class ids, and the inserted tag `{}` is not one", field, tag));
  }
  if (v < 0 || (classes > 0 && v >= classes))
    throw std::runtime_error(
        fmt::format("field `{}`: the inserted tag {} is outside tags({})[] (0..{})", field, v, classes, classes - 1));
  return v;
}

// A text field's tokens, an error naming the field.
// The tokens as the ops see them, for a tag-count mismatch: `我 | 喜欢 | 北京 | and | Tokyo` shows where a script
// without spaces was split, which no rule of thumb in a message could. The first 12, then how many more.
std::string token_listing(const std::vector<rt::text::Token>& tokens) {
  constexpr std::size_t kShown = 12;
  std::string out;
  for (std::size_t i = 0; i < tokens.size() && i < kShown; ++i) out += (i ? " | " : "") + tokens[i].text;
  if (tokens.size() > kShown) out += fmt::format(" | … ({} more)", tokens.size() - kShown);
  return out;
}

rt::text::TextSample tokenize_field(const FieldInfo& f, const std::string& text) {
  try {
    rt::text::TextSample s = rt::text::tokenize(text);
    s.lang = f.lang;
    return s;
  } catch (const std::exception& e) {
    throw std::runtime_error(fmt::format("field `{}`: {}", f.name, e.what()));
  }
}

}  // namespace

TextFields take_text_line(const std::string& text, const FieldInfo& field) {
  TextFields out;
  out.texts.emplace(field.name, tokenize_field(field, text));
  return out;
}

TextFields take_text_fields(const nlohmann::json& fields, const SchemaInfo& schema) {
  TextFields out;
  const auto texts = schema.of_kind(FieldKind::Text);
  for (const FieldInfo* f : texts) {
    auto it = fields.find(f->name);
    if (it == fields.end() || it->is_null()) continue;
    if (!it->is_string()) throw std::runtime_error(fmt::format("field `{}` must be a string", f->name));
    out.texts[f->name] = tokenize_field(*f, it->get_ref<const std::string&>());
  }
  for (const FieldInfo* f : schema.of_kind(FieldKind::Tags)) {
    auto it = fields.find(f->name);
    if (it == fields.end() || it->is_null()) continue;
    if (texts.size() != 1)
      throw std::runtime_error(fmt::format("tags field `{}` needs exactly one text field to follow (`{}` has {})",
                                           f->name, schema.name, texts.size()));
    auto text = out.texts.find(texts.front()->name);
    if (text == out.texts.end())
      throw std::runtime_error(
          fmt::format("tags field `{}` is given without its text field `{}`", f->name, texts.front()->name));
    bool ids = false;
    const auto tags = tag_strings(*it, f->name, ids);
    auto& tokens = text->second.tokens;
    if (tags.size() != tokens.size())
      throw std::runtime_error(fmt::format(
          "field `{}` has {} tags for the {} tokens of `{}`: {} (tokens are runs of non-whitespace characters, "
          "split further at ICU's word boundaries in scripts written without spaces, such as Chinese, Japanese or "
          "Thai; docs/text.md)",
          f->name, tags.size(), tokens.size(), text->first, token_listing(tokens)));
    for (std::size_t i = 0; i < tokens.size(); ++i) tokens[i].tags.push_back(tags[i]);
    text->second.tag_fields.push_back(f->name);
    if (ids) out.int_tag_fields.push_back(f->name);
    out.tag_classes[f->name] = f->classes;
  }
  return out;
}

void require_text_targets(const rt::Trace& trace, const TextFields& t, const SchemaInfo& schema) {
  for (const auto& applied : trace.ops)
    for (const auto& target : applied.targets) {
      const FieldInfo* f = schema.field(target);
      if (f && f->kind == FieldKind::Text && !t.texts.count(target))
        throw std::runtime_error(fmt::format("`{}` (site {}) needs field `{}`, which this sample does not have",
                                             applied.op, applied.site, target));
    }
}

void put_text_fields(const TextFields& t, nlohmann::json& fields) {
  for (const auto& [name, sample] : t.texts) {
    fields[name] = rt::text::detokenize(sample);
    for (std::size_t k = 0; k < sample.tag_fields.size(); ++k) {
      const std::string& field = sample.tag_fields[k];
      const bool ids = std::count(t.int_tag_fields.begin(), t.int_tag_fields.end(), field) > 0;
      auto list = nlohmann::json::array();
      const auto n = t.tag_classes.find(field);
      const int classes = n == t.tag_classes.end() ? 0 : n->second;
      for (const auto& token : sample.tokens) list.push_back(tag_value(token.tags[k], ids, field, classes));
      fields[field] = std::move(list);
    }
  }
}

}  // namespace auger::engine
