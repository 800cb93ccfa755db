"""Hostile policy files: nesting deep enough to overflow the compiler's stack, and paths that are not files.

Each way a policy can nest (brackets, lists, signs, blocks, operator chains, transforms calling transforms,
constants defined by constants, imports, values doubled through transform arguments) is written 3,000 and
100,000 levels deep; `auger check` and `auger.load` must report E0003 (limit-exceeded) at the line that
crosses the limit (docs/language.md §11.15) and exit 1, never die on a signal. /dev/zero, a FIFO, a file over
1 MiB and a folder are E0002 (exit 1) without reading forever or blocking.
"""
import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT

SAMPLE = "sample Photo {\n  image: image(rgb)\n}\n"
# Transforms and constants are written in files of this many levels, each importing the next: 100,000 levels
# do not fit the 1 MiB a file may have.
PER_FILE = 25000


def name(prefix, i):
    """A short name per level (`t_2bi`): base 36, so 100,000 levels stay a few MiB in all."""
    digits = ""
    while True:
        i, r = divmod(i, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[r] + digits
        if i == 0:
            return prefix + "_" + digits  # `_`: never a prelude name such as `crop`


def one_file(folder, policy_line, body=""):
    """main.aug: the sample (lines 1-3), `policy_line` (4), `body` (5), `}` (6)."""
    path = folder / "main.aug"
    path.write_text(SAMPLE + policy_line + "\n" + body + "}\n")
    return path


def chained(folder, depth, header, link, last):
    """main.aug: the sample, `header` (lines 4-6), then line 6+i holds link(i) for i < depth, last(depth) at the
    end; every PER_FILE levels the chain continues in the next file, which the one before imports."""
    files = []
    for start in range(1, depth + 1, PER_FILE):
        stop = min(start + PER_FILE, depth + 1)
        lines = [link(i) if i < depth else last(i) for i in range(start, stop)]
        files.append(lines)
    for k, lines in enumerate(files):
        name = "main.aug" if k == 0 else f"part{k}.aug"
        text = SAMPLE + header if k == 0 else ""
        text += "\n".join(lines) + "\n"
        if k + 1 < len(files):
            text += f'import "part{k + 1}.aug"\n'  # after the chain, so line numbers stay 6+i
        (folder / name).write_text(text)
    return folder / "main.aug"


def write_deep(kind, depth, folder):
    """Writes a policy nested `depth` levels in one way; returns (path, expected `file:line` of the E0003)."""
    if kind == "parens":
        return one_file(folder, "policy train on Photo {", "  rotate(angle: " + "(" * depth + "1deg" + ")" * depth +
                        ")\n"), "main.aug:5"
    if kind == "lists":
        return one_file(folder, "policy train on Photo {", "  rotate(angle: " + "[" * depth + "1deg" + "]" * depth +
                        ")\n"), "main.aug:5"
    if kind == "signs":
        return one_file(folder, "policy train on Photo {", "  rotate(angle: " + "-" * depth + "1deg)\n"), "main.aug:5"
    if kind == "blocks":
        return one_file(folder, "policy train on Photo {", "  " + "seq { " * depth + "hflip()" + " }" * depth +
                        "\n"), "main.aug:5"
    if kind == "plus":
        return one_file(folder, "policy train on Photo {", "  rotate(angle: 1deg" + " + 1deg" * depth + ")\n"), \
            "main.aug:5"
    if kind == "transforms":
        # the 64th transform (line 70) calls the 65th: the 65th nested call.
        return chained(folder, depth, f"policy train on Photo {{\n  {name('t', 1)}()\n}}\n",
                       lambda i: f"transform {name('t', i)}(){{{name('t', i + 1)}()}}",
                       lambda i: f"transform {name('t', i)}(){{hflip()}}"), "main.aug:70"
    if kind == "consts":
        # The 64th constant (line 70) refers to the 65th. Imports are checked first, so past one file the chain
        # is first evaluated, and crosses the limit, in the last file.
        last = (depth - 1) // PER_FILE
        return chained(folder, depth, f"policy train(x: int = {name('c', 1)}) on Photo {{\n  hflip()\n}}\n",
                       lambda i: f"const {name('c', i)}={name('c', i + 1)}", lambda i: f"const {name('c', i)}=1"), \
            "main.aug:70" if last == 0 else f"part{last}.aug:64"
    if kind == "values":
        # x doubles per call: the 13th transform's `x+x` (line 19) is the first past 10,000 operations.
        return chained(folder, depth, f"policy train(m: float in [0, 1] = 0.5) on Photo {{\n  {name('t', 1)}(x: m)\n}}\n",
                       lambda i: f"transform {name('t', i)}(x:float){{{name('t', i + 1)}(x:x+x)}}",
                       lambda i: f"transform {name('t', i)}(x:float){{brightness(factor:x)}}"), "main.aug:19"
    if kind == "imports":
        # main.aug → m1 → … → m63: 64 files; m63's import of m64 (line 1) crosses the limit. The files past the
        # limit are never read, so a chain of 3,000 stands for any longer one.
        for i in range(1, depth + 1):
            nxt = f'import "m{i + 1}.aug"\n' if i < depth else ""
            (folder / f"m{i}.aug").write_text(nxt + f"transform f{i}() {{ hflip() }}\n")
        path = folder / "main.aug"
        path.write_text('import "m1.aug"\n' + SAMPLE + "policy train on Photo {\n  f1()\n}\n")
        return path, "m63.aug:1"
    raise ValueError(kind)


KINDS = ["parens", "lists", "signs", "blocks", "plus", "transforms", "consts", "values"]
CASES = [(k, d) for k in KINDS for d in (3000, 100000)] + [("imports", 3000)]


def assert_limit_error(proc, where):
    assert proc.returncode == 1, f"exit {proc.returncode} (a negative code is a signal):\n{proc.stderr[-3000:]}"
    errors = [l for l in proc.stderr.splitlines() if "error[" in l]
    assert errors, proc.stderr[-3000:]
    assert "error[E0003]" in errors[0], f"the first error is not E0003:\n{proc.stderr[-3000:]}"
    assert re.search(re.escape(where) + r":\d+: error\[E0003\]", proc.stderr), \
        f"E0003 is not at {where}:\n{proc.stderr[-3000:]}"


@pytest.mark.parametrize("kind,depth", CASES, ids=[f"{k}-{d}" for k, d in CASES])
def test_deep_nesting_is_a_diagnostic(kind, depth, tmp_path, run_auger):
    path, where = write_deep(kind, depth, tmp_path)
    assert path.stat().st_size <= 1 << 20, "each file must stay under the 1 MiB limit to test the depth"
    proc = run_auger("check", "--format", "brief", path, timeout=60)
    assert_limit_error(proc, where)


def test_two_thousand_transforms_use_little_memory(tmp_path, auger_bin):
    """2,000 chained transforms took 560 MB (every level copied the call stack); now refused at level 65."""
    path, where = write_deep("transforms", 2000, tmp_path)
    # A fresh interpreter reports the peak of its one child, auger, alone.
    script = ("import resource, subprocess, sys\n"
              "p = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=60)\n"
              "sys.stderr.write(p.stderr)\n"
              "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
              "sys.exit(p.returncode)\n")
    proc = subprocess.run([sys.executable, "-c", script, auger_bin, "check", "--format", "brief", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert_limit_error(proc, where)
    peak_mib = int(proc.stdout.split()[-1]) // 1024
    # The binary alone takes about 110 MiB (ASan builds more); before the fix this run took 560.
    assert peak_mib < 400, f"auger check peaked at {peak_mib} MiB"


def test_python_load_of_a_deep_chain_raises(tmp_path):
    """auger.load goes through the same front end: an auger.Error naming E0003, not a crash of Python."""
    path, where = write_deep("transforms", 3000, tmp_path)
    script = (
        "import sys, auger\n"
        "try:\n"
        "    auger.load(sys.argv[1], 'train')\n"
        "except auger.Error as e:\n"
        "    print('ERROR', e)\n"
        "    sys.exit(0)\n"
        "sys.exit('auger.load accepted a 3,000-level transform chain')\n")
    env = dict(os.environ)
    env.setdefault("PYTHONPATH", os.path.join(ROOT, "build/python"))  # CTest sets it to its own build tree
    proc = subprocess.run(["/usr/bin/python3", "-c", script, str(path)], capture_output=True, text=True, timeout=120,
                          env=env)
    assert proc.returncode == 0, f"exit {proc.returncode}:\n{proc.stdout}\n{proc.stderr[-3000:]}"
    assert "E0003" in proc.stdout, proc.stdout


def assert_not_readable(proc, reason):
    assert proc.returncode == 1, f"exit {proc.returncode}:\n{proc.stderr}"
    assert "error[E0002]" in proc.stderr and reason in proc.stderr, proc.stderr


def test_dev_zero_is_refused(run_auger):
    assert_not_readable(run_auger("check", "/dev/zero", timeout=20), "it is a character device")


def test_fifo_is_refused_without_blocking(tmp_path, run_auger):
    fifo = tmp_path / "p.aug"
    os.mkfifo(fifo)
    assert_not_readable(run_auger("check", fifo, timeout=20), "it is a FIFO")


def test_imported_fifo_is_refused_without_blocking(tmp_path, run_auger):
    os.mkfifo(tmp_path / "p.aug")
    main = tmp_path / "main.aug"
    main.write_text('import "p.aug"\n' + SAMPLE)
    proc = run_auger("check", "--format", "brief", main, timeout=20)
    assert_not_readable(proc, "it is a FIFO")
    assert "main.aug:1:8: error[E0002]" in proc.stderr, proc.stderr


def test_oversized_file_is_refused(tmp_path, run_auger):
    big = tmp_path / "big.aug"
    big.write_text(SAMPLE + "#" * (1 << 20))
    assert_not_readable(run_auger("check", big, timeout=20), "a policy file may be at most 1048576 bytes")


def test_folder_is_refused(tmp_path, run_auger):
    assert_not_readable(run_auger("check", tmp_path, timeout=20), "it is a folder")


@pytest.mark.parametrize("command", [["explain"], ["apply", "--out", "OUT"]])
def test_other_commands_refuse_a_fifo(command, tmp_path, run_auger, photo):
    fifo = tmp_path / "p.aug"
    os.mkfifo(fifo)
    args = [str(tmp_path / "out") if a == "OUT" else a for a in command]
    extra = [photo] if command[0] == "apply" else []
    assert_not_readable(run_auger(*args[:1], fifo, *args[1:], *extra, timeout=20), "it is a FIFO")


def test_apply_names_a_missing_or_empty_input_once(tmp_path, run_auger):
    """QA: "error: in/empty.png: in/empty.png: empty (no bytes)" named the file twice."""
    policy = tmp_path / "p.aug"
    policy.write_text("sample S {\n  image: image(rgb)\n}\npolicy p on S deterministic {\n  hflip()\n}\n")
    (tmp_path / "empty.png").write_bytes(b"")
    empty, missing = tmp_path / "empty.png", tmp_path / "nonexist.png"
    p = run_auger("apply", policy, "--out", tmp_path / "out", empty, missing)
    assert p.returncode == 3
    assert f"error: {empty}: empty (no bytes)\n" in p.stderr, p.stderr
    assert f"error: {missing}: no such file\n" in p.stderr, p.stderr
