"""`auger lint` end to end: the examples and the stdlib lint clean, SARIF 2.1.0 is valid with AUG rule ids and stable
fingerprints, --select/--ignore and allow comments work, exit codes follow cli.md, docs/lint.md is current, and
every prelude op declares its cost."""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.aug"))

SMELLY = """\
sample Photo {
  image: image(rgb)
  label: class(10)
}

policy train(unused: float in [0, 1] = 0.5) on Photo {
  random_resized_crop(size: 224)
  solarize(threshold: 0) @p(0.2)
  hflip() @p(0.5)
  hflip() @p(0.5)
  equalize() @p(0)
}
"""


def lint(auger, *args, cwd=None):
    return subprocess.run([auger, "lint", *map(str, args)], capture_output=True, text=True, cwd=cwd)


def codes(out):
    return [d["code"] for d in json.loads(out)["diagnostics"]]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_lints_clean(auger, path):
    r = lint(auger, "--format", "json", "--werror", path, cwd=ROOT)
    assert r.returncode == 0, r.stdout + r.stderr
    assert json.loads(r.stdout)["diagnostics"] == []


def test_stdlib_transforms_lint_clean(auger, tmp_path):
    # Every std transform at its defaults, and RandAugment at its extremes: nothing inside the stdlib is reported.
    policy = tmp_path / "std.aug"
    policy.write_text("""\
import std.vision
import std.audio
import std.text
sample Photo {
  image: image(rgb)
  label: class(10)
}
sample Clip {
  audio: audio(16kHz, mono)
  label: class(10)
}
sample Line {
  text: text(en)
  label: class(4)
}
policy vision(m: int in 0..30 = 30) on Photo {
  rand_augment(magnitude: m)
  trivial_augment()
  auto_augment(policy: imagenet)
  auto_augment(policy: cifar10)
  auto_augment(policy: svhn)
  color_jitter(brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1)
}
policy audio on Clip {
  melspec(n_mels: 80, win: 25ms, hop: 10ms, n_fft: 512, log: true)
  spec_augment()
}
policy text on Line {
  eda()
}
""")
    r = lint(auger, "--format", "json", policy)
    assert r.returncode == 0, r.stdout + r.stderr
    assert codes(r.stdout) == []


def test_sarif_is_valid_with_aug_rules(auger, tmp_path):
    policy = tmp_path / "smelly.aug"
    policy.write_text(SMELLY)
    r = lint(auger, "--format", "sarif", policy)
    assert r.returncode == 1  # AUG101 is an error
    out = tmp_path / "lint.sarif"
    out.write_text(r.stdout)
    subprocess.run([sys.executable, str(ROOT / "tests" / "diag" / "validate_sarif.py"), str(out)], check=True)
    log = json.loads(r.stdout)
    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    rules = run["tool"]["driver"]["rules"]
    lint_rules = [x for x in rules if x["id"].startswith("AUG")]
    assert lint_rules and all(re.fullmatch(r"AUG\d{3}", x["id"]) for x in lint_rules)
    for rule in lint_rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["helpUri"].endswith("lint.md#" + rule["id"].lower())
    found = {(res["ruleId"], res["locations"][0]["physicalLocation"]["region"]["startLine"]) for res in run["results"]}
    assert found == {("AUG301", 6), ("AUG101", 8), ("AUG202", 10), ("AUG201", 11)}
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert re.fullmatch(r"[0-9a-f]{16}", res["partialFingerprints"]["auger/lint/v1"])


def fingerprints(auger, path, cwd):
    r = lint(auger, "--format", "sarif", path, cwd=cwd)
    return sorted((res["ruleId"], res["partialFingerprints"]["auger/lint/v1"])
                  for res in json.loads(r.stdout)["runs"][0]["results"])


def test_fingerprints_survive_moves_and_other_checkouts(auger, tmp_path):
    a = tmp_path / "a"
    a.mkdir()
    (a / "p.aug").write_text(SMELLY)
    base = fingerprints(auger, "p.aug", a)
    # The same file through an absolute path, and from another folder (another checkout).
    assert fingerprints(auger, a / "p.aug", a) == base
    b = tmp_path / "b"
    b.mkdir()
    (b / "p.aug").write_text(SMELLY)
    assert fingerprints(auger, "p.aug", b) == base
    # Lines inserted above: every finding moves down, no fingerprint changes.
    (b / "p.aug").write_text(SMELLY.replace("sample Photo", "# a comment\n\n\nsample Photo"))
    assert fingerprints(auger, "p.aug", b) == base


def test_select_ignore_and_unknown_rules(auger, tmp_path):
    policy = tmp_path / "smelly.aug"
    policy.write_text(SMELLY)
    assert codes(lint(auger, "--format", "json", "--select", "AUG2", policy).stdout) == ["AUG202", "AUG201"]
    r = lint(auger, "--format", "json", "--ignore", "AUG101,unused-parameter", policy)
    assert r.returncode == 0  # warnings only
    assert codes(r.stdout) == ["AUG202", "AUG201"]
    assert lint(auger, "--format", "json", "--ignore", "AUG1", "--werror", policy).returncode == 1
    r = lint(auger, "--select", "AUG999", policy)
    assert r.returncode == 2 and "AUG999" in r.stderr


def test_allow_comments(auger, tmp_path):
    policy = tmp_path / "allowed.aug"
    text = SMELLY.replace("solarize(threshold: 0) @p(0.2)", "solarize(threshold: 0) @p(0.2)  # auger: allow(AUG101)")
    text = text.replace("  hflip() @p(0.5)\n  hflip() @p(0.5)\n",
                        "  hflip() @p(0.5)\n  # auger: allow(AUG202, never-runs)\n  hflip() @p(0.5)\n")
    policy.write_text(text)
    r = lint(auger, "--format", "json", policy)
    assert r.returncode == 0
    assert codes(r.stdout) == ["AUG301", "AUG201"]


def test_check_errors_are_reported_and_not_linted(auger, tmp_path):
    policy = tmp_path / "broken.aug"
    policy.write_text(SMELLY.replace("hflip() @p(0.5)\n  hflip()", "hflip() @p(1.5)\n  hflip()"))
    r = lint(auger, "--format", "json", policy)
    assert r.returncode == 1
    assert codes(r.stdout) == ["E0309", "W0802"]  # not linted: check's own W0802 stays


def test_w0802_is_reported_once_as_aug201(auger, tmp_path):
    policy = tmp_path / "p0.aug"
    policy.write_text(SMELLY)
    r = lint(auger, "--format", "brief", "--select", "never-runs", policy)
    assert "[AUG201]" in r.stderr and "W0802" not in r.stderr


def test_text_output_has_frames_and_help(auger, tmp_path):
    policy = tmp_path / "smelly.aug"
    policy.write_text(SMELLY)
    r = lint(auger, "--color", "never", policy)
    assert "error[AUG101]: `solarize(threshold: 0)` inverts every pixel" in r.stderr
    assert f"--> {policy}:8:23" in r.stderr
    assert "= help: write `invert()`" in r.stderr
    assert "lint: 1 error, 3 warnings." in r.stderr


def test_help_explains(auger):
    r = subprocess.run([auger, "lint", "--help"], capture_output=True, text=True)
    assert r.returncode == 0
    for word in ("--select", "--ignore", "--budget-ms", "--format", "allow(AUG103)", "Exit codes"):
        assert word in r.stdout


def test_lint_doc_is_generated_from_the_rules(auger):
    out = subprocess.run([auger, "lint", "--list-rules", "--format", "markdown"], capture_output=True, text=True,
                         check=True).stdout
    committed = (ROOT / "docs" / "lint.md").read_text()
    assert out == committed, "docs/lint.md is stale: run `build/tools/auger lint --list-rules --format markdown > docs/lint.md`"


def test_every_rule_has_a_lit_test():
    lit = "\n".join(p.read_text() for p in (ROOT / "tests" / "lit" / "lint").glob("*.aug"))
    doc = (ROOT / "docs" / "lint.md").read_text()
    for code in re.findall(r"^### (AUG\d{3})", doc, re.M):
        assert f"[{code}]" in lit, f"{code} has no lit test under tests/lit/lint"


COST_UNITS = {"per_pixel", "per_sample", "per_bin", "per_token"}


def test_every_prelude_op_declares_its_cost():
    for prims in sorted((ROOT / "stdlib" / "std").glob("prims_*.aug")):
        decls = re.split(r"\n(?=op )", prims.read_text())[1:]
        for decl in decls:
            name = decl[3:].split("(")[0].strip()
            m = re.search(r"cost \{([^}]*)\}", decl)
            assert m, f"{name} ({prims.name}) declares no cost"
            units = {u.split(":")[0].strip() for u in m.group(1).split() if ":" in u}
            assert units and units <= COST_UNITS, f"{name}: cost units {units} (known: {COST_UNITS})"


def test_allow_comments_survive_fmt(auger, tmp_path):
    # QA: `auger fmt` wrapped a >100-column statement so the flagged argument moved to a line of its own, away
    # from its trailing allow (or the allow above the statement), and the finding came back.
    flagged = "random_erasing(ratio: [0.3, 3.3], value: 0, scale: [0.5, 0.9]) @p(0.123456789123456789123456789123)"
    policy = tmp_path / "allowed.aug"
    policy.write_text("sample P { image: image(rgb) }\npolicy train on P {\n  random_resized_crop(size: 224)\n"
                      f"  {flagged}  # auger: allow(AUG103)\n  # auger: allow(AUG103)\n  {flagged}\n}}\n")
    assert codes(lint(auger, "--format", "json", policy).stdout) == []
    formatted = subprocess.run([auger, "fmt", policy], capture_output=True, text=True)
    assert formatted.returncode == 0, formatted.stderr
    text = policy.read_text()
    assert "\n                 scale: [0.5, 0.9])" in text  # wrapped: the flagged argument is on a line of its own
    r = lint(auger, "--format", "json", policy)
    assert r.returncode == 0 and codes(r.stdout) == [], text + r.stdout


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_list_rules_in_each_format(auger, fmt):
    r = subprocess.run([auger, "lint", "--list-rules", "--format", fmt], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    doc = (ROOT / "docs" / "lint.md").read_text()
    documented = re.findall(r"^### (AUG\d{3})", doc, re.M)
    out = json.loads(r.stdout)
    if fmt == "json":
        listed = [rule["code"] for rule in out["rules"]]
        assert all(rule["help_uri"].endswith("lint.md#" + rule["code"].lower()) for rule in out["rules"])
    else:
        run = out["runs"][0]
        assert out["version"] == "2.1.0" and run["results"] == []
        listed = [rule["id"] for rule in run["tool"]["driver"]["rules"] if rule["id"].startswith("AUG")]
    assert listed == documented
