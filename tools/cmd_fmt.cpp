// `auger fmt FILE…`: rewrite policy files in their canonical layout (docs/fmt.md); `--check` only reports.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "compiler/base/limits.h"
#include "compiler/diag/render.h"
#include "compiler/format/format.h"
#include "compiler/format/unified_diff.h"
#include "tools/commands.h"

namespace auger::cli {

namespace {

struct FmtOpts {
  std::vector<std::string> files;
  bool check = false;
  bool stdin_mode = false;
  std::string color = "auto";
};

// What became of one file; the command's exit code is the worst of them.
enum class Outcome { Unchanged, Changed, InputError, Failed };

// Writes `text` next to `path` and renames it over `path`: a reader sees the old file or the new one, never a
// mix, and the file keeps its permissions. A symbolic link stays a link: its target is rewritten.
bool replace_file(const std::string& path, const std::string& text, std::string& why) {
  std::error_code ec;
  std::filesystem::path target = std::filesystem::canonical(path, ec);
  if (ec) {
    why = ec.message();
    return false;
  }
  struct stat st {};
  if (::stat(target.c_str(), &st) != 0) {
    why = std::strerror(errno);
    return false;
  }
  std::string tmp = (target.parent_path() / ("." + target.filename().string() + ".auger-fmt-XXXXXX")).string();
  int fd = ::mkstemp(tmp.data());
  if (fd < 0) {
    why = std::string("cannot create a temporary file beside it: ") + std::strerror(errno);
    return false;
  }
  bool ok = ::fchmod(fd, st.st_mode & 07777) == 0;
  std::size_t done = 0;
  while (ok && done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  if (!ok) why = std::strerror(errno);
  ok = ::close(fd) == 0 && ok;
  if (ok && ::rename(tmp.c_str(), target.c_str()) != 0) {
    why = std::strerror(errno);
    ok = false;
  }
  if (!ok) ::unlink(tmp.c_str());
  return ok;
}

bool colour(const FmtOpts& o) {
  FrontOptions f;
  f.color = o.color;
  return use_color(f);
}

Outcome format_one(const FmtOpts& o, SourceManager& sources, FileId id, bool from_stdin) {
  DiagEngine diags;
  format::FormatResult r = format::format_file(sources, id, diags);
  const std::string& path = sources.path(id);
  if (r.status == format::FormatResult::Status::SyntaxErrors) {
    RenderOptions ro;
    ro.color = colour(o);
    std::cerr << render_text(diags.sorted(), sources, ro);
    std::cerr << "auger fmt: " << path << " has syntax errors; it was not formatted\n";
    return Outcome::InputError;
  }
  if (r.status == format::FormatResult::Status::InternalError) {
    std::cerr << "auger fmt: internal error: " << path << ": " << r.message
              << "; the file was left unchanged (this is a bug in auger, please report it)\n";
    return Outcome::Failed;
  }
  std::string before(sources.text(id));
  bool changed = before != r.text;
  if (o.check) {
    std::cout << format::unified_diff(before, r.text, path);
    return changed ? Outcome::Changed : Outcome::Unchanged;
  }
  if (from_stdin) {
    std::cout << r.text;
    return changed ? Outcome::Changed : Outcome::Unchanged;
  }
  if (!changed) return Outcome::Unchanged;
  std::string why;
  if (!replace_file(path, r.text, why)) {
    std::cerr << "auger fmt: cannot write " << path << ": " << why << "\n";
    return Outcome::Failed;
  }
  std::cerr << "auger fmt: reformatted " << path << "\n";
  return Outcome::Changed;
}

std::optional<FileId> load_stdin(SourceManager& sources) {
  std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  if (text.size() > limits::kMaxFileBytes) {
    std::cerr << "auger fmt: standard input is larger than the " << limits::kMaxFileBytes / 1024
              << " KiB a policy file may have\n";
    return std::nullopt;
  }
  return sources.add("<stdin>", std::move(text));
}

int run_fmt(const FmtOpts& o) {
  bool from_stdin = o.stdin_mode || (o.files.size() == 1 && o.files[0] == "-");
  if (from_stdin && !o.files.empty() && !(o.files.size() == 1 && o.files[0] == "-")) {
    std::cerr << "auger fmt: give files or read standard input (`-` or --stdin), not both\n";
    return kExitUsage;
  }
  if (!from_stdin && o.files.empty()) {
    std::cerr << "auger fmt: no files given (use `-` or --stdin to format standard input)\n";
    return kExitUsage;
  }
  for (const auto& f : o.files)
    if (f == "-" && o.files.size() > 1) {
      std::cerr << "auger fmt: `-` (standard input) cannot be mixed with files\n";
      return kExitUsage;
    }
  SourceManager sources;
  std::vector<Outcome> outcomes;
  if (from_stdin) {
    auto id = load_stdin(sources);
    outcomes.push_back(id ? format_one(o, sources, *id, true) : Outcome::InputError);
  }
  for (const auto& f : from_stdin ? std::vector<std::string>{} : o.files) {
    std::string why;
    auto id = sources.load(f, &why);
    if (!id) {
      std::cerr << "auger fmt: cannot read " << f << ": " << why << "\n";
      outcomes.push_back(Outcome::Failed);
      continue;
    }
    outcomes.push_back(format_one(o, sources, *id, false));
  }
  int changed = 0;
  int rc = kExitOk;
  for (Outcome out : outcomes) {
    if (out == Outcome::Changed) ++changed;
    if (out == Outcome::Failed) rc = kExitRunFailed;
    if (out == Outcome::InputError && rc == kExitOk) rc = kExitInputErrors;
  }
  if (o.check && changed > 0) {
    std::cerr << "auger fmt: " << changed << " of " << outcomes.size() << " file" << (outcomes.size() == 1 ? "" : "s")
              << " would be reformatted\n";
    if (rc == kExitOk) rc = kExitInputErrors;
  }
  return rc;
}

}  // namespace

std::function<int()> register_fmt(CLI::App& app) {
  auto opts = std::make_shared<FmtOpts>();
  auto* cmd = app.add_subcommand("fmt", "Rewrite policy files in the canonical layout (comments kept)");
  cmd->add_option("FILE", opts->files, "Policy files (.aug) to rewrite in place; `-` reads standard input");
  cmd->add_flag("--check", opts->check,
                "Write nothing: print a unified diff (to stdout) for every file that is not formatted, and exit 1 "
                "if there is one");
  cmd->add_flag("--stdin", opts->stdin_mode, "Read the policy from standard input and write it formatted to stdout");
  cmd->add_option("--color", opts->color, "Colour syntax diagnostics: auto (on a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->footer(
      "The layout is docs/fmt.md's: 2-space indentation, one statement a line, lists wrapped at 100 columns,\n"
      "every comment kept. A file with syntax errors is never rewritten (its diagnostics are printed). Each result\n"
      "is checked to parse to the same program as the input before anything is written.\n"
      "Exit codes: 0 all files formatted (or already were), 1 syntax errors, or with --check a file would change,\n"
      "2 wrong usage, 3 a file could not be read or written, or an internal error.");
  return [opts]() { return run_fmt(*opts); };
}

}  // namespace auger::cli
