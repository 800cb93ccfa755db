"""`auger fmt`: idempotence, comments kept, `--check` exit codes and diff, stdin, syntax errors, in-place writes,
and formatting never changing what a policy computes (`auger apply` bytes before and after, every example)."""
import json
import os
import pathlib
import re
import shutil
import stat
import subprocess
import tempfile

import pytest

from conftest import CORPUS, EXAMPLES, ROOT, auger_bin, fmt_text, run
from messy import VARIANTS, _code_and_comment

IMAGE = ROOT / "examples" / "data" / "n00000000" / "n00000000_00000.jpg"


def comments_of(text):
    return [c.rstrip() for c in (_code_and_comment(line)[1] for line in text.splitlines()) if c]


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: str(p.relative_to(ROOT)))
def test_idempotent_on_corpus(path):
    once = fmt_text(path.read_text())
    assert fmt_text(once) == once
    assert run(["fmt", "--check", "-"], stdin=once).returncode == 0


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: str(p.relative_to(ROOT)))
def test_idempotent_on_messy_variants(path, variant):
    messy = VARIANTS[variant](path.read_text())
    once = fmt_text(messy)
    assert fmt_text(once) == once
    # Every comment is kept, in order, with its text.
    assert comments_of(once) == comments_of(messy)
    assert all(len(line) == len(line.rstrip()) for line in once.splitlines())
    assert "\t" not in "".join(_code_and_comment(line)[0] for line in once.splitlines())


def test_messy_becomes_the_canonical_file():
    """A badly written imagenet.aug formats to the same text as the real one formatted."""
    # Without its comments: a trailing comment keeps the column it was written at (docs/fmt.md).
    real = "\n".join(_code_and_comment(line)[0] for line in (ROOT / "examples" / "imagenet.aug").read_text().splitlines())
    assert fmt_text(VARIANTS["odd_spacing"](real)) == fmt_text(real)
    assert fmt_text(VARIANTS["semicolons"](real)) == fmt_text(real)


def test_long_lines_wrap_at_100_columns():
    text = "policy p on S {\n  f(" + ", ".join(f"arg{i}: [{i}, {i + 1}, {i + 2}]" for i in range(30)) + ")\n}\n"
    out = fmt_text(text)
    lines = out.splitlines()
    assert len(lines) > 4 and all(len(line) <= 100 for line in lines)
    # Continuation lines align one column right of the opening bracket.
    assert all(line.startswith(" " * 4 + "arg") for line in lines[2:-1])


# ---- apply: the same pixels before and after ----------------------------------------------------------------


def policies_of(path):
    return [line.split()[1].split("(")[0] for line in path.read_text().splitlines() if line.startswith("policy ")]


def apply_outputs(policy_file, policy, out_dir):
    r = run(["apply", str(policy_file), "--policy", policy, "--out", str(out_dir), "--seed", "7", "--epoch", "2",
             str(IMAGE)])
    if r.returncode != 0:
        return None, r.stderr
    files = {}
    for f in sorted(out_dir.iterdir()):
        data = f.read_bytes()
        if f.suffix == ".json":
            # The run identity names the file and its hash, which any edit changes; everything else must match.
            doc = json.loads(data)
            doc.get("identity", {}).pop("file_sha256", None)
            doc.get("identity", {}).pop("file", None)
            data = json.dumps(doc, sort_keys=True).encode()
        files[f.name] = data
    return files, r.stderr


def explain_ir(policy_file, policy):
    r = run(["explain", str(policy_file), "--policy", policy, "--emit", "ir"])
    assert r.returncode == 0, r.stderr
    # Source lines (for diagnostics) move when the layout changes; nothing else may.
    return re.sub(r" @line\(\d+\)", "", r.stdout)


def copy_example(path, text, where):
    where.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "examples" / "lib", where / "lib", dirs_exist_ok=True)
    target = where / path.name
    target.write_text(text)
    return target


@pytest.mark.parametrize("variant", ["as_is"] + sorted(VARIANTS))
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_apply_identical_after_formatting(path, variant, tmp_path):
    source = path.read_text() if variant == "as_is" else VARIANTS[variant](path.read_text())
    before = copy_example(path, source, tmp_path / "before")
    after = copy_example(path, source, tmp_path / "after")
    r = run(["fmt", str(after)])
    assert r.returncode == 0, r.stderr
    assert run(["fmt", "--check", str(after)]).returncode == 0
    applied = 0
    for policy in policies_of(path):
        got_before, err = apply_outputs(before, policy, tmp_path / f"out-{policy}-before")
        got_after, _ = apply_outputs(after, policy, tmp_path / f"out-{policy}-after")
        if got_before is None:
            # `apply` runs image policies only (docs/cli.md); audio and text policies compare their IR instead.
            assert "a b" in err or "audio" in err or "text" in err, err
            assert got_after is None
            assert explain_ir(before, policy) == explain_ir(after, policy)
            continue
        assert got_before and got_before == got_after
        applied += 1
    image_policy = "image(" in source
    assert applied > 0 or not image_policy


# ---- the command ----------------------------------------------------------------------------------------------

MESSY = "policy p on S {\nhflip( )@p( 0.5 )# keep me\n}\n"
CANON = "policy p on S {\n  hflip() @p(0.5)  # keep me\n}\n"


def test_check_exit_codes_and_diff(tmp_path):
    messy = tmp_path / "messy.aug"
    messy.write_text(MESSY)
    canon = tmp_path / "canon.aug"
    canon.write_text(CANON)
    ok = run(["fmt", "--check", str(canon)])
    assert ok.returncode == 0 and ok.stdout == ""
    bad = run(["fmt", "--check", str(canon), str(messy)])
    assert bad.returncode == 1
    assert bad.stdout.startswith(f"--- {messy}\n+++ {messy}\n@@ -1,3 +1,3 @@\n")  # absolute: no a/, b/
    assert "-hflip( )@p( 0.5 )# keep me\n+  hflip() @p(0.5)  # keep me\n" in bad.stdout
    assert "1 of 2 files would be reformatted" in bad.stderr
    assert messy.read_text() == MESSY  # --check writes nothing


def test_rewrites_in_place_keeping_mode(tmp_path):
    messy = tmp_path / "messy.aug"
    messy.write_text(MESSY)
    messy.chmod(0o640)
    canon = tmp_path / "canon.aug"
    canon.write_text(CANON)
    mtime = canon.stat().st_mtime_ns
    r = run(["fmt", str(messy), str(canon)])
    assert r.returncode == 0, r.stderr
    assert messy.read_text() == CANON
    assert stat.S_IMODE(messy.stat().st_mode) == 0o640
    assert canon.stat().st_mtime_ns == mtime  # already formatted: not rewritten
    assert sorted(p.name for p in tmp_path.iterdir()) == ["canon.aug", "messy.aug"]  # no temporary left


def test_symlink_stays_a_link(tmp_path):
    target = tmp_path / "real.aug"
    target.write_text(MESSY)
    link = tmp_path / "link.aug"
    link.symlink_to(target)
    assert run(["fmt", str(link)]).returncode == 0
    assert link.is_symlink() and target.read_text() == CANON


def test_stdin_both_spellings():
    for args in (["fmt", "-"], ["fmt", "--stdin"]):
        r = run(args, stdin=MESSY)
        assert r.returncode == 0 and r.stdout == CANON, r.stderr
    r = run(["fmt", "--check", "-"], stdin=MESSY)
    assert r.returncode == 1 and "+  hflip() @p(0.5)  # keep me" in r.stdout


def test_syntax_errors_leave_the_file_alone(tmp_path):
    bad = tmp_path / "bad.aug"
    text = "policy p on S {\n  hflip(   \n"
    bad.write_text(text)
    r = run(["fmt", str(bad)])
    assert r.returncode == 1
    assert "error[E01" in r.stderr and "not formatted" in r.stderr
    assert bad.read_text() == text
    assert run(["fmt", "--check", str(bad)]).returncode == 1


def test_usage_and_io_errors(tmp_path):
    assert run(["fmt"]).returncode == 2
    assert run(["fmt", "-", str(tmp_path / "x.aug")]).returncode == 2
    assert run(["fmt", "--bogus", "x.aug"]).returncode == 2
    good = tmp_path / "good.aug"
    good.write_text(MESSY)
    r = run(["fmt", str(tmp_path / "missing.aug"), str(good)])
    assert r.returncode == 3 and "cannot read" in r.stderr
    assert good.read_text() == CANON  # the other files are still formatted
    assert run(["fmt", str(tmp_path)]).returncode == 3


def test_unwritable_folder(tmp_path):
    # Root writes into a read-only folder, so as root (CI) the formatter runs as `nobody` through util-linux's
    # setpriv, from a world-readable copy of the binary: the folder must be unwritable for whoever runs it.
    as_root = os.geteuid() == 0
    base = pathlib.Path(tempfile.mkdtemp(dir="/tmp")) if as_root else tmp_path
    try:
        folder = base / "ro"
        folder.mkdir()
        f = folder / "p.aug"
        f.write_text(MESSY)
        cmd = ["fmt", str(f)]
        if as_root:
            base.chmod(0o755)
            f.chmod(0o644)
            binary = base / "auger"
            shutil.copy(auger_bin(), binary)
            setpriv = shutil.which("setpriv")
            assert setpriv, "util-linux's setpriv is needed to test an unwritable folder as root"
            folder.chmod(0o555)
            r = subprocess.run([setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", str(binary), *cmd],
                               capture_output=True, text=True, timeout=300)
        else:
            folder.chmod(0o500)
            r = run(cmd)
        assert r.returncode == 3 and "cannot write" in r.stderr, r.stderr
        assert f.read_text() == MESSY
    finally:
        (base / "ro").chmod(0o700)
        if as_root:
            shutil.rmtree(base)


def test_help_explains():
    r = run(["fmt", "--help"])
    assert r.returncode == 0
    for word in ("--check", "--stdin", "Exit codes", "100 columns"):
        assert word in r.stdout
