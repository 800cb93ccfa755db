"""auger.search: the same search with a Python objective that receives the policy bound to the trial's arguments."""
import json
import os

import numpy as np
import pytest

import auger


def bound(policy):
    """The arguments a policy was loaded with, from its identity: {"magnitude": "12", ...} (--set text)."""
    return dict(s.split("=", 1) for s in policy.identity["set"])


def test_grid_finds_the_optimum(policy_file):
    out = auger.search(policy_file, "only_int", lambda p: -(int(bound(p)["magnitude"]) - 17) ** 2, trials=31,
                       strategy="grid")
    assert out["best"] == {"args": {"magnitude": 17}, "score": 0}
    assert [t["args"]["magnitude"] for t in out["trials"]] == list(range(31))
    assert set(out["trials"][0]) == {"args", "score", "seconds"}


def test_the_objective_gets_a_bound_policy_that_runs_without_compiling(policy_file, tmp_path):
    from PIL import Image
    folder = tmp_path / "data" / "a"
    folder.mkdir(parents=True)
    rng = np.random.default_rng(0)
    for i in range(4):
        Image.fromarray(rng.integers(0, 255, (40, 48, 3), dtype=np.uint8)).save(folder / f"{i}.png")
    seen = []

    def objective(policy):
        args = bound(policy)
        seen.append(args)
        image = rng.integers(0, 255, (32, 32, 3), dtype=np.uint8)
        out = policy.apply({"image": image, "label": 1}, key="k", epoch=0)
        loader = auger.Loader(policy, source=tmp_path / "data", batch_size=2, numpy=True)
        for _ in loader:
            pass
        assert loader.metrics()["kernels_compiled"] == 0  # binding arguments compiles nothing
        return float(out["image"].mean())

    out = auger.search(policy_file, "train", objective, trials=4, strategy="random", seed=5)
    assert len(seen) == 4 and all(t["score"] is not None for t in out["trials"]), out
    for args, trial in zip(seen, out["trials"]):
        assert args["magnitude"] == str(trial["args"]["magnitude"])
        assert args["angle"].endswith("deg")


def test_same_trials_as_the_cli(policy_file, auger_bin):
    import subprocess
    cli = json.loads(subprocess.run([auger_bin, "search", str(policy_file), "--policy", "train", "--trials", "5",
                                     "--seed", "11", "--json", "--eval", "echo 1"], capture_output=True, text=True,
                                    check=True, timeout=120).stdout)
    py = auger.search(policy_file, "train", lambda p: 1.0, trials=5, seed=11)
    assert [t["args"] for t in py["trials"]] == [t["args"] for t in cli["trials"]]


def test_failures_are_recorded_and_minimize(policy_file):
    def objective(policy):
        m = int(bound(policy)["magnitude"])
        if m == 3:
            raise RuntimeError("diverged")
        if m == 4:
            return float("nan")
        return (m - 6) ** 2

    out = auger.search(policy_file, "only_int", objective, trials=31, strategy="grid", minimize=True)
    by_m = {t["args"]["magnitude"]: t for t in out["trials"]}
    assert by_m[3]["score"] is None and "RuntimeError: diverged" in by_m[3]["error"]
    assert by_m[4]["score"] is None and "nan" in by_m[4]["error"]
    assert out["best"] == {"args": {"magnitude": 6}, "score": 0}


def test_keyboard_interrupt_stops_the_search(policy_file):
    calls = []

    def objective(policy):
        calls.append(1)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        auger.search(policy_file, "only_int", objective, trials=5)
    assert len(calls) == 1


def test_fixed_and_storage(policy_file, tmp_path):
    url = f"sqlite:///{tmp_path / 'py.db'}"
    first = auger.search(policy_file, "train", lambda p: float(bound(p)["p"]), trials=3, strategy="tpe",
                         storage=url, fixed={"magnitude": 4})
    out = auger.search(policy_file, "train", lambda p: float(bound(p)["p"]), trials=6, strategy="tpe",
                       storage=url, fixed={"magnitude": 4})
    assert len(first["trials"]) == 3 and len(out["trials"]) == 6
    assert all("magnitude" not in t["args"] for t in out["trials"])  # fixed, not searched
    assert out["best"]["score"] == max(t["score"] for t in out["trials"])


def test_errors(policy_file, tmp_path):
    with pytest.raises(auger.Error, match="nothing to search"):
        auger.search(policy_file, "nothing", lambda p: 1.0, trials=2)
    bad = tmp_path / "bad.aug"
    bad.write_text("policy oops(\n")
    with pytest.raises(auger.Error):
        auger.search(bad, None, lambda p: 1.0, trials=2)
    with pytest.raises(auger.Error, match="strategy"):
        auger.search(policy_file, "train", lambda p: 1.0, trials=2, strategy="bayes")
    with pytest.raises(TypeError):
        auger.search(policy_file, "train", trials=2)


def test_a_string_set_domain_binds_its_members(tmp_path):
    # Each member of `string in {...}` is a trial the policy accepts (the CLI's and Python's checks are one).
    aug = tmp_path / "strings.aug"
    aug.write_text('sample S { text: text(en) }\n'
                   'policy train(s: string in {"es", "de"} = "es") on S {\n  back_translate(via: s)\n}\n')
    out = auger.search(str(aug), "train", lambda p: 1.0, trials=2, strategy="grid")
    assert [t["args"]["s"] for t in out["trials"]] == ["es", "de"]
    assert all(t["score"] == 1.0 for t in out["trials"]), out


def test_progress_numbers_trials_from_0_as_the_cli(policy_file, capsys):
    auger.search(policy_file, "only_int", lambda p: 1.0, trials=2, strategy="grid", progress=True)
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(":")[0] for line in lines] == ["trial 0 (1/2)", "trial 1 (2/2)"]
