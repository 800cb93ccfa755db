"""`auger check --format sarif` writes SARIF that the official SARIF 2.1.0 schema accepts.

The CLI comes from $AUGER_BIN (tests skip without it); the schema is vendored in tests/data, because tests may not
download anything. Run: AUGER_BIN=build/tools/auger /usr/bin/python3 -m pytest tests/diag
"""
import json
import os
import pathlib
import subprocess

import pytest

import validate_sarif

jsonschema = pytest.importorskip("jsonschema")

# Several errors of different kinds: an unknown op, a bare angle, and a syntax error the parser recovers from.
BAD_POLICY = """\
sample Img { image: image }

policy train(s: Img) {
  frobnicate(x: 1)
  rotate(angle: 30)
  flip(p: @@@)
}
"""


def auger_bin():
    path = os.environ.get("AUGER_BIN")
    if not path or not os.access(path, os.X_OK):
        pytest.skip("AUGER_BIN is not set to an executable auger")
    return path


def check_sarif(tmp_path, text, name="bad.aug"):
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    proc = subprocess.run(
        [auger_bin(), "check", "--format", "sarif", name],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )
    # Machine-readable reports go to stdout (cli.md); accept stderr only if a build put it there.
    out = proc.stdout if proc.stdout.strip() else proc.stderr
    return proc.returncode, json.loads(out)


def test_vendored_schema_is_the_official_sarif_210_schema():
    schema = validate_sarif.load_schema()
    jsonschema.validators.validator_for(schema).check_schema(schema)
    # OASIS SARIF 2.1.0 (Errata 01) publishes its schema in JSON Schema draft-04.
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert schema["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]
    assert len(validate_sarif.SCHEMA_PATH.read_bytes()) == 112768


def test_schema_rejects_broken_sarif():
    # The validator really validates: a log with a bad level and a 0 line is refused.
    log = {
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "auger"}},
            "results": [{
                "message": {"text": "x"},
                "level": "fatal",
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.aug"},
                                                    "region": {"startLine": 0}}}],
            }],
        }],
    }
    errs = validate_sarif.errors(log)
    assert any("fatal" in e for e in errs)
    assert any("startLine" in e for e in errs)
    # URIs are checked too: a raw space is not allowed in artifactLocation.uri.
    log["runs"][0]["results"][0]["level"] = "error"
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"] = {"artifactLocation": {"uri": "a b.aug"}}
    assert any("uri" in e for e in validate_sarif.errors(log))


def test_check_sarif_validates_against_official_schema(tmp_path):
    rc, log = check_sarif(tmp_path, BAD_POLICY)
    assert rc == 1, "errors in the input exit with 1"
    assert validate_sarif.errors(log) == []

    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    assert run["tool"]["driver"]["name"] == "auger"
    assert run["columnKind"] in ("unicodeCodePoints", "utf16CodeUnits")
    rules = run["tool"]["driver"]["rules"]
    assert rules and all(r["defaultConfiguration"]["level"] in ("error", "warning", "note") for r in rules)
    results = run["results"]
    assert results, "a file with errors gives results"
    for r in results:
        assert r["level"] in ("error", "warning", "note")
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["partialFingerprints"]["auger/v1"]
        for loc in r.get("locations", []):
            phys = loc["physicalLocation"]
            assert phys["artifactLocation"]["uri"] == "bad.aug"
            assert phys["region"]["startLine"] >= 1 and phys["region"]["startColumn"] >= 1
    assert any(r["level"] == "error" for r in results)


def test_fingerprints_are_stable_when_lines_move(tmp_path):
    _, first = check_sarif(tmp_path, BAD_POLICY)
    _, moved = check_sarif(tmp_path, "# a comment shifts every line down\n" + BAD_POLICY)
    fps = lambda log: sorted(r["partialFingerprints"]["auger/v1"] for r in log["runs"][0]["results"])
    assert fps(first) == fps(moved)


def test_check_sarif_non_ascii_file_validates(tmp_path):
    rc, log = check_sarif(tmp_path, '# héllo wörld\n' + BAD_POLICY, name="ünïcode.aug")
    assert rc == 1
    assert validate_sarif.errors(log) == []


# Semantic errors whose diagnostics carry a note (the first declaration) and a fix-it (the nearest field kind).
NOTES_AND_FIXES = """\
sample S {
  image: image(rgb)
  image: image(rgb)
  boxes: boxs(xyxy)
}
"""


def test_notes_and_fixits_validate(tmp_path):
    rc, log = check_sarif(tmp_path, NOTES_AND_FIXES, name="sem.aug")
    assert rc == 1
    assert validate_sarif.errors(log) == []
    results = log["runs"][0]["results"]
    related = [loc for r in results for loc in r.get("relatedLocations", [])]
    fixes = [f for r in results for f in r.get("fixes", [])]
    assert related and all("message" in loc for loc in related)
    assert fixes
    for f in fixes:
        for change in f["artifactChanges"]:
            assert change["artifactLocation"]["uri"] == "sem.aug"
            for rep in change["replacements"]:
                region = rep["deletedRegion"]
                assert region["startLine"] <= region["endLine"]


def test_unreadable_file_has_a_file_level_location(tmp_path):
    # QA: E0002 (a file that could not be read) had no `locations`; code scanning wants one per result. The file is
    # named as an artifact without a region (it has no lines to point at), and JSON's `file` names it too.
    proc = subprocess.run([auger_bin(), "check", "--format", "sarif", "missing.aug", "also missing.aug"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    log = json.loads(proc.stdout)
    assert validate_sarif.errors(log) == []
    run = log["runs"][0]
    assert [r["ruleId"] for r in run["results"]] == ["E0002", "E0002"]
    uris = []
    for r in run["results"]:
        [loc] = r["locations"]
        art = loc["physicalLocation"]["artifactLocation"]
        assert "region" not in loc["physicalLocation"]
        assert run["artifacts"][art["index"]]["location"]["uri"] == art["uri"]
        uris.append(art["uri"])
    assert uris == ["missing.aug", "also%20missing.aug"]
    fps = {r["partialFingerprints"]["auger/v1"] for r in run["results"]}
    assert len(fps) == 2, "two unreadable files are two findings"
    j = subprocess.run([auger_bin(), "check", "--format", "json", "missing.aug"], cwd=tmp_path, capture_output=True,
                       text=True, timeout=60)
    [d] = json.loads(j.stdout)["diagnostics"]
    assert d["code"] == "E0002" and d["file"] == "missing.aug" and d["line"] is None
