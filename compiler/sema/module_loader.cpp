// Loading modules: the prelude (stdlib/std/prims*.aug), `import std.x`, `import "file.aug"`, cycles.
#include <fmt/format.h>

#include <filesystem>

#include "compiler/base/limits.h"
#include "compiler/sema/checker.h"
#include "compiler/sema/stdlib_files.h"
#include "compiler/syntax/parser.h"

namespace auger {

namespace fs = std::filesystem;

Checker::Checker(SourceManager& s, DiagEngine& engine, const CheckOptions& o)
    : sources(s), diags(engine), options(o), sink_(&engine) {
  load_prelude();
}

Checker::~Checker() = default;

Module* Checker::load_prelude() {
  // Read every prims module first, then check them together: they share enums.
  std::vector<std::pair<std::string, std::string>> files;  // name, text
  if (options.stdlib_dir) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(*options.stdlib_dir, ec)) {
      auto stem = entry.path().stem().string();
      if (entry.path().extension() == ".aug" && stem.rfind("prims", 0) == 0) files.emplace_back(stem, "");
    }
    std::sort(files.begin(), files.end());
  } else {
    for (const auto& f : stdlib_files()) {
      if (f.name.rfind("prims", 0) == 0) files.emplace_back(std::string(f.name), std::string(f.text));
    }
  }
  for (auto& [stem, text] : files) {
    auto m = std::make_unique<Module>();
    m->name = "std." + stem;
    m->is_stdlib = true;
    if (options.stdlib_dir) {
      auto path = (fs::path(*options.stdlib_dir) / (stem + ".aug")).string();
      auto id = sources.load(path);
      if (!id) continue;
      m->file = *id;
    } else {
      m->file = sources.add("<stdlib>/std/" + stem + ".aug", text);
    }
    m->ast = parse_file(sources, m->file, d());
    collect(*m);
    by_key_[m->name] = m.get();
    prelude_.push_back(m.get());
    modules_.push_back(std::move(m));
  }
  for (auto* m : prelude_) {
    for (const auto& [name, sym] : m->own) {
      if (sym.kind != SymbolKind::Op) continue;
      // Two prims files declaring one op: the later one must not silently replace the first's contract.
      if (auto [it, fresh] = prelude_ops_.emplace(name, sym.op); !fresh) {
        d().report(DiagId::DuplicateDecl, sym.span, name)
            .note(it->second->name_span, fmt::format("the op `{}` is declared here", name));
      }
    }
  }
  for (auto* m : prelude_) check_declarations(*m);
  return prelude_.empty() ? nullptr : prelude_.front();
}

const OpInfo* Checker::prelude_op(const std::string& name) const {
  auto it = prelude_ops_.find(name);
  return it == prelude_ops_.end() ? nullptr : it->second;
}

void Checker::forget_user_modules() {
  std::erase_if(by_key_, [](const auto& kv) { return !kv.second->is_stdlib; });
  std::erase_if(used_imports_, [](const auto& p) { return !p.first->is_stdlib; });
  // Before the modules go: a later module may reuse a freed one's address.
  std::erase_if(consts_failed_, [](const auto& p) { return !p.first->is_stdlib; });
  const_depth_reported_ = false;
  value_limit_reported_.clear();
  consts_in_progress_.clear();
  in_progress_.clear();
  import_stack_.clear();
  std::erase_if(modules_, [](const auto& m) { return !m->is_stdlib; });
}

std::vector<const OpInfo*> Checker::prelude_ops() const {
  std::vector<const OpInfo*> out;
  for (const auto* m : prelude_) {
    for (const auto& op : m->ops) out.push_back(op.get());
  }
  return out;
}

Module* Checker::load_stdlib_module(const std::string& dotted, Span span) {
  if (auto it = by_key_.find(dotted); it != by_key_.end()) return it->second;
  auto stem = dotted.substr(4);  // after "std."
  auto m = std::make_unique<Module>();
  m->name = dotted;
  m->is_stdlib = true;
  if (options.stdlib_dir) {
    auto path = (fs::path(*options.stdlib_dir) / (stem + ".aug")).string();
    std::string why;
    auto id = sources.load(path, &why);
    if (!id) {
      d().report(DiagId::ImportNotFound, span, dotted)
          .note({}, "searched the stdlib folder " + *options.stdlib_dir + " (`" + path + "`: " + why + ")");
      return nullptr;
    }
    m->file = *id;
  } else {
    const StdlibFile* found = nullptr;
    std::vector<std::string> names;
    for (const auto& f : stdlib_files()) {
      if (f.name.rfind("prims", 0) == 0) continue;
      names.push_back("std." + std::string(f.name));
      if (f.name == stem) found = &f;
    }
    if (!found) {
      auto& diag = d().report(DiagId::ImportNotFound, span, dotted);
      auto best = closest(dotted, names);
      if (!best.empty()) diag.fix(span, best, "did you mean `" + best + "`?");
      std::string all;
      for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
      diag.note({}, "the stdlib modules are: " + all);
      return nullptr;
    }
    m->file = sources.add("<stdlib>/std/" + stem + ".aug", std::string(found->text));
  }
  return process(std::move(m));
}

Module* Checker::load_file_module(const std::string& path, Span span) {
  std::error_code ec;
  auto key = fs::weakly_canonical(path, ec).string();
  if (ec) key = path;
  if (in_progress_.count(key)) {
    std::string chain;
    bool on = false;
    for (const auto& k : import_stack_) {
      if (k == key) on = true;
      if (on) chain += fs::path(k).filename().string() + " → ";
    }
    chain += fs::path(key).filename().string();
    d().report(DiagId::ImportCycle, span, chain);
    return nullptr;
  }
  if (auto it = by_key_.find(key); it != by_key_.end()) return it->second;
  // Each nested import is a nested load (parse, check, import): bound the recursion.
  if (import_stack_.size() >= limits::kMaxImportDepth) {
    d().report(DiagId::LimitExceeded, span, "imports nest too deeply",
               std::to_string(limits::kMaxImportDepth) + " files, each importing the next")
        .note({}, "imported through " + fs::path(import_stack_.front()).filename().string() + " → … → " +
                      fs::path(import_stack_.back()).filename().string());
    return nullptr;
  }
  std::string why;
  auto id = sources.load(path, &why);
  if (!id) {
    // An import that was found but cannot be read (a FIFO, too large) is E0002 at the import, like a file
    // named on the command line.
    d().report(DiagId::FileNotReadable, span, path, why).path = path;
    return nullptr;
  }
  auto m = std::make_unique<Module>();
  m->name = path;
  m->file = *id;
  in_progress_.insert(key);
  import_stack_.push_back(key);
  by_key_[key] = m.get();
  auto* out = process(std::move(m));
  import_stack_.pop_back();
  in_progress_.erase(key);
  return out;
}

Module* Checker::process(std::unique_ptr<Module> owned) {
  Module& m = *owned;
  modules_.push_back(std::move(owned));
  by_key_[m.name] = &m;
  m.ast = parse_file(sources, m.file, d());
  collect(m);
  resolve_imports(m);
  check_declarations(m);
  report_unused_imports(m);
  m.checked = true;
  return &m;
}

void Checker::resolve_imports(Module& m) {
  if (!m.ast) return;
  auto dir = fs::path(sources.path(m.file)).parent_path();
  for (const auto& imp : m.ast->imports) {
    Module* target = nullptr;
    if (!imp.is_path) {
      if (imp.target.rfind("std.", 0) != 0) {
        auto& diag = d().report(DiagId::ImportNotFound, imp.target_span, imp.target);
        diag.note({},
                  "module names start with `std.`; import a file with a string: `import \"" + imp.target + ".aug\"`");
        continue;
      }
      target = load_stdlib_module(imp.target, imp.target_span);
    } else {
      std::vector<fs::path> candidates = {dir / imp.target};
      for (const auto& inc : options.include_paths) candidates.push_back(fs::path(inc) / imp.target);
      std::error_code ec;
      fs::path found;
      // Anything there but a folder is the import: a FIFO or a device is then refused by the loader (E0002)
      // rather than reported as missing.
      for (const auto& c : candidates) {
        if (fs::exists(c, ec) && !fs::is_directory(c, ec)) {
          found = c;
          break;
        }
      }
      if (found.empty()) {
        auto& diag = d().report(DiagId::ImportNotFound, imp.target_span, imp.target);
        std::string where;
        for (const auto& c : candidates) where += (where.empty() ? "" : ", ") + c.string();
        diag.note({}, "looked for " + where);
        for (const auto& c : candidates) {
          if (fs::is_directory(c, ec)) {
            diag.note({}, "`" + c.string() + "` is a folder; import a `.aug` file in it");
            break;
          }
        }
        continue;
      }
      target = load_file_module(found.string(), imp.target_span);
    }
    if (target) {
      m.imports.push_back(target);
      m.import_spans.push_back(imp.span);
    }
  }
}

const Symbol* Checker::lookup(Module& m, const std::string& name) {
  if (auto it = m.own.find(name); it != m.own.end()) return &it->second;
  for (auto* imp : m.imports) {
    if (auto it = imp->own.find(name); it != imp->own.end()) {
      used_imports_.insert({&m, imp});
      return &it->second;
    }
  }
  for (auto* p : prelude_) {
    if (auto it = p->own.find(name); it != p->own.end()) return &it->second;
  }
  return nullptr;
}

std::vector<std::string> Checker::visible_names(Module& m, std::optional<SymbolKind> kind) {
  std::vector<std::string> out;
  auto add = [&](const Module& mod) {
    for (const auto& [n, s] : mod.own) {
      if (!kind || s.kind == *kind) out.push_back(n);
    }
  };
  add(m);
  for (auto* imp : m.imports) add(*imp);
  for (auto* p : prelude_) add(*p);
  return out;
}

Module* Checker::check_path(const std::string& path, Span import_span) {
  return load_file_module(path, import_span);
}

void Checker::report_unused_imports(Module& m) {
  for (std::size_t i = 0; i < m.imports.size(); ++i) {
    if (used_imports_.count({&m, m.imports[i]})) continue;
    auto span = m.import_spans[i];
    // Name the import as written (`Inputs/lib/x.aug`), not as the path it was found at.
    std::string written = m.imports[i]->name;
    if (m.ast) {
      for (const auto& imp : m.ast->imports) {
        if (imp.span.file == span.file && imp.span.begin == span.begin) written = imp.target;
      }
    }
    d().report(DiagId::UnusedImport, span, written).fix(span, "", "remove the import");
  }
}

Module* Checker::check_buffer(const std::string& name, std::string text) {
  auto m = std::make_unique<Module>();
  m->name = name;
  m->file = sources.add(name, std::move(text));
  return process(std::move(m));
}

}  // namespace auger
