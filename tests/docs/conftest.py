# Lets the tests import docutil.py from this folder whatever the working directory.
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
