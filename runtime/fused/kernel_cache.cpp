#include "runtime/fused/kernel_cache.h"

#include <dlfcn.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "HalideRuntime.h"
#include "runtime/fused/aot_kernels.h"
#include "runtime/fused/pipeline_builder.h"

namespace auger::rt::fused {

namespace fs = std::filesystem;

namespace {

std::atomic<std::uint64_t> g_compilations{0};
std::atomic<std::uint64_t> g_compile_micros{0};

// The message of the last Halide error on this thread, from the runtime of whichever kernel raised it.
thread_local std::string t_last_error;
void record_halide_error(void*, const char* msg) {
  t_last_error = msg ? msg : "";
}

std::uint64_t fnv1a(const std::string& s) {
  std::uint64_t h = 0xCBF29CE484222325ULL;
  for (unsigned char ch : s) {
    h ^= ch;
    h *= 0x100000001B3ULL;
  }
  return h;
}

std::string hex(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

// The identity of a compiled kernel on disk: its structure and the exact target it was compiled for.
std::string disk_key(const std::string& structure) {
  return structure + "\n" + kernel_target().to_string();
}

char slot_letter(ArgKind k) {
  return k == ArgKind::Buffer ? 'B' : k == ArgKind::Int ? 'I' : 'F';
}

// A kernel compiled ahead of time (linked in, or loaded from a shared object): its argv entry point, called directly.
class DirectKernel final : public CompiledKernel {
 public:
  using Argv = int (*)(void**);
  DirectKernel(std::string structure, std::vector<ArgSlot> slots, Argv fn) : fn_(fn) {
    structure_ = std::move(structure);
    slots_ = std::move(slots);
  }
  // A shared object stays loaded for the life of the process: kernels are few and reused.
  void run(const KernelCall& call) const override {
    auto argv = call.argv(slots_);
    t_last_error.clear();
    if (fn_(argv.data()) != 0)
      throw std::runtime_error("fused kernel failed: " + (t_last_error.empty() ? structure_ : t_last_error));
  }
  [[nodiscard]] bool jit() const override { return false; }

 private:
  Argv fn_;
};

// The fallback: a JIT-compiled pipeline, called through realize() with a ParamMap (thread-safe, but with more
// per-call overhead than a direct call).
class JitKernel final : public CompiledKernel {
 public:
  JitKernel(std::string structure, BuiltKernel built) : built_(std::move(built)), target_(kernel_target()) {
    structure_ = std::move(structure);
    slots_ = built_.params->slots();
    built_.pipeline.compile_jit(target_);
  }
  void run(const KernelCall& call) const override {
    try {
      Halide::Buffer<> out(*call.output());
      auto pipeline = built_.pipeline;  // a handle: realize() is const-correct only on a copy
      pipeline.realize(out, target_, built_.params->param_map(call));
    } catch (const Halide::Error& e) {
      throw std::runtime_error(std::string("fused kernel failed: ") + e.what());
    }
  }
  [[nodiscard]] bool jit() const override { return true; }

 private:
  BuiltKernel built_;
  Halide::Target target_;
};

void write_text(const fs::path& path, const std::string& text) {
  const fs::path tmp = path.string() + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + tmp.string());
  }
  fs::rename(tmp, path);
}

// Reads <hash>.txt: "key" lines (the disk key) and "slot K name" lines.
bool read_meta(const fs::path& path, std::string* key, std::vector<ArgSlot>* slots) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line, k;
  while (std::getline(in, line)) {
    if (line.rfind("key ", 0) == 0) {
      if (!k.empty()) k += '\n';
      k += line.substr(4);
    } else if (line.rfind("slot ", 0) == 0 && line.size() > 7 && slots) {
      const char kind = line[5];
      slots->push_back({line.substr(7), kind == 'B' ? ArgKind::Buffer : kind == 'I' ? ArgKind::Int : ArgKind::Float});
    }
  }
  *key = k;
  return true;
}

std::shared_ptr<const CompiledKernel> open_shared_object(const std::string& structure, const fs::path& so,
                                                         std::vector<ArgSlot> slots) {
  void* handle = ::dlopen(so.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) return nullptr;
  auto fn = reinterpret_cast<DirectKernel::Argv>(::dlsym(handle, "auger_kernel_argv"));
  if (!fn) {
    ::dlclose(handle);
    return nullptr;
  }
  // Each shared object carries its own Halide runtime: route its errors to this thread's message.
  using SetHandler = void* (*)(void (*)(void*, const char*));
  if (auto set = reinterpret_cast<SetHandler>(::dlsym(handle, "halide_set_error_handler"))) set(record_halide_error);
  return std::make_shared<DirectKernel>(structure, std::move(slots), fn);
}

// Adds the time from its construction to its destruction to the process's compile seconds.
struct CompileClock {
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  CompileClock() = default;
  CompileClock(const CompileClock&) = delete;
  CompileClock& operator=(const CompileClock&) = delete;
  ~CompileClock() {
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
    g_compile_micros += static_cast<std::uint64_t>(us.count());
  }
};

std::string cxx_driver() {
  const char* env = std::getenv("AUGER_CXX");
  return env && *env ? env : "c++";
}

}  // namespace

std::uint64_t kernel_compilations() {
  return g_compilations.load();
}

double kernel_compile_seconds() {
  return static_cast<double>(g_compile_micros.load()) / 1e6;
}

std::string KernelCache::default_dir() {
  if (const char* d = std::getenv("AUGER_CACHE_DIR"); d && *d) return d;
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return (fs::path(x) / "auger" / "kernels").string();
  if (const char* h = std::getenv("HOME"); h && *h) return (fs::path(h) / ".cache" / "auger" / "kernels").string();
  return (fs::temp_directory_path() / "auger-kernels").string();
}

KernelCache::KernelCache(std::string dir) : dir_(std::move(dir)) {}

std::shared_ptr<KernelCache> KernelCache::global() {
  static auto cache = std::make_shared<KernelCache>();
  return cache;
}

std::shared_ptr<const CompiledKernel> KernelCache::get(const KernelSpec& spec) {
  const std::string structure = spec.structure();
  std::lock_guard<std::mutex> lock(mutex_);
  if (auto it = kernels_.find(structure); it != kernels_.end()) return it->second;
  // Compiling under the lock keeps two workers from compiling the same kernel; compiles are rare (once per
  // structure per machine, thanks to the disk cache).
  auto k = load_or_compile(spec);
  kernels_.emplace(structure, k);
  return k;
}

namespace {

// The kernel compiled at build time for `structure`, if the catalog has it.
std::shared_ptr<const CompiledKernel> linked_kernel(const std::string& structure) {
  static const std::map<std::string, const AotKernel*> by_structure = [] {
    std::map<std::string, const AotKernel*> m;
    for (const auto& k : aot_kernels()) m.emplace(k.structure, &k);
    if (!m.empty()) halide_set_error_handler(record_halide_error);  // the one runtime they share
    return m;
  }();
  const auto it = by_structure.find(structure);
  if (it == by_structure.end()) return nullptr;
  return std::make_shared<DirectKernel>(structure, it->second->slots, it->second->argv);
}

}  // namespace

std::shared_ptr<const CompiledKernel> KernelCache::load_or_compile(const KernelSpec& spec) {
  const std::string structure = spec.structure();
  if (auto k = linked_kernel(structure)) return k;
  const std::string key = disk_key(structure);
  const fs::path base = fs::path(dir_) / hex(fnv1a(key));
  const fs::path so = base.string() + ".so", meta = base.string() + ".txt";

  // 1. The disk cache.
  std::error_code ec;
  if (fs::exists(so, ec) && fs::exists(meta, ec)) {
    std::string found;
    std::vector<ArgSlot> slots;
    if (read_meta(meta, &found, &slots) && found == key)
      if (auto k = open_shared_object(structure, so, std::move(slots))) return k;
  }

  // 2. Compile ahead of time into the disk cache.
  const CompileClock clock;
  BuiltKernel built = build_kernel(spec);
  ++g_compilations;  // once per structure, whichever way it ends up compiled
  try {
    fs::create_directories(dir_);
    const std::string tag = ".tmp" + std::to_string(::getpid()) + "_" + hex(fnv1a(structure)).substr(0, 6);
    const fs::path obj = base.string() + tag + ".o", tmp_so = base.string() + tag + ".so";
    built.pipeline.compile_to_object(obj.string(), built.params->arguments(), "auger_kernel", kernel_target());
    const std::string cmd = cxx_driver() + " -shared -o '" + tmp_so.string() + "' '" + obj.string() + "' 2>/dev/null";
    const int rc = std::system(cmd.c_str());
    fs::remove(obj, ec);
    if (rc == 0) {
      fs::rename(tmp_so, so);
      std::ostringstream text;
      std::istringstream lines(key);
      for (std::string line; std::getline(lines, line);) text << "key " << line << "\n";
      for (const auto& s : built.params->slots()) text << "slot " << slot_letter(s.kind) << " " << s.name << "\n";
      write_text(meta, text.str());
      if (auto k = open_shared_object(structure, so, built.params->slots())) return k;
    }
    fs::remove(tmp_so, ec);
  } catch (const std::exception&) {
    // Fall through to the JIT: the disk cache is an optimisation, not a requirement.
  }

  // 3. JIT.
  return std::make_shared<JitKernel>(structure, std::move(built));
}

std::vector<CachedKernelInfo> list_disk_kernels(const std::string& dir) {
  std::vector<CachedKernelInfo> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".txt") continue;
    std::string key;
    if (!read_meta(entry.path(), &key, nullptr)) continue;
    fs::path so = entry.path();
    so.replace_extension(".so");
    if (!fs::exists(so, ec)) continue;
    out.push_back({key.substr(0, key.find('\n')), so.string(), false, false});
  }
  return out;
}

std::vector<CachedKernelInfo> KernelCache::list() const {
  std::vector<CachedKernelInfo> out;
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& [structure, k] : kernels_) out.push_back({structure, "", true, k->jit()});
  for (auto& d : list_disk_kernels(dir_))
    if (!kernels_.count(d.structure)) out.push_back(d);
  return out;
}

}  // namespace auger::rt::fused
