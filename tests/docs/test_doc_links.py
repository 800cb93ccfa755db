"""The project's docs (README.md, docs/*.md) cite the project's own files only: no path outside the repository,
every `docs/NAME.md` they name exists, and every `language.md §N` they cite is a section of docs/language.md.
docs/cli.md lists every subcommand `auger --help` lists, and calls nothing that is not built a command."""
import re
import subprocess

import pytest

from docutil import REPO, auger_bin

DOCS = [REPO / "README.md"] + sorted((REPO / "docs").glob("*.md"))
OUTSIDE = re.compile(r"/work/|shared/spec|\.\./shared|\bspec/(?:cli|language|ops|architecture)\.md")
DOC_REF = re.compile(r"\bdocs/([A-Za-z0-9_-]+\.md)")
SECTION_REF = re.compile(r"language\.md §(\d+(?:\.\d+)?)(?:[–-](\d+(?:\.\d+)?))?")


def language_sections():
    text = (REPO / "docs" / "language.md").read_text(encoding="utf-8")
    return set(re.findall(r"^#{2,3} (\d+(?:\.\d+)?)\.? ", text, re.M))


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_docs_cite_the_project_only(doc):
    text = doc.read_text(encoding="utf-8")
    sections = language_sections()
    bad = []
    for n, line in enumerate(text.splitlines(), 1):
        if OUTSIDE.search(line):
            bad.append(f"{doc.name}:{n}: a path outside the repository: {line.strip()}")
        for name in DOC_REF.findall(line):
            if not (REPO / "docs" / name).exists():
                bad.append(f"{doc.name}:{n}: docs/{name} does not exist")
        for lo, hi in SECTION_REF.findall(line):
            for sec in filter(None, (lo, hi)):
                if sec not in sections:
                    bad.append(f"{doc.name}:{n}: docs/language.md has no §{sec}")
    assert not bad, "\n".join(bad)


def test_cli_md_covers_every_subcommand():
    out = subprocess.run([auger_bin(), "--help"], capture_output=True, text=True, timeout=60).stdout
    listed = re.findall(r"^  ([a-z]+)\s{2,}", out.split("Subcommands:", 1)[1], re.M)
    assert listed, f"no subcommands in `auger --help`:\n{out}"
    cli = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = [c for c in listed if not re.search(rf"^## `auger {c}\b", cli, re.M)]
    assert not missing, f"docs/cli.md has no `## \\`auger CMD …\\`` section for: {', '.join(missing)}"
    for unbuilt in ("lint", "fmt", "search"):
        if unbuilt not in listed:
            assert not re.search(rf"^## `auger {unbuilt}\b", cli, re.M), f"docs/cli.md documents `auger {unbuilt}`"
            assert re.search(rf"`auger {unbuilt}`", cli.split("## Not built yet", 1)[-1]), (
                f"docs/cli.md's \"Not built yet\" does not name `auger {unbuilt}`")
