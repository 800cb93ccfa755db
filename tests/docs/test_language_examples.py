"""Every ```aug block of docs/language.md checks without errors, and every examples/*.aug checks clean.

- A block preceded by `<!-- fragment -->` is not a complete file (a bare `match`, a sketch): it is not checked
  (and is not collected as a test at all: a skip is not a pass).
- A block that declares primitive `op`s is a stdlib declaration: it is added to a copy of stdlib/std as an
  extra prims file (prims_zz_doc.aug) and a tiny policy that uses each op is checked with `--stdlib COPY`.
  When the stdlib already declares an op of that name (language.md §9 shows the real `rotate`), the block
  stands in for that declaration: the copy's own declaration is removed first (prims files may not declare
  one op twice, E0203).
- Any other block is a complete user file.

Run: AUGER_BIN=build/tools/auger /usr/bin/python3 -m pytest -q tests/docs
"""
import re

import pytest

from docutil import REPO, describe, fenced_blocks, run_check, stdlib_copy

LANGUAGE = REPO / "docs" / "language.md"
EXAMPLES = sorted((REPO / "examples").glob("*.aug"))

# A statement that uses each op a doc block declares, for the tiny policy checked against it.
OP_USES = {
    "rotate": "rotate(angle: uniform(-10deg, 10deg))",
}

_OP_DECL = re.compile(r"^op\s+([A-Za-z_]\w*)\s*\(", re.M)

BLOCKS = [b for b in fenced_blocks(LANGUAGE) if b.lang == "aug" and b.marker != "fragment"]


def block_id(b):
    return f"line{b.line}"


def test_language_md_has_aug_blocks():
    assert BLOCKS, "docs/language.md has no ```aug blocks"


def without_op(text, name):
    """`text` (a prims file) without the declaration of op `name`: from `op name(` to the next blank line."""
    return re.sub(rf"^op\s+{re.escape(name)}\s*\(.*?(?=^\s*$|\Z)", "", text, flags=re.M | re.S)


@pytest.mark.parametrize("block", BLOCKS, ids=[block_id(b) for b in BLOCKS])
def test_language_block_checks(block, tmp_path):
    where = f"docs/language.md line {block.line}"
    ops = _OP_DECL.findall(block.text)
    work = tmp_path / "work"
    work.mkdir()
    stdlib = None
    if ops:
        stdlib = stdlib_copy(tmp_path, block.text)
        for prims in stdlib.glob("prims*.aug"):
            if prims.name == "prims_zz_doc.aug":
                continue
            text = prims.read_text(encoding="utf-8")
            for op in ops:
                text = without_op(text, op)
            prims.write_text(text, encoding="utf-8")
        missing = [op for op in ops if op not in OP_USES]
        assert not missing, f"{where}: add a use of op(s) {', '.join(missing)} to OP_USES in {__file__}"
        body = "\n".join(f"  {OP_USES[op]}" for op in ops)
        main = work / "use.aug"
        main.write_text(f"sample DocPhoto {{\n  image: image(rgb)\n}}\n\npolicy train on DocPhoto {{\n{body}\n}}\n",
                        encoding="utf-8")
    else:
        main = work / "example.aug"
        main.write_text(block.text, encoding="utf-8")
    diags, proc = run_check(work, main.name, stdlib)
    errors = [d for d in diags if d["severity"] == "error"]
    assert not errors, f"the ```aug block at {where} does not check:\n{describe(diags)}"
    assert proc.returncode == 0, f"{where}: `auger check` exited {proc.returncode}"


def test_fragments_are_few():
    fragments = [b for b in BLOCKS if b.marker == "fragment"]
    assert len(fragments) <= 3, (f"{len(fragments)} blocks of docs/language.md are marked <!-- fragment -->; "
                                 "prefer complete, checkable examples")


def test_examples_exist():
    assert EXAMPLES, "examples/*.aug is empty"


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_file_is_clean(path):
    diags, proc = run_check(path.parent, path.name)
    assert not diags, f"examples/{path.name} should check with no errors and no warnings:\n{describe(diags)}"
    assert proc.returncode == 0, f"examples/{path.name}: `auger check` exited {proc.returncode}"
