// auger-refop: runs one reference op on a .npy image — the harness the conformance tests drive against
// torchvision. Usage: auger-refop OP IN.npy OUT.npy [name=value]… [--seed S] [--key K] [--resolve-only N]
// Values: numbers (`30`, `-0.5`, `50%`), lists (`[1,2,3]`), booleans (`true`/`false`), anything else an enum.
// Prints the resolved arguments (after the op's own draws) as one JSON object on stdout.
// With --resolve-only N it runs only the op's resolve on IN's shape, once per sample key "k0" … "k{N-1}"
// (DrawStream(seed, 0, key, "0")), prints one JSON object per line and writes nothing: the distribution tests
// compare these draws with torchvision's.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "runtime/io/npy.h"
#include "runtime/ops/image_op.h"

namespace {

using auger::rt::ArgValue;

bool parse_number(const std::string& s, double* out, bool* fraction) {
  std::string t = s;
  *fraction = !t.empty() && t.back() == '%';
  if (*fraction) t.pop_back();
  char* end = nullptr;
  *out = std::strtod(t.c_str(), &end);
  if (end == t.c_str() || *end != '\0') return false;
  if (*fraction) *out /= 100;
  return true;
}

ArgValue parse_value(const std::string& s) {
  if (s == "true" || s == "false") return ArgValue::of_bool(s == "true");
  if (!s.empty() && s.front() == '[') {
    // `[10%,-25%]`: a list of fractions (ArgValue has one `%` flag for the whole list).
    std::vector<double> items;
    int fractions = 0;
    std::stringstream ss(s.substr(1, s.size() - 2));
    for (std::string item; std::getline(ss, item, ',');) {
      double v = 0;
      bool fraction = false;
      if (!parse_number(item, &v, &fraction)) throw std::invalid_argument("bad list item `" + item + "`");
      items.push_back(v);
      fractions += fraction ? 1 : 0;
    }
    if (fractions != 0 && fractions != static_cast<int>(items.size()))
      throw std::invalid_argument("a list is all `%` values or none");
    ArgValue a = ArgValue::of_list(items);
    a.fraction = fractions != 0;
    return a;
  }
  double v = 0;
  bool fraction = false;
  if (parse_number(s, &v, &fraction)) {
    ArgValue a = ArgValue::num(v, s.find_first_of(".e%") == std::string::npos);
    a.fraction = fraction;
    return a;
  }
  return ArgValue::of_enum(s);
}

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

void print_json(const auger::rt::Args& args) {
  std::string out = "{";
  bool first = true;
  for (const auto& [k, v] : args.items()) {
    out += first ? "\"" : ", \"";
    out += k;
    out += "\": ";
    first = false;
    switch (v.kind) {
      case ArgValue::Kind::Number: out += number_text(v.number); break;
      case ArgValue::Kind::Bool: out += v.boolean ? "true" : "false"; break;
      case ArgValue::Kind::Enum:
        out += '"';
        out += v.text;
        out += '"';
        break;
      case ArgValue::Kind::List: {
        out += "[";
        for (std::size_t i = 0; i < v.list.size(); ++i) {
          if (i) out += ", ";
          out += number_text(v.list[i]);
        }
        out += "]";
        break;
      }
    }
  }
  out += "}\n";
  std::cout << out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: auger-refop OP IN.npy OUT.npy [name=value]... [--seed S] [--key K] [--resolve-only N]\n";
    return 2;
  }
  const auto* op = auger::rt::find_image_op(argv[1]);
  if (!op) {
    std::cerr << "auger-refop: no reference op `" << argv[1] << "`\n";
    return 2;
  }
  std::uint64_t seed = 0;
  std::string key = "sample";
  long resolve_only = -1;
  auger::rt::Args args;
  for (int i = 4; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--seed" && i + 1 < argc) {
      seed = std::stoull(argv[++i]);
    } else if (a == "--key" && i + 1 < argc) {
      key = argv[++i];
    } else if (a == "--resolve-only" && i + 1 < argc) {
      resolve_only = std::stol(argv[++i]);
    } else if (auto eq = a.find('='); eq != std::string::npos) {
      try {
        args.set(a.substr(0, eq), parse_value(a.substr(eq + 1)));
      } catch (const std::exception& e) {
        std::cerr << "auger-refop: `" << a << "`: " << e.what() << "\n";
        return 2;
      }
    } else {
      std::cerr << "auger-refop: expected name=value, got `" << a << "`\n";
      return 2;
    }
  }
  try {
    auto img = auger::rt::read_npy(argv[2]);
    if (resolve_only >= 0) {
      for (long i = 0; i < resolve_only; ++i) {
        auger::rt::Args resolved = args;
        std::string sample = "k";
        sample += std::to_string(i);
        op->resolve(resolved, img.shape, auger::rng::DrawStream(seed, 0, sample, "0"));
        print_json(resolved);
      }
      return 0;
    }
    auger::rng::DrawStream draws(seed, 0, key, "0");
    op->resolve(args, img.shape, draws);
    op->apply(args, img);
    auger::rt::write_npy(argv[3], img);
    print_json(args);
  } catch (const std::exception& e) {
    std::cerr << "auger-refop: " << e.what() << "\n";
    return 3;
  }
  return 0;
}
