#!/usr/bin/env python3
"""Validates SARIF logs against the official SARIF 2.1.0 schema vendored in tests/data.

Usage: validate_sarif.py FILE...   (exit 0 when every file is valid, 1 otherwise, 2 on usage errors)
Shared by tests/diag/test_sarif_schema.py and the C++ unit test, so both check against the same schema.
"""
import json
import pathlib
import sys

SCHEMA_PATH = pathlib.Path(__file__).resolve().parent.parent / "data" / "sarif-schema-2.1.0.json"


def load_schema():
    with open(SCHEMA_PATH, encoding="utf-8") as f:
        return json.load(f)


def errors(log, schema=None):
    """Every schema violation in `log` (a parsed SARIF document), as readable strings."""
    import jsonschema

    schema = schema or load_schema()
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    return [
        f"{'/'.join(str(p) for p in e.absolute_path) or '<root>'}: {e.message}"
        for e in sorted(validator.iter_errors(log), key=lambda e: list(map(str, e.absolute_path)))
    ]


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    schema = load_schema()
    bad = False
    for path in argv[1:]:
        with open(path, encoding="utf-8") as f:
            log = json.load(f)
        for e in errors(log, schema):
            bad = True
            print(f"{path}: {e}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
