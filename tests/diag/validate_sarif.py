#!/usr/bin/env python3
"""Validates SARIF logs against the official SARIF 2.1.0 schema vendored in tests/data.

Usage: validate_sarif.py FILE...   (exit 0 when every file is valid, 1 otherwise, 2 on usage errors)
Shared by tests/diag/test_sarif_schema.py and the C++ unit test, so both check against the same schema.

tests/data/sarif-schema-2.1.0.json is the OASIS schema (SARIF 2.1.0 Errata 01, oasis-tcs/sarif-spec
Schemata/sarif-schema-2.1.0.json), byte for byte. It is written in JSON Schema draft-04, so the validator class
comes from the schema's own "$schema" rather than being fixed here.
"""
import json
import pathlib
import re
import sys

SCHEMA_PATH = pathlib.Path(__file__).resolve().parent.parent / "data" / "sarif-schema-2.1.0.json"

# RFC 3986 characters, for when jsonschema's own uri checks are off (they need the optional rfc3987 package).
_URI_CHARS = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-Fa-f]{2})*$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def load_schema():
    with open(SCHEMA_PATH, encoding="utf-8") as f:
        return json.load(f)


def format_checker():
    import jsonschema

    checker = jsonschema.FormatChecker()
    if "uri-reference" not in checker.checkers:
        checker.checks("uri-reference")(lambda s: not isinstance(s, str) or bool(_URI_CHARS.match(s)))
    if "uri" not in checker.checkers:
        checker.checks("uri")(lambda s: not isinstance(s, str) or bool(_URI_CHARS.match(s) and _SCHEME.match(s)))
    return checker


def errors(log, schema=None):
    """Every schema violation in `log` (a parsed SARIF document), as readable strings."""
    import jsonschema

    schema = schema or load_schema()
    cls = jsonschema.validators.validator_for(schema)
    validator = cls(schema, format_checker=format_checker())
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
