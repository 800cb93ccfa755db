import os
import sys

# The Python module from the build (PYTHONPATH is set by CTest; this makes `pytest tests/gpu` work by hand too).
_build = os.environ.get("AUGER_BUILD_DIR", os.path.normpath(os.path.join(os.path.dirname(__file__), "../../build")))
sys.path.insert(0, os.path.join(_build, "python"))
