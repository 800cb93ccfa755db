"""The interop tests' rule for a missing peer (the webdataset library from PyPI, or a test tool not built).

In CI (the `CI` environment variable set, as CI services and `.ci/run`'s callers do) a peer that cannot be had is
a failure: a skipped interop test would show CTest green without testing anything. On a developer's machine
without `CI` it is a skip, and the reason is printed at the end of the run even under `pytest -q`.
"""
import os

import pytest


def in_ci():
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def unavailable(why):
    """Fails the calling test in CI, skips it (saying why) elsewhere."""
    if in_ci():
        pytest.fail(f"{why} -- CI is set, so a missing interop peer fails instead of skipping", pytrace=False)
    pytest.skip(f"{why} (skipped because CI is not set; with CI set this fails)")


def pytest_terminal_summary(terminalreporter):
    skipped = terminalreporter.stats.get("skipped", [])
    if not skipped:
        return
    terminalreporter.write_sep("-", f"interop: {len(skipped)} test(s) skipped, not run")
    for rep in skipped:
        reason = rep.longrepr[2] if isinstance(rep.longrepr, tuple) else str(rep.longrepr)
        terminalreporter.write_line(f"SKIPPED {rep.nodeid}: {reason}")
