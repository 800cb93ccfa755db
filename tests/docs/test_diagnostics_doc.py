"""docs/diagnostics.md has a section per diagnostic code, and its examples do what they say.

For every code of compiler/diag/diag_kinds.def: a section `## CODE — name` with the anchor `<a id="code">`; its
`<!-- example: wrong -->` example reports exactly that code; its `<!-- example: right -->` example checks with
no error, no warning and without that code. Examples marked `stdlib` are primitives files: they are added to a
copy of stdlib/std (as prims_zz_doc.aug) and a small user file is checked with `--stdlib COPY`.

Run: AUGER_BIN=build/tools/auger /usr/bin/python3 -m pytest -q tests/docs
"""
import re

import pytest

from docutil import REPO, describe, fenced_blocks, run_check, stdlib_copy

DOC = REPO / "docs" / "diagnostics.md"
KINDS = REPO / "compiler" / "diag" / "diag_kinds.def"

# Codes without examples, and why.
NO_EXAMPLE = {"E0001": "an internal error is a bug in auger; the section says how to report it"}

# The user file checked next to a stdlib-only example when the section gives none.
STDLIB_USER_FILE = """\
sample DocPhoto {
  image: image(rgb)
}

policy train on DocPhoto {
  hflip() @p(0.5)
}
"""


def diag_kinds():
    """(code, severity, name) of every DIAG(...) line, in table order."""
    out = []
    for line in KINDS.read_text(encoding="utf-8").splitlines():
        m = re.match(r'\s*DIAG\(\s*\w+\s*,\s*"(\w+)"\s*,\s*(\w+)\s*,\s*"([\w-]+)"', line)
        if m:
            out.append(m.groups())
    return out


KINDS_LIST = diag_kinds()
CODES = [code for code, _, _ in KINDS_LIST]


def sections():
    """{code: (heading line, anchor present, [blocks])} from docs/diagnostics.md."""
    text = DOC.read_text(encoding="utf-8")
    lines = text.splitlines()
    heads = []  # (line index, code, name)
    for i, line in enumerate(lines):
        m = re.match(r"^## ([EW]\d{4}) — ([\w-]+)\s*$", line)
        if m:
            heads.append((i, m.group(1), m.group(2)))
    blocks = fenced_blocks(DOC)
    out = {}
    for k, (i, code, name) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(lines)
        window = "\n".join(lines[max(0, i - 3):i + 1])
        anchor = f'<a id="{code.lower()}"></a>' in window
        mine = [b for b in blocks if i < b.line - 1 < end]
        out[code] = (i + 1, name, anchor, mine)
    return heads, out


HEADS, SECTIONS = sections()


def test_kinds_table_parsed():
    assert len(CODES) > 50, f"parsed only {len(CODES)} codes from {KINDS}"
    assert len(set(CODES)) == len(CODES), "a code appears twice in diag_kinds.def"


def test_every_code_has_a_section():
    missing = [c for c in CODES if c not in SECTIONS]
    assert not missing, f"docs/diagnostics.md has no `## CODE — name` section for: {', '.join(missing)}"


def test_no_section_for_unknown_codes():
    extra = [c for c in SECTIONS if c not in CODES]
    assert not extra, f"docs/diagnostics.md documents codes that diag_kinds.def lacks: {', '.join(extra)}"


def test_sections_in_code_order():
    order = [code for _, code, _ in HEADS]
    assert order == [c for c in CODES if c in order], "sections are not in the order of diag_kinds.def"
    assert len(order) == len(set(order)), "a code has two sections"


@pytest.mark.parametrize("code,severity,name", KINDS_LIST, ids=CODES)
def test_section_header(code, severity, name):
    if code not in SECTIONS:
        pytest.fail(f"no section for {code}")
    line, doc_name, anchor, _ = SECTIONS[code]
    assert doc_name == name, f"line {line}: {code} is named `{name}` in diag_kinds.def, `{doc_name}` here"
    assert anchor, f'line {line}: {code} needs the anchor <a id="{code.lower()}"></a> just above its heading'
    body = DOC.read_text(encoding="utf-8").splitlines()[line:line + 6]
    want = "warning" if severity == "Warning" else "error"
    assert any(f"**Severity:** {want}" in l for l in body), f"line {line}: {code} should say **Severity:** {want}"


def role_blocks(code, role):
    return [b for b in SECTIONS[code][3] if b.lang == "aug" and b.attrs()[0] == role]


def materialize(tmp_path, blocks):
    """Writes an example's blocks; returns (folder to run in, path to check, --stdlib folder or None)."""
    work = tmp_path / "work"
    work.mkdir()
    stdlib = None
    main = None
    for b in blocks:
        _, flags, values = b.attrs()
        if "stdlib" in flags:
            assert stdlib is None, f"line {b.line}: one stdlib block per example"
            stdlib = stdlib_copy(tmp_path, b.text)
            continue
        name = values.get("file", "example.aug")
        dest = work / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(b.text, encoding="utf-8")
        if main is None:
            main = values.get("check", name)
    if main is None:  # a stdlib-only example: check a small user file against the extended stdlib
        (work / "use.aug").write_text(STDLIB_USER_FILE, encoding="utf-8")
        main = "use.aug"
    return work, main, stdlib


EXAMPLE_CODES = [c for c in CODES if c not in NO_EXAMPLE]


@pytest.mark.parametrize("code", EXAMPLE_CODES)
def test_wrong_example_reports_the_code(code, tmp_path):
    if code not in SECTIONS:
        pytest.fail(f"no section for {code}")
    blocks = role_blocks(code, "wrong")
    assert blocks, f"the {code} section has no `<!-- example: wrong -->` ```aug block"
    work, main, stdlib = materialize(tmp_path, blocks)
    diags, proc = run_check(work, main, stdlib)
    codes = {d["code"] for d in diags}
    assert code in codes, (f"the wrong example of {code} (docs/diagnostics.md line {blocks[0].line}) does not "
                           f"report {code}; it reports:\n{describe(diags)}")
    if code.startswith("E"):
        assert proc.returncode != 0, f"{code} is an error but `auger check` exited 0"


@pytest.mark.parametrize("code", EXAMPLE_CODES)
def test_right_example_is_clean(code, tmp_path):
    if code not in SECTIONS:
        pytest.fail(f"no section for {code}")
    blocks = role_blocks(code, "right")
    assert blocks, f"the {code} section has no `<!-- example: right -->` ```aug block"
    work, main, stdlib = materialize(tmp_path, blocks)
    diags, proc = run_check(work, main, stdlib)
    where = f"the right example of {code} (docs/diagnostics.md line {blocks[0].line})"
    assert code not in {d["code"] for d in diags}, f"{where} still reports {code}:\n{describe(diags)}"
    assert not diags, f"{where} should check clean (no errors, no warnings):\n{describe(diags)}"
    assert proc.returncode == 0, f"{where}: `auger check` exited {proc.returncode}"


def test_no_example_codes_are_explained():
    for code, why in NO_EXAMPLE.items():
        assert code in SECTIONS, f"no section for {code}"
        assert not role_blocks(code, "wrong"), f"{code} has an example; remove it from NO_EXAMPLE ({why})"
