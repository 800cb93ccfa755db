import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def auger():
    path = os.environ.get("AUGER_BIN")
    if not path:
        pytest.fail("set AUGER_BIN to the auger binary (CTest does)")
    return path
