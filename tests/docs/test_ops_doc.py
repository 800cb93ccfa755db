"""docs/ops.md is generated from the stdlib's declarations by auger-docgen; it must be current."""
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_ops_doc_is_generated_from_the_stdlib():
    docgen = os.environ.get("AUGER_DOCGEN")
    if not docgen:
        pytest.fail("set AUGER_DOCGEN to the auger-docgen binary (CTest does)")
    out = subprocess.run([docgen], capture_output=True, text=True, check=True).stdout
    committed = (ROOT / "docs" / "ops.md").read_text()
    assert out == committed, "docs/ops.md is stale: run `build/tools/docgen/auger-docgen > docs/ops.md`"


def test_every_prelude_op_has_a_section():
    text = (ROOT / "docs" / "ops.md").read_text()
    for prims in sorted((ROOT / "stdlib" / "std").glob("prims_*.aug")):
        for line in prims.read_text().splitlines():
            if line.startswith("op "):
                name = line[3:].split("(")[0].strip()
                assert f"\n### `{name}`\n" in text, f"{name} (declared in {prims.name}) has no section"
