"""`auger search` trials as processes and the search's edges (docs/search.md): a trial ends when its shell exits,
stdout is kept as a bounded tail, string set domains, usage refused up front, an interrupted search's report, and
trial numbers counted from 0 everywhere."""
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import result

STRINGS = """\
sample S { text: text(en) }
policy train(s: string in {"es", "de"} = "es") on S {
  back_translate(via: s)
}
"""


@pytest.fixture
def string_policy(tmp_path):
    path = tmp_path / "strings.aug"
    path.write_text(STRINGS)
    return path


def run_search(auger_bin, policy, *args, timeout=120):
    return subprocess.run([auger_bin, "search", str(policy), *map(str, args)], capture_output=True, text=True,
                          timeout=timeout)


def test_a_background_child_holding_stdout_does_not_hold_the_trial(search):
    t0 = time.monotonic()
    out = result(search("--policy", "only_int", "--trials", 2, "--timeout", 5, "--json",
                        "--eval", "setsid sleep 20 & echo 0.5"))
    assert time.monotonic() - t0 < 10
    assert [t["score"] for t in out["trials"]] == [0.5, 0.5]
    assert all(t["seconds"] < 5 for t in out["trials"])


def test_a_background_child_without_timeout_does_not_hold_the_search(search):
    t0 = time.monotonic()
    out = result(search("--policy", "only_int", "--trials", 1, "--json", "--eval", "(sleep 20; echo 9) & echo 0.25"))
    assert time.monotonic() - t0 < 10
    assert out["trials"][0]["score"] == 0.25  # the group's leftovers are killed; their late output is not read


def test_a_timed_out_trial_is_killed_on_time_even_with_a_setsid_child(search):
    t0 = time.monotonic()
    proc = search("--policy", "only_int", "--trials", 1, "--timeout", 1, "--json",
                  "--eval", "setsid sleep 20 & sleep 20; echo 1")
    assert time.monotonic() - t0 < 10
    assert proc.returncode == 3  # every trial failed
    out = json.loads(proc.stdout)
    assert out["trials"][0]["score"] is None and "timed out" in out["trials"][0]["error"]


def test_stdout_is_kept_as_a_tail_not_whole(auger_bin, policy_file):
    # 100 MB on stdout before the score: the search keeps a bounded tail, so its peak memory grows far less than
    # that over a search whose trial prints one line (it held the whole output before: +388 MB). Measured in a
    # wrapper, whose only waited-for children are these; relative, so a sanitizer's own memory does not count.
    wrapper = ("import resource, subprocess, sys\n"
               "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
               "print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)\n"
               "print(p.stdout)\n")

    def peak_mb(cmd):
        proc = subprocess.run([sys.executable, "-c", wrapper, auger_bin, "search", str(policy_file), "--policy",
                               "only_int", "--trials", "1", "--json", "--eval", cmd],
                              capture_output=True, text=True, timeout=120)
        head, _, body = proc.stdout.partition("\n")
        rc, peak = map(int, head.split())
        assert rc == 0, proc.stdout
        assert json.loads(body)["trials"][0]["score"] == 0.5
        return peak

    quiet = peak_mb("echo 0.5")
    loud = peak_mb("head -c 100000000 /dev/zero | tr '\\0' x; echo; echo 0.5")
    assert loud - quiet < 50, f"peak RSS {loud} MB against {quiet} MB for a one-line trial"


def test_a_string_set_domain_is_searched_and_its_words_taken_by_set(auger_bin, string_policy, tmp_path):
    out = result(run_search(auger_bin, string_policy, "--strategy", "grid", "--trials", 2, "--json",
                            "--eval", "echo $AUGER_TRIAL_SET; echo 1"))
    assert [t["args"]["s"] for t in out["trials"]] == ["es", "de"]
    assert all(t["score"] == 1 for t in out["trials"])
    # The bare word is what --set takes (a quoted literal too); a value outside the set is refused.
    for word in ["s=de", 's="de"']:
        proc = subprocess.run([auger_bin, "explain", str(string_policy), "--emit", "plan", "--set", word],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
    proc = subprocess.run([auger_bin, "explain", str(string_policy), "--emit", "plan", "--set", "s=fr"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "domain" in proc.stderr


def test_short_policy_option(search):
    assert result(search("-p", "only_int", "--trials", 1, "--json", "--eval", "echo 1"))["best"]["score"] == 1


@pytest.mark.parametrize("bad", ["", "   "])
def test_an_empty_eval_is_refused_before_any_trial(search, bad):
    proc = search("--policy", "only_int", "--trials", 3, "--eval", bad)
    assert proc.returncode == 2 and "--eval is empty" in proc.stderr
    assert "trial 0" not in proc.stderr


def test_a_plot_folder_that_does_not_exist_is_refused_before_any_trial(search, tmp_path):
    marker = tmp_path / "ran"
    proc = search("--policy", "only_int", "--trials", 3, "--plot", tmp_path / "nope" / "x.png",
                  "--eval", f"touch {marker}; echo 1")
    assert proc.returncode == 2 and "does not exist" in proc.stderr
    assert not marker.exists()


@pytest.mark.parametrize("sig,code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_an_interrupted_search_reports_its_finished_trials(auger_bin, policy_file, sig, code):
    proc = subprocess.Popen([auger_bin, "search", str(policy_file), "--policy", "only_int", "--trials", "100", "--json",
                             "--eval", "sleep 0.2; echo 1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    time.sleep(1.5)
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == code, err
    trials = json.loads(out)["trials"]
    assert 1 <= len(trials) < 100 and all(t["score"] == 1 for t in trials)  # the killed trial is not reported
    assert "interrupted" in err


def test_trials_are_numbered_from_0_in_progress_table_and_best(search):
    proc = search("--policy", "only_int", "--strategy", "grid", "--trials", 3, "--eval",
                  "echo $AUGER_TRIAL_ARGS | tr -dc 0-9")
    assert proc.returncode == 0, proc.stderr
    progress = [line.split(":")[0] for line in proc.stderr.splitlines() if line.startswith("trial ")]
    assert progress == ["trial 0 (1/3)", "trial 1 (2/3)", "trial 2 (3/3)"]
    rows = [line.split()[0].rstrip("*") for line in proc.stdout.splitlines()[1:-1]]
    assert rows == ["0", "1", "2"]
    best = proc.stdout.splitlines()[-1]
    best_row = next(line for line in proc.stdout.splitlines() if line.split()[0].endswith("*"))
    assert best.startswith(f"best: trial {best_row.split()[0].rstrip('*')},")


def test_ctrl_c_to_the_whole_group_with_an_optuna_study(auger_bin, policy_file, tmp_path):
    # A terminal's Ctrl-C reaches the Optuna driver too: the search still reports, and the driver ends quietly.
    url = f"sqlite:///{tmp_path / 'study.db'}"
    proc = subprocess.Popen([auger_bin, "search", str(policy_file), "--policy", "only_int", "--strategy", "tpe",
                             "--storage", url, "--trials", "100", "--json", "--eval", "sleep 0.2; echo 1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(4)
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert 1 <= len(json.loads(out)["trials"]) < 100
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
