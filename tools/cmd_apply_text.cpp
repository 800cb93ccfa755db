#include "tools/cmd_apply_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "engine/output_key.h"
#include "engine/run_output.h"
#include "engine/sample_io.h"
#include "engine/text_fields.h"
#include "runtime/io/source_detail.h"
#include "runtime/text/run_text.h"
#include "runtime/text/tokenize.h"

namespace auger::cli {

namespace fs = std::filesystem;

namespace {

// The file's lines without their `\n` (and a `\r` before it); a final newline ends the last line.
std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream buf;
  buf << in.rdbuf();
  // Split as `run` and the Loader split a .txt source, so a line's key NAME:LINE names the same line everywhere.
  std::vector<std::string> lines = rt::io::detail::split_text_lines(buf.str());
  if (lines.empty()) throw std::runtime_error("the file has no lines");
  return lines;
}

const FieldInfo& text_field(const SchemaInfo& schema) {
  const auto texts = schema.of_kind(FieldKind::Text);
  if (texts.size() != 1)
    throw std::runtime_error(
        fmt::format("a .txt file needs a schema with exactly one text field (`{}` has {}); give sample files NAME.json",
                    schema.name, texts.size()));
  return *texts.front();
}

// A string as JSON text, quoted and escaped as nlohmann's dump() writes it (printable ASCII without `"` and `\`,
// keys and sites as a rule, needs no escaping; the rest goes through nlohmann).
std::string json_string(const std::string& s) {
  const bool plain =
      std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; });
  if (!plain) return nlohmann::json(s).dump();
  std::string out;
  out.reserve(s.size() + 2);
  return out.append(1, '"').append(s).append(1, '"');
}

bool same_bits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

// Whether two ops' params serialise alike: same op, same arguments (numbers bit for bit).
bool same_params(const rt::AppliedOp& a, const rt::AppliedOp& b) {
  const auto &x = a.args.items(), &y = b.args.items();
  if (a.op != b.op || x.size() != y.size()) return false;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const rt::ArgValue &u = x[i].second, &v = y[i].second;
    if (x[i].first != y[i].first || u.kind != v.kind || u.is_int != v.is_int || !same_bits(u.number, v.number) ||
        u.text != v.text || u.boolean != v.boolean || u.list.size() != v.list.size() ||
        !std::equal(u.list.begin(), u.list.end(), v.list.begin(), same_bits))
      return false;
  }
  return true;
}

// Runs the policy on one line after another.
class LineRunner {
 public:
  LineRunner(const TextFileRun& run, const FieldInfo& field) : run_(run), field_(field) {}

  // One line as a sample keyed NAME:LINE; returns its text after the policy and appends its `"params":{…}` member
  // to `record` (the JSON of {"line", "key", "params"} as nlohmann's dump() writes it, built as text: a JSON tree
  // per line cost more than augmenting the line).
  std::string run(const std::string& key, const std::string& line, std::string& record) {
    engine::TextFields text = engine::take_text_line(line, field_);
    sampling::SampleContext ctx;
    ctx.seed = run_.seed;
    ctx.epoch = run_.epoch;
    ctx.key = key;
    const rt::Trace trace = run_.sampler.sample(ctx);
    rt::text::run_text(trace, {run_.seed, run_.epoch, key}, text.texts);
    // By site, in first-run order, a site run again keeping its last params (as an ordered_json object would).
    std::vector<std::pair<const std::string*, const std::string*>> params;
    for (const auto& applied : trace.ops) {
      auto it = std::find_if(params.begin(), params.end(), [&](const auto& p) { return *p.first == applied.site; });
      if (it == params.end()) it = params.insert(params.end(), {&applied.site, nullptr});
      it->second = &params_text(applied);
    }
    record += ",\"params\":{";
    for (std::size_t i = 0; i < params.size(); ++i)
      record.append(i ? "," : "").append(json_string(*params[i].first)).append(":").append(*params[i].second);
    record += "}";
    return rt::text::detokenize(text.texts.at(field_.name));
  }

 private:
  // params_json(applied).dump(), reused while the site's op and arguments stay the same: a text policy's arguments
  // are mostly constants, and serialising them anew took a tenth of a line's time.
  const std::string& params_text(const rt::AppliedOp& applied) {
    auto& [last, text] = last_[applied.site];
    if (text.empty() || !same_params(last, applied)) {
      last.op = applied.op;
      last.args = applied.args;
      text = engine::params_json(applied).dump();
    }
    return text;
  }

  const TextFileRun& run_;
  const FieldInfo& field_;
  std::unordered_map<std::string, std::pair<rt::AppliedOp, std::string>> last_;
};

}  // namespace

bool is_text_file(const std::string& input) {
  auto ext = fs::path(input).extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".txt";
}

std::size_t apply_text_file(const TextFileRun& run, const std::string& input) {
  const std::string name = fs::path(input).stem().string();
  const engine::SafeKey safe = engine::safe_output_key(name);
  if (!safe.ok()) throw std::runtime_error(safe.error);
  LineRunner runner(run, text_field(*run.lp.policy->sample));
  const auto lines = read_lines(input);
  std::string out;
  std::vector<std::string> records;
  std::size_t failed = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string number = std::to_string(i + 1);
    const std::string key = name + ":" + number;
    std::string record = "{\"line\":" + number + ",\"key\":" + json_string(key);
    try {
      out += runner.run(key, lines[i], record);
    } catch (const std::exception& e) {
      record += ",\"error\":" + json_string(e.what());
      std::cerr << fmt::format("error: {}:{}: {}\n", input, i + 1, e.what());
      ++failed;
    }
    out += '\n';
    records.push_back(std::move(record) + "}");
  }
  // One line of JSON per input line, so a file of many lines stays readable and quick to write.
  std::string js = "{\n  \"key\": " + nlohmann::json(name).dump() + ",\n  \"failed\": " + std::to_string(failed) +
                   ",\n  \"identity\": " + run.identity.dump() + ",\n  \"lines\": [";
  for (std::size_t i = 0; i < records.size(); ++i) js += (i ? ",\n    " : "\n    ") + records[i];
  js += "\n  ]\n}\n";
  // Written as folder output is (engine/run_output.h): whole files, never through a symbolic link in DIR.
  engine::write_files(run.out, {{safe.key + ".txt", std::move(out)}, {safe.key + ".json", std::move(js)}});
  return failed;
}

}  // namespace auger::cli
