"""The README's Python example runs as written, from the repository's root, on the shipped examples/data."""
import contextlib
import io
import os
import re

from conftest import ROOT


def python_blocks():
    text = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    return re.findall(r"^```python\n(.*?)^```", text, re.M | re.S)


def test_readme_python_example_runs(monkeypatch):
    blocks = [b for b in python_blocks() if "auger.load(" in b]
    assert blocks, "README.md has no ```python block that calls auger.load"
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(blocks[0], "README.md (python block)", "exec"), {"__name__": "readme"})
    printed = out.getvalue()
    assert "(3, 224, 224) float32" in printed, printed
    assert "torch.Size([8, 3, 224, 224])" in printed, printed
