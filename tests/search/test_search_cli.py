"""`auger search` (cli.md "auger search"): strategies, scores, failures, substitution, storage, output shapes."""
import json
import os
import shlex
import subprocess
import sys
import time

import pytest

from conftest import result

PEAK = "print(-(args['magnitude'] - 17) ** 2)\n"


def test_grid_finds_the_optimum_of_an_int_domain(search, script):
    out = result(search("--policy", "only_int", "--strategy", "grid", "--trials", 31, "--json",
                        "--eval", script(PEAK)))
    assert out["best"] == {"args": {"magnitude": 17}, "score": 0}
    assert [t["args"]["magnitude"] for t in out["trials"]] == list(range(31))  # every value, in order


def test_json_shape(search, script):
    out = result(search("--policy", "train", "--strategy", "random", "--trials", 4, "--json", "--eval",
                        script("print(args['p'])\n")))
    assert set(out) == {"best", "trials"}
    assert set(out["best"]) == {"args", "score"}
    assert len(out["trials"]) == 4
    for t in out["trials"]:
        assert set(t) == {"args", "score", "seconds"}
        assert set(t["args"]) == {"magnitude", "p", "angle", "interp", "expand"}
        assert isinstance(t["args"]["magnitude"], int) and isinstance(t["args"]["expand"], bool)
        assert t["args"]["interp"] in ("nearest", "bilinear", "bicubic") and -30 <= t["args"]["angle"] <= 30
        assert t["score"] == t["args"]["p"] and t["seconds"] >= 0
    assert out["best"]["score"] == max(t["score"] for t in out["trials"])


def test_grid_covers_enums_bools_and_spaces_floats(search, script):
    out = result(search("--policy", "train", "--strategy", "grid", "--trials", 200, "--json", "--set",
                        "magnitude=3", "--eval", script("print(1 if args['magnitude'] == 3 else 'x')\n")))
    trials = [t["args"] for t in out["trials"]]
    assert {a["interp"] for a in trials} == {"nearest", "bilinear", "bicubic"}
    assert {a["expand"] for a in trials} == {False, True}
    ps = sorted({a["p"] for a in trials})
    assert ps[0] == 0 and ps[-1] == 1 and len(ps) >= 3  # evenly spaced, both ends included
    assert len(trials) <= 200 and len({json.dumps(a, sort_keys=True) for a in trials}) == len(trials)
    # --set fixes a parameter: not searched (not in the report), passed to every trial (each one scored)
    assert all("magnitude" not in a for a in trials) and all(t["score"] == 1 for t in out["trials"])


def test_random_is_reproducible_by_seed(search, script):
    cmd = script("print(args['p'])\n")
    a = result(search("--strategy", "random", "--trials", 6, "--seed", 7, "--json", "--policy", "train", "--eval", cmd))
    b = result(search("--strategy", "random", "--trials", 6, "--seed", 7, "--json", "--policy", "train", "--eval", cmd))
    c = result(search("--strategy", "random", "--trials", 6, "--seed", 8, "--json", "--policy", "train", "--eval", cmd))
    args = lambda r: [t["args"] for t in r["trials"]]  # noqa: E731
    assert args(a) == args(b) and args(a) != args(c)


def test_minimize(search, script):
    out = result(search("--policy", "only_int", "--strategy", "grid", "--trials", 31, "--minimize", "--json",
                        "--eval", script("print((args['magnitude'] - 5) ** 2 + 1)\n")))
    assert out["best"] == {"args": {"magnitude": 5}, "score": 1}


def test_failing_and_timed_out_trials_are_recorded(search, script):
    body = """\
    import time
    m = args['magnitude']
    if m == 1: sys.exit(3)
    if m == 2: print("no number here")
    elif m == 3: time.sleep(30)
    elif m == 4: print("boom", file=sys.stderr); sys.exit(1)
    else: print("loss", m)
    """
    t0 = time.monotonic()
    out = result(search("--policy", "only_int", "--strategy", "grid", "--trials", 31, "--timeout", 2, "--json",
                        "--eval", script(body)))
    assert time.monotonic() - t0 < 25  # the sleeping trial was killed, not waited for
    by_m = {t["args"]["magnitude"]: t for t in out["trials"]}
    assert len(by_m) == 31
    assert by_m[1]["score"] is None and "exit status 3" in by_m[1]["error"]
    assert by_m[2]["score"] is None and "no number" in by_m[2]["error"]
    assert by_m[3]["score"] is None and "timed out" in by_m[3]["error"]
    assert by_m[4]["score"] is None and "boom" in by_m[4]["error"]
    assert by_m[5]["score"] == 5 and by_m[0]["score"] == 0
    assert out["best"] == {"args": {"magnitude": 30}, "score": 30}


def test_every_trial_failing_exits_3(search):
    proc = search("--policy", "only_int", "--trials", 2, "--json", "--eval", "exit 1")
    assert proc.returncode == 3
    out = json.loads(proc.stdout)
    assert out["best"] is None and all(t["score"] is None for t in out["trials"])


def test_env_vars_and_args_substitution(search, tmp_path, policy_file):
    log = tmp_path / "log.jsonl"
    show = tmp_path / "show.py"
    show.write_text("import json, os, sys\n"
                    f"open({str(log)!r}, 'a').write(json.dumps({{'argv': sys.argv[1:], "
                    "'args': json.loads(os.environ['AUGER_TRIAL_ARGS']), 'set': os.environ['AUGER_TRIAL_SET']}) + '\\n')\n"
                    "print(0.5)\n")
    out = result(search("--policy", "train", "--trials", 3, "--json", "--eval",
                        f"{sys.executable} {show} {{policy}} {{args}}"))
    lines = [json.loads(x) for x in log.read_text().splitlines()]
    assert len(lines) == 3
    for line, trial in zip(lines, out["trials"]):
        assert line["args"] == trial["args"]
        assert line["argv"][0] == str(policy_file)
        words = line["argv"][1:]
        assert words == shlex.split(line["set"])
        assert [w.split("=")[0] for w in words] == ["magnitude", "p", "angle", "interp", "expand"]
        assert f"magnitude={trial['args']['magnitude']}" in words
        assert any(w.startswith("angle=") and w.endswith("deg") for w in words)  # the --set form keeps the unit
        # the words are what --set takes: auger apply accepts them
        assert all("=" in w for w in words)


def test_trial_words_are_accepted_by_set(search, auger_bin, policy_file, tmp_path):
    out = result(search("--policy", "train", "--trials", 3, "--json", "--eval", "echo 1"))
    for t in out["trials"]:
        words = [f"{k}={str(v).lower() if isinstance(v, bool) else v}" for k, v in t["args"].items()]
        words = [w + "deg" if w.startswith("angle=") else w for w in words]
        sets = sum((["--set", w] for w in words), [])
        proc = subprocess.run([auger_bin, "explain", str(policy_file), "--policy", "train", "--emit", "plan", *sets],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr


def test_table_and_progress(search, script):
    proc = search("--policy", "only_int", "--strategy", "grid", "--trials", 31, "--eval", script(PEAK))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].split() == ["trial", "magnitude", "seconds", "score"]
    assert any(line.startswith("17*") for line in lines)
    assert lines[-1].startswith("best: trial 17, score 0:") and lines[-1].endswith("magnitude=17")
    assert "trial 30 (31/31): magnitude=" in proc.stderr and "best 0" in proc.stderr


def test_usage_errors(search, script):
    nothing = search("--policy", "nothing", "--trials", 3, "--eval", "echo 1")
    assert nothing.returncode == 2 and "nothing to search" in nothing.stderr
    assert search("--policy", "train", "--trials", 3, "--eval", "echo 1", "--strategy", "bayes").returncode == 2
    assert search("--policy", "train", "--trials", 3).returncode == 2  # --eval is required
    assert search("--policy", "nope", "--trials", 3, "--eval", "echo 1").returncode == 2
    assert search("--policy", "train", "--trials", 3, "--eval", "echo 1", "--set", "magnitude=99").returncode == 1


def test_missing_optuna_is_a_usage_error_naming_the_package(auger_bin, policy_file, tmp_path):
    no_site = tmp_path / "python-without-optuna"
    no_site.write_text(f"#!/bin/sh\nexec {sys.executable} -S \"$@\"\n")  # -S: no dist-packages, so no optuna
    no_site.chmod(0o755)
    env = dict(os.environ, AUGER_PYTHON=str(no_site))
    proc = subprocess.run([auger_bin, "search", str(policy_file), "--policy", "only_int", "--strategy", "tpe",
                           "--trials", "2", "--eval", "echo 1"], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 2
    assert "optuna" in proc.stderr and "python3-optuna" in proc.stderr


@pytest.mark.parametrize("strategy", ["tpe", "evolution"])
def test_optuna_strategies_find_a_good_point(search, script, strategy):
    out = result(search("--policy", "only_int", "--strategy", strategy, "--trials", 25, "--seed", 1, "--json",
                        "--eval", script(PEAK)))
    assert len(out["trials"]) == 25
    assert out["best"]["score"] >= -16  # within 4 of the peak at 17 in 25 trials of 31 values


def test_tpe_is_reproducible_by_seed_in_memory(search, script):
    run = lambda: result(search("--policy", "train", "--strategy", "tpe", "--trials", 12, "--seed", 3,  # noqa: E731
                                "--json", "--eval", script("print(args['p'])\n")))
    assert [t["args"] for t in run()["trials"]] == [t["args"] for t in run()["trials"]]


def test_storage_resumes(search, script, tmp_path):
    url = f"sqlite:///{tmp_path / 'study.db'}"
    cmd = script(PEAK)
    first = result(search("--policy", "only_int", "--strategy", "tpe", "--trials", 5, "--storage", url, "--json",
                          "--eval", cmd))
    assert len(first["trials"]) == 5
    second = search("--policy", "only_int", "--strategy", "tpe", "--trials", 10, "--storage", url, "--json",
                    "--eval", cmd)
    out = result(second)
    assert len(out["trials"]) == 10  # the study's ten: five earlier, five new
    assert out["trials"][:5] == first["trials"]
    # Progress numbers the trials as the study does (from 0: this run's are 5..9) and counts this run's five.
    assert second.stderr.count("trial ") == 5 and "trial 9 (5/5): " in second.stderr
    again = result(search("--policy", "only_int", "--strategy", "random", "--trials", 10, "--storage", url,
                          "--json", "--eval", cmd))
    assert len(again["trials"]) == 10  # already done: nothing more runs


def test_two_processes_share_one_study(auger_bin, policy_file, script, tmp_path):
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    cmd = script("import time\ntime.sleep(0.2)\n" + PEAK)
    argv = [auger_bin, "search", str(policy_file), "--policy", "only_int", "--strategy", "random", "--trials", "12",
            "--storage", url, "--study", "shared", "--json", "--eval", cmd]
    procs = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1] for o in outs]
    ran = [o[1].count("trial ") for o in outs]
    assert all(n >= 1 for n in ran), ran  # both worked on it
    assert 12 <= sum(ran) <= 14  # about --trials in all (two asks may race at the end)
    final = result(subprocess.run(argv, capture_output=True, text=True, timeout=300))  # runs none: reports all
    assert len(final["trials"]) == sum(ran)
    assert final["best"]["score"] == max(t["score"] for t in final["trials"])


def test_grid_with_storage_walks_the_same_grid(search, script, tmp_path):
    url = f"sqlite:///{tmp_path / 'grid.db'}"
    out = result(search("--policy", "only_int", "--strategy", "grid", "--trials", 31, "--storage", url, "--json",
                        "--eval", script(PEAK)))
    assert sorted(t["args"]["magnitude"] for t in out["trials"]) == list(range(31))
    assert out["best"] == {"args": {"magnitude": 17}, "score": 0}


def test_plot(search, script, tmp_path):
    png = tmp_path / "plot.png"
    proc = search("--policy", "train", "--trials", 6, "--plot", png, "--eval", script("print(args['p'])\n"))
    assert proc.returncode == 0, proc.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
